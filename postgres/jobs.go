package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/linkway/linkway/directory"
)

// Jobs on several instances.
//
// SQLite's store is used by one process, so a job found running when it
// starts belonged to a process that died. Here another instance may be
// running it right now, and marking it interrupted would let a second
// sync of the same feed start beside it. So the instance that starts a
// job holds a session advisory lock for it, on a connection of its own,
// until the job finishes: PostgreSQL drops the lock when that instance
// stops or loses its connection, however it dies, and InterruptJobs
// interrupts only the running jobs whose lock it can take.

// jobLockBase is added to a job's id to make the key of its lock.
const jobLockBase = 0x4c696e6b_10000000 // "Link", jobs

// jobLocks holds the connections holding the locks of the jobs this
// store started that are still running.
type jobLocks struct {
	mu    sync.Mutex
	conns map[int64]*pgx.Conn
}

func (l *jobLocks) add(id int64, c *pgx.Conn) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.conns == nil {
		l.conns = map[int64]*pgx.Conn{}
	}
	l.conns[id] = c
}

// release closes job id's connection, so its lock goes (a job started
// by another instance has none here).
func (l *jobLocks) release(id int64) {
	l.mu.Lock()
	c := l.conns[id]
	delete(l.conns, id)
	l.mu.Unlock()
	if c != nil {
		unlockAndClose(c)
	}
}

// unlockAndClose releases the connection's job lock before closing it:
// a closed connection's server process drops its locks only once it has
// noticed, a moment later, and until then the job would still look alive.
func unlockAndClose(c *pgx.Conn) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c.Exec(ctx, `SELECT pg_advisory_unlock_all()`)
	c.Close(ctx)
}

// releaseAll closes every job connection, as a dying process would.
func (l *jobLocks) releaseAll() {
	l.mu.Lock()
	conns := l.conns
	l.conns = nil
	l.mu.Unlock()
	for _, c := range conns {
		unlockAndClose(c)
	}
}

// StartJob records j as running and returns its id. A sync of a feed
// that is already being synced is a Conflict: RunningJob finds that one.
func (db *DB) StartJob(ctx context.Context, j directory.Job) (int64, error) {
	var id int64
	var lock *pgx.Conn
	err := db.InTx(ctx, func(tx *Tx) error {
		err := tx.tx.QueryRow(ctx, `INSERT INTO job (kind, subject, started_by, state, started_at) VALUES ($1, $2, $3, 'running', $4)
			RETURNING id`, string(j.Kind), j.Subject, j.StartedBy, tx.now.Format(time.RFC3339Nano)).Scan(&id)
		if err != nil {
			return translate(err, fmt.Sprintf("a running %s of %s", j.Kind, directory.Quote(j.Subject)))
		}
		// The lock is taken before the row commits, so no other
		// instance ever sees the job running and unlocked.
		lock, err = db.lockJob(ctx, id)
		return err
	})
	if err != nil {
		if lock != nil {
			lock.Close(context.Background())
		}
		return 0, err
	}
	db.jobs.add(id, lock)
	return id, nil
}

// lockJob opens a connection outside the pool and takes job id's lock on
// it.
func (db *DB) lockJob(ctx context.Context, id int64) (*pgx.Conn, error) {
	c, err := pgx.ConnectConfig(ctx, db.pool.Config().ConnConfig.Copy())
	if err != nil {
		return nil, fmt.Errorf("postgres: job %d lock: %w", id, err)
	}
	if _, err := c.Exec(ctx, `SELECT pg_advisory_lock($1)`, jobLockBase+id); err != nil {
		c.Close(context.Background())
		return nil, translate(err, "job lock")
	}
	return c, nil
}

// SaveJobProgress records how far the running job id has got.
func (db *DB) SaveJobProgress(ctx context.Context, id int64, p directory.JobProgress) error {
	b, err := json.Marshal(p)
	if err != nil {
		return err
	}
	_, err = db.pool.Exec(ctx, `UPDATE job SET progress = $1 WHERE id = $2 AND state = 'running'`, string(b), id)
	return translate(err, "job progress")
}

// FinishJob records that the running job id ended in state (succeeded
// or failed) with its report.
func (db *DB) FinishJob(ctx context.Context, id int64, state directory.JobState, r directory.JobReport) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	_, err = db.pool.Exec(ctx, `UPDATE job SET state = $1, report = $2, finished_at = $3 WHERE id = $4 AND state = 'running'`,
		string(state), string(b), db.Now().UTC().Format(time.RFC3339Nano), id)
	if err != nil {
		return translate(err, "job")
	}
	db.jobs.release(id)
	return nil
}

// InterruptJobs marks as interrupted every job recorded as running whose
// instance has stopped (see above), and returns how many there were.
// Serve calls it before starting any job: being all or nothing, such a
// job changed nothing. Jobs other instances are running are left alone.
func (db *DB) InterruptJobs(ctx context.Context) (int, error) {
	report, _ := json.Marshal(directory.JobReport{Error: "Linkway stopped before this finished, so nothing was changed; start it again"})
	var n int64
	err := db.InTx(ctx, func(tx *Tx) error {
		// The transaction-scoped lock is taken only when free, so only
		// for orphaned jobs, and goes when the transaction ends.
		tag, err := tx.tx.Exec(ctx, `UPDATE job SET state = 'interrupted', report = $1, finished_at = $2
			WHERE id IN (SELECT id FROM job WHERE state = 'running')
			AND pg_try_advisory_xact_lock($3 + id)`,
			string(report), tx.now.Format(time.RFC3339Nano), int64(jobLockBase))
		n = tag.RowsAffected()
		return translate(err, "jobs")
	})
	return int(n), err
}

const jobColumns = `id, kind, subject, started_by, state, progress, report, started_at, finished_at`

// Job returns the job id.
func (db *DB) Job(ctx context.Context, id int64) (directory.Job, error) {
	return scanJob(db.pool.QueryRow(ctx, `SELECT `+jobColumns+` FROM job WHERE id = $1`, id))
}

// RunningJob returns the running job of kind about subject; NotFound
// when there is none.
func (db *DB) RunningJob(ctx context.Context, kind directory.JobKind, subject string) (directory.Job, error) {
	return scanJob(db.pool.QueryRow(ctx, `SELECT `+jobColumns+` FROM job
		WHERE kind = $1 AND subject = $2 AND state = 'running' ORDER BY id DESC LIMIT 1`, string(kind), subject))
}

func scanJob(row pgx.Row) (directory.Job, error) {
	var j directory.Job
	var progress, report, started, finished string
	if err := row.Scan(&j.ID, &j.Kind, &j.Subject, &j.StartedBy, &j.State, &progress, &report, &started, &finished); err != nil {
		return j, translate(err, "job")
	}
	if err := json.Unmarshal([]byte(progress), &j.Progress); err != nil {
		return j, fmt.Errorf("postgres: job %d progress: %w", j.ID, err)
	}
	if err := json.Unmarshal([]byte(report), &j.Report); err != nil {
		return j, fmt.Errorf("postgres: job %d report: %w", j.ID, err)
	}
	j.StartedAt, _ = time.Parse(time.RFC3339Nano, started)
	j.FinishedAt, _ = time.Parse(time.RFC3339Nano, finished)
	return j, nil
}
