package admin_test

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/linkway/linkway/internal/webtest"
)

func TestAdminManagesUsers(t *testing.T) {
	fx := webtest.New(t)
	if st, _ := fx.Call(t, fx.As(t, "north@example.org"), "GET", "/admin/users", ""); st != http.StatusNotFound {
		t.Errorf("a link worker opened the users page: %d", st)
	}
	admin := fx.As(t, "admin@example.org")
	st, _, page := fx.Form(t, admin, "/admin/users", url.Values{"email": {"new@example.org"}, "name": {"New Worker"}, "role": {"linkworker"}})
	if st != http.StatusBadRequest || !strings.Contains(page, "a link worker needs a team") {
		t.Errorf("link worker without a team: %d", st)
	}
	st, _, page = fx.Form(t, admin, "/admin/users", url.Values{"email": {"new@example.org"}, "name": {"New Worker"}, "role": {"linkworker"}, "team": {"south"}})
	i := strings.Index(page, `class="password">`)
	if st != 200 || i < 0 {
		t.Fatalf("add user: %d", st)
	}
	pw := page[i+len(`class="password">`):]
	pw = pw[:strings.Index(pw, "<")]
	login := func() int {
		jar, _ := cookiejar.New(nil)
		st, _ := fx.Call(t, &http.Client{Jar: jar}, "POST", "/api/v1/login", `{"email": "new@example.org", "password": "`+pw+`"}`)
		return st
	}
	if st := login(); st != 200 {
		t.Fatalf("the new user cannot log in with the password shown: %d", st)
	}
	users, _ := fx.DB.Users(context.Background())
	var id int64
	for _, u := range users {
		if u.Email == "new@example.org" {
			id = u.ID
		}
	}
	if st, _, _ := fx.Form(t, admin, "/admin/users/"+strconv.FormatInt(id, 10)+"/disable", url.Values{"disabled": {"true"}}); st != http.StatusSeeOther {
		t.Fatalf("disable: %d", st)
	}
	if st := login(); st == 200 {
		t.Error("a user whose access was turned off can still log in")
	}
}
