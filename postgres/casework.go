package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/casestore"
	"github.com/linkway/linkway/internal/dbtext"
)

// Tx is casework's transaction.
var _ casework.Tx = (*Tx)(nil)

// Atomically runs fn in one transaction; see [casework.Store]. The
// workflows keep every change to a person's record and its audit entry
// in one such transaction.
func (db *DB) Atomically(ctx context.Context, fn func(tx casework.Tx) error) error {
	return db.InTx(ctx, func(tx *Tx) error { return fn(tx) })
}

// CreatePerson stores a new person, giving them an id.
func (tx *Tx) CreatePerson(ctx context.Context, p *casework.Person) error {
	p.ID, p.CreatedAt, p.UpdatedAt = casestore.NewID(), tx.now, tx.now
	record, err := json.Marshal(p)
	if err != nil {
		return err
	}
	k := searchKeysOf(p)
	_, err = tx.tx.Exec(ctx, `INSERT INTO people (id, team_id, link_worker, status, discharged_at, review_date, record, created_at, updated_at,
			search_name, nhs_number, date_of_birth)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		p.ID, p.TeamID, p.LinkWorker, string(p.Status), dbtext.Date(p.DischargedAt), dbtext.Date(p.Plan.ReviewDate), string(record),
		dbtext.Instant(tx.now), dbtext.Instant(tx.now), k.name, k.nhs, k.dob)
	if isForeignKey(err) {
		return directory.Errorf(directory.Invalid, "team_id: no team has this id")
	}
	return translate(err, "person")
}

// UpdatePerson writes a person's whole record back.
func (tx *Tx) UpdatePerson(ctx context.Context, p *casework.Person) error {
	p.UpdatedAt = tx.now
	record, err := json.Marshal(p)
	if err != nil {
		return err
	}
	k := searchKeysOf(p)
	tag, err := tx.tx.Exec(ctx, `UPDATE people SET team_id = $1, link_worker = $2, status = $3, discharged_at = $4, review_date = $5,
			record = $6, updated_at = $7, search_name = $8, nhs_number = $9, date_of_birth = $10
		WHERE id = $11`,
		p.TeamID, p.LinkWorker, string(p.Status), dbtext.Date(p.DischargedAt), dbtext.Date(p.Plan.ReviewDate), string(record),
		dbtext.Instant(p.UpdatedAt), k.name, k.nhs, k.dob, p.ID)
	if isForeignKey(err) {
		return directory.Errorf(directory.Invalid, "team_id: no team has this id")
	}
	if err != nil {
		return translate(err, "person")
	}
	if tag.RowsAffected() == 0 {
		return directory.Errorf(directory.NotFound, "no person has this id")
	}
	return nil
}

// Person reads one person's record.
func (db *DB) Person(ctx context.Context, id string) (*casework.Person, error) {
	var record string
	err := db.pool.QueryRow(ctx, `SELECT record FROM people WHERE id = $1`, id).Scan(&record)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, directory.Errorf(directory.NotFound, "no person has this id")
	}
	if err != nil {
		return nil, translate(err, "person")
	}
	var p casework.Person
	if err := json.Unmarshal([]byte(record), &p); err != nil {
		return nil, fmt.Errorf("postgres: person %s: %w", id, err)
	}
	return &p, nil
}

// RecordContact stores a contact together with the coded events it gives
// rise to and, when p is not nil, the person's new status: a contact is
// never recorded without its code, nor a code without its contact. The
// person's contact count and last contact follow by trigger (0002).
func (tx *Tx) RecordContact(ctx context.Context, c *casework.Contact, events []casework.CodedEvent, p *casework.Person) error {
	err := tx.tx.QueryRow(ctx, `INSERT INTO contacts (person_id, date, kind, minutes, notes, declined, by_user, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		c.PersonID, dbtext.Date(c.Date), string(c.Kind), c.Minutes, c.Notes, c.Declined, c.By, dbtext.Instant(tx.now)).Scan(&c.ID)
	if err != nil {
		return translate(err, "contact")
	}
	for i := range events {
		e := &events[i]
		err := tx.tx.QueryRow(ctx, `INSERT INTO coded_events (person_id, team_id, date, code, term, by_user)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			e.PersonID, e.TeamID, dbtext.Date(e.Date), e.Code, e.Term, e.By).Scan(&e.ID)
		if err != nil {
			return translate(err, "coded event")
		}
	}
	if p == nil {
		return nil
	}
	p.UpdatedAt = tx.now
	record, err := json.Marshal(p)
	if err != nil {
		return err
	}
	_, err = tx.tx.Exec(ctx, `UPDATE people SET status = $1, discharged_at = $2, record = $3, updated_at = $4 WHERE id = $5`,
		string(p.Status), dbtext.Date(p.DischargedAt), string(record), dbtext.Instant(tx.now), p.ID)
	return translate(err, "person")
}

// Contacts lists a person's contacts, newest first.
func (db *DB) Contacts(ctx context.Context, personID string) ([]casework.Contact, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, person_id, date, kind, minutes, notes, declined, by_user
		FROM contacts WHERE person_id = $1 ORDER BY date DESC, id DESC`, personID)
	if err != nil {
		return nil, translate(err, "contacts")
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (casework.Contact, error) {
		var c casework.Contact
		var date, kind string
		err := r.Scan(&c.ID, &c.PersonID, &date, &kind, &c.Minutes, &c.Notes, &c.Declined, &c.By)
		c.Date, c.Kind = dbtext.ParseDate(date), casework.ContactKind(kind)
		return c, err
	})
	return out, translate(err, "contacts")
}

// HasCodedEvent says whether the person has a coded event since the
// given date: whether this episode has already been coded.
func (db *DB) HasCodedEvent(ctx context.Context, personID string, since time.Time) (bool, error) {
	var has bool
	err := db.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM coded_events WHERE person_id = $1 AND date >= $2)`,
		personID, dbtext.Date(since)).Scan(&has)
	return has, translate(err, "coded events")
}

// CodedEvents lists, for the GP record, a team's coded events dated
// from..to (inclusive), by date.
func (db *DB) CodedEvents(ctx context.Context, teamID string, from, to time.Time) ([]casework.CodedEventRow, error) {
	rows, err := db.pool.Query(ctx, `SELECT e.date, e.code, e.term,
			coalesce(p.record::jsonb ->> 'NHSNumber', ''), coalesce(p.record::jsonb ->> 'Practice', '')
		FROM coded_events e JOIN people p ON p.id = e.person_id
		WHERE e.team_id = $1 AND e.date >= $2 AND e.date <= $3 ORDER BY e.date, e.id`, teamID, dbtext.Date(from), dbtext.Date(to))
	if err != nil {
		return nil, translate(err, "coded events")
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (casework.CodedEventRow, error) {
		var e casework.CodedEventRow
		var date string
		err := r.Scan(&date, &e.Code, &e.Term, &e.NHSNumber, &e.Practice)
		e.Date = dbtext.ParseDate(date)
		return e, err
	})
	return out, translate(err, "coded events")
}

// PersonCodedEvents lists a person's coded events, oldest first.
func (db *DB) PersonCodedEvents(ctx context.Context, personID string) ([]casework.CodedEvent, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, person_id, team_id, date, code, term, by_user
		FROM coded_events WHERE person_id = $1 ORDER BY date, id`, personID)
	if err != nil {
		return nil, translate(err, "coded events")
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (casework.CodedEvent, error) {
		var e casework.CodedEvent
		var date string
		err := r.Scan(&e.ID, &e.PersonID, &e.TeamID, &date, &e.Code, &e.Term, &e.By)
		e.Date = dbtext.ParseDate(date)
		return e, err
	})
	return out, translate(err, "coded events")
}

// AddOutcome stores a set of wellbeing scores.
func (tx *Tx) AddOutcome(ctx context.Context, o *casework.ONS4) error {
	err := tx.tx.QueryRow(ctx, `INSERT INTO outcomes (person_id, date, stage, life, worthwhile, happy, anxious, by_user)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		o.PersonID, dbtext.Date(o.Date), string(o.Stage), o.Life, o.Worthwhile, o.Happy, o.Anxious, o.By).Scan(&o.ID)
	return translate(err, "wellbeing scores")
}

// Outcomes lists a person's wellbeing scores, oldest first.
func (db *DB) Outcomes(ctx context.Context, personID string) ([]casework.ONS4, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, person_id, date, stage, life, worthwhile, happy, anxious, by_user
		FROM outcomes WHERE person_id = $1 ORDER BY date, id`, personID)
	if err != nil {
		return nil, translate(err, "wellbeing scores")
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (casework.ONS4, error) {
		var o casework.ONS4
		var date, stage string
		err := r.Scan(&o.ID, &o.PersonID, &date, &stage, &o.Life, &o.Worthwhile, &o.Happy, &o.Anxious, &o.By)
		o.Date, o.Stage = dbtext.ParseDate(date), casework.Stage(stage)
		return o, err
	})
	return out, translate(err, "wellbeing scores")
}

// PurgeDischarged deletes every person discharged before cutoff, with all
// that hangs off their record (by cascade), and returns their ids for the
// audit log. It is one statement, not a read then deletes: with several
// instances, a record reopened between the two would otherwise be deleted
// as discharged; DELETE rechecks its WHERE on rows changed meanwhile.
func (tx *Tx) PurgeDischarged(ctx context.Context, cutoff time.Time) ([]string, error) {
	rows, err := tx.tx.Query(ctx, `DELETE FROM people
		WHERE status = 'discharged' AND discharged_at <> '' AND discharged_at < $1
		RETURNING id`, dbtext.Date(cutoff))
	if err != nil {
		return nil, translate(err, "purge")
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, translate(err, "purge")
	}
	slices.Sort(ids)
	return ids, nil
}

// isForeignKey says whether err is a foreign key violation.
func isForeignKey(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23503" // foreign_key_violation
}

// params collects a query's arguments, giving each its $n.
type params []any

func (a *params) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}
