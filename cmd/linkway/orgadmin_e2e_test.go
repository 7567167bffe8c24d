package main

import (
	"context"
	"net/http"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/linkway/linkway/internal/browsertest"
	"github.com/linkway/linkway/notify"
	"github.com/linkway/linkway/sqlite"
)

// TestOrganisationPagesInABrowser checks, with axe-core, the pages of
// organisation admin and self-service that the other journeys do not
// reach: the admin's organisations, requests, stale report and review
// queue; inviting an editor and the invitee's page; the public request
// form (empty, so its errors show); and the one-click "still correct"
// page from a stale-listing reminder the server sent at start.
func TestOrganisationPagesInABrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	dir := filepath.Join(t.TempDir(), "data")
	base, stdout := mustServeOutput(t, "--data", dir)
	logins := demoLogins(t, stdout)

	// Each part of the journey gets its own step deadline: under load,
	// one deadline for all of it ran out although every page answered.
	adminTab := browsertest.New(t)
	admin := browsertest.Step(t, adminTab)
	if err := chromedp.Do(admin, chromedp.Navigate(base+"/login")); err != nil {
		t.Fatal(err)
	}
	mustLogin(t, admin, "admin@example.org", logins["admin@example.org"].password)
	for _, page := range []string{"/admin/organisations", "/admin/requests", "/admin/stale", "/admin/reviews"} {
		admin = browsertest.Step(t, adminTab)
		mustSubmit(t, admin, "open "+page+" from the menu", http.StatusOK, chromedp.Click(chromedp.CSS(`nav a[href="`+page+`"]`)))
		mustAxe(t, admin, page)
	}

	// Invite an editor: the link is shown to the admin once.
	admin = browsertest.Step(t, adminTab)
	mustSubmit(t, admin, "open the organisations page", http.StatusOK, chromedp.Navigate(base+"/admin/organisations"))
	mustSubmit(t, admin, "invite with nothing chosen", http.StatusBadRequest, chromedp.Click(chromedp.CSS(`form[action="/admin/organisations/invite"] button`)))
	mustAxe(t, admin, "invitation form with errors")
	mustSubmit(t, admin, "invite an editor", http.StatusOK,
		chromedp.SendKeys(chromedp.CSS("#organization"), mustFirstOption(t, admin, "#organization-names")),
		chromedp.SendKeys(chromedp.CSS("#email"), "new.editor@example.org"),
		chromedp.Click(chromedp.CSS(`form[action="/admin/organisations/invite"] button`)),
	)
	invite := regexp.MustCompile(regexp.QuoteMeta(base) + `/invite/[A-Za-z0-9]+`).FindString(mustText(t, admin, "main"))
	if invite == "" {
		t.Fatalf("no invitation link shown to the admin:\n%s", mustText(t, admin, "main"))
	}

	anonTab := browsertest.New(t)
	anon := browsertest.Step(t, anonTab)
	mustSubmit(t, anon, "open the invitation", http.StatusOK, chromedp.Navigate(invite))
	mustAxe(t, anon, "invitation")
	mustSubmit(t, anon, "open the request form from a service page", http.StatusOK, chromedp.Navigate(base+"/organisations/request"))
	mustAxe(t, anon, "request form")
	mustSubmit(t, anon, "send the empty request form", http.StatusBadRequest, chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	mustAxe(t, anon, "request form with errors")

	// The server's own stale-listing reminders carry one-click links.
	anon = browsertest.Step(t, anonTab)
	db, err := sqlite.Open(filepath.Join(dir, "linkway.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	reminders, err := db.Outbox(context.Background(), notify.OutboxFilter{Kind: "stale-reminder", Limit: 1})
	if err != nil || len(reminders) == 0 {
		t.Fatalf("no stale-listing reminder in the outbox after start (%v)", err)
	}
	verify := regexp.MustCompile(regexp.QuoteMeta(base) + `/verify/[A-Za-z0-9]+`).FindString(reminders[0].Body)
	if verify == "" {
		t.Fatalf("no one-click link in the reminder:\n%s", reminders[0].Body)
	}
	mustSubmit(t, anon, "open the one-click link", http.StatusOK, chromedp.Navigate(verify))
	mustAxe(t, anon, "still correct?")
	mustSubmit(t, anon, "confirm it is still correct", http.StatusOK, chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	mustAxe(t, anon, "confirmed")
	mustSubmit(t, anon, "open the used link again", http.StatusConflict, chromedp.Navigate(verify))
}

// mustFirstOption is the value of the first non-empty option of a select.
func mustFirstOption(tb testing.TB, ctx context.Context, css string) string {
	tb.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll("`+css+` option")).map(o => o.value).find(v => v !== "") || ""`))
	if err != nil || v == "" {
		tb.Fatalf("no option in %s (%v)", css, err)
	}
	return v
}
