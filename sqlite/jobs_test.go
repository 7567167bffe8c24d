package sqlite_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/linkway/linkway/directory"
)

// A job is recorded running, its progress saved, and its report kept
// when it ends; a second sync of the same feed cannot start while one
// runs, but another feed's can, and so can the feed's next sync.
func TestJobLifecycle(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	id, err := db.StartJob(ctx, directory.Job{Kind: directory.JobFeedSync, Subject: "camden", StartedBy: 7})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.StartJob(ctx, directory.Job{Kind: directory.JobFeedSync, Subject: "camden", StartedBy: 8}); directory.KindOf(err) != directory.Conflict {
		t.Fatalf("second sync of camden: err = %v, want a Conflict", err)
	}
	running, err := db.RunningJob(ctx, directory.JobFeedSync, "camden")
	if err != nil || running.ID != id || running.StartedBy != 7 || running.State != directory.JobRunning || running.StartedAt.IsZero() {
		t.Fatalf("RunningJob(camden) = %+v, %v; want job %d by user 7, running", running, err, id)
	}
	if _, err := db.StartJob(ctx, directory.Job{Kind: directory.JobFeedSync, Subject: "leeds"}); err != nil {
		t.Errorf("a sync of another feed: %v", err)
	}
	// Imports may run side by side: each is staged on its own.
	for range 2 {
		if _, err := db.StartJob(ctx, directory.Job{Kind: directory.JobImport, Subject: "services.json"}); err != nil {
			t.Errorf("an import: %v", err)
		}
	}

	progress := directory.JobProgress{Pages: 3, Records: 120, Read: 500, Size: 1000}
	if err := db.SaveJobProgress(ctx, id, progress); err != nil {
		t.Fatal(err)
	}
	got, err := db.Job(ctx, id)
	if err != nil || got.Progress != progress || got.Done() {
		t.Fatalf("Job after progress = %+v, %v; want progress %+v, still running", got, err, progress)
	}

	report := directory.JobReport{Read: 120, Added: 3, Updated: 2, Unchanged: 114, Removed: 1, Invalid: 0, Warnings: 2,
		Problems: []string{"record 4 (id \"a\"): schedules[0].byday: \"Funday\": dropped"}, ProblemsLeft: 1}
	if err := db.FinishJob(ctx, id, directory.JobSucceeded, report); err != nil {
		t.Fatal(err)
	}
	got, err = db.Job(ctx, id)
	if err != nil || got.State != directory.JobSucceeded || !reflect.DeepEqual(got.Report, report) || got.FinishedAt.IsZero() || !got.Done() {
		t.Fatalf("Job after finishing = %+v, %v; want succeeded with %+v", got, err, report)
	}
	// Progress arriving late does not touch a finished job.
	if err := db.SaveJobProgress(ctx, id, directory.JobProgress{Records: 999}); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Job(ctx, id); got.Progress != progress {
		t.Errorf("late progress changed a finished job: %+v", got.Progress)
	}
	if _, err := db.RunningJob(ctx, directory.JobFeedSync, "camden"); directory.KindOf(err) != directory.NotFound {
		t.Errorf("RunningJob(camden) after it finished: err = %v, want NotFound", err)
	}
	if _, err := db.StartJob(ctx, directory.Job{Kind: directory.JobFeedSync, Subject: "camden"}); err != nil {
		t.Errorf("the next sync of camden: %v", err)
	}
	if _, err := db.Job(ctx, 9999); directory.KindOf(err) != directory.NotFound {
		t.Errorf("Job(9999): err = %v, want NotFound", err)
	}
}

// Jobs still running when the process stopped are interrupted when it
// starts again, and a sync of their feed can start.
func TestInterruptJobsAfterRestart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "linkway.db")
	db := mustOpenAt(t, path)
	sync, err := db.StartJob(ctx, directory.Job{Kind: directory.JobFeedSync, Subject: "camden"})
	if err != nil {
		t.Fatal(err)
	}
	done, err := db.StartJob(ctx, directory.Job{Kind: directory.JobImport, Subject: "a.json"})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.FinishJob(ctx, done, directory.JobFailed, directory.JobReport{Error: "the file holds no services"}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	db = mustOpenAt(t, path)
	n, err := db.InterruptJobs(ctx)
	if err != nil || n != 1 {
		t.Fatalf("InterruptJobs = %d, %v; want 1", n, err)
	}
	got, _ := db.Job(ctx, sync)
	if got.State != directory.JobInterrupted || got.Report.Error == "" || got.FinishedAt.IsZero() {
		t.Errorf("the sync that was running = %+v, want interrupted with a reason", got)
	}
	if got, _ := db.Job(ctx, done); got.State != directory.JobFailed || got.Report.Error != "the file holds no services" {
		t.Errorf("a finished job was changed: %+v", got)
	}
	if _, err := db.StartJob(ctx, directory.Job{Kind: directory.JobFeedSync, Subject: "camden"}); err != nil {
		t.Errorf("a sync of camden after the restart: %v", err)
	}
}
