package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestAdminCorrectsKindsInABrowser has an admin correct a listing's kinds
// of support from its history in a real browser: a choice of none is
// refused with a summary, a choice is published and shown as set by an
// admin, then the listing is given its kinds automatically again. Each
// page is checked with axe-core on a phone and on a desktop.
func TestAdminCorrectsKindsInABrowser(t *testing.T) {
	base, _, ctx := loggedInTab(t, "admin@example.org")
	id := firstSearchResult(t, base, "q=walk")
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/admin/services/"+id+"/history")); err != nil {
		t.Fatal(err)
	}
	mustSubmit(t, ctx, "open its kinds of support", http.StatusOK, chromedp.Click(chromedp.CSS(`main a[href$="/kinds"]`)))
	if got := mustText(t, ctx, "h1"); !strings.HasPrefix(got, "Kinds of support of ") {
		t.Errorf("h1 = %q", got)
	}
	if got := mustText(t, ctx, "main"); !strings.Contains(got, "listed so by the feed") && !strings.Contains(got, "inferred") {
		t.Errorf("the page does not say where the kinds came from:\n%s", got)
	}
	mustAxe(t, ctx, "kinds of support on a phone")

	uncheckAll := chromedp.Evaluate[bool](`document.querySelectorAll('input[name=kind]').forEach(c => c.checked = false); true`)
	if _, err := chromedp.Run(ctx, uncheckAll); err != nil {
		t.Fatal(err)
	}
	mustSubmit(t, ctx, "publish no kinds", http.StatusUnprocessableEntity, chromedp.Click(chromedp.CSS(`form.case-form button[type=submit]`)))
	if got := mustText(t, ctx, ".error-summary"); !strings.Contains(got, "Choose at least one kind of support") {
		t.Errorf("error summary: %q", got)
	}
	mustAxe(t, ctx, "kinds of support with an error")

	if _, err := chromedp.Run(ctx, uncheckAll); err != nil {
		t.Fatal(err)
	}
	mustSubmit(t, ctx, "publish two kinds", http.StatusOK,
		chromedp.Click(chromedp.CSS(`label[for="kind-arts-and-crafts"]`)),
		chromedp.Click(chromedp.CSS(`label[for="kind-befriending"]`)),
		chromedp.Click(chromedp.CSS(`form.case-form button[type=submit]`)),
	)
	if got := mustText(t, ctx, ".confirm"); !strings.Contains(got, "published as you chose them") {
		t.Errorf("after publishing: %q", got)
	}
	if got := mustText(t, ctx, "main"); !strings.Contains(got, "Arts and crafts: set by an admin") || !strings.Contains(got, "Befriending: set by an admin") {
		t.Errorf("the page does not show the admin's kinds:\n%s", got)
	}
	mustAxe(t, ctx, "kinds of support set by an admin, on a phone")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	mustAxe(t, ctx, "kinds of support set by an admin, on a desktop")

	mustSubmit(t, ctx, "give kinds automatically again", http.StatusOK,
		chromedp.Click(chromedp.CSS(`form.inline-form button[type=submit]`)))
	if got := mustText(t, ctx, ".confirm"); !strings.Contains(got, "given automatically again") {
		t.Errorf("after returning to automatic: %q", got)
	}
	if got := mustText(t, ctx, "main"); strings.Contains(got, "set by an admin") {
		t.Errorf("the admin's kinds are still shown:\n%s", got)
	}
	mustAxe(t, ctx, "kinds of support given automatically, on a desktop")
}

// firstSearchResult is the id of the first service the search API gives
// for query.
func firstSearchResult(tb testing.TB, base, query string) string {
	tb.Helper()
	resp, err := http.Get(base + "/api/v1/search?" + query)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	var ans struct {
		Results []struct {
			ID string `json:"id"`
		} `json:"results"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&ans); err != nil || len(ans.Results) == 0 {
		tb.Fatalf("search %s: %v, %d results", query, err, len(ans.Results))
	}
	return ans.Results[0].ID
}
