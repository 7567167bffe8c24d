package hsds_test

import (
	"context"
	"errors"
	"log/slog"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/hsds"
)

// A sync running when the jobs are closed (serve stopping) is recorded
// as interrupted, with its last progress; a scheduled sync of a feed an
// admin is syncing is left alone.
func TestJobsInterruptedWhenClosed(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	reading := make(chan struct{})
	sync := func(ctx context.Context, name string, progress func(pages, records int), sink func(hsds.Issue)) (directory.FeedResult, error) {
		progress(1, 40)
		sink(hsds.Issue{Level: hsds.Warning, Index: 3, ID: "a", Field: "url", Action: "dropped"})
		close(reading)
		<-ctx.Done()
		return directory.FeedResult{}, ctx.Err()
	}
	jobs := hsds.NewJobs(db, sync, nil, slog.New(slog.DiscardHandler))
	id, started, err := jobs.StartSync(ctx, "camden", 4)
	if err != nil || !started {
		t.Fatalf("StartSync = %d, %v, %v", id, started, err)
	}
	<-reading
	if err := jobs.RunSync(ctx, "camden"); err != nil {
		t.Errorf("the schedule's sync of a feed being synced: %v, want it left alone", err)
	}
	if again, started, err := jobs.StartSync(ctx, "camden", 5); err != nil || started || again != id {
		t.Errorf("a second StartSync = %d, %v, %v; want job %d, not started", again, started, err, id)
	}
	done := make(chan struct{})
	go func() { jobs.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not return")
	}
	j, err := db.Job(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if j.State != directory.JobInterrupted || j.Report.Error == "" || j.Progress.Pages != 1 || j.Progress.Records != 40 || len(j.Report.Problems) != 1 {
		t.Errorf("the stopped sync = %+v; want interrupted, its progress and its warning kept", j)
	}
}

// Only the first warnings and errors are listed; the rest are counted,
// and records with errors are counted once each.
func TestJobsReportProblems(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	imp := func(ctx context.Context, src hsds.Source, progress func(int, int64), applying func(), sink func(hsds.Issue)) (hsds.Report, error) {
		for i := 1; i <= 60; i++ {
			sink(hsds.Issue{Level: hsds.Error, Index: 1 + i%3, Field: "name", Action: "missing"})
		}
		return hsds.Report{Read: 3}, errors.New("3 invalid records")
	}
	jobs := hsds.NewJobs(db, nil, imp, slog.New(slog.DiscardHandler))
	closed := false
	id, err := jobs.StartImport(ctx, "a.json", 10, nil, func() { closed = true }, 1)
	if err != nil {
		t.Fatal(err)
	}
	j := directory.Job{State: directory.JobRunning}
	for deadline := time.Now().Add(5 * time.Second); !j.Done() && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if j, err = db.Job(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	jobs.Close() // waits for the job to close its source
	if j.State != directory.JobFailed || len(j.Report.Problems) != 50 || j.Report.ProblemsLeft != 10 || j.Report.Invalid != 3 || j.Report.Error != "3 invalid records" || !closed {
		t.Errorf("the failed import = %+v (source closed: %v)", j, closed)
	}
}
