package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/linkway/linkway/directory"
)

// StaleServices returns the listed services that nobody has confirmed for
// months whole months or more as of now, or ever, by organisation and
// name. "Whole months" is [directory.Service.VerifiedMonthsAgo]'s count,
// so the store and the pages never disagree about a listing.
func (db *DB) StaleServices(ctx context.Context, now time.Time, months int) ([]*directory.Service, error) {
	// VerifiedMonthsAgo(now) >= months exactly when the verified date is
	// on or before now's day, months months back. That day may not exist
	// ("2026-02-31"), but as text it still sorts where it should (in byte
	// order, hence COLLATE "C").
	y, m, d := now.Date()
	back := y*12 + int(m) - 1 - months
	cutoff := fmt.Sprintf("%04d-%02d-%02d", back/12, back%12+1, d)
	return db.loadServices(ctx, `
		WHERE s.status IN ('active', 'temporarily closed')
			AND (s.last_verified = '' OR s.last_verified COLLATE "C" <= $1)
		ORDER BY lower(o.name) COLLATE "C", s.organization_id, lower(s.name) COLLATE "C", s.id`, cutoff)
}

// LastNotified returns when the newest message of kind about about went
// into the outbox, or the zero time if none has: reminders use it so as
// not to nag. Mail sent by SMTP is kept in the outbox too; mail the
// server refused does not count, so that it is tried again.
func (db *DB) LastNotified(ctx context.Context, kind, about string) (time.Time, error) {
	var last string
	err := db.pool.QueryRow(ctx, `SELECT coalesce(max(created_at COLLATE "C"), '')
		FROM outbox
		WHERE kind = $1 AND about = $2 AND error = ''`, kind, about).Scan(&last)
	if err != nil {
		return time.Time{}, translate(err, "outbox")
	}
	return parseInstant(last), nil
}
