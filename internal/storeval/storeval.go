// Package storeval holds the shapes of values that both stores (package
// sqlite and package postgres) write: dates and instants as text, and
// the ids of casework records. They are one definition so that the two
// stores keep byte-identical values, which lets migrate-store copy rows
// as they are.
package storeval

import (
	"crypto/rand"
	"strings"
	"time"
)

// The stores keep dates as YYYY-MM-DD and instants as fixed-width RFC
// 3339 in UTC, so that text order is time order (RFC3339Nano trims
// trailing zeros, which breaks that).
const (
	DateLayout    = "2006-01-02"
	InstantLayout = "2006-01-02T15:04:05.000000000Z07:00"
)

// Date is t's day as stored, or "" for the zero time (no date).
func Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(DateLayout)
}

// Instant is t as stored.
func Instant(t time.Time) string { return t.UTC().Format(InstantLayout) }

// ParseDate reads a stored date; "" (or anything unreadable) is the zero
// time.
func ParseDate(s string) time.Time {
	t, _ := time.Parse(DateLayout, s)
	return t
}

// ParseInstant reads a stored instant; "" is the zero time.
func ParseInstant(s string) time.Time {
	t, _ := time.Parse(InstantLayout, s)
	return t
}

// NewID returns an opaque random id for a casework record: it says
// nothing about the person and cannot be guessed.
func NewID() string { return strings.ToLower(rand.Text()) }

// StampLayout is how accounts and the audit log store instants: UTC with
// a fixed number of digits, so that text order is time order.
const StampLayout = "2006-01-02T15:04:05.000000Z"

// ParseStamp reads an instant stored in StampLayout.
func ParseStamp(s string) time.Time {
	t, _ := time.Parse(StampLayout, s)
	return t
}
