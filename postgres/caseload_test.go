package postgres

import (
	"context"
	"testing"
)

// The caseload's name order is byte order, as in SQLite, whatever locale
// the database was made in (migration 0006): in a locale that skips
// spaces, "ann smith" would sort after "anna".
func TestCaseloadNameOrderIsBytewise(t *testing.T) {
	db := mustOpen(t)
	var bytewise bool
	err := db.pool.QueryRow(context.Background(), `SELECT
		(SELECT collation_name FROM information_schema.columns WHERE table_name = 'people' AND column_name = 'search_name') = 'C'`).Scan(&bytewise)
	if err != nil {
		t.Fatal(err)
	}
	if !bytewise {
		t.Error("people.search_name does not compare in byte order")
	}
}
