package postgres

import (
	"context"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/pgtest"
	"github.com/linkway/linkway/internal/storetest"
)

// opener returns storetest's opener of postgres stores, S being the
// suite's view of *DB.
func opener[S any](convert func(*DB) S) storetest.Reopener[S] {
	return func(tb testing.TB) func() S {
		url := pgtest.URL(tb)
		return func() S { return convert(mustOpenURL(tb, url)) }
	}
}

func TestSuiteRequests(t *testing.T) {
	storetest.Requests(t, opener(func(db *DB) storetest.RequestStore { return db }))
}

func TestSuiteFeeds(t *testing.T) {
	storetest.Feeds(t, opener(func(db *DB) storetest.FeedStore { return db }))
}

func TestSuiteJobs(t *testing.T) {
	storetest.Jobs(t, opener(func(db *DB) storetest.JobStore { return db }))
}

// moderationStore adds to *DB what the moderation suite asks of its
// runner.
type moderationStore struct{ *DB }

func (s moderationStore) SetClock(now func() time.Time) { s.Now = now }

func (s moderationStore) PutServices(ctx context.Context, services ...*directory.Service) error {
	return s.InTx(ctx, func(tx *Tx) error {
		for _, sv := range services {
			if _, _, err := tx.PutService(ctx, sv); err != nil {
				return err
			}
		}
		return nil
	})
}

func TestSuiteModeration(t *testing.T) {
	storetest.Moderation(t, opener(func(db *DB) storetest.ModerationStore { return moderationStore{db} }))
}

// importStore gives the import suite *DB's staged imports.
type importStore struct{ *DB }

func (s importStore) BeginImport(ctx context.Context) (storetest.Import, error) {
	return s.DB.BeginImport(ctx)
}

func TestSuiteImports(t *testing.T) {
	storetest.Imports(t, opener(func(db *DB) storetest.ImportStore { return importStore{db} }))
}
