package main

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/linkway/linkway/internal/browsertest"
)

// TestCaseworkJourney follows a link worker through a person's casework
// in a real browser: log in, add the person, record a contact (which codes
// the referral for the GP record), find support and refer, move the
// referral on, record wellbeing twice and see it on the dashboard. A link
// worker in another team must not see the record, and each page is
// checked with axe-core (WCAG 2.2 A and AA) on the way.
func TestCaseworkJourney(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	base, stdout := mustServeOutput(t)
	logins := demoLogins(t, stdout)
	tab := browsertest.New(t)

	// Log in as the north link worker and land on the dashboard.
	ctx := browsertest.Step(t, tab)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/login")); err != nil {
		t.Fatal(err)
	}
	mustAxe(t, ctx, "login")
	mustLogin(t, ctx, "north.worker@example.org", logins["north.worker@example.org"].password)
	if loc := mustLocation(t, ctx); loc != base+"/casework" {
		t.Errorf("after login the browser is at %s, want the dashboard", loc)
	}
	if got := mustText(t, ctx, "h1"); got != "Your caseload" {
		t.Errorf("dashboard h1 = %q", got)
	}
	mustAxe(t, ctx, "dashboard")

	// Add a person: first with nothing filled in, which must say what is
	// missing, then properly.
	mustSubmit(t, ctx, "open the add-person form", http.StatusOK, chromedp.Click(chromedp.CSS(`main a.button[href="/casework/people/new"]`)))
	mustAxe(t, ctx, "add-person form")
	mustSubmit(t, ctx, "submit the empty add-person form", http.StatusBadRequest, chromedp.Click(chromedp.CSS(`form.case-form button[type=submit]`)))
	summary := mustText(t, ctx, ".error-summary")
	for _, want := range []string{"There is a problem", "agree to us holding their record"} {
		if !strings.Contains(summary, want) {
			t.Errorf("error summary of the empty form does not say %q:\n%s", want, summary)
		}
	}
	mustAxe(t, ctx, "add-person form with errors")
	const (
		name       = "Arthur Pendleton"
		priorities = "Since my wife died I'm lonely and the bills are piling up"
	)
	mustSubmit(t, ctx, "add a person", http.StatusOK,
		chromedp.SendKeys(chromedp.CSS("#name"), name),
		chromedp.SendKeys(chromedp.CSS("#date_of_birth"), "14"),
		chromedp.SendKeys(chromedp.CSS("#date_of_birth-month"), "3"),
		chromedp.SendKeys(chromedp.CSS("#date_of_birth-year"), "1948"),
		chromedp.SendKeys(chromedp.CSS("#nhs_number"), "943 476 5919"),
		chromedp.SendKeys(chromedp.CSS("#postcode"), "LS6 1AA"),
		chromedp.Click(chromedp.CSS(`input[name=consent_hold]`)),
		chromedp.Click(chromedp.CSS(`input[name=consent_share]`)),
		chromedp.SendKeys(chromedp.CSS("#priorities"), priorities),
		chromedp.Click(chromedp.CSS(`form.case-form button[type=submit]`)),
	)
	personURL := mustLocation(t, ctx)
	if !strings.HasPrefix(personURL, base+"/casework/people/") {
		t.Fatalf("after adding a person the browser is at %s, want their page", personURL)
	}
	if got := mustText(t, ctx, "h1"); got != name {
		t.Errorf("person page h1 = %q, want %q", got, name)
	}
	if got := mustText(t, ctx, ".record"); !strings.Contains(got, "943 476 5919") {
		t.Errorf("person page does not show the NHS number as 943 476 5919:\n%s", got)
	}
	if got := mustText(t, ctx, "blockquote"); got != priorities {
		t.Errorf("what matters = %q, want %q", got, priorities)
	}

	// A first contact starts the episode and codes the referral to social
	// prescribing for the GP record.
	ctx = browsertest.Step(t, tab)
	mustSubmit(t, ctx, "record a contact", http.StatusOK,
		chromedp.SetValue(chromedp.CSS("#contact-kind"), "phone"),
		chromedp.SendKeys(chromedp.CSS("#contact-minutes"), "20"),
		chromedp.Click(chromedp.CSS(`form[action$="/contacts"] button[type=submit]`)),
	)
	if got := mustText(t, ctx, "#contacts ~ ul"); !strings.Contains(got, "20 minutes") {
		t.Errorf("contacts list = %q, want the 20-minute call", got)
	}
	if got := mustText(t, ctx, "#coded + ul"); !strings.Contains(got, "Referral to social prescribing service") {
		t.Errorf("coded events = %q, want the referral to social prescribing", got)
	}

	// Find support from the record: explained suggestions, then refer to
	// the first.
	mustSubmit(t, ctx, "open Find support", http.StatusOK, chromedp.Click(chromedp.CSS(`main a.button[href$="/find-support"]`)))
	if got := mustText(t, ctx, "h1"); got != "Find support for "+name {
		t.Errorf("find support h1 = %q", got)
	}
	if got := mustText(t, ctx, "#matches-heading"); strings.HasPrefix(got, "0 ") {
		t.Fatalf("no suggestions for %q: %s", priorities, got)
	}
	if got := mustText(t, ctx, ".matches .reasons"); got == "" {
		t.Error("the first suggestion gives no reasons")
	}
	mustAxe(t, ctx, "find support for a person")
	service := mustText(t, ctx, ".matches .card h3 a")
	button := mustText(t, ctx, `.matches button[value=referral]`)
	if button != "Refer to "+service {
		t.Errorf("first refer button = %q, want %q", button, "Refer to "+service)
	}
	mustSubmit(t, ctx, "refer", http.StatusOK, chromedp.Click(chromedp.CSS(`.matches button[value=referral]`)))
	if loc := mustLocation(t, ctx); !strings.HasPrefix(loc, personURL) {
		t.Errorf("after referring the browser is at %s, want %s", loc, personURL)
	}
	if got := mustText(t, ctx, "#referrals + .results .card"); !strings.Contains(got, service) || !strings.Contains(got, "Now: referred") {
		t.Errorf("referral card = %q, want %s, referred", got, service)
	}

	// Move the referral on: accepted, then attended.
	ctx = browsertest.Step(t, tab)
	for _, status := range []string{"accepted", "attended"} {
		mustSubmit(t, ctx, "set the referral to "+status, http.StatusOK,
			chromedp.SetValue(chromedp.CSS(`form[action$="/status"] select[name=status]`), status),
			chromedp.Click(chromedp.CSS(`form[action$="/status"] button[type=submit]`)),
		)
		if got := mustText(t, ctx, "#referrals + .results .card p"); !strings.Contains(got, "Now: "+status) {
			t.Errorf("after setting %s the referral says %q", status, got)
		}
	}
	history := mustTextContent(t, ctx, "#referrals + .results .card details ol")
	for _, want := range []string{"referred", "accepted", "attended"} {
		if !strings.Contains(history, want) {
			t.Errorf("referral history %q does not show %s", history, want)
		}
	}

	// Wellbeing at the start and at a review: a chart and a table.
	for i, scores := range [][5]string{{"start", "3", "4", "2", "8"}, {"review", "6", "7", "6", "4"}} {
		mustSubmit(t, ctx, "record wellbeing at "+scores[0], http.StatusOK,
			chromedp.SetValue(chromedp.CSS("#ons-stage"), scores[0]),
			chromedp.SendKeys(chromedp.CSS("#life_satisfaction"), scores[1]),
			chromedp.SendKeys(chromedp.CSS("#worthwhile"), scores[2]),
			chromedp.SendKeys(chromedp.CSS("#happy"), scores[3]),
			chromedp.SendKeys(chromedp.CSS("#anxious"), scores[4]),
			chromedp.Click(chromedp.CSS(`form[action$="/outcomes"] button[type=submit]`)),
		)
		rows, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#wellbeing ~ * table tbody tr, #wellbeing ~ table tbody tr").length`))
		if err != nil {
			t.Fatal(err)
		}
		if rows != i+1 {
			t.Errorf("after %d wellbeing scores the table has %d rows", i+1, rows)
		}
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("figure.chart svg"))); err != nil {
		t.Errorf("no wellbeing chart: %v", err)
	}
	mustAxe(t, ctx, "person page with a contact, a referral and wellbeing scores")

	// The pages around the record.
	ctx = browsertest.Step(t, tab)
	mustSubmit(t, ctx, "open the summary", http.StatusOK, chromedp.Click(chromedp.CSS(`a[href$="/summary"]`)))
	if got := mustText(t, ctx, "main"); !strings.Contains(got, service) {
		t.Errorf("the printable summary does not list %s", service)
	}
	mustAxe(t, ctx, "printable summary")
	for _, p := range []struct{ path, h1, want string }{
		{strings.TrimPrefix(personURL, base) + "/edit", "Change the record", "Plan and status"},
		{"/casework/people", "People", name},
		{"/casework/uptake", "Uptake", "attended: 1"},
		{"/casework/coded-events", "Coded events for the GP record", "943 476 5919"},
		{"/casework", "Your caseload", "wellbeing scores recorded"},
	} {
		if resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(base+p.path)); err != nil || resp.Status != http.StatusOK {
			t.Fatalf("GET %s = %v, %v", p.path, resp, err)
		}
		if got := mustText(t, ctx, "h1"); got != p.h1 {
			t.Errorf("%s h1 = %q, want %q", p.path, got, p.h1)
		}
		if got := mustText(t, ctx, "main"); !strings.Contains(got, p.want) {
			t.Errorf("%s does not say %q:\n%s", p.path, p.want, got)
		}
		mustAxe(t, ctx, p.path)
	}
	if got := mustText(t, ctx, "#recent + .activity"); !strings.Contains(got, name+", wellbeing scores recorded") {
		t.Errorf("recent activity = %q", got)
	}

	// The south team's link worker, in a browser of their own, is told the
	// north team's person does not exist.
	south, cancel := chromedp.NewContext(tab, chromedp.WithNewBrowserContext())
	defer cancel()
	ctx = browsertest.Step(t, south)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/login")); err != nil {
		t.Fatal(err)
	}
	mustLogin(t, ctx, "south.worker@example.org", logins["south.worker@example.org"].password)
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(personURL))
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != http.StatusNotFound || mustText(t, ctx, "h1") != "Page not found" {
		t.Errorf("south worker on the north person's page: %d %q, want the 404 page", resp.Status, mustText(t, ctx, "h1"))
	}
	if got := mustText(t, ctx, "main"); strings.Contains(got, name) {
		t.Errorf("the 404 page names the person: %s", got)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/casework/people")); err != nil {
		t.Fatal(err)
	}
	if got := mustText(t, ctx, "main"); strings.Contains(got, name) {
		t.Errorf("the south team's people list shows the north team's person")
	}

	// Log out, and in as the admin, to read the audit log.
	mustSubmit(t, ctx, "log out", http.StatusOK, chromedp.Click(chromedp.CSS(`form.logout button`)))
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/login")); err != nil {
		t.Fatal(err)
	}
	// The admin is in no team, so the page a login leads to (the
	// caseload) is not theirs; whatever it shows, the session must take.
	mustLoginStatus(t, ctx, "admin@example.org", logins["admin@example.org"].password, http.StatusOK)
	if resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(base+"/admin/audit")); err != nil || resp.Status != http.StatusOK {
		t.Fatalf("GET /admin/audit = %v, %v", resp, err)
	}
	if got := mustText(t, ctx, "main table"); !strings.Contains(got, "Added a person") || !strings.Contains(got, "Recorded a person’s outcome measures") {
		t.Errorf("the audit log does not show the person's record being made:\n%s", got)
	}
	mustAxe(t, ctx, "/admin/audit")
	if resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(base+"/admin/users")); err != nil || resp.Status != http.StatusOK {
		t.Fatalf("GET /admin/users = %v, %v", resp, err)
	}
	mustAxe(t, ctx, "/admin/users")
}

// loggedInTab starts Linkway on the demo data and a browser tab logged
// in as the demo user email, returning the tab and the step that logged
// in (see browsertest.Step); browser tests are skipped in -short mode.
func loggedInTab(t *testing.T, email string) (base string, tab, ctx context.Context) {
	t.Helper()
	return loggedInTabWith(t, email)
}

// loggedInTabWith is loggedInTab with serve's flags args.
func loggedInTabWith(t *testing.T, email string, args ...string) (base string, tab, ctx context.Context) {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	base, stdout := mustServeOutput(t, args...)
	tab = browsertest.New(t)
	ctx = browsertest.Step(t, tab)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/login")); err != nil {
		t.Fatal(err)
	}
	mustLogin(t, ctx, email, demoLogins(t, stdout)[email].password)
	return base, tab, ctx
}

// mustLogin fills in the login form open in ctx and waits for the page
// that follows, which must load.
func mustLogin(tb testing.TB, ctx context.Context, email, password string) {
	tb.Helper()
	mustLoginStatus(tb, ctx, email, password, http.StatusOK)
}

// mustLoginStatus is mustLogin for a page that answers status, or any
// status when it is 0; a wrong login shows the form again, and fails.
func mustLoginStatus(tb testing.TB, ctx context.Context, email, password string, status int) {
	tb.Helper()
	if password == "" {
		tb.Fatalf("no demo password for %s", email)
	}
	mustSubmit(tb, ctx, "log in as "+email, status,
		chromedp.SendKeys(chromedp.CSS("#email"), email),
		chromedp.SendKeys(chromedp.CSS("#password"), password),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
	)
	if loc := mustLocation(tb, ctx); strings.HasSuffix(loc, "/login") {
		tb.Fatalf("log in as %s: still on the login page: %s", email, mustText(tb, ctx, "main"))
	}
}

// mustSubmit runs actions that load a new page (a click on a link or a
// form's button), waits for it, and checks its status after redirects
// (any status when status is 0).
func mustSubmit(tb testing.TB, ctx context.Context, what string, status int, actions ...chromedp.Action[chromedp.Void]) {
	tb.Helper()
	resp, err := chromedp.RunResponse(ctx, actions...)
	if err != nil {
		tb.Fatalf("%s: %v", what, err)
	}
	if status != 0 && int(resp.Status) != status {
		h1, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
		tb.Fatalf("%s: status %d (%q), want %d", what, resp.Status, h1, status)
	}
}

func mustLocation(tb testing.TB, ctx context.Context) string {
	tb.Helper()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		tb.Fatal(err)
	}
	return loc
}

// mustTextContent is mustText for text the page does not show yet, such
// as the inside of a closed <details>.
func mustTextContent(tb testing.TB, ctx context.Context, css string) string {
	tb.Helper()
	s, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(css)))
	if err != nil {
		tb.Fatalf("text content of %s: %v", css, err)
	}
	return strings.TrimSpace(s)
}

// mustAxe reports each serious or critical accessibility problem axe-core
// finds on the page open in ctx.
func mustAxe(tb testing.TB, ctx context.Context, page string) {
	tb.Helper()
	for _, v := range browsertest.Axe(tb, ctx) {
		tb.Errorf("%s: %s", page, v)
	}
}
