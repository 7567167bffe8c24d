// Package web serves Linkway's pages and JSON API.
package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/mux"
	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/notify"
)

// store is what the web layer needs from the directory store.
type store interface {
	Service(ctx context.Context, id string) (*directory.Service, error)
	FindServices(ctx context.Context, f directory.ServiceFilter) ([]*directory.Service, int, error)
	Terms(ctx context.Context) ([]directory.TermCount, error)
	TaxonomyTerms(ctx context.Context) ([]directory.Term, error)
	Term(ctx context.Context, id string) (*directory.Term, error)
	ServicesByID(ctx context.Context, ids []string) (map[string]*directory.Service, error)
}

// Server is Linkway's HTTP handler.
type Server struct {
	store    store
	accounts accounts
	search   searcher
	places   places
	matcher  matching
	zone     *time.Location // where session times are shown
	assets   fs.FS
	log      *slog.Logger
	router   *mux.Router
	pages    map[string]*template.Template
	// staticPrefix carries a hash of the assets, so they can be cached
	// forever and still change on upgrade.
	staticPrefix string
	sessions     sessionManagers
	limiter      *limiter
	// requestLimiter counts public listing requests per client address.
	requestLimiter *limiter
	hashSlots      chan struct{} // see maxConcurrentHashes
	concurrency    concurrencyLimit
	dummyOnce      sync.Once
	dummyHash      string
	dummyErr       error
	// cases holds people and referrals, and work changes them; nil until
	// EnableCasework, and casework pages answer not found until then.
	cases caseStore
	work  *casework.Workflow
	// orgs, notifier and baseURL serve community organisations; nil until
	// EnableOrganisations.
	orgs     orgStore
	notifier notify.Notifier
	baseURL  string

	// Now is the clock, replaceable in tests.
	Now func() time.Time
	// Ready reports whether the server may answer /healthz with 200.
	Ready func() bool
	// TileURL, when set, is a map tile template such as
	// "https://tile.example.org/{z}/{x}/{y}.png" drawn behind result maps.
	// Maps work without it, showing points on a plain background.
	TileURL string

	// SecureCookies marks the session cookie Secure, so browsers send it
	// only over HTTPS. Set it whenever people reach Linkway over HTTPS,
	// which behind a TLS-terminating proxy the server cannot see for
	// itself; a request that arrives over TLS gets a Secure cookie anyway.
	SecureCookies bool
	// SessionIdleTimeout ends a session after this long without a request
	// (default [DefaultSessionIdleTimeout]); SessionLifetime ends it this
	// long after login however busy it is (default
	// [DefaultSessionLifetime]). Set them before the first request.
	SessionIdleTimeout time.Duration
	SessionLifetime    time.Duration

	// MaxConcurrentRequests is how many requests are served at once
	// (default [DefaultMaxConcurrentRequests]); more are refused with 503
	// and Retry-After. 0 sets no limit. Set it before the first request.
	MaxConcurrentRequests int
}

// NewServer parses every template in assets (so a broken one fails at
// start) and registers the routes. acc holds accounts, sessions and the
// audit log.
func NewServer(st store, acc accounts, search searcher, pl places, m matching, assets fs.FS, log *slog.Logger) (*Server, error) {
	zone, err := time.LoadLocation("Europe/London")
	if err != nil {
		return nil, fmt.Errorf("web: %w (import time/tzdata in main)", err)
	}
	s := &Server{
		store: st, accounts: acc, search: search, places: pl, matcher: m, zone: zone, assets: assets, log: log,
		limiter:            newLimiter(loginFailures, loginWindow),
		requestLimiter:     newLimiter(listingRequests, listingRequestWindow),
		hashSlots:          make(chan struct{}, maxConcurrentHashes),
		Now:                time.Now,
		Ready:              func() bool { return true },
		SessionIdleTimeout: DefaultSessionIdleTimeout,
		SessionLifetime:    DefaultSessionLifetime,

		MaxConcurrentRequests: DefaultMaxConcurrentRequests,
	}
	hash, err := hashFS(assets)
	if err != nil {
		return nil, err
	}
	s.staticPrefix = "/static/" + hash + "/"
	if err := s.parseTemplates(); err != nil {
		return nil, err
	}
	s.routes()
	return s, nil
}

// now is the current time where sessions happen, so that "next session"
// and "today" mean what they do to the people reading.
func (s *Server) now() time.Time { return s.Now().In(s.zone) }

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.router.ServeHTTP(w, r)
}

func hashFS(fsys fs.FS) (string, error) {
	h := sha256.New()
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(b))
		h.Write(b)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("web: hash assets: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}

func (s *Server) parseTemplates() error {
	funcs := template.FuncMap{
		"static":      func(p string) string { return s.staticPrefix + p },
		"serviceURL":  serviceURL,
		"kindURL":     func(id string) string { return "/browse/" + pathEscape(id) },
		"add":         func(a, b int) int { return a + b },
		"formatDate":  func(t time.Time) string { return t.Format("2 January 2006") },
		"shortDate":   func(t time.Time) string { return t.Format("Mon 2 Jan, 15:04") },
		"pluralise":   pluralise,
		"joinStrings": strings.Join,
		"km":          func(d *float64) string { return fmt.Sprintf("%.1f km", *d) },
		"costLabel":   costLabel,
		"facet":       facetCount,
		"field":       newFieldView,
		"nhs":         casework.FormatNHSNumber,
		"percent":     func(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) },
		"statusLabel": statusLabel,
		"contactKind": contactKindLabel,
		"capitalise":  capitalise,
		"contactWay":  casework.PreferredContactLabel,
	}
	layout, err := template.New("layout").Funcs(funcs).ParseFS(s.assets, "templates/layout.html", "templates/partials.html")
	if err != nil {
		return fmt.Errorf("web: parse layout: %w", err)
	}
	names, err := fs.Glob(s.assets, "templates/pages/*.html")
	if err != nil {
		return err
	}
	s.pages = map[string]*template.Template{}
	for _, name := range names {
		t, err := template.Must(layout.Clone()).ParseFS(s.assets, name)
		if err != nil {
			return fmt.Errorf("web: parse %s: %w", name, err)
		}
		s.pages[strings.TrimSuffix(path.Base(name), ".html")] = t
	}
	return nil
}

// page is what every page template gets: its own data in Data plus what
// the layout needs.
type page struct {
	Title string
	Data  any
	User  *casework.User // who is logged in, for the header; nil for residents
}

// render writes a page, rendering into a buffer first so that a template
// error becomes a clean error page, not half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	t, ok := s.pages[name]
	if !ok {
		s.fail(w, r, fmt.Errorf("web: no page %q", name))
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", page{Title: title, Data: data, User: s.currentUser(r)}); err != nil {
		s.fail(w, r, fmt.Errorf("web: render %s: %w", name, err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	buf.WriteTo(w)
}

type errorPage struct {
	Status  int
	Message string
}

// fail maps an error's kind to a status, logs only internal errors, and
// shows a page whose message is safe for anyone to read.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if s.clientWentAway(r, err) {
		return
	}
	status := statusOf(err)
	if status == http.StatusInternalServerError {
		s.log.ErrorContext(r.Context(), "request failed", "method", r.Method, "route", routeName(r), "err", err)
	}
	msg := directory.MessageOf(err)
	if t, ok := s.pages["error"]; ok {
		var buf bytes.Buffer
		if t.ExecuteTemplate(&buf, "layout", page{Title: http.StatusText(status), Data: errorPage{status, msg}, User: s.currentUser(r)}) == nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(status)
			buf.WriteTo(w)
			return
		}
	}
	http.Error(w, msg, status)
}

// clientWentAway reports whether r's client hung up before its answer
// was ready, and logs it as such. Then err is most likely only the
// cancelled request context showing through, not a fault of ours, and
// there is nobody left to answer: no error page is written and no 500
// logged. err is kept in the line in case it was a fault after all.
func (s *Server) clientWentAway(r *http.Request, err error) bool {
	if !errors.Is(r.Context().Err(), context.Canceled) {
		return false
	}
	s.log.InfoContext(r.Context(), "client went away", "method", r.Method, "route", routeName(r), "err", err)
	return true
}

func statusOf(err error) int {
	switch directory.KindOf(err) {
	case directory.NotFound, directory.Forbidden:
		return http.StatusNotFound
	case directory.Invalid:
		return http.StatusBadRequest
	case directory.Conflict:
		return http.StatusConflict
	}
	return http.StatusInternalServerError
}

// routeName names the matched route without its variables, so logs never
// carry ids or other values from the URL.
func routeName(r *http.Request) string {
	if rt := mux.CurrentRoute(r); rt != nil {
		if tpl, err := rt.GetPathTemplate(); err == nil {
			return tpl
		}
	}
	return "unmatched"
}

func pluralise(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

func costLabel(band string) string {
	switch band {
	case "free":
		return "Free"
	case "paid":
		return "Costs money"
	}
	return "Ask"
}

// facetCount returns the count of one facet value, or nil when there is
// no answer or no such value (so templates can leave the count out).
func facetCount(a *searchAnswer, facet, value string) any {
	if a == nil {
		return nil
	}
	for _, f := range a.Facets[facet] {
		if f.Value == value {
			return f.Count
		}
	}
	return nil
}
