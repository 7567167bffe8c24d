package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/linkway/linkway/internal/storedoc"
	"github.com/linkway/linkway/reports"
)

// DB counts the figures of the scheme's reports in SQL.
var _ reports.Source = (*DB)(nil)

// The JSON paths a person's record is read at.
const (
	recordPractice = `(record::jsonb ->> 'Practice')`
	recordPostcode = `(record::jsonb ->> 'Postcode')`
	recordNeeds    = `'$.WhatMatters.Needs[*] ? (@.type() == "string")'`
)

// chosen starts a report query with the common table "chosen": the
// people the filter's team, practice, link worker and area choose, with
// their practice and postcode district worked out from the record. With
// byNeed, the filter's kind of support also chooses people, by what
// matters to them. The filter's arguments are added to p first.
func chosen(f reports.Filter, byNeed bool, p *params) string {
	var where []string
	if f.TeamID != "" {
		where = append(where, "team_id = "+p.add(f.TeamID))
	}
	if f.LinkWorker != 0 {
		where = append(where, "link_worker = "+p.add(f.LinkWorker))
	}
	if f.Practice != "" {
		where = append(where, "practice = "+p.add(f.Practice))
	}
	if f.Area != "" {
		where = append(where, "district = "+p.add(reports.District(f.Area)))
	}
	if byNeed && f.Kind != "" {
		where = append(where, "EXISTS (SELECT 1 FROM jsonb_path_query(record::jsonb, "+recordNeeds+") n WHERE n #>> '{}' = "+p.add(f.Kind)+")")
	}
	cond := ""
	if len(where) > 0 {
		cond = "WHERE " + strings.Join(where, " AND ")
	}
	// The district is the postcode without its three-character inward
	// code, as reports.District works it out.
	return `WITH coded AS (
		SELECT id, team_id, link_worker, created_at, discharged_at, record,
			coalesce(` + recordPractice + `, '') AS practice,
			upper(replace(trim(coalesce(` + recordPostcode + `, '')), ' ', '')) AS postcode
		FROM people
	), located AS (
		SELECT *, CASE WHEN length(postcode) > 4 THEN substr(postcode, 1, length(postcode) - 3) ELSE postcode END AS district
		FROM coded
	), chosen AS (
		SELECT * FROM located ` + cond + `
	)
	`
}

// chosenIn is the condition that column (a person id) is one of the
// filter's people, with the common table it needs: nothing at all when
// the filter chooses every person, so that the whole scheme's figures
// never read a record. byNeed is as for [chosen].
func chosenIn(f reports.Filter, byNeed bool, column string, p *params) (with, cond string) {
	if f.TeamID == "" && f.LinkWorker == 0 && f.Practice == "" && f.Area == "" && (!byNeed || f.Kind == "") {
		return "", ""
	}
	return chosen(f, byNeed, p), " AND " + column + " IN (SELECT id FROM chosen)"
}

// period gives the first day of f and the day after its last, as text
// that compares with both stored dates and stored instants.
func period(f reports.Filter) (from, until string) {
	return f.From.UTC().Format(time.DateOnly), f.To.AddDate(0, 0, 1).UTC().Format(time.DateOnly)
}

// daysBetween is the SQL for the days from one stored instant (or date)
// to another, read to the second as SQLite's julianday reads them.
func daysBetween(from, to string) string {
	return `extract(epoch FROM substr(` + to + `, 1, 19)::timestamp - substr(` + from + `, 1, 19)::timestamp)::float8 / 86400`
}

// Intake counts people referred to the scheme in the period by source
// and reason; see [reports.Source].
func (db *DB) Intake(ctx context.Context, f reports.Filter) ([]reports.IntakeCount, error) {
	var p params
	with, cond := chosenIn(f, true, "id", &p)
	from, until := period(f)
	rows, err := db.pool.Query(ctx, with+`SELECT
			coalesce(record::jsonb ->> 'ReferralSource', ''),
			lower(trim(coalesce(record::jsonb ->> 'ReferralReason', ''))),
			count(*)
		FROM people
		WHERE created_at >= `+p.add(from)+` AND created_at < `+p.add(until)+cond+`
		GROUP BY 1, 2`, p...)
	return scanAll(rows, err, "intake", func(r pgx.CollectableRow) (c reports.IntakeCount, err error) {
		return c, r.Scan(&c.Source, &c.Reason, &c.People)
	})
}

// ContactsPerPerson counts people supported in the period by their
// contacts; see [reports.Source].
func (db *DB) ContactsPerPerson(ctx context.Context, f reports.Filter) ([]reports.ContactCount, error) {
	var p params
	with, cond := chosenIn(f, true, "c.person_id", &p)
	from, until := period(f)
	rows, err := db.pool.Query(ctx, with+`SELECT n, count(*) FROM (
			SELECT count(*) AS n
			FROM contacts c
			WHERE c.date < `+p.add(until)+cond+`
			GROUP BY c.person_id
			HAVING max(c.date) >= `+p.add(from)+`
		) per_person
		GROUP BY n`, p...)
	return scanAll(rows, err, "contacts per person", func(r pgx.CollectableRow) (c reports.ContactCount, err error) {
		return c, r.Scan(&c.Contacts, &c.People)
	})
}

// ReferralFlows counts what became of the period's referrals per
// service; see [reports.Source].
func (db *DB) ReferralFlows(ctx context.Context, f reports.Filter) ([]reports.ReferralFlow, error) {
	var p params
	with, cond := chosenIn(f, false, "r.person_id", &p)
	from, until := period(f)
	rows, err := db.pool.Query(ctx, with+`SELECT service_id, mode = 'signpost', count(*), sum(accepted), sum(attended), sum(continued),
			sum(declined), sum(not_come), sum(refused), sum(withdrawn)
		FROM (
			SELECT r.service_id, r.mode,
				bool_or(e.to_status IN ('accepted', 'attended', 'ongoing', 'completed'))::int AS accepted,
				bool_or(e.to_status IN ('attended', 'ongoing', 'completed'))::int AS attended,
				bool_or(e.to_status IN ('ongoing', 'completed'))::int AS continued,
				bool_or(e.to_status = 'declined')::int AS declined,
				bool_or(e.to_status = 'did_not_attend')::int AS not_come,
				bool_or(e.to_status = 'person_declined')::int AS refused,
				bool_or(e.to_status = 'withdrawn')::int AS withdrawn
			FROM referrals r
			JOIN referral_events e ON e.referral_id = r.id
			WHERE r.created_at >= `+p.add(from)+` AND r.created_at < `+p.add(until)+` AND e.at < `+p.add(until)+cond+`
			GROUP BY r.id
		) per_referral
		GROUP BY service_id, mode`, p...)
	return scanAll(rows, err, "referral flows", func(r pgx.CollectableRow) (fl reports.ReferralFlow, err error) {
		return fl, r.Scan(&fl.ServiceID, &fl.Signpost, &fl.Made, &fl.Accepted, &fl.Attended, &fl.Continued,
			&fl.Declined, &fl.NotCome, &fl.Refused, &fl.Withdrawn)
	})
}

// DeclineReasons counts the period's referrals that services declined,
// by reason; see [reports.Source].
func (db *DB) DeclineReasons(ctx context.Context, f reports.Filter) ([]reports.ReasonCount, error) {
	var p params
	with, cond := chosenIn(f, false, "r.person_id", &p)
	from, until := period(f)
	// A service's note starts with the reason it chose, then ": " and
	// any words it added.
	rows, err := db.pool.Query(ctx, with+`SELECT r.service_id, split_part(e.note, ':', 1), count(DISTINCT r.id)
		FROM referral_events e
		JOIN referrals r ON r.id = e.referral_id
		WHERE e.to_status = 'declined' AND e.at < `+p.add(until)+` AND r.created_at >= `+p.add(from)+` AND r.created_at < `+p.add(until)+cond+`
		GROUP BY 1, 2`, p...)
	return scanAll(rows, err, "decline reasons", func(r pgx.CollectableRow) (c reports.ReasonCount, err error) {
		return c, r.Scan(&c.ServiceID, &c.Reason, &c.Referrals)
	})
}

// FirstAttendances gives the days to first attendance of the period's
// attended referrals; see [reports.Source].
func (db *DB) FirstAttendances(ctx context.Context, f reports.Filter) ([]reports.ServiceDays, error) {
	var p params
	with, cond := chosenIn(f, false, "r.person_id", &p)
	from, until := period(f)
	rows, err := db.pool.Query(ctx, with+`SELECT r.service_id, `+daysBetween("r.created_at", "min(e.at)")+`
		FROM referral_events e
		JOIN referrals r ON r.id = e.referral_id
		WHERE e.to_status IN ('attended', 'ongoing', 'completed') AND e.at < `+p.add(until)+`
			AND r.mode = 'referral' AND r.created_at >= `+p.add(from)+` AND r.created_at < `+p.add(until)+cond+`
		GROUP BY r.id`, p...)
	return scanAll(rows, err, "first attendances", func(r pgx.CollectableRow) (d reports.ServiceDays, err error) {
		return d, r.Scan(&d.ServiceID, &d.Days)
	})
}

// Waiting gives the referrals on a waiting list at the end of the
// period; see [reports.Source].
func (db *DB) Waiting(ctx context.Context, f reports.Filter) ([]reports.ServiceDays, error) {
	var p params
	with, cond := chosenIn(f, false, "r.person_id", &p)
	_, until := period(f)
	end := p.add(until)
	// A referral is waiting at the end when its last event by then put
	// it on the list: start from those events and keep the ones with
	// nothing after them.
	rows, err := db.pool.Query(ctx, with+`SELECT r.service_id, `+daysBetween("r.created_at", end+"::text")+`
		FROM referral_events e
		JOIN referrals r ON r.id = e.referral_id
		WHERE e.to_status = 'waiting_list' AND e.at < `+end+` AND r.created_at < `+end+cond+`
			AND NOT EXISTS (
				SELECT 1 FROM referral_events later
				WHERE later.referral_id = e.referral_id AND later.id > e.id AND later.at < `+end+`
			)`, p...)
	return scanAll(rows, err, "waiting lists", func(r pgx.CollectableRow) (d reports.ServiceDays, err error) {
		return d, r.Scan(&d.ServiceID, &d.Days)
	})
}

// WellbeingPairs gives people's first and latest ONS4 scores; see
// [reports.Source].
func (db *DB) WellbeingPairs(ctx context.Context, f reports.Filter) ([]reports.WellbeingPair, error) {
	var p params
	with, cond := chosenIn(f, true, "o.person_id", &p)
	from, until := period(f)
	if with == "" {
		with = "WITH "
	} else {
		with += ", "
	}
	end := p.add(until)
	rows, err := db.pool.Query(ctx, with+`ranked AS (
			SELECT o.person_id, o.date, o.life, o.worthwhile, o.happy, o.anxious,
				row_number() OVER (PARTITION BY o.person_id ORDER BY o.date, o.id) AS first_rank,
				row_number() OVER (PARTITION BY o.person_id ORDER BY o.date DESC, o.id DESC) AS last_rank
			FROM outcomes o
			WHERE o.date < `+end+cond+`
		)
		SELECT a.life, a.worthwhile, a.happy, a.anxious, z.life, z.worthwhile, z.happy, z.anxious,
			(SELECT coalesce(array_agg(DISTINCT service_id), '{}') FROM referrals
				WHERE person_id = a.person_id AND mode = 'referral' AND created_at < `+end+`)
		FROM ranked a JOIN ranked z ON z.person_id = a.person_id AND z.last_rank = 1
		WHERE a.first_rank = 1 AND z.first_rank > 1 AND z.date >= `+p.add(from), p...)
	return scanAll(rows, err, "wellbeing", func(r pgx.CollectableRow) (w reports.WellbeingPair, err error) {
		return w, r.Scan(&w.First[0], &w.First[1], &w.First[2], &w.First[3],
			&w.Latest[0], &w.Latest[1], &w.Latest[2], &w.Latest[3], &w.ServiceIDs)
	})
}

// Needs counts people on the caseload during the period by district
// and the kinds of support they need; see [reports.Source].
func (db *DB) Needs(ctx context.Context, f reports.Filter) ([]reports.NeedCount, error) {
	var p params
	with := chosen(f, true, &p)
	from, until := period(f)
	rows, err := db.pool.Query(ctx, with+`SELECT p.district, n #>> '{}', count(DISTINCT p.id)
		FROM chosen p, jsonb_path_query(p.record::jsonb, `+recordNeeds+`) n
		WHERE p.created_at < `+p.add(until)+` AND (coalesce(p.discharged_at, '') = '' OR p.discharged_at >= `+p.add(from)+`)
		GROUP BY 1, 2`, p...)
	return scanAll(rows, err, "needs", func(r pgx.CollectableRow) (n reports.NeedCount, err error) {
		return n, r.Scan(&n.Area, &n.Kind, &n.People)
	})
}

// CodedEventCounts counts coded events by practice, month and code; see
// [reports.Source].
func (db *DB) CodedEventCounts(ctx context.Context, f reports.Filter) ([]reports.CodedCount, error) {
	var p params
	with := chosen(f, true, &p)
	from, until := period(f)
	rows, err := db.pool.Query(ctx, with+`SELECT p.practice, substr(e.date, 1, 7), e.code, max(e.term), count(*)
		FROM coded_events e JOIN chosen p ON p.id = e.person_id
		WHERE e.date >= `+p.add(from)+` AND e.date < `+p.add(until)+`
		GROUP BY 1, 2, 3
		ORDER BY 1, 2, 3`, p...)
	return scanAll(rows, err, "coded events", func(r pgx.CollectableRow) (c reports.CodedCount, err error) {
		return c, r.Scan(&c.Practice, &c.Month, &c.Code, &c.Term, &c.Events)
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
	rows, err := db.pool.Query(ctx, `SELECT DISTINCT `+recordPractice+` AS practice
		FROM people
		WHERE coalesce(`+recordPractice+`, '') <> ''
		ORDER BY practice`)
	return scanAll(rows, err, "practices", pgx.RowTo[string])
}

// scanAll reads every row of a report query with scan.
func scanAll[T any](rows pgx.Rows, err error, what string, scan pgx.RowToFunc[T]) ([]T, error) {
	if err != nil {
		return nil, fmt.Errorf("postgres: report %s: %w", what, err)
	}
	out, err := pgx.CollectRows(rows, scan)
	if err != nil {
		return nil, fmt.Errorf("postgres: report %s: %w", what, err)
	}
	return out, nil
}
