// Package webtest starts a whole Linkway web server for tests, over real
// parts: SQLite in a temporary folder, a bleve index that follows the
// store's change log, the postcodes, the matcher, the casework workflows
// and the outbox, behind a real HTTP server. Every web test builds its
// server here, so the set-up is written once.
package webtest

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alexedwards/scs/sqlite3store"
	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/data"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/freshness"
	"github.com/linkway/linkway/geo"
	"github.com/linkway/linkway/hsds"
	"github.com/linkway/linkway/indexer"
	"github.com/linkway/linkway/kinds"
	"github.com/linkway/linkway/matcher"
	"github.com/linkway/linkway/notify"
	"github.com/linkway/linkway/sqlite"
	"github.com/linkway/linkway/static"
	"github.com/linkway/linkway/web"
	"github.com/linkway/linkway/web/account"
	"github.com/linkway/linkway/web/core"
)

// services is the directory every site starts with unless told
// otherwise; see testdata/SOURCES.md.
//
//go:embed testdata/services.json
var services []byte

// Password is every test account's password.
const Password = "a long test password"

// Start is when every site's clock starts: Monday 23 November 2026,
// 09:00 UTC.
var Start = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// Users are the accounts every site has, in two teams (north and south):
// link workers, admins with and without a caseload, and an editor for
// org-1 (Meanwood Walkers). Tests that need more add them with
// [Site.AddUser].
var Users = []casework.User{
	{Email: "north@example.org", Name: "North Worker", Role: casework.RoleLinkWorker, TeamID: "north"},
	{Email: "north2@example.org", Name: "North Colleague", Role: casework.RoleLinkWorker, TeamID: "north"},
	{Email: "south@example.org", Name: "South Worker", Role: casework.RoleLinkWorker, TeamID: "south"},
	{Email: "admin@example.org", Name: "Admin", Role: casework.RoleAdmin},
	{Email: "teamadmin@example.org", Name: "Team Admin", Role: casework.RoleAdmin, TeamID: "north"},
	{Email: "editor@example.org", Name: "Walks Editor", Role: casework.RoleEditor, OrganizationID: "org-1"},
}

// Site is a running Linkway for one test.
type Site struct {
	DB *sqlite.DB
	// Server answers requests directly, without the network.
	Server *web.Server
	// TS serves it over HTTP; its URL starts every link in notifications.
	TS *httptest.Server
	// Now is the clock every part reads (the server, the store, the
	// workflows): a test moves time by setting it between requests.
	Now time.Time
	// Notifier is where notifications go: the outbox unless a test puts
	// another in its place.
	Notifier notify.Notifier
	// Work is the casework workflows the server uses, for the sweeps
	// that cmd runs in the background; Stale sends the stale-listing
	// reminders.
	Work  *casework.Workflow
	Stale *freshness.Reminders
}

// Options changes how [NewWith] builds a site.
type Options struct {
	// Feed is an HSDS file to seed the directory from instead of
	// testdata/services.json here. Such a site has no accounts: [Users]
	// belong to that file's organisations.
	Feed string
	// Configure, when set, changes the server's configuration before the
	// server is built (session settings, limits, the log).
	Configure func(*web.Config)
}

// New starts a site seeded from testdata/services.json.
func New(tb testing.TB) *Site {
	tb.Helper()
	return NewWith(tb, Options{})
}

// NewWith starts a site as o says. Everything is closed when the test
// ends.
func NewWith(tb testing.TB, o Options) *Site {
	tb.Helper()
	ctx := context.Background()
	s := &Site{Now: Start}
	clock := func() time.Time { return s.Now }
	db, err := sqlite.Open(filepath.Join(tb.TempDir(), "test.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	db.Now = clock
	// As serve does: every listing written gets Linkway's kinds of support.
	assigner, err := kinds.Load(data.FS)
	if err != nil {
		tb.Fatal(err)
	}
	db.Kinds = assigner
	s.DB = db
	s.Notifier = notify.Outbox{Store: db}

	feed := services
	if o.Feed != "" {
		if feed, err = os.ReadFile(o.Feed); err != nil {
			tb.Fatal(err)
		}
	}
	err = db.InTx(ctx, func(tx *sqlite.Tx) error {
		_, err := (&hsds.Importer{}).Import(ctx, bytes.NewReader(feed), tx)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	for _, team := range []casework.Team{{ID: "north", Name: "North PCN"}, {ID: "south", Name: "South PCN"}} {
		if err := db.PutTeam(ctx, team); err != nil {
			tb.Fatal(err)
		}
	}
	if o.Feed == "" {
		for _, u := range Users {
			s.AddUser(tb, u)
		}
	}

	ix, _, err := indexer.Open(ctx, filepath.Join(tb.TempDir(), "index"), db)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	if ix.Concepts, err = indexer.LoadConcepts(mustOpen(tb, "concepts.json")); err != nil {
		tb.Fatal(err)
	}
	// The index follows the store as serve runs it, so published changes
	// reach search.
	followCtx, stop := context.WithCancel(ctx)
	followed := make(chan struct{})
	go func() {
		defer close(followed)
		ix.Follow(followCtx, 50*time.Millisecond, func(err error) { tb.Errorf("webtest: follow: %v", err) })
	}()
	tb.Cleanup(func() { stop(); <-followed })

	places, err := geo.LoadFS(data.FS)
	if err != nil {
		tb.Fatal(err)
	}
	cfg, err := matcher.LoadConfig(mustOpen(tb, "matcher.json"))
	if err != nil {
		tb.Fatal(err)
	}
	codes, err := casework.LoadCodes(mustOpen(tb, "snomed.json"))
	if err != nil {
		tb.Fatal(err)
	}
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		tb.Fatal(err)
	}
	bankHolidays, err := data.BankHolidayNames(data.FS)
	if err != nil {
		tb.Fatal(err)
	}

	// The listener comes first: its address is the base URL of the links
	// in notifications.
	s.TS = httptest.NewUnstartedServer(nil)
	baseURL := "http://" + s.TS.Listener.Addr().String()
	notifier := forward{s}

	s.Work = casework.NewWorkflow(db, codes)
	s.Work.Now, s.Work.Zone, s.Work.Notifier, s.Work.BaseURL = clock, london, notifier, baseURL
	c := web.Config{
		Assets: static.FS, Log: slog.New(slog.DiscardHandler), Now: clock,
		// As serve keeps them: in the database.
		Sessions: sqlite3store.NewWithCleanupInterval(db.SessionDB(), 0),
		// Tests move the clock on by days with their clients still logged
		// in; the idle timeout has a test of its own.
		SessionIdleTimeout:    365 * 24 * time.Hour,
		MaxConcurrentRequests: core.DefaultMaxConcurrentRequests,
		Store:                 db, Search: ix, Places: places, Matcher: matcher.New(ix, db, cfg),
		Work: s.Work, Notifier: notifier, BaseURL: baseURL, Kinds: assigner.Kinds(),
		BankHolidays: bankHolidays, Jobs: s.newJobs(tb, places),
	}
	if o.Configure != nil {
		o.Configure(&c)
	}
	srv, err := web.New(c)
	if err != nil {
		tb.Fatal(err)
	}
	s.Stale = freshness.NewReminders(db, notifier)
	s.Stale.Now, s.Stale.Zone, s.Stale.BaseURL = clock, london, baseURL
	s.Server = srv

	s.TS.Config.Handler = srv
	s.TS.Start()
	tb.Cleanup(s.TS.Close)
	return s
}

// Clock is the site's clock as a function, for parts a test builds
// itself (such as a notifier).
func (s *Site) Clock() time.Time { return s.Now }

// forward sends notifications to whichever notifier the site has now.
type forward struct{ s *Site }

func (f forward) Notify(ctx context.Context, m notify.Message) error {
	return f.s.Notifier.Notify(ctx, m)
}

func mustOpen(tb testing.TB, name string) io.Reader {
	tb.Helper()
	b, err := data.FS.ReadFile(name)
	if err != nil {
		tb.Fatal(err)
	}
	return bytes.NewReader(b)
}

// passwordHash is [Password] hashed, once: argon2id takes a tenth of a
// second each time, on purpose.
var passwordHash = sync.OnceValues(func() (string, error) { return account.HashPassword(Password) })

// AddUser creates an account with [Password] and returns its id.
func (s *Site) AddUser(tb testing.TB, u casework.User) int64 {
	tb.Helper()
	hash, err := passwordHash()
	if err != nil {
		tb.Fatal(err)
	}
	id, err := s.DB.CreateUser(context.Background(), u, hash)
	if err != nil {
		tb.Fatal(err)
	}
	return id
}

// Client returns a client with a cookie jar of its own that does not
// follow redirects, so tests see them.
func Client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// As returns a client logged in as email with [Password], or a client
// nobody is logged in on for "".
func (s *Site) As(tb testing.TB, email string) *http.Client {
	tb.Helper()
	c := Client()
	if email != "" {
		if st, body := s.Call(tb, c, "POST", "/api/v1/login", `{"email": "`+email+`", "password": "`+Password+`"}`); st != 200 {
			tb.Fatalf("log in as %s: %d %s", email, st, body)
		}
	}
	return c
}

// Call sends a JSON request (a GET when body is empty) with the given
// header names and values, and returns the status and body.
func (s *Site) Call(tb testing.TB, c *http.Client, method, path, body string, header ...string) (int, string) {
	tb.Helper()
	req, err := http.NewRequest(method, s.TS.URL+path, strings.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// Form posts a form as a browser on the same site would, and returns the
// status, the Location header and the body.
func (s *Site) Form(tb testing.TB, c *http.Client, path string, v url.Values) (int, string, string) {
	tb.Helper()
	req, err := http.NewRequest("POST", s.TS.URL+path, strings.NewReader(v.Encode()))
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", s.TS.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := c.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

// Get sends a GET for target to h directly, as a resident's browser.
func Get(tb testing.TB, h http.Handler, target string) *http.Response {
	tb.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	return rec.Result()
}

// Body reads resp's body.
func Body(tb testing.TB, resp *http.Response) string {
	tb.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// Decode reads body as JSON into a T.
func Decode[T any](tb testing.TB, body string) T {
	tb.Helper()
	var v T
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		tb.Fatalf("not JSON: %v: %s", err, body)
	}
	return v
}

// AdaJSON is a person's record as the API takes it: Ada, on the north
// team's caseload, who agreed to her record being held and shared.
const AdaJSON = `{"name": "Ada Lovelace", "date_of_birth": "1950-03-04", "postcode": "LS6 1AA", "nhs_number": "943 476 5919",
	"priorities": "lonely since my husband died", "practice": "Oak Surgery", "consent": {"hold": true, "share": true}}`

// MustPerson adds a person (body is the API's JSON) as c and returns
// their id.
func (s *Site) MustPerson(tb testing.TB, c *http.Client, body string) string {
	tb.Helper()
	st, out := s.Call(tb, c, "POST", "/api/v1/people", body)
	if st != http.StatusCreated {
		tb.Fatalf("add a person: %d %s", st, out)
	}
	return Decode[map[string]string](tb, out)["id"]
}

// ReferralNote is the note [Site.MustRefer] sends with each referral.
const ReferralNote = "she would like a morning group"

// MustRefer refers (mode "referral") or signposts (mode "signpost") a
// person to a service as c, with a note, and returns the referral's id.
// It confirms a second open referral to the same service, which tests
// often make.
func (s *Site) MustRefer(tb testing.TB, c *http.Client, personID, serviceID, mode string) string {
	tb.Helper()
	st, out := s.Call(tb, c, "POST", "/api/v1/people/"+personID+"/referrals",
		`{"service_id": "`+serviceID+`", "mode": "`+mode+`", "note": "`+ReferralNote+`", "confirm_duplicate": true}`)
	if st != http.StatusCreated {
		tb.Fatalf("refer to %s: %d %s", serviceID, st, out)
	}
	return Decode[map[string]string](tb, out)["id"]
}

// Listing reads a service from the store.
func (s *Site) Listing(tb testing.TB, id string) *directory.Service {
	tb.Helper()
	svc, err := s.DB.Service(context.Background(), id)
	if err != nil {
		tb.Fatal(err)
	}
	return svc
}

// Outbox returns the outbox's messages of kind (all kinds for ""),
// oldest first.
func (s *Site) Outbox(tb testing.TB, kind string) []notify.Entry {
	tb.Helper()
	list, err := s.DB.Outbox(context.Background(), notify.OutboxFilter{Kind: kind})
	if err != nil {
		tb.Fatal(err)
	}
	slices.Reverse(list)
	return list
}

// AuditCount counts the audit entries for action whose detail contains
// detail.
func (s *Site) AuditCount(tb testing.TB, action, detail string) int {
	tb.Helper()
	list, _, err := s.DB.Audit(context.Background(), casework.AuditFilter{})
	if err != nil {
		tb.Fatal(err)
	}
	n := 0
	for _, e := range list {
		if e.Action == action && strings.Contains(e.Detail, detail) {
			n++
		}
	}
	return n
}

// Audited reports whether the audit log has an entry for action whose
// detail contains detail.
func (s *Site) Audited(tb testing.TB, action, detail string) bool {
	tb.Helper()
	return s.AuditCount(tb, action, detail) > 0
}

// LinkIn returns the first link to the site under path (such as
// "/invite/") in text, without the site's address, or fails.
func (s *Site) LinkIn(tb testing.TB, text, path string) string {
	tb.Helper()
	m := regexp.MustCompile(regexp.QuoteMeta(s.TS.URL+path) + `[A-Za-z0-9]+`).FindString(text)
	if m == "" {
		tb.Fatalf("no %s link in %q", path, text)
	}
	return strings.TrimPrefix(m, s.TS.URL)
}

// WantIn reports each of want that body, which is what, lacks.
func WantIn(tb testing.TB, what, body string, want ...string) {
	tb.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			tb.Errorf("%s lacks %q", what, w)
		}
	}
}

// SeedReferral stores, as it is and without its workflow (no message, no
// audit), a referral of the person with id personID to the service with
// id serviceID made at at by user 1, and returns it for a test to move
// on: referrals from the past, which no request can make.
func (s *Site) SeedReferral(tb testing.TB, personID, serviceID string, at time.Time) *casework.Referral {
	tb.Helper()
	ctx := context.Background()
	p, err := s.DB.Person(ctx, personID)
	if err != nil {
		tb.Fatal(err)
	}
	svc := s.Listing(tb, serviceID)
	ref, err := casework.NewReferral(casework.Referral{PersonID: p.ID, TeamID: p.TeamID, ServiceID: svc.ID, ServiceName: svc.Name,
		OrganizationID: svc.OrganizationID(), Mode: casework.ModeReferral}, 1, "", at)
	if err != nil {
		tb.Fatal(err)
	}
	if err := s.DB.InTx(ctx, func(tx *sqlite.Tx) error { return tx.CreateReferral(ctx, ref) }); err != nil {
		tb.Fatal(err)
	}
	return ref
}
