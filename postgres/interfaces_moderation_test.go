package postgres

import "github.com/linkway/linkway/hsds"

// The consumer interfaces the moderation, request, feed, job and import
// methods complete.
var (
	_ hsds.FeedStore = (*DB)(nil)
	_ hsds.JobStore  = (*DB)(nil)
	_ hsds.Staging   = (*Import)(nil)
)
