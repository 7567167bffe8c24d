package public_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/linkway/linkway/internal/webtest"
)

type serviceJSON struct {
	ID         string   `json:"id"`
	Categories []string `json:"categories"`
	Kinds      []struct {
		ID         string   `json:"id"`
		Name       string   `json:"name"`
		Source     string   `json:"source"`
		Confidence float64  `json:"confidence"`
		Why        []string `json:"why"`
	} `json:"kinds"`
	FeedTerms []struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"feed_terms"`
	Error string `json:"error"`
}

// apiService is GET /api/v1/services/{id}.
func apiService(tb testing.TB, h http.Handler, id string) (int, serviceJSON) {
	tb.Helper()
	resp := webtest.Get(tb, h, "/api/v1/services/"+id)
	var out serviceJSON
	if b := webtest.Body(tb, resp); json.Unmarshal([]byte(b), &out) != nil {
		tb.Fatalf("GET /api/v1/services/%s: %d, not JSON:\n%s", id, resp.StatusCode, b)
	}
	return resp.StatusCode, out
}

func apiKindIDs(tb testing.TB, h http.Handler, id string) []string {
	tb.Helper()
	_, s := apiService(tb, h, id)
	var ids []string
	for _, k := range s.Kinds {
		ids = append(ids, k.ID)
	}
	return ids
}

// TestImportedFeedTermsOnlyGetKinds: a service from a 211-style feed
// that carries only its own terms is given Linkway's kinds, inferred from
// its words and its terms' names; it is found by a kind in the search API
// and counted in the kind facet, its feed's own code still filters, and
// the API and the service page say where each kind came from.
func TestImportedFeedTermsOnlyGetKinds(t *testing.T) {
	srv := webtest.NewWith(t, webtest.Options{Feed: "testdata/feed-vocabulary-only.json"}).Server
	code, svc := apiService(t, srv, "miami-lunch")
	if code != http.StatusOK || len(svc.Kinds) == 0 {
		t.Fatalf("GET /api/v1/services/miami-lunch: %d, kinds %+v: want some", code, svc.Kinds)
	}
	k := svc.Kinds[0]
	if k.Source != "inferred" || k.Name == "" || k.Name == k.ID || len(k.Why) == 0 || k.Confidence <= 0 || k.Confidence > 1 {
		t.Errorf("first kind %+v: want an inferred kind with its name, words and a confidence", k)
	}
	if len(svc.FeedTerms) != 1 || svc.FeedTerms[0].Name != "Lunch Club" || !slices.Contains(svc.Categories, "t-lunch") {
		t.Errorf("feed terms %+v, categories %v: want the feed's Lunch Club kept beside the kinds", svc.FeedTerms, svc.Categories)
	}

	_, byKind := apiSearch(t, srv, "category="+k.ID+"&facets=true")
	if ids := resultIDs(byKind); !slices.Equal(ids, []string{"miami-lunch"}) {
		t.Errorf("category=%s found %v, want miami-lunch", k.ID, ids)
	}
	counted := false
	for _, f := range byKind.Facets["category"] {
		counted = counted || f.Value == k.ID && f.Count == 1
		if f.Value == "t-lunch" {
			t.Errorf("the kind facet counts the feed's own term: %+v", byKind.Facets["category"])
		}
	}
	if !counted {
		t.Errorf("kind facet %+v does not count miami-lunch under %s", byKind.Facets["category"], k.ID)
	}
	if _, byCode := apiSearch(t, srv, "category=lunch-club"); !slices.Equal(resultIDs(byCode), []string{"miami-lunch"}) {
		t.Errorf("the feed's code lunch-club found %v, want miami-lunch", resultIDs(byCode))
	}

	page := webtest.Body(t, webtest.Get(t, srv, "/services/miami-lunch"))
	want := "Kinds of support: " + k.Name + " (inferred from ‘" + k.Why[0] + "’"
	if !strings.Contains(page, want) {
		t.Errorf("service page lacks %q", want)
	}
	home := webtest.Body(t, webtest.Get(t, srv, "/"))
	if !strings.Contains(home, `href="/browse/`+k.ID+`"`) {
		t.Errorf("home page does not offer the inferred kind %s to browse", k.ID)
	}
	browse := webtest.Body(t, webtest.Get(t, srv, "/browse/"+k.ID))
	if !strings.Contains(browse, "Tuesday Lunch") {
		t.Errorf("/browse/%s does not list Tuesday Lunch", k.ID)
	}

	if code, _ := apiService(t, srv, "no-such-service"); code != http.StatusNotFound {
		t.Errorf("GET /api/v1/services/no-such-service: %d, want 404", code)
	}
}
