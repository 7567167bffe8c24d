package sqlite

import (
	"context"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/storedoc"
)

// StaleServices returns the listed services that nobody has confirmed for
// months whole months or more as of now, or ever, by organisation and
// name (see [storedoc.StaleCutoff]).
func (db *DB) StaleServices(ctx context.Context, now time.Time, months int) ([]*directory.Service, error) {
	cutoff := storedoc.StaleCutoff(now, months)
	return db.loadServices(ctx, `
		WHERE s.status IN ('active', 'temporarily closed')
			AND (s.last_verified = '' OR s.last_verified <= ?)
		ORDER BY o.name COLLATE NOCASE, s.organization_id, s.name COLLATE NOCASE, s.id`, cutoff)
}

// LastNotified returns when the newest message of kind about about went
// into the outbox, or the zero time if none has: reminders use it so as
// not to nag. Mail sent by SMTP is kept in the outbox too; mail the
// server refused does not count, so that it is tried again.
func (db *DB) LastNotified(ctx context.Context, kind, about string) (time.Time, error) {
	var last string
	err := db.read.QueryRowContext(ctx, `SELECT coalesce(max(created_at), '')
		FROM outbox
		WHERE kind = ? AND about = ? AND error = ''`, kind, about).Scan(&last)
	if err != nil {
		return time.Time{}, translate(err, "outbox")
	}
	return parseInstant(last), nil
}
