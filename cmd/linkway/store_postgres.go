//go:build linkway_postgres

// This file opens the PostgreSQL store for every command. It is built
// only with -tags linkway_postgres until *postgres.DB has every method of
// store; then the tag (and store_nopostgres.go) go.

package main

import (
	"context"
	"time"

	"github.com/linkway/linkway/kinds"
	"github.com/linkway/linkway/postgres"
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
	}, nil
}

type postgresStaging struct{ *postgres.Import }

func (s postgresStaging) setProgress(fn func(done, total int)) { s.Progress = fn }
func (s postgresStaging) failed() []string                     { return s.Failed }
