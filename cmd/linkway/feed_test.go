package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/sqlite"
)

// The feed commands: add (a bad name or URL is a usage error), sync of
// one feed and of all, list, and a failed sync's exit code and message.
func TestFeedCommand(t *testing.T) {
	var broken atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if broken.Load() {
			http.Error(w, "down", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Query().Get("page") {
		case "1":
			w.Write([]byte(`{"totalElements": 3, "totalPages": 2, "content": [
				{"id": "1", "name": "Lunch club", "status": "active"},
				{"id": "2", "name": "Walking group", "status": "active"}]}`))
		case "2":
			w.Write([]byte(`{"totalElements": 3, "totalPages": 2, "content": [
				{"id": "3", "name": "Debt advice", "status": "active"}]}`))
		default:
			http.Error(w, "no such page", http.StatusNotFound)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()

	for _, args := range [][]string{
		{"feed"},
		{"feed", "add", "--data", dir, srv.URL},
		{"feed", "add", "--data", dir, "--name", "bad name", srv.URL},
		{"feed", "add", "--data", dir, "--name", "leeds", "ftp://example.org"},
		{"feed", "frob", "--data", dir},
	} {
		if _, _, err := runCmd(t, args...); exitCode(err) != 2 {
			t.Errorf("%q: exit %d (%v); want 2", args, exitCode(err), err)
		}
	}
	if _, _, err := runCmd(t, "feed", "add", "--data", dir, "--name", "leeds", srv.URL+"/o/ServiceDirectoryService/v2"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCmd(t, "feed", "add", "--data", dir, "--name", "leeds", srv.URL); exitCode(err) != 1 {
		t.Errorf("adding a name twice: exit %d (%v); want 1", exitCode(err), err)
	}
	out, _, err := runCmd(t, "feed", "sync", "--data", dir, "leeds")
	if err != nil {
		t.Fatal(err)
	}
	if want := "feed leeds: 3 services read from 2 pages: 3 new"; !strings.Contains(out, want) {
		t.Errorf("sync said %q; want %q", out, want)
	}
	out, _, err = runCmd(t, "feed", "list", "--data", dir)
	if err != nil || !strings.Contains(out, "leeds  "+srv.URL) || !strings.Contains(out, "(oruk1)") || !strings.Contains(out, "3 unchanged") && !strings.Contains(out, "3 new") {
		t.Errorf("list: %q, %v", out, err)
	}

	if _, errOut, err := runCmd(t, "feed", "sync", "--data", dir, "york"); exitCode(err) != 1 || !strings.Contains(errOut, `no feed is called "york"`) {
		t.Errorf("sync of an unknown feed: exit %d, %q", exitCode(err), errOut)
	}

	broken.Store(true)
	_, errOut, err := runCmd(t, "feed", "sync", "--data", dir)
	if exitCode(err) != 1 || !strings.Contains(errOut, "feed leeds: sync failed, nothing changed: page 1: fetching") || !strings.Contains(errOut, "404 Not Found") {
		t.Errorf("failed sync: exit %d, %q", exitCode(err), errOut)
	}
	out, _, _ = runCmd(t, "feed", "list", "--data", dir)
	if !strings.Contains(out, "failed, nothing changed") {
		t.Errorf("list after a failed sync: %q", out)
	}
}

// serve's schedule syncs a feed only once its last sync is an interval
// old, so restarting the server does not fetch every feed again.
func TestSyncDueFeeds(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		w.Write([]byte(`{"total_items": 1, "total_pages": 1, "contents": [{"id": "1", "name": "Lunch club", "status": "active"}]}`))
	}))
	defer srv.Close()
	dir := t.TempDir()
	if _, _, err := runCmd(t, "feed", "add", "--data", dir, "--name", "york", srv.URL+"/services"); err != nil {
		t.Fatal(err)
	}
	a, err := openApp(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	jobs := a.jobs(slog.New(slog.DiscardHandler))
	defer jobs.Close()
	ctx := t.Context()
	for i, c := range []struct {
		interval time.Duration
		want     int32
	}{{time.Hour, 1}, {time.Hour, 1}, {time.Nanosecond, 2}} {
		if err := a.syncDueFeeds(ctx, jobs, c.interval); err != nil {
			t.Fatal(err)
		}
		if got := requests.Load(); got != c.want {
			t.Errorf("after check %d (interval %s): %d requests; want %d", i, c.interval, got, c.want)
		}
	}
	if s, err := a.db.Service(ctx, "york:1"); err != nil || s.Name != "Lunch club" {
		t.Errorf("york:1: %v, %v", s, err)
	}
	// Each sync the schedule ran is a job, started by nobody, that an
	// admin's page can show.
	for id := int64(1); id <= 2; id++ {
		j, err := a.db.Job(ctx, id)
		if err != nil || j.Kind != directory.JobFeedSync || j.Subject != "york" || j.StartedBy != 0 || j.State != directory.JobSucceeded {
			t.Errorf("job %d = %+v, %v; want a succeeded sync of york by the schedule", id, j, err)
		}
	}
	if _, err := a.db.Job(ctx, 3); directory.KindOf(err) != directory.NotFound {
		t.Errorf("job 3: %v; want only the two syncs due", err)
	}
}

// serve syncs the registered feeds on its schedule, starting with those
// never synced; a negative interval is a usage error.
func TestServeSyncsFeeds(t *testing.T) {
	if _, _, err := runCmd(t, "serve", "--data", t.TempDir(), "--feed-sync-interval", "-1h"); exitCode(err) != 2 {
		t.Errorf("negative interval: exit %d (%v); want 2", exitCode(err), err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"total_items": 1, "total_pages": 1, "contents": [{"id": "1", "name": "Lunch club", "status": "active"}]}`))
	}))
	defer srv.Close()
	dir := t.TempDir()
	if _, _, err := runCmd(t, "feed", "add", "--data", dir, "--name", "york", srv.URL); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		done <- runServe(ctx, []string{"--data", dir, "--addr", "127.0.0.1:0", "--feed-sync-interval", "1h"}, noEnv, io.Discard, io.Discard, nil)
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	}()
	db, err := sqlite.Open(filepath.Join(dir, "linkway.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	deadline := time.Now().Add(30 * time.Second)
	for {
		s, err := db.Service(t.Context(), "york:1")
		if err == nil && s.Source == "york" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not sync the feed within 30s: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// A sync recorded as running when serve starts belonged to a process that
// stopped in the middle of it: serve marks it interrupted, so its page
// does not say it is running for ever, and the feed can be synced again.
func TestServeInterruptsJobsLeftRunning(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	a, err := openApp(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	id, err := a.db.StartJob(ctx, directory.Job{Kind: directory.JobFeedSync, Subject: "york", StartedBy: 1})
	a.Close()
	if err != nil {
		t.Fatal(err)
	}
	mustServe(t, "--data", dir, "--feed-sync-interval", "0")
	a, err = openApp(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if j, err := a.db.Job(ctx, id); err != nil || j.State != directory.JobInterrupted {
		t.Errorf("the job left running = %+v, %v; want interrupted", j, err)
	}
}
