package postgres

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/linkway/linkway/internal/pgtest"
)

// TestLimiterCountsInWindows is web/core's TestLimiter against the
// table: the same windows, the same answers.
func TestLimiterCountsInWindows(t *testing.T) {
	ctx := context.Background()
	l := mustOpen(t).Limiter("login", 3, 10*time.Minute)
	t0 := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	var firsts int
	for i := range 3 {
		if blocked, _, err := l.Blocked(ctx, "a", t0); err != nil || blocked {
			t.Fatalf("blocked after %d failures (%v)", i, err)
		}
		if hit, err := l.Fail(ctx, "a", t0.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		} else if hit {
			firsts++
		}
	}
	if firsts != 1 {
		t.Errorf("fail reported the limit reached %d times, want once", firsts)
	}
	if blocked, retry, err := l.Blocked(ctx, "a", t0.Add(4*time.Minute)); !blocked || retry != 6*time.Minute || err != nil {
		t.Errorf("blocked = %v, retry %v, %v; want blocked for the 6 minutes left of the window", blocked, retry, err)
	}
	if hit, _ := l.Fail(ctx, "a", t0.Add(5*time.Minute)); hit {
		t.Error("a failure past the limit reported the limit reached again")
	}
	if blocked, _, _ := l.Blocked(ctx, "b", t0.Add(4*time.Minute)); blocked {
		t.Error("another address is blocked")
	}
	if blocked, _, _ := l.Blocked(ctx, "a", t0.Add(10*time.Minute)); blocked {
		t.Error("still blocked when the window has ended")
	}
	// A failure after the window starts a new one.
	if hit, _ := l.Fail(ctx, "a", t0.Add(10*time.Minute)); hit {
		t.Error("the first failure of a new window reported the limit reached")
	}
	if blocked, _, _ := l.Blocked(ctx, "a", t0.Add(11*time.Minute)); blocked {
		t.Error("blocked after one failure in a new window")
	}
	l.Fail(ctx, "a", t0.Add(11*time.Minute))
	if hit, _ := l.Fail(ctx, "a", t0.Add(12*time.Minute)); !hit {
		t.Error("the third failure of the new window did not report the limit reached")
	}
	if blocked, retry, _ := l.Blocked(ctx, "a", t0.Add(12*time.Minute)); !blocked || retry != 8*time.Minute {
		t.Errorf("blocked = %v, retry %v in the new window; want blocked for its 8 minutes left", blocked, retry)
	}
}

// TestLimiterSharedByInstances counts failures at two instances on one
// database, at once: together they use up one allowance, exactly one
// failure reports it, and both then refuse. Another limiter's counts
// are its own.
func TestLimiterSharedByInstances(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	a, b := mustOpenURL(t, url).Limiter("login", 10, time.Minute), mustOpenURL(t, url).Limiter("login", 10, time.Minute)
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	var (
		wg           sync.WaitGroup
		mu           sync.Mutex
		reached, all int
	)
	for i := range 10 {
		l := a
		if i%2 == 1 {
			l = b
		}
		wg.Go(func() {
			hit, err := l.Fail(ctx, "192.0.2.1", now)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				t.Error(err)
			}
			all++
			if hit {
				reached++
			}
		})
	}
	wg.Wait()
	if reached != 1 {
		t.Errorf("%d failures at two instances reported the limit reached %d times, want once", all, reached)
	}
	for name, l := range map[string]*Limiter{"a": a, "b": b} {
		if blocked, retry, err := l.Blocked(ctx, "192.0.2.1", now.Add(time.Second)); !blocked || retry != 59*time.Second || err != nil {
			t.Errorf("instance %s: blocked = %v, retry %v, %v; want blocked for 59s", name, blocked, retry, err)
		}
	}
	other := mustOpenURL(t, url).Limiter("oruk", 10, time.Minute)
	if blocked, _, _ := other.Blocked(ctx, "192.0.2.1", now); blocked {
		t.Error("another limiter's failures counted against this one")
	}
	if err := a.db.DeleteOldRateLimits(ctx, now.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	if blocked, _, _ := b.Blocked(ctx, "192.0.2.1", now.Add(time.Second)); blocked {
		t.Error("still blocked after its count was deleted")
	}
}
