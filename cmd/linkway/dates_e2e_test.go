package main

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestDateOfBirthInABrowser types a date of birth into the day, month and
// year boxes of the person form in a real browser: first without a year,
// which must say so, link to the year box and keep what was typed, then
// properly. Both pages are checked with axe-core on a phone and a desktop.
func TestDateOfBirthInABrowser(t *testing.T) {
	base, _, ctx := loggedInTab(t, "north.worker@example.org")
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/casework/people/new")); err != nil {
		t.Fatal(err)
	}
	mustAxeBothWidths(t, ctx, "add-person form")
	mustSubmit(t, ctx, "add a person with no year of birth", http.StatusBadRequest,
		chromedp.SendKeys(chromedp.CSS("#name"), "Iris Pemberton"),
		chromedp.SendKeys(chromedp.CSS("#date_of_birth"), "4"),
		chromedp.SendKeys(chromedp.CSS("#date_of_birth-month"), "3"),
		chromedp.Click(chromedp.CSS(`input[name=consent_hold]`)),
		chromedp.Click(chromedp.CSS(`form.case-form button[type=submit]`)),
	)
	if got := mustText(t, ctx, ".error-summary"); !strings.Contains(got, "Date of birth must include a year") {
		t.Errorf("error summary = %q, want it to say the year is missing", got)
	}
	if got := mustText(t, ctx, ".date-input .error-message"); got != "Date of birth must include a year" {
		t.Errorf("the date's own error = %q", got)
	}
	kept := mustEval[string](t, ctx, `['date_of_birth', 'date_of_birth-month', 'date_of_birth-year'].map(id => document.getElementById(id).value + ':' + (document.getElementById(id).getAttribute('aria-invalid') || '')).join(' ')`)
	if kept != "4: 3: :true" {
		t.Errorf("day:invalid month:invalid year:invalid = %q, want only the empty year marked", kept)
	}
	mustAxeBothWidths(t, ctx, "add-person form with a date error")
	// The summary's link takes the keyboard to the box to fix.
	if _, err := chromedp.Run(ctx, chromedp.Click(chromedp.CSS(`.error-summary a[href="#date_of_birth-year"]`))); err != nil {
		t.Fatal(err)
	}
	if got := mustEval[string](t, ctx, `document.activeElement.id`); got != "date_of_birth-year" {
		t.Errorf("after following the error's link, focus is on %q, want the year box", got)
	}
	mustSubmit(t, ctx, "add the person with their year of birth", http.StatusOK,
		chromedp.SendKeys(chromedp.CSS("#date_of_birth-year"), "1950"),
		chromedp.Click(chromedp.CSS(`form.case-form button[type=submit]`)),
	)
	if got := mustText(t, ctx, ".record"); !strings.Contains(got, "born 4 March 1950") {
		t.Errorf("the person's page does not say born 4 March 1950:\n%s", got)
	}
}

// TestReopeningDateInABrowser closes a listing until a reopening date
// typed into the day, month and year boxes: first a date already past,
// refused with what was typed kept, then next year's.
func TestReopeningDateInABrowser(t *testing.T) {
	base, _, ctx := loggedInTab(t, "editor@example.org")
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/org")); err != nil {
		t.Fatal(err)
	}
	if got := mustText(t, ctx, "#listing-0 ~ form .date-input legend"); got != "Reopening date, when closed" {
		t.Errorf("reopening date legend = %q", got)
	}
	closeUntil := func(what string, status int, day, month, year string) {
		t.Helper()
		mustSubmit(t, ctx, what, status,
			chromedp.Click(chromedp.CSS("#status-closed-0")),
			chromedp.SetValue(chromedp.CSS("#reopen-0"), day),
			chromedp.SetValue(chromedp.CSS("#reopen-0-month"), month),
			chromedp.SetValue(chromedp.CSS("#reopen-0-year"), year),
			chromedp.Click(chromedp.CSS(`form[action$="/status"] button[type=submit]`)),
		)
	}
	closeUntil("close until a date already past", http.StatusBadRequest, "1", "1", "2020")
	if got := mustText(t, ctx, ".error-summary"); !strings.Contains(got, "Reopening date must be after today") {
		t.Errorf("error summary = %q", got)
	}
	if got := mustEval[string](t, ctx, `document.getElementById('reopen-0-year').value`); got != "2020" {
		t.Errorf("the year typed was not kept: %q", got)
	}
	mustAxeBothWidths(t, ctx, "listings with a reopening date error")

	next := strconv.Itoa(time.Now().Year() + 1)
	closeUntil("close until next June", http.StatusOK, "15", "6", next)
	if got := mustText(t, ctx, "main"); !strings.Contains(got, "reopening on 15 June "+next) {
		t.Errorf("the listing does not say it reopens on 15 June %s:\n%s", next, got)
	}
	mustAxeBothWidths(t, ctx, "listings with a listing closed")
}

// mustAxeBothWidths runs axe-core on the page at a phone's width and a
// desktop's, leaving the tab at a phone's width.
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
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
}

func mustEval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}
