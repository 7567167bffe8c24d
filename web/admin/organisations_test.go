package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/webtest"
)

func TestOrgAdminPagesAreForAdminsOnly(t *testing.T) {
	fx := webtest.New(t)
	paths := []string{"/admin/organisations", "/admin/requests", "/admin/stale"}
	admin := fx.As(t, "admin@example.org")
	for _, p := range paths {
		if st, body := fx.Call(t, admin, "GET", p, ""); st != 200 {
			t.Errorf("admin GET %s = %d: %s", p, st, body)
		}
	}
	for _, email := range []string{"north@example.org", "editor@example.org"} {
		c := fx.As(t, email)
		for _, p := range paths {
			if st, _ := fx.Call(t, c, "GET", p, ""); st != 404 {
				t.Errorf("%s GET %s = %d, want 404", email, p, st)
			}
		}
		if st, _, _ := fx.Form(t, c, "/admin/organisations/org-1/trusted", url.Values{"trusted": {"true"}}); st != 404 {
			t.Errorf("%s set trust: %d, want 404", email, st)
		}
		if st, _, _ := fx.Form(t, c, "/admin/organisations/invite", url.Values{"organization": {"org-1"}, "email": {"x@example.org"}}); st != 404 {
			t.Errorf("%s invited an editor: %d, want 404", email, st)
		}
	}
	if ok, _ := fx.DB.IsTrusted(context.Background(), "org-1"); ok {
		t.Error("a non-admin made an organisation trusted")
	}
	if st, _ := fx.Call(t, fx.As(t, ""), "GET", "/admin/stale", ""); st != http.StatusSeeOther {
		t.Errorf("anonymous GET /admin/stale = %d, want a redirect to log in", st)
	}
}

func TestTrustedToggle(t *testing.T) {
	fx := webtest.New(t)
	ctx := context.Background()
	admin := fx.As(t, "admin@example.org")
	_, body := fx.Call(t, admin, "GET", "/admin/organisations", "")
	webtest.WantIn(t, "organisations page", body, "Meanwood Walkers", "Holbeck Advice", "Editor", `Trust<span class="visually-hidden"> Meanwood Walkers</span>`, `<a href="/admin/organisations">Organisations</a>`)
	if st, loc, _ := fx.Form(t, admin, "/admin/organisations/org-1/trusted", url.Values{"trusted": {"true"}}); st != http.StatusSeeOther || loc != "/admin/organisations" {
		t.Fatalf("trust = %d to %q", st, loc)
	}
	if ok, _ := fx.DB.IsTrusted(ctx, "org-1"); !ok {
		t.Fatal("org-1 not trusted")
	}
	_, body = fx.Call(t, admin, "GET", "/admin/organisations", "")
	webtest.WantIn(t, "organisations page", body, `Review changes<span class="visually-hidden"> from Meanwood Walkers</span>`)
	if !fx.Audited(t, "organisation.trust", "organisation org-1 trusted=true") {
		t.Error("trust not audited")
	}
	fx.Form(t, admin, "/admin/organisations/org-1/trusted", url.Values{"trusted": {"false"}})
	if ok, _ := fx.DB.IsTrusted(ctx, "org-1"); ok {
		t.Error("org-1 still trusted")
	}
	if st, _, _ := fx.Form(t, admin, "/admin/organisations/no-such-org/trusted", url.Values{"trusted": {"true"}}); st != 404 {
		t.Errorf("unknown organisation: %d, want 404", st)
	}
}

// acceptInvite sets up an account through an invitation page.
func acceptInvite(t *testing.T, fx *webtest.Site, path, name, password string) (int, string) {
	t.Helper()
	st, _, body := fx.Form(t, fx.As(t, ""), path, url.Values{"name": {name}, "password": {password}, "confirm": {password}})
	return st, body
}

// login logs in with a password and returns who the server says it is.
func login(t *testing.T, fx *webtest.Site, email, password string) (int, string) {
	t.Helper()
	c := fx.As(t, "")
	if st, body := fx.Call(t, c, "POST", "/api/v1/login", `{"email": "`+email+`", "password": "`+password+`"}`); st != 200 {
		return st, body
	}
	return fx.Call(t, c, "GET", "/api/v1/me", "")
}

func TestInviteEditorFlow(t *testing.T) {
	fx := webtest.New(t)
	admin := fx.As(t, "admin@example.org")

	// Mistakes are shown beside their fields, keeping what was typed.
	st, _, body := fx.Form(t, admin, "/admin/organisations/invite", url.Values{"organization": {""}, "email": {"not-an-email"}, "name": {"Pat"}})
	if st != 400 {
		t.Fatalf("bad invitation = %d", st)
	}
	webtest.WantIn(t, "invitation with mistakes", body, "<title>Error: Organisations", "Choose the organisation they will look after",
		"Enter an email address like name@example.org", `aria-describedby="email-error"`, `value="Pat"`)
	st, _, body = fx.Form(t, admin, "/admin/organisations/invite", url.Values{"organization": {"org-1"}, "email": {"north@example.org"}})
	if st != 400 || !strings.Contains(body, "Someone already has an account with this email") {
		t.Errorf("inviting an existing user = %d", st)
	}

	st, _, body = fx.Form(t, admin, "/admin/organisations/invite", url.Values{"organization": {"org-2"}, "email": {"pat@example.org"}, "name": {"Pat Holbeck"}})
	if st != 200 {
		t.Fatalf("invite = %d: %s", st, body)
	}
	shown := fx.LinkIn(t, body, "/invite/")
	sent := fx.Outbox(t, "invite")
	if len(sent) != 1 || sent[0].To != "pat@example.org" || sent[0].About != "org-2" || !strings.Contains(sent[0].Subject, "Holbeck Advice") {
		t.Fatalf("invitations in the outbox: %+v", sent)
	}
	link := fx.LinkIn(t, sent[0].Body, "/invite/")
	if link != shown {
		t.Errorf("the admin was shown %s but the mail has %s", shown, link)
	}
	if !fx.Audited(t, "editor.invite", "organisation org-2") {
		t.Error("invitation not audited")
	}

	anon := fx.As(t, "")
	st, body = fx.Call(t, anon, "GET", link, "")
	if st != 200 {
		t.Fatalf("GET invitation = %d", st)
	}
	webtest.WantIn(t, "invitation page", body, "Holbeck Advice", "pat@example.org", `value="Pat Holbeck"`, `type="password"`, `autocomplete="new-password"`)
	// Looking twice does not use it up, and mistakes do not either.
	if st, _ := fx.Call(t, anon, "GET", link, ""); st != 200 {
		t.Errorf("second GET = %d", st)
	}
	st, body = acceptInvite(t, fx, link, "Pat", "short")
	if st != 400 {
		t.Fatalf("short password = %d", st)
	}
	webtest.WantIn(t, "short password", body, "<title>Error: Set up your account", "at least 12 characters", `aria-describedby="password-error"`)
	st, _, body = fx.Form(t, anon, link, url.Values{"name": {"Pat"}, "password": {"a long new password"}, "confirm": {"a different one!!"}})
	if st != 400 || !strings.Contains(body, "Type the same password again") {
		t.Errorf("passwords that differ = %d", st)
	}

	st, body = acceptInvite(t, fx, link, "Pat H", "a long new password")
	if st != 200 || !strings.Contains(body, "Your account is ready") {
		t.Fatalf("accept = %d: %s", st, body)
	}
	st, me := login(t, fx, "pat@example.org", "a long new password")
	if st != 200 || !strings.Contains(me, `"editor"`) || !strings.Contains(me, "org-2") {
		t.Fatalf("the new editor logs in: %d %s", st, me)
	}
	if !fx.Audited(t, "user.create", "as editor of organisation org-2 by invitation") {
		t.Error("the new account was not audited")
	}

	// The link works once.
	st, body = fx.Call(t, anon, "GET", link, "")
	if st != http.StatusConflict || !strings.Contains(body, "already been used") {
		t.Errorf("reused invitation GET = %d", st)
	}
	if st, body = acceptInvite(t, fx, link, "Mallory", "another long password"); st != http.StatusConflict || !strings.Contains(body, "already been used") {
		t.Errorf("reused invitation POST = %d", st)
	}
	if st, _ := login(t, fx, "pat@example.org", "another long password"); st == 200 {
		t.Error("a reused invitation changed the password")
	}
	if st, _ := fx.Call(t, anon, "GET", "/invite/MADEUP", ""); st != 404 {
		t.Errorf("made-up invitation = %d, want 404", st)
	}

	// It expires after 7 days.
	_, _, body = fx.Form(t, admin, "/admin/organisations/invite", url.Values{"organization": {"org-1"}, "email": {"late@example.org"}})
	late := fx.LinkIn(t, body, "/invite/")
	fx.Now = fx.Now.Add(7*24*time.Hour + time.Minute)
	if st, body := fx.Call(t, anon, "GET", late, ""); st != http.StatusConflict || !strings.Contains(body, "expired") {
		t.Errorf("expired invitation GET = %d", st)
	}
	if st, _ := acceptInvite(t, fx, late, "Late", "a long new password"); st != http.StatusConflict {
		t.Errorf("expired invitation POST = %d", st)
	}
	if st, _ := login(t, fx, "late@example.org", "a long new password"); st == 200 {
		t.Error("an expired invitation made an account")
	}
}

func TestRequestFormAndDecisions(t *testing.T) {
	fx := webtest.New(t)
	ctx := context.Background()
	anon := fx.As(t, "")

	st, body := fx.Call(t, anon, "GET", "/organisations/request?service=walk-1", "")
	if st != 200 {
		t.Fatalf("GET form = %d", st)
	}
	webtest.WantIn(t, "request form from a listing", body, "Meanwood Valley Health Walk", `name="service_id" value="walk-1"`, `value="claim" checked`)

	st, _, body = fx.Form(t, anon, "/organisations/request", url.Values{"kind": {"new"}, "group_name": {"Knit and Natter"}, "postcode": {"not a postcode"}, "email": {"jo"}})
	if st != 400 {
		t.Fatalf("bad request = %d", st)
	}
	webtest.WantIn(t, "request with mistakes", body, "<title>Error: ", "There is a problem",
		"Say in a sentence or two what your group does", "Enter your name", "Enter an email address like name@example.org",
		"Enter a postcode like LS6 1AA", `aria-describedby="postcode-error"`, `aria-invalid="true"`, `value="Knit and Natter"`, `value="new" checked`)
	if st, _, _ := fx.Form(t, anon, "/organisations/request", url.Values{}); st != 400 {
		t.Errorf("empty request = %d", st)
	}
	if pending, _ := fx.DB.ListingRequests(ctx, directory.RequestPending); len(pending) != 0 {
		t.Fatalf("invalid requests kept: %+v", pending)
	}

	send := func(v url.Values) {
		t.Helper()
		st, loc, body := fx.Form(t, anon, "/organisations/request", v)
		if st != http.StatusSeeOther || loc != "/organisations/request/sent" {
			t.Fatalf("request = %d to %q: %s", st, loc, body)
		}
	}
	send(url.Values{"kind": {"claim"}, "service_id": {"walk-1"}, "contact_name": {"Sam Walker"}, "email": {"sam@example.org"}, "phone": {"0113 496 0000"}})
	send(url.Values{"kind": {"new"}, "group_name": {"Knit and Natter"}, "description": {"Knitting and a chat at the library"}, "postcode": {"ls6 3aa"},
		"contact_name": {"Jo"}, "email": {"jo@example.org"}})
	send(url.Values{"kind": {"new"}, "group_name": {"Cheap Watches"}, "description": {"We sell watches"}, "contact_name": {"Spam"}, "email": {"spam@example.org"}})
	if st, body := fx.Call(t, anon, "GET", "/organisations/request/sent", ""); st != 200 || !strings.Contains(body, "Thank you") {
		t.Errorf("thank-you page = %d", st)
	}
	told := fx.Outbox(t, "listing-request")
	var to []string
	for _, m := range told {
		to = append(to, m.To)
		if strings.Contains(m.Body, "sam@example.org") || strings.Contains(m.Body, "0113") {
			t.Errorf("the contact's details went into a mail: %q", m.Body)
		}
	}
	slices.Sort(to)
	if want := []string{"admin@example.org", "admin@example.org", "admin@example.org", "teamadmin@example.org", "teamadmin@example.org", "teamadmin@example.org"}; !slices.Equal(to, want) {
		t.Errorf("admins told: %v, want %v", to, want)
	}
	pending, _ := fx.DB.ListingRequests(ctx, directory.RequestPending)
	if len(pending) != 3 || pending[1].Postcode != "LS6 3AA" {
		t.Fatalf("pending = %+v", pending)
	}
	claim, fresh, spam := pending[0], pending[1], pending[2]

	admin := fx.As(t, "admin@example.org")
	_, body = fx.Call(t, admin, "GET", "/admin/requests", "")
	webtest.WantIn(t, "requests page", body, "Meanwood Valley Health Walk", "Sam Walker, sam@example.org, 0113 496 0000", "Knit and Natter",
		"Knitting and a chat at the library", `<option value="org-1" selected>Meanwood Walkers</option>`)
	if st, _, _ := fx.Form(t, fx.As(t, "north@example.org"), "/admin/requests/1/approve", url.Values{"organization": {"org-1"}}); st != 404 {
		t.Errorf("a link worker approved a request: %d", st)
	}

	// A claim: the contact is invited to edit the organisation chosen.
	st, _, body = fx.Form(t, admin, "/admin/requests/"+itoa(claim.ID)+"/approve", url.Values{"organization": {"org-1"}})
	if st != 200 || !strings.Contains(body, "Approved.") {
		t.Fatalf("approve claim = %d: %s", st, body)
	}
	shown := fx.LinkIn(t, body, "/invite/")
	inv := fx.Outbox(t, "invite")
	if len(inv) != 1 || inv[0].To != "sam@example.org" || inv[0].About != "org-1" || fx.LinkIn(t, inv[0].Body, "/invite/") != shown {
		t.Fatalf("claim invitation: %+v", inv)
	}
	if st, _ := acceptInvite(t, fx, shown, "Sam", "sam's long password"); st != 200 {
		t.Fatalf("claimant sets up an account: %d", st)
	}
	if st, me := login(t, fx, "sam@example.org", "sam's long password"); st != 200 || !strings.Contains(me, "org-1") {
		t.Errorf("claimant is an editor of org-1: %d %s", st, me)
	}
	if st, _, _ := fx.Form(t, admin, "/admin/requests/"+itoa(claim.ID)+"/approve", url.Values{"organization": {"org-1"}}); st != http.StatusConflict {
		t.Errorf("approved twice: %d", st)
	}

	// A new group: the organisation is created, then its contact invited.
	st, _, body = fx.Form(t, admin, "/admin/requests/"+itoa(fresh.ID)+"/approve", nil)
	if st != 200 {
		t.Fatalf("approve new group = %d: %s", st, body)
	}
	got, _ := fx.DB.ListingRequest(ctx, fresh.ID)
	org, err := fx.DB.Organization(ctx, got.OrganizationID)
	if err != nil || org.Name != "Knit and Natter" {
		t.Fatalf("new organisation %q: %+v, %v", got.OrganizationID, org, err)
	}
	if inv := fx.Outbox(t, "invite"); len(inv) != 2 || inv[1].To != "jo@example.org" || inv[1].About != org.ID {
		t.Errorf("new group's invitation: %+v", inv)
	}
	_, body = fx.Call(t, admin, "GET", "/admin/organisations", "")
	webtest.WantIn(t, "organisations page", body, "Knit and Natter")

	// Rejecting needs a reason, which the group is told.
	st, _, body = fx.Form(t, admin, "/admin/requests/"+itoa(spam.ID)+"/reject", url.Values{"reason": {" "}})
	if st != 400 {
		t.Fatalf("reject without a reason = %d", st)
	}
	webtest.WantIn(t, "reject without a reason", body, "<title>Error: ", "Say why, so the group knows what to do next", `aria-describedby="reason-`+itoa(spam.ID)+`-error"`)
	st, _, _ = fx.Form(t, admin, "/admin/requests/"+itoa(spam.ID)+"/reject", url.Values{"reason": {"Linkway lists community groups, not shops."}})
	if st != 200 {
		t.Fatalf("reject = %d", st)
	}
	if no := fx.Outbox(t, "listing-request-rejected"); len(no) != 1 || no[0].To != "spam@example.org" || !strings.Contains(no[0].Body, "not shops") {
		t.Errorf("rejection message: %+v", no)
	}
	if st, _, _ := fx.Form(t, admin, "/admin/requests/"+itoa(spam.ID)+"/approve", nil); st != http.StatusConflict {
		t.Errorf("approving a rejected request: %d", st)
	}
	for _, a := range []string{"request.approve", "request.reject"} {
		if !fx.Audited(t, a, "request ") {
			t.Errorf("%s not audited", a)
		}
	}
	// Someone who already has an account cannot be invited: nothing changes.
	send(url.Values{"kind": {"claim"}, "group_name": {"Holbeck Advice"}, "contact_name": {"North"}, "email": {"north@example.org"}})
	pending, _ = fx.DB.ListingRequests(ctx, directory.RequestPending)
	taken := pending[0].ID
	st, _, body = fx.Form(t, admin, "/admin/requests/"+itoa(taken)+"/approve", url.Values{"organization": {"org-2"}})
	if st != http.StatusConflict || !strings.Contains(body, "already has a Linkway account") {
		t.Errorf("approving for an existing account = %d", st)
	}
	if got, _ := fx.DB.ListingRequest(ctx, taken); got.Status != directory.RequestPending || len(fx.Outbox(t, "invite")) != 2 {
		t.Errorf("a refused approval changed something: %+v", got)
	}
	fx.Form(t, admin, "/admin/requests/"+itoa(taken)+"/reject", url.Values{"reason": {"You have an account already."}})
	if _, body = fx.Call(t, admin, "GET", "/admin/requests", ""); !strings.Contains(body, "No requests are waiting") {
		t.Error("decided requests still listed")
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
