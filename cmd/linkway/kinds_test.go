package main

import (
	"context"
	"encoding/json"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/linkway/linkway/data"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/kinds"
	"github.com/linkway/linkway/sqlite"
)

// noKinds is a classifier that gives no kinds: a model other than the
// shipped one, so that the next command finds the model changed.
type noKinds struct{}

func (noKinds) Assign(*directory.Service) []directory.ServiceKind { return nil }
func (noKinds) Version() string                                   { return "no kinds" }

// TestMiamiKindsThroughImportReclassifyAndServe imports the real Miami
// 211 package, whose services carry only the feed's own terms: they are
// given Linkway's kinds; an admin's correction survives a re-import of
// the same feed and a reclassification when the model changes; and the
// server finds a service by its inferred kind and by the feed's own code,
// counts it in the kind facet and says on its page where the kind came
// from.
func TestMiamiKindsThroughImportReclassifyAndServe(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 4,089 real services")
	}
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "data")
	const pkg = "../../testdata/open211-miami/datapackage.json"
	if _, stderr, err := runCmd(t, "import", "--data", dir, pkg); err != nil {
		t.Fatalf("import: %v\n%s", err, stderr)
	}

	// One service given a kind by inference from its words, and another
	// an admin corrects.
	db := mustOpenStore(t, dir, nil)
	var inferred, corrected *directory.Service
	err := db.EachService(ctx, 500, func(list []*directory.Service) error {
		for _, s := range list {
			switch {
			case inferred == nil && len(s.Kinds) > 0 && s.Kinds[0].Source == directory.KindInferred && len(s.Terms) > 0 && s.Listed():
				inferred = s
			case corrected == nil && len(s.Kinds) > 0 && s.Kinds[0].ID != "arts-and-crafts":
				corrected = s
			}
		}
		return nil
	})
	if err != nil || inferred == nil || corrected == nil {
		t.Fatalf("no Miami service with an inferred kind (%v)", err)
	}
	// The feed's terms are named by their 211 codes (PL-7000).
	kind, code := inferred.Kinds[0].ID, inferred.Terms[0].ID
	if _, err := db.SetServiceKinds(ctx, corrected.ID, []string{"arts-and-crafts"}, 0, "kinds corrected"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	// The same feed again changes nothing but the corrected listing's
	// publication date (the feed's own comes back); its kinds stay.
	stdout, stderr, err := runCmd(t, "import", "--data", dir, pkg)
	if err != nil || !strings.Contains(stdout, ": 0 new, 1 updated, 4088 unchanged") {
		t.Errorf("re-import: %v\n%s%s", err, stdout, stderr)
	}
	// Another model strips the kinds; the command after it finds the
	// shipped model changed and gives them again, leaving the correction.
	db = mustOpenStore(t, dir, noKinds{})
	if _, err := db.Reclassify(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if s := mustStoreService(t, db, inferred.ID); len(s.Kinds) != 0 {
		t.Fatalf("under a model that gives none: kinds %v", s.KindIDs())
	}
	db.Close()
	if _, stderr, err := runCmd(t, "reindex", "--data", dir); err != nil || !strings.Contains(stderr, "classifying kinds of support again") ||
		!strings.Contains(stderr, "classified 4089 services") {
		t.Errorf("reindex after a model change: %v\n%s", err, stderr)
	}
	db = mustOpenStore(t, dir, nil)
	if s := mustStoreService(t, db, inferred.ID); len(s.Kinds) == 0 || s.Kinds[0].ID != kind {
		t.Errorf("reclassified: kinds %v, want %s first again", s.KindIDs(), kind)
	}
	if s := mustStoreService(t, db, corrected.ID); !s.Moderated() || strings.Join(s.KindIDs(), ",") != "arts-and-crafts" {
		t.Errorf("the corrected service after a re-import and a reclassification: %+v", s.Kinds)
	}
	db.Close()

	base := mustServe(t, "--data", dir)
	words := url.QueryEscape(inferred.Name)
	for _, query := range []string{"category=" + kind, "category=" + url.QueryEscape(code)} {
		var ans struct {
			Results []struct {
				ID string `json:"id"`
			} `json:"results"`
			Facets map[string][]struct {
				Value string `json:"value"`
				Count int    `json:"count"`
			} `json:"facets"`
		}
		st, body := mustGet(t, base+"/api/v1/search?per_page=50&q="+words+"&"+query)
		if err := json.Unmarshal([]byte(body), &ans); st != 200 || err != nil {
			t.Fatalf("%s: %d %v\n%s", query, st, err, body)
		}
		if !slices.ContainsFunc(ans.Results, func(r struct {
			ID string `json:"id"`
		}) bool {
			return r.ID == inferred.ID
		}) {
			t.Errorf("%s with its name does not find %s", query, inferred.ID)
		}
		counted := slices.ContainsFunc(ans.Facets["category"], func(f struct {
			Value string `json:"value"`
			Count int    `json:"count"`
		}) bool {
			return f.Value == kind && f.Count > 0
		})
		if !counted {
			t.Errorf("%s: the kind facet %v does not count %s", query, ans.Facets["category"], kind)
		}
	}
	if _, page := mustGet(t, base+"/services/"+url.PathEscape(inferred.ID)); !strings.Contains(page, "(inferred from ‘") {
		t.Errorf("the service page does not say its kind was inferred")
	}
}

// mustOpenStore opens the store in dir as the commands do, with c as
// its classifier (nil: the shipped one).
func mustOpenStore(tb testing.TB, dir string, c sqlite.Classifier) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(filepath.Join(dir, "linkway.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	if c == nil {
		if c, err = kinds.Load(data.FS); err != nil {
			tb.Fatal(err)
		}
	}
	db.Kinds = c
	return db
}

func mustStoreService(tb testing.TB, db *sqlite.DB, id string) *directory.Service {
	tb.Helper()
	s, err := db.Service(context.Background(), id)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}
