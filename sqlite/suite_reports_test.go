package sqlite_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/linkway/linkway/internal/storetest"
	"github.com/linkway/linkway/sqlite"
)

// openSuite opens a new store for the shared suites, with its clock
// when now is not nil.
func openSuite(tb testing.TB, now func() time.Time) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(filepath.Join(tb.TempDir(), "x.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	if now != nil {
		db.Now = now
	}
	return db
}

func TestSuiteReports(t *testing.T) { storetest.Reports[*sqlite.Tx](t, openSuite) }
