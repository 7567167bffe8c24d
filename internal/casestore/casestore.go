// Package casestore holds what both stores (package sqlite and package
// postgres) share in keeping casework: the ids of its records and the
// reading of referral and inbox rows, which both select the same way.
// How times are written as text is package dbtext's.
package casestore

import (
	"crypto/rand"
	"strings"
)

// NewID returns an opaque random id for a casework record: it says
// nothing about the person and cannot be guessed.
func NewID() string { return strings.ToLower(rand.Text()) }
