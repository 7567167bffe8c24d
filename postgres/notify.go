package postgres

import (
	"context"
	"time"
)

// changesChannel is where a transaction that appended to the change log
// notifies, once, when it commits (migration 0007's trigger).
const changesChannel = "linkway_changes"

// WatchChanges calls wake whenever any instance commits a change to the
// listings, until ctx ends. It holds a connection of its own, out of the
// pool, listening on changesChannel; so a search index following the
// change log applies another instance's edit within milliseconds rather
// than at its next poll. The poll stays as the safety net: notifications
// sent while the connection is down are lost, so after connecting again
// WatchChanges wakes once to catch up. Errors go to onError, and it goes
// on trying every retry.
func (db *DB) WatchChanges(ctx context.Context, wake func(), retry time.Duration, onError func(error)) {
	for ctx.Err() == nil {
		err := db.listen(ctx, wake)
		if ctx.Err() != nil {
			return
		}
		if onError != nil {
			onError(err)
		}
		select {
		case <-ctx.Done():
		case <-time.After(retry):
		}
	}
}

// listen listens on changesChannel on one connection, calling wake for
// each notification, until the connection fails or ctx ends.
func (db *DB) listen(ctx context.Context, wake func()) error {
	pc, err := db.pool.Acquire(ctx)
	if err != nil {
		return translate(err, "listen for changes")
	}
	// The connection ends with the listening: closing it ends its session
	// and its LISTEN, rather than handing a listening session back.
	conn := pc.Hijack()
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+changesChannel); err != nil {
		return translate(err, "listen for changes")
	}
	wake() // anything committed while no one was listening
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			return translate(err, "listen for changes")
		}
		wake()
	}
}
