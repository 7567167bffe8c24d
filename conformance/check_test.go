package conformance

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// exampleFeed is an ORUK 3.0 API made from the UK profile's published
// examples (testdata/openreferral), with each collection holding copies
// of its example under new ids, served two to a page.
type exampleFeed struct {
	perPage int
	// lists holds each collection's list form and full form by path.
	lists map[string][]map[string]any
	full  map[string]map[string]map[string]any
	// What to break.
	ignorePage  bool // every page answers as page 1
	badTotal    bool // total_pages one too many
	noServiceID bool // /services/{id} is missing
}

// readExample reads one UK example; list examples give their first item.
func readExample(tb testing.TB, name string) map[string]any {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "openreferral", "oruk-3.0-uk-profile-examples", name))
	if err != nil {
		tb.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	if c, ok := v["contents"].([]any); ok {
		return c[0].(map[string]any)
	}
	return v
}

// withID returns a deep copy of v whose id is id.
func withID(tb testing.TB, v map[string]any, id string) map[string]any {
	tb.Helper()
	b, _ := json.Marshal(v)
	var c map[string]any
	if err := json.Unmarshal(b, &c); err != nil {
		tb.Fatal(err)
	}
	c["id"] = id
	return c
}

func newExampleFeed(tb testing.TB) *exampleFeed {
	f := &exampleFeed{perPage: 2, lists: map[string][]map[string]any{}, full: map[string]map[string]map[string]any{}}
	for _, c := range []struct {
		path, list, full string
		n                int
	}{
		{"/services", "service_list.json", "service_full.json", 5},
		{"/service_at_locations", "service_at_location_list.json", "service_at_location_full.json", 3},
		{"/organizations", "organization_list.json", "organization_full.json", 2},
		{"/taxonomies", "taxonomy_list.json", "taxonomy.json", 1},
		{"/taxonomy_terms", "taxonomy_term_list.json", "taxonomy_term.json", 4},
	} {
		list, full := readExample(tb, c.list), readExample(tb, c.full)
		f.full[c.path] = map[string]map[string]any{}
		for i := range c.n {
			id := fmt.Sprintf("3f1c2a9e-0000-4000-8000-%012d", i+1)
			f.lists[c.path] = append(f.lists[c.path], withID(tb, list, id))
			f.full[c.path][id] = withID(tb, full, id)
		}
	}
	return f
}

func (f *exampleFeed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	p := strings.TrimPrefix(r.URL.Path, "/api")
	if p == "/" {
		json.NewEncoder(w).Encode(map[string]string{
			"version":     "HSDS-UK-3.0",
			"profile":     "https://github.com/OpenReferralUK/uk-profile",
			"openapi_url": "https://example.org/openapi.json",
		})
		return
	}
	if items, ok := f.lists[p]; ok {
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		if page < 1 || f.ignorePage {
			page = 1
		}
		pages := (len(items) + f.perPage - 1) / f.perPage
		start, end := min((page-1)*f.perPage, len(items)), min(page*f.perPage, len(items))
		total := pages
		if f.badTotal {
			total++
		}
		json.NewEncoder(w).Encode(map[string]any{
			"total_items": len(items), "total_pages": total, "page_number": page,
			"size": end - start, "first_page": page == 1, "last_page": page >= total,
			"empty": len(items) == 0, "contents": items[start:end],
		})
		return
	}
	dir, id := p[:strings.LastIndex(p, "/")], p[strings.LastIndex(p, "/")+1:]
	if obj, ok := f.full[dir][id]; ok && !(f.noServiceID && dir == "/services") {
		json.NewEncoder(w).Encode(obj)
		return
	}
	w.WriteHeader(http.StatusNotFound)
	w.Write([]byte(`{"code":404,"message":"not found"}`))
}

func mustCheck(tb testing.TB, h http.Handler, path string) *Report {
	tb.Helper()
	srv := httptest.NewServer(h)
	tb.Cleanup(srv.Close)
	c, err := NewChecker()
	if err != nil {
		tb.Fatal(err)
	}
	rep, err := c.Check(context.Background(), srv.URL+path)
	if err != nil {
		tb.Fatal(err)
	}
	return rep
}

func reportText(tb testing.TB, rep *Report) string {
	var b strings.Builder
	if err := rep.WriteText(&b); err != nil {
		tb.Fatal(err)
	}
	return b.String()
}

func TestExampleFeedPasses(t *testing.T) {
	rep := mustCheck(t, newExampleFeed(t), "/api")
	text := reportText(t, rep)
	if !rep.Passed {
		t.Fatalf("a feed of the standard's own examples failed:\n%s", text)
	}
	for _, r := range rep.Results {
		if r.Status != Pass {
			t.Errorf("%s: %s, want pass", r.Name, r.Status)
		}
	}
	// Five services two to a page: pages 1, 2 (the middle) and 3 (the last).
	if !strings.Contains(text, "5 items in 3 pages; pages 1, 2, 3 checked") {
		t.Errorf("report does not say which pages of /services it read:\n%s", text)
	}
	if rep.Requests > 40 {
		t.Errorf("made %d requests, want a polite few", rep.Requests)
	}
}

// result returns the named result of rep.
func result(tb testing.TB, rep *Report, name string) Result {
	tb.Helper()
	for _, r := range rep.Results {
		if r.Name == name {
			return r
		}
	}
	tb.Fatalf("no check %q in %+v", name, rep.Results)
	return Result{}
}

// wantFailure fails unless the named check failed with a finding holding
// every one of parts.
func wantFailure(tb testing.TB, rep *Report, name string, parts ...string) {
	tb.Helper()
	r := result(tb, rep, name)
	if r.Status != Fail || rep.Passed {
		tb.Errorf("%s: %s (report passed %t), want fail", name, r.Status, rep.Passed)
	}
	for _, f := range r.Failures {
		text := f.URL + " " + f.Path + " " + f.Message
		found := true
		for _, p := range parts {
			found = found && strings.Contains(text, p)
		}
		if found {
			return
		}
	}
	tb.Errorf("%s: no failure mentions %q; got %+v", name, parts, r.Failures)
}

func TestBrokenFeedFails(t *testing.T) {
	t.Run("missing endpoint", func(t *testing.T) {
		f := newExampleFeed(t)
		f.noServiceID = true
		wantFailure(t, mustCheck(t, f, "/api"), "GET /services/{id}", "/services/3f1c2a9e-0000-4000-8000-000000000001", "404")
	})
	t.Run("no API at all", func(t *testing.T) {
		rep := mustCheck(t, http.NotFoundHandler(), "")
		wantFailure(t, rep, "GET /", "404")
		wantFailure(t, rep, "GET /services paging", "404")
	})
	t.Run("page ignored", func(t *testing.T) {
		f := newExampleFeed(t)
		f.ignorePage = true
		rep := mustCheck(t, f, "/api")
		wantFailure(t, rep, "GET /services paging", "page=2", "/page_number", "is 1, asked for page 2")
	})
	t.Run("total_pages wrong", func(t *testing.T) {
		f := newExampleFeed(t)
		f.badTotal = true
		wantFailure(t, mustCheck(t, f, "/api"), "GET /services paging", "/total_pages", "is 4, but 5 items at 2 a page make 3")
	})
	t.Run("object fails the schema", func(t *testing.T) {
		f := newExampleFeed(t)
		delete(f.lists["/services"][2], "name")
		f.full["/services"]["3f1c2a9e-0000-4000-8000-000000000001"]["status"] = "open all hours"
		rep := mustCheck(t, f, "/api")
		wantFailure(t, rep, "/services objects against the schemas", "page=2", "/contents/0", "name")
		wantFailure(t, rep, "/services/{id} objects against the schemas", "/status", "must be one of 'active'")
	})
	t.Run("not JSON", func(t *testing.T) {
		rep := mustCheck(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<!doctype html><title>Directory</title>"))
		}), "")
		wantFailure(t, rep, "GET /", "text/html", "not JSON")
	})
}

func TestMaxRequestsStopsTheCheck(t *testing.T) {
	srv := httptest.NewServer(newExampleFeed(t))
	t.Cleanup(srv.Close)
	var served atomic.Int64
	c, err := NewChecker()
	if err != nil {
		t.Fatal(err)
	}
	c.MaxRequests = 3
	c.Client.Transport = countingTransport{&served}
	rep, err := c.Check(context.Background(), srv.URL+"/api")
	if err != nil {
		t.Fatal(err)
	}
	if served.Load() != 3 || rep.Requests != 3 {
		t.Errorf("made %d requests (report says %d), want the limit of 3", served.Load(), rep.Requests)
	}
	if rep.Passed {
		t.Errorf("a check cut short by the request limit passed:\n%s", reportText(t, rep))
	}
}

type countingTransport struct{ n *atomic.Int64 }

func (t countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	t.n.Add(1)
	return http.DefaultTransport.RoundTrip(r)
}
