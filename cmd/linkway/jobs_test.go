package main

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestJobsStopWaitsForEveryJob checks that stop returns only once each
// job has finished what it was doing, so that serve never closes the
// database under a job.
func TestJobsStopWaitsForEveryJob(t *testing.T) {
	bg := startJobs(slog.New(slog.DiscardHandler))
	var sweeps atomic.Int32
	bg.every("sweep", time.Hour, func(context.Context) error {
		sweeps.Add(1)
		return nil
	})
	release := make(chan struct{})
	var finished atomic.Bool
	bg.run(func(ctx context.Context) {
		<-ctx.Done()
		<-release // still writing when told to stop
		finished.Store(true)
	})
	stopped := make(chan struct{})
	go func() {
		bg.stop()
		close(stopped)
	}()
	select {
	case <-stopped:
		t.Fatal("stop returned while a job was still running")
	case <-time.After(100 * time.Millisecond):
	}
	close(release)
	<-stopped
	if !finished.Load() {
		t.Error("stop returned before the job finished")
	}
	if n := sweeps.Load(); n != 1 {
		t.Errorf("the hourly job ran %d times, want once, at start", n)
	}
}

func TestJobsLogFailures(t *testing.T) {
	var buf bytes.Buffer
	out := &lockedWriter{w: &buf}
	bg := startJobs(slog.New(slog.NewTextHandler(out, nil)))
	calls := make(chan struct{}, 10)
	bg.every("send reminders", time.Millisecond, func(context.Context) error {
		calls <- struct{}{}
		return errors.New("mail server down")
	})
	// The third call starts only after the first failure was logged.
	for range 3 {
		<-calls
	}
	bg.stop()
	out.mu.Lock()
	defer out.mu.Unlock()
	if got := buf.String(); !strings.Contains(got, `msg="background job failed" job="send reminders" err="mail server down"`) {
		t.Errorf("log:\n%s", got)
	}
}

// follower leads while its flag is set.
type follower struct{ leading atomic.Bool }

func (f *follower) Leading() bool { return f.leading.Load() }
func (f *follower) Close() error  { return nil }

// TestJobsRunOnlyWhileLeading checks that a scheduled job waits while
// another instance leads and runs as soon as this one takes over.
func TestJobsRunOnlyWhileLeading(t *testing.T) {
	bg := startJobs(slog.New(slog.DiscardHandler))
	l := &follower{}
	runs := make(chan struct{}, 10)
	bg.everyLeading("send reminders", 20*time.Millisecond, l, func(context.Context) error {
		runs <- struct{}{}
		return nil
	})
	select {
	case <-runs:
		t.Fatal("the job ran while another instance led")
	case <-time.After(100 * time.Millisecond):
	}
	l.leading.Store(true)
	select {
	case <-runs:
	case <-time.After(time.Second):
		t.Fatal("the job did not run once this instance led")
	}
	bg.stop()
}
