// Package web is Linkway's HTTP handler: it builds the audiences' pages
// (web/public for residents, web/account for logging in, web/cases for
// link workers, web/orgs for community organisations, web/admin for
// scheme admins) over the shared core (web/core) and routes every
// request to them. It holds no handlers of its own but the health check.
package web

import (
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/gorilla/mux"
	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/notify"
	"github.com/linkway/linkway/web/account"
	"github.com/linkway/linkway/web/admin"
	"github.com/linkway/linkway/web/cases"
	"github.com/linkway/linkway/web/core"
	"github.com/linkway/linkway/web/openreferral"
	"github.com/linkway/linkway/web/orgs"
	"github.com/linkway/linkway/web/public"
	"github.com/linkway/linkway/web/reports"
)

// Store is everything the web layer reads and writes: each audience's
// store together. *sqlite.DB is one.
type Store interface {
	core.Accounts
	public.Store
	account.Store
	cases.Store
	orgs.Store
	admin.Store
	reports.Store
	openreferral.Store
}

// Config is everything the web layer is built from; cmd fills it in.
// Every interface and pointer is required, except Now, Ready,
// LoginThrottle, Limiters and BankHolidays.
type Config struct {
	// Assets holds the templates and static files (static.FS).
	Assets fs.FS
	Log    *slog.Logger
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Ready reports whether the server may answer /healthz with 200
	// (default: always).
	Ready func() bool

	// Sessions keeps the sessions; SecureCookies, SessionIdleTimeout and
	// SessionLifetime are as in [core.Config].
	Sessions           scs.Store
	SecureCookies      bool
	SessionIdleTimeout time.Duration
	SessionLifetime    time.Duration
	// MaxConcurrentRequests is how many requests are served at once
	// ([core.DefaultMaxConcurrentRequests] is what serve uses); more are
	// refused with 503 and Retry-After. 0 sets no limit.
	MaxConcurrentRequests int
	// BankHolidays are as in [core.Config]: dates with their names, for
	// saying when a next session falls on one. Nil knows of none.
	BankHolidays map[string]string

	Store   Store
	Search  public.Searcher
	Places  public.Places
	Matcher public.Matcher
	// Work changes casework records and tells organisations of referrals.
	Work *casework.Workflow
	// Notifier sends the messages the pages themselves send (invitations,
	// review decisions, listing requests).
	Notifier notify.Notifier
	// BaseURL starts the links put in messages, such as
	// "https://linkway.example.org".
	BaseURL string
	// TileURL, when set, is a map tile template such as
	// "https://tile.openstreetmap.org/{z}/{x}/{y}.png" drawn behind the
	// residents' result maps. Maps work without it, showing numbered
	// markers on a plain background.
	TileURL string
	// CaseworkTiles draws TileURL's tiles behind casework maps too. It is
	// off unless an admin turns it on: a tile request tells the tile
	// server the area a person on the caseload lives in.
	CaseworkTiles bool
	// Kinds are Linkway's own kinds of support (data/taxonomy.json), the
	// ones the residents' pages offer.
	Kinds []directory.Term
	// Jobs runs the feed syncs and imports admins start from their pages
	// (hsds.Jobs).
	Jobs admin.Jobs
	// LoginThrottle counts failed logins per client address (default: 30
	// in 10 minutes, then that address waits for the rest of the 10).
	LoginThrottle core.RateLimiter
	// Limiters makes the limits on logins, listing requests and the Open
	// Referral API per client address (default [core.MemoryLimiters]:
	// counts in this process's memory). Instances that share a database
	// share their counts through it.
	Limiters core.Limiters
	// OpenReferralPrefix is where the Open Referral API is served
	// (default "/openreferral"); OpenReferralRequestsPerMinute limits each
	// client address there (0: [openreferral.DefaultRequestsPerMinute];
	// below 0, no limit).
	OpenReferralPrefix            string
	OpenReferralRequestsPerMinute int
}

// Server is Linkway's HTTP handler.
type Server struct {
	site    *core.Site
	router  *mux.Router
	ready   func() bool
	public  *public.Handler
	account *account.Handler
	cases   *cases.Handler
	orgs    *orgs.Handler
	admin   *admin.Handler
	reports *reports.Handler
	// oruk is the Open Referral API, served under orukPrefix.
	oruk       *openreferral.Handler
	orukPrefix string
	// tileURL is the residents' map tiles, which the pages' content
	// security policy lets in.
	tileURL string
}

// New builds the web layer from c, parsing every template (so a broken
// one fails at start) and registering the routes.
func New(c Config) (*Server, error) {
	if err := core.CheckDeps("web", c, "Now", "Ready", "LoginThrottle", "Limiters", "BankHolidays"); err != nil {
		return nil, err
	}
	site, err := core.New(core.Config{
		Assets: c.Assets, Log: c.Log, Now: c.Now, Accounts: c.Store, Sessions: c.Sessions,
		SecureCookies: c.SecureCookies, SessionIdleTimeout: c.SessionIdleTimeout, SessionLifetime: c.SessionLifetime,
		MaxConcurrentRequests: c.MaxConcurrentRequests, BankHolidays: c.BankHolidays,
	})
	if err != nil {
		return nil, err
	}
	s := &Server{site: site, ready: c.Ready, tileURL: c.TileURL}
	if s.ready == nil {
		s.ready = func() bool { return true }
	}
	// Find support serves residents and link workers alike; link workers'
	// pages tell residents' pages how organisations answer referrals.
	finder, err := public.NewFinder(public.FinderDeps{Site: site, Store: c.Store, Places: c.Places, Matcher: c.Matcher})
	if err != nil {
		return nil, err
	}
	caseworkTiles := ""
	if c.CaseworkTiles {
		caseworkTiles = c.TileURL
	}
	if s.cases, err = cases.New(cases.Deps{Site: site, Store: c.Store, Work: c.Work, Finder: finder, TileURL: caseworkTiles}); err != nil {
		return nil, err
	}
	s.public, err = public.New(public.Deps{Site: site, Store: c.Store, Search: c.Search, Places: c.Places,
		Finder: finder, Responsiveness: s.cases, TileURL: c.TileURL, Kinds: c.Kinds})
	if err != nil {
		return nil, err
	}
	if s.account, err = account.New(account.Deps{Site: site, Store: c.Store, Throttle: c.LoginThrottle, Limiters: c.Limiters}); err != nil {
		return nil, err
	}
	s.orgs, err = orgs.New(orgs.Deps{Site: site, Store: c.Store, Places: c.Places, Work: c.Work, Notifier: c.Notifier, BaseURL: c.BaseURL, Limiters: c.Limiters})
	if err != nil {
		return nil, err
	}
	s.admin, err = admin.New(admin.Deps{Site: site, Store: c.Store, Invites: s.orgs, Notifier: c.Notifier, BaseURL: c.BaseURL, Kinds: c.Kinds, Jobs: c.Jobs})
	if err != nil {
		return nil, err
	}
	if s.reports, err = reports.New(reports.Deps{Site: site, Store: c.Store, Search: c.Search, Places: c.Places, Kinds: c.Kinds}); err != nil {
		return nil, err
	}
	s.orukPrefix = c.OpenReferralPrefix
	if s.orukPrefix == "" {
		s.orukPrefix = "/openreferral"
	}
	s.oruk, err = openreferral.New(openreferral.Deps{Site: site, Store: c.Store, Search: c.Search, Places: c.Places,
		Prefix: s.orukPrefix, RequestsPerMinute: c.OpenReferralRequestsPerMinute, Limiters: c.Limiters})
	if err != nil {
		return nil, err
	}
	s.routes()
	return s, nil
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	if !s.ready() {
		http.Error(w, "starting", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ok\n"))
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.router.ServeHTTP(w, r)
}
