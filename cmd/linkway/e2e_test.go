package main

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/linkway/linkway/internal/browsertest"
)

// TestBrowseToService opens the home page in a real browser, follows a
// kind of support to its list and a service to its page, and checks the
// page shows what a resident needs.
func TestBrowseToService(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	base := mustServe(t)
	tab := browsertest.New(t)
	ctx := browsertest.Step(t, tab)

	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	h1 := mustText(t, ctx, "h1")
	if h1 != "Find local groups and support" {
		t.Errorf("home h1 = %q", h1)
	}
	kindName := mustText(t, ctx, ".kind-list li a")
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(".kind-list li a")),
		chromedp.WaitVisible(chromedp.CSS(".results .card h2 a")),
	); err != nil {
		t.Fatalf("home to browse: %v", err)
	}
	if got := mustText(t, ctx, "h1"); got != kindName {
		t.Errorf("browse page h1 = %q, want the kind followed, %q", got, kindName)
	}
	serviceName := mustText(t, ctx, ".results .card h2 a")
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(".results .card h2 a")),
		chromedp.WaitVisible(chromedp.CSS("article.service")),
	); err != nil {
		t.Fatalf("browse to service: %v", err)
	}
	if got := mustText(t, ctx, "article.service h1"); got != serviceName {
		t.Errorf("service page h1 = %q, want %q", got, serviceName)
	}
	body := mustText(t, ctx, "article.service")
	for _, want := range []string{"What it is", "Who it is for", "When", "Where", "Cost", "How to join", "Get in touch"} {
		if !strings.Contains(body, want) {
			t.Errorf("service page has no %q section", want)
		}
	}
	if !strings.Contains(body, "Last checked") && !strings.Contains(body, "not been checked") {
		t.Error("service page does not say when the listing was last checked")
	}
}

func mustText(tb testing.TB, ctx context.Context, css string) string {
	tb.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		tb.Fatalf("text of %s: %v", css, err)
	}
	return strings.TrimSpace(s)
}
