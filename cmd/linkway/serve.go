package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/data"
	"github.com/linkway/linkway/freshness"
	"github.com/linkway/linkway/hsds"
	"github.com/linkway/linkway/indexer"
	"github.com/linkway/linkway/notify"
	"github.com/linkway/linkway/static"
	"github.com/linkway/linkway/web"
	"github.com/linkway/linkway/web/core"
)

// runServe runs the web server until ctx is cancelled. When listening is
// not nil it receives the bound address once the server accepts requests
// (tests listen on port 0). On a new data folder it prints the demo
// logins to stdout.
func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, listening chan<- string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("data", "", "data folder (default $LINKWAY_DATA or ./linkway-data)")
	database := databaseFlag(fs)
	addr := fs.String("addr", "", "address to listen on (default $LINKWAY_ADDR or 127.0.0.1:8080)")
	logFormat := fs.String("log-format", "text", "log format: text or json")
	tileURL := fs.String("tile-url", defaultTileURL, "map tile URL template with {z}, {x} and {y}, drawn behind result maps; none: no tiles, maps show numbered markers on a plain background")
	caseworkTiles := fs.Bool("casework-tiles", false, "draw map tiles on casework pages (Find support for a person) too: off by default, since a tile request tells the tile server the area a person lives in")
	retainDays := fs.Int("retain-discharged-days", 8*365, "keep a discharged person's record this many days, then delete it (the deletion is audited)")
	secureCookies := fs.Bool("secure-cookies", false, "send the session cookie over HTTPS only: set this when people reach Linkway over HTTPS through a proxy (a request that arrives over TLS gets it anyway)")
	maxConcurrent := fs.Int("max-concurrent-requests", core.DefaultMaxConcurrentRequests, "requests served at once; more are refused at once with 503 and Retry-After (0: no limit)")
	orukPrefix := fs.String("openreferral-prefix", "/openreferral", "path the Open Referral (ORUK 3.0) API is served under")
	feedInterval := fs.Duration("feed-sync-interval", 24*time.Hour, "sync each registered feed (linkway feed add) this often (0: never)")
	var ns notifySettings
	fs.StringVar(&ns.smtpAddr, "smtp-addr", "", "mail server (host:port) that notifications go through (default $LINKWAY_SMTP_ADDR; none: they are kept in the outbox for admins to read)")
	fs.StringVar(&ns.smtpFrom, "smtp-from", "", "sender of notification mail (default $LINKWAY_SMTP_FROM or linkway@localhost)")
	fs.StringVar(&ns.baseURL, "base-url", "", "address people reach Linkway at, to start the links in notifications (default $LINKWAY_BASE_URL or the address it listens on)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if !strings.HasPrefix(*orukPrefix, "/") || len(*orukPrefix) < 2 || strings.HasSuffix(*orukPrefix, "/") {
		return usageError{fmt.Errorf("--openreferral-prefix must be a path such as /openreferral, not %q", *orukPrefix)}
	}
	tiles, err := tileTemplate(*tileURL)
	if err != nil {
		return usageError{err}
	}
	if *feedInterval < 0 {
		return usageError{fmt.Errorf("--feed-sync-interval must be 0 (off) or more, not %s", *feedInterval)}
	}
	if *addr == "" {
		*addr = getenv("LINKWAY_ADDR")
	}
	if *addr == "" {
		*addr = "127.0.0.1:8080"
	}
	var log *slog.Logger
	switch *logFormat {
	case "text":
		log = slog.New(slog.NewTextHandler(stderr, nil))
	case "json":
		log = slog.New(slog.NewJSONHandler(stderr, nil))
	default:
		return fmt.Errorf("--log-format must be text or json, not %q", *logFormat)
	}

	a, err := openAppWith(ctx, dataDir(*dir, getenv), databaseURL(*database, getenv))
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.reclassify(ctx, stderr); err != nil {
		return err
	}
	var demo []demoAccount
	if a.fresh {
		start := time.Now()
		rep, err := a.loadDemo(ctx)
		if err != nil {
			return fmt.Errorf("load demo directory: %w", err)
		}
		if demo, err = a.createDemoAccounts(ctx); err != nil {
			return fmt.Errorf("create demo accounts: %w", err)
		}
		log.Info("new data folder: loaded the Leeds demo directory and demo accounts", "services", rep.Created, "accounts", len(demo), "took", time.Since(start).Round(time.Millisecond))
	}

	ix, info, err := a.openIndex(ctx)
	if err != nil {
		return fmt.Errorf("open search index: %w", err)
	}
	defer ix.Close()
	if info.Rebuilt != "" {
		log.Info("search index rebuilt from the database", "reason", info.Rebuilt, "services", info.Docs)
	}
	// Deferred after the index and the database, so it runs before they
	// close: serve returns only once every background job has finished.
	bg := startJobs(log)
	defer bg.stop()
	bg.run(func(ctx context.Context) {
		ix.Follow(ctx, 250*time.Millisecond, func(err error) {
			log.Error("search index could not follow the database", "err", err)
		})
	})
	if a.watchChanges != nil {
		bg.run(func(ctx context.Context) {
			a.watchChanges(ctx, ix.Notify, func(err error) {
				log.Error("could not listen for other instances' changes; the search index polls for them meanwhile", "err", err)
			})
		})
	}
	// A sync or import recorded as running whose process stopped in the
	// middle of it changed nothing, being all or nothing: it is marked
	// interrupted. On a shared database the store tells the jobs of
	// instances still running (they hold a lock) from those of instances
	// that died, and leaves the former alone; the leader looks again every
	// minute, so a crashed instance's job does not stay "running".
	interrupt := func(ctx context.Context) error {
		n, err := a.db.InterruptJobs(ctx)
		if n > 0 {
			log.Info("syncs or imports were interrupted when the Linkway running them stopped; they changed nothing", "jobs", n)
		}
		return err
	}
	if err := interrupt(ctx); err != nil {
		return err
	}
	// Deferred after bg, so it runs first: a sync or import an admin
	// started is stopped, and says so, before the database closes.
	runner := a.jobs(log)
	defer runner.Close()
	// Expired sessions are refused anyway; this keeps the table small.
	bg.every("delete expired sessions", 10*time.Minute, a.db.DeleteExpiredSessions)

	notifier, err := newNotifier(a.db, ns, getenv)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	baseURL, err := baseURLOf(ns, getenv, ln.Addr())
	if err != nil {
		ln.Close()
		return err
	}
	srv, work, err := a.newWeb(ix, log, webOptions{
		tiles: tiles, caseworkTiles: *caseworkTiles, secureCookies: *secureCookies, maxConcurrent: *maxConcurrent,
		orukPrefix: *orukPrefix, baseURL: baseURL, notifier: notifier, jobs: runner,
	})
	if err != nil {
		ln.Close()
		return err
	}
	stale := freshness.NewReminders(a.db, notifier)
	stale.BaseURL, stale.Zone = baseURL, work.Zone
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	// With several instances on one database, one of them (the leader)
	// runs the scheduled jobs, so nobody is reminded twice.
	lead := a.lead()
	defer lead.Close()
	if a.shared {
		bg.everyLeading("interrupt the jobs of stopped instances", time.Minute, lead, interrupt)
	}
	if a.sweepLimits != nil {
		bg.everyLeading("delete spent rate-limit windows", time.Hour, lead, a.sweepLimits)
	}
	bg.everyLeading("purge discharged records", 24*time.Hour, lead, func(ctx context.Context) error {
		_, err := work.PurgeDischarged(ctx, *retainDays)
		return err
	})
	bg.everyLeading("send referral reminders", time.Hour, lead, work.SendReferralReminders)
	bg.everyLeading("send stale listing reminders", 24*time.Hour, lead, stale.Send)
	if *feedInterval > 0 {
		bg.everyLeading("sync feeds", feedCheckEvery(*feedInterval), lead, func(ctx context.Context) error { return a.syncDueFeeds(ctx, runner, *feedInterval) })
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	url := "http://" + ln.Addr().String()
	log.Info("linkway is ready", "url", url, "data", a.dir)
	fmt.Fprintf(stderr, "\n  Linkway is running at %s\n  Data folder: %s\n  Press Ctrl+C to stop.\n\n", url, a.dir)
	if len(demo) > 0 {
		printDemoAccounts(stdout, url+"/login", a.dir, demo)
	}
	if listening != nil {
		listening <- ln.Addr().String()
	}

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// webOptions are serve's settings that shape the web server.
type webOptions struct {
	tiles         string // map tile URL template; "" for none
	caseworkTiles bool
	secureCookies bool
	maxConcurrent int
	orukPrefix    string
	baseURL       string // where people reach Linkway, to start links in notifications
	notifier      notify.Notifier
	jobs          *hsds.Jobs
}

// newWeb builds the web server serve runs over a's store and ix: the
// matcher, the casework workflow and every page and API. The benchmark's
// HTTP mode serves the same, so that it measures what residents reach.
func (a *app) newWeb(ix *indexer.Index, log *slog.Logger, o webOptions) (*web.Server, *casework.Workflow, error) {
	m, err := a.newMatcher(ix)
	if err != nil {
		return nil, nil, err
	}
	codes, err := loadCodes()
	if err != nil {
		return nil, nil, err
	}
	kinds, err := data.Taxonomy(data.FS)
	if err != nil {
		return nil, nil, err
	}
	holidayNames, err := data.BankHolidayNames(data.FS)
	if err != nil {
		return nil, nil, err
	}
	holidays := make(map[string]bool, len(holidayNames))
	for d := range holidayNames {
		holidays[d] = true
	}
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		return nil, nil, err
	}
	work := casework.NewWorkflow(a.db, codes)
	work.Notifier, work.BaseURL, work.Zone, work.Holidays = o.notifier, o.baseURL, london, holidays
	srv, err := web.New(web.Config{
		Assets: static.FS, Log: log,
		// Sessions live in the database, so they survive a restart.
		Sessions:      a.sessions,
		SecureCookies: o.secureCookies, MaxConcurrentRequests: o.maxConcurrent,
		Store: a.db, Search: ix, Places: a.geo, Matcher: m, Work: work,
		Notifier: o.notifier, BaseURL: o.baseURL, TileURL: o.tiles, CaseworkTiles: o.caseworkTiles, Kinds: kinds,
		OpenReferralPrefix: o.orukPrefix, BankHolidays: holidayNames, Jobs: o.jobs,
		Limiters: a.limiters,
	})
	if err != nil {
		return nil, nil, err
	}
	return srv, work, nil
}

// loadCodes reads the SNOMED CT codes casework may record.
func loadCodes() (map[string]casework.Code, error) {
	f, err := data.FS.Open("snomed.json")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return casework.LoadCodes(f)
}

// defaultTileURL is OpenStreetMap's standard tiles, whose usage policy
// asks for the attribution the maps show and a referrer, which the maps
// send as the site's origin alone.
const defaultTileURL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"

// tileTemplate checks --tile-url: "none" (or "") means no tiles, and
// anything else must be an http(s) address with {z}, {x} and {y} in it.
func tileTemplate(flag string) (string, error) {
	if flag == "" || flag == "none" {
		return "", nil
	}
	if core.TileOrigin(flag) == "" {
		return "", fmt.Errorf("--tile-url must be none or an http(s) address such as %s, not %q", defaultTileURL, flag)
	}
	for _, p := range []string{"{z}", "{x}", "{y}"} {
		if !strings.Contains(flag, p) {
			return "", fmt.Errorf("--tile-url needs %s in it, as in %s; %q has none", p, defaultTileURL, flag)
		}
	}
	return flag, nil
}
