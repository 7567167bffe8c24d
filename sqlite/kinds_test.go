package sqlite_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/hsds"
	"github.com/linkway/linkway/internal/storetest"
	"github.com/linkway/linkway/sqlite"
)

var (
	walksV1, walksV2 = storetest.WalksV1, storetest.WalksV2
	kindIDs          = storetest.KindIDs
)

func TestEveryWritePathAssignsKinds(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	db.Kinds = walksV2

	// Straight through a transaction (org edits, the demo load).
	mustPut(t, db, &directory.Service{ID: "direct", Name: "Direct", Status: directory.StatusActive, Description: "A walk."})
	if got := kindIDs(mustService(t, db, "direct")); got != "walking" {
		t.Errorf("Tx.PutService: kinds %q, want walking", got)
	}
	// A staged import (files, URLs, feed sync).
	if _, err := stagedImport(ctx, db, &hsds.Importer{}, stagedFeed(t, "feed", 3, "")); err != nil {
		t.Fatal(err)
	}
	got := mustService(t, db, "feed-1")
	if kindIDs(got) != "befriending,walking" || got.Kinds[1].Source != directory.KindInferred || got.Kinds[1].Why[0] != "walk" {
		t.Errorf("staged import: kinds %+v, want befriending and walking, inferred from 'walk'", got.Kinds)
	}
	// Publishing an edit gives kinds from what the listing now says.
	edit := *got
	edit.Description = "Tea and cake."
	if _, err := db.Publish(ctx, &edit, 1, "edit"); err != nil {
		t.Fatal(err)
	}
	if got := kindIDs(mustService(t, db, "feed-1")); got != "befriending" {
		t.Errorf("published edit: kinds %q, want befriending", got)
	}
	// Re-importing the same feed: the kinds are part of what was stored,
	// so nothing is staged again.
	before := mustMaxSeq(t, db)
	if _, err := stagedImport(ctx, db, &hsds.Importer{}, stagedFeed(t, "feed", 3, "")); err != nil {
		t.Fatal(err)
	}
	if ids := mustChangedIDs(t, db, before); !slices.Equal(ids, []string{"feed-1"}) {
		t.Errorf("re-import changed %v, want only feed-1 (edited since)", ids)
	}
}

func TestReclassifyWhenTheModelChanges(t *testing.T) {
	ctx := context.Background()
	path := t.TempDir() + "/test.db"
	db := mustOpenAt(t, path)
	db.Kinds = walksV1
	if _, err := db.Reclassify(ctx, nil); err != nil { // records v1 on an empty directory
		t.Fatal(err)
	}
	if _, err := stagedImport(ctx, db, &hsds.Importer{}, stagedFeed(t, "w", 60, "")); err != nil {
		t.Fatal(err)
	}
	mustPut(t, db, &directory.Service{ID: "quiz", Name: "Quiz", Status: directory.StatusActive, Description: "A quiz night."})
	if _, err := db.SetServiceKinds(ctx, "w-7", []string{"arts"}, 1, "kinds corrected"); err != nil {
		t.Fatal(err)
	}
	if got := kindIDs(mustService(t, db, "w-3")); got != "physical-activity" {
		t.Fatalf("with v1: kinds %q, want physical-activity", got)
	}
	db.Close()

	db = mustOpenAt(t, path)
	db.Kinds = walksV2
	before := mustMaxSeq(t, db)
	var calls int
	changed, err := db.Reclassify(ctx, func(done, changed int) { calls++ })
	if err != nil {
		t.Fatal(err)
	}
	if changed != 59 || calls == 0 {
		t.Errorf("Reclassify changed %d (progress called %d times), want 59 of 61: not the corrected one nor the quiz", changed, calls)
	}
	if got := kindIDs(mustService(t, db, "w-3")); got != "befriending,walking" {
		t.Errorf("after reclassify: kinds %q, want befriending,walking", got)
	}
	if got := mustService(t, db, "w-7"); kindIDs(got) != "arts" || !got.Moderated() {
		t.Errorf("corrected listing: kinds %+v, want arts as moderated", got.Kinds)
	}
	ids := mustChangedIDs(t, db, before)
	if len(ids) != 59 || slices.Contains(ids, "w-7") || slices.Contains(ids, "quiz") {
		t.Errorf("change log after reclassify: %d entries (%v…), want 59 without w-7 or quiz", len(ids), ids[:min(3, len(ids))])
	}
	// Browsing by kind reads the reclassified kinds.
	if _, n, err := db.FindServices(ctx, directory.ServiceFilter{TermID: "befriending"}); err != nil || n != 59 {
		t.Errorf("FindServices(befriending) after reclassify: %d, %v; want 59", n, err)
	}
	if v, err := db.KindsVersion(ctx); err != nil || v != "v2" {
		t.Errorf("KindsVersion = %q, %v; want v2", v, err)
	}
	// The same model again has nothing to do.
	before = mustMaxSeq(t, db)
	if changed, err := db.Reclassify(ctx, nil); err != nil || changed != 0 || mustMaxSeq(t, db) != before {
		t.Errorf("second Reclassify changed %d, err %v; want nothing", changed, err)
	}
}

func TestModeratedKindsOverrideFeedAndModel(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	db.Kinds = walksV1
	feed := stagedFeed(t, "m", 2, "")
	if _, err := stagedImport(ctx, db, &hsds.Importer{}, feed); err != nil {
		t.Fatal(err)
	}
	v, err := db.SetServiceKinds(ctx, "m-0", []string{"arts", "befriending"}, 7, "kinds corrected")
	if err != nil {
		t.Fatal(err)
	}
	want := func(when, ids string, moderated bool) {
		t.Helper()
		got := mustService(t, db, "m-0")
		if kindIDs(got) != ids || got.Moderated() != moderated {
			t.Errorf("%s: kinds %+v, want %s (moderated %v)", when, got.Kinds, ids, moderated)
		}
	}
	want("corrected", "arts,befriending", true)
	versions, err := db.ServiceVersions(ctx, "m-0")
	if err != nil || len(versions) != 2 || versions[1].Version != v || kindIDs(versions[1].Content) != "arts,befriending" {
		t.Fatalf("versions after the correction: %d, %v; want the original and the corrected one", len(versions), err)
	}

	// The same feed again, and an edited one.
	if _, err := stagedImport(ctx, db, &hsds.Importer{}, feed); err != nil {
		t.Fatal(err)
	}
	want("same feed re-imported", "arts,befriending", true)
	if _, err := stagedImport(ctx, db, &hsds.Importer{}, stagedFeed(t, "m", 2, "Now with tea.")); err != nil {
		t.Fatal(err)
	}
	want("edited feed imported", "arts,befriending", true)
	// An editor's change, through a transaction.
	s := mustService(t, db, "m-0")
	s.Kinds = nil
	mustPut(t, db, s)
	want("put without kinds", "arts,befriending", true)
	// A new model.
	db.Kinds = walksV2
	if _, err := db.Reclassify(ctx, nil); err != nil {
		t.Fatal(err)
	}
	want("reclassified", "arts,befriending", true)
	// Back to automatic.
	if _, err := db.SetServiceKinds(ctx, "m-0", nil, 7, "kinds automatic"); err != nil {
		t.Fatal(err)
	}
	want("returned to automatic", "befriending,walking", false)
}

func TestOpenWithoutClassifierKeepsGivenKinds(t *testing.T) {
	db := mustOpenDB(t)
	s := &directory.Service{ID: "k", Name: "K", Status: directory.StatusActive,
		Kinds: []directory.ServiceKind{{ID: "arts", Source: directory.KindTagged, Confidence: 1}}}
	mustPut(t, db, s)
	if got := kindIDs(mustService(t, db, "k")); got != "arts" {
		t.Errorf("kinds %q, want arts as given", got)
	}
	var _ sqlite.Classifier = walksV1
}

func TestKindCountsAndFindServicesByKind(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	db.Kinds = walksV2
	err := db.InTx(ctx, func(tx *sqlite.Tx) error {
		return tx.PutTerms(ctx, []directory.Term{{ID: "walking", Name: "Walking"}, {ID: "befriending", Name: "Befriending"}})
	})
	if err != nil {
		t.Fatal(err)
	}
	// Three walks from a feed with its own term, one of them closed, and
	// a tea club the feed tagged with nothing.
	if _, err := stagedImport(ctx, db, &hsds.Importer{}, stagedFeed(t, "w", 3, "")); err != nil {
		t.Fatal(err)
	}
	closed := mustService(t, db, "w-2")
	closed.Status = directory.StatusInactive
	mustPut(t, db, closed, &directory.Service{ID: "tea", Name: "Tea club", Status: directory.StatusActive, Description: "Tea on Fridays."})

	counts, err := db.KindCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range counts {
		got = append(got, fmt.Sprintf("%s=%d", c.Name, c.Services))
	}
	// The feed's own term (physical-activity) is not one of the kinds.
	if want := "Befriending=3 Walking=2"; strings.Join(got, " ") != want {
		t.Errorf("KindCounts() = %q, want %q", strings.Join(got, " "), want)
	}

	for _, tt := range []struct{ term, want string }{
		{"befriending", "tea,w-0,w-1"},   // a kind given by the classifier
		{"physical-activity", "w-0,w-1"}, // the feed's own term
		{"walking", "w-0,w-1"},
	} {
		list, total, err := db.FindServices(ctx, directory.ServiceFilter{TermID: tt.term, Listed: true})
		var ids []string
		for _, s := range list {
			ids = append(ids, s.ID)
		}
		slices.Sort(ids)
		if err != nil || strings.Join(ids, ",") != tt.want || total != len(ids) {
			t.Errorf("FindServices(%s) = %v (total %d), %v; want %s", tt.term, ids, total, err, tt.want)
		}
	}
}
