package sqlite_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/storetest"
	"github.com/linkway/linkway/sqlite"
	"github.com/paulmach/orb"
)

func ptr[T any](v T) *T { return &v }

// fullService and diff are the suite's, which both stores' tests share.
var (
	fullService = storetest.FullService
	diff        = storetest.Diff
)

// mustService reads a service that must exist.
func mustService(tb testing.TB, db *sqlite.DB, id string) *directory.Service {
	tb.Helper()
	s, err := db.Service(context.Background(), id)
	if err != nil {
		tb.Fatalf("Service(%q): %v", id, err)
	}
	return s
}

// mustChangedIDs returns the service ids of the changes after seq.
func mustChangedIDs(tb testing.TB, db *sqlite.DB, after int64) []string {
	tb.Helper()
	ch, err := db.Changes(context.Background(), after, 1000)
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

func TestPutServiceRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		s    *directory.Service
	}{
		{"every field", fullService("svc-1")},
		{"numeric and odd ids", func() *directory.Service {
			s := fullService("10234")
			s.ID = "10234"
			s.Locations[1].Location.ID = "leeds:online/1#a"
			return s
		}()},
		{"bare minimum", &directory.Service{ID: "min", Name: "Lunch club", Status: directory.StatusInactive}},
		{"no organisation, only a virtual location", func() *directory.Service {
			s := fullService("virt")
			s.Organization = nil
			s.Locations = s.Locations[1:]
			s.MinimumAge, s.MaximumAge = nil, ptr(0)
			s.LastVerified, s.LastModified = time.Time{}, time.Time{}
			return s
		}()},
		{"location without a point", func() *directory.Service {
			s := fullService("nopoint")
			s.Locations[0].Location.ID = "unmapped-hall"
			s.Locations[0].Location.Point = nil
			return s
		}()},
		{"unicode text", func() *directory.Service {
			s := fullService("uni")
			s.Name = "Café & chai — ਪੰਜਾਬੀ group"
			s.Description = "Line one\nline two\t\"quoted\" 'single' 100% £5"
			return s
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := mustOpenDB(t)
			var created, changed bool
			err := db.InTx(context.Background(), func(tx *sqlite.Tx) error {
				var err error
				created, changed, err = tx.PutService(context.Background(), tt.s)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if !created || !changed {
				t.Errorf("PutService = created %v, changed %v; want true, true", created, changed)
			}
			got := mustService(t, db, tt.s.ID)
			for _, d := range diff(tt.s, got) {
				t.Error(d)
			}
			// Putting back what was read is not a change.
			if ch := mustPut(t, db, got); ch[0] {
				t.Error("putting back the service read from the store counted as a change")
			}
		})
	}
}

func TestPutServiceIdempotent(t *testing.T) {
	db := mustOpenDB(t)
	s := fullService("svc-1")
	if ch := mustPut(t, db, s); !ch[0] {
		t.Fatal("first put did not change anything")
	}
	log := mustChanges(t, db)
	if len(log) != 1 || log[0].ServiceID != "svc-1" {
		t.Fatalf("change log after first put = %+v, want one row for svc-1", log)
	}
	dump := mustDumpTables(t, db)

	// The same service, and an equal copy built afresh, in one transaction
	// and in another.
	if ch := mustPut(t, db, s, fullService("svc-1")); ch[0] || ch[1] {
		t.Errorf("putting the same service again: changed = %v, want false", ch)
	}
	if ch := mustPut(t, db, fullService("svc-1")); ch[0] {
		t.Error("putting an equal copy: changed = true, want false")
	}
	if got := mustChanges(t, db); len(got) != 1 {
		t.Errorf("unchanged puts logged %d changes", len(got)-1)
	}
	for _, d := range diffTables(dump, mustDumpTables(t, db)) {
		t.Errorf("unchanged put wrote: %s", d)
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
	seq := log[0].Seq
	for _, e := range edits {
		e.edit(s)
		if ch := mustPut(t, db, s); !ch[0] {
			t.Errorf("%s: changed = false, want true", e.name)
		}
		ids := mustChangedIDs(t, db, seq)
		if len(ids) != 1 || ids[0] != "svc-1" {
			t.Errorf("%s: new changes %v, want one for svc-1", e.name, ids)
		}
		seq = mustMaxSeq(t, db)
		for _, d := range diff(s, mustService(t, db, "svc-1")) {
			t.Errorf("%s: %s", e.name, d)
		}
		if ch := mustPut(t, db, s); ch[0] {
			t.Errorf("%s: second put changed = true, want false", e.name)
		}
		if got := mustMaxSeq(t, db); got != seq {
			t.Errorf("%s: second put logged up to seq %d, want %d", e.name, got, seq)
		}
	}
	// Sequence numbers only go up.
	log = mustChanges(t, db)
	for i := 1; i < len(log); i++ {
		if log[i].Seq <= log[i-1].Seq {
			t.Errorf("seq %d follows %d", log[i].Seq, log[i-1].Seq)
		}
	}
}

// Replacing a service replaces its nested rows: dropped locations and
// terms are gone from it.
func TestPutServiceReplacesNestedParts(t *testing.T) {
	db := mustOpenDB(t)
	s := fullService("svc-1")
	mustPut(t, db, s)
	s.Locations = s.Locations[1:]
	s.Terms = s.Terms[:1]
	s.Organization = nil
	mustPut(t, db, s)
	got := mustService(t, db, "svc-1")
	for _, d := range diff(s, got) {
		t.Error(d)
	}
}

func TestPutServiceSharedLocation(t *testing.T) {
	db := mustOpenDB(t)
	a, b := fullService("svc-a"), fullService("svc-b")
	mustPut(t, db, a)
	mustPut(t, db, b)
	if ids := mustChangedIDs(t, db, 0); strings.Join(ids, ",") != "svc-a,svc-b" {
		t.Fatalf("changes = %v, want svc-a then svc-b: an identical shared venue logs nothing for others", ids)
	}
	seq := mustMaxSeq(t, db)

	b.Locations[0].Location.Name = "Hyde Park Community Hall"
	b.Locations[0].Location.Point = &orb.Point{-1.57, 53.82}
	mustPut(t, db, b)
	ids := mustChangedIDs(t, db, seq)
	if len(ids) != 2 || !contains(ids, "svc-a") || !contains(ids, "svc-b") {
		t.Errorf("changes after renaming the venue through svc-b = %v, want one each for svc-a and svc-b", ids)
	}
	got := mustService(t, db, "svc-a").Locations[0].Location
	if got.Name != "Hyde Park Community Hall" || *got.Point != (orb.Point{-1.57, 53.82}) {
		t.Errorf("svc-a sees venue %q at %v, want the new one", got.Name, *got.Point)
	}

	// A change to a location only svc-b uses logs nothing for svc-a.
	seq = mustMaxSeq(t, db)
	b.Locations[1].Location.Name = "Video call"
	mustPut(t, db, b)
	if ids := mustChangedIDs(t, db, seq); strings.Join(ids, ",") != "svc-b" {
		t.Errorf("changes after editing svc-b's own location = %v, want svc-b", ids)
	}
}

func TestPutServiceSharedOrganization(t *testing.T) {
	db := mustOpenDB(t)
	a, b, c := fullService("svc-a"), fullService("svc-b"), fullService("svc-c")
	c.Organization = &directory.Organization{ID: "other", Name: "Other"}
	mustPut(t, db, a, b, c)
	seq := mustMaxSeq(t, db)

	b.Organization.Name = "Leeds Walks CIO"
	mustPut(t, db, b)
	ids := mustChangedIDs(t, db, seq)
	if len(ids) != 2 || !contains(ids, "svc-a") || !contains(ids, "svc-b") {
		t.Errorf("changes after renaming the organisation = %v, want one each for svc-a and svc-b", ids)
	}
	if got := mustService(t, db, "svc-a").Organization.Name; got != "Leeds Walks CIO" {
		t.Errorf("svc-a organisation = %q, want the new name", got)
	}
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func TestPutServiceConflict(t *testing.T) {
	db := mustOpenDB(t)
	mustPut(t, db, fullService("svc-a"))
	b := fullService("svc-b")
	b.Locations[0].ID = "svc-a-at-hall" // svc-a's service-at-location id
	err := db.InTx(context.Background(), func(tx *sqlite.Tx) error {
		_, _, err := tx.PutService(context.Background(), b)
		return err
	})
	if k := directory.KindOf(err); k != directory.Conflict {
		t.Errorf("KindOf(%v) = %v, want conflict", err, k)
	}
}

func TestServiceNotFound(t *testing.T) {
	db := mustOpenDB(t)
	mustPut(t, db, fullService("svc-1"))
	for _, id := range []string{"svc-2", "", "SVC-1"} {
		s, err := db.Service(context.Background(), id)
		if s != nil || directory.KindOf(err) != directory.NotFound {
			t.Errorf("Service(%q) = %v, %v; want nil, not found", id, s, err)
		}
	}
}

// seedBrowse writes services for the browsing tests. Sorted by name
// without case they are: s1, s5, s2, s0, s6, s3, s4.
func seedBrowse(tb testing.TB, db *sqlite.DB) {
	tb.Helper()
	term := func(id, name string) directory.Term { return directory.Term{ID: id, Name: name} }
	garden, bike, music, art := term("garden", "gardening"), term("bike", "Bike"), term("music", "Music"), term("art", "Art")
	services := []*directory.Service{
		{ID: "s1", Name: "Allotment group", Status: directory.StatusActive, Terms: []directory.Term{garden}},
		{ID: "s2", Name: "bike repair", Status: directory.StatusActive, Terms: []directory.Term{bike, garden}},
		{ID: "s3", Name: "Choir", Status: directory.StatusInactive, Terms: []directory.Term{music}},
		{ID: "s4", Name: "Dance", Status: directory.StatusTemporarilyClosed, Terms: []directory.Term{music}},
		{ID: "s5", Name: "Art class", Status: directory.StatusDefunct, Terms: []directory.Term{art}},
		{ID: "s6", Name: "Cafe", Status: directory.StatusActive},
		{ID: "s0", Name: "cafe", Status: directory.StatusActive, Terms: []directory.Term{garden}},
	}
	mustPut(tb, db, services...)
}

func TestFindServices(t *testing.T) {
	db := mustOpenDB(t)
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
		{"last page", directory.ServiceFilter{Limit: 3, Offset: 6}, "s4", 7},
		{"past the end", directory.ServiceFilter{Limit: 3, Offset: 9}, "", 7},
		{"listed second page", directory.ServiceFilter{Listed: true, Limit: 2, Offset: 2}, "s0 s6", 5},
		{"term page", directory.ServiceFilter{TermID: "garden", Limit: 1, Offset: 1}, "s2", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, total, err := db.FindServices(context.Background(), tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, s := range list {
				ids = append(ids, s.ID)
			}
			if got := strings.Join(ids, " "); got != tt.want || total != tt.wantTotal {
				t.Errorf("FindServices(%+v) = %q, total %d; want %q, total %d", tt.filter, got, total, tt.want, tt.wantTotal)
			}
		})
	}

	// Pages hold whole services, terms in their order.
	list, _, err := db.FindServices(context.Background(), directory.ServiceFilter{TermID: "bike"})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || strings.Join(list[0].TermIDs(), ",") != "bike,garden" {
		t.Errorf("bike services = %+v, want s2 with terms bike, garden", list)
	}
}

func TestFindServicesLoadsLocations(t *testing.T) {
	db := mustOpenDB(t)
	a, b := fullService("svc-a"), fullService("svc-b")
	mustPut(t, db, a, b)
	list, total, err := db.FindServices(context.Background(), directory.ServiceFilter{TermID: "walking", Listed: true})
	if err != nil || total != 2 || len(list) != 2 {
		t.Fatalf("FindServices = %d of %d, %v; want 2", len(list), total, err)
	}
	for i, want := range []*directory.Service{a, b} {
		for _, d := range diff(want, list[i]) {
			t.Errorf("%s: %s", want.ID, d)
		}
	}
}

func TestTerms(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
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
	mustPut(t, db, fullService("svc-new"))
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
}

func TestPutTerms(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	err := db.InTx(ctx, func(tx *sqlite.Tx) error {
		return tx.PutTerms(ctx, []directory.Term{
			{ID: "walking", Name: "Walking", Description: "Walking groups", Taxonomy: "linkway", ParentID: "activity"},
			{ID: "activity", Name: "Physical activity", Taxonomy: "linkway"},
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	// A feed that links a term by id only does not blank its description.
	mustPut(t, db, &directory.Service{ID: "s", Name: "Walk", Status: directory.StatusActive, Terms: []directory.Term{{ID: "walking"}, {ID: "unknown-term"}}})
	want := map[string]directory.Term{
		"walking":      {ID: "walking", Name: "Walking", Description: "Walking groups", Taxonomy: "linkway", ParentID: "activity"},
		"unknown-term": {ID: "unknown-term", Name: "unknown-term"},
	}
	for id, w := range want {
		got, err := db.Term(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range diff(w, *got) {
			t.Errorf("Term(%s)%s", id, d)
		}
	}
	// The taxonomy itself is authoritative.
	if err := db.InTx(ctx, func(tx *sqlite.Tx) error {
		return tx.PutTerms(ctx, []directory.Term{{ID: "walking", Name: "Walks"}})
	}); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Term(ctx, "walking"); got.Name != "Walks" || got.Description != "" {
		t.Errorf("Term(walking) after PutTerms = %+v, want replaced", got)
	}
}

func TestStatsAndChanges(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	seedBrowse(t, db)
	mustPut(t, db, fullService("svc-a"), fullService("svc-b"))
	st, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// svc-a and svc-b share an organisation and the hall, and each has
	// its own online location.
	if want := (sqlite.Stats{Services: 9, Listed: 7, Organizations: 1, Locations: 3}); st != want {
		t.Errorf("Stats = %+v, want %+v", st, want)
	}
	all := mustChanges(t, db)
	if len(all) != 9 {
		t.Fatalf("%d changes, want 9", len(all))
	}
	page, err := db.Changes(ctx, all[2].Seq, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(page) != 3 || page[0] != all[3] || page[2] != all[5] {
		t.Errorf("Changes(after %d, 3) = %+v, want %+v", all[2].Seq, page, all[3:6])
	}
	if rest, err := db.Changes(ctx, all[8].Seq, 10); err != nil || len(rest) != 0 {
		t.Errorf("Changes after the last = %+v, %v; want none", rest, err)
	}
}

func BenchmarkPutService(b *testing.B) {
	ctx := context.Background()
	b.Run("new", func(b *testing.B) {
		db := mustOpenDB(b)
		s := fullService("bench")
		b.ReportAllocs()
		err := db.InTx(ctx, func(tx *sqlite.Tx) error {
			i := 0
			for b.Loop() {
				i++
				s.ID = fmt.Sprintf("bench-%d", i)
				for j := range s.Locations {
					s.Locations[j].ID = fmt.Sprintf("bench-%d-at-%d", i, j)
				}
				if _, _, err := tx.PutService(ctx, s); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	})
	b.Run("changed", func(b *testing.B) {
		db := mustOpenDB(b)
		s := fullService("bench")
		mustPut(b, db, s)
		b.ReportAllocs()
		err := db.InTx(ctx, func(tx *sqlite.Tx) error {
			i := 0
			for b.Loop() {
				i++
				s.Description = fmt.Sprintf("version %d", i)
				if _, _, err := tx.PutService(ctx, s); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	})
	b.Run("unchanged", func(b *testing.B) {
		db := mustOpenDB(b)
		s := fullService("bench")
		mustPut(b, db, s)
		b.ReportAllocs()
		err := db.InTx(ctx, func(tx *sqlite.Tx) error {
			for b.Loop() {
				if _, _, err := tx.PutService(ctx, s); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	})
}
