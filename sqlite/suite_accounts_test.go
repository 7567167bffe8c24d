package sqlite_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/linkway/linkway/internal/storetest"
	"github.com/linkway/linkway/sqlite"
)

// openSuite opens a new store for the shared suites, on the given clock.
func openSuite(tb testing.TB, now func() time.Time) *sqlite.DB {
	db := mustOpenDB(tb)
	db.Now = now
	return db
}

// openPair opens two handles on one new database file.
func openPair(tb testing.TB) (*sqlite.DB, *sqlite.DB) {
	path := filepath.Join(tb.TempDir(), "x.db")
	return mustOpenAt(tb, path), mustOpenAt(tb, path)
}

func TestSuiteAccounts(t *testing.T) { storetest.Accounts(t, openSuite) }
