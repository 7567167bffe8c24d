package postgres

import (
	"context"
	"testing"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/pgtest"
)

// An instance starting while another runs a job leaves that job alone:
// it is interrupted only once its instance has gone, and the rule of one
// running sync per feed holds across instances meanwhile.
func TestInterruptJobsLeavesLiveInstancesJobs(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	a, b := mustOpenURL(t, url), mustOpenURL(t, url)
	id, err := a.StartJob(ctx, directory.Job{Kind: directory.JobFeedSync, Subject: "camden"})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := b.InterruptJobs(ctx); err != nil || n != 0 {
		t.Fatalf("InterruptJobs on b = %d, %v; want 0 while a runs the sync", n, err)
	}
	if n, err := a.InterruptJobs(ctx); err != nil || n != 0 {
		t.Fatalf("InterruptJobs on a = %d, %v; want 0: the sync is its own", n, err)
	}
	if _, err := b.StartJob(ctx, directory.Job{Kind: directory.JobFeedSync, Subject: "camden"}); directory.KindOf(err) != directory.Conflict {
		t.Fatalf("a second sync of camden on b: %v, want a Conflict", err)
	}
	a.Close()
	if n, err := b.InterruptJobs(ctx); err != nil || n != 1 {
		t.Fatalf("InterruptJobs on b after a stopped = %d, %v; want 1", n, err)
	}
	if j, _ := b.Job(ctx, id); j.State != directory.JobInterrupted {
		t.Errorf("a's sync = %+v, want interrupted", j)
	}
}
