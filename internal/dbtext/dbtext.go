// Package dbtext holds how the stores write instants as text, so that
// package sqlite and package postgres write the same values (a row
// copied from one to the other reads back the same, and text order stays
// time order).
package dbtext

import "time"

// StampLayout is how accounts and the audit log store instants: UTC with
// a fixed number of digits, so that text order is time order (RFC 3339
// with trimmed fractions is not: "05Z" sorts after "05.5Z").
const StampLayout = "2006-01-02T15:04:05.000000Z"

// InstantLayout is how casework, tokens and the outbox store instants.
const InstantLayout = "2006-01-02T15:04:05.000000000Z07:00"

// DateLayout is how casework stores dates (a day, no time).
const DateLayout = "2006-01-02"

// Date writes t's day in DateLayout, or "" for the zero time (no date).
func Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(DateLayout)
}

// ParseDate reads a Date; "" or anything else unreadable is the zero
// time.
func ParseDate(s string) time.Time {
	t, _ := time.Parse(DateLayout, s)
	return t
}

// Stamp writes t in StampLayout, or "" for the zero time.
func Stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(StampLayout)
}

// ParseStamp reads a Stamp; "" or anything else unreadable is the zero
// time.
func ParseStamp(s string) time.Time {
	t, _ := time.Parse(StampLayout, s)
	return t
}

// Instant writes t in InstantLayout.
func Instant(t time.Time) string { return t.UTC().Format(InstantLayout) }

// ParseInstant reads an Instant; "" is the zero time.
func ParseInstant(s string) time.Time {
	t, _ := time.Parse(InstantLayout, s)
	return t
}
