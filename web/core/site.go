// Package core is what every part of Linkway's web layer shares: the
// pages and how they are rendered, how errors become statuses, JSON,
// sessions and the logged-in user, roles, the audit log, forms, limits
// and the middleware every request passes. The audiences (web/public,
// web/account, web/cases, web/orgs, web/admin) build on it; it knows
// none of them.
package core

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"path"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/linkway/linkway/casework"
)

// Accounts is what the core needs of the account store: the logged-in
// user, read afresh on every request, and the audit log.
type Accounts interface {
	UserByID(ctx context.Context, id int64) (casework.User, error)
	AppendAudit(ctx context.Context, e casework.AuditEntry) error
}

// Config is what a [Site] is built from.
type Config struct {
	// Assets holds templates/ (layout.html, partials.html, pages/*.html)
	// and the static files served beside them.
	Assets fs.FS
	Log    *slog.Logger
	// Now is the clock (default time.Now).
	Now      func() time.Time
	Accounts Accounts
	// Sessions keeps the sessions (cmd gives one over the database).
	Sessions scs.Store
	// SecureCookies marks the session cookie Secure, so browsers send it
	// only over HTTPS. Set it whenever people reach Linkway over HTTPS,
	// which behind a TLS-terminating proxy the server cannot see for
	// itself; a request that arrives over TLS gets a Secure cookie anyway.
	SecureCookies bool
	// SessionIdleTimeout ends a session after this long without a request
	// (default [DefaultSessionIdleTimeout]); SessionLifetime ends it this
	// long after login however busy it is (default
	// [DefaultSessionLifetime]).
	SessionIdleTimeout time.Duration
	SessionLifetime    time.Duration
	// MaxConcurrentRequests is how many requests are served at once; more
	// are refused with 503 and Retry-After. 0 sets no limit.
	MaxConcurrentRequests int
	// BankHolidays are England and Wales's bank holidays, each date
	// ("YYYY-MM-DD") with its name, so that a session falling on one can
	// say so (data.BankHolidayNames). Nil knows of none.
	BankHolidays map[string]string
}

// Site is the shared core of the web layer. Audiences hold one and call
// it to render, fail, check who is asking and audit.
type Site struct {
	log      *slog.Logger
	now      func() time.Time
	zone     *time.Location // where times are shown and days counted
	accounts Accounts
	assets   fs.FS
	pages    map[string]*template.Template
	// staticPrefix carries a hash of the assets, so they can be cached
	// forever and still change on upgrade.
	staticPrefix string
	sessions     sessions
	concurrency  concurrencyLimit
	bankHolidays map[string]string
}

// New builds a Site, parsing every template in c.Assets so that a broken
// one fails at start.
func New(c Config) (*Site, error) {
	if err := CheckDeps("core", c, "Now", "BankHolidays"); err != nil {
		return nil, err
	}
	zone, err := time.LoadLocation("Europe/London")
	if err != nil {
		return nil, fmt.Errorf("web: %w (import time/tzdata in main)", err)
	}
	s := &Site{log: c.Log, now: c.Now, zone: zone, accounts: c.Accounts, assets: c.Assets, bankHolidays: c.BankHolidays}
	if s.now == nil {
		s.now = time.Now
	}
	hash, err := hashFS(c.Assets)
	if err != nil {
		return nil, err
	}
	s.staticPrefix = "/static/" + hash + "/"
	if err := s.parseTemplates(); err != nil {
		return nil, err
	}
	s.sessions = s.newSessions(c)
	if c.MaxConcurrentRequests > 0 {
		s.concurrency.slots = make(chan struct{}, c.MaxConcurrentRequests)
	}
	return s, nil
}

// CheckDeps refuses deps (a struct) when one of its fields that could be
// nil (an interface, pointer, func, map or channel) is, naming it, so a
// part is built with everything it needs or not at all. Fields named in
// optional may be nil.
func CheckDeps(part string, deps any, optional ...string) error {
	v := reflect.ValueOf(deps)
	var missing []string
	for i := range v.NumField() {
		f := v.Type().Field(i)
		switch f.Type.Kind() {
		case reflect.Interface, reflect.Pointer, reflect.Func, reflect.Map, reflect.Chan:
			if v.Field(i).IsNil() && !slices.Contains(optional, f.Name) {
				missing = append(missing, f.Name)
			}
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("web: %s needs %s", part, strings.Join(missing, ", "))
	}
	return nil
}

// Now is the time by the site's clock.
func (s *Site) Now() time.Time { return s.now() }

// LocalNow is the time where Linkway's people are, so that "next
// session" and "today" mean what they do to the people reading.
func (s *Site) LocalNow() time.Time { return s.now().In(s.zone) }

// BankHoliday is the name of the bank holiday on t's date ("Christmas
// Day"), or "" when it is not one.
func (s *Site) BankHoliday(t time.Time) string { return s.bankHolidays[t.Format(time.DateOnly)] }

// Zone is where times are shown: Europe/London.
func (s *Site) Zone() *time.Location { return s.zone }

// Log is the logger; log only what the error path does not.
func (s *Site) Log() *slog.Logger { return s.log }

// StaticPrefix is the path static files are served under, such as
// "/static/0123456789ab/".
func (s *Site) StaticPrefix() string { return s.staticPrefix }

// Assets are the templates and static files.
func (s *Site) Assets() fs.FS { return s.assets }

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

func (s *Site) parseTemplates() error {
	layout, err := template.New("layout").Funcs(s.funcs()).ParseFS(s.assets, "templates/layout.html", "templates/partials.html")
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
