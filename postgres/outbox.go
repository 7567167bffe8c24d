package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/linkway/linkway/internal/dbtext"
	"github.com/linkway/linkway/notify"
)

// AddToOutbox keeps a message; sent is when it went by mail (zero if it
// has not), sendErr why it could not.
func (db *DB) AddToOutbox(ctx context.Context, m notify.Message, sent time.Time, sendErr string) (int64, error) {
	var sentText *string
	if !sent.IsZero() {
		s := dbtext.Instant(sent)
		sentText = &s
	}
	var id int64
	err := db.pool.QueryRow(ctx, `INSERT INTO outbox (created_at, recipient, subject, body, kind, about, sent_at, error)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		RETURNING id`,
		dbtext.Instant(db.Now()), m.To, m.Subject, m.Body, m.Kind, m.About, sentText, sendErr).Scan(&id)
	return id, translate(err, "outbox")
}

// OutboxFilter is [notify.OutboxFilter], as package sqlite names it.
type OutboxFilter = notify.OutboxFilter

// Outbox lists kept messages, newest first.
func (db *DB) Outbox(ctx context.Context, f notify.OutboxFilter) ([]notify.Entry, error) {
	var (
		where []string
		args  []any
	)
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	for _, c := range []struct{ col, v string }{{"kind", f.Kind}, {"about", f.About}, {"recipient", f.To}} {
		if c.v != "" {
			add(c.col+" = $%d", c.v)
		}
	}
	if f.Before > 0 {
		add("id < $%d", f.Before)
	}
	if f.Unsent || f.Failed {
		where = append(where, "sent_at IS NULL")
	}
	if f.Failed {
		where = append(where, "error <> ''")
	}
	if len(f.ExceptKinds) > 0 {
		add("kind <> ALL ($%d)", f.ExceptKinds)
	}
	q := `SELECT id, created_at, recipient, subject, body, kind, about, coalesce(sent_at, ''), error FROM outbox`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY id DESC"
	if f.Limit > 0 {
		args = append(args, f.Limit)
		q += fmt.Sprintf(" LIMIT $%d", len(args))
	}
	rows, err := db.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, translate(err, "outbox")
	}
	entries, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (notify.Entry, error) {
		var (
			e             notify.Entry
			created, sent string
		)
		err := r.Scan(&e.ID, &created, &e.To, &e.Subject, &e.Body, &e.Kind, &e.About, &sent, &e.Error)
		e.Created, e.Sent = dbtext.ParseInstant(created), dbtext.ParseInstant(sent)
		return e, err
	})
	return entries, translate(err, "outbox")
}

// OutboxKinds lists the kinds of message in the outbox, for a filter.
func (db *DB) OutboxKinds(ctx context.Context) ([]string, error) {
	rows, err := db.pool.Query(ctx, `SELECT DISTINCT kind COLLATE "C"
		FROM outbox
		WHERE kind <> ''
		ORDER BY 1`)
	if err != nil {
		return nil, translate(err, "outbox")
	}
	kinds, err := pgx.CollectRows(rows, pgx.RowTo[string])
	return kinds, translate(err, "outbox")
}

// OutboxCounts counts the outbox's messages by kind and by what became
// of them, by kind, so an admin sees at once what needs attention.
func (db *DB) OutboxCounts(ctx context.Context) ([]notify.OutboxCount, error) {
	rows, err := db.pool.Query(ctx, `SELECT kind,
			count(sent_at),
			count(*) FILTER (WHERE sent_at IS NULL AND error <> ''),
			count(*) FILTER (WHERE sent_at IS NULL AND error = '')
		FROM outbox
		GROUP BY kind
		ORDER BY kind COLLATE "C"`)
	if err != nil {
		return nil, translate(err, "outbox")
	}
	counts, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (notify.OutboxCount, error) {
		var c notify.OutboxCount
		err := r.Scan(&c.Kind, &c.Sent, &c.Failed, &c.Kept)
		return c, err
	})
	return counts, translate(err, "outbox")
}
