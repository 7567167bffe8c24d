package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/casestore"
	"github.com/linkway/linkway/internal/dbtext"
)

// The store keeps values in the shapes package dbtext defines, the
// same as package postgres.
var (
	dateText     = dbtext.Date
	instantText  = dbtext.Instant
	parseDate    = dbtext.ParseDate
	parseInstant = dbtext.ParseInstant
)

// NewID returns an opaque random id for a casework record: it says
// nothing about the person and cannot be guessed.
func NewID() string { return casestore.NewID() }

// DB is the store of casework's workflows, and Tx their transaction.
var (
	_ casework.Store = (*DB)(nil)
	_ casework.Tx    = (*Tx)(nil)
)

// Atomically runs fn in one write transaction; see [casework.Store].
// The workflows keep every change to a person's record and its audit
// entry in one such transaction.
func (db *DB) Atomically(ctx context.Context, fn func(tx casework.Tx) error) error {
	return db.InTx(ctx, func(tx *Tx) error { return fn(tx) })
}

// CreatePerson stores a new person, giving them an id.
func (tx *Tx) CreatePerson(ctx context.Context, p *casework.Person) error {
	p.ID, p.CreatedAt, p.UpdatedAt = NewID(), tx.now, tx.now
	record, err := json.Marshal(p)
	if err != nil {
		return err
	}
	k := searchKeysOf(p)
	_, err = tx.exec(ctx, `INSERT INTO people (id, team_id, link_worker, status, discharged_at, review_date, record, created_at, updated_at,
			search_name, nhs_number, date_of_birth)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.ID, p.TeamID, p.LinkWorker, p.Status, dateText(p.DischargedAt), dateText(p.Plan.ReviewDate), record, instantText(tx.now), instantText(tx.now),
		k.name, k.nhs, k.dob)
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
	res, err := tx.exec(ctx, `UPDATE people SET team_id = ?, link_worker = ?, status = ?, discharged_at = ?, review_date = ?, record = ?, updated_at = ?,
			search_name = ?, nhs_number = ?, date_of_birth = ?
		WHERE id = ?`,
		p.TeamID, p.LinkWorker, p.Status, dateText(p.DischargedAt), dateText(p.Plan.ReviewDate), record, instantText(p.UpdatedAt),
		k.name, k.nhs, k.dob, p.ID)
	if err != nil {
		return translate(err, "person")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return directory.Errorf(directory.NotFound, "no person has this id")
	}
	return nil
}

// Person reads one person's record.
func (db *DB) Person(ctx context.Context, id string) (*casework.Person, error) {
	var record string
	err := db.read.QueryRowContext(ctx, `SELECT record FROM people WHERE id = ?`, id).Scan(&record)
	if err == sql.ErrNoRows {
		return nil, directory.Errorf(directory.NotFound, "no person has this id")
	}
	if err != nil {
		return nil, translate(err, "person")
	}
	var p casework.Person
	if err := json.Unmarshal([]byte(record), &p); err != nil {
		return nil, fmt.Errorf("sqlite: person %s: %w", id, err)
	}
	return &p, nil
}

// RecordContact stores a contact together with the coded events it gives
// rise to and, when p is not nil, the person's new status: a contact is
// never recorded without its code, nor a code without its contact.
func (tx *Tx) RecordContact(ctx context.Context, c *casework.Contact, events []casework.CodedEvent, p *casework.Person) error {
	res, err := tx.exec(ctx, `INSERT INTO contacts (person_id, date, kind, minutes, notes, declined, by_user, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		c.PersonID, dateText(c.Date), c.Kind, c.Minutes, c.Notes, c.Declined, c.By, instantText(tx.now))
	if err != nil {
		return translate(err, "contact")
	}
	c.ID, _ = res.LastInsertId()
	for i := range events {
		e := &events[i]
		res, err := tx.exec(ctx, `INSERT INTO coded_events (person_id, team_id, date, code, term, by_user) VALUES (?, ?, ?, ?, ?, ?)`,
			e.PersonID, e.TeamID, dateText(e.Date), e.Code, e.Term, e.By)
		if err != nil {
			return translate(err, "coded event")
		}
		e.ID, _ = res.LastInsertId()
	}
	if p == nil {
		return nil
	}
	p.UpdatedAt = tx.now
	record, err := json.Marshal(p)
	if err != nil {
		return err
	}
	_, err = tx.exec(ctx, `UPDATE people SET status = ?, discharged_at = ?, record = ?, updated_at = ? WHERE id = ?`,
		p.Status, dateText(p.DischargedAt), record, instantText(tx.now), p.ID)
	return translate(err, "person")
}

// Contacts lists a person's contacts, newest first.
func (db *DB) Contacts(ctx context.Context, personID string) ([]casework.Contact, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, person_id, date, kind, minutes, notes, declined, by_user
		FROM contacts WHERE person_id = ? ORDER BY date DESC, id DESC`, personID)
	if err != nil {
		return nil, translate(err, "contacts")
	}
	defer rows.Close()
	var out []casework.Contact
	for rows.Next() {
		var c casework.Contact
		var date string
		if err := rows.Scan(&c.ID, &c.PersonID, &date, &c.Kind, &c.Minutes, &c.Notes, &c.Declined, &c.By); err != nil {
			return nil, translate(err, "contacts")
		}
		c.Date = parseDate(date)
		out = append(out, c)
	}
	return out, translate(rows.Err(), "contacts")
}

// HasCodedEvent says whether the person has a coded event since the
// given date: whether this episode has already been coded.
func (db *DB) HasCodedEvent(ctx context.Context, personID string, since time.Time) (bool, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM coded_events WHERE person_id = ? AND date >= ?`, personID, dateText(since)).Scan(&n)
	return n > 0, translate(err, "coded events")
}

// CodedEvents lists, for the GP record, a team's coded events dated from..to (inclusive), by
// date.
func (db *DB) CodedEvents(ctx context.Context, teamID string, from, to time.Time) ([]casework.CodedEventRow, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT e.date, e.code, e.term,
			coalesce(json_extract(p.record, '$.NHSNumber'), ''), coalesce(json_extract(p.record, '$.Practice'), '')
		FROM coded_events e JOIN people p ON p.id = e.person_id
		WHERE e.team_id = ? AND e.date >= ? AND e.date <= ? ORDER BY e.date, e.id`, teamID, dateText(from), dateText(to))
	if err != nil {
		return nil, translate(err, "coded events")
	}
	defer rows.Close()
	var out []casework.CodedEventRow
	for rows.Next() {
		var r casework.CodedEventRow
		var date string
		if err := rows.Scan(&date, &r.Code, &r.Term, &r.NHSNumber, &r.Practice); err != nil {
			return nil, translate(err, "coded events")
		}
		r.Date = parseDate(date)
		out = append(out, r)
	}
	return out, translate(rows.Err(), "coded events")
}

// PersonCodedEvents lists a person's coded events, oldest first.
func (db *DB) PersonCodedEvents(ctx context.Context, personID string) ([]casework.CodedEvent, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, person_id, team_id, date, code, term, by_user FROM coded_events WHERE person_id = ? ORDER BY date, id`, personID)
	if err != nil {
		return nil, translate(err, "coded events")
	}
	defer rows.Close()
	var out []casework.CodedEvent
	for rows.Next() {
		var e casework.CodedEvent
		var date string
		if err := rows.Scan(&e.ID, &e.PersonID, &e.TeamID, &date, &e.Code, &e.Term, &e.By); err != nil {
			return nil, translate(err, "coded events")
		}
		e.Date = parseDate(date)
		out = append(out, e)
	}
	return out, translate(rows.Err(), "coded events")
}

// AddOutcome stores a set of wellbeing scores.
func (tx *Tx) AddOutcome(ctx context.Context, o *casework.ONS4) error {
	res, err := tx.exec(ctx, `INSERT INTO outcomes (person_id, date, stage, life, worthwhile, happy, anxious, by_user) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		o.PersonID, dateText(o.Date), o.Stage, o.Life, o.Worthwhile, o.Happy, o.Anxious, o.By)
	if err != nil {
		return translate(err, "wellbeing scores")
	}
	o.ID, _ = res.LastInsertId()
	return nil
}

// Outcomes lists a person's wellbeing scores, oldest first.
func (db *DB) Outcomes(ctx context.Context, personID string) ([]casework.ONS4, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, person_id, date, stage, life, worthwhile, happy, anxious, by_user
		FROM outcomes WHERE person_id = ? ORDER BY date, id`, personID)
	if err != nil {
		return nil, translate(err, "wellbeing scores")
	}
	defer rows.Close()
	var out []casework.ONS4
	for rows.Next() {
		var o casework.ONS4
		var date string
		if err := rows.Scan(&o.ID, &o.PersonID, &date, &o.Stage, &o.Life, &o.Worthwhile, &o.Happy, &o.Anxious, &o.By); err != nil {
			return nil, translate(err, "wellbeing scores")
		}
		o.Date = parseDate(date)
		out = append(out, o)
	}
	return out, translate(rows.Err(), "wellbeing scores")
}

// PurgeDischarged deletes every person discharged before cutoff, with all
// that hangs off their record, and returns their ids for the audit log.
func (tx *Tx) PurgeDischarged(ctx context.Context, cutoff time.Time) ([]string, error) {
	rows, err := tx.tx.QueryContext(ctx, `SELECT id FROM people WHERE status = 'discharged' AND discharged_at != '' AND discharged_at < ?`, dateText(cutoff))
	if err != nil {
		return nil, translate(err, "purge")
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, translate(err, "purge")
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, translate(err, "purge")
	}
	for _, id := range ids {
		if _, err := tx.exec(ctx, `DELETE FROM people WHERE id = ?`, id); err != nil {
			return nil, translate(err, "purge")
		}
	}
	return ids, nil
}

func isForeignKey(err error) bool {
	return err != nil && strings.Contains(err.Error(), "FOREIGN KEY constraint failed")
}
