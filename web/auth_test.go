package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/sqlite"
	"github.com/linkway/linkway/static"
)

// The password every test account has.
const testPassword = "correct horse battery"

// authFixture is a server over a real SQLite file with three accounts,
// and test-only routes behind requireRole.
type authFixture struct {
	srv    *Server
	db     *sqlite.DB
	ts     *httptest.Server
	admin  int64 // admin@example.org, no team
	worker int64 // worker@example.org, link worker in team north
	editor int64 // editor@example.org
}

// mustAuthServer builds the fixture. configure, when not nil, may change
// the Server before it serves (session timeouts, secure cookies).
func mustAuthServer(tb testing.TB, configure func(*Server)) *authFixture {
	tb.Helper()
	db, err := sqlite.Open(filepath.Join(tb.TempDir(), "test.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	ctx := context.Background()
	if err := db.PutTeam(ctx, casework.Team{ID: "north", Name: "North PCN"}); err != nil {
		tb.Fatal(err)
	}
	hash, err := HashPassword(testPassword)
	if err != nil {
		tb.Fatal(err)
	}
	f := &authFixture{db: db}
	for _, a := range []struct {
		id *int64
		u  casework.User
	}{
		{&f.admin, casework.User{Email: "admin@example.org", Name: "Ada Admin", Role: casework.RoleAdmin}},
		{&f.worker, casework.User{Email: "worker@example.org", Name: "Wil Worker", Role: casework.RoleLinkWorker, TeamID: "north"}},
	} {
		if *a.id, err = db.CreateUser(ctx, a.u, hash); err != nil {
			tb.Fatal(err)
		}
	}
	// Searching, places and matching are not needed to log in.
	f.srv, err = NewServer(db, db, nil, nil, nil, static.FS, slog.New(slog.DiscardHandler))
	if err != nil {
		tb.Fatal(err)
	}
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("admin only")) })
	f.srv.router.Handle("/test/admin-only", f.srv.requireRole(casework.RoleAdmin)(ok))
	f.srv.router.Handle("/api/v1/test/admin-only", f.srv.requireRole(casework.RoleAdmin)(ok))
	if configure != nil {
		configure(f.srv)
	}
	f.ts = httptest.NewServer(f.srv)
	tb.Cleanup(f.ts.Close)
	return f
}

// client returns a client with its own cookie jar that does not follow
// redirects, so tests see them.
func (f *authFixture) client(tb testing.TB) *http.Client {
	tb.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		tb.Fatal(err)
	}
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

type response struct {
	status int
	body   string
	header http.Header
	resp   *http.Response
}

func do(tb testing.TB, c *http.Client, method, target, contentType, body string, header ...string) response {
	tb.Helper()
	req, err := http.NewRequest(method, target, strings.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return response{resp.StatusCode, string(b), resp.Header, resp}
}

func (f *authFixture) apiLogin(tb testing.TB, c *http.Client, email, password string) response {
	tb.Helper()
	b, _ := json.Marshal(map[string]string{"email": email, "password": password})
	return do(tb, c, http.MethodPost, f.ts.URL+"/api/v1/login", "application/json", string(b))
}

func (f *authFixture) me(tb testing.TB, c *http.Client) int {
	tb.Helper()
	return do(tb, c, http.MethodGet, f.ts.URL+"/api/v1/me", "", "").status
}

// sessionCookie returns the session cookie set by resp, or nil.
func sessionCookieOf(resp *http.Response) *http.Cookie {
	for _, c := range resp.Cookies() {
		if c.Name == sessionCookie {
			return c
		}
	}
	return nil
}

func (f *authFixture) audit(tb testing.TB, filter sqlite.AuditFilter) []casework.AuditEntry {
	tb.Helper()
	list, _, err := f.db.Audit(context.Background(), filter)
	if err != nil {
		tb.Fatal(err)
	}
	return list
}

func TestHashPassword(t *testing.T) {
	if _, err := HashPassword("short pw 11"); directory.KindOf(err) != directory.Invalid || !strings.Contains(err.Error(), "at least 12 characters") {
		t.Errorf("HashPassword(11 characters) error = %v, want Invalid, at least 12 characters", err)
	}
	h, err := HashPassword("twelve chars")
	if err != nil || !strings.HasPrefix(h, "$argon2id$") {
		t.Fatalf("HashPassword = %q, %v; want an argon2id hash", h, err)
	}
	s := &Server{hashSlots: make(chan struct{}, 1)}
	if ok, err := s.checkPassword(context.Background(), "twelve chars", h); !ok || err != nil {
		t.Errorf("checkPassword(right) = %v, %v", ok, err)
	}
	if ok, err := s.checkPassword(context.Background(), "twelve chars!", h); ok || err != nil {
		t.Errorf("checkPassword(wrong) = %v, %v", ok, err)
	}
	if ok, err := s.checkPassword(context.Background(), "anything at all", ""); ok || err != nil {
		t.Errorf("checkPassword(no account) = %v, %v; want false, nil", ok, err)
	}
}

func TestAPILogin(t *testing.T) {
	f := mustAuthServer(t, nil)
	c := f.client(t)

	r := f.apiLogin(t, c, "Worker@Example.org", testPassword)
	if r.status != http.StatusOK {
		t.Fatalf("login = %d %s, want 200", r.status, r.body)
	}
	var got struct {
		User map[string]any `json:"user"`
	}
	if err := json.Unmarshal([]byte(r.body), &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"id": float64(f.worker), "email": "worker@example.org", "name": "Wil Worker", "role": "linkworker", "team": "north"}
	for k, v := range want {
		if got.User[k] != v {
			t.Errorf("user.%s = %v, want %v", k, got.User[k], v)
		}
	}
	ck := sessionCookieOf(r.resp)
	if ck == nil {
		t.Fatalf("no %s cookie set; Set-Cookie: %q", sessionCookie, r.header.Values("Set-Cookie"))
	}
	if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Secure || ck.Path != "/" {
		t.Errorf("cookie %+v: want HttpOnly, SameSite=Lax, not Secure over plain HTTP, Path=/", ck)
	}
	if f.me(t, c) != http.StatusOK {
		t.Error("GET /api/v1/me after login is not 200")
	}

	for _, tt := range []struct{ name, email, password string }{
		{"wrong password", "worker@example.org", "not the password"},
		{"unknown email", "nobody@example.org", testPassword},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := f.client(t)
			r := f.apiLogin(t, c, tt.email, tt.password)
			if r.status != http.StatusUnauthorized || !strings.Contains(r.body, `{"error":"email or password is wrong"}`) {
				t.Errorf("login = %d %s, want 401 email or password is wrong", r.status, r.body)
			}
			if ck := sessionCookieOf(r.resp); ck != nil {
				t.Errorf("a failed login set a session cookie: %v", ck)
			}
			if f.me(t, c) != http.StatusUnauthorized {
				t.Error("GET /api/v1/me after a failed login is not 401")
			}
		})
	}
	if r := do(t, c, http.MethodPost, f.ts.URL+"/api/v1/login", "application/json", `{"email": "x@example.org"}`); r.status != http.StatusBadRequest {
		t.Errorf("login without password = %d, want 400", r.status)
	}
}

func TestSecureCookie(t *testing.T) {
	t.Run("SecureCookies set, behind a TLS proxy", func(t *testing.T) {
		f := mustAuthServer(t, func(s *Server) { s.SecureCookies = true })
		r := f.apiLogin(t, f.client(t), "admin@example.org", testPassword)
		if ck := sessionCookieOf(r.resp); ck == nil || !ck.Secure {
			t.Errorf("cookie = %v, want Secure", ck)
		}
	})
	t.Run("request over TLS", func(t *testing.T) {
		f := mustAuthServer(t, nil)
		ts := httptest.NewTLSServer(f.srv)
		defer ts.Close()
		c := ts.Client()
		b := `{"email": "admin@example.org", "password": "` + testPassword + `"}`
		r := do(t, c, http.MethodPost, ts.URL+"/api/v1/login", "application/json", b)
		if ck := sessionCookieOf(r.resp); r.status != http.StatusOK || ck == nil || !ck.Secure {
			t.Errorf("login over TLS = %d, cookie %v; want Secure", r.status, ck)
		}
	})
}

func TestSessionTokenRotatesAtLogin(t *testing.T) {
	f := mustAuthServer(t, nil)
	c := f.client(t)
	u, _ := url.Parse(f.ts.URL)
	// An attacker's token planted before login (session fixation).
	c.Jar.SetCookies(u, []*http.Cookie{{Name: sessionCookie, Value: "planted-by-someone-else", Path: "/"}})
	r := f.apiLogin(t, c, "admin@example.org", testPassword)
	first := sessionCookieOf(r.resp)
	if first == nil || first.Value == "planted-by-someone-else" {
		t.Fatalf("session cookie after login = %v, want a new token", first)
	}
	planted := f.client(t)
	planted.Jar.SetCookies(u, []*http.Cookie{{Name: sessionCookie, Value: "planted-by-someone-else", Path: "/"}})
	if f.me(t, planted) != http.StatusUnauthorized {
		t.Error("the planted token is logged in")
	}

	// Logging in again in the same session changes the token again, and
	// the old one stops working.
	r = f.apiLogin(t, c, "admin@example.org", testPassword)
	second := sessionCookieOf(r.resp)
	if second == nil || second.Value == first.Value {
		t.Fatalf("second login kept token %v", second)
	}
	old := f.client(t)
	old.Jar.SetCookies(u, []*http.Cookie{first})
	if f.me(t, old) != http.StatusUnauthorized {
		t.Error("the token from before the second login still works")
	}
}

func TestLogoutEndsSession(t *testing.T) {
	f := mustAuthServer(t, nil)
	u, _ := url.Parse(f.ts.URL)

	c := f.client(t)
	ck := sessionCookieOf(f.apiLogin(t, c, "admin@example.org", testPassword).resp)
	r := do(t, c, http.MethodPost, f.ts.URL+"/api/v1/logout", "", "")
	if r.status != http.StatusNoContent {
		t.Fatalf("API logout = %d, want 204", r.status)
	}
	if gone := sessionCookieOf(r.resp); gone == nil || gone.MaxAge >= 0 {
		t.Errorf("logout cookie = %v, want it deleted", gone)
	}
	if f.me(t, c) != http.StatusUnauthorized {
		t.Error("still logged in after logout")
	}
	replay := f.client(t)
	replay.Jar.SetCookies(u, []*http.Cookie{ck})
	if f.me(t, replay) != http.StatusUnauthorized {
		t.Error("the token still works after logout")
	}

	// The page's logout form.
	f.apiLogin(t, c, "admin@example.org", testPassword)
	r = do(t, c, http.MethodPost, f.ts.URL+"/logout", "application/x-www-form-urlencoded", "")
	if r.status != http.StatusSeeOther || f.me(t, c) != http.StatusUnauthorized {
		t.Errorf("POST /logout = %d and still logged in: %v", r.status, f.me(t, c) == http.StatusOK)
	}
	if got := f.audit(t, sqlite.AuditFilter{UserID: f.admin}); len(got) == 0 || got[0].Action != "logout" {
		t.Errorf("newest audit entry = %+v, want logout", got)
	}
}

func TestIdleTimeout(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	f := mustAuthServer(t, func(s *Server) {
		s.SessionIdleTimeout = 30 * time.Minute
		s.Now = func() time.Time { return now }
	})
	c := f.client(t)
	f.apiLogin(t, c, "admin@example.org", testPassword)
	// Activity keeps the session alive past one idle timeout in all...
	now = now.Add(29 * time.Minute)
	if f.me(t, c) != http.StatusOK {
		t.Fatal("session ended before the idle timeout")
	}
	now = now.Add(29 * time.Minute)
	if f.me(t, c) != http.StatusOK {
		t.Fatal("a request did not extend the idle timeout")
	}
	// ...and a pause as long as it ends the session, for good.
	now = now.Add(30 * time.Minute)
	if f.me(t, c) != http.StatusUnauthorized {
		t.Error("session still alive after the idle timeout")
	}
	now = now.Add(time.Minute)
	if f.me(t, c) != http.StatusUnauthorized {
		t.Error("an idle session came back on the next request")
	}
}

func TestAbsoluteLifetime(t *testing.T) {
	f := mustAuthServer(t, func(s *Server) { s.SessionLifetime = 500 * time.Millisecond })
	c := f.client(t)
	f.apiLogin(t, c, "admin@example.org", testPassword)
	time.Sleep(250 * time.Millisecond)
	if f.me(t, c) != http.StatusOK {
		t.Fatal("session ended before its lifetime")
	}
	// Busy or not, the session ends when its lifetime does.
	time.Sleep(350 * time.Millisecond)
	if f.me(t, c) != http.StatusUnauthorized {
		t.Error("session still alive after its lifetime")
	}
}

func TestLockAfterFiveWrongPasswords(t *testing.T) {
	f := mustAuthServer(t, nil)
	c := f.client(t)
	for i := 1; i <= 5; i++ {
		r := f.apiLogin(t, c, "worker@example.org", fmt.Sprintf("wrong password %d", i))
		want := http.StatusUnauthorized
		if i == 5 {
			want = http.StatusTooManyRequests
		}
		if r.status != want {
			t.Fatalf("wrong password %d = %d %s, want %d", i, r.status, r.body, want)
		}
	}
	r := f.apiLogin(t, c, "worker@example.org", testPassword)
	if r.status != http.StatusTooManyRequests || !strings.Contains(r.body, "try again in 15 minutes") {
		t.Errorf("right password while locked = %d %s, want 429 saying to try again in 15 minutes", r.status, r.body)
	}
	if r.header.Get("Retry-After") == "" {
		t.Error("429 without Retry-After")
	}
	if f.me(t, c) != http.StatusUnauthorized {
		t.Error("logged in while locked")
	}
	// Another account is not locked.
	if r := f.apiLogin(t, f.client(t), "admin@example.org", testPassword); r.status != http.StatusOK {
		t.Errorf("other account's login = %d", r.status)
	}

	counts := map[string]int{}
	for _, e := range f.audit(t, sqlite.AuditFilter{UserID: f.worker}) {
		counts[e.Action]++
	}
	if counts["login.failed"] != 5 || counts["login.locked"] != 2 || counts["login"] != 0 {
		t.Errorf("audit actions for the locked account = %v, want 5 login.failed and 2 login.locked (the lock, the attempt)", counts)
	}
}

func TestThrottlePerAddress(t *testing.T) {
	f := mustAuthServer(t, func(s *Server) { s.limiter = newLimiter(3, time.Minute) })
	c := f.client(t)
	emails := []string{"a@example.org", "b@example.org", "c@example.org"}
	for _, e := range emails {
		if r := f.apiLogin(t, c, e, "guess guess guess"); r.status != http.StatusUnauthorized {
			t.Fatalf("failure %s = %d, want 401", e, r.status)
		}
	}
	r := f.apiLogin(t, c, "admin@example.org", testPassword)
	if r.status != http.StatusTooManyRequests || !strings.Contains(r.body, "too many failed logins from here") {
		t.Errorf("login after 3 failures from one address = %d %s, want 429", r.status, r.body)
	}
	var throttled int
	for _, e := range f.audit(t, sqlite.AuditFilter{}) {
		if e.Action == "login.throttled" {
			throttled++
		}
	}
	if throttled != 1 {
		t.Errorf("%d login.throttled entries, want 1", throttled)
	}
}

func TestCrossOriginLoginRefused(t *testing.T) {
	f := mustAuthServer(t, nil)
	c := f.client(t)
	b := `{"email": "admin@example.org", "password": "` + testPassword + `"}`
	for _, target := range []string{"/api/v1/login", "/login"} {
		r := do(t, c, http.MethodPost, f.ts.URL+target, "application/json", b, "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site")
		if r.status != http.StatusForbidden {
			t.Errorf("cross-origin POST %s = %d, want 403", target, r.status)
		}
	}
	if f.me(t, c) != http.StatusUnauthorized {
		t.Error("a cross-origin login logged in")
	}
}

func TestRequireRole(t *testing.T) {
	f := mustAuthServer(t, nil)

	anon := f.client(t)
	if r := do(t, anon, http.MethodGet, f.ts.URL+"/test/admin-only", "", ""); r.status != http.StatusSeeOther || r.header.Get("Location") != "/login" {
		t.Errorf("logged out page = %d to %q, want 303 to /login", r.status, r.header.Get("Location"))
	}
	if r := do(t, anon, http.MethodGet, f.ts.URL+"/api/v1/test/admin-only", "", ""); r.status != http.StatusUnauthorized || !strings.Contains(r.body, `"error"`) {
		t.Errorf("logged out API = %d %s, want a JSON 401", r.status, r.body)
	}

	worker := f.client(t)
	f.apiLogin(t, worker, "worker@example.org", testPassword)
	if r := do(t, worker, http.MethodGet, f.ts.URL+"/test/admin-only", "", ""); r.status != http.StatusNotFound || strings.Contains(r.body, "admin only") {
		t.Errorf("link worker on an admin page = %d, want 404", r.status)
	}
	if r := do(t, worker, http.MethodGet, f.ts.URL+"/api/v1/test/admin-only", "", ""); r.status != http.StatusNotFound || !strings.Contains(r.body, `"error"`) {
		t.Errorf("link worker on an admin API = %d %s, want a JSON 404", r.status, r.body)
	}

	admin := f.client(t)
	f.apiLogin(t, admin, "admin@example.org", testPassword)
	r := do(t, admin, http.MethodGet, f.ts.URL+"/test/admin-only", "", "")
	if r.status != http.StatusOK || r.body != "admin only" {
		t.Errorf("admin = %d %q, want 200", r.status, r.body)
	}
	if r.header.Get("Cache-Control") != "no-store" {
		t.Errorf("Cache-Control = %q, want no-store behind a login", r.header.Get("Cache-Control"))
	}
}

func TestDisabledUserIsLoggedOut(t *testing.T) {
	f := mustAuthServer(t, nil)
	c := f.client(t)
	f.apiLogin(t, c, "worker@example.org", testPassword)
	if err := f.db.SetUserDisabled(context.Background(), f.worker, true); err != nil {
		t.Fatal(err)
	}
	if f.me(t, c) != http.StatusUnauthorized {
		t.Error("a disabled user is still logged in")
	}
	r := f.apiLogin(t, c, "worker@example.org", testPassword)
	if r.status != http.StatusUnauthorized || !strings.Contains(r.body, "email or password is wrong") {
		t.Errorf("disabled user's login = %d %s, want the same 401 as a wrong password", r.status, r.body)
	}
}

func TestLoginAudited(t *testing.T) {
	f := mustAuthServer(t, nil)
	c := f.client(t)
	f.apiLogin(t, c, "nobody@example.org", "some password here")
	f.apiLogin(t, c, "admin@example.org", "not the password")
	f.apiLogin(t, c, "admin@example.org", testPassword)

	all := f.audit(t, sqlite.AuditFilter{})
	var got []string
	for _, e := range all {
		got = append(got, fmt.Sprintf("%s:%d", e.Action, e.UserID))
		if e.Remote != "127.0.0.1" {
			t.Errorf("%s remote = %q, want 127.0.0.1", e.Action, e.Remote)
		}
		for _, secret := range []string{"example.org", "password here", "not the password", testPassword} {
			if strings.Contains(e.Detail, secret) {
				t.Errorf("%s detail %q holds %q", e.Action, e.Detail, secret)
			}
		}
	}
	want := []string{fmt.Sprintf("login:%d", f.admin), fmt.Sprintf("login.failed:%d", f.admin), "login.failed:0"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("audit (newest first) = %v, want %v", got, want)
	}
}

func TestLoginPage(t *testing.T) {
	f := mustAuthServer(t, nil)
	c := f.client(t)
	r := do(t, c, http.MethodGet, f.ts.URL+"/login", "", "")
	for _, want := range []string{"<h1>Log in</h1>", `<label for="email">`, `autocomplete="username"`, `<label for="password">`, `autocomplete="current-password"`, `action="/login"`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("login page lacks %q", want)
		}
	}
	if strings.Contains(r.body, `role="alert"`) {
		t.Error("login page shows an error before any attempt")
	}

	form := "application/x-www-form-urlencoded"
	r = do(t, c, http.MethodPost, f.ts.URL+"/login", form, "email=&password=")
	if r.status != http.StatusBadRequest {
		t.Errorf("empty form = %d, want 400", r.status)
	}
	for _, want := range []string{`role="alert"`, `<a href="#email">Enter your email address</a>`, `<a href="#password">Enter your password</a>`, `aria-describedby="email-error"`, `aria-invalid="true"`, "<title>Error: Log in"} {
		if !strings.Contains(r.body, want) {
			t.Errorf("empty form answer lacks %q", want)
		}
	}

	r = do(t, c, http.MethodPost, f.ts.URL+"/login", form, url.Values{"email": {"admin@example.org"}, "password": {"nope nope nope"}}.Encode())
	if r.status != http.StatusUnauthorized || !strings.Contains(r.body, `<a href="#email">Email or password is wrong</a>`) || !strings.Contains(r.body, `value="admin@example.org"`) {
		t.Errorf("wrong password = %d, want 401 with the error and the email kept", r.status)
	}
	if strings.Contains(r.body, "nope nope nope") {
		t.Error("the page repeats the password")
	}

	r = do(t, c, http.MethodPost, f.ts.URL+"/login", form, url.Values{"email": {"admin@example.org"}, "password": {testPassword}}.Encode())
	// An admin with no team has no caseload: they start at the users page.
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/admin/users" {
		t.Errorf("admin login = %d to %q, want 303 to /admin/users", r.status, r.header.Get("Location"))
	}
	if f.me(t, c) != http.StatusOK {
		t.Error("the login form did not log in")
	}
	if r := do(t, c, http.MethodGet, f.ts.URL+"/login", "", ""); r.status != http.StatusSeeOther {
		t.Errorf("login page when logged in = %d, want 303 onwards", r.status)
	}
	// A link worker starts at their caseload.
	w := f.client(t)
	r = do(t, w, http.MethodPost, f.ts.URL+"/login", form, url.Values{"email": {"worker@example.org"}, "password": {testPassword}}.Encode())
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/casework" {
		t.Errorf("link worker login = %d to %q, want 303 to /casework", r.status, r.header.Get("Location"))
	}
}
