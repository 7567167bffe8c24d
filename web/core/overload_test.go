package core

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/mux"
)

// blockingRoute is a test route whose requests wait, holding their slot,
// until the test releases them.
type blockingRoute struct {
	entered chan struct{} // one value per request that got in
	release chan struct{} // one value lets one request finish
}

func newBlockingRoute() *blockingRoute {
	return &blockingRoute{entered: make(chan struct{}), release: make(chan struct{})}
}

func (b *blockingRoute) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b.entered <- struct{}{}
	<-b.release
	w.Write([]byte("done"))
}

// let lets n requests finish.
func (b *blockingRoute) let(n int) {
	for range n {
		b.release <- struct{}{}
	}
}

// fill starts n requests to url and returns once all n are inside the
// handler, with a channel that gets each one's status when it ends.
func (b *blockingRoute) fill(tb testing.TB, c *http.Client, url string, n int) <-chan int {
	tb.Helper()
	statuses := make(chan int, n)
	for range n {
		go func() {
			resp, err := c.Get(url)
			if err != nil {
				statuses <- 0
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			statuses <- resp.StatusCode
		}()
	}
	for i := range n {
		select {
		case <-b.entered:
		case <-time.After(30 * time.Second): // a guard against hanging, not a measurement
			tb.Fatalf("only %d of %d requests got in", i, n)
		}
	}
	return statuses
}

// serveLimited serves routes, a health check and the static files behind
// the site's concurrency limit, as the server's middleware does.
func serveLimited(tb testing.TB, s *Site, routes map[string]http.Handler) *httptest.Server {
	tb.Helper()
	r := mux.NewRouter()
	for path, h := range routes {
		r.Handle(path, h)
	}
	r.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	r.PathPrefix(s.StaticPrefix()).Handler(s.Static())
	ts := httptest.NewServer(s.LimitConcurrency(r))
	tb.Cleanup(ts.Close)
	return ts
}

func TestConcurrencyLimit(t *testing.T) {
	const limit = 3
	slow := newBlockingRoute()
	var logs bytes.Buffer
	s := mustSite(t, func(c *Config) {
		c.MaxConcurrentRequests = limit
		c.Log = slog.New(slog.NewTextHandler(&logs, nil))
	})
	ts := serveLimited(t, s, map[string]http.Handler{
		"/test/slow": slow,
		"/test/fast": http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("fast")) }),
	})
	// A queueing server would hold the refused requests below until the
	// slow ones are released, which only happens after them: the client's
	// timeout then fails the test instead of letting it hang.
	c := &http.Client{Timeout: 30 * time.Second}

	statuses := slow.fill(t, c, ts.URL+"/test/slow", limit)

	for _, tc := range []struct{ path, contentType, body string }{
		{"/test/fast", "text/html", "Linkway is busy right now"},
		{"/login", "text/html", "Linkway is busy right now"},
		{"/api/v1/me", "application/json", `{"error":"Linkway is busy right now`},
	} {
		r := do(t, c, http.MethodGet, ts.URL+tc.path)
		if r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") != "2" {
			t.Errorf("GET %s while full = %d, Retry-After %q; want 503, Retry-After 2", tc.path, r.status, r.header.Get("Retry-After"))
		}
		if !strings.HasPrefix(r.header.Get("Content-Type"), tc.contentType) || !strings.Contains(r.body, tc.body) {
			t.Errorf("GET %s while full = %s %q, want %s saying %q", tc.path, r.header.Get("Content-Type"), r.body, tc.contentType, tc.body)
		}
	}
	// What shows the server is up stays available.
	if r := do(t, c, http.MethodGet, ts.URL+"/healthz"); r.status != http.StatusOK {
		t.Errorf("GET /healthz while full = %d, want 200", r.status)
	}
	if r := do(t, c, http.MethodGet, ts.URL+s.StaticPrefix()+"css/site.css"); r.status != http.StatusOK {
		t.Errorf("GET a stylesheet while full = %d, want 200", r.status)
	}
	if got := strings.Count(logs.String(), "server full"); got != 1 {
		t.Errorf("logged %d warnings for 3 refusals within a minute, want 1:\n%s", got, logs.String())
	}

	slow.let(limit)
	for range limit {
		if s := <-statuses; s != http.StatusOK {
			t.Errorf("a request admitted before the limit = %d, want 200", s)
		}
	}

	// Every slot is free again, and no more than that: the limit still
	// admits exactly its number.
	if r := do(t, c, http.MethodGet, ts.URL+"/test/fast"); r.status != http.StatusOK {
		t.Fatalf("GET /test/fast after the slow ones ended = %d, want 200", r.status)
	}
	statuses = slow.fill(t, c, ts.URL+"/test/slow", limit)
	if r := do(t, c, http.MethodGet, ts.URL+"/test/fast"); r.status != http.StatusServiceUnavailable {
		t.Errorf("GET /test/fast when full again = %d, want 503", r.status)
	}
	slow.let(limit)
	for range limit {
		<-statuses
	}
}

func TestConcurrencyLimitOff(t *testing.T) {
	slow := newBlockingRoute()
	s := mustSite(t, func(c *Config) { c.MaxConcurrentRequests = 0 })
	ts := serveLimited(t, s, map[string]http.Handler{"/test/slow": slow})
	c := &http.Client{Timeout: 30 * time.Second}
	statuses := slow.fill(t, c, ts.URL+"/test/slow", DefaultMaxConcurrentRequests+1)
	slow.let(DefaultMaxConcurrentRequests + 1)
	for range DefaultMaxConcurrentRequests + 1 {
		if s := <-statuses; s != http.StatusOK {
			t.Fatalf("a request with no limit set = %d, want 200", s)
		}
	}
}
