// Package freshness says how up to date a listing is, and reminds
// organisations to check the listings nobody has confirmed for months,
// with a one-click "still correct" link for each. It knows the rules and
// the wording; the store and the notifier are passed in.
//
// It is its own package, not part of casework, because it is about
// listings and the organisations that run them, not about people:
// nothing here touches a person's record.
package freshness

import (
	"fmt"
	"time"

	"github.com/linkway/linkway/directory"
)

const (
	// StaleMonths is how long after its last check a listing is stale.
	StaleMonths = 6
	// VeryStaleMonths is how long after its last check a listing is very
	// stale.
	VeryStaleMonths = 12
)

// Level is how out of date a listing is.
type Level int

const (
	Fresh        Level = iota
	Stale              // 6 to 11 months since it was checked
	VeryStale          // 12 months or more
	NeverChecked       // nobody has ever confirmed it
)

// Of is how out of date s is as of now.
func Of(s *directory.Service, now time.Time) Level {
	switch m := s.VerifiedMonthsAgo(now); {
	case m < 0:
		return NeverChecked
	case m >= VeryStaleMonths:
		return VeryStale
	case m >= StaleMonths:
		return Stale
	}
	return Fresh
}

// CheckedAgo says how long ago s was checked, in words: "checked 7
// months ago", "never checked".
func CheckedAgo(s *directory.Service, now time.Time) string {
	switch m := s.VerifiedMonthsAgo(now); m {
	case -1:
		return "never checked"
	case 1:
		return "checked 1 month ago"
	default:
		return fmt.Sprintf("checked %d months ago", m)
	}
}
