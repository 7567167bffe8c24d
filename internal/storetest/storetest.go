package storetest

import (
	"slices"
	"strings"
	"testing"
	"time"
)

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
