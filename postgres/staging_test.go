package postgres

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/linkway/linkway/hsds"
	"github.com/linkway/linkway/internal/pgtest"
	"github.com/linkway/linkway/internal/storetest"
)

// Here the apply is one transaction, so an import cancelled while it is
// being applied (or failing then) changes nothing, unlike SQLite's, which
// rolls forward; and it can be discarded afterwards.
func TestImportCancelledDuringApplyChangesNothing(t *testing.T) {
	db := mustOpen(t)
	st := importStore{db}
	if _, err := storetest.StagedImport(context.Background(), st, storetest.StagedFeed(t, "s", 300, "first")); err != nil {
		t.Fatal(err)
	}
	before := storetest.Snapshot(t, st)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	imp, err := db.BeginImport(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := (&hsds.Importer{}).Import(ctx, bytes.NewReader(storetest.StagedFeed(t, "s", 600, "second")), imp); err != nil {
		t.Fatal(err)
	}
	var applied int
	imp.Progress = func(done, total int) {
		applied = done
		if done >= total/2 {
			cancel()
		}
	}
	if err := imp.Commit(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Commit = %v, want context.Canceled", err)
	}
	if applied == 0 {
		t.Fatal("the apply never started, so this tests nothing")
	}
	if err := imp.Discard(); err != nil {
		t.Fatal(err)
	}
	if after := storetest.Snapshot(t, st); after != before {
		t.Error("an import cancelled while applying changed the store")
	}
	if n := countRows(t, db, `SELECT (SELECT count(*) FROM import_run) + (SELECT count(*) FROM import_staged)`); n != 0 {
		t.Errorf("%d import rows left after Discard", n)
	}
}

// An import whose process died while staging is discarded, with what it
// staged, by an Open once it has been left long enough; one still fresh
// is left to its process.
func TestOpenDiscardsAbandonedImports(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	db := mustOpenURL(t, url)
	for range 2 {
		imp, err := db.BeginImport(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := (&hsds.Importer{}).Import(ctx, bytes.NewReader(storetest.StagedFeed(t, "s", 50, "")), imp); err != nil {
			t.Fatal(err)
		}
		if err := imp.flush(ctx); err != nil {
			t.Fatal(err)
		}
		// Neither committed nor discarded: the process "died".
	}
	if _, err := db.pool.Exec(ctx, `UPDATE import_run SET touched_at = 0 WHERE id = (SELECT min(id) FROM import_run)`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.pool.Exec(ctx, `INSERT INTO import_staged (run_id, service_id, service) VALUES (999, 'x', '{}')`); err != nil {
		t.Fatal(err)
	}
	mustOpenURL(t, url)
	if n := countRows(t, db, `SELECT count(*) FROM import_run`); n != 1 {
		t.Errorf("runs left = %d, want the fresh one", n)
	}
	if n := countRows(t, db, `SELECT count(*) FROM import_staged WHERE run_id <> (SELECT id FROM import_run)`); n != 0 {
		t.Errorf("%d staged rows left of the abandoned run or of none", n)
	}
	if n := countRows(t, db, `SELECT count(*) FROM import_staged`); n != 50 {
		t.Errorf("the fresh run's staged rows = %d, want 50", n)
	}
}

func countRows(t *testing.T, db *DB, query string) int {
	t.Helper()
	var n int
	if err := db.pool.QueryRow(context.Background(), query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
