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

// TestKindIncludesNarrowerCodes: the Miami 211 export names only the
// top of its taxonomy as each term's parent (BD-1800.2000-640 under B);
// a filter on BD-1800 still finds what is filed under its longer codes.
// Ids that merely look alike, with no parent given, stay apart.
func TestKindIncludesNarrowerCodes(t *testing.T) {
	ctx := context.Background()
	db := mustStore(t)
	if err := db.InTx(ctx, func(tx *sqlite.Tx) error {
		return tx.PutTerms(ctx, []directory.Term{
			{ID: "B", Name: "Basic Needs", Taxonomy: "Open211 Miami - AIRS"},
			{ID: "BD-1800", Name: "Emergency Food", Taxonomy: "Open211 Miami - AIRS", ParentID: "B"},
			{ID: "BD-1800.2000-640", Name: "Ongoing Emergency Food Assistance", Taxonomy: "Open211 Miami - AIRS", ParentID: "B"},
			{ID: "BH-1800", Name: "Housing", Taxonomy: "Open211 Miami - AIRS", ParentID: "B"},
			{ID: "food", Name: "Food"},
			{ID: "food-bank", Name: "Food banks"},
		})
	}); err != nil {
		t.Fatal(err)
	}
	mustPut(t, db, &directory.Service{ID: "pantry", Name: "Harbour Pantry", Status: directory.StatusActive,
		Terms: []directory.Term{{ID: "BD-1800.2000-640"}, {ID: "food-bank"}}})
	ix, _ := mustOpen(t, t.TempDir(), db)
	for k, want := range map[string]bool{"BD-1800.2000-640": true, "BD-1800": true, "B": true, "BH-1800": false, "food-bank": true, "food": false} {
		res, err := ix.Search(ctx, directory.Query{Kinds: []string{k}})
		if err != nil {
			t.Fatal(err)
		}
		if got := slices.Contains(ids(res), "pantry"); got != want {
			t.Errorf("kind %s finds the pantry: %v, want %v", k, got, want)
		}
	}
}
