package postgres

import (
	"testing"
	"time"

	"github.com/linkway/linkway/internal/pgtest"
	"github.com/linkway/linkway/internal/storetest"
)

// openSuite opens a store on a new database for the shared suites, on
// the given clock.
func openSuite(tb testing.TB, now func() time.Time) *DB {
	db := mustOpen(tb)
	db.Now = now
	return db
}

// openPair opens two stores on one new database, as two instances.
func openPair(tb testing.TB) (*DB, *DB) {
	url := pgtest.URL(tb)
	return mustOpenURL(tb, url), mustOpenURL(tb, url)
}

func TestSuiteAccounts(t *testing.T) { storetest.Accounts(t, openSuite) }
