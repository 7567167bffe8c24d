package public_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/linkway/linkway/internal/webtest"
)

func postJSON(tb testing.TB, h http.Handler, target, body string) (int, map[string]any) {
	tb.Helper()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	h.ServeHTTP(rec, req)
	var out map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		tb.Fatalf("POST %s: %d, not JSON: %s", target, rec.Code, rec.Body)
	}
	return rec.Code, out
}

func TestMatchAPI(t *testing.T) {
	srv := webtest.NewWith(t, webtest.Options{Feed: searchFixture}).Server
	code, out := postJSON(t, srv, "/api/v1/match", `{"priorities": "the bailiffs keep coming and I feel lonely", "postcode": "LS6 3HN", "max_distance_km": 5, "travel": "bus", "age": 72, "online_ok": true, "limit": 3}`)
	if code != 200 {
		t.Fatalf("status %d: %v", code, out)
	}
	matches := out["matches"].([]any)
	if len(matches) == 0 || len(matches) > 3 {
		t.Fatalf("%d matches", len(matches))
	}
	first := matches[0].(map[string]any)
	svc := first["service"].(map[string]any)
	for _, f := range []string{"id", "name", "organization"} {
		if _, ok := svc[f]; !ok {
			t.Errorf("match service has no %q", f)
		}
	}
	for _, f := range []string{"score", "reasons", "warnings", "components"} {
		if _, ok := first[f]; !ok {
			t.Errorf("match has no %q", f)
		}
	}
	if _, ok := out["total_candidates"]; !ok {
		t.Error("no total_candidates")
	}
	if _, ok := out["relaxations"].([]any); !ok {
		t.Error("relaxations is not a list")
	}
	ids := map[string]bool{}
	for _, m := range matches {
		ids[m.(map[string]any)["service"].(map[string]any)["id"].(string)] = true
	}
	if !ids["debt-city"] || !ids["befriend"] {
		t.Errorf("matches %v: want the debt advice and the befriending line", ids)
	}
}

func TestMatchAPIBadRequests(t *testing.T) {
	srv := webtest.NewWith(t, webtest.Options{Feed: searchFixture}).Server
	tests := []struct{ body, field string }{
		{``, "priorities"},
		{`not json`, "not valid JSON"},
		{`{}`, "priorities"},
		{`{"priorities": "  "}`, "priorities"},
		{`{"priorities": "x", "postcode": "ZZ99 9ZZ"}`, "postcode"},
		{`{"priorities": "x", "location": {"lat": 95, "lon": 0}}`, "location"},
		{`{"priorities": "x", "location": {"lat": 53}}`, "location"},
		{`{"priorities": "x", "max_distance_km": 0}`, "max_distance_km"},
		{`{"priorities": "x", "max_distance_km": 1000}`, "max_distance_km"},
		{`{"priorities": "x", "max_distance_km": "far"}`, "max_distance_km"},
		{`{"priorities": "x", "travel": "horse"}`, "travel"},
		{`{"priorities": "x", "age": -2}`, "age"},
		{`{"priorities": "x", "age": "old"}`, "age"},
		{`{"priorities": "x", "available": [{"day": "someday", "from": "10:00", "to": "12:00"}]}`, "available[0].day"},
		{`{"priorities": "x", "available": [{"day": "monday", "from": "ten", "to": "12:00"}]}`, "available[0].from"},
		{`{"priorities": "x", "available": [{"day": "monday", "from": "12:00", "to": "10:00"}]}`, "available[0].to"},
		{`{"priorities": "x", "access_needs": ["jetpack"]}`, "access_needs[0]"},
		{`{"priorities": "x", "languages": [""]}`, "languages[0]"},
		{`{"priorities": "x", "needs": ["no-such-kind"]}`, "needs[0]"},
		{`{"priorities": "x", "limit": 0}`, "limit"},
		{`{"priorities": "x", "limit": 500}`, "limit"},
		{`{"priorities": "x", "colour": "blue"}`, "colour"},
		{`{"priorities": "x"} {"priorities": "y"}`, "one JSON object"},
		{`{"priorities": "` + strings.Repeat("a", 2001) + `"}`, "priorities"},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			code, out := postJSON(t, srv, "/api/v1/match", tt.body)
			msg, _ := out["error"].(string)
			if code != http.StatusBadRequest || !strings.Contains(msg, tt.field) {
				t.Errorf("status %d, error %q; want 400 naming %q", code, msg, tt.field)
			}
		})
	}
}

func TestFindSupportPage(t *testing.T) {
	srv := webtest.NewWith(t, webtest.Options{Feed: searchFixture}).Server
	if resp := webtest.Get(t, srv, "/find-support"); resp.StatusCode != 200 {
		t.Fatalf("GET /find-support = %d", resp.StatusCode)
	}
	form := url.Values{"priorities": {"I feel lonely"}, "postcode": {"LS6 3HN"}, "online_ok": {"true"}, "day": {"monday"}}
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/find-support", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	srv.ServeHTTP(rec, req)
	b := rec.Body.String()
	if rec.Code != 200 {
		t.Fatalf("POST /find-support = %d\n%s", rec.Code, b)
	}
	for _, want := range []string{"Why we suggest it", "Telephone Befriending", "matches ‘lonely’", "I feel lonely</textarea>"} {
		if !strings.Contains(b, want) && !strings.Contains(b, strings.ReplaceAll(want, "“", "&#34;")) {
			t.Errorf("page lacks %q", want)
		}
	}
	if cc := rec.Header().Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control = %q, want no-store", cc)
	}
	// A form posted from another site is refused.
	rec = httptest.NewRecorder()
	req = httptest.NewRequest(http.MethodPost, "/find-support", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	srv.ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden {
		t.Errorf("cross-site POST = %d, want 403", rec.Code)
	}
}

func TestMatchAPIReadsRefusals(t *testing.T) {
	srv := webtest.NewWith(t, webtest.Options{Feed: searchFixture}).Server
	code, out := postJSON(t, srv, "/api/v1/match", `{"priorities": "I feel lonely but I'm not one for coffee mornings", "postcode": "LS6 3HN"}`)
	if code != 200 {
		t.Fatalf("status %d: %v", code, out)
	}
	var refused []string
	understood, _ := out["understood"].([]any)
	for _, u := range understood {
		if c := u.(map[string]any); c["refused"] == true {
			refused = append(refused, c["phrase"].(string))
		}
	}
	if len(refused) != 1 || refused[0] != "coffee mornings" {
		t.Errorf("refused phrases %q in %v, want [coffee mornings]", refused, understood)
	}
}
