package public_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/internal/webtest"
)

// A postcode and no words asks what is near: nearest first, not A–Z.
func TestSearchPostcodeAloneSortsByDistance(t *testing.T) {
	srv := webtest.NewWith(t, webtest.Options{Feed: searchFixture}).Server
	code, got := apiSearch(t, srv, "postcode=LS6+3HN&per_page=100")
	if code != 200 || len(got.Results) < 3 {
		t.Fatalf("status %d, %d results", code, len(got.Results))
	}
	last := -1.0
	for _, r := range got.Results {
		if r.DistanceKm == nil {
			continue // online and phone services come after every place
		}
		if *r.DistanceKm < last {
			t.Fatalf("%s at %.2f km comes after one at %.2f km: not nearest first", r.ID, *r.DistanceKm, last)
		}
		last = *r.DistanceKm
	}
	var shape struct {
		Sort string `json:"sort"`
	}
	b := webtest.Body(t, webtest.Get(t, srv, "/api/v1/search?postcode=LS6+3HN"))
	if err := json.Unmarshal([]byte(b), &shape); err != nil || shape.Sort != "distance" {
		t.Errorf("sort = %q (%v), want distance", shape.Sort, err)
	}
	// Words keep relevance first unless asked.
	b = webtest.Body(t, webtest.Get(t, srv, "/api/v1/search?q=walk&postcode=LS6+3HN"))
	if err := json.Unmarshal([]byte(b), &shape); err != nil || shape.Sort != "relevance" {
		t.Errorf("with words sort = %q (%v), want relevance", shape.Sort, err)
	}
}

func TestSearchSortByNextSession(t *testing.T) {
	srv := webtest.NewWith(t, webtest.Options{Feed: searchFixture}).Server
	code, got := apiSearch(t, srv, "sort=next&per_page=100")
	if code != 200 || len(got.Results) < 3 {
		t.Fatalf("status %d, %d results", code, len(got.Results))
	}
	var last time.Time
	sawNone := false
	for _, r := range got.Results {
		if r.NextSession == "" {
			sawNone = true
			continue
		}
		if sawNone {
			t.Fatalf("%s has a next session but comes after services with none", r.ID)
		}
		next, err := time.Parse(time.RFC3339, r.NextSession)
		if err != nil {
			t.Fatal(err)
		}
		if next.Before(last) {
			t.Fatalf("%s next meets %s, after one meeting %s: not soonest first", r.ID, next, last)
		}
		last = next
	}
	// Paging still works: page 2 of one per page is the second soonest.
	_, page2 := apiSearch(t, srv, "sort=next&per_page=1&page=2")
	if len(page2.Results) != 1 || page2.Results[0].ID != got.Results[1].ID {
		t.Errorf("page 2 = %v, want %s", resultIDs(page2), got.Results[1].ID)
	}
	code, bad := apiSearch(t, srv, "sort=next&per_page=100&page=3")
	if code != 400 || !strings.Contains(bad.Error, "first 200") {
		t.Errorf("beyond the window: %d %q", code, bad.Error)
	}
}

func TestSearchPageSortControlAndNothingFound(t *testing.T) {
	srv := webtest.NewWith(t, webtest.Options{Feed: searchFixture}).Server
	b := webtest.Body(t, webtest.Get(t, srv, "/search?postcode=LS6+3HN"))
	for _, want := range []string{`<label for="sort">Sort by</label>`, `<option value="distance" selected>Nearest first</option>`, `value="next"`} {
		if !strings.Contains(b, want) {
			t.Errorf("search page lacks %q", want)
		}
	}
	b = webtest.Body(t, webtest.Get(t, srv, "/search?q=xylophone+zeppelin"))
	if !strings.Contains(b, "Nothing matched") || !strings.Contains(b, `<ul class="browse-links">`) || !strings.Contains(b, `href="/browse/befriending"`) {
		t.Errorf("no-results page does not offer browsing by kind:\n%s", b)
	}
}

// A misspelt search says what it looked for instead, whether or not the
// corrected words found something; words spelt right get no suggestion.
func TestSearchDidYouMean(t *testing.T) {
	srv := webtest.NewWith(t, webtest.Options{Feed: searchFixture}).Server
	var got struct {
		Total      int    `json:"total"`
		DidYouMean string `json:"did_you_mean"`
	}
	b := webtest.Body(t, webtest.Get(t, srv, "/api/v1/search?q=befrendin"))
	if err := json.Unmarshal([]byte(b), &got); err != nil {
		t.Fatal(err)
	}
	if got.DidYouMean != "befriending" || got.Total == 0 {
		t.Errorf("q=befrendin: did_you_mean %q with %d results; want befriending and its results", got.DidYouMean, got.Total)
	}
	page := webtest.Body(t, webtest.Get(t, srv, "/search?q=befrendin"))
	if !strings.Contains(page, `Did you mean <a href="/search?q=befriending">befriending</a>?`) {
		t.Errorf("the search page does not offer the corrected words:\n%s", page)
	}
	got.DidYouMean = ""
	b = webtest.Body(t, webtest.Get(t, srv, "/api/v1/search?q=befriending"))
	if err := json.Unmarshal([]byte(b), &got); err != nil || got.DidYouMean != "" {
		t.Errorf("q=befriending: did_you_mean %q (%v), want none", got.DidYouMean, err)
	}
}
