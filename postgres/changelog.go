package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/linkway/linkway/directory"
)

// A change log that never skips.
//
// Followers (each instance's search index) read "the changes after N" and
// then remember the largest seq they applied. With several writers, a
// sequence number is drawn when a row is inserted, not when its
// transaction commits: writer A could draw 41, writer B 42, and B commit
// first. A follower reading then would see 42, move its position past
// 41, and never see A's change once A commits.
//
// So every transaction that appends to the change log first takes one
// transaction-scoped advisory lock (changeLogLock) and holds it until it
// commits or rolls back. Sequence numbers are therefore drawn one
// transaction at a time, in commit order: B cannot draw 42 until A has
// finished, and PostgreSQL makes a committed transaction visible before
// it releases its locks, so any snapshot that shows a row shows every row
// with a smaller number that will ever exist. Reading "seq > N ORDER BY
// seq" is then always a prefix of the final log, and a follower reads each
// change exactly once, in order. (Rolled-back transactions leave gaps,
// which are harmless.)
//
// The price is that listing writes queue behind one another across all
// instances, which is what SQLite's single writer does anyway; reads,
// casework and sessions are not held up, as they never take the lock.
// changeLogLock is the advisory lock key for it.
const changeLogLock = 0x4c696e6b_00000002 // "Link", 2

// logChange appends one change in the transaction, taking the change
// log's lock first (see above).
func (tx *Tx) logChange(ctx context.Context, serviceID, op string) error {
	if err := tx.lockChangeLog(ctx); err != nil {
		return err
	}
	_, err := tx.tx.Exec(ctx, `INSERT INTO change_log (service_id, op, changed_at) VALUES ($1, $2, $3)`, serviceID, op, tx.now)
	return translate(err, "change log")
}

// lockChangeLog takes the change log's lock for the rest of the
// transaction, once. Listing writes take it before they change any row:
// a writer that took it only when logging, after writing some rows, could
// then wait for a row another writer holds while that one waits for the
// lock (a deadlock). Taken first, writers queue on the lock alone.
func (tx *Tx) lockChangeLog(ctx context.Context) error {
	if tx.logLocked {
		return nil
	}
	if _, err := tx.tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(changeLogLock)); err != nil {
		return translate(err, "change log lock")
	}
	tx.logLocked = true
	return nil
}

// Changes returns up to limit change-log entries after seq, oldest first.
func (db *DB) Changes(ctx context.Context, after int64, limit int) ([]directory.Change, error) {
	rows, err := db.pool.Query(ctx, `SELECT seq, service_id FROM change_log WHERE seq > $1 ORDER BY seq LIMIT $2`, after, limit)
	if err != nil {
		return nil, translate(err, "changes")
	}
	changes, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (directory.Change, error) {
		var c directory.Change
		err := r.Scan(&c.Seq, &c.ServiceID)
		return c, err
	})
	return changes, translate(err, "changes")
}

// LastChangeSeq returns the newest change's sequence number (0 when the
// log is empty).
func (db *DB) LastChangeSeq(ctx context.Context) (int64, error) {
	var seq int64
	err := db.pool.QueryRow(ctx, `SELECT coalesce(max(seq), 0) FROM change_log`).Scan(&seq)
	return seq, translate(err, "last change")
}
