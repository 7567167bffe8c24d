package postgres

import (
	"context"
	"testing"
	"time"

	"github.com/linkway/linkway/internal/pgtest"
)

// lead starts a leader closed when the test ends, before its store.
func lead(t *testing.T, db *DB, retry time.Duration) *Leader {
	l := db.Lead(JobsLock, retry)
	t.Cleanup(func() { l.Close() })
	return l
}

// leaders counts how many of ls lead.
func leaders(ls ...*Leader) int {
	n := 0
	for _, l := range ls {
		if l.Leading() {
			n++
		}
	}
	return n
}

// waitFor polls cond until it holds or within has passed.
func waitFor(t *testing.T, within time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("not within %s: %s", within, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestLeaderOneAtATime runs two instances' leaders on one database:
// exactly one leads, and when it stops the other takes over within the
// retry interval.
func TestLeaderOneAtATime(t *testing.T) {
	url := pgtest.URL(t)
	a, b := mustOpenURL(t, url), mustOpenURL(t, url)
	const retry = 50 * time.Millisecond
	la, lb := lead(t, a, retry), lead(t, b, retry)
	waitFor(t, time.Second, "one leader", func() bool { return leaders(la, lb) == 1 })
	// It stays one: the other keeps trying and keeps failing.
	time.Sleep(4 * retry)
	if n := leaders(la, lb); n != 1 {
		t.Fatalf("%d leaders after some retries; want 1", n)
	}
	first, second := la, lb
	if lb.Leading() {
		first, second = lb, la
	}
	first.Close()
	if first.Leading() {
		t.Error("a closed leader still leads")
	}
	waitFor(t, 3*retry, "the other instance leads after the leader closed", second.Leading)
}

// TestLeaderLostWithConnection kills the leader's connection, as a crash
// or a network failure would: the other instance takes over, and the old
// leader knows it no longer leads.
func TestLeaderLostWithConnection(t *testing.T) {
	url := pgtest.URL(t)
	a, b := mustOpenURL(t, url), mustOpenURL(t, url)
	const retry = 50 * time.Millisecond
	la := lead(t, a, retry)
	waitFor(t, time.Second, "the first instance leads", la.Leading)
	lb := lead(t, b, retry)
	time.Sleep(2 * retry)
	if lb.Leading() {
		t.Fatal("a second instance leads while the first holds the lock")
	}
	ctx := context.Background()
	var killed int
	err := b.pool.QueryRow(ctx, `SELECT count(pg_terminate_backend(pid)) FROM pg_locks
		WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()`).Scan(&killed)
	if err != nil || killed != 1 {
		t.Fatalf("terminated %d leader connections, %v; want 1", killed, err)
	}
	waitFor(t, 4*retry, "the second instance leads once the first's connection died", lb.Leading)
	waitFor(t, 4*retry, "the first instance knows it lost the lead", func() bool { return !la.Leading() })
	if n := leaders(la, lb); n != 1 {
		t.Errorf("%d leaders; want 1", n)
	}
}
