package main

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// jobs are the background work serve runs beside the web server: the
// index following the database, the session sweep, reminders and the
// retention purge. stop ends them and returns only once every one has
// finished, so that nothing is still writing when serve closes the
// database.
type jobs struct {
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	log    *slog.Logger
}

func startJobs(log *slog.Logger) *jobs {
	ctx, cancel := context.WithCancel(context.Background())
	return &jobs{ctx: ctx, cancel: cancel, log: log}
}

// run runs fn in its own goroutine until the jobs stop; fn must return
// soon after its context ends.
func (j *jobs) run(fn func(ctx context.Context)) {
	j.wg.Go(func() { fn(j.ctx) })
}

// every runs fn now and then at each interval until the jobs stop,
// logging its failures under what it does.
func (j *jobs) every(what string, interval time.Duration, fn func(ctx context.Context) error) {
	j.run(func(ctx context.Context) {
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			if err := fn(ctx); err != nil && ctx.Err() == nil {
				j.log.Error("background job failed", "job", what, "err", err)
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	})
}

// stop ends the jobs and waits for every one to finish.
func (j *jobs) stop() {
	j.cancel()
	j.wg.Wait()
}

// leaderCheck is how often a job that only the leader runs looks whether
// this instance leads.
const leaderCheck = 5 * time.Second

// everyLeading is every for work that must happen once across all the
// instances on a database: fn runs only while l says this instance
// leads, at once when it becomes the leader and then at each interval.
func (j *jobs) everyLeading(what string, interval time.Duration, l leader, fn func(ctx context.Context) error) {
	j.run(func(ctx context.Context) {
		t := time.NewTicker(min(interval, leaderCheck))
		defer t.Stop()
		var last time.Time
		was := false
		for {
			leading := l.Leading()
			if leading && !was {
				j.log.Info("this instance now runs a scheduled job", "job", what)
			}
			if leading && (!was || time.Since(last) >= interval) {
				last = time.Now()
				if err := fn(ctx); err != nil && ctx.Err() == nil {
					j.log.Error("background job failed", "job", what, "err", err)
				}
			}
			was = leading
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	})
}
