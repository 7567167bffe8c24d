package indexer_test

import (
	"context"
	"slices"
	"testing"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/sqlite"
)

// TestKindIncludesNarrowerTerms: a filter on a taxonomy term finds the
// services tagged with its narrower terms at any depth, and after a term
// moves under another broader term the filter follows the move.
func TestKindIncludesNarrowerTerms(t *testing.T) {
	ctx := context.Background()
	db := mustStore(t)
	putTerms := func(terms ...directory.Term) {
		t.Helper()
		if err := db.InTx(ctx, func(tx *sqlite.Tx) error { return tx.PutTerms(ctx, terms) }); err != nil {
			t.Fatal(err)
		}
	}
	// Codes and parents as in the Miami 211 taxonomy.
	putTerms(
		directory.Term{ID: "BD", Name: "Basic Needs", Taxonomy: "211", Code: "B"},
		directory.Term{ID: "BD-1800", Name: "Food", Taxonomy: "211", Code: "BD-1800", ParentID: "BD"},
		directory.Term{ID: "BD-1800.2000", Name: "Food Pantries", Taxonomy: "211", Code: "BD-1800.2000", ParentID: "BD-1800"},
		directory.Term{ID: "PH", Name: "Health", Taxonomy: "211", Code: "L"},
	)
	mustPut(t, db, &directory.Service{ID: "pantry", Name: "Harbour Pantry", Status: directory.StatusActive,
		Terms: []directory.Term{{ID: "BD-1800.2000"}}})
	ix, _ := mustOpen(t, t.TempDir(), db)
	kind := func(k string) []string {
		t.Helper()
		if err := ix.CatchUp(ctx); err != nil {
			t.Fatal(err)
		}
		res, err := ix.Search(ctx, directory.Query{Kinds: []string{k}})
		if err != nil {
			t.Fatal(err)
		}
		return ids(res)
	}
	for _, k := range []string{"BD-1800.2000", "BD-1800", "BD"} {
		if got := kind(k); !slices.Contains(got, "pantry") {
			t.Errorf("kind %s finds %v, want the pantry tagged with a narrower term", k, got)
		}
	}
	if got := kind("PH"); slices.Contains(got, "pantry") {
		t.Errorf("kind PH finds the pantry: %v", got)
	}

	// Food moves under Health: the pantry is found under Health and no
	// longer under Basic Needs, once the index has followed the store.
	putTerms(directory.Term{ID: "BD-1800", Name: "Food", Taxonomy: "211", Code: "BD-1800", ParentID: "PH"})
	if got := kind("PH"); !slices.Contains(got, "pantry") {
		t.Errorf("after the move, kind PH finds %v, want the pantry", got)
	}
	if got := kind("BD"); slices.Contains(got, "pantry") {
		t.Errorf("after the move, kind BD still finds the pantry")
	}
}
