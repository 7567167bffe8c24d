package core

import (
	"context"
	"testing"
	"time"
)

func TestLimiter(t *testing.T) {
	l := NewLimiter(3, 10*time.Minute)
	t0 := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	var firsts int
	for i := range 3 {
		if blocked, _, _ := l.Blocked(context.Background(), "a", t0); blocked {
			t.Fatalf("blocked after %d failures", i)
		}
		if hit, _ := l.Fail(context.Background(), "a", t0.Add(time.Duration(i)*time.Minute)); hit {
			firsts++
		}
	}
	if firsts != 1 {
		t.Errorf("fail reported the limit reached %d times, want once", firsts)
	}
	blocked, retry, _ := l.Blocked(context.Background(), "a", t0.Add(4*time.Minute))
	if !blocked || retry != 6*time.Minute {
		t.Errorf("blocked = %v, retry %v; want blocked for the 6 minutes left of the window", blocked, retry)
	}
	if hit, _ := l.Fail(context.Background(), "a", t0.Add(5*time.Minute)); hit {
		t.Error("a failure past the limit reported the limit reached again")
	}
	if blocked, _, _ := l.Blocked(context.Background(), "b", t0.Add(4*time.Minute)); blocked {
		t.Error("another address is blocked")
	}
	if blocked, _, _ := l.Blocked(context.Background(), "a", t0.Add(10*time.Minute)); blocked {
		t.Error("still blocked when the window has ended")
	}
}

func TestLimiterForgetsOldWindows(t *testing.T) {
	l := NewLimiter(3, time.Minute)
	t0 := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	for i := range limiterSweepAt {
		l.Fail(context.Background(), string(rune(i+0x100)), t0)
	}
	l.Fail(context.Background(), "late", t0.Add(2*time.Minute))
	if len(l.hits) != 1 {
		t.Errorf("limiter holds %d addresses after a sweep, want 1", len(l.hits))
	}
}

func TestLimiterKey(t *testing.T) {
	for addr, want := range map[string]string{
		"192.0.2.7":             "192.0.2.7",
		"2001:db8:1:2:3:4:5:6":  "2001:db8:1:2::/64",
		"2001:db8:1:2:ffff::1":  "2001:db8:1:2::/64",
		"::ffff:192.0.2.7":      "::ffff:192.0.2.7",
		"not an address at all": "not an address at all",
	} {
		if got := LimiterKey(addr); got != want {
			t.Errorf("LimiterKey(%q) = %q, want %q", addr, got, want)
		}
	}
}
