package sqlite

import (
	"context"
	"strings"
	"time"

	"github.com/linkway/linkway/notify"
)

// AddToOutbox keeps a message; sent is when it went by mail (zero if it
// has not), sendErr why it could not.
func (db *DB) AddToOutbox(ctx context.Context, m notify.Message, sent time.Time, sendErr string) (int64, error) {
	var sentText any
	if !sent.IsZero() {
		sentText = instantText(sent)
	}
	res, err := db.write.ExecContext(ctx, `INSERT INTO outbox (created_at, recipient, subject, body, kind, about, sent_at, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		instantText(db.Now()), m.To, m.Subject, m.Body, m.Kind, m.About, sentText, sendErr)
	if err != nil {
		return 0, translate(err, "outbox")
	}
	return res.LastInsertId()
}

// OutboxFilter is [notify.OutboxFilter], which it used to be declared
// as; the alias keeps callers that name it here compiling.
type OutboxFilter = notify.OutboxFilter

// Outbox lists kept messages, newest first.
func (db *DB) Outbox(ctx context.Context, f notify.OutboxFilter) ([]notify.Entry, error) {
	var where []string
	var args []any
	for col, v := range map[string]string{"kind": f.Kind, "about": f.About, "recipient": f.To} {
		if v != "" {
			where, args = append(where, col+" = ?"), append(args, v)
		}
	}
	if f.Before > 0 {
		where, args = append(where, "id < ?"), append(args, f.Before)
	}
	if f.Unsent || f.Failed {
		where = append(where, "sent_at IS NULL")
	}
	if f.Failed {
		where = append(where, "error != ''")
	}
	if len(f.ExceptKinds) > 0 {
		where = append(where, "kind NOT IN (?"+strings.Repeat(", ?", len(f.ExceptKinds)-1)+")")
		for _, k := range f.ExceptKinds {
			args = append(args, k)
		}
	}
	q := `SELECT id, created_at, recipient, subject, body, kind, about, coalesce(sent_at, ''), error FROM outbox`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY id DESC"
	if f.Limit > 0 {
		q += " LIMIT ?"
		args = append(args, f.Limit)
	}
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, translate(err, "outbox")
	}
	defer rows.Close()
	var out []notify.Entry
	for rows.Next() {
		var e notify.Entry
		var created, sent string
		if err := rows.Scan(&e.ID, &created, &e.To, &e.Subject, &e.Body, &e.Kind, &e.About, &sent, &e.Error); err != nil {
			return nil, translate(err, "outbox")
		}
		e.Created, e.Sent = parseInstant(created), parseInstant(sent)
		out = append(out, e)
	}
	return out, translate(rows.Err(), "outbox")
}

// OutboxKinds lists the kinds of message in the outbox, for a filter.
func (db *DB) OutboxKinds(ctx context.Context) ([]string, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT DISTINCT kind
		FROM outbox
		WHERE kind != ''
		ORDER BY kind`)
	if err != nil {
		return nil, translate(err, "outbox")
	}
	defer rows.Close()
	var kinds []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, translate(err, "outbox")
		}
		kinds = append(kinds, k)
	}
	return kinds, translate(rows.Err(), "outbox")
}

// OutboxCounts counts the outbox's messages by kind and by what became
// of them, by kind, so an admin sees at once what needs attention.
func (db *DB) OutboxCounts(ctx context.Context) ([]notify.OutboxCount, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT kind,
			count(sent_at),
			count(*) FILTER (WHERE sent_at IS NULL AND error != ''),
			count(*) FILTER (WHERE sent_at IS NULL AND error = '')
		FROM outbox
		GROUP BY kind
		ORDER BY kind`)
	if err != nil {
		return nil, translate(err, "outbox")
	}
	defer rows.Close()
	var out []notify.OutboxCount
	for rows.Next() {
		var c notify.OutboxCount
		if err := rows.Scan(&c.Kind, &c.Sent, &c.Failed, &c.Kept); err != nil {
			return nil, translate(err, "outbox")
		}
		out = append(out, c)
	}
	return out, translate(rows.Err(), "outbox")
}
