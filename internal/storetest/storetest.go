// Package storetest holds the behavioural tests every store (package
// sqlite and package postgres) must pass, so that both behave alike. Each
// suite takes an opener from the store's own test package; it is
// imported only by tests.
package storetest

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// Opener makes a new empty database and returns a function that opens a
// store on it. Each call of that function opens another store on the same
// database, as a restarted process (or another instance) would; stores
// are closed when the test ends.
type Opener[S any] func(tb testing.TB) func() S

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
