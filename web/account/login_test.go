package account_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/internal/webtest"
	"github.com/linkway/linkway/web"
	"github.com/linkway/linkway/web/core"
)

// authFixture is a site with the ids of the accounts these tests log in
// as.
type authFixture struct {
	*webtest.Site
	admin  int64 // admin@example.org, no team
	worker int64 // north@example.org, link worker in team north
}

func mustAuthServer(tb testing.TB, configure func(*web.Config)) *authFixture {
	tb.Helper()
	f := &authFixture{Site: webtest.NewWith(tb, webtest.Options{Configure: configure})}
	for _, a := range []struct {
		id    *int64
		email string
	}{{&f.admin, "admin@example.org"}, {&f.worker, "north@example.org"}} {
		u, _, err := f.DB.UserByEmail(context.Background(), a.email)
		if err != nil {
			tb.Fatal(err)
		}
		*a.id = u.ID
	}
	return f
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
	return do(tb, c, http.MethodPost, f.TS.URL+"/api/v1/login", "application/json", string(b))
}

func (f *authFixture) me(tb testing.TB, c *http.Client) int {
	tb.Helper()
	return do(tb, c, http.MethodGet, f.TS.URL+"/api/v1/me", "", "").status
}

// sessionCookieOf returns the session cookie set by resp, or nil.
func sessionCookieOf(resp *http.Response) *http.Cookie {
	for _, c := range resp.Cookies() {
		if c.Name == core.SessionCookie {
			return c
		}
	}
	return nil
}

func (f *authFixture) audit(tb testing.TB, filter casework.AuditFilter) []casework.AuditEntry {
	tb.Helper()
	list, _, err := f.DB.Audit(context.Background(), filter)
	if err != nil {
		tb.Fatal(err)
	}
	return list
}

func TestAPILogin(t *testing.T) {
	f := mustAuthServer(t, nil)
	c := webtest.Client()

	r := f.apiLogin(t, c, "North@Example.org", webtest.Password)
	if r.status != http.StatusOK {
		t.Fatalf("login = %d %s, want 200", r.status, r.body)
	}
	var got struct {
		User map[string]any `json:"user"`
	}
	if err := json.Unmarshal([]byte(r.body), &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"id": float64(f.worker), "email": "north@example.org", "name": "North Worker", "role": "linkworker", "team": "north"}
	for k, v := range want {
		if got.User[k] != v {
			t.Errorf("user.%s = %v, want %v", k, got.User[k], v)
		}
	}
	ck := sessionCookieOf(r.resp)
	if ck == nil {
		t.Fatalf("no %s cookie set; Set-Cookie: %q", core.SessionCookie, r.header.Values("Set-Cookie"))
	}
	if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Secure || ck.Path != "/" {
		t.Errorf("cookie %+v: want HttpOnly, SameSite=Lax, not Secure over plain HTTP, Path=/", ck)
	}
	if f.me(t, c) != http.StatusOK {
		t.Error("GET /api/v1/me after login is not 200")
	}

	for _, tt := range []struct{ name, email, password string }{
		{"wrong password", "north@example.org", "not the password"},
		{"unknown email", "nobody@example.org", webtest.Password},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := webtest.Client()
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
	if r := do(t, c, http.MethodPost, f.TS.URL+"/api/v1/login", "application/json", `{"email": "x@example.org"}`); r.status != http.StatusBadRequest {
		t.Errorf("login without password = %d, want 400", r.status)
	}
}

func TestSecureCookie(t *testing.T) {
	t.Run("SecureCookies set, behind a TLS proxy", func(t *testing.T) {
		f := mustAuthServer(t, func(c *web.Config) { c.SecureCookies = true })
		r := f.apiLogin(t, webtest.Client(), "admin@example.org", webtest.Password)
		if ck := sessionCookieOf(r.resp); ck == nil || !ck.Secure {
			t.Errorf("cookie = %v, want Secure", ck)
		}
	})
	t.Run("request over TLS", func(t *testing.T) {
		f := mustAuthServer(t, nil)
		ts := httptest.NewTLSServer(f.Server)
		defer ts.Close()
		c := ts.Client()
		b := `{"email": "admin@example.org", "password": "` + webtest.Password + `"}`
		r := do(t, c, http.MethodPost, ts.URL+"/api/v1/login", "application/json", b)
		if ck := sessionCookieOf(r.resp); r.status != http.StatusOK || ck == nil || !ck.Secure {
			t.Errorf("login over TLS = %d, cookie %v; want Secure", r.status, ck)
		}
	})
}

func TestSessionTokenRotatesAtLogin(t *testing.T) {
	f := mustAuthServer(t, nil)
	c := webtest.Client()
	u, _ := url.Parse(f.TS.URL)
	// An attacker's token planted before login (session fixation).
	c.Jar.SetCookies(u, []*http.Cookie{{Name: core.SessionCookie, Value: "planted-by-someone-else", Path: "/"}})
	r := f.apiLogin(t, c, "admin@example.org", webtest.Password)
	first := sessionCookieOf(r.resp)
	if first == nil || first.Value == "planted-by-someone-else" {
		t.Fatalf("session cookie after login = %v, want a new token", first)
	}
	planted := webtest.Client()
	planted.Jar.SetCookies(u, []*http.Cookie{{Name: core.SessionCookie, Value: "planted-by-someone-else", Path: "/"}})
	if f.me(t, planted) != http.StatusUnauthorized {
		t.Error("the planted token is logged in")
	}

	// Logging in again in the same session changes the token again, and
	// the old one stops working.
	r = f.apiLogin(t, c, "admin@example.org", webtest.Password)
	second := sessionCookieOf(r.resp)
	if second == nil || second.Value == first.Value {
		t.Fatalf("second login kept token %v", second)
	}
	old := webtest.Client()
	old.Jar.SetCookies(u, []*http.Cookie{first})
	if f.me(t, old) != http.StatusUnauthorized {
		t.Error("the token from before the second login still works")
	}
}

func TestLogoutEndsSession(t *testing.T) {
	f := mustAuthServer(t, nil)
	u, _ := url.Parse(f.TS.URL)

	c := webtest.Client()
	ck := sessionCookieOf(f.apiLogin(t, c, "admin@example.org", webtest.Password).resp)
	r := do(t, c, http.MethodPost, f.TS.URL+"/api/v1/logout", "", "")
	if r.status != http.StatusNoContent {
		t.Fatalf("API logout = %d, want 204", r.status)
	}
	if gone := sessionCookieOf(r.resp); gone == nil || gone.MaxAge >= 0 {
		t.Errorf("logout cookie = %v, want it deleted", gone)
	}
	if f.me(t, c) != http.StatusUnauthorized {
		t.Error("still logged in after logout")
	}
	replay := webtest.Client()
	replay.Jar.SetCookies(u, []*http.Cookie{ck})
	if f.me(t, replay) != http.StatusUnauthorized {
		t.Error("the token still works after logout")
	}

	// The page's logout form.
	f.apiLogin(t, c, "admin@example.org", webtest.Password)
	r = do(t, c, http.MethodPost, f.TS.URL+"/logout", "application/x-www-form-urlencoded", "")
	if r.status != http.StatusSeeOther || f.me(t, c) != http.StatusUnauthorized {
		t.Errorf("POST /logout = %d and still logged in: %v", r.status, f.me(t, c) == http.StatusOK)
	}
	if got := f.audit(t, casework.AuditFilter{UserID: f.admin}); len(got) == 0 || got[0].Action != "logout" {
		t.Errorf("newest audit entry = %+v, want logout", got)
	}
}

func TestIdleTimeout(t *testing.T) {
	f := mustAuthServer(t, func(c *web.Config) { c.SessionIdleTimeout = 30 * time.Minute })
	c := webtest.Client()
	f.apiLogin(t, c, "admin@example.org", webtest.Password)
	// Activity keeps the session alive past one idle timeout in all...
	f.Now = f.Now.Add(29 * time.Minute)
	if f.me(t, c) != http.StatusOK {
		t.Fatal("session ended before the idle timeout")
	}
	f.Now = f.Now.Add(29 * time.Minute)
	if f.me(t, c) != http.StatusOK {
		t.Fatal("a request did not extend the idle timeout")
	}
	// ...and a pause as long as it ends the session, for good.
	f.Now = f.Now.Add(30 * time.Minute)
	if f.me(t, c) != http.StatusUnauthorized {
		t.Error("session still alive after the idle timeout")
	}
	f.Now = f.Now.Add(time.Minute)
	if f.me(t, c) != http.StatusUnauthorized {
		t.Error("an idle session came back on the next request")
	}
}

func TestAbsoluteLifetime(t *testing.T) {
	f := mustAuthServer(t, func(c *web.Config) {
		c.SessionLifetime = 12 * time.Hour
		c.SessionIdleTimeout = 24 * time.Hour // so that only the lifetime can end it
	})
	c := webtest.Client()
	f.apiLogin(t, c, "admin@example.org", webtest.Password)
	f.Now = f.Now.Add(12*time.Hour - time.Minute)
	if f.me(t, c) != http.StatusOK {
		t.Fatal("session ended before its lifetime")
	}
	// Busy or not, the session ends when its lifetime does.
	f.Now = f.Now.Add(time.Minute)
	if f.me(t, c) != http.StatusUnauthorized {
		t.Error("session still alive after its lifetime")
	}
	// A new login starts a new lifetime.
	f.apiLogin(t, c, "admin@example.org", webtest.Password)
	if f.me(t, c) != http.StatusOK {
		t.Error("a new login did not start a new session")
	}
}

func TestLockAfterFiveWrongPasswords(t *testing.T) {
	f := mustAuthServer(t, nil)
	c := webtest.Client()
	for i := 1; i <= 5; i++ {
		r := f.apiLogin(t, c, "north@example.org", fmt.Sprintf("wrong password %d", i))
		want := http.StatusUnauthorized
		if i == 5 {
			want = http.StatusTooManyRequests
		}
		if r.status != want {
			t.Fatalf("wrong password %d = %d %s, want %d", i, r.status, r.body, want)
		}
	}
	r := f.apiLogin(t, c, "north@example.org", webtest.Password)
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
	if r := f.apiLogin(t, webtest.Client(), "admin@example.org", webtest.Password); r.status != http.StatusOK {
		t.Errorf("other account's login = %d", r.status)
	}

	counts := map[string]int{}
	for _, e := range f.audit(t, casework.AuditFilter{UserID: f.worker}) {
		counts[e.Action]++
	}
	if counts["login.failed"] != 5 || counts["login.locked"] != 2 || counts["login"] != 0 {
		t.Errorf("audit actions for the locked account = %v, want 5 login.failed and 2 login.locked (the lock, the attempt)", counts)
	}
}

func TestThrottlePerAddress(t *testing.T) {
	f := mustAuthServer(t, func(c *web.Config) { c.LoginThrottle = core.NewLimiter(3, time.Minute) })
	c := webtest.Client()
	emails := []string{"a@example.org", "b@example.org", "c@example.org"}
	for _, e := range emails {
		if r := f.apiLogin(t, c, e, "guess guess guess"); r.status != http.StatusUnauthorized {
			t.Fatalf("failure %s = %d, want 401", e, r.status)
		}
	}
	r := f.apiLogin(t, c, "admin@example.org", webtest.Password)
	if r.status != http.StatusTooManyRequests || !strings.Contains(r.body, "too many failed logins from here") {
		t.Errorf("login after 3 failures from one address = %d %s, want 429", r.status, r.body)
	}
	var throttled int
	for _, e := range f.audit(t, casework.AuditFilter{}) {
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
	c := webtest.Client()
	b := `{"email": "admin@example.org", "password": "` + webtest.Password + `"}`
	for _, target := range []string{"/api/v1/login", "/login"} {
		r := do(t, c, http.MethodPost, f.TS.URL+target, "application/json", b, "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site")
		if r.status != http.StatusForbidden {
			t.Errorf("cross-origin POST %s = %d, want 403", target, r.status)
		}
	}
	if f.me(t, c) != http.StatusUnauthorized {
		t.Error("a cross-origin login logged in")
	}
}

func TestDisabledUserIsLoggedOut(t *testing.T) {
	f := mustAuthServer(t, nil)
	c := webtest.Client()
	f.apiLogin(t, c, "north@example.org", webtest.Password)
	if err := f.DB.SetUserDisabled(context.Background(), f.worker, true); err != nil {
		t.Fatal(err)
	}
	if f.me(t, c) != http.StatusUnauthorized {
		t.Error("a disabled user is still logged in")
	}
	r := f.apiLogin(t, c, "north@example.org", webtest.Password)
	if r.status != http.StatusUnauthorized || !strings.Contains(r.body, "email or password is wrong") {
		t.Errorf("disabled user's login = %d %s, want the same 401 as a wrong password", r.status, r.body)
	}
}

func TestLoginAudited(t *testing.T) {
	f := mustAuthServer(t, nil)
	c := webtest.Client()
	f.apiLogin(t, c, "nobody@example.org", "some password here")
	f.apiLogin(t, c, "admin@example.org", "not the password")
	f.apiLogin(t, c, "admin@example.org", webtest.Password)

	all := f.audit(t, casework.AuditFilter{})
	var got []string
	for _, e := range all {
		got = append(got, fmt.Sprintf("%s:%d", e.Action, e.UserID))
		if e.Remote != "127.0.0.1" {
			t.Errorf("%s remote = %q, want 127.0.0.1", e.Action, e.Remote)
		}
		for _, secret := range []string{"example.org", "password here", "not the password", webtest.Password} {
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
	c := webtest.Client()
	r := do(t, c, http.MethodGet, f.TS.URL+"/login", "", "")
	for _, want := range []string{"<h1>Log in</h1>", `<label for="email">`, `autocomplete="username"`, `<label for="password">`, `autocomplete="current-password"`, `action="/login"`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("login page lacks %q", want)
		}
	}
	if strings.Contains(r.body, `role="alert"`) {
		t.Error("login page shows an error before any attempt")
	}

	form := "application/x-www-form-urlencoded"
	r = do(t, c, http.MethodPost, f.TS.URL+"/login", form, "email=&password=")
	if r.status != http.StatusBadRequest {
		t.Errorf("empty form = %d, want 400", r.status)
	}
	for _, want := range []string{`role="alert"`, `<a href="#email">Enter your email address</a>`, `<a href="#password">Enter your password</a>`, `aria-describedby="email-error"`, `aria-invalid="true"`, "<title>Error: Log in"} {
		if !strings.Contains(r.body, want) {
			t.Errorf("empty form answer lacks %q", want)
		}
	}

	r = do(t, c, http.MethodPost, f.TS.URL+"/login", form, url.Values{"email": {"admin@example.org"}, "password": {"nope nope nope"}}.Encode())
	if r.status != http.StatusUnauthorized || !strings.Contains(r.body, `<a href="#email">Email or password is wrong</a>`) || !strings.Contains(r.body, `value="admin@example.org"`) {
		t.Errorf("wrong password = %d, want 401 with the error and the email kept", r.status)
	}
	if strings.Contains(r.body, "nope nope nope") {
		t.Error("the page repeats the password")
	}

	r = do(t, c, http.MethodPost, f.TS.URL+"/login", form, url.Values{"email": {"admin@example.org"}, "password": {webtest.Password}}.Encode())
	// An admin with no team has no caseload: they start at the users page.
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/admin/users" {
		t.Errorf("admin login = %d to %q, want 303 to /admin/users", r.status, r.header.Get("Location"))
	}
	if f.me(t, c) != http.StatusOK {
		t.Error("the login form did not log in")
	}
	if r := do(t, c, http.MethodGet, f.TS.URL+"/login", "", ""); r.status != http.StatusSeeOther {
		t.Errorf("login page when logged in = %d, want 303 onwards", r.status)
	}
	// A link worker starts at their caseload.
	w := webtest.Client()
	r = do(t, w, http.MethodPost, f.TS.URL+"/login", form, url.Values{"email": {"north@example.org"}, "password": {webtest.Password}}.Encode())
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/casework" {
		t.Errorf("link worker login = %d to %q, want 303 to /casework", r.status, r.header.Get("Location"))
	}
	// An organisation editor starts at their organisation's listings.
	e := webtest.Client()
	r = do(t, e, http.MethodPost, f.TS.URL+"/login", form, url.Values{"email": {"editor@example.org"}, "password": {webtest.Password}}.Encode())
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/org" {
		t.Errorf("editor login = %d to %q, want 303 to /org", r.status, r.header.Get("Location"))
	}
	// A commissioner starts at the scheme's reports.
	f.AddUser(t, casework.User{Email: "commissioner@example.org", Name: "Commissioner", Role: casework.RoleCommissioner})
	r = do(t, webtest.Client(), http.MethodPost, f.TS.URL+"/login", form, url.Values{"email": {"commissioner@example.org"}, "password": {webtest.Password}}.Encode())
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/reports" {
		t.Errorf("commissioner login = %d to %q, want 303 to /reports", r.status, r.header.Get("Location"))
	}
}
