// Package storetest is one behavioural test suite for Linkway's stores:
// package sqlite's and package postgres's tests run it, each with its
// own opener, so both stores are held to the same behaviour. It is
// imported only by tests.
package storetest

import (
	"context"
	"testing"
	"time"
)

// Opener opens a new, empty store that reads the time from now, and
// closes it when tb ends.
type Opener[S any] func(tb testing.TB, now func() time.Time) S

// clock is a test's clock, which it moves on by hand.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// newClock starts a clock at a fixed instant, so that the tests do not
// depend on when they run.
func newClock() *clock { return &clock{t: time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)} }

var ctx = context.Background()
