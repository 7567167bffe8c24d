package directory

import (
	"strings"
	"time"
)

// Feed is an Open Referral API the directory is kept in sync with.
type Feed struct {
	Name string
	// URL is the API's root (as registries list it) or its /services
	// address.
	URL string
	// Format is "hsds3" or "oruk1", told at the first sync; "" before.
	Format  string
	AddedAt time.Time
	// Last is what the last sync did; AppliedAt is when a sync last
	// changed the directory (or found it up to date).
	Last      FeedResult
	AppliedAt time.Time
	// ETag and LastModified are the first page's validators at the last
	// applied sync, sent back so that an unchanged feed costs one request.
	ETag, LastModified string
}

// FeedResult is the outcome of one sync of a feed.
type FeedResult struct {
	At                          time.Time
	Pages, Read                 int
	Created, Updated, Unchanged int
	Withdrawn, Warnings         int
	// NotModified is set when the feed said nothing changed (HTTP 304).
	NotModified bool
	// Error says why the sync was not applied; "" when it was.
	Error string
}

// FeedIDSep separates a feed's name from the feed's own id in the id of
// what the feed lists: "leeds:123".
const FeedIDSep = ":"

// FeedID is the id under which feed stores a record it calls id.
func FeedID(feed, id string) string { return feed + FeedIDSep + id }

// ValidFeedName reports whether name can name a feed: letters, digits,
// '-' and '_', 1 to 40 of them, so that it reads well before an id.
func ValidFeedName(name string) bool {
	if name == "" || len(name) > 40 {
		return false
	}
	return strings.IndexFunc(name, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_')
	}) < 0
}
