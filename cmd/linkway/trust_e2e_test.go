package main

import (
	"context"
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

// mustAxeBothWidths checks the page open in ctx with axe-core at a phone's
// width and then at a desktop's.
func mustAxeBothWidths(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	mustAxe(t, ctx, page+" on a phone")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	mustAxe(t, ctx, page+" on a desktop")
}
