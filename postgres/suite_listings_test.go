package postgres

import (
	"testing"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/pgtest"
	"github.com/linkway/linkway/internal/storetest"
)

func TestSuiteListings(t *testing.T) {
	storetest.Listings(t, func(tb testing.TB) func() storetest.ListingStore {
		url := pgtest.URL(tb)
		return func() storetest.ListingStore {
			db := mustOpenURL(tb, url)
			return storetest.NewListingStore(db, db.InTx, func(c directory.Classifier) { db.Kinds = c })
		}
	})
}
