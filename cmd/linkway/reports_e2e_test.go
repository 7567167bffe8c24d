package main

import (
	"context"
	"net/http"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestReportsPageInABrowser has an admin open the reports from the menu
// in a real browser, choose a period and a team, and checks the page
// with axe-core (WCAG 2.2 A and AA) on a phone and on a desktop; printed,
// the page keeps its tables and charts and drops the filter and links.
func TestReportsPageInABrowser(t *testing.T) {
	_, _, ctx := loggedInTab(t, "admin@example.org")
	mustSubmit(t, ctx, "open the reports from the menu", http.StatusOK, chromedp.Click(chromedp.CSS(`nav a[href="/reports"]`)))
	if got := mustText(t, ctx, "h1"); got != "Reports" {
		t.Errorf("h1 = %q, want Reports", got)
	}
	mustSubmit(t, ctx, "choose a period", http.StatusOK,
		chromedp.SetValue(chromedp.CSS("#from"), "2026-01-01"),
		chromedp.SetValue(chromedp.CSS("#to"), "2026-12-31"),
		chromedp.Click(chromedp.CSS(`form.report-filter button[type=submit]`)),
	)
	if got := mustText(t, ctx, ".report-period"); got == "" {
		t.Error("no period shown after choosing one")
	}
	// The demo has few records, so only tables with rows have charts;
	// each has a title and a description for screen readers.
	charts, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[document.querySelectorAll("svg.bar-chart").length,
		document.querySelectorAll("svg.bar-chart[role=img] > title + desc").length]`))
	if err != nil || len(charts) != 2 || charts[0] == 0 || charts[0] != charts[1] {
		t.Errorf("charts, and those titled and described = %v (%v), want at least one, all titled", charts, err)
	}
	mustAxe(t, ctx, "reports on a phone")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	mustAxe(t, ctx, "reports on a desktop")

	printMedia := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	})
	if err := chromedp.Do(ctx, printMedia); err != nil {
		t.Fatal(err)
	}
	hidden, err := chromedp.Run(ctx, chromedp.Evaluate[bool](
		`[...document.querySelectorAll(".site-header nav, .site-footer, .no-print, form.report-filter")].every(e => getComputedStyle(e).display === "none")`))
	if err != nil || !hidden {
		t.Errorf("printing the reports shows the navigation, the filter or the page's own links (%v)", err)
	}
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[bool](
		`[...document.querySelectorAll(".report-section table, .report-chart")].every(e => getComputedStyle(e).display !== "none")`))
	if err != nil || !shown {
		t.Errorf("printing hides the tables or charts (%v)", err)
	}
}
