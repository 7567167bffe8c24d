// Package storetest is one behavioural test suite for Linkway's stores:
// package sqlite's and package postgres's tests run it, each with its
// own opener, so both stores are held to the same behaviour. It is
// imported only by tests.
package storetest

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
)

// Opener opens a new, empty store that reads the time from now, and
// closes it when tb ends.
type Opener[S any] func(tb testing.TB, now func() time.Time) S

// Reopener makes a new empty database and returns a function that opens
// a store on it. Each call of that function opens another store on the
// same database, as a restarted process (or another instance) would;
// stores are closed when the test ends.
type Reopener[S any] func(tb testing.TB) func() S

// clock is a test's clock, which it moves on by hand.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// newClock starts a clock at a fixed instant, so that the tests do not
// depend on when they run.
func newClock() *clock { return &clock{t: time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)} }

var ctx = context.Background()

// between reports whether at lies within [from, to], for times the store
// set from its clock while the test read the real one around it.
func between(at, from, to time.Time) bool { return !at.Before(from) && !at.After(to) }

// at parses "2006-01-02 15:04" (UTC), for fixtures.
func at(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// sortBy sorts s by key, for comparing rows a store returns in no
// particular order.
func sortBy[T any, K string | int](s []T, key func(T) K) {
	slices.SortFunc(s, func(a, b T) int {
		ka, kb := key(a), key(b)
		switch {
		case ka < kb:
			return -1
		case ka > kb:
			return 1
		}
		return 0
	})
}

// joinIDs lists the ids of list, in order, separated by spaces.
func joinIDs[T any](list []T, id func(T) string) string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = id(v)
	}
	return strings.Join(out, " ")
}
