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

// TestSearchByWordsAndPostcode searches the demo directory in a real
// browser, by everyday words and a postcode, and follows a result.
func TestSearchByWordsAndPostcode(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	base := mustServe(t)
	ctx := browsertest.Step(t, browsertest.New(t))
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/search"),
		chromedp.SendKeys(chromedp.CSS("#q"), "someone to talk to"),
		chromedp.SendKeys(chromedp.CSS("#postcode"), "ls6 3hn"),
		chromedp.SetValue(chromedp.CSS("#radius_km"), "5"),
		chromedp.Click(chromedp.CSS(".search-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#results-heading")),
		// The map draws with JavaScript on, from the same results; once
		// it has, the page has loaded and stays put for what follows.
		chromedp.WaitVisible(chromedp.CSS("#map .map-marker")),
	); err != nil {
		t.Fatalf("search: %v", err)
	}
	heading := mustText(t, ctx, "#results-heading")
	if !strings.Contains(heading, "near ls6 3hn") && !strings.Contains(strings.ToLower(heading), "near ls6 3hn") {
		t.Errorf("results heading = %q", heading)
	}
	if strings.HasPrefix(heading, "0 results") {
		t.Fatalf("no results for everyday words near LS6: %q", heading)
	}
	facts := mustText(t, ctx, ".results .card .facts")
	if !strings.Contains(facts, "km") {
		t.Errorf("first result shows no distance: %q", facts)
	}
	name := mustText(t, ctx, ".results .card h3 a")
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(".results .card h3 a")),
		chromedp.WaitVisible(chromedp.CSS("article.service")),
	); err != nil {
		t.Fatal(err)
	}
	if got := mustText(t, ctx, "article.service h1"); got != name {
		t.Errorf("followed %q, landed on %q", name, got)
	}
}

// TestFindSupport fills the Find support form in a real browser and sees
// explained suggestions.
func TestFindSupport(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	base := mustServe(t)
	ctx := browsertest.Step(t, browsertest.New(t))
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/find-support"),
		chromedp.SendKeys(chromedp.CSS("#priorities"), "I've been on my own since my wife died, and the bailiffs keep writing"),
		chromedp.SendKeys(chromedp.CSS("#postcode"), "LS6 3HN"),
		chromedp.SetValue(chromedp.CSS("#travel"), "bus"),
		chromedp.SendKeys(chromedp.CSS("#age"), "74"),
		chromedp.Click(chromedp.CSS(".search-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#matches-heading")),
	); err != nil {
		t.Fatalf("find support: %v", err)
	}
	heading := mustText(t, ctx, "#matches-heading")
	if strings.HasPrefix(heading, "0 ") {
		t.Fatalf("no suggestions: %q", heading)
	}
	reasons := mustText(t, ctx, ".matches")
	for _, want := range []string{"Why we suggest it", "matches ‘", "km, about", "by bus"} {
		if !strings.Contains(reasons, want) {
			t.Errorf("suggestions do not show %q", want)
		}
	}
	// The scores read in the order the suggestions are listed.
	scores, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".matches details.components summary")].map(s => s.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(scores) < 2 {
		t.Fatalf("scores shown: %q", scores)
	}
	for i := 1; i < len(scores); i++ {
		if scores[i] > scores[i-1] { // "Score 0.91: …" compares as its number does
			t.Errorf("suggestion %d shows %q after %q", i+1, scores[i], scores[i-1])
		}
	}
	// What was typed stays in the form, and nothing of it is in the URL.
	if got, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#priorities"))); !strings.Contains(got, "bailiffs") {
		t.Errorf("priorities box now holds %q", got)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(loc, "bailiffs") || strings.Contains(loc, "LS6") {
		t.Errorf("the person's words are in the URL: %s", loc)
	}
}

// TestPublicPagesAccessible checks each public page with axe-core (WCAG
// 2.2 A and AA): no serious or critical violations.
func TestPublicPagesAccessible(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	base := mustServe(t)
	ctx := browsertest.Step(t, browsertest.New(t))
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/browse/befriending")); err != nil {
		t.Fatal(err)
	}
	href, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(".results .card h2 a"), "href"))
	if err != nil {
		t.Fatal(err)
	}
	pages := []string{"/", "/browse", "/browse/befriending", href.Value, "/search?q=lonely&postcode=LS6+3HN&radius_km=5", "/find-support", "/nowhere"}
	for _, p := range pages {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+p)); err != nil {
			t.Fatal(err)
		}
		for _, v := range browsertest.Axe(t, ctx) {
			t.Errorf("%s: %s", p, v)
		}
	}
}
