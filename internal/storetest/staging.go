package storetest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/hsds"
	"github.com/paulmach/orb"
)

// Import is a staged import, as both stores' BeginImport return it.
type Import interface {
	hsds.Writer
	Commit(ctx context.Context) error
	Discard() error
}

// ImportStore is what the import suite uses. BeginImport is the store's,
// returning its own import type as an Import (the runner adapts it).
type ImportStore interface {
	BeginImport(ctx context.Context) (Import, error)
	Service(ctx context.Context, id string) (*directory.Service, error)
	EachService(ctx context.Context, batch int, fn func([]*directory.Service) error) error
	TaxonomyTerms(ctx context.Context) ([]directory.Term, error)
	LastChangeSeq(ctx context.Context) (int64, error)
	FeedServiceIDs(ctx context.Context, name string) ([]string, error)
}

// Imports tests staged imports: all or nothing, unchanged records not
// written again, and location links moving between services.
func Imports(t *testing.T, open Reopener[ImportStore]) {
	t.Run("ImportAndReimport", func(t *testing.T) { importAndReimport(t, open(t)()) })
	t.Run("FailedImportChangesNothing", func(t *testing.T) { failedImportChangesNothing(t, open) })
	t.Run("MovesLocationLink", func(t *testing.T) { importMovesLocationLink(t, open(t)()) })
	t.Run("FeedServiceIDs", func(t *testing.T) { feedServiceIDs(t, open(t)()) })
}

// StagedFeed returns an HSDS feed of n services, ids prefix-0 to
// prefix-(n-1), sharing organisations and venues the way real feeds do.
// edit changes each service's description, so a second feed with another
// edit updates every service.
func StagedFeed(tb testing.TB, prefix string, n int, edit string) []byte {
	tb.Helper()
	services := make([]*directory.Service, n)
	for i := range n {
		id := fmt.Sprintf("%s-%d", prefix, i)
		venue := fmt.Sprintf("venue-%d", i%50)
		s := &directory.Service{ID: id, Name: fmt.Sprintf("Walking group %d", i),
			Description:  "A friendly walk around the park, then tea. " + edit,
			Status:       directory.StatusActive,
			Organization: &directory.Organization{ID: fmt.Sprintf("org-%d", i%20), Name: fmt.Sprintf("Group %d", i%20)},
			Terms:        []directory.Term{{ID: "physical-activity", Name: "Physical activity"}},
			Locations: []directory.ServiceAtLocation{{ID: id + "-at-0",
				Location: directory.Location{ID: venue, Type: directory.Physical, Name: "Hall " + venue, Point: &orb.Point{-1.55, 53.80}}}},
		}
		services[i] = s
	}
	return hsdsFeed(tb, services)
}

// hsdsFeed writes services as an HSDS feed.
func hsdsFeed(tb testing.TB, services []*directory.Service) []byte {
	tb.Helper()
	var buf bytes.Buffer
	w := hsds.NewArrayWriter(&buf)
	for _, s := range services {
		if err := w.Write(s); err != nil {
			tb.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// StagedImport imports feed into a staged import of db, as the import
// command does: discarded on error, committed otherwise.
func StagedImport(ctx context.Context, db ImportStore, feed []byte) (hsds.Report, error) {
	imp, err := db.BeginImport(ctx)
	if err != nil {
		return hsds.Report{}, err
	}
	defer imp.Discard()
	rep, err := (&hsds.Importer{}).Import(ctx, bytes.NewReader(feed), imp)
	if err != nil {
		return rep, err
	}
	return rep, imp.Commit(ctx)
}

func mustImport(t *testing.T, db ImportStore, feed []byte) hsds.Report {
	t.Helper()
	rep, err := StagedImport(context.Background(), db, feed)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// Snapshot is what the store shows of its listings: every service, the
// taxonomy and the change log's end, to compare two states.
func Snapshot(t *testing.T, db ImportStore) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	err := db.EachService(ctx, 100, func(list []*directory.Service) error {
		for _, s := range list {
			j, err := json.Marshal(s)
			if err != nil {
				return err
			}
			b.Write(j)
			b.WriteByte('\n')
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	terms, err := db.TaxonomyTerms(ctx)
	if err != nil {
		t.Fatal(err)
	}
	seq, err := db.LastChangeSeq(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "terms %v\nchange log at %d\n", terms, seq)
	return b.String()
}

func importAndReimport(t *testing.T, db ImportStore) {
	ctx := context.Background()
	if rep := mustImport(t, db, StagedFeed(t, "s", 300, "first")); rep.Created != 300 || rep.Updated+rep.Unchanged != 0 {
		t.Fatalf("first import = %+v, want 300 created", rep)
	}
	s, err := db.Service(ctx, "s-7")
	if err != nil || s.Organization.ID != "org-7" || len(s.Locations) != 1 || s.Locations[0].Location.ID != "venue-7" ||
		!strings.HasSuffix(s.Description, " first") {
		t.Fatalf("an imported service = %+v, %v", s, err)
	}
	seq, _ := db.LastChangeSeq(ctx)
	before := Snapshot(t, db)
	if rep := mustImport(t, db, StagedFeed(t, "s", 300, "first")); rep.Unchanged != 300 || rep.Created+rep.Updated != 0 {
		t.Errorf("the same file again = %+v, want 300 unchanged", rep)
	}
	if after := Snapshot(t, db); after != before {
		t.Errorf("importing the same file again changed the store")
	}
	if rep := mustImport(t, db, StagedFeed(t, "s", 310, "second")); rep.Updated != 300 || rep.Created != 10 {
		t.Errorf("an edited file = %+v, want 300 updated and 10 created", rep)
	}
	if s, _ := db.Service(ctx, "s-7"); !strings.HasSuffix(s.Description, " second") {
		t.Errorf("after the edited file: %q", s.Description)
	}
	if after, _ := db.LastChangeSeq(ctx); after < seq+310 {
		t.Errorf("the change log moved from %d to %d; want a change for each of 310 services", seq, after)
	}
}

// A failed import (a bad record, a cancelled run, a location link taken
// from a service the file does not change) leaves the store as it was.
func failedImportChangesNothing(t *testing.T, open Reopener[ImportStore]) {
	withBad := func(feed []byte) []byte {
		return append(feed[:bytes.LastIndexByte(feed, ']')], []byte(`,{"id": "bad", "name": "", "status": "active"}]`)...)
	}
	tests := []struct {
		name     string
		feed     []byte
		cancelAt int // cancel the context after this many services are put
		want     string
	}{
		{"bad record at the end", withBad(StagedFeed(t, "s", 600, "second")), 0, `record 601 (id "bad")`},
		{"cancelled midway", StagedFeed(t, "s", 600, "second"), 400, "context canceled"},
		{"location link taken from another service", []byte(`[{"id": "new", "name": "New", "status": "active",
			"service_at_locations": [{"id": "s-3-at-0", "location": {"id": "venue-3", "location_type": "physical"}}]}]`), 0,
			`record 1 (id "new"): field "service_at_locations[0].id": "s-3-at-0" is already used by service "s-3"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := open(t)()
			mustImport(t, db, StagedFeed(t, "s", 300, "first"))
			before := Snapshot(t, db)

			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			imp, err := db.BeginImport(ctx)
			if err != nil {
				t.Fatal(err)
			}
			w := &hookWriter{Writer: imp, hook: func(n int) {
				if n == tt.cancelAt {
					cancel()
				}
			}}
			_, err = (&hsds.Importer{}).Import(ctx, bytes.NewReader(tt.feed), w)
			if err == nil {
				err = imp.Commit(ctx)
			}
			if err == nil || !strings.Contains(directory.MessageOrError(err), tt.want) {
				t.Fatalf("import error = %v, want one containing %q", err, tt.want)
			}
			if err := imp.Discard(); err != nil {
				t.Fatal(err)
			}
			if after := Snapshot(t, db); after != before {
				t.Errorf("the failed import changed the store")
			}
			// What it staged is gone: the same file imports as before.
			if rep := mustImport(t, db, StagedFeed(t, "s", 300, "first")); rep.Unchanged != 300 {
				t.Errorf("the first file again after the failure = %+v, want 300 unchanged", rep)
			}
		})
	}
}

// hookWriter wraps a staged import and calls hook after each service put.
type hookWriter struct {
	hsds.Writer
	n    int
	hook func(n int)
}

func (w *hookWriter) PutService(ctx context.Context, s *directory.Service) (bool, bool, error) {
	created, changed, err := w.Writer.PutService(ctx, s)
	if err == nil {
		w.n++
		w.hook(w.n)
	}
	return created, changed, err
}

// A service-at-location id may move from one service to another when the
// file changes the first one earlier, as in one transaction.
func importMovesLocationLink(t *testing.T, db ImportStore) {
	ctx := context.Background()
	mustImport(t, db, StagedFeed(t, "s", 3, ""))
	feed := `[{"id": "s-1", "name": "Moved away", "status": "active"},
		{"id": "new", "name": "New", "status": "active",
		 "service_at_locations": [{"id": "s-1-at-0", "location": {"id": "venue-1", "location_type": "physical"}}]}]`
	mustImport(t, db, []byte(feed))
	s, err := db.Service(ctx, "new")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Locations) != 1 || s.Locations[0].ID != "s-1-at-0" {
		t.Errorf("new service's locations = %+v, want s-1-at-0", s.Locations)
	}
	if s, _ := db.Service(ctx, "s-1"); len(s.Locations) != 0 {
		t.Errorf("s-1 kept its locations: %+v", s.Locations)
	}
}

// FeedServiceIDs lists the listed services whose ids the feed namespaces.
func feedServiceIDs(t *testing.T, db ImportStore) {
	ctx := context.Background()
	var feed []*directory.Service
	for _, c := range []struct {
		feed, id string
		status   directory.Status
	}{
		{"camden", "b", directory.StatusActive},
		{"camden", "a", directory.StatusTemporarilyClosed},
		{"camden", "gone", directory.StatusDefunct},
		{"camden-north", "c", directory.StatusActive},
		{"leeds", "d", directory.StatusActive},
	} {
		feed = append(feed, &directory.Service{ID: directory.FeedID(c.feed, c.id), Name: c.id, Status: c.status})
	}
	feed = append(feed, &directory.Service{ID: "camden", Name: "not from a feed", Status: directory.StatusActive})
	mustImport(t, db, hsdsFeed(t, feed))
	got, err := db.FeedServiceIDs(ctx, "camden")
	want := []string{directory.FeedID("camden", "a"), directory.FeedID("camden", "b")}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("FeedServiceIDs(camden) = %q, %v; want %q", got, err, want)
	}
	if got, err := db.FeedServiceIDs(ctx, "nowhere"); err != nil || len(got) != 0 {
		t.Errorf("FeedServiceIDs(nowhere) = %q, %v", got, err)
	}
}
