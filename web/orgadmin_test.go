package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/notify"
)

// mustOrgServer is the casework fixture (fixed clock 23 November 2026)
// with organisations turned on, notifying through the real outbox.
func mustOrgServer(t *testing.T) *caseFixture {
	t.Helper()
	fx := mustCaseServer(t)
	fx.enableOrganisations(t, notify.Outbox{Store: fx.db})
	return fx
}

// outbox returns the outbox's messages of kind, oldest first.
func (fx *caseFixture) outbox(t *testing.T, kind string) []notify.Entry {
	t.Helper()
	list, err := fx.db.Outbox(context.Background(), notify.OutboxFilter{Kind: kind})
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(list)
	return list
}

// audited reports whether the audit log has an entry for action whose
// detail contains detail.
func (fx *caseFixture) audited(t *testing.T, action, detail string) bool {
	t.Helper()
	list, _, err := fx.db.Audit(context.Background(), casework.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range list {
		if e.Action == action && strings.Contains(e.Detail, detail) {
			return true
		}
	}
	return false
}

// linkIn returns the first link to fx's server under path (such as
// "/invite/") in text, or fails.
func (fx *caseFixture) linkIn(t *testing.T, text, path string) string {
	t.Helper()
	m := regexp.MustCompile(regexp.QuoteMeta(fx.ts.URL+path) + `[A-Za-z0-9]+`).FindString(text)
	if m == "" {
		t.Fatalf("no %s link in %q", path, text)
	}
	return strings.TrimPrefix(m, fx.ts.URL)
}

func wantIn(t *testing.T, what, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

func TestOrgAdminPagesAreForAdminsOnly(t *testing.T) {
	fx := mustOrgServer(t)
	paths := []string{"/admin/organisations", "/admin/requests", "/admin/stale"}
	admin := fx.as(t, "admin@example.org")
	for _, p := range paths {
		if st, body := fx.call(t, admin, "GET", p, ""); st != 200 {
			t.Errorf("admin GET %s = %d: %s", p, st, body)
		}
	}
	for _, email := range []string{"north@example.org", "editor@example.org"} {
		c := fx.as(t, email)
		for _, p := range paths {
			if st, _ := fx.call(t, c, "GET", p, ""); st != 404 {
				t.Errorf("%s GET %s = %d, want 404", email, p, st)
			}
		}
		if st, _, _ := fx.form(t, c, "/admin/organisations/org-1/trusted", url.Values{"trusted": {"true"}}); st != 404 {
			t.Errorf("%s set trust: %d, want 404", email, st)
		}
		if st, _, _ := fx.form(t, c, "/admin/organisations/invite", url.Values{"organization": {"org-1"}, "email": {"x@example.org"}}); st != 404 {
			t.Errorf("%s invited an editor: %d, want 404", email, st)
		}
	}
	if ok, _ := fx.db.IsTrusted(context.Background(), "org-1"); ok {
		t.Error("a non-admin made an organisation trusted")
	}
	if st, _ := fx.call(t, fx.as(t, ""), "GET", "/admin/stale", ""); st != http.StatusSeeOther {
		t.Errorf("anonymous GET /admin/stale = %d, want a redirect to log in", st)
	}

	// Until organisations are enabled, none of it exists.
	off := mustCaseServer(t)
	offAdmin := off.as(t, "admin@example.org")
	for _, p := range append(paths, "/organisations/request", "/invite/abc", "/verify/abc") {
		if st, _ := off.call(t, offAdmin, "GET", p, ""); st != 404 {
			t.Errorf("GET %s without organisations = %d, want 404", p, st)
		}
	}
}

func TestTrustedToggle(t *testing.T) {
	fx := mustOrgServer(t)
	ctx := context.Background()
	admin := fx.as(t, "admin@example.org")
	_, body := fx.call(t, admin, "GET", "/admin/organisations", "")
	wantIn(t, "organisations page", body, "Meanwood Walkers", "Holbeck Advice", "Editor", "No: changes are reviewed", `<a href="/admin/organisations">Organisations</a>`)
	if st, loc, _ := fx.form(t, admin, "/admin/organisations/org-1/trusted", url.Values{"trusted": {"true"}}); st != http.StatusSeeOther || loc != "/admin/organisations" {
		t.Fatalf("trust = %d to %q", st, loc)
	}
	if ok, _ := fx.db.IsTrusted(ctx, "org-1"); !ok {
		t.Fatal("org-1 not trusted")
	}
	_, body = fx.call(t, admin, "GET", "/admin/organisations", "")
	wantIn(t, "organisations page", body, "Yes: changes publish straight away", "Review changes from Meanwood Walkers")
	if !fx.audited(t, "organisation.trust", "organisation org-1 trusted=true") {
		t.Error("trust not audited")
	}
	fx.form(t, admin, "/admin/organisations/org-1/trusted", url.Values{"trusted": {"false"}})
	if ok, _ := fx.db.IsTrusted(ctx, "org-1"); ok {
		t.Error("org-1 still trusted")
	}
	if st, _, _ := fx.form(t, admin, "/admin/organisations/no-such-org/trusted", url.Values{"trusted": {"true"}}); st != 404 {
		t.Errorf("unknown organisation: %d, want 404", st)
	}
}

// acceptInvite sets up an account through an invitation page.
func (fx *caseFixture) acceptInvite(t *testing.T, path, name, password string) (int, string) {
	t.Helper()
	st, _, body := fx.form(t, fx.as(t, ""), path, url.Values{"name": {name}, "password": {password}, "confirm": {password}})
	return st, body
}

// login logs in with a password and returns who the server says it is.
func (fx *caseFixture) login(t *testing.T, email, password string) (int, string) {
	t.Helper()
	c := fx.as(t, "")
	if st, body := fx.call(t, c, "POST", "/api/v1/login", `{"email": "`+email+`", "password": "`+password+`"}`); st != 200 {
		return st, body
	}
	return fx.call(t, c, "GET", "/api/v1/me", "")
}

func TestInviteEditorFlow(t *testing.T) {
	fx := mustOrgServer(t)
	admin := fx.as(t, "admin@example.org")

	// Mistakes are shown beside their fields, keeping what was typed.
	st, _, body := fx.form(t, admin, "/admin/organisations/invite", url.Values{"organization": {""}, "email": {"not-an-email"}, "name": {"Pat"}})
	if st != 400 {
		t.Fatalf("bad invitation = %d", st)
	}
	wantIn(t, "invitation with mistakes", body, "<title>Error: Organisations", "Choose the organisation they will look after",
		"Enter an email address like name@example.org", `aria-describedby="email-error"`, `value="Pat"`)
	st, _, body = fx.form(t, admin, "/admin/organisations/invite", url.Values{"organization": {"org-1"}, "email": {"north@example.org"}})
	if st != 400 || !strings.Contains(body, "Someone already has an account with this email") {
		t.Errorf("inviting an existing user = %d", st)
	}

	st, _, body = fx.form(t, admin, "/admin/organisations/invite", url.Values{"organization": {"org-2"}, "email": {"pat@example.org"}, "name": {"Pat Holbeck"}})
	if st != 200 {
		t.Fatalf("invite = %d: %s", st, body)
	}
	shown := fx.linkIn(t, body, "/invite/")
	sent := fx.outbox(t, "invite")
	if len(sent) != 1 || sent[0].To != "pat@example.org" || sent[0].About != "org-2" || !strings.Contains(sent[0].Subject, "Holbeck Advice") {
		t.Fatalf("invitations in the outbox: %+v", sent)
	}
	link := fx.linkIn(t, sent[0].Body, "/invite/")
	if link != shown {
		t.Errorf("the admin was shown %s but the mail has %s", shown, link)
	}
	if !fx.audited(t, "editor.invite", "organisation org-2") {
		t.Error("invitation not audited")
	}

	anon := fx.as(t, "")
	st, body = fx.call(t, anon, "GET", link, "")
	if st != 200 {
		t.Fatalf("GET invitation = %d", st)
	}
	wantIn(t, "invitation page", body, "Holbeck Advice", "pat@example.org", `value="Pat Holbeck"`, `type="password"`, `autocomplete="new-password"`)
	// Looking twice does not use it up, and mistakes do not either.
	if st, _ := fx.call(t, anon, "GET", link, ""); st != 200 {
		t.Errorf("second GET = %d", st)
	}
	st, body = fx.acceptInvite(t, link, "Pat", "short")
	if st != 400 {
		t.Fatalf("short password = %d", st)
	}
	wantIn(t, "short password", body, "<title>Error: Set up your account", "at least 12 characters", `aria-describedby="password-error"`)
	st, _, body = fx.form(t, anon, link, url.Values{"name": {"Pat"}, "password": {"a long new password"}, "confirm": {"a different one!!"}})
	if st != 400 || !strings.Contains(body, "Type the same password again") {
		t.Errorf("passwords that differ = %d", st)
	}

	st, body = fx.acceptInvite(t, link, "Pat H", "a long new password")
	if st != 200 || !strings.Contains(body, "Your account is ready") {
		t.Fatalf("accept = %d: %s", st, body)
	}
	st, me := fx.login(t, "pat@example.org", "a long new password")
	if st != 200 || !strings.Contains(me, `"editor"`) || !strings.Contains(me, "org-2") {
		t.Fatalf("the new editor logs in: %d %s", st, me)
	}
	if !fx.audited(t, "user.create", "as editor of organisation org-2 by invitation") {
		t.Error("the new account was not audited")
	}

	// The link works once.
	st, body = fx.call(t, anon, "GET", link, "")
	if st != http.StatusConflict || !strings.Contains(body, "already been used") {
		t.Errorf("reused invitation GET = %d", st)
	}
	if st, body = fx.acceptInvite(t, link, "Mallory", "another long password"); st != http.StatusConflict || !strings.Contains(body, "already been used") {
		t.Errorf("reused invitation POST = %d", st)
	}
	if st, _ := fx.login(t, "pat@example.org", "another long password"); st == 200 {
		t.Error("a reused invitation changed the password")
	}
	if st, _ := fx.call(t, anon, "GET", "/invite/MADEUP", ""); st != 404 {
		t.Errorf("made-up invitation = %d, want 404", st)
	}

	// It expires after 7 days.
	_, _, body = fx.form(t, admin, "/admin/organisations/invite", url.Values{"organization": {"org-1"}, "email": {"late@example.org"}})
	late := fx.linkIn(t, body, "/invite/")
	fx.now = fx.now.Add(7*24*time.Hour + time.Minute)
	if st, body := fx.call(t, anon, "GET", late, ""); st != http.StatusConflict || !strings.Contains(body, "expired") {
		t.Errorf("expired invitation GET = %d", st)
	}
	if st, _ := fx.acceptInvite(t, late, "Late", "a long new password"); st != http.StatusConflict {
		t.Errorf("expired invitation POST = %d", st)
	}
	if st, _ := fx.login(t, "late@example.org", "a long new password"); st == 200 {
		t.Error("an expired invitation made an account")
	}
}

func TestRequestFormAndDecisions(t *testing.T) {
	fx := mustOrgServer(t)
	ctx := context.Background()
	anon := fx.as(t, "")

	st, body := fx.call(t, anon, "GET", "/organisations/request?service=walk-1", "")
	if st != 200 {
		t.Fatalf("GET form = %d", st)
	}
	wantIn(t, "request form from a listing", body, "Meanwood Valley Health Walk", `name="service_id" value="walk-1"`, `value="claim" checked`)

	st, _, body = fx.form(t, anon, "/organisations/request", url.Values{"kind": {"new"}, "group_name": {"Knit and Natter"}, "postcode": {"not a postcode"}, "email": {"jo"}})
	if st != 400 {
		t.Fatalf("bad request = %d", st)
	}
	wantIn(t, "request with mistakes", body, "<title>Error: ", "There is a problem",
		"Say in a sentence or two what your group does", "Enter your name", "Enter an email address like name@example.org",
		"Enter a postcode like LS6 1AA", `aria-describedby="postcode-error"`, `aria-invalid="true"`, `value="Knit and Natter"`, `value="new" checked`)
	if st, _, _ := fx.form(t, anon, "/organisations/request", url.Values{}); st != 400 {
		t.Errorf("empty request = %d", st)
	}
	if pending, _ := fx.db.ListingRequests(ctx, directory.RequestPending); len(pending) != 0 {
		t.Fatalf("invalid requests kept: %+v", pending)
	}

	send := func(v url.Values) {
		t.Helper()
		st, loc, body := fx.form(t, anon, "/organisations/request", v)
		if st != http.StatusSeeOther || loc != "/organisations/request/sent" {
			t.Fatalf("request = %d to %q: %s", st, loc, body)
		}
	}
	send(url.Values{"kind": {"claim"}, "service_id": {"walk-1"}, "contact_name": {"Sam Walker"}, "email": {"sam@example.org"}, "phone": {"0113 496 0000"}})
	send(url.Values{"kind": {"new"}, "group_name": {"Knit and Natter"}, "description": {"Knitting and a chat at the library"}, "postcode": {"ls6 3aa"},
		"contact_name": {"Jo"}, "email": {"jo@example.org"}})
	send(url.Values{"kind": {"new"}, "group_name": {"Cheap Watches"}, "description": {"We sell watches"}, "contact_name": {"Spam"}, "email": {"spam@example.org"}})
	if st, body := fx.call(t, anon, "GET", "/organisations/request/sent", ""); st != 200 || !strings.Contains(body, "Thank you") {
		t.Errorf("thank-you page = %d", st)
	}
	told := fx.outbox(t, "listing-request")
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
	pending, _ := fx.db.ListingRequests(ctx, directory.RequestPending)
	if len(pending) != 3 || pending[1].Postcode != "LS6 3AA" {
		t.Fatalf("pending = %+v", pending)
	}
	claim, fresh, spam := pending[0], pending[1], pending[2]

	admin := fx.as(t, "admin@example.org")
	_, body = fx.call(t, admin, "GET", "/admin/requests", "")
	wantIn(t, "requests page", body, "Meanwood Valley Health Walk", "Sam Walker, sam@example.org, 0113 496 0000", "Knit and Natter",
		"Knitting and a chat at the library", `<option value="org-1" selected>Meanwood Walkers</option>`)
	if st, _, _ := fx.form(t, fx.as(t, "north@example.org"), "/admin/requests/1/approve", url.Values{"organization": {"org-1"}}); st != 404 {
		t.Errorf("a link worker approved a request: %d", st)
	}

	// A claim: the contact is invited to edit the organisation chosen.
	st, _, body = fx.form(t, admin, "/admin/requests/"+itoa(claim.ID)+"/approve", url.Values{"organization": {"org-1"}})
	if st != 200 || !strings.Contains(body, "Approved.") {
		t.Fatalf("approve claim = %d: %s", st, body)
	}
	shown := fx.linkIn(t, body, "/invite/")
	inv := fx.outbox(t, "invite")
	if len(inv) != 1 || inv[0].To != "sam@example.org" || inv[0].About != "org-1" || fx.linkIn(t, inv[0].Body, "/invite/") != shown {
		t.Fatalf("claim invitation: %+v", inv)
	}
	if st, _ := fx.acceptInvite(t, shown, "Sam", "sam's long password"); st != 200 {
		t.Fatalf("claimant sets up an account: %d", st)
	}
	if st, me := fx.login(t, "sam@example.org", "sam's long password"); st != 200 || !strings.Contains(me, "org-1") {
		t.Errorf("claimant is an editor of org-1: %d %s", st, me)
	}
	if st, _, _ := fx.form(t, admin, "/admin/requests/"+itoa(claim.ID)+"/approve", url.Values{"organization": {"org-1"}}); st != http.StatusConflict {
		t.Errorf("approved twice: %d", st)
	}

	// A new group: the organisation is created, then its contact invited.
	st, _, body = fx.form(t, admin, "/admin/requests/"+itoa(fresh.ID)+"/approve", nil)
	if st != 200 {
		t.Fatalf("approve new group = %d: %s", st, body)
	}
	got, _ := fx.db.ListingRequest(ctx, fresh.ID)
	org, err := fx.db.Organization(ctx, got.OrganizationID)
	if err != nil || org.Name != "Knit and Natter" {
		t.Fatalf("new organisation %q: %+v, %v", got.OrganizationID, org, err)
	}
	if inv := fx.outbox(t, "invite"); len(inv) != 2 || inv[1].To != "jo@example.org" || inv[1].About != org.ID {
		t.Errorf("new group's invitation: %+v", inv)
	}
	_, body = fx.call(t, admin, "GET", "/admin/organisations", "")
	wantIn(t, "organisations page", body, "Knit and Natter")

	// Rejecting needs a reason, which the group is told.
	st, _, body = fx.form(t, admin, "/admin/requests/"+itoa(spam.ID)+"/reject", url.Values{"reason": {" "}})
	if st != 400 {
		t.Fatalf("reject without a reason = %d", st)
	}
	wantIn(t, "reject without a reason", body, "<title>Error: ", "Say why, so the group knows what to do next", `aria-describedby="reason-`+itoa(spam.ID)+`-error"`)
	st, _, _ = fx.form(t, admin, "/admin/requests/"+itoa(spam.ID)+"/reject", url.Values{"reason": {"Linkway lists community groups, not shops."}})
	if st != 200 {
		t.Fatalf("reject = %d", st)
	}
	if no := fx.outbox(t, "listing-request-rejected"); len(no) != 1 || no[0].To != "spam@example.org" || !strings.Contains(no[0].Body, "not shops") {
		t.Errorf("rejection message: %+v", no)
	}
	if st, _, _ := fx.form(t, admin, "/admin/requests/"+itoa(spam.ID)+"/approve", nil); st != http.StatusConflict {
		t.Errorf("approving a rejected request: %d", st)
	}
	for _, a := range []string{"request.approve", "request.reject"} {
		if !fx.audited(t, a, "request ") {
			t.Errorf("%s not audited", a)
		}
	}
	// Someone who already has an account cannot be invited: nothing changes.
	send(url.Values{"kind": {"claim"}, "group_name": {"Holbeck Advice"}, "contact_name": {"North"}, "email": {"north@example.org"}})
	pending, _ = fx.db.ListingRequests(ctx, directory.RequestPending)
	taken := pending[0].ID
	st, _, body = fx.form(t, admin, "/admin/requests/"+itoa(taken)+"/approve", url.Values{"organization": {"org-2"}})
	if st != http.StatusConflict || !strings.Contains(body, "already has a Linkway account") {
		t.Errorf("approving for an existing account = %d", st)
	}
	if got, _ := fx.db.ListingRequest(ctx, taken); got.Status != directory.RequestPending || len(fx.outbox(t, "invite")) != 2 {
		t.Errorf("a refused approval changed something: %+v", got)
	}
	fx.form(t, admin, "/admin/requests/"+itoa(taken)+"/reject", url.Values{"reason": {"You have an account already."}})
	if _, body = fx.call(t, admin, "GET", "/admin/requests", ""); !strings.Contains(body, "No requests are waiting") {
		t.Error("decided requests still listed")
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
