package sqlite_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/storetest"
	"github.com/linkway/linkway/sqlite"
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
var mustChangedIDs = storetest.ChangedIDs

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

// TestPutServiceIdempotent: an unchanged put writes no row at all.
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
	// What each edit changes and logs is storetest.Listings' (WritesLogChanges).
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
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
