package indexer_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/hsds"
	"github.com/linkway/linkway/indexer"
	"github.com/linkway/linkway/sqlite"
	"github.com/paulmach/orb"
)

// mustStore opens a real SQLite store seeded with testdata/directory.json.
func mustStore(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(filepath.Join(tb.TempDir(), "test.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	mustImport(tb, db, "testdata/directory.json")
	return db
}

func mustImport(tb testing.TB, db *sqlite.DB, path string) {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	if err := db.InTx(context.Background(), func(tx *sqlite.Tx) error {
		_, err := (&hsds.Importer{}).Import(context.Background(), f, tx)
		return err
	}); err != nil {
		tb.Fatal(err)
	}
}

func mustPut(tb testing.TB, db *sqlite.DB, s *directory.Service) {
	tb.Helper()
	if err := db.InTx(context.Background(), func(tx *sqlite.Tx) error {
		_, _, err := tx.PutService(context.Background(), s)
		return err
	}); err != nil {
		tb.Fatal(err)
	}
}

func mustConcepts(tb testing.TB) *indexer.Concepts {
	tb.Helper()
	f, err := os.Open("../data/concepts.json")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	c, err := indexer.LoadConcepts(f)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func mustOpen(tb testing.TB, dir string, db *sqlite.DB) (*indexer.Index, indexer.OpenInfo) {
	tb.Helper()
	ix, info, err := indexer.Open(context.Background(), dir, db)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	ix.Concepts = mustConcepts(tb)
	return ix, info
}

func ids(res directory.Result) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	return out
}

func sorted(xs []string) []string {
	out := slices.Clone(xs)
	sort.Strings(out)
	return out
}

var (
	headingley = orb.Point{-1.5780, 53.8190}
	tuesday    = time.Tuesday
	friday     = time.Friday
)

func ptr[T any](v T) *T { return &v }

func TestSearchFilters(t *testing.T) {
	db := mustStore(t)
	ix, info := mustOpen(t, t.TempDir(), db)
	if info.Rebuilt != "missing" {
		t.Errorf("first open: Rebuilt = %q, want missing", info.Rebuilt)
	}
	if info.Docs != 10 {
		t.Errorf("indexed %d services, want 10 (the defunct one is left out)", info.Docs)
	}
	tests := []struct {
		name string
		q    directory.Query
		want []string // as a set
	}{
		{"everything listed and open", directory.Query{}, []string{"befriend", "debt-city", "lunch-60", "online-choir", "punjabi", "waiting", "walk-gf", "walk-hd", "youth"}},
		{"temporarily closed on request", directory.Query{Kinds: []string{"dementia-support"}, IncludeTemporarilyClosed: true}, []string{"paused"}},
		{"defunct never", directory.Query{Text: "dementia", IncludeTemporarilyClosed: true}, []string{"paused"}},
		{"category", directory.Query{Kinds: []string{"walking-groups"}}, []string{"walk-gf", "walk-hd"}},
		{"two categories", directory.Query{Kinds: []string{"walking-groups", "debt-advice"}}, []string{"debt-city", "walk-gf", "walk-hd"}},
		{"radius 1 km", directory.Query{Near: &headingley, RadiusKm: 1}, []string{"lunch-60", "walk-hd", "youth"}},
		{"radius 5 km", directory.Query{Near: &headingley, RadiusKm: 5}, []string{"debt-city", "lunch-60", "punjabi", "waiting", "walk-hd", "youth"}},
		{"day", directory.Query{Day: &friday}, []string{"befriend", "lunch-60"}},
		{"day and time", directory.Query{Day: &tuesday, At: ptr(directory.Clock(13*60 + 30))}, []string{"befriend", "punjabi"}},
		{"time any day", directory.Query{At: ptr(directory.Clock(19 * 60))}, []string{"online-choir", "youth"}},
		{"free", directory.Query{Free: true, Kinds: []string{"lunch-clubs", "walking-groups"}}, []string{"walk-gf", "walk-hd"}},
		{"online", directory.Query{Online: true}, []string{"online-choir"}},
		{"age 15", directory.Query{Age: ptr(15), Near: &headingley, RadiusKm: 1}, []string{"walk-hd", "youth"}},
		{"age 70", directory.Query{Age: ptr(70), Near: &headingley, RadiusKm: 1}, []string{"lunch-60", "walk-hd"}},
		{"wheelchair", directory.Query{Access: []string{"wheelchair"}}, []string{"debt-city"}},
		{"step-free includes wheelchair accessible", directory.Query{Access: []string{"step_free"}}, []string{"debt-city", "walk-hd"}},
		{"denied access is not access", directory.Query{Access: []string{"wheelchair"}, Kinds: []string{"lunch-clubs"}}, nil},
		{"language by code", directory.Query{Languages: []string{"pa"}}, []string{"punjabi"}},
		{"accepting only", directory.Query{Accepting: []directory.Capacity{directory.CapacityOpen}, Kinds: []string{"mental-health-peer-support"}}, nil},
		{"words", directory.Query{Text: "bailiffs"}, []string{"debt-city"}},
		{"words with radius", directory.Query{Text: "walk", Near: &headingley, RadiusKm: 5}, []string{"walk-hd"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.q.Limit = 50
			res, err := ix.Search(context.Background(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := sorted(ids(res)); !slices.Equal(got, sorted(tt.want)) {
				t.Errorf("Search() = %v, want %v", got, sorted(tt.want))
			}
			if res.Total != len(tt.want) {
				t.Errorf("Total = %d, want %d", res.Total, len(tt.want))
			}
		})
	}
}

// TestWordsPeopleUse checks that everyday phrases find the right kind of
// support first, through the concept map and fuzzy matching.
func TestWordsPeopleUse(t *testing.T) {
	ix, _ := mustOpen(t, t.TempDir(), mustStore(t))
	tests := []struct {
		text, wantFirst string
	}{
		{"I'm on my own since my wife died and don't see anyone", "befriend"},
		{"the bailiffs keep coming round", "debt-city"},
		{"behind on the council tax", "debt-city"},
		{"I want to get fitter", "walk-hd"},
		{"need to get out of the house more", "punjabi"},
		{"my mum keeps forgetting things", "paused"},
		{"lonely", "befriend"},
		{"singing", "online-choir"},
		{"befreinding", "befriend"}, // misspelt
		{"councelling", "waiting"},  // misspelt
		{"feeling anxious and down", "waiting"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			res, err := ix.Search(context.Background(), directory.Query{Text: tt.text, IncludeTemporarilyClosed: true, Limit: 5})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Hits) == 0 || res.Hits[0].ID != tt.wantFirst {
				t.Errorf("Search(%q) = %v (concepts %v), want %s first", tt.text, ids(res), res.Concepts, tt.wantFirst)
			}
		})
	}
}

func TestDistanceAndSort(t *testing.T) {
	ix, _ := mustOpen(t, t.TempDir(), mustStore(t))
	res, err := ix.Search(context.Background(), directory.Query{Kinds: []string{"walking-groups"}, Near: &headingley, Sort: directory.ByDistance, Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(res); !slices.Equal(got, []string{"walk-hd", "walk-gf"}) {
		t.Fatalf("by distance = %v", got)
	}
	if d := res.Hits[0].DistanceKm; d < 0 || d > 0.1 {
		t.Errorf("distance to the Headingley walk = %.2f km, want about 0", d)
	}
	if d := res.Hits[1].DistanceKm; d < 17 || d > 20 {
		t.Errorf("distance to Garforth = %.2f km, want about 18.5", d)
	}
	var dist []directory.FacetCount = res.Facets["distance"]
	if len(dist) != len(indexer.DistanceBuckets) || dist[0].Count != 1 || dist[len(dist)-1].Count != 2 {
		t.Errorf("distance facet = %v", dist)
	}
	if c := res.Facets["cost"]; len(c) != 1 || c[0].Value != "free" || c[0].Count != 2 {
		t.Errorf("cost facet = %v", c)
	}
	// Without a place there is no distance.
	res, _ = ix.Search(context.Background(), directory.Query{Kinds: []string{"walking-groups"}})
	for _, h := range res.Hits {
		if h.DistanceKm != -1 {
			t.Errorf("distance without a place = %v", h.DistanceKm)
		}
	}
}

// TestFollow shows an edit, a new listing and a withdrawal searchable
// within a second through the change log.
func TestFollow(t *testing.T) {
	db := mustStore(t)
	ix, _ := mustOpen(t, t.TempDir(), db)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go ix.Follow(ctx, 50*time.Millisecond, func(err error) { t.Error(err) })

	waitFor := func(what string, cond func() bool) {
		t.Helper()
		deadline := time.Now().Add(time.Second)
		for !cond() {
			if time.Now().After(deadline) {
				t.Fatalf("%s: not searchable within 1s", what)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	find := func(text string) []string {
		res, err := ix.Search(context.Background(), directory.Query{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		return ids(res)
	}

	s, err := db.Service(context.Background(), "walk-gf")
	if err != nil {
		t.Fatal(err)
	}
	s.Name = "Garforth Nordic Walking"
	mustPut(t, db, s)
	waitFor("an edit", func() bool { return slices.Contains(find("nordic"), "walk-gf") })

	mustPut(t, db, &directory.Service{ID: "new-1", Name: "Allotment Growers", Status: directory.StatusActive})
	waitFor("a new listing", func() bool { return slices.Contains(find("allotment"), "new-1") })

	s.Status = directory.StatusInactive
	mustPut(t, db, s)
	waitFor("a withdrawal", func() bool { return !slices.Contains(find("nordic"), "walk-gf") })
}

// TestCrashRecovery stops between the store's commit and the index's
// apply, reopens, and checks the index caught up with nothing missed.
func TestCrashRecovery(t *testing.T) {
	db := mustStore(t)
	dir := t.TempDir()
	ix, _, err := indexer.Open(context.Background(), dir, db)
	if err != nil {
		t.Fatal(err)
	}
	applied := ix.Applied()
	// Committed to the store, never applied: the process "dies" here.
	mustPut(t, db, &directory.Service{ID: "after-crash", Name: "Repair Cafe", Status: directory.StatusActive})
	ix.Close()

	ix2, info := mustOpen(t, dir, db)
	if info.Rebuilt != "" {
		t.Errorf("reopen rebuilt the index (%s); it should catch up instead", info.Rebuilt)
	}
	if ix2.Applied() <= applied {
		t.Errorf("Applied() = %d, want past %d", ix2.Applied(), applied)
	}
	res, _ := ix2.Search(context.Background(), directory.Query{Text: "repair"})
	if !slices.Equal(ids(res), []string{"after-crash"}) {
		t.Errorf("after restart: %v", ids(res))
	}
	if n, _ := ix2.DocCount(); n != 11 {
		t.Errorf("DocCount = %d, want 11: nothing applied twice or missed", n)
	}
}

func TestRebuildWhenMissingOrCorrupt(t *testing.T) {
	db := mustStore(t)
	dir := t.TempDir()
	ix, _, err := indexer.Open(context.Background(), dir, db)
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	cur, _ := os.ReadFile(filepath.Join(dir, "CURRENT"))
	gen := filepath.Join(dir, strings.TrimSpace(string(cur)))
	// Corrupt the generation folder: remove its segment files.
	entries, _ := os.ReadDir(gen)
	for _, e := range entries {
		os.RemoveAll(filepath.Join(gen, e.Name()))
	}
	_, info := mustOpen(t, dir, db)
	if !strings.HasPrefix(info.Rebuilt, "corrupt") || info.Docs != 10 {
		t.Errorf("after corruption: %+v, want a rebuild with 10 docs", info)
	}
}

func TestRebuildOnMappingVersionChange(t *testing.T) {
	db := mustStore(t)
	dir := t.TempDir()
	ix, _, err := indexer.Open(context.Background(), dir, db)
	if err != nil {
		t.Fatal(err)
	}
	indexer.SetStoredVersion(t, ix, "0-old")
	ix.Close()
	ix2, info := mustOpen(t, dir, db)
	if !strings.Contains(info.Rebuilt, "mapping version") || info.Docs != 10 {
		t.Errorf("Open after a mapping change = %+v, want a rebuild", info)
	}
	entries, _ := os.ReadDir(dir)
	gens := 0
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "gen-") {
			gens++
		}
	}
	if gens != 1 {
		t.Errorf("%d generation folders after the rebuild, want 1 (the old one removed)", gens)
	}
	res, _ := ix2.Search(context.Background(), directory.Query{Text: "bailiffs"})
	if !slices.Equal(ids(res), []string{"debt-city"}) {
		t.Errorf("search after rebuild: %v", ids(res))
	}
}

// TestRebuildWhileSearching swaps a new index in while searches run.
func TestRebuildWhileSearching(t *testing.T) {
	db := mustStore(t)
	ix, _ := mustOpen(t, t.TempDir(), db)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 200; i++ {
			res, err := ix.Search(context.Background(), directory.Query{Kinds: []string{"walking-groups"}})
			if err != nil || res.Total != 2 {
				t.Errorf("search during rebuild: %v, total %d", err, res.Total)
				return
			}
		}
	}()
	for i := 0; i < 3; i++ {
		if err := ix.Rebuild(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
	}
	<-done
}

// TestRadiusFindsEveryPlace: a service that meets in two places is found
// near either of them. (bleve's own distance query checks only the first
// point a document holds.)
func TestRadiusFindsEveryPlace(t *testing.T) {
	db := mustStore(t)
	garforth, headingleyPt := orb.Point{-1.2960, 53.7840}, orb.Point{-1.5780, 53.8190}
	at := func(id string, p orb.Point) directory.ServiceAtLocation {
		return directory.ServiceAtLocation{ID: id, Location: directory.Location{ID: id + "-loc", Type: directory.Physical, Point: &p}}
	}
	mustPut(t, db, &directory.Service{ID: "two-places", Name: "Repair Cafe", Status: directory.StatusActive,
		Locations: []directory.ServiceAtLocation{at("tp-1", garforth), at("tp-2", headingleyPt)}})
	ix, _ := mustOpen(t, t.TempDir(), db)
	for _, p := range []orb.Point{garforth, headingleyPt} {
		res, err := ix.Search(context.Background(), directory.Query{Text: "repair", Near: &p, RadiusKm: 1})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ids(res), []string{"two-places"}) {
			t.Errorf("near %v: %v, want the service that meets there", p, ids(res))
		}
		if res.Hits[0].DistanceKm > 0.01 {
			t.Errorf("distance = %.2f km, want the nearer place's", res.Hits[0].DistanceKm)
		}
	}
}

// TestEveryAskOfAClause checks that a listing must answer each thing a
// clause asks for, not any one word of it, that separate clauses are
// separate needs, and that a search answering nothing strictly falls
// back to any one ask.
func TestEveryAskOfAClause(t *testing.T) {
	ix, _ := mustOpen(t, t.TempDir(), mustStore(t))
	tests := []struct {
		text string
		want []string
	}{
		// "walking" alone finds both walks (and more); with a place, only
		// the walk there.
		{"garforth walking", []string{"walk-gf"}},
		// Two clauses are two needs: either answers.
		{"garforth walking, or singing", []string{"online-choir", "walk-gf"}},
		// No listing answers both: any one ask is then enough.
		{"garforth singing", []string{"online-choir", "walk-gf"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			res, err := ix.Search(context.Background(), directory.Query{Text: tt.text, IncludeTemporarilyClosed: true, Limit: 20})
			if err != nil {
				t.Fatal(err)
			}
			if got := sorted(ids(res)); !slices.Equal(got, tt.want) || res.Total != len(tt.want) {
				t.Errorf("Search(%q) = %v (total %d), want %v", tt.text, got, res.Total, tt.want)
			}
		})
	}
}

// TestDistanceFilterEitherWay checks that a radius finds the same
// services whether the distance filter finds candidates from the geo
// terms (the place is the most selective part) or checks the hits of a
// rarer word.
func TestDistanceFilterEitherWay(t *testing.T) {
	db := mustStore(t)
	garforth, headingleyPt := orb.Point{-1.2960, 53.7840}, orb.Point{-1.5780, 53.8190}
	at := func(id string, p orb.Point) directory.ServiceAtLocation {
		return directory.ServiceAtLocation{ID: id, Location: directory.Location{ID: id + "-loc", Type: directory.Physical, Point: &p}}
	}
	mustPut(t, db, &directory.Service{ID: "two-places", Name: "Repair Cafe", Status: directory.StatusActive,
		Locations: []directory.ServiceAtLocation{at("tp-1", garforth), at("tp-2", headingleyPt)}})
	ix, _ := mustOpen(t, t.TempDir(), db)
	wetherby := orb.Point{-1.3860, 53.9280} // about 17 km from Garforth, 17 from Headingley
	tests := []struct {
		q           directory.Query
		filterAfter bool
		want        []string
	}{
		{directory.Query{Text: "repair", Near: &garforth, RadiusKm: 1}, false, []string{"two-places"}},
		{directory.Query{Text: "repair", Near: &wetherby, RadiusKm: 10}, true, nil},
		{directory.Query{Text: "repair", Near: &wetherby, RadiusKm: 25}, true, []string{"two-places"}},
		{directory.Query{Text: "walk", Near: &wetherby, RadiusKm: 25, IncludeTemporarilyClosed: true}, true, []string{"walk-gf", "walk-hd"}},
		{directory.Query{Kinds: []string{"walking-groups"}, Near: &headingleyPt, RadiusKm: 5}, true, []string{"walk-hd"}},
		{directory.Query{Kinds: []string{"walking-groups"}, Near: &garforth, RadiusKm: 2}, false, []string{"walk-gf"}},
	}
	for _, tt := range tests {
		if got := indexer.FiltersAfter(ix, tt.q); got != tt.filterAfter {
			t.Errorf("%q within %g km: filters after = %v, want %v", tt.q.Text, tt.q.RadiusKm, got, tt.filterAfter)
		}
		res, err := ix.Search(context.Background(), tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if got := sorted(ids(res)); !slices.Equal(got, tt.want) {
			t.Errorf("%q %v within %g km = %v, want %v", tt.q.Text, tt.q.Kinds, tt.q.RadiusKm, got, tt.want)
		}
	}
}

// TestDistanceSortAndBucketsWithRadius checks the nearest-first order and
// the distance facet within a radius, where both come from the distances
// the radius filter notes: whether the filter finds its candidates from
// the geo terms (a place alone) or checks a kind's hits.
func TestDistanceSortAndBucketsWithRadius(t *testing.T) {
	ix, _ := mustOpen(t, t.TempDir(), mustStore(t))
	for _, q := range []directory.Query{
		{Near: &headingley, RadiusKm: 25, IncludeTemporarilyClosed: true},
		{Kinds: []string{"walking-groups"}, Near: &headingley, RadiusKm: 25},
	} {
		q.Sort, q.Facets, q.Limit = directory.ByDistance, true, 100
		res, err := ix.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if res.Total < 2 || len(res.Hits) != res.Total {
			t.Fatalf("%v: %d hits of %d, want all of at least 2", q.Kinds, len(res.Hits), res.Total)
		}
		want := make([]int, len(indexer.DistanceBuckets))
		for i, h := range res.Hits {
			if i > 0 && h.DistanceKm < res.Hits[i-1].DistanceKm {
				t.Errorf("%v: %s (%.2f km) after %s (%.2f km)", q.Kinds, h.ID, h.DistanceKm, res.Hits[i-1].ID, res.Hits[i-1].DistanceKm)
			}
			for b, km := range indexer.DistanceBuckets {
				if h.DistanceKm >= 0 && h.DistanceKm <= km {
					want[b]++
				}
			}
		}
		got := res.Facets["distance"]
		if len(got) != len(want) {
			t.Fatalf("%v: distance facet %v, want %v", q.Kinds, got, want)
		}
		for b := range want {
			if got[b].Count != want[b] {
				t.Errorf("%v: distance facet %v, want counts %v", q.Kinds, got, want)
				break
			}
		}
	}
}

// TestFacetsKeptUntilTheIndexChanges checks that another page of a search
// answers the same facet counts, and that an edit to the directory is
// counted at once.
func TestFacetsKeptUntilTheIndexChanges(t *testing.T) {
	db := mustStore(t)
	ix, _ := mustOpen(t, t.TempDir(), db)
	ctx := context.Background()
	walks := func(offset int) int {
		t.Helper()
		res, err := ix.Search(ctx, directory.Query{Kinds: []string{"walking-groups"}, Facets: true, Limit: 1, Offset: offset})
		if err != nil {
			t.Fatal(err)
		}
		// Both walks and the one added are free.
		for _, c := range res.Facets["cost"] {
			if c.Value == "free" {
				if c.Count != res.Total {
					t.Errorf("free walking groups counted %d, total %d", c.Count, res.Total)
				}
				return c.Count
			}
		}
		t.Fatalf("no count of free services in %v", res.Facets)
		return 0
	}
	if first, second := walks(0), walks(1); first != 2 || second != 2 {
		t.Fatalf("walking groups counted %d then %d on the next page, want 2 and 2", first, second)
	}
	s, err := db.Service(ctx, "walk-gf")
	if err != nil {
		t.Fatal(err)
	}
	s.ID, s.Name = "walk-new", "Rothwell Walking Group"
	s.Locations = nil
	mustPut(t, db, s)
	if err := ix.CatchUp(ctx); err != nil {
		t.Fatal(err)
	}
	if n := walks(0); n != 3 {
		t.Errorf("after a new walking group: counted %d, want 3", n)
	}
}
