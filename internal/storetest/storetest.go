// Package storetest holds the behavioural tests every store (package
// sqlite and package postgres) must pass, so that both behave alike. Each
// suite takes an opener from the store's own test package; it is
// imported only by tests.
package storetest

import (
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
