package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
)

// Limiter is a rate limiter whose counts are rows of the rate_limit
// table, so that every instance on the database shares them: a client
// cannot get a fresh allowance by reaching another instance. It
// satisfies web/core's RateLimiter and counts as the in-memory one does,
// in fixed windows that start at a key's first event.
type Limiter struct {
	db     *DB
	name   string
	max    int
	window time.Duration
}

// Limiter returns the limiter called name (which keeps its keys apart
// from other limiters'), allowing max events per key in each window.
// cmd makes web/core's Limiters of it.
func (db *DB) Limiter(name string, max int, window time.Duration) *Limiter {
	return &Limiter{db: db, name: name, max: max, window: window}
}

func (l *Limiter) key(key string) string { return l.name + ":" + key }

// Blocked reports whether key has used up its allowance at now, and if
// so how long until it may try again.
func (l *Limiter) Blocked(ctx context.Context, key string, now time.Time) (bool, time.Duration, error) {
	var (
		start time.Time
		hits  int
	)
	err := l.db.pool.QueryRow(ctx, `SELECT window_start, hits FROM rate_limit WHERE key = $1`, l.key(key)).Scan(&start, &hits)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return false, 0, nil
	case err != nil:
		return false, 0, translate(err, "rate limit")
	case now.Sub(start) >= l.window || now.Before(start) || hits < l.max:
		return false, 0, nil
	}
	return true, start.Add(l.window).Sub(now), nil
}

// Fail counts an event by key at now, starting a new window when the
// key's has ended, in one statement: events at several instances at
// once are each counted. It returns true for the event that uses up the
// allowance, so that it is logged once per window.
func (l *Limiter) Fail(ctx context.Context, key string, now time.Time) (bool, error) {
	var hits int
	err := l.db.pool.QueryRow(ctx, `INSERT INTO rate_limit AS r (key, window_start, hits)
		VALUES ($1, $2, 1)
		ON CONFLICT (key) DO UPDATE SET
			window_start = CASE WHEN r.window_start <= $3 OR r.window_start > $2 THEN $2 ELSE r.window_start END,
			hits = CASE WHEN r.window_start <= $3 OR r.window_start > $2 THEN 1 ELSE r.hits + 1 END
		RETURNING hits`, l.key(key), now, now.Add(-l.window)).Scan(&hits)
	if err != nil {
		return false, translate(err, "rate limit")
	}
	return hits == l.max, nil
}

// DeleteOldRateLimits removes counts whose window started before
// before, which the caller sets earlier than any limiter's window
// reaches: they limit no one, and removing them keeps the table from
// growing with every address that ever called.
func (db *DB) DeleteOldRateLimits(ctx context.Context, before time.Time) error {
	_, err := db.pool.Exec(ctx, `DELETE FROM rate_limit WHERE window_start < $1`, before)
	return translate(err, "rate limits")
}
