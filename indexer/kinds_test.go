package indexer_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/sqlite"
)

// A service from a feed with its own vocabulary is found both by the
// Linkway kinds it was given and by the feed's own terms, while kind
// facets count Linkway's kinds alone.
func TestKindsAndFeedTermsFilterFacetsCountKinds(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	pantry := &directory.Service{
		ID: "pantry", Name: "Food pantry", Status: directory.StatusActive,
		Description: "Groceries for families every Friday.",
		Terms:       []directory.Term{{ID: "bd-1800", Name: "Food Pantries", Taxonomy: "miami-211"}},
		Kinds: []directory.ServiceKind{
			{ID: "food", Source: directory.KindInferred, Confidence: 0.8, Why: []string{"pantry", "groceries"}},
		},
	}
	visits := &directory.Service{
		ID: "visits", Name: "Friendly visiting", Status: directory.StatusActive,
		Terms: []directory.Term{{ID: "ph-5000", Name: "Friendly Visiting", Taxonomy: "miami-211"}},
		Kinds: []directory.ServiceKind{
			{ID: "befriending", Source: directory.KindCrosswalk, Confidence: 1, Why: []string{"Friendly Visiting"}},
			{ID: "food", Source: directory.KindInferred, Confidence: 0.55, Why: []string{"meals"}},
		},
	}
	mustPut(t, db, pantry)
	mustPut(t, db, visits)
	ix, _ := mustOpen(t, t.TempDir(), db)

	for _, tt := range []struct {
		kind string
		want []string
	}{
		{"befriending", []string{"visits"}},
		{"food", []string{"pantry", "visits"}},
		{"bd-1800", []string{"pantry"}}, // the feed's own code still filters
	} {
		res, err := ix.Search(ctx, directory.Query{Kinds: []string{tt.kind}, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if got := sorted(ids(res)); !slices.Equal(got, tt.want) {
			t.Errorf("kind %s: %v, want %v", tt.kind, got, tt.want)
		}
	}

	res, err := ix.Search(ctx, directory.Query{Facets: true, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, f := range res.Facets["category"] {
		got[f.Value] = f.Count
	}
	if len(got) != 2 || got["food"] != 2 || got["befriending"] != 1 {
		t.Errorf("category facet = %v, want food 2 and befriending 1, and no feed terms", got)
	}
}
