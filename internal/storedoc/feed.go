package storedoc

import (
	"time"

	"github.com/linkway/linkway/directory"
)

// FeedTimes fills f's times from a feed row's added_at, synced_at and
// applied_at (RFC 3339, "" for never), and tells a sync that was not
// modified from its counts.
func FeedTimes(f *directory.Feed, added, synced, applied string) {
	f.AddedAt, _ = time.Parse(time.RFC3339, added)
	f.Last.At, _ = time.Parse(time.RFC3339, synced)
	// A sync that read nothing and did not fail was told nothing changed:
	// a feed with no services is refused, so it cannot be anything else.
	f.Last.NotModified = !f.Last.At.IsZero() && f.Last.Error == "" && f.Last.Read == 0
	f.AppliedAt, _ = time.Parse(time.RFC3339, applied)
}
