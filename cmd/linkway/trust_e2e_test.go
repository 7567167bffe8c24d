package main

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/linkway/linkway/internal/browsertest"
)

// TestEditorLandsOnOrgInBrowser logs the demo organisation editor in
// through the real form and checks they land on their listings, /org,
// not on the residents' home page.
func TestEditorLandsOnOrgInBrowser(t *testing.T) {
	_, _, ctx := loggedInTab(t, "editor@example.org")
	if loc := mustLocation(t, ctx); !strings.HasSuffix(loc, "/org") {
		t.Errorf("after logging in, the editor is at %s, want /org", loc)
	}
	if h1 := mustText(t, ctx, "h1"); h1 == "" {
		t.Error("the editor's landing page has no heading")
	}
}

// TestSearchReadingInBrowser searches the demo directory for words the
// concept map reads, one of them turned down, and checks the page says
// what else it looked for without repeating the words typed, with no
// serious accessibility problem on a phone or a desktop.
func TestSearchReadingInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	base := mustServe(t)
	ctx := browsertest.Step(t, browsertest.New(t))
	q := url.Values{"q": {"debt, but I'm not one for coffee mornings"}, "postcode": {"LS6 3HN"}}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/search?"+q.Encode())); err != nil {
		t.Fatal(err)
	}
	read := mustText(t, ctx, "main")
	for _, want := range []string{"We also looked for: Debt advice", "We left out what you said no to: “coffee mornings”."} {
		if !strings.Contains(read, want) {
			t.Errorf("the search page does not say %q:\n%s", want, read)
		}
	}
	if strings.Contains(read, "“debt”") {
		t.Errorf("the search page repeats the word typed as something it also looked for")
	}
	mustAxeBothWidths(t, ctx, "search page")
}

// TestAccountPhoneAndSummaryInBrowser: a link worker sets their work
// phone on their account page, then prints a person's summary, which
// names them with that number and has each service's whole description.
// Both pages have no serious accessibility problem on a phone or a
// desktop.
func TestAccountPhoneAndSummaryInBrowser(t *testing.T) {
	base, tab, ctx := loggedInTab(t, "north.worker@example.org")
	mustSubmit(t, ctx, "open Your account", http.StatusOK, chromedp.Click(chromedp.CSS(`nav a[href="/account"]`)))
	mustSubmit(t, ctx, "save a phone with no digits", http.StatusBadRequest,
		chromedp.SendKeys(chromedp.CSS("#phone"), "the office"),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
	)
	mustAxeBothWidths(t, ctx, "account page with an error")
	mustSubmit(t, ctx, "save a phone number", http.StatusOK,
		chromedp.SetValue(chromedp.CSS("#phone"), "0113 496 0999"),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
	)
	if got := mustText(t, ctx, ".confirm"); !strings.Contains(got, "saved") {
		t.Errorf("after saving, the page says %q", got)
	}
	mustAxeBothWidths(t, ctx, "account page")

	ctx = browsertest.Step(t, tab)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/casework/people/new")); err != nil {
		t.Fatal(err)
	}
	mustSubmit(t, ctx, "add a person", http.StatusOK,
		chromedp.SendKeys(chromedp.CSS("#name"), "Winifred Ashby"),
		chromedp.SendKeys(chromedp.CSS("#date_of_birth"), "11"),
		chromedp.SendKeys(chromedp.CSS("#date_of_birth-month"), "2"),
		chromedp.SendKeys(chromedp.CSS("#date_of_birth-year"), "1948"),
		chromedp.Click(chromedp.CSS(`input[name=consent_hold]`)),
		chromedp.SendKeys(chromedp.CSS("#priorities"), "I feel lonely since my husband died"),
		chromedp.Click(chromedp.CSS(`form.case-form button[type=submit]`)),
	)
	mustSubmit(t, ctx, "open Find support", http.StatusOK, chromedp.Click(chromedp.CSS(`main a.button[href$="/find-support"]`)))
	mustSubmit(t, ctx, "signpost", http.StatusOK, chromedp.Click(chromedp.CSS(`.matches button[value=signpost]`)))
	mustSubmit(t, ctx, "open the summary", http.StatusOK, chromedp.Click(chromedp.CSS(`main a[href$="/summary"]`)))
	summary := mustText(t, ctx, "main")
	if !strings.Contains(summary, "Demo Link Worker (North), phone 0113 496 0999") {
		t.Errorf("the summary does not name the link worker with their phone:\n%s", summary)
	}
	if strings.Contains(summary, "…") {
		t.Errorf("the summary cuts something short:\n%s", summary)
	}
	mustAxeBothWidths(t, ctx, "printable summary")
}
