package postgres

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// JobsLock is the advisory lock key of the instance that runs the
// scheduled jobs (reminders, the retention purge, feed syncs).
const JobsLock = 0x4c696e6b_00000003 // "Link", 3

// Leader is this instance's part in choosing, among all the instances on
// one database, the one that does something only one should do. The
// leader holds a session-level advisory lock on a connection of its own,
// taken out of the pool for as long as it leads. When that connection
// dies (the instance crashed, the network failed) PostgreSQL releases
// the lock, and the next instance to try takes it.
type Leader struct {
	leading atomic.Bool
	cancel  context.CancelFunc
	done    sync.WaitGroup
}

// Lead starts trying for the lock key now and at every retry, and, while
// holding it, checks every retry that its connection still works. Close
// stops and gives up the lock.
func (db *DB) Lead(key int64, retry time.Duration) *Leader {
	// A lifecycle context owned by the goroutine Leader runs.
	ctx, cancel := context.WithCancel(context.Background())
	l := &Leader{cancel: cancel}
	l.done.Go(func() { l.run(ctx, db.pool, key, retry) })
	return l
}

// Leading reports whether this instance holds the lock, as of its last
// check (at most retry ago).
func (l *Leader) Leading() bool { return l.leading.Load() }

// Close stops trying and releases the lock if held, so another instance
// can lead at once. Close it before the store: closing the pool waits
// for the leader's connection.
func (l *Leader) Close() error {
	l.cancel()
	l.done.Wait()
	return nil
}

func (l *Leader) run(ctx context.Context, pool *pgxpool.Pool, key int64, retry time.Duration) {
	var conn *pgxpool.Conn
	defer func() {
		l.leading.Store(false)
		if conn != nil {
			// Closing the connection ends its session and so its lock.
			conn.Hijack().Close(context.Background())
		}
	}()
	t := time.NewTicker(retry)
	defer t.Stop()
	for {
		conn = l.check(ctx, pool, conn, key)
		l.leading.Store(conn != nil)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// check returns the connection holding the lock, or nil when this
// instance does not lead: it keeps a held connection while it answers,
// and otherwise tries for the lock on a fresh one. A leader whose
// connection died waits a round before trying again, so that an
// instance that kept its connection takes over rather than one whose
// database link may be failing.
func (l *Leader) check(ctx context.Context, pool *pgxpool.Pool, held *pgxpool.Conn, key int64) *pgxpool.Conn {
	if held != nil {
		if err := held.Ping(ctx); err == nil {
			return held
		}
		held.Hijack().Close(context.Background()) // dead: its lock is gone
		return nil
	}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return nil
	}
	var got bool
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1)`, key).Scan(&got); err != nil || !got {
		conn.Release()
		return nil
	}
	return conn
}
