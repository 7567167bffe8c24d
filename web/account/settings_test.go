package account_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/linkway/linkway/internal/webtest"
)

// TestAccountPhone: a logged-in user sets the work phone number the
// summaries they print carry, on their own account page; a number with no
// digits is refused next to the field, keeping what was typed; without a
// login the page sends people to log in.
func TestAccountPhone(t *testing.T) {
	fx := webtest.New(t)
	north := fx.As(t, "north@example.org")
	st, page := fx.Call(t, north, "GET", "/account", "")
	if st != http.StatusOK {
		t.Fatalf("GET /account = %d", st)
	}
	webtest.WantIn(t, "account page", page, "<h1>Your account</h1>", "north@example.org", `<label for="phone">Work phone number</label>`, `href="/account"`)

	st, loc, _ := fx.Form(t, north, "/account", url.Values{"phone": {"0113 496 0555"}})
	if st != http.StatusSeeOther || loc != "/account?saved=phone" {
		t.Fatalf("save phone = %d to %q, want 303 to /account?saved=phone", st, loc)
	}
	u, _, err := fx.DB.UserByEmail(context.Background(), "north@example.org")
	if err != nil || u.Phone != "0113 496 0555" {
		t.Fatalf("stored phone %q (%v), want 0113 496 0555", u.Phone, err)
	}
	_, page = fx.Call(t, north, "GET", "/account?saved=phone", "")
	webtest.WantIn(t, "account page after saving", page, "Your phone number is saved.", `value="0113 496 0555"`)

	st, _, page = fx.Form(t, north, "/account", url.Values{"phone": {"ring the office"}})
	if st != http.StatusBadRequest {
		t.Errorf("a phone with no digits = %d, want 400", st)
	}
	webtest.WantIn(t, "refused phone", page, "is not a phone number", `value="ring the office"`, `aria-invalid="true"`, `href="#phone"`)
	if u, _, _ := fx.DB.UserByEmail(context.Background(), "north@example.org"); u.Phone != "0113 496 0555" {
		t.Errorf("a refused number replaced the stored one: %q", u.Phone)
	}

	anon := webtest.Client()
	resp, err := anon.Get(fx.TS.URL + "/account")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || !strings.HasSuffix(resp.Header.Get("Location"), "/login") {
		t.Errorf("GET /account logged out = %d to %q, want 303 to /login", resp.StatusCode, resp.Header.Get("Location"))
	}
}
