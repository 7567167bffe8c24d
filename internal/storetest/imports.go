package storetest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
)

// FeedStore is what the feed suite uses.
type FeedStore interface {
	AddFeed(ctx context.Context, name, url string) error
	Feeds(ctx context.Context) ([]directory.Feed, error)
	Feed(ctx context.Context, name string) (directory.Feed, error)
	SaveFeedResult(ctx context.Context, name, format string, r directory.FeedResult, etag, lastModified string) error
}

// JobStore is what the job suite uses.
type JobStore interface {
	StartJob(ctx context.Context, j directory.Job) (int64, error)
	SaveJobProgress(ctx context.Context, id int64, p directory.JobProgress) error
	FinishJob(ctx context.Context, id int64, state directory.JobState, r directory.JobReport) error
	InterruptJobs(ctx context.Context) (int, error)
	Job(ctx context.Context, id int64) (directory.Job, error)
	RunningJob(ctx context.Context, kind directory.JobKind, subject string) (directory.Job, error)
	Close() error
}

// Feeds tests registering live feeds and recording their syncs.
func Feeds(t *testing.T, open Reopener[FeedStore]) {
	t.Run("AddAndList", func(t *testing.T) { feedsAddAndList(t, open(t)()) })
	t.Run("SyncResults", func(t *testing.T) { feedSyncResults(t, open(t)()) })
}

func feedsAddAndList(t *testing.T, db FeedStore) {
	ctx := context.Background()
	from := time.Now().Truncate(time.Second)
	for _, name := range []string{"leeds", "camden"} {
		if err := db.AddFeed(ctx, name, "https://"+name+".example.org/api"); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.AddFeed(ctx, "leeds", "https://elsewhere.example.org"); directory.KindOf(err) != directory.Conflict {
		t.Errorf("a name taken twice: %v, want a Conflict", err)
	}
	feeds, err := db.Feeds(ctx)
	if err != nil || len(feeds) != 2 || feeds[0].Name != "camden" || feeds[1].Name != "leeds" {
		t.Fatalf("Feeds = %+v, %v; want camden then leeds", feeds, err)
	}
	f := feeds[1]
	if f.URL != "https://leeds.example.org/api" || !between(f.AddedAt, from, time.Now()) || !f.Last.At.IsZero() || !f.AppliedAt.IsZero() || f.Last.NotModified {
		t.Errorf("a new feed = %+v", f)
	}
	if _, err := db.Feed(ctx, "nowhere"); directory.KindOf(err) != directory.NotFound {
		t.Errorf("Feed(nowhere): %v, want NotFound", err)
	}
	if err := db.SaveFeedResult(ctx, "nowhere", "", directory.FeedResult{At: time.Now()}, "", ""); directory.KindOf(err) != directory.NotFound {
		t.Errorf("SaveFeedResult(nowhere): %v, want NotFound", err)
	}
}

// An applied sync records its counts, format and validators; a failed
// one records its error but keeps those of the last applied sync, and a
// sync told nothing changed reads as not modified.
func feedSyncResults(t *testing.T, db FeedStore) {
	ctx := context.Background()
	if err := db.AddFeed(ctx, "leeds", "https://leeds.example.org"); err != nil {
		t.Fatal(err)
	}
	applied := time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)
	ok := directory.FeedResult{At: applied, Pages: 2, Read: 10, Created: 3, Updated: 2, Unchanged: 4, Withdrawn: 1, Warnings: 5}
	if err := db.SaveFeedResult(ctx, "leeds", "hsds3", ok, `"v1"`, "Tue, 01 Dec 2026 09:00:00 GMT"); err != nil {
		t.Fatal(err)
	}
	f, err := db.Feed(ctx, "leeds")
	if err != nil || !reflect.DeepEqual(f.Last, ok) || f.Format != "hsds3" || !f.AppliedAt.Equal(applied) ||
		f.ETag != `"v1"` || f.LastModified != "Tue, 01 Dec 2026 09:00:00 GMT" {
		t.Fatalf("after an applied sync = %+v, %v", f, err)
	}

	failedAt := applied.Add(time.Hour)
	failed := directory.FeedResult{At: failedAt, Pages: 1, Read: 4, Error: "page 2: 502 Bad Gateway"}
	if err := db.SaveFeedResult(ctx, "leeds", "oruk1", failed, `"v2"`, "later"); err != nil {
		t.Fatal(err)
	}
	f, _ = db.Feed(ctx, "leeds")
	if !reflect.DeepEqual(f.Last, failed) || f.Format != "hsds3" || !f.AppliedAt.Equal(applied) || f.ETag != `"v1"` || f.LastModified != "Tue, 01 Dec 2026 09:00:00 GMT" {
		t.Errorf("after a failed sync = %+v; want its error, and the applied sync's format, time and validators kept", f)
	}

	// An empty format leaves the known one; nothing read means not modified.
	same := directory.FeedResult{At: failedAt.Add(time.Hour), Pages: 1}
	if err := db.SaveFeedResult(ctx, "leeds", "", same, `"v1"`, ""); err != nil {
		t.Fatal(err)
	}
	f, _ = db.Feed(ctx, "leeds")
	if f.Format != "hsds3" || !f.Last.NotModified || f.Last.Error != "" || !f.AppliedAt.Equal(same.At) || f.LastModified != "" {
		t.Errorf("after a not-modified sync = %+v", f)
	}
}

// Jobs tests the record of background jobs: one running sync per feed,
// progress and reports, and jobs left running by a process that stopped.
func Jobs(t *testing.T, open Reopener[JobStore]) {
	t.Run("Lifecycle", func(t *testing.T) { jobLifecycle(t, open(t)()) })
	t.Run("InterruptedOnOpen", func(t *testing.T) { jobsInterruptedOnOpen(t, open(t)) })
}

// A job is recorded running, its progress saved, and its report kept
// when it ends; a second sync of the same feed cannot start while one
// runs, but another feed's can, and so can the feed's next sync.
func jobLifecycle(t *testing.T, db JobStore) {
	ctx := context.Background()
	from := time.Now()
	id, err := db.StartJob(ctx, directory.Job{Kind: directory.JobFeedSync, Subject: "camden", StartedBy: 7})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.StartJob(ctx, directory.Job{Kind: directory.JobFeedSync, Subject: "camden", StartedBy: 8}); directory.KindOf(err) != directory.Conflict {
		t.Fatalf("second sync of camden: err = %v, want a Conflict", err)
	}
	running, err := db.RunningJob(ctx, directory.JobFeedSync, "camden")
	if err != nil || running.ID != id || running.StartedBy != 7 || running.State != directory.JobRunning || !between(running.StartedAt, from, time.Now()) {
		t.Fatalf("RunningJob(camden) = %+v, %v; want job %d by user 7, running", running, err, id)
	}
	if _, err := db.RunningJob(ctx, directory.JobImport, "camden"); directory.KindOf(err) != directory.NotFound {
		t.Errorf("RunningJob(import of camden): %v, want NotFound", err)
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
func jobsInterruptedOnOpen(t *testing.T, open func() JobStore) {
	ctx := context.Background()
	db := open()
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

	db = open()
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
