package openreferral_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/ids"
	"github.com/linkway/linkway/internal/webtest"
	"github.com/linkway/linkway/sqlite"
	"github.com/linkway/linkway/web"
	"github.com/paulmach/orb"
)

// The site's directory: webtest's walk-1 (org-1, walking groups, 18+,
// Tuesdays at LS6 4LD), "money/advice 2" (org-2) and closed-3 (defunct),
// and these.
var (
	yoga = &directory.Service{
		ID: "yoga-kids", Name: "Kids Yoga", Status: directory.StatusActive, Description: "Stretch and breathe.",
		Organization: &directory.Organization{ID: "org-3", Name: "Bend Leeds", Description: "Yoga for all."},
		MinimumAge:   intp(5), MaximumAge: intp(11),
		LastModified: time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC),
		Terms:        []directory.Term{{ID: "yoga", Name: "Yoga", Taxonomy: "Other vocab", Code: "Y-1"}},
		Schedules:    []directory.Schedule{{ID: "yoga-sat", Freq: directory.Weekly, ByDay: "SA", Opens: "09:00", Closes: "10:00"}},
	}
	withdrawn = &directory.Service{ID: "withdrawn-4", Name: "Withdrawn Group", Status: directory.StatusInactive,
		Organization: &directory.Organization{ID: "org-gone", Name: "Gone Away Trust"}}
	refuge = &directory.Service{
		ID: "refuge-5", Name: "Women's Safe Space", Status: directory.StatusActive,
		Organization: &directory.Organization{ID: "org-3", Name: "Bend Leeds", Description: "Yoga for all."},
		Locations: []directory.ServiceAtLocation{{ID: "sal-refuge", Description: "Ring the blue door",
			Location: directory.Location{ID: "loc-refuge", Type: directory.Physical, Name: "Hidden House", Confidential: true,
				Point:     &orb.Point{-1.53, 53.82},
				Addresses: []directory.Address{{ID: "ad-refuge", Address1: "12 Secret Street", City: "Leeds", PostalCode: "LS7 3AB", Country: "GB", Type: "physical"}}}}},
	}
)

func intp(n int) *int { return &n }

// mustSite is a site with the directory above and a person on a
// caseload, whose name must never reach the API.
func mustSite(t *testing.T, configure func(*web.Config)) *webtest.Site {
	t.Helper()
	site := webtest.NewWith(t, webtest.Options{Configure: configure})
	ctx := context.Background()
	err := site.DB.InTx(ctx, func(tx *sqlite.Tx) error {
		for _, s := range []*directory.Service{yoga, withdrawn, refuge} {
			if _, _, err := tx.PutService(ctx, s); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	site.MustPerson(t, site.As(t, "north@example.org"), strings.Replace(webtest.AdaJSON, "Ada Lovelace", "Zebedee Casework-Person", 1))
	return site
}

// get asks the API for path and returns the status and body.
func get(t *testing.T, site *webtest.Site, path string, header ...string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, "/openreferral"+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	site.Server.ServeHTTP(rec, req)
	return rec.Result(), rec.Body.String()
}

type page struct {
	TotalItems int               `json:"total_items"`
	TotalPages int               `json:"total_pages"`
	PageNumber int               `json:"page_number"`
	Size       int               `json:"size"`
	FirstPage  bool              `json:"first_page"`
	LastPage   bool              `json:"last_page"`
	Empty      bool              `json:"empty"`
	Contents   []json.RawMessage `json:"contents"`
}

// mustPage asks for a list and decodes its envelope, failing unless 200.
func mustPage(t *testing.T, site *webtest.Site, path string) page {
	t.Helper()
	resp, body := get(t, site, path)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, resp.StatusCode, body)
	}
	var p page
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		t.Fatalf("GET %s: %v\n%s", path, err, body)
	}
	if p.Contents == nil {
		t.Errorf("GET %s: contents is not a list: %s", path, body)
	}
	return p
}

// idsOf returns the ids of a page's contents.
func idsOf(t *testing.T, p page) []string {
	t.Helper()
	var out []string
	for _, c := range p.Contents {
		var o struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(c, &o); err != nil {
			t.Fatal(err)
		}
		out = append(out, o.ID)
	}
	return out
}

func TestEveryEndpoint(t *testing.T) {
	site := mustSite(t, nil)
	_, root := get(t, site, "/")
	webtest.WantIn(t, "root", root, `"version":"3.0"`, `"profile":`, `"openapi_url":`)
	if _, bare := get(t, site, ""); bare != root {
		t.Errorf("the prefix without a slash: %s", bare)
	}

	services := mustPage(t, site, "/services")
	if got := strings.Join(idsOf(t, services), " "); got != "money/advice 2 refuge-5 walk-1 yoga-kids" {
		t.Errorf("/services ids = %s", got)
	}
	if services.TotalItems != 4 || services.TotalPages != 1 || services.PageNumber != 1 || services.Size != 4 || !services.FirstPage || !services.LastPage || services.Empty {
		t.Errorf("/services envelope = %+v", services)
	}
	// A list item has the one-to-one fields and the organisation only.
	webtest.WantIn(t, "list item", string(services.Contents[3]), `"id":"yoga-kids"`, `"name":"Kids Yoga"`, `"status":"active"`,
		`"minimum_age":5`, `"organization":{"id":"org-3"`)
	if strings.Contains(string(services.Contents[3]), "schedules") {
		t.Errorf("a list item nests its schedules: %s", services.Contents[3])
	}

	_, one := get(t, site, "/services/walk-1")
	webtest.WantIn(t, "/services/walk-1", one, `"id":"walk-1"`, `"service_at_locations":[`, `"postal_code":"LS6 4LD"`, `"organization":{`)
	// Ids are kept as imported, whatever they hold.
	_, slashed := get(t, site, "/services/"+url.PathEscape("money/advice 2"))
	webtest.WantIn(t, "an id with a slash", slashed, `"id":"money/advice 2"`)

	sal := mustPage(t, site, "/service_at_locations")
	if got := strings.Join(idsOf(t, sal), " "); got != "sal-1 sal-refuge" {
		t.Errorf("/service_at_locations ids = %s", got)
	}
	webtest.WantIn(t, "service_at_location item", string(sal.Contents[0]), `"service_id":"walk-1"`, `"location_id":"loc-1"`, `"location":{`, `"service":{"id":"walk-1"`)
	_, oneSal := get(t, site, "/service_at_locations/sal-1")
	webtest.WantIn(t, "/service_at_locations/sal-1", oneSal, `"id":"sal-1"`, `"location":{"id":"loc-1"`, `"service":{"id":"walk-1"`, `"schedules":[`)

	orgs := mustPage(t, site, "/organizations")
	if got := strings.Join(idsOf(t, orgs), " "); got != "org-1 org-2 org-3" {
		t.Errorf("/organizations ids = %s (an organisation with no listed service is not public)", got)
	}
	_, org := get(t, site, "/organizations/org-3")
	webtest.WantIn(t, "/organizations/org-3", org, `"id":"org-3"`, `"services":[`, `"id":"yoga-kids"`, `"id":"refuge-5"`)
	_, orgFull := get(t, site, "/organizations/org-3?full_service=true")
	webtest.WantIn(t, "full_service", orgFull, `"schedules":[`)

	taxonomies := mustPage(t, site, "/taxonomies")
	other := ids.Taxonomy("Other vocab")
	if !strings.Contains(strings.Join(idsOf(t, taxonomies), " "), other) {
		t.Errorf("/taxonomies lacks Other vocab (%s): %v", other, idsOf(t, taxonomies))
	}
	_, tax := get(t, site, "/taxonomies/"+other)
	webtest.WantIn(t, "/taxonomies/{id}", tax, `"name":"Other vocab"`, `"description":`)

	terms := mustPage(t, site, "/taxonomy_terms?taxonomy_id="+other)
	if got := strings.Join(idsOf(t, terms), " "); got != "yoga" {
		t.Errorf("/taxonomy_terms?taxonomy_id= ids = %s", got)
	}
	_, term := get(t, site, "/taxonomy_terms/yoga")
	webtest.WantIn(t, "/taxonomy_terms/yoga", term, `"id":"yoga"`, `"name":"Yoga"`, `"taxonomy":"Other vocab"`, `"taxonomy_id":"`+other+`"`)

	for _, path := range []string{"/services/nope", "/services/closed-3", "/service_at_locations/nope", "/organizations/nope",
		"/organizations/org-gone", "/taxonomies/nope", "/taxonomy_terms/nope", "/nope"} {
		resp, body := get(t, site, path)
		if resp.StatusCode != http.StatusNotFound || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") || !strings.Contains(body, `"error":`) {
			t.Errorf("GET %s: %d %s %s, want 404 with a JSON error", path, resp.StatusCode, resp.Header.Get("Content-Type"), body)
		}
	}
}

func TestPaging(t *testing.T) {
	site := mustSite(t, nil)
	first := mustPage(t, site, "/services?per_page=3")
	if first.TotalItems != 4 || first.TotalPages != 2 || first.Size != 3 || !first.FirstPage || first.LastPage || first.Empty {
		t.Errorf("page 1 of 2 = %+v", first)
	}
	last := mustPage(t, site, "/services?per_page=3&page=2")
	if last.PageNumber != 2 || last.Size != 1 || last.FirstPage || !last.LastPage || last.Empty {
		t.Errorf("page 2 of 2 = %+v", last)
	}
	if got := append(idsOf(t, first), idsOf(t, last)...); strings.Join(got, " ") != "money/advice 2 refuge-5 walk-1 yoga-kids" {
		t.Errorf("pages 1 and 2 = %v, want every service once", got)
	}
	past := mustPage(t, site, "/services?per_page=3&page=999999")
	if past.Size != 0 || !past.Empty || past.TotalItems != 4 || !past.LastPage || len(past.Contents) != 0 {
		t.Errorf("a page past the end = %+v, want empty", past)
	}
	none := mustPage(t, site, "/services?organization_id=nobody")
	if none.TotalItems != 0 || none.TotalPages != 0 || !none.Empty || !none.FirstPage || !none.LastPage {
		t.Errorf("no results = %+v", none)
	}
	if big := mustPage(t, site, "/services?per_page=5000"); big.Size != 4 || big.TotalPages != 1 {
		t.Errorf("per_page past the limit = %+v, want served at the limit", big)
	}
	for _, q := range []string{"page=0", "page=-1", "page=two", "page=1000001", "per_page=0", "per_page=-5", "per_page=x",
		"minimal=perhaps", "format=xml", "minimum_age=old", "modified_after=yesterday", "day=Funday", "start_time=25:00"} {
		resp, body := get(t, site, "/services?"+q)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, `"error":`) {
			t.Errorf("?%s: %d %s, want 400 with a JSON error", q, resp.StatusCode, body)
		}
	}
	for _, q := range []string{"proximity=1000", "postcode=LS6%204LD&proximity=far", "postcode=ZZ99%209ZZ"} {
		if resp, body := get(t, site, "/service_at_locations?"+q); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("/service_at_locations?%s: %d %s, want 400", q, resp.StatusCode, body)
		}
	}
	// A search alone is paged by the index.
	s1, s2 := mustPage(t, site, "/services?search=yoga&per_page=1"), mustPage(t, site, "/services?search=yoga&per_page=1&page=2")
	if s1.TotalItems != 2 || s1.TotalPages != 2 || s1.Size != 1 || s2.Size != 1 || !s2.LastPage || idsOf(t, s1)[0] == idsOf(t, s2)[0] {
		t.Errorf("search pages = %+v %v, %+v %v", s1, idsOf(t, s1), s2, idsOf(t, s2))
	}
	terms := mustPage(t, site, "/taxonomy_terms?per_page=1&page=2")
	if terms.Size != 1 || terms.PageNumber != 2 || terms.TotalItems < 2 {
		t.Errorf("terms page 2 = %+v", terms)
	}
}

func TestFilters(t *testing.T) {
	site := mustSite(t, nil)
	tests := []struct {
		query string
		want  string
	}{
		{"organization_id=org-3", "refuge-5 yoga-kids"},
		{"taxonomy_term_id=yoga", "yoga-kids"},
		{"taxonomy_term_id=Y-1", "yoga-kids"}, // a term's code
		{"taxonomy_id=" + ids.Taxonomy("Other vocab"), "yoga-kids"},
		{"taxonomy_id=Other%20vocab", "yoga-kids"},
		{"modified_after=2026-10-31T00:00:00Z", "yoga-kids"},
		{"modified_after=2026-11-02", ""},
		{"minimum_age=5", "walk-1 yoga-kids"},
		{"minimum_age=6", "walk-1"},
		{"maximum_age=11", "yoga-kids"},
		{"maximum_age=10", ""},
		{"day=TU", "walk-1"},
		{"day=saturday", "yoga-kids"},
		{"day=SA&start_time=09:00&end_time=10:00", "yoga-kids"},
		{"start_time=09:30", "walk-1"},
		{"end_time=10:30", "yoga-kids"},
		{"search=yoga&organization_id=org-3", "yoga-kids"},
		{"search=yoga&organization_id=org-2", ""},
		{"search=walk", "walk-1"},
	}
	for _, tt := range tests {
		p := mustPage(t, site, "/services?"+tt.query)
		// A filtered list's order is the store's (see sqlite.ListedServices).
		if got := strings.Join(slices.Sorted(slices.Values(idsOf(t, p))), " "); got != tt.want || p.TotalItems != len(idsOf(t, p)) {
			t.Errorf("/services?%s = %q (total %d), want %q", tt.query, got, p.TotalItems, tt.want)
		}
	}

	// A search lists the best match first (the index may add related
	// kinds of support after it).
	if got := idsOf(t, mustPage(t, site, "/services?search=yoga")); len(got) == 0 || got[0] != "yoga-kids" {
		t.Errorf("/services?search=yoga = %v, want yoga-kids first", got)
	}

	near := mustPage(t, site, "/service_at_locations?postcode=LS6%204LD&proximity=1000")
	if got := strings.Join(idsOf(t, near), " "); got != "sal-1" {
		t.Errorf("within 1 km of LS6 4LD = %q, want sal-1 (and never the confidential place)", got)
	}
	if far := mustPage(t, site, "/service_at_locations?postcode=LS1%201UR&proximity=500"); far.TotalItems != 0 {
		t.Errorf("within 500 m of LS1 1UR = %+v, want none", far)
	}

	minimal := mustPage(t, site, "/services?minimal=true&taxonomy_term_id=yoga")
	if got := string(minimal.Contents[0]); got != `{"id":"yoga-kids","last_modified":"2026-11-01T12:00:00Z"}` {
		t.Errorf("minimal = %s", got)
	}
	full := mustPage(t, site, "/services?full=true&taxonomy_term_id=yoga")
	webtest.WantIn(t, "full", string(full.Contents[0]), `"schedules":[{"id":"yoga-sat"`, `"attributes":[`)

	resp, body := get(t, site, "/services?format=ndjson&per_page=1")
	lines := strings.Split(strings.TrimSpace(body), "\n")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/x-ndjson" || len(lines) != 4 {
		t.Fatalf("ndjson: %d %s, %d lines, want every service without pages:\n%s", resp.StatusCode, resp.Header.Get("Content-Type"), len(lines), body)
	}
	for _, l := range lines {
		if !json.Valid([]byte(l)) || !strings.HasPrefix(l, `{"id":`) {
			t.Errorf("ndjson line: %s", l)
		}
	}
}

// TestOnlyPublicData: nothing unlisted, confidential or from casework
// reaches any endpoint, however it is asked for.
func TestOnlyPublicData(t *testing.T) {
	site := mustSite(t, nil)
	var all strings.Builder
	for _, path := range []string{"/services?per_page=1000", "/services?full=true", "/services?format=ndjson", "/services?search=group",
		"/services?search=safe%20space&full=true", "/service_at_locations?full=true", "/service_at_locations?postcode=LS7%203AB",
		"/services/refuge-5", "/service_at_locations/sal-refuge", "/organizations?full=true", "/organizations/org-3?full_service=true",
		"/taxonomy_terms?per_page=1000", "/taxonomies"} {
		_, body := get(t, site, path)
		all.WriteString(body)
	}
	out := all.String()
	for _, secret := range []string{"closed-3", "withdrawn-4", "Withdrawn Group", "org-gone", "Zebedee", "Casework-Person",
		"12 Secret Street", "Hidden House", "Ring the blue door", "LS7 3AB", "53.82"} {
		if strings.Contains(out, secret) {
			t.Errorf("the API shows %q", secret)
		}
	}
	// The confidential place is there, as its postcode district.
	webtest.WantIn(t, "confidential place", out, `"id":"sal-refuge"`, `"postal_code":"LS7"`)
}

func TestCORS(t *testing.T) {
	site := mustSite(t, nil)
	resp, _ := get(t, site, "/services", "Origin", "https://council.example.org")
	if resp.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("GET: Access-Control-Allow-Origin = %q", resp.Header.Get("Access-Control-Allow-Origin"))
	}
	req := httptest.NewRequest(http.MethodOptions, "/openreferral/services", nil)
	req.Header.Set("Origin", "https://council.example.org")
	req.Header.Set("Access-Control-Request-Method", "GET")
	rec := httptest.NewRecorder()
	site.Server.ServeHTTP(rec, req)
	h := rec.Result().Header
	if rec.Code != http.StatusNoContent || h.Get("Access-Control-Allow-Origin") != "*" || !strings.Contains(h.Get("Access-Control-Allow-Methods"), "GET") ||
		!strings.Contains(h.Get("Access-Control-Allow-Headers"), "If-None-Match") {
		t.Errorf("preflight: %d %v", rec.Code, h)
	}
	// The API is read-only.
	post := httptest.NewRequest(http.MethodPost, "/openreferral/services", strings.NewReader("{}"))
	rec = httptest.NewRecorder()
	site.Server.ServeHTTP(rec, post)
	if rec.Code != http.StatusMethodNotAllowed || !strings.Contains(rec.Body.String(), `"error":`) {
		t.Errorf("POST: %d %s, want 405 in JSON", rec.Code, rec.Body)
	}
}

func TestETag(t *testing.T) {
	site := mustSite(t, nil)
	resp, body := get(t, site, "/services?organization_id=org-3")
	tag := resp.Header.Get("ETag")
	if tag == "" || !strings.Contains(resp.Header.Get("Cache-Control"), "max-age") {
		t.Fatalf("no ETag or Cache-Control: %v", resp.Header)
	}
	if again, _ := get(t, site, "/services?organization_id=org-3", "If-None-Match", tag); again.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match the same tag: %d, want 304", again.StatusCode)
	}
	if other, _ := get(t, site, "/services?organization_id=org-1"); other.Header.Get("ETag") == tag {
		t.Error("another request has the same ETag")
	}
	if missing, _ := get(t, site, "/services/nope"); missing.Header.Get("ETag") != "" {
		t.Error("a 404 has an ETag")
	}
	// A change to the directory makes the old tag stale.
	changed := *yoga
	changed.Description = "Stretch, breathe and rest."
	err := site.DB.InTx(context.Background(), func(tx *sqlite.Tx) error {
		_, _, err := tx.PutService(context.Background(), &changed)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	after, newBody := get(t, site, "/services?organization_id=org-3", "If-None-Match", tag)
	if after.StatusCode != http.StatusOK || after.Header.Get("ETag") == tag || newBody == body {
		t.Errorf("after a change: %d with ETag %s, want 200 and a new tag", after.StatusCode, after.Header.Get("ETag"))
	}
}

func TestRateLimit(t *testing.T) {
	site := mustSite(t, func(c *web.Config) { c.OpenReferralRequestsPerMinute = 3 })
	for i := range 3 {
		if resp, body := get(t, site, "/services"); resp.StatusCode != http.StatusOK {
			t.Fatalf("request %d: %d %s", i+1, resp.StatusCode, body)
		}
	}
	resp, body := get(t, site, "/services")
	wait, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
	if resp.StatusCode != http.StatusTooManyRequests || wait < 1 || wait > 60 || !strings.Contains(body, `"error":`) ||
		resp.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("fourth request in a minute: %d Retry-After %q %s, want 429 in JSON", resp.StatusCode, resp.Header.Get("Retry-After"), body)
	}
	// Another address has its own allowance.
	req := httptest.NewRequest(http.MethodGet, "/openreferral/services", nil)
	req.RemoteAddr = "198.51.100.7:4000"
	rec := httptest.NewRecorder()
	site.Server.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Errorf("another address: %d", rec.Code)
	}
	// A minute later the first may ask again.
	site.Now = site.Now.Add(time.Minute)
	if resp, _ := get(t, site, "/services"); resp.StatusCode != http.StatusOK {
		t.Errorf("a minute later: %d", resp.StatusCode)
	}
}
