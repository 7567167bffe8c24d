package public_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/linkway/linkway/internal/webtest"
)

type searchJSON struct {
	Total   int `json:"total"`
	Page    int `json:"page"`
	PerPage int `json:"per_page"`
	Results []struct {
		ID           string   `json:"id"`
		Name         string   `json:"name"`
		Organization string   `json:"organization"`
		Summary      string   `json:"summary"`
		DistanceKm   *float64 `json:"distance_km"`
		NextSession  string   `json:"next_session"`
		Cost         string   `json:"cost"`
	} `json:"results"`
	Facets map[string][]struct {
		Value string `json:"value"`
		Count int    `json:"count"`
	} `json:"facets"`
	Error string `json:"error"`
}

func apiSearch(tb testing.TB, h http.Handler, query string) (int, searchJSON) {
	tb.Helper()
	resp := webtest.Get(tb, h, "/api/v1/search?"+query)
	var out searchJSON
	b := webtest.Body(tb, resp)
	if err := json.Unmarshal([]byte(b), &out); err != nil {
		tb.Fatalf("GET /api/v1/search?%s: %d, not JSON: %v\n%s", query, resp.StatusCode, err, b)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		tb.Errorf("Content-Type = %q", ct)
	}
	return resp.StatusCode, out
}

func resultIDs(s searchJSON) []string {
	var ids []string
	for _, r := range s.Results {
		ids = append(ids, r.ID)
	}
	sort.Strings(ids)
	return ids
}

// The directory in ../../indexer/testdata has services in Headingley (LS6),
// the city centre (LS1, about 3 km away) and Garforth (about 19 km).
const searchFixture = "../../indexer/testdata/directory.json"

func TestSearchAPIFilters(t *testing.T) {
	srv := webtest.NewWith(t, webtest.Options{Feed: searchFixture}).Server
	tests := []struct {
		name  string
		query string
		want  []string
	}{
		{"words", "q=bailiffs", []string{"debt-city"}},
		{"postcode and radius", "postcode=LS6+3HN&radius_km=1.5", []string{"lunch-60", "walk-hd", "youth"}},
		{"lat and lon and radius", "lat=53.819&lon=-1.578&radius_km=1", []string{"lunch-60", "walk-hd", "youth"}},
		{"category", "category=walking-groups", []string{"walk-gf", "walk-hd"}},
		{"categories repeat", "category=walking-groups&category=debt-advice", []string{"debt-city", "walk-gf", "walk-hd"}},
		{"day", "day=friday", []string{"befriend", "lunch-60"}},
		{"day and time", "day=tuesday&time=13:30", []string{"befriend", "punjabi"}},
		{"online", "online=true", []string{"online-choir"}},
		{"age", "age=15&lat=53.819&lon=-1.578&radius_km=1", []string{"walk-hd", "youth"}},
		{"wheelchair", "accessible=wheelchair", []string{"debt-city"}},
		{"language", "language=pa", []string{"punjabi"}},
		{"temporarily closed only when asked", "category=dementia-support", nil},
		{"temporarily closed when asked", "category=dementia-support&include_closed=true", []string{"paused"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, got := apiSearch(t, srv, tt.query)
			if code != 200 {
				t.Fatalf("status %d: %s", code, got.Error)
			}
			if ids := resultIDs(got); !slices.Equal(ids, tt.want) {
				t.Errorf("results = %v, want %v", ids, tt.want)
			}
			if got.Total != len(tt.want) {
				t.Errorf("total = %d, want %d", got.Total, len(tt.want))
			}
		})
	}
}

// TestSearchAPIFreeOnly: the paid lunch club is found by its kind, and
// not once only free services are asked for. (Which other services the
// classifier also counts as lunch clubs is its business.)
func TestSearchAPIFreeOnly(t *testing.T) {
	srv := webtest.NewWith(t, webtest.Options{Feed: searchFixture}).Server
	_, all := apiSearch(t, srv, "category=lunch-clubs")
	if !slices.Contains(resultIDs(all), "lunch-60") {
		t.Fatalf("category=lunch-clubs found %v, want the paid lunch-60 among them", resultIDs(all))
	}
	_, free := apiSearch(t, srv, "free=true&category=lunch-clubs")
	for _, r := range free.Results {
		if r.ID == "lunch-60" || r.Cost != "free" {
			t.Errorf("free=true found %s, which costs %q", r.ID, r.Cost)
		}
	}
}

func TestSearchAPIEverydayWords(t *testing.T) {
	srv := webtest.NewWith(t, webtest.Options{Feed: searchFixture}).Server
	code, got := apiSearch(t, srv, "q="+url.QueryEscape("I feel lonely since my wife died"))
	if code != 200 || len(got.Results) == 0 || got.Results[0].ID != "befriend" {
		t.Errorf("status %d, results %v: want befriending first", code, resultIDs(got))
	}
}

func TestSearchAPIShape(t *testing.T) {
	srv := webtest.NewWith(t, webtest.Options{Feed: searchFixture}).Server
	code, got := apiSearch(t, srv, "q=walk&postcode=ls63hn&per_page=1&sort=distance")
	if code != 200 {
		t.Fatalf("status %d: %s", code, got.Error)
	}
	if got.Page != 1 || got.PerPage != 1 || got.Total != 2 || len(got.Results) != 1 {
		t.Fatalf("page %d per_page %d total %d results %d", got.Page, got.PerPage, got.Total, len(got.Results))
	}
	r := got.Results[0]
	if r.ID != "walk-hd" || r.Name == "" || r.Organization == "" || r.Summary == "" || r.Cost != "free" {
		t.Errorf("first result = %+v", r)
	}
	if r.DistanceKm == nil || *r.DistanceKm > 1 {
		t.Errorf("distance_km = %v, want under 1 km", r.DistanceKm)
	}
	if r.NextSession == "" {
		t.Error("no next_session")
	}
	for _, f := range []string{"category", "cost", "attending", "distance"} {
		if _, ok := got.Facets[f]; !ok {
			t.Errorf("no %s facet", f)
		}
	}
	// Without a place there is no distance.
	_, got = apiSearch(t, srv, "q=walk")
	for _, r := range got.Results {
		if r.DistanceKm != nil {
			t.Errorf("%s has distance_km without a place", r.ID)
		}
	}
}

func TestSearchAPIBadRequests(t *testing.T) {
	srv := webtest.NewWith(t, webtest.Options{Feed: searchFixture}).Server
	tests := []struct{ query, want string }{
		{"postcode=ZZ99+9ZZ", "ZZ99 9ZZ"},
		{"postcode=LS6", ""}, // an outcode is fine
		{"postcode=hello", "does not look like a postcode"},
		{"postcode=LS6+3HN&radius_km=0", "radius_km"},
		{"postcode=LS6+3HN&radius_km=500", "radius_km"},
		{"postcode=LS6+3HN&radius_km=far", "radius_km"},
		{"radius_km=5", "radius_km needs a postcode"},
		{"lat=53.8", "both lat and lon"},
		{"lat=91&lon=0", "lat must be"},
		{"lat=x&lon=y", "lat must be"},
		{"day=someday", "day must be"},
		{"time=25:00", "time must be"},
		{"time=teatime", "time must be"},
		{"free=maybe", "free must be true or false"},
		{"online=2", "online must be true or false"},
		{"age=-1", "age must be"},
		{"age=old", "age must be"},
		{"accessible=jetpack", "accessible must be"},
		{"category=no-such-kind", "not a kind of support"},
		{"sort=random", "sort must be"},
		{"sort=distance", "sort=distance needs"},
		{"page=0", "page must be"},
		{"page=99", "beyond the end"},
		{"per_page=1000", "per_page must be"},
		{"q=" + strings.Repeat("a", 501), "too long"},
	}
	for _, tt := range tests {
		t.Run(tt.query[:min(len(tt.query), 40)], func(t *testing.T) {
			code, got := apiSearch(t, srv, tt.query)
			if tt.want == "" {
				if code != 200 {
					t.Errorf("status %d (%s), want 200", code, got.Error)
				}
				return
			}
			if code != http.StatusBadRequest || !strings.Contains(got.Error, tt.want) {
				t.Errorf("status %d, error %q; want 400 with %q", code, got.Error, tt.want)
			}
		})
	}
}

func TestSearchPage(t *testing.T) {
	srv := webtest.NewWith(t, webtest.Options{Feed: searchFixture}).Server
	resp := webtest.Get(t, srv, "/search?q=walk&postcode=LS6+3HN&radius_km=25")
	b := webtest.Body(t, resp)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	for _, want := range []string{"2 results near LS6 3HN", "Headingley Health Walk", "Garforth Walking Group", "Distance", " km", `value="walk"`, `id="map-data"`, "Next session"} {
		if !strings.Contains(b, want) {
			t.Errorf("search page lacks %q", want)
		}
	}
	// A bad parameter keeps what was typed and says what is wrong.
	resp = webtest.Get(t, srv, "/search?q=walk&postcode=ZZ99+9ZZ")
	b = webtest.Body(t, resp)
	if resp.StatusCode != 400 || !strings.Contains(b, `value="walk"`) || !strings.Contains(b, "ZZ99 9ZZ") || !strings.Contains(b, `role="alert"`) {
		t.Errorf("bad postcode: status %d, page keeps words and shows the error? %s", resp.StatusCode, b)
	}
}

// TestSearchPageAlsoLookedFor checks that "We also looked for" names the
// kinds of support the words were read as, never the words as typed: a
// search for "debt" that says it also looked for "debt" tells the person
// nothing, and reads as if the site did not listen.
func TestSearchPageAlsoLookedFor(t *testing.T) {
	srv := webtest.NewWith(t, webtest.Options{Feed: searchFixture}).Server
	also := regexp.MustCompile(`We also looked for: ([^<]*)\.</p>`)
	for _, tt := range []struct {
		q, want, notWant string
	}{
		{q: "debt", want: "Debt advice", notWant: "debt"},
		{q: "debt advice", notWant: "Debt advice"},
		{q: "befriending", notWant: "Befriending"},
		{q: "lonely", want: "Befriending", notWant: "lonely"},
	} {
		b := webtest.Body(t, webtest.Get(t, srv, "/search?q="+url.QueryEscape(tt.q)))
		m := also.FindStringSubmatch(b)
		said := ""
		if m != nil {
			said = m[1]
		}
		if tt.want != "" && !strings.Contains(said, tt.want) {
			t.Errorf("%q: we also looked for %q, want %q in it", tt.q, said, tt.want)
		}
		if strings.Contains(said, tt.notWant) || strings.Contains(said, "“") {
			t.Errorf("%q: we also looked for %q, which repeats what was typed", tt.q, said)
		}
	}
	b := webtest.Body(t, webtest.Get(t, srv, "/search?q="+url.QueryEscape("lonely but I'm not one for coffee mornings")))
	if !strings.Contains(b, "We left out what you said no to: “coffee mornings”.") {
		t.Errorf("the page does not say the refused phrase was left out:\n%s", also.FindString(b))
	}
}
