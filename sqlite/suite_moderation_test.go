package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/storetest"
	"github.com/linkway/linkway/sqlite"
)

// opener returns storetest's opener of sqlite stores, S being the
// suite's view of *sqlite.DB.
func opener[S any](convert func(*sqlite.DB) S) storetest.Reopener[S] {
	return func(tb testing.TB) func() S {
		path := filepath.Join(tb.TempDir(), "x.db")
		return func() S { return convert(mustOpenAt(tb, path)) }
	}
}

func TestSuiteRequests(t *testing.T) {
	storetest.Requests(t, opener(func(db *sqlite.DB) storetest.RequestStore { return db }))
}

func TestSuiteFeeds(t *testing.T) {
	storetest.Feeds(t, opener(func(db *sqlite.DB) storetest.FeedStore { return db }))
}

func TestSuiteJobs(t *testing.T) {
	storetest.Jobs(t, opener(func(db *sqlite.DB) storetest.JobStore { return db }))
}

// moderationStore adds to *sqlite.DB what the moderation suite asks of
// its runner.
type moderationStore struct{ *sqlite.DB }

func (s moderationStore) SetClock(now func() time.Time) { s.Now = now }

func (s moderationStore) PutServices(ctx context.Context, services ...*directory.Service) error {
	return s.InTx(ctx, func(tx *sqlite.Tx) error {
		for _, sv := range services {
			if _, _, err := tx.PutService(ctx, sv); err != nil {
				return err
			}
		}
		return nil
	})
}

func TestSuiteModeration(t *testing.T) {
	storetest.Moderation(t, opener(func(db *sqlite.DB) storetest.ModerationStore { return moderationStore{db} }))
}

// importStore gives the import suite *sqlite.DB's staged imports.
type importStore struct{ *sqlite.DB }

func (s importStore) BeginImport(ctx context.Context) (storetest.Import, error) {
	return s.DB.BeginImport(ctx)
}

func TestSuiteImports(t *testing.T) {
	storetest.Imports(t, opener(func(db *sqlite.DB) storetest.ImportStore { return importStore{db} }))
}
