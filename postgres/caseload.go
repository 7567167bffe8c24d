package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/internal/dbtext"
	"github.com/linkway/linkway/internal/like"
)

// searchKeys are the columns beside a person's record that the caseload
// searches on.
type searchKeys struct {
	name, nhs, dob string
}

func searchKeysOf(p *casework.Person) searchKeys {
	return searchKeys{name: casework.FoldName(p.Name), nhs: p.NHSNumber, dob: dbtext.Date(p.DateOfBirth)}
}

// caseloadOrder is the ORDER BY of each [casework.CaseloadSort]. Each
// ends with the id, so that paging never repeats or skips a person whose
// sort key ties with another's. The people_team_* indexes of 0002 lead
// with the team and hold each key and the name.
var caseloadOrder = map[casework.CaseloadSort]string{
	casework.SortName:        `p.search_name, p.id`,
	casework.SortReviewDue:   `coalesce(p.review_date, '') = '', p.review_date, p.search_name, p.id`,
	casework.SortLastContact: `p.last_contact, p.search_name, p.id`,
	casework.SortStatus:      `CASE p.status WHEN 'new' THEN 0 WHEN 'active' THEN 1 WHEN 'on_hold' THEN 2 ELSE 3 END, p.search_name, p.id`,
	casework.SortNewest:      `p.created_at DESC, p.id DESC`,
}

// peopleWhere is the WHERE clause of a caseload filter, its arguments
// added to a.
func peopleWhere(f casework.PeopleFilter, a *params) string {
	where := []string{"p.team_id = " + a.add(f.TeamID)}
	if f.LinkWorker != 0 {
		where = append(where, "p.link_worker = "+a.add(f.LinkWorker))
	}
	if len(f.Statuses) > 0 {
		statuses := make([]string, len(f.Statuses))
		for i, s := range f.Statuses {
			statuses[i] = string(s)
		}
		where = append(where, "p.status = ANY ("+a.add(statuses)+")")
	}
	for _, w := range f.Search.NameWords {
		where = append(where, `p.search_name LIKE `+a.add(like.Contains(w))+` ESCAPE '\'`)
	}
	if f.Search.NHSNumber != "" {
		where = append(where, "p.nhs_number = "+a.add(f.Search.NHSNumber))
	}
	if !f.Search.DateOfBirth.IsZero() {
		where = append(where, "p.date_of_birth = "+a.add(dbtext.Date(f.Search.DateOfBirth)))
	}
	switch f.ReviewDue {
	case casework.ReviewOverdue:
		where = append(where, "p.status <> 'discharged'", "p.review_date <> ''", "p.review_date < "+a.add(dbtext.Date(f.Today)))
	case casework.ReviewSoon:
		where = append(where, "p.status <> 'discharged'", "p.review_date >= "+a.add(dbtext.Date(f.Today)),
			"p.review_date <= "+a.add(dbtext.Date(f.Today.AddDate(0, 0, casework.ReviewSoonDays))))
	}
	return strings.Join(where, "\n\t\tAND ")
}

// People lists the team's people that f chooses, in f's order (by name
// unless it says otherwise), f.Limit at a time from f.Offset.
func (db *DB) People(ctx context.Context, f casework.PeopleFilter) ([]casework.PersonSummary, error) {
	var a params
	where := peopleWhere(f, &a)
	order, ok := caseloadOrder[f.Sort]
	if !ok {
		order = caseloadOrder[casework.SortName]
	}
	var limit any // NULL: LIMIT ALL
	if f.Limit > 0 {
		limit = f.Limit
	}
	// The page is chosen from the small columns first and only its rows'
	// records are read, as in package sqlite: sorting or skipping whole
	// records (a kilobyte of JSON each) is what makes late pages slow.
	// The outer ORDER BY repeats the inner one, since a join keeps no
	// order of its own; it sorts one page.
	rows, err := db.pool.Query(ctx, `SELECT p.record, p.contact_count, p.last_contact
		FROM (
			SELECT p.id AS page_id
			FROM people p
			WHERE `+where+`
			ORDER BY `+order+`
			LIMIT `+a.add(limit)+` OFFSET `+a.add(f.Offset)+`
		) page
		JOIN people p ON p.id = page.page_id
		ORDER BY `+order, a...)
	if err != nil {
		return nil, translate(err, "people")
	}
	out, err := pgx.CollectRows(rows, scanPersonSummary)
	return out, translate(err, "people")
}

func scanPersonSummary(r pgx.CollectableRow) (casework.PersonSummary, error) {
	var record, last string
	s := casework.PersonSummary{Person: new(casework.Person)}
	if err := r.Scan(&record, &s.Contacts, &last); err != nil {
		return s, err
	}
	s.LastContact = dbtext.ParseDate(last)
	if err := json.Unmarshal([]byte(record), s.Person); err != nil {
		return s, fmt.Errorf("person record: %w", err)
	}
	return s, nil
}

// CountPeople counts the team's people that f chooses, ignoring its
// order and page: the "of 1,234" of a caseload page.
func (db *DB) CountPeople(ctx context.Context, f casework.PeopleFilter) (int, error) {
	var a params
	where := peopleWhere(f, &a)
	var n int
	err := db.pool.QueryRow(ctx, `SELECT count(*) FROM people p WHERE `+where, a...).Scan(&n)
	return n, translate(err, "people")
}
