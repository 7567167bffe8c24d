package sqlite_test

import (
	"context"
	"testing"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/sqlite"
	"github.com/paulmach/orb"
)

// TestServicesByIDSeesEveryChange: the read cache must never serve a
// listing older than the store, including when what changed is a venue
// it shares with another service, or a copy written by another process.
func TestServicesByIDSeesEveryChange(t *testing.T) {
	path := t.TempDir() + "/cache.db"
	db := mustOpenAt(t, path)
	hall := func(name string) directory.Location {
		p := orb.Point{-1.55, 53.8}
		return directory.Location{ID: "hall", Type: directory.Physical, Name: name, Point: &p}
	}
	a := &directory.Service{ID: "a", Name: "Tea", Status: directory.StatusActive, Locations: []directory.ServiceAtLocation{{ID: "a1", Location: hall("Church Hall")}}}
	b := &directory.Service{ID: "b", Name: "Choir", Status: directory.StatusActive, Locations: []directory.ServiceAtLocation{{ID: "b1", Location: hall("Church Hall")}}}
	mustPut(t, db, a, b)
	get := func(id string) *directory.Service {
		t.Helper()
		m, err := db.ServicesByID(context.Background(), []string{id})
		if err != nil {
			t.Fatal(err)
		}
		return m[id]
	}
	if get("a").Locations[0].Location.Name != "Church Hall" {
		t.Fatal("first read")
	}
	// The venue is renamed through b: a shows it at once.
	b.Locations[0].Location = hall("St Mary's Hall")
	mustPut(t, db, b)
	if got := get("a").Locations[0].Location.Name; got != "St Mary's Hall" {
		t.Errorf("a's venue = %q after it was renamed through b", got)
	}
	// Another connection (as another process would) renames a.
	other := mustOpenAt(t, path)
	a.Name = "Tea and Chat"
	a.Locations[0].Location = hall("St Mary's Hall")
	mustPut(t, other, a)
	if got := get("a").Name; got != "Tea and Chat" {
		t.Errorf("a's name = %q after another writer changed it", got)
	}
}

// TestTaxonomyTerms lists every term, used or not, by name.
func TestTaxonomyTerms(t *testing.T) {
	db := mustOpenDB(t)
	err := db.InTx(context.Background(), func(tx *sqlite.Tx) error {
		return tx.PutTerms(context.Background(), []directory.Term{{ID: "walks", Name: "Walking groups"}, {ID: "art", Name: "Arts and crafts"}})
	})
	if err != nil {
		t.Fatal(err)
	}
	terms, err := db.TaxonomyTerms(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(terms) != 2 || terms[0].ID != "art" || terms[1].Name != "Walking groups" {
		t.Errorf("TaxonomyTerms() = %+v", terms)
	}
}
