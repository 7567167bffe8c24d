package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/linkway/linkway/internal/storedoc"
	"github.com/linkway/linkway/reports"
)

// DB counts the figures of the scheme's reports in SQL.
var _ reports.Source = (*DB)(nil)

// chosen starts a report query with the common table "chosen": the
// people the filter's team, practice, link worker and area choose, with
// their practice and postcode district worked out from the record. With
// byNeed, the filter's kind of support also chooses people, by what
// matters to them.
func chosen(f reports.Filter, byNeed bool) (string, []any) {
	var where []string
	var args []any
	if f.TeamID != "" {
		where, args = append(where, "team_id = ?"), append(args, f.TeamID)
	}
	if f.LinkWorker != 0 {
		where, args = append(where, "link_worker = ?"), append(args, f.LinkWorker)
	}
	if f.Practice != "" {
		where, args = append(where, "practice = ?"), append(args, f.Practice)
	}
	if f.Area != "" {
		where, args = append(where, "district = ?"), append(args, reports.District(f.Area))
	}
	if byNeed && f.Kind != "" {
		where = append(where, "EXISTS (SELECT 1 FROM json_each(record, '$.WhatMatters.Needs') WHERE value = ?)")
		args = append(args, f.Kind)
	}
	cond := ""
	if len(where) > 0 {
		cond = "WHERE " + strings.Join(where, " AND ")
	}
	// The district is the postcode without its three-character inward
	// code, as reports.District works it out.
	return `WITH coded AS (
		SELECT id, team_id, link_worker, created_at, discharged_at, record,
			coalesce(json_extract(record, '$.Practice'), '') AS practice,
			upper(replace(trim(coalesce(json_extract(record, '$.Postcode'), '')), ' ', '')) AS postcode
		FROM people
	), located AS (
		SELECT *, CASE WHEN length(postcode) > 4 THEN substr(postcode, 1, length(postcode) - 3) ELSE postcode END AS district
		FROM coded
	), chosen AS (
		SELECT * FROM located ` + cond + `
	)
	`, args
}

// chosenIn is the condition that column (a person id) is one of the
// filter's people, with the common table it needs and its arguments:
// nothing at all when the filter chooses every person, so that the
// whole scheme's figures never read a record. byNeed is as for
// [chosen].
//
// The common table comes first in the query, so args must come before
// those of the query's own placeholders.
func chosenIn(f reports.Filter, byNeed bool, column string) (with, cond string, args []any) {
	if f.TeamID == "" && f.LinkWorker == 0 && f.Practice == "" && f.Area == "" && (!byNeed || f.Kind == "") {
		return "", "", nil
	}
	with, args = chosen(f, byNeed)
	return with, " AND " + column + " IN (SELECT id FROM chosen)", args
}

// period gives the first day of f and the day after its last, as text
// that compares with both stored dates and stored instants.
func period(f reports.Filter) (from, until string) {
	return dateText(f.From), dateText(f.To.AddDate(0, 0, 1))
}

// Intake counts people referred to the scheme in the period by source
// and reason; see [reports.Source].
func (db *DB) Intake(ctx context.Context, f reports.Filter) ([]reports.IntakeCount, error) {
	with, cond, args := chosenIn(f, true, "id")
	from, until := period(f)
	rows, err := db.read.QueryContext(ctx, with+`SELECT
			coalesce(json_extract(record, '$.ReferralSource'), ''),
			lower(trim(coalesce(json_extract(record, '$.ReferralReason'), ''))),
			count(*)
		FROM people INDEXED BY people_created
		WHERE created_at >= ? AND created_at < ?`+cond+`
		GROUP BY 1, 2`, append(args, from, until)...)
	return scanAll(rows, err, "intake", func(rows *sql.Rows) (c reports.IntakeCount, err error) {
		return c, rows.Scan(&c.Source, &c.Reason, &c.People)
	})
}

// ContactsPerPerson counts people supported in the period by their
// contacts; see [reports.Source].
func (db *DB) ContactsPerPerson(ctx context.Context, f reports.Filter) ([]reports.ContactCount, error) {
	with, cond, args := chosenIn(f, true, "c.person_id")
	from, until := period(f)
	rows, err := db.read.QueryContext(ctx, with+`SELECT n, count(*) FROM (
			SELECT count(*) AS n
			FROM contacts c INDEXED BY contacts_person
			WHERE c.date < ?`+cond+`
			GROUP BY c.person_id
			HAVING max(c.date) >= ?
		)
		GROUP BY n`, append(args, until, from)...)
	return scanAll(rows, err, "contacts per person", func(rows *sql.Rows) (c reports.ContactCount, err error) {
		return c, rows.Scan(&c.Contacts, &c.People)
	})
}

// ReferralFlows counts what became of the period's referrals per
// service; see [reports.Source].
func (db *DB) ReferralFlows(ctx context.Context, f reports.Filter) ([]reports.ReferralFlow, error) {
	with, cond, args := chosenIn(f, false, "r.person_id")
	from, until := period(f)
	// CROSS JOIN keeps SQLite to this order: the period's referrals by
	// date, then each one's events by its index.
	rows, err := db.read.QueryContext(ctx, with+`SELECT service_id, mode = 'signpost', count(*), sum(accepted), sum(attended), sum(continued),
			sum(declined), sum(not_come), sum(refused), sum(withdrawn)
		FROM (
			SELECT r.service_id, r.mode,
				max(e.to_status IN ('accepted', 'attended', 'ongoing', 'completed')) AS accepted,
				max(e.to_status IN ('attended', 'ongoing', 'completed')) AS attended,
				max(e.to_status IN ('ongoing', 'completed')) AS continued,
				max(e.to_status = 'declined') AS declined,
				max(e.to_status = 'did_not_attend') AS not_come,
				max(e.to_status = 'person_declined') AS refused,
				max(e.to_status = 'withdrawn') AS withdrawn
			FROM referrals r INDEXED BY referrals_made
			CROSS JOIN referral_events e INDEXED BY referral_events_reached ON e.referral_id = r.id
			WHERE r.created_at >= ? AND r.created_at < ? AND e.at < ?`+cond+`
			GROUP BY r.id
		)
		GROUP BY service_id, mode`, append(args, from, until, until)...)
	return scanAll(rows, err, "referral flows", func(rows *sql.Rows) (fl reports.ReferralFlow, err error) {
		return fl, rows.Scan(&fl.ServiceID, &fl.Signpost, &fl.Made, &fl.Accepted, &fl.Attended, &fl.Continued,
			&fl.Declined, &fl.NotCome, &fl.Refused, &fl.Withdrawn)
	})
}

// DeclineReasons counts the period's referrals that services declined,
// by reason; see [reports.Source].
func (db *DB) DeclineReasons(ctx context.Context, f reports.Filter) ([]reports.ReasonCount, error) {
	with, cond, args := chosenIn(f, false, "r.person_id")
	from, until := period(f)
	// A service's note starts with the reason it chose, then ": " and
	// any words it added. Declines are few: start from them.
	rows, err := db.read.QueryContext(ctx, with+`SELECT r.service_id,
			CASE WHEN instr(e.note, ':') > 0 THEN substr(e.note, 1, instr(e.note, ':') - 1) ELSE e.note END,
			count(DISTINCT r.id)
		FROM referral_events e INDEXED BY referral_events_status
		CROSS JOIN referrals r ON r.id = e.referral_id
		WHERE e.to_status = 'declined' AND e.at < ? AND r.created_at >= ? AND r.created_at < ?`+cond+`
		GROUP BY 1, 2`, append(args, until, from, until)...)
	return scanAll(rows, err, "decline reasons", func(rows *sql.Rows) (c reports.ReasonCount, err error) {
		return c, rows.Scan(&c.ServiceID, &c.Reason, &c.Referrals)
	})
}

// FirstAttendances gives the days to first attendance of the period's
// attended referrals; see [reports.Source].
func (db *DB) FirstAttendances(ctx context.Context, f reports.Filter) ([]reports.ServiceDays, error) {
	with, cond, args := chosenIn(f, false, "r.person_id")
	from, until := period(f)
	// julianday reads instants to the second; the stored nanoseconds
	// are cut off first.
	rows, err := db.read.QueryContext(ctx, with+`SELECT r.service_id,
			julianday(substr(min(e.at), 1, 19)) - julianday(substr(r.created_at, 1, 19))
		FROM referral_events e INDEXED BY referral_events_status
		CROSS JOIN referrals r ON r.id = e.referral_id
		WHERE e.to_status IN ('attended', 'ongoing', 'completed') AND e.at < ?
			AND r.mode = 'referral' AND r.created_at >= ? AND r.created_at < ?`+cond+`
		GROUP BY r.id`, append(args, until, from, until)...)
	return scanAll(rows, err, "first attendances", func(rows *sql.Rows) (d reports.ServiceDays, err error) {
		return d, rows.Scan(&d.ServiceID, &d.Days)
	})
}

// Waiting gives the referrals on a waiting list at the end of the
// period; see [reports.Source].
func (db *DB) Waiting(ctx context.Context, f reports.Filter) ([]reports.ServiceDays, error) {
	with, cond, args := chosenIn(f, false, "r.person_id")
	_, until := period(f)
	// A referral is waiting at the end when its last event by then put
	// it on the list: start from those events and keep the ones with
	// nothing after them.
	rows, err := db.read.QueryContext(ctx, with+`SELECT r.service_id,
			julianday(?) - julianday(substr(r.created_at, 1, 19))
		FROM referral_events e INDEXED BY referral_events_status
		CROSS JOIN referrals r ON r.id = e.referral_id
		WHERE e.to_status = 'waiting_list' AND e.at < ? AND r.created_at < ?`+cond+`
			AND NOT EXISTS (
				SELECT 1 FROM referral_events later
				WHERE later.referral_id = e.referral_id AND later.id > e.id AND later.at < ?
			)`, append(args, until, until, until, until)...)
	return scanAll(rows, err, "waiting lists", func(rows *sql.Rows) (d reports.ServiceDays, err error) {
		return d, rows.Scan(&d.ServiceID, &d.Days)
	})
}

// WellbeingPairs gives people's first and latest ONS4 scores; see
// [reports.Source].
func (db *DB) WellbeingPairs(ctx context.Context, f reports.Filter) ([]reports.WellbeingPair, error) {
	with, cond, args := chosenIn(f, true, "o.person_id")
	from, until := period(f)
	if with == "" {
		with = "WITH "
	} else {
		with += ", "
	}
	rows, err := db.read.QueryContext(ctx, with+`ranked AS (
			SELECT o.person_id, o.date, o.life, o.worthwhile, o.happy, o.anxious,
				row_number() OVER (PARTITION BY o.person_id ORDER BY o.date, o.id) AS first_rank,
				row_number() OVER (PARTITION BY o.person_id ORDER BY o.date DESC, o.id DESC) AS last_rank
			FROM outcomes o
			WHERE o.date < ?`+cond+`
		)
		SELECT a.life, a.worthwhile, a.happy, a.anxious, z.life, z.worthwhile, z.happy, z.anxious,
			(SELECT json_group_array(service_id) FROM (
				SELECT DISTINCT service_id FROM referrals
				WHERE person_id = a.person_id AND mode = 'referral' AND created_at < ?
			))
		FROM ranked a JOIN ranked z ON z.person_id = a.person_id AND z.last_rank = 1
		WHERE a.first_rank = 1 AND z.first_rank > 1 AND z.date >= ?`, append(args, until, until, from)...)
	return scanAll(rows, err, "wellbeing", func(rows *sql.Rows) (p reports.WellbeingPair, err error) {
		var services string
		if err := rows.Scan(&p.First[0], &p.First[1], &p.First[2], &p.First[3],
			&p.Latest[0], &p.Latest[1], &p.Latest[2], &p.Latest[3], &services); err != nil {
			return p, err
		}
		return p, json.Unmarshal([]byte(services), &p.ServiceIDs)
	})
}

// Needs counts people on the caseload during the period by district
// and the kinds of support they need; see [reports.Source].
func (db *DB) Needs(ctx context.Context, f reports.Filter) ([]reports.NeedCount, error) {
	with, args := chosen(f, true)
	from, until := period(f)
	rows, err := db.read.QueryContext(ctx, with+`SELECT p.district, n.value, count(DISTINCT p.id)
		FROM chosen p, json_each(p.record, '$.WhatMatters.Needs') n
		WHERE n.type = 'text' AND p.created_at < ? AND (coalesce(p.discharged_at, '') = '' OR p.discharged_at >= ?)
		GROUP BY 1, 2`, append(args, until, from)...)
	return scanAll(rows, err, "needs", func(rows *sql.Rows) (n reports.NeedCount, err error) {
		return n, rows.Scan(&n.Area, &n.Kind, &n.People)
	})
}

// CodedEventCounts counts coded events by practice, month and code; see
// [reports.Source].
func (db *DB) CodedEventCounts(ctx context.Context, f reports.Filter) ([]reports.CodedCount, error) {
	with, args := chosen(f, true)
	from, until := period(f)
	rows, err := db.read.QueryContext(ctx, with+`SELECT p.practice, substr(e.date, 1, 7), e.code, max(e.term), count(*)
		FROM coded_events e JOIN chosen p ON p.id = e.person_id
		WHERE e.date >= ? AND e.date < ?
		GROUP BY 1, 2, 3
		ORDER BY 1, 2, 3`, append(args, from, until)...)
	return scanAll(rows, err, "coded events", func(rows *sql.Rows) (c reports.CodedCount, err error) {
		return c, rows.Scan(&c.Practice, &c.Month, &c.Code, &c.Term, &c.Events)
	})
}

// ServiceKinds gives each service's kinds of support; see
// [reports.Source]. A service no longer in the directory has none.
func (db *DB) ServiceKinds(ctx context.Context, ids []string) (map[string][]string, error) {
	svcs, err := db.ServicesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	return storedoc.KindIDs(svcs), nil
}

// Practices lists the GP practices recorded on people, for the reports'
// filter.
func (db *DB) Practices(ctx context.Context) ([]string, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT DISTINCT json_extract(record, '$.Practice') AS practice
		FROM people
		WHERE coalesce(practice, '') != ''
		ORDER BY practice`)
	return scanAll(rows, err, "practices", func(rows *sql.Rows) (p string, err error) {
		return p, rows.Scan(&p)
	})
}

// scanAll reads every row of a report query with scan.
func scanAll[T any](rows *sql.Rows, err error, what string, scan func(*sql.Rows) (T, error)) ([]T, error) {
	if err != nil {
		return nil, fmt.Errorf("sqlite: report %s: %w", what, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: report %s: %w", what, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: report %s: %w", what, err)
	}
	return out, nil
}
