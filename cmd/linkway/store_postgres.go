// This file opens the PostgreSQL store for every command.

package main

import (
	"context"
	"time"

	"github.com/linkway/linkway/kinds"
	"github.com/linkway/linkway/postgres"
	"github.com/linkway/linkway/web/core"
)

var _ store = (*postgres.DB)(nil)

func openPostgres(ctx context.Context, url string, c *kinds.Assigner) (*backend, error) {
	db, err := postgres.Open(ctx, url)
	if err != nil {
		return nil, err
	}
	db.Kinds = c
	return &backend{
		db: db,
		begin: func(ctx context.Context) (staging, error) {
			imp, err := db.BeginImport(ctx)
			if err != nil {
				return nil, err
			}
			return postgresStaging{imp}, nil
		},
		sessions: db.SessionStore(),
		lead:     func() leader { return db.Lead(postgres.JobsLock, 10*time.Second) },
		// A shared database is filled by migrate-store or import, never
		// with the demo by whichever instance starts first.
		fresh:  false,
		shared: true,
		limiters: func(name string, max int, window time.Duration) core.RateLimiter {
			return db.Limiter(name, max, window)
		},
		sweepLimits: func(ctx context.Context) error {
			return db.DeleteOldRateLimits(ctx, time.Now().Add(-24*time.Hour))
		},
		watchChanges: func(ctx context.Context, wake func(), onError func(error)) {
			db.WatchChanges(ctx, wake, 5*time.Second, onError)
		},
	}, nil
}

type postgresStaging struct{ *postgres.Import }

func (s postgresStaging) setProgress(fn func(done, total int)) { s.Progress = fn }
func (s postgresStaging) failed() []string                     { return s.Failed }
