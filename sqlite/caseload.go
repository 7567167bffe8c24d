package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/internal/like"
)

// searchKeys are the columns beside a person's record that the caseload
// searches on (see migration 0022).
type searchKeys struct {
	name, nhs, dob string
}

func searchKeysOf(p *casework.Person) searchKeys {
	return searchKeys{name: casework.FoldName(p.Name), nhs: p.NHSNumber, dob: dateText(p.DateOfBirth)}
}

// fillSearchKeys writes the search columns of records stored before
// they existed. Every record has a name, so an empty search_name marks
// one still to fill; once all are filled this is one quick query.
func (db *DB) fillSearchKeys(ctx context.Context) error {
	return db.InTx(ctx, func(tx *Tx) error {
		rows, err := tx.tx.QueryContext(ctx, `SELECT id, record FROM people WHERE search_name = ''`)
		if err != nil {
			return translate(err, "people")
		}
		keys := map[string]searchKeys{}
		for rows.Next() {
			var id, record string
			var p casework.Person
			if err := rows.Scan(&id, &record); err != nil {
				rows.Close()
				return translate(err, "people")
			}
			if err := json.Unmarshal([]byte(record), &p); err != nil {
				rows.Close()
				return fmt.Errorf("sqlite: person %s: %w", id, err)
			}
			keys[id] = searchKeysOf(&p)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return translate(err, "people")
		}
		for id, k := range keys {
			if _, err := tx.exec(ctx, `UPDATE people SET search_name = ?, nhs_number = ?, date_of_birth = ? WHERE id = ?`, k.name, k.nhs, k.dob, id); err != nil {
				return translate(err, "people")
			}
		}
		return nil
	})
}

// caseloadOrder is the ORDER BY of each [casework.CaseloadSort]. Each
// ends with the rowid, so that paging never repeats or skips a person
// whose sort key ties with another's; the indexes of migration 0022 hold
// it, so the name orders need no sorting at all.
var caseloadOrder = map[casework.CaseloadSort]string{
	casework.SortName:        `p.search_name, p.rowid`,
	casework.SortReviewDue:   `coalesce(p.review_date, '') = '', p.review_date, p.search_name, p.rowid`,
	casework.SortLastContact: `p.last_contact, p.search_name, p.rowid`,
	casework.SortStatus:      `CASE p.status WHEN 'new' THEN 0 WHEN 'active' THEN 1 WHEN 'on_hold' THEN 2 ELSE 3 END, p.search_name, p.rowid`,
	casework.SortNewest:      `p.created_at DESC, p.rowid DESC`,
}

// peopleWhere is the WHERE clause of a caseload filter and its
// arguments.
func peopleWhere(f casework.PeopleFilter) (string, []any) {
	where, args := []string{"p.team_id = ?"}, []any{f.TeamID}
	if f.LinkWorker != 0 {
		where, args = append(where, "p.link_worker = ?"), append(args, f.LinkWorker)
	}
	if len(f.Statuses) > 0 {
		marks := make([]string, len(f.Statuses))
		for i, s := range f.Statuses {
			marks[i], args = "?", append(args, s)
		}
		where = append(where, "p.status IN ("+strings.Join(marks, ",")+")")
	}
	for _, w := range f.Search.NameWords {
		where, args = append(where, `p.search_name LIKE ? ESCAPE '\'`), append(args, like.Contains(w))
	}
	if f.Search.NHSNumber != "" {
		where, args = append(where, "p.nhs_number = ?"), append(args, f.Search.NHSNumber)
	}
	if !f.Search.DateOfBirth.IsZero() {
		where, args = append(where, "p.date_of_birth = ?"), append(args, dateText(f.Search.DateOfBirth))
	}
	today := dateText(f.Today)
	switch f.ReviewDue {
	case casework.ReviewOverdue:
		where = append(where, "p.status != 'discharged'", "p.review_date != ''", "p.review_date < ?")
		args = append(args, today)
	case casework.ReviewSoon:
		where = append(where, "p.status != 'discharged'", "p.review_date >= ?", "p.review_date <= ?")
		args = append(args, today, dateText(f.Today.AddDate(0, 0, casework.ReviewSoonDays)))
	}
	return strings.Join(where, "\n\t\tAND "), args
}

// People lists the team's people that f chooses, in f's order (by name
// unless it says otherwise), f.Limit at a time from f.Offset.
func (db *DB) People(ctx context.Context, f casework.PeopleFilter) ([]casework.PersonSummary, error) {
	where, args := peopleWhere(f)
	order, ok := caseloadOrder[f.Sort]
	if !ok {
		order = caseloadOrder[casework.SortName]
	}
	limit := -1 // SQLite's "no limit"
	if f.Limit > 0 {
		limit = f.Limit
	}
	// The page is chosen from the small columns first and only its rows'
	// records are read: sorting or skipping whole records (a kilobyte of
	// JSON each) made a late page of 2,000 people several times slower.
	// The outer ORDER BY repeats the inner one, since a join keeps no
	// order of its own; it sorts one page.
	rows, err := db.read.QueryContext(ctx, `SELECT p.record, p.contact_count, p.last_contact
		FROM (
			SELECT p.rowid AS page_rowid
			FROM people p
			WHERE `+where+`
			ORDER BY `+order+`
			LIMIT ? OFFSET ?
		) page
		JOIN people p ON p.rowid = page.page_rowid
		ORDER BY `+order, append(args, limit, f.Offset)...)
	if err != nil {
		return nil, translate(err, "people")
	}
	defer rows.Close()
	var out []casework.PersonSummary
	for rows.Next() {
		var record, last string
		var s casework.PersonSummary
		if err := rows.Scan(&record, &s.Contacts, &last); err != nil {
			return nil, translate(err, "people")
		}
		s.Person = new(casework.Person)
		if err := json.Unmarshal([]byte(record), s.Person); err != nil {
			return nil, fmt.Errorf("sqlite: people: %w", err)
		}
		s.LastContact = parseDate(last)
		out = append(out, s)
	}
	return out, translate(rows.Err(), "people")
}

// CountPeople counts the team's people that f chooses, ignoring its
// order and page: the "of 1,234" of a caseload page.
func (db *DB) CountPeople(ctx context.Context, f casework.PeopleFilter) (int, error) {
	where, args := peopleWhere(f)
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM people p WHERE `+where, args...).Scan(&n)
	return n, translate(err, "people")
}
