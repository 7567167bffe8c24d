package storetest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/paulmach/orb"
)

// ListingReads is what the listings suite reads of a store.
type ListingReads interface {
	Service(ctx context.Context, id string) (*directory.Service, error)
	ServicesByID(ctx context.Context, ids []string) (map[string]*directory.Service, error)
	FindServices(ctx context.Context, f directory.ServiceFilter) ([]*directory.Service, int, error)
	EachService(ctx context.Context, batch int, fn func([]*directory.Service) error) error
	LocationPoints(ctx context.Context) (map[string][]orb.Point, error)
	TermParents(ctx context.Context) (map[string]string, error)
	Terms(ctx context.Context) ([]directory.TermCount, error)
	KindCounts(ctx context.Context) ([]directory.TermCount, error)
	TaxonomyTerms(ctx context.Context) ([]directory.Term, error)
	Term(ctx context.Context, id string) (*directory.Term, error)
	Stats(ctx context.Context) (directory.Stats, error)
	Changes(ctx context.Context, after int64, limit int) ([]directory.Change, error)
	LastChangeSeq(ctx context.Context) (int64, error)
	OrganizationNames(ctx context.Context) ([]directory.Organization, error)
	FindOrganizations(ctx context.Context, f directory.OrganizationFilter) ([]directory.Organization, int, error)
	OrganizationsNamed(ctx context.Context, name string) ([]directory.Organization, error)
	SetTrusted(ctx context.Context, orgID string, trusted bool) error
	IsTrusted(ctx context.Context, orgID string) (bool, error)
	VerifyService(ctx context.Context, id, by string, at time.Time) (*directory.Service, error)
	StaleServices(ctx context.Context, now time.Time, months int) ([]*directory.Service, error)
	KindsVersion(ctx context.Context) (string, error)
	Reclassify(ctx context.Context, progress func(done, changed int)) (int, error)
}

// ListingTx is what the suite writes through a store's transaction.
type ListingTx interface {
	PutService(ctx context.Context, s *directory.Service) (created, changed bool, err error)
	PutTerms(ctx context.Context, terms []directory.Term) error
	PutOrganization(ctx context.Context, o *directory.Organization) (created, changed bool, err error)
}

// ListingStore is a store as the listings suite drives it: its reads,
// and its writes each in a transaction of its own.
type ListingStore struct {
	ListingReads
	inTx     func(ctx context.Context, fn func(ListingTx) error) error
	setKinds func(directory.Classifier)
}

// NewListingStore adapts a store whose InTx passes its own Tx type; setKinds
// sets its classifier (DB.Kinds).
func NewListingStore[T ListingTx](db ListingReads, inTx func(context.Context, func(T) error) error, setKinds func(directory.Classifier)) ListingStore {
	return ListingStore{
		ListingReads: db,
		inTx: func(ctx context.Context, fn func(ListingTx) error) error {
			return inTx(ctx, func(tx T) error { return fn(tx) })
		},
		setKinds: setKinds,
	}
}

// Listings tests writing and reading listings: services with everything
// nested in them, the change log each write appends to, shared
// organisations, locations and terms, kinds of support, and the reads
// that the search index and the pages make.
func Listings(t *testing.T, open Reopener[ListingStore]) {
	one := func(fn func(*testing.T, ListingStore)) func(*testing.T) {
		return func(t *testing.T) { fn(t, open(t)()) }
	}
	t.Run("RoundTrip", one(listingRoundTrip))
	t.Run("FindOrganizations", one(findOrganizations))
	t.Run("OrganizationsNamed", one(organizationsNamed))
	t.Run("WritesLogChanges", one(listingWritesLogChanges))
	t.Run("ReplacesNestedParts", one(listingReplacesNestedParts))
	t.Run("SharedLocation", one(listingSharedLocation))
	t.Run("SharedOrganization", one(listingSharedOrganization))
	t.Run("Conflict", one(listingConflict))
	t.Run("NotFound", one(listingNotFound))
	t.Run("FindServices", one(listingFindServices))
	t.Run("Terms", one(listingTerms))
	t.Run("PutTerms", one(listingPutTerms))
	t.Run("TermParents", one(listingTermParents))
	t.Run("Kinds", one(listingKinds))
	t.Run("Reclassify", one(listingReclassify))
	t.Run("EachService", one(listingEachService))
	t.Run("LocationPoints", one(listingLocationPoints))
	t.Run("Stats", one(listingStats))
	t.Run("Organizations", one(listingOrganizations))
	t.Run("VerifyAndStale", one(listingVerifyAndStale))
	t.Run("ServicesByIDSeesEveryChange", func(t *testing.T) {
		reopen := open(t)
		listingServicesByIDSeesEveryChange(t, reopen(), reopen())
	})
}

// put writes services in one transaction and returns, for each, whether
// it changed.
func put(tb testing.TB, db ListingStore, services ...*directory.Service) []bool {
	tb.Helper()
	changed := make([]bool, len(services))
	err := db.inTx(context.Background(), func(tx ListingTx) error {
		for i, s := range services {
			_, ch, err := tx.PutService(context.Background(), s)
			if err != nil {
				return err
			}
			changed[i] = ch
		}
		return nil
	})
	if err != nil {
		tb.Fatalf("put: %v", err)
	}
	return changed
}

func putTerms(tb testing.TB, db ListingStore, terms ...directory.Term) {
	tb.Helper()
	if err := db.inTx(context.Background(), func(tx ListingTx) error {
		return tx.PutTerms(context.Background(), terms)
	}); err != nil {
		tb.Fatal(err)
	}
}

func mustService(tb testing.TB, db ListingStore, id string) *directory.Service {
	tb.Helper()
	s, err := db.Service(context.Background(), id)
	if err != nil {
		tb.Fatalf("Service(%q): %v", id, err)
	}
	return s
}

// ChangeLog is a store's change log.
type ChangeLog interface {
	Changes(ctx context.Context, after int64, limit int) ([]directory.Change, error)
}

// ChangedIDs returns the service ids of the changes after seq, in order.
func ChangedIDs(tb testing.TB, log ChangeLog, after int64) []string {
	tb.Helper()
	ch, err := log.Changes(context.Background(), after, 1000)
	if err != nil {
		tb.Fatal(err)
	}
	var ids []string
	for _, c := range ch {
		if c.Seq <= after {
			tb.Errorf("Changes(%d) returned seq %d", after, c.Seq)
		}
		ids = append(ids, c.ServiceID)
	}
	return ids
}

func lastSeq(tb testing.TB, db ListingStore) int64 {
	tb.Helper()
	seq, err := db.LastChangeSeq(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return seq
}

func serviceIDs(list []*directory.Service) string {
	var ids []string
	for _, s := range list {
		ids = append(ids, s.ID)
	}
	return strings.Join(ids, " ")
}

func listingRoundTrip(t *testing.T, db ListingStore) {
	s := FullService("svc-1")
	s.Description = "Line one\nline two\t\"quoted\" 'single' 100% £5"
	var created, changed bool
	err := db.inTx(context.Background(), func(tx ListingTx) error {
		var err error
		created, changed, err = tx.PutService(context.Background(), s)
		return err
	})
	if err != nil || !created || !changed {
		t.Fatalf("PutService = created %v, changed %v, %v; want true, true", created, changed, err)
	}
	got := mustService(t, db, "svc-1")
	for _, d := range Diff(s, got) {
		t.Error(d)
	}
	// Putting back what was read is not a change.
	if ch := put(t, db, got); ch[0] {
		t.Error("putting back the service read from the store counted as a change")
	}
	// A bare service reads back with nothing nested.
	bare := &directory.Service{ID: "bare", Name: "Bare", Status: directory.StatusActive}
	put(t, db, bare)
	for _, d := range Diff(bare, mustService(t, db, "bare")) {
		t.Error("bare:", d)
	}
}

func listingWritesLogChanges(t *testing.T, db ListingStore) {
	s := FullService("svc-1")
	if ch := put(t, db, s); !ch[0] {
		t.Fatal("first put did not change anything")
	}
	if ids := ChangedIDs(t, db, 0); !slices.Equal(ids, []string{"svc-1"}) {
		t.Fatalf("change log after first put = %v, want one entry for svc-1", ids)
	}
	seq := lastSeq(t, db)
	if ch := put(t, db, s, FullService("svc-1")); ch[0] || ch[1] {
		t.Errorf("putting the same service again: changed = %v, want false", ch)
	}
	// When a feed's listing was fetched is not part of what it says.
	refetched := FullService("svc-1")
	refetched.FetchedAt = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	if ch := put(t, db, refetched); ch[0] {
		t.Error("fetching an unchanged listing again counted as a change")
	}
	if got := lastSeq(t, db); got != seq {
		t.Errorf("unchanged puts logged up to seq %d, want %d", got, seq)
	}
	edits := []struct {
		name string
		edit func(s *directory.Service)
	}{
		{"name", func(s *directory.Service) { s.Name = "Walking group (Tuesdays)" }},
		{"schedule time", func(s *directory.Service) { s.Schedules[0].Opens = "10:30" }},
		{"location schedule", func(s *directory.Service) { s.Locations[0].Schedules[0].Closes = "13:00" }},
		{"own location URL", func(s *directory.Service) { s.Locations[1].Location.URL = "https://meet.example.org/new" }},
		{"term order", func(s *directory.Service) { s.Terms[0], s.Terms[1] = s.Terms[1], s.Terms[0] }},
		{"capacity", func(s *directory.Service) { s.Accepting = directory.CapacityFull }},
		{"minimum age removed", func(s *directory.Service) { s.MinimumAge = nil }},
	}
	for _, e := range edits {
		e.edit(s)
		if ch := put(t, db, s); !ch[0] {
			t.Errorf("%s: changed = false, want true", e.name)
		}
		if ids := ChangedIDs(t, db, seq); !slices.Equal(ids, []string{"svc-1"}) {
			t.Errorf("%s: new changes %v, want one for svc-1", e.name, ids)
		}
		seq = lastSeq(t, db)
		for _, d := range Diff(s, mustService(t, db, "svc-1")) {
			t.Errorf("%s: %s", e.name, d)
		}
		if ch := put(t, db, s); ch[0] || lastSeq(t, db) != seq {
			t.Errorf("%s: putting it again changed it", e.name)
		}
	}
	// Pages of the log follow one another.
	all, err := db.Changes(context.Background(), 0, 1000)
	if err != nil || len(all) != 1+len(edits) {
		t.Fatalf("Changes = %d entries, %v; want %d", len(all), err, 1+len(edits))
	}
	page, err := db.Changes(context.Background(), all[2].Seq, 3)
	if err != nil || len(page) != 3 || page[0] != all[3] || page[2] != all[5] {
		t.Errorf("Changes(after %d, 3) = %+v, %v; want entries 3 to 5 of %+v", all[2].Seq, page, err, all)
	}
}

func listingReplacesNestedParts(t *testing.T, db ListingStore) {
	s := FullService("svc-1")
	put(t, db, s)
	s.Locations = s.Locations[1:]
	s.Terms = s.Terms[:1]
	s.Organization = nil
	put(t, db, s)
	for _, d := range Diff(s, mustService(t, db, "svc-1")) {
		t.Error(d)
	}
}

func listingSharedLocation(t *testing.T, db ListingStore) {
	a, b := FullService("svc-a"), FullService("svc-b")
	put(t, db, a)
	put(t, db, b)
	if ids := ChangedIDs(t, db, 0); strings.Join(ids, ",") != "svc-a,svc-b" {
		t.Fatalf("changes = %v, want svc-a then svc-b: an identical shared venue logs nothing for others", ids)
	}
	seq := lastSeq(t, db)
	b.Locations[0].Location.Name = "Hyde Park Community Hall"
	b.Locations[0].Location.Point = &orb.Point{-1.57, 53.82}
	put(t, db, b)
	ids := ChangedIDs(t, db, seq)
	if slices.Sort(ids); strings.Join(ids, ",") != "svc-a,svc-b" {
		t.Errorf("changes after renaming the venue through svc-b = %v, want one each for svc-a and svc-b", ids)
	}
	got := mustService(t, db, "svc-a").Locations[0].Location
	if got.Name != "Hyde Park Community Hall" || *got.Point != (orb.Point{-1.57, 53.82}) {
		t.Errorf("svc-a sees venue %q at %v, want the new one", got.Name, *got.Point)
	}
	// A change to a location only svc-b uses logs nothing for svc-a.
	seq = lastSeq(t, db)
	b.Locations[1].Location.Name = "Video call"
	put(t, db, b)
	if ids := ChangedIDs(t, db, seq); strings.Join(ids, ",") != "svc-b" {
		t.Errorf("changes after editing svc-b's own location = %v, want svc-b", ids)
	}
	// A location named by id alone links the stored one as it is.
	c := &directory.Service{ID: "svc-c", Name: "C", Status: directory.StatusActive,
		Locations: []directory.ServiceAtLocation{{ID: "c-at-hall", Location: directory.Location{ID: "hyde-park-hall"}}}}
	put(t, db, c)
	if got := mustService(t, db, "svc-c").Locations[0].Location; got.Name != "Hyde Park Community Hall" || got.Address().PostalCode != "LS6 1AA" {
		t.Errorf("svc-c linked the hall by id and reads %+v", got)
	}
}

func listingSharedOrganization(t *testing.T, db ListingStore) {
	a, b, c := FullService("svc-a"), FullService("svc-b"), FullService("svc-c")
	c.Organization = &directory.Organization{ID: "other", Name: "Other"}
	put(t, db, a, b, c)
	seq := lastSeq(t, db)
	b.Organization.Name = "Leeds Walks CIO"
	put(t, db, b)
	ids := ChangedIDs(t, db, seq)
	if slices.Sort(ids); strings.Join(ids, ",") != "svc-a,svc-b" {
		t.Errorf("changes after renaming the organisation = %v, want one each for svc-a and svc-b", ids)
	}
	if got := mustService(t, db, "svc-a").Organization.Name; got != "Leeds Walks CIO" {
		t.Errorf("svc-a organisation = %q, want the new name", got)
	}
}

func listingConflict(t *testing.T, db ListingStore) {
	put(t, db, FullService("svc-a"))
	b := FullService("svc-b")
	b.Locations[0].ID = "svc-a-at-hall" // svc-a's service-at-location id
	err := db.inTx(context.Background(), func(tx ListingTx) error {
		_, _, err := tx.PutService(context.Background(), b)
		return err
	})
	if k := directory.KindOf(err); k != directory.Conflict {
		t.Errorf("KindOf(%v) = %v, want conflict", err, k)
	}
	// The failed transaction wrote nothing.
	if _, err := db.Service(context.Background(), "svc-b"); directory.KindOf(err) != directory.NotFound {
		t.Errorf("svc-b after the failed write: %v, want not found", err)
	}
}

func listingNotFound(t *testing.T, db ListingStore) {
	put(t, db, FullService("svc-1"))
	for _, id := range []string{"svc-2", "", "SVC-1"} {
		s, err := db.Service(context.Background(), id)
		if s != nil || directory.KindOf(err) != directory.NotFound {
			t.Errorf("Service(%q) = %v, %v; want nil, not found", id, s, err)
		}
	}
	got, err := db.ServicesByID(context.Background(), []string{"svc-1", "svc-2"})
	if err != nil || len(got) != 1 || got["svc-1"] == nil {
		t.Errorf("ServicesByID(svc-1, svc-2) = %v, %v; want svc-1 only", got, err)
	}
}

// seedBrowse writes services for the browsing tests. Sorted by name
// without case they are: s1, s5, s2, s0, s6, s3, s4.
func seedBrowse(tb testing.TB, db ListingStore) {
	tb.Helper()
	term := func(id, name string) directory.Term { return directory.Term{ID: id, Name: name} }
	garden, bike, music, art := term("garden", "gardening"), term("bike", "Bike"), term("music", "Music"), term("art", "Art")
	put(tb, db,
		&directory.Service{ID: "s1", Name: "Allotment group", Status: directory.StatusActive, Terms: []directory.Term{garden}},
		&directory.Service{ID: "s2", Name: "bike repair", Status: directory.StatusActive, Terms: []directory.Term{bike, garden}},
		&directory.Service{ID: "s3", Name: "Choir", Status: directory.StatusInactive, Terms: []directory.Term{music}},
		&directory.Service{ID: "s4", Name: "Dance", Status: directory.StatusTemporarilyClosed, Terms: []directory.Term{music}},
		&directory.Service{ID: "s5", Name: "Art class", Status: directory.StatusDefunct, Terms: []directory.Term{art}},
		&directory.Service{ID: "s6", Name: "Cafe", Status: directory.StatusActive},
		&directory.Service{ID: "s0", Name: "cafe", Status: directory.StatusActive, Terms: []directory.Term{garden}},
	)
}

func listingFindServices(t *testing.T, db ListingStore) {
	seedBrowse(t, db)
	tests := []struct {
		name      string
		filter    directory.ServiceFilter
		want      string
		wantTotal int
	}{
		{"all", directory.ServiceFilter{}, "s1 s5 s2 s0 s6 s3 s4", 7},
		{"listed", directory.ServiceFilter{Listed: true}, "s1 s2 s0 s6 s4", 5},
		{"term", directory.ServiceFilter{TermID: "garden"}, "s1 s2 s0", 3},
		{"term and listed", directory.ServiceFilter{TermID: "music", Listed: true}, "s4", 1},
		{"term only on unlisted", directory.ServiceFilter{TermID: "art", Listed: true}, "", 0},
		{"unknown term", directory.ServiceFilter{TermID: "nope"}, "", 0},
		{"first page", directory.ServiceFilter{Limit: 3}, "s1 s5 s2", 7},
		{"second page", directory.ServiceFilter{Limit: 3, Offset: 3}, "s0 s6 s3", 7},
		{"past the end", directory.ServiceFilter{Limit: 3, Offset: 9}, "", 7},
		{"listed second page", directory.ServiceFilter{Listed: true, Limit: 2, Offset: 2}, "s0 s6", 5},
		{"term page", directory.ServiceFilter{TermID: "garden", Limit: 1, Offset: 1}, "s2", 3},
	}
	for _, tt := range tests {
		list, total, err := db.FindServices(context.Background(), tt.filter)
		if got := serviceIDs(list); err != nil || got != tt.want || total != tt.wantTotal {
			t.Errorf("%s: FindServices(%+v) = %q, total %d, %v; want %q, total %d", tt.name, tt.filter, got, total, err, tt.want, tt.wantTotal)
		}
	}
	// Pages hold whole services, terms in their order.
	list, _, err := db.FindServices(context.Background(), directory.ServiceFilter{TermID: "bike"})
	if err != nil || len(list) != 1 || strings.Join(list[0].TermIDs(), ",") != "bike,garden" {
		t.Errorf("bike services = %+v, %v; want s2 with terms bike, garden", list, err)
	}
}

func listingTerms(t *testing.T, db ListingStore) {
	ctx := context.Background()
	seedBrowse(t, db)
	got, err := db.Terms(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, tc := range got {
		lines = append(lines, fmt.Sprintf("%s=%d", tc.Name, tc.Services))
	}
	// art is only on a defunct service; music counts only the closed-for-now one.
	if want := "Bike=1 gardening=3 Music=1"; strings.Join(lines, " ") != want {
		t.Errorf("Terms() = %q, want %q", strings.Join(lines, " "), want)
	}
	// The counts are kept until a change: a new listing counts at once,
	// and changing what the caller was given changes nothing kept.
	got[0].Services = 99
	put(t, db, FullService("svc-new"))
	again, err := db.Terms(ctx)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, tc := range again {
		counts[tc.ID] = tc.Services
	}
	if counts["bike"] != 1 || counts["walking"] != 1 {
		t.Errorf("after adding a walking group, Terms() = %v", counts)
	}
	if term, err := db.Term(ctx, "art"); err != nil || term.Name != "Art" {
		t.Errorf("Term(art) = %+v, %v; want Art: unlisted services still have terms", term, err)
	}
	if _, err := db.Term(ctx, "nope"); directory.KindOf(err) != directory.NotFound {
		t.Errorf("Term(nope) = %v, want not found", err)
	}
	all, err := db.TaxonomyTerms(ctx)
	var names []string
	for _, tm := range all {
		names = append(names, tm.Name)
	}
	if want := "Art Bike gardening Music Outdoors Walking"; err != nil || strings.Join(names, " ") != want {
		t.Errorf("TaxonomyTerms() = %q, %v; want %q", names, err, want)
	}
}

func listingPutTerms(t *testing.T, db ListingStore) {
	ctx := context.Background()
	putTerms(t, db,
		directory.Term{ID: "walking", Name: "Walking", Description: "Walking groups", Taxonomy: "linkway", ParentID: "activity"},
		directory.Term{ID: "activity", Name: "Physical activity", Taxonomy: "linkway"})
	// A feed that links a term by id only does not blank its description.
	put(t, db, &directory.Service{ID: "s", Name: "Walk", Status: directory.StatusActive, Terms: []directory.Term{{ID: "walking"}, {ID: "unknown-term"}}})
	want := map[string]directory.Term{
		"walking":      {ID: "walking", Name: "Walking", Description: "Walking groups", Taxonomy: "linkway", ParentID: "activity"},
		"unknown-term": {ID: "unknown-term", Name: "unknown-term"},
	}
	for id, w := range want {
		got, err := db.Term(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range Diff(w, *got) {
			t.Errorf("Term(%s)%s", id, d)
		}
	}
	// A service describing a term keeps the code a vocabulary gave it.
	putTerms(t, db, directory.Term{ID: "walking", Name: "Walking", Description: "Walking groups", Taxonomy: "linkway", ParentID: "activity", Code: "W-1"})
	put(t, db, &directory.Service{ID: "s2", Name: "Walk 2", Status: directory.StatusActive, Terms: []directory.Term{{ID: "walking", Name: "Walks", Taxonomy: "linkway", ParentID: "activity"}}})
	if got, _ := db.Term(ctx, "walking"); got.Name != "Walks" || got.Code != "W-1" {
		t.Errorf("Term(walking) after a service described it = %+v, want named Walks with code W-1 kept", got)
	}
	// The taxonomy itself is authoritative, and renaming a term changes
	// the services under it and under its narrower terms.
	seq := lastSeq(t, db)
	putTerms(t, db, directory.Term{ID: "activity", Name: "Being active"})
	ids := ChangedIDs(t, db, seq)
	if slices.Sort(ids); strings.Join(ids, ",") != "s,s2" {
		t.Errorf("renaming the broader term logged %v, want s and s2", ids)
	}
	putTerms(t, db, directory.Term{ID: "walking", Name: "Walks"})
	if got, _ := db.Term(ctx, "walking"); got.Name != "Walks" || got.Description != "" || got.Code != "" {
		t.Errorf("Term(walking) after PutTerms = %+v, want replaced", got)
	}
}

func listingTermParents(t *testing.T, db ListingStore) {
	putTerms(t, db,
		directory.Term{ID: "B", Name: "Basic needs", Code: "B"},
		directory.Term{ID: "BD", Name: "Food", Code: "BD", ParentID: "B"},
		directory.Term{ID: "BD-1800.2000", Name: "Food pantries", Code: "BD-1800.2000", ParentID: "B"},
		// The feed files it under the top only: its code says where it is.
		directory.Term{ID: "BD-1800.2000-640", Name: "Pantry", Code: "BD-1800.2000-640", ParentID: "B"},
		directory.Term{ID: "food", Name: "Food"},
		directory.Term{ID: "food-bank", Name: "Food bank", ParentID: "food"},
	)
	got, err := db.TermParents(context.Background())
	want := map[string]string{"BD": "B", "BD-1800.2000": "BD", "BD-1800.2000-640": "BD-1800.2000", "food-bank": "food"}
	if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("TermParents() = %v, %v; want %v", got, err, want)
	}
}

// WordKinds is a classifier for tests: a service whose description holds
// one of its words gets that word's kind, inferred.
type WordKinds struct {
	Model string
	Words map[string]string // word -> kind id
}

// Version is the model's name.
func (c WordKinds) Version() string { return c.Model }

// Assign gives s the kinds of the words its description holds.
func (c WordKinds) Assign(s *directory.Service) []directory.ServiceKind {
	var out []directory.ServiceKind
	for _, w := range slices.Sorted(func(yield func(string) bool) {
		for w := range c.Words {
			if !yield(w) {
				return
			}
		}
	}) {
		if strings.Contains(strings.ToLower(s.Description), w) {
			out = append(out, directory.ServiceKind{ID: c.Words[w], Source: directory.KindInferred, Confidence: 0.7, Why: []string{w}})
		}
	}
	return out
}

// Two versions of a model of kinds: WalksV2 reads more than WalksV1.
var (
	WalksV1 = WordKinds{"v1", map[string]string{"walk": "physical-activity"}}
	WalksV2 = WordKinds{"v2", map[string]string{"walk": "walking", "tea": "befriending"}}
)

// KindIDs lists s's kinds, comma-separated.
func KindIDs(s *directory.Service) string { return strings.Join(s.KindIDs(), ",") }

func listingKinds(t *testing.T, db ListingStore) {
	ctx := context.Background()
	// Without a classifier a service keeps the kinds it came with.
	put(t, db, FullService("given"))
	if got := KindIDs(mustService(t, db, "given")); got != "physical-activity,befriending" {
		t.Errorf("without a classifier: kinds %q, want the given ones", got)
	}
	db.setKinds(WalksV2)
	putTerms(t, db, directory.Term{ID: "walking", Name: "Walking"}, directory.Term{ID: "befriending", Name: "Befriending"})
	walk := func(id string, st directory.Status) *directory.Service {
		return &directory.Service{ID: id, Name: "Walk " + id, Status: st, Description: "A walk and a chat.",
			Terms: []directory.Term{{ID: "physical-activity", Name: "Physical activity"}}}
	}
	put(t, db, walk("w-0", directory.StatusActive), walk("w-1", directory.StatusActive), walk("w-2", directory.StatusInactive),
		&directory.Service{ID: "tea", Name: "Tea club", Status: directory.StatusActive, Description: "Tea on Fridays."})
	if got := mustService(t, db, "w-0"); KindIDs(got) != "walking" || got.Kinds[0].Source != directory.KindInferred || got.Kinds[0].Why[0] != "walk" {
		t.Errorf("classified walk: kinds %+v, want walking inferred from 'walk'", got.Kinds)
	}
	// An admin's kinds stay through later writes that carry none.
	fixed := walk("w-1", directory.StatusActive)
	fixed.Kinds = []directory.ServiceKind{{ID: "arts", Source: directory.KindModerated, Confidence: 1}}
	put(t, db, fixed)
	put(t, db, walk("w-1", directory.StatusActive))
	if got := mustService(t, db, "w-1"); KindIDs(got) != "arts" || !got.Moderated() {
		t.Errorf("corrected walk after a feed write: kinds %+v, want arts as moderated", got.Kinds)
	}

	counts, err := db.KindCounts(ctx)
	var lines []string
	for _, c := range counts {
		lines = append(lines, fmt.Sprintf("%s=%d", c.Name, c.Services))
	}
	// The feed's own term is not one of the kinds (physical-activity is
	// counted for "given", written before the classifier with its own
	// kinds); a kind without a term shows its id.
	if want := "arts=1 Befriending=2 Physical activity=1 Walking=1"; err != nil || strings.Join(lines, " ") != want {
		t.Errorf("KindCounts() = %q, %v; want %q", strings.Join(lines, " "), err, want)
	}
	for _, tt := range []struct{ term, want string }{
		{"befriending", "given tea"},           // a kind given by the classifier
		{"physical-activity", "given w-0 w-1"}, // the feed's own term, or a kind
		{"walking", "given w-0"},               // given has it as a term
	} {
		list, total, err := db.FindServices(ctx, directory.ServiceFilter{TermID: tt.term, Listed: true})
		ids := strings.Fields(serviceIDs(list))
		slices.Sort(ids)
		if err != nil || strings.Join(ids, " ") != tt.want || total != len(ids) {
			t.Errorf("FindServices(%s) = %v (total %d), %v; want %s", tt.term, ids, total, err, tt.want)
		}
	}
}

func listingReclassify(t *testing.T, db ListingStore) {
	ctx := context.Background()
	db.setKinds(WalksV1)
	if _, err := db.Reclassify(ctx, nil); err != nil { // records v1 on an empty directory
		t.Fatal(err)
	}
	var services []*directory.Service
	for i := range 60 {
		services = append(services, &directory.Service{ID: fmt.Sprintf("w-%02d", i), Name: "Walk", Status: directory.StatusActive, Description: "A walk, then tea."})
	}
	services = append(services, &directory.Service{ID: "quiz", Name: "Quiz", Status: directory.StatusActive, Description: "A quiz night."})
	put(t, db, services...)
	fixed := *services[7]
	fixed.Kinds = []directory.ServiceKind{{ID: "arts", Source: directory.KindModerated, Confidence: 1}}
	put(t, db, &fixed)
	if got := KindIDs(mustService(t, db, "w-03")); got != "physical-activity" {
		t.Fatalf("with v1: kinds %q, want physical-activity", got)
	}

	db.setKinds(WalksV2)
	before := lastSeq(t, db)
	var calls int
	changed, err := db.Reclassify(ctx, func(done, changed int) { calls++ })
	if err != nil || changed != 59 || calls == 0 {
		t.Errorf("Reclassify = %d, %v (progress called %d times); want 59 of 61: not the corrected one nor the quiz", changed, err, calls)
	}
	if got := KindIDs(mustService(t, db, "w-03")); got != "befriending,walking" {
		t.Errorf("after reclassify: kinds %q, want befriending,walking", got)
	}
	if got := mustService(t, db, "w-07"); KindIDs(got) != "arts" || !got.Moderated() {
		t.Errorf("corrected listing: kinds %+v, want arts as moderated", got.Kinds)
	}
	ids := ChangedIDs(t, db, before)
	if len(ids) != 59 || slices.Contains(ids, "w-07") || slices.Contains(ids, "quiz") {
		t.Errorf("change log after reclassify: %d entries, want 59 without w-07 or quiz", len(ids))
	}
	if _, n, err := db.FindServices(ctx, directory.ServiceFilter{TermID: "befriending"}); err != nil || n != 59 {
		t.Errorf("FindServices(befriending) after reclassify: %d, %v; want 59", n, err)
	}
	if v, err := db.KindsVersion(ctx); err != nil || v != "v2" {
		t.Errorf("KindsVersion = %q, %v; want v2", v, err)
	}
	before = lastSeq(t, db)
	if changed, err := db.Reclassify(ctx, nil); err != nil || changed != 0 || lastSeq(t, db) != before {
		t.Errorf("second Reclassify changed %d, err %v; want nothing", changed, err)
	}
}

func listingEachService(t *testing.T, db ListingStore) {
	seedBrowse(t, db)
	put(t, db, FullService("svc-a"))
	var batches []string
	err := db.EachService(context.Background(), 3, func(list []*directory.Service) error {
		batches = append(batches, serviceIDs(list))
		for _, s := range list {
			if s.ID == "svc-a" && len(s.Locations) != 2 {
				t.Errorf("svc-a read in a batch with %d locations, want 2", len(s.Locations))
			}
		}
		return nil
	})
	if want := []string{"s0 s1 s2", "s3 s4 s5", "s6 svc-a"}; err != nil || !slices.Equal(batches, want) {
		t.Errorf("EachService(3) batches = %q, %v; want %q", batches, err, want)
	}
	stop := fmt.Errorf("stop")
	if err := db.EachService(context.Background(), 2, func([]*directory.Service) error { return stop }); err != stop {
		t.Errorf("EachService returned %v, want fn's error", err)
	}
}

func listingLocationPoints(t *testing.T, db ListingStore) {
	at := func(id string, lon, lat float64, confidential bool) directory.ServiceAtLocation {
		return directory.ServiceAtLocation{ID: "at-" + id, Location: directory.Location{ID: id, Type: directory.Physical, Name: id, Point: &orb.Point{lon, lat}, Confidential: confidential}}
	}
	online := directory.ServiceAtLocation{ID: "at-online", Location: directory.Location{ID: "online", Type: directory.Virtual, Name: "Online"}}
	put(t, db,
		&directory.Service{ID: "two", Name: "Two places", Status: directory.StatusActive, Locations: []directory.ServiceAtLocation{at("b", -1.5, 53.8, false), online, at("a", -1.6, 53.9, false)}},
		&directory.Service{ID: "refuge", Name: "Refuge", Status: directory.StatusActive, Locations: []directory.ServiceAtLocation{at("safe", -1.4, 53.7, true)}},
		&directory.Service{ID: "closed", Name: "Closed", Status: directory.StatusInactive, Locations: []directory.ServiceAtLocation{at("c", -1.3, 53.6, false)}},
	)
	got, err := db.LocationPoints(context.Background())
	want := map[string][]orb.Point{"two": {{-1.5, 53.8}, {-1.6, 53.9}}}
	if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("LocationPoints() = %v, %v; want %v (listed only, in order, no confidential place)", got, err, want)
	}
}

func listingStats(t *testing.T, db ListingStore) {
	seedBrowse(t, db)
	put(t, db, FullService("svc-a"), FullService("svc-b"))
	st, err := db.Stats(context.Background())
	// svc-a and svc-b share an organisation and the hall, and each has
	// its own online location.
	if want := (directory.Stats{Services: 9, Listed: 7, Organizations: 1, Locations: 3}); err != nil || st != want {
		t.Errorf("Stats = %+v, %v; want %+v", st, err, want)
	}
}

func listingOrganizations(t *testing.T, db ListingStore) {
	ctx := context.Background()
	putOrg := func(o *directory.Organization) (created, changed bool) {
		t.Helper()
		if err := db.inTx(ctx, func(tx ListingTx) error {
			var err error
			created, changed, err = tx.PutOrganization(ctx, o)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return created, changed
	}
	put(t, db, FullService("svc-a"))
	if c, ch := putOrg(&directory.Organization{ID: "zed", Name: "zed trust"}); !c || !ch {
		t.Errorf("new organisation: created %v, changed %v", c, ch)
	}
	if c, ch := putOrg(&directory.Organization{ID: "zed", Name: "zed trust"}); c || ch {
		t.Errorf("same organisation again: created %v, changed %v", c, ch)
	}
	// Changing an organisation listed without services through PutOrganization
	// logs its services.
	seq := lastSeq(t, db)
	org := *FullService("x").Organization
	org.Email = "new@example.org"
	if c, ch := putOrg(&org); c || !ch {
		t.Errorf("edited organisation: created %v, changed %v", c, ch)
	}
	if ids := ChangedIDs(t, db, seq); !slices.Equal(ids, []string{"svc-a"}) {
		t.Errorf("editing svc-a's organisation logged %v", ids)
	}
	putOrg(&directory.Organization{ID: "abbey", Name: "Abbey Club"})
	names, err := db.OrganizationNames(ctx)
	var got []string
	for _, o := range names {
		got = append(got, o.ID+"="+o.Name)
	}
	if want := "abbey=Abbey Club leeds-walks=Leeds Walks zed=zed trust"; err != nil || strings.Join(got, " ") != want {
		t.Errorf("OrganizationNames() = %q, %v; want %q", got, err, want)
	}
	if ok, err := db.IsTrusted(ctx, "zed"); ok || err != nil {
		t.Errorf("IsTrusted before = %v, %v", ok, err)
	}
	for _, trusted := range []bool{true, false, true} {
		if err := db.SetTrusted(ctx, "zed", trusted); err != nil {
			t.Fatal(err)
		}
		if ok, err := db.IsTrusted(ctx, "zed"); ok != trusted || err != nil {
			t.Errorf("IsTrusted after SetTrusted(%v) = %v, %v", trusted, ok, err)
		}
	}
	if err := db.SetTrusted(ctx, "nobody", true); directory.KindOf(err) != directory.NotFound {
		t.Errorf("SetTrusted(nobody) = %v, want not found", err)
	}
}

func listingVerifyAndStale(t *testing.T, db ListingStore) {
	ctx := context.Background()
	now := time.Date(2026, 3, 31, 12, 0, 0, 0, time.UTC)
	svc := func(id, org, name string, verified time.Time, st directory.Status) *directory.Service {
		return &directory.Service{ID: id, Name: name, Status: st, LastVerified: verified, Organization: &directory.Organization{ID: org, Name: org}}
	}
	put(t, db,
		svc("old", "b-org", "Old", time.Date(2025, 9, 30, 0, 0, 0, 0, time.UTC), directory.StatusActive),       // six months to the day
		svc("never", "a-org", "Never", time.Time{}, directory.StatusActive),                                    // never checked
		svc("recent", "a-org", "Recent", time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC), directory.StatusActive), // a day short
		svc("gone", "a-org", "Gone", time.Time{}, directory.StatusInactive),                                    // not listed
	)
	stale, err := db.StaleServices(ctx, now, 6)
	if got := serviceIDs(stale); err != nil || got != "never old" {
		t.Errorf("StaleServices(6 months) = %q, %v; want never (a-org), then old", got, err)
	}
	seq := lastSeq(t, db)
	s, err := db.VerifyService(ctx, "old", "checker@example.org", now)
	if err != nil || s.VerifiedBy != "checker@example.org" {
		t.Fatalf("VerifyService = %+v, %v", s, err)
	}
	if ids := ChangedIDs(t, db, seq); !slices.Equal(ids, []string{"old"}) {
		t.Errorf("verifying logged %v, want old", ids)
	}
	if got := mustService(t, db, "old"); !got.LastVerified.Equal(time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)) || got.VerifiedBy != "checker@example.org" {
		t.Errorf("verified service reads %v by %q", got.LastVerified, got.VerifiedBy)
	}
	if stale, _ := db.StaleServices(ctx, now, 6); serviceIDs(stale) != "never" {
		t.Errorf("after verifying, StaleServices = %q, want never", serviceIDs(stale))
	}
	if _, err := db.VerifyService(ctx, "nope", "x", now); directory.KindOf(err) != directory.NotFound {
		t.Errorf("VerifyService(nope) = %v, want not found", err)
	}
}

// listingServicesByIDSeesEveryChange: the read cache never serves a
// listing older than the store, including when what changed is a venue
// it shares with another service, or a copy written by another instance.
func listingServicesByIDSeesEveryChange(t *testing.T, db, other ListingStore) {
	hall := func(name string) directory.Location {
		return directory.Location{ID: "hall", Type: directory.Physical, Name: name, Point: &orb.Point{-1.55, 53.8}}
	}
	a := &directory.Service{ID: "a", Name: "Tea", Status: directory.StatusActive, Locations: []directory.ServiceAtLocation{{ID: "a1", Location: hall("Church Hall")}}}
	b := &directory.Service{ID: "b", Name: "Choir", Status: directory.StatusActive, Locations: []directory.ServiceAtLocation{{ID: "b1", Location: hall("Church Hall")}}}
	put(t, db, a, b)
	get := func(id string) *directory.Service {
		t.Helper()
		m, err := db.ServicesByID(context.Background(), []string{id})
		if err != nil || m[id] == nil {
			t.Fatalf("ServicesByID(%s) = %v, %v", id, m, err)
		}
		return m[id]
	}
	if get("a").Locations[0].Location.Name != "Church Hall" || get("a").Name != "Tea" {
		t.Fatal("first read")
	}
	b.Locations[0].Location = hall("St Mary's Hall")
	put(t, db, b)
	if got := get("a").Locations[0].Location.Name; got != "St Mary's Hall" {
		t.Errorf("a's venue = %q after it was renamed through b", got)
	}
	a.Name = "Tea and Chat"
	a.Locations[0].Location = hall("St Mary's Hall")
	put(t, other, a)
	if got := get("a").Name; got != "Tea and Chat" {
		t.Errorf("a's name = %q after another instance changed it", got)
	}
}
