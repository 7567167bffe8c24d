package sqlite_test

import (
	"path/filepath"
	"testing"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/storetest"
)

func TestSuiteListings(t *testing.T) {
	storetest.Listings(t, func(tb testing.TB) func() storetest.ListingStore {
		path := filepath.Join(tb.TempDir(), "x.db")
		return func() storetest.ListingStore {
			db := mustOpenAt(tb, path)
			return storetest.NewListingStore(db, db.InTx, func(c directory.Classifier) { db.Kinds = c })
		}
	})
}
