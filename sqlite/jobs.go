package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/linkway/linkway/directory"
)

// StartJob records j as running and returns its id. A sync of a feed
// that is already being synced is a Conflict: RunningJob finds that one.
func (db *DB) StartJob(ctx context.Context, j directory.Job) (int64, error) {
	var id int64
	err := db.InTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `INSERT INTO job (kind, subject, started_by, state, started_at) VALUES (?, ?, ?, 'running', ?)`,
			j.Kind, j.Subject, j.StartedBy, tx.now.Format(time.RFC3339Nano))
		if err != nil {
			return translate(err, fmt.Sprintf("a running %s of %s", j.Kind, directory.Quote(j.Subject)))
		}
		id, err = res.LastInsertId()
		return err
	})
	return id, err
}

// SaveJobProgress records how far the running job id has got.
func (db *DB) SaveJobProgress(ctx context.Context, id int64, p directory.JobProgress) error {
	b, err := json.Marshal(p)
	if err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `UPDATE job SET progress = ? WHERE id = ? AND state = 'running'`, string(b), id)
		return translate(err, "job progress")
	})
}

// FinishJob records that the running job id ended in state (succeeded
// or failed) with its report.
func (db *DB) FinishJob(ctx context.Context, id int64, state directory.JobState, r directory.JobReport) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `UPDATE job SET state = ?, report = ?, finished_at = ? WHERE id = ? AND state = 'running'`,
			state, string(b), tx.now.Format(time.RFC3339Nano), id)
		return translate(err, "job")
	})
}

// InterruptJobs marks every job still recorded as running as
// interrupted, and returns how many there were. Serve calls it before
// starting any job: a job found running then belonged to a process that
// stopped in the middle of it, and being all or nothing it changed
// nothing.
func (db *DB) InterruptJobs(ctx context.Context) (int, error) {
	var n int64
	err := db.InTx(ctx, func(tx *Tx) error {
		report, _ := json.Marshal(directory.JobReport{Error: "Linkway stopped before this finished, so nothing was changed; start it again"})
		res, err := tx.exec(ctx, `UPDATE job SET state = 'interrupted', report = ?, finished_at = ? WHERE state = 'running'`,
			string(report), tx.now.Format(time.RFC3339Nano))
		if err != nil {
			return translate(err, "jobs")
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}

const jobColumns = `id, kind, subject, started_by, state, progress, report, started_at, finished_at`

// Job returns the job id.
func (db *DB) Job(ctx context.Context, id int64) (directory.Job, error) {
	return scanJob(db.read.QueryRowContext(ctx, `SELECT `+jobColumns+` FROM job WHERE id = ?`, id).Scan)
}

// RunningJob returns the running job of kind about subject; NotFound
// when there is none.
func (db *DB) RunningJob(ctx context.Context, kind directory.JobKind, subject string) (directory.Job, error) {
	return scanJob(db.read.QueryRowContext(ctx, `SELECT `+jobColumns+` FROM job WHERE kind = ? AND subject = ? AND state = 'running' ORDER BY id DESC LIMIT 1`, kind, subject).Scan)
}

func scanJob(scan func(...any) error) (directory.Job, error) {
	var j directory.Job
	var progress, report, started, finished string
	if err := scan(&j.ID, &j.Kind, &j.Subject, &j.StartedBy, &j.State, &progress, &report, &started, &finished); err != nil {
		return j, translate(err, "job")
	}
	if err := json.Unmarshal([]byte(progress), &j.Progress); err != nil {
		return j, fmt.Errorf("sqlite: job %d progress: %w", j.ID, err)
	}
	if err := json.Unmarshal([]byte(report), &j.Report); err != nil {
		return j, fmt.Errorf("sqlite: job %d report: %w", j.ID, err)
	}
	j.StartedAt, _ = time.Parse(time.RFC3339Nano, started)
	j.FinishedAt, _ = time.Parse(time.RFC3339Nano, finished)
	return j, nil
}
