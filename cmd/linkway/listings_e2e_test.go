package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/linkway/linkway/internal/browsertest"
)

// TestListingModerationJourney follows a listing change through a real
// browser: the demo editor changes a session time (after a failed save
// that must say what is wrong), an admin sees the change field by field
// and approves it, and a resident's search then shows the new time. Each
// page is checked with axe-core (WCAG 2.2 A and AA) on the way.
func TestListingModerationJourney(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	base, stdout := mustServeOutput(t)
	logins := demoLogins(t, stdout)
	ctx := browsertest.Step(t, browsertest.New(t))

	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/login")); err != nil {
		t.Fatal(err)
	}
	mustLogin(t, ctx, "editor@example.org", logins["editor@example.org"].password)
	mustSubmit(t, ctx, "open Your listings", http.StatusOK, chromedp.Click(chromedp.CSS(`nav[aria-label="Your work"] a[href="/org"]`)))
	mustAxe(t, ctx, "your listings")
	name := mustText(t, ctx, "section.listing h2")
	mustSubmit(t, ctx, "open the listing form", http.StatusOK, chromedp.Click(chromedp.CSS(`section.listing a.button`)))
	mustAxe(t, ctx, "listing form")
	opens := mustValue(t, ctx, "#session-0-opens")
	if opens == "" {
		t.Fatalf("the first demo listing shows no session time")
	}

	// A save with no name and an impossible time says what is wrong, next
	// to the fields, and keeps what was typed.
	mustSubmit(t, ctx, "save without a name", http.StatusBadRequest,
		chromedp.Clear(chromedp.CSS("#name")),
		chromedp.Clear(chromedp.CSS("#session-0-opens")),
		chromedp.SendKeys(chromedp.CSS("#session-0-opens"), "25:00"),
		chromedp.Click(chromedp.CSS(`form.case-form button[type=submit]`)),
	)
	summary := mustText(t, ctx, ".error-summary")
	for _, want := range []string{"There is a problem", "Enter the name", "start time"} {
		if !strings.Contains(summary, want) {
			t.Errorf("error summary does not say %q:\n%s", want, summary)
		}
	}
	if got := mustValue(t, ctx, "#session-0-opens"); got != "25:00" {
		t.Errorf("the time typed was not kept: %q", got)
	}
	mustAxe(t, ctx, "listing form with errors")

	mustSubmit(t, ctx, "send the change for review", http.StatusOK,
		chromedp.SendKeys(chromedp.CSS("#name"), name),
		chromedp.Clear(chromedp.CSS("#session-0-opens")),
		chromedp.SendKeys(chromedp.CSS("#session-0-opens"), "09:45"),
		chromedp.Click(chromedp.CSS(`form.case-form button[type=submit]`)),
	)
	if got := mustText(t, ctx, ".confirm"); !strings.Contains(got, "sent for review") {
		t.Errorf("after saving: %q", got)
	}
	if got := mustText(t, ctx, "section.listing"); !strings.Contains(got, "waiting for review") {
		t.Errorf("the listing does not say a change is waiting:\n%s", got)
	}
	mustAxe(t, ctx, "your listings after sending")
	mustSubmit(t, ctx, "log out", http.StatusOK, chromedp.Click(chromedp.CSS(`form.logout button`)))

	// The admin approves it from the review queue.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/login")); err != nil {
		t.Fatal(err)
	}
	mustLogin(t, ctx, "admin@example.org", logins["admin@example.org"].password)
	mustSubmit(t, ctx, "open the review queue", http.StatusOK, chromedp.Click(chromedp.CSS(`nav[aria-label="Your work"] a[href="/admin/reviews"]`)))
	mustAxe(t, ctx, "review queue")
	mustSubmit(t, ctx, "open the change", http.StatusOK, chromedp.Click(chromedp.CSS(`main table a`)))
	if diff := mustText(t, ctx, "table.diff"); !strings.Contains(diff, "09:45") || !strings.Contains(diff, opens) {
		t.Errorf("the diff does not show the time before (%s) and after (09:45):\n%s", opens, diff)
	}
	mustAxe(t, ctx, "review")
	mustSubmit(t, ctx, "approve", http.StatusOK, chromedp.Click(chromedp.CSS(`form[action$="/approve"] button`)))
	if got := mustText(t, ctx, ".confirm"); !strings.Contains(got, "published") {
		t.Errorf("after approving: %q", got)
	}
	mustAxe(t, ctx, "review queue after approving")
	mustSubmit(t, ctx, "log out", http.StatusOK, chromedp.Click(chromedp.CSS(`form.logout button`)))

	// A resident's search shows the new time (the index follows the
	// database within a second).
	deadline := time.Now().Add(3 * time.Second)
	for {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/search?q="+url.QueryEscape(name))); err != nil {
			t.Fatal(err)
		}
		card := mustText(t, ctx, ".results .card")
		if strings.Contains(card, "09:45") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("search does not show the new time:\n%s", card)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func mustValue(tb testing.TB, ctx context.Context, css string) string {
	tb.Helper()
	v, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(css)))
	if err != nil {
		tb.Fatalf("value of %s: %v", css, err)
	}
	return v
}
