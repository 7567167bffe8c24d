package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/pgtest"
	"github.com/linkway/linkway/postgres"
)

// instance is one `linkway serve` on a shared database, with its own
// index folder, that the test can stop before the others.
type instance struct {
	base   string
	stop   func()
	stderr *lockedWriter
	buf    *bytes.Buffer
}

func startInstance(t *testing.T, database string) *instance {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	listening := make(chan string, 1)
	done := make(chan error, 1)
	var buf bytes.Buffer
	errW := &lockedWriter{w: &buf}
	args := []string{"--data", filepath.Join(t.TempDir(), "data"), "--database", database, "--addr", "127.0.0.1:0", "--tile-url", "none"}
	go func() { done <- runServe(ctx, args, noEnv, &lockedWriter{w: &bytes.Buffer{}}, errW, listening) }()
	select {
	case addr := <-listening:
		stopped := false
		in := &instance{base: "http://" + addr, stderr: errW, buf: &buf}
		in.stop = func() {
			if !stopped {
				stopped = true
				cancel()
				if err := <-done; err != nil {
					t.Errorf("serve: %v", err)
				}
			}
		}
		t.Cleanup(in.stop)
		return in
	case err := <-done:
		cancel()
		t.Fatalf("serve stopped before listening: %v\n%s", err, buf.String())
	case <-time.After(60 * time.Second):
		cancel()
		t.Fatal("serve did not start within 60s")
	}
	return nil
}

func (in *instance) log() string {
	in.stderr.mu.Lock()
	defer in.stderr.mu.Unlock()
	return in.buf.String()
}

// searchFinds reports whether the instance's public search API lists
// the service with the given id for words.
func (in *instance) searchFinds(t *testing.T, words, id string) bool {
	t.Helper()
	resp, err := http.Get(in.base + "/api/v1/search?q=" + url.QueryEscape(words))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var answer struct {
		Results []struct {
			ID string `json:"id"`
		} `json:"results"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil {
		t.Fatalf("search answer: %v", err)
	}
	for _, r := range answer.Results {
		if r.ID == id {
			return true
		}
	}
	return false
}

// TestTwoInstancesOnOnePostgres runs two serve instances on one
// PostgreSQL database, each with its own index. A listing written through
// the store is found by the other instance's search within a second of
// the write; one instance stops and the other still serves, and takes
// over the scheduled jobs (the leader's advisory lock passes to it). A
// sync left "running" by an instance that died is marked interrupted, at
// start and by the new leader, while one a live instance runs is not.
func TestTwoInstancesOnOnePostgres(t *testing.T) {
	database := pgtest.URL(t)
	ctx := context.Background()
	// Write as instance a's store does: one store handle on the database,
	// which also runs a sync throughout.
	db, err := postgres.Open(ctx, database)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	live, err := db.StartJob(ctx, directory.Job{Kind: directory.JobFeedSync, Subject: "live"})
	if err != nil {
		t.Fatal(err)
	}
	orphaned := diedDuringSync(t, database, "before")

	a := startInstance(t, database)
	b := startInstance(t, database)
	wantJob(t, db, orphaned, directory.JobInterrupted)
	wantJob(t, db, live, directory.JobRunning)
	s := &directory.Service{ID: "zither-1", Name: "Zither circle for beginners", Status: directory.StatusActive,
		Description: "Learn the zither with friendly neighbours, every week."}
	written := time.Now()
	if err := db.InTx(ctx, func(tx *postgres.Tx) error { _, _, err := tx.PutService(ctx, s); return err }); err != nil {
		t.Fatal(err)
	}
	for _, in := range []*instance{a, b} {
		for !in.searchFinds(t, "zither", "zither-1") {
			if time.Since(written) > 10*time.Second {
				t.Fatalf("%s: the new listing is not found after 10s", in.base)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	if took := time.Since(written); took > time.Second {
		t.Errorf("both instances found the listing after %v; want within a second", took)
	} else {
		t.Logf("both instances found the new listing %v after it was written", took.Round(time.Millisecond))
	}

	// Exactly one instance runs the scheduled jobs.
	leads := func(in *instance) bool {
		return strings.Contains(in.log(), "this instance now runs a scheduled job")
	}
	deadline := time.Now().Add(30 * time.Second)
	for !leads(a) && !leads(b) && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	if leads(a) == leads(b) {
		t.Fatalf("a leads: %v, b leads: %v; want exactly one", leads(a), leads(b))
	}
	leader, other := a, b
	if leads(b) {
		leader, other = b, a
	}
	leader.stop()
	orphaned = diedDuringSync(t, database, "between")

	if st, _ := mustGet(t, other.base+"/healthz"); st != http.StatusOK {
		t.Errorf("the other instance answers /healthz with %d after the first stopped", st)
	}
	if !other.searchFinds(t, "zither", "zither-1") {
		t.Error("the other instance's search lost the listing after the first stopped")
	}
	deadline = time.Now().Add(45 * time.Second)
	for !leads(other) && time.Now().Before(deadline) {
		time.Sleep(200 * time.Millisecond)
	}
	if !leads(other) {
		t.Errorf("the remaining instance did not take over the scheduled jobs:\n%s", other.log())
	}
	deadline = time.Now().Add(10 * time.Second)
	for jobState(t, db, orphaned) == directory.JobRunning && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	wantJob(t, db, orphaned, directory.JobInterrupted)
	wantJob(t, db, live, directory.JobRunning)
}

// diedDuringSync starts a sync of feed as another instance would, and
// ends that instance's connections as its death would, leaving the job
// recorded as running. It returns the job's id.
func diedDuringSync(t *testing.T, database, feed string) int64 {
	t.Helper()
	ctx := context.Background()
	dead, err := postgres.Open(ctx, database)
	if err != nil {
		t.Fatal(err)
	}
	defer dead.Close()
	id, err := dead.StartJob(ctx, directory.Job{Kind: directory.JobFeedSync, Subject: feed})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func jobState(t *testing.T, db *postgres.DB, id int64) directory.JobState {
	t.Helper()
	j, err := db.Job(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return j.State
}

func wantJob(t *testing.T, db *postgres.DB, id int64, want directory.JobState) {
	t.Helper()
	if got := jobState(t, db, id); got != want {
		t.Errorf("job %d is %s; want %s", id, got, want)
	}
}
