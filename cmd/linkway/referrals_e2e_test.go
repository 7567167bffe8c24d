package main

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/linkway/linkway/internal/browsertest"
)

// TestReferAgainAndStatusFormInBrowser refers a person from Find support
// with a note, goes back to see the service marked, is asked to confirm
// a second referral to it and confirms with another note; then checks
// that the referral's status form starts with nothing chosen and that
// submitting it so is refused, by the browser and, without the browser's
// check, by the server. Each page is checked with axe-core on a phone
// and on a desktop.
func TestReferAgainAndStatusFormInBrowser(t *testing.T) {
	base, tab, ctx := loggedInTab(t, "north.worker@example.org")
	const name = "Clement Attwood"
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/casework/people/new")); err != nil {
		t.Fatal(err)
	}
	mustSubmit(t, ctx, "add a person", http.StatusOK,
		chromedp.SendKeys(chromedp.CSS("#name"), name),
		chromedp.SendKeys(chromedp.CSS("#date_of_birth"), "11"),
		chromedp.SendKeys(chromedp.CSS("#date_of_birth-month"), "2"),
		chromedp.SendKeys(chromedp.CSS("#date_of_birth-year"), "1948"),
		chromedp.Click(chromedp.CSS(`input[name=consent_hold]`)),
		chromedp.SendKeys(chromedp.CSS("#priorities"), "I would like to get out of the house and meet people"),
		chromedp.Click(chromedp.CSS(`form.case-form button[type=submit]`)),
	)

	// Refer to the first suggestion, with a note.
	ctx = browsertest.Step(t, tab)
	mustSubmit(t, ctx, "open Find support", http.StatusOK, chromedp.Click(chromedp.CSS(`main a.button[href$="/find-support"]`)))
	service := mustText(t, ctx, ".matches .card h3 a")
	mustSubmit(t, ctx, "refer with a note", http.StatusOK,
		chromedp.SendKeys(chromedp.CSS(`.matches .card textarea[name=note]`), "Mornings suit him best."),
		chromedp.Click(chromedp.CSS(`.matches button[value=referral]`)),
	)
	if got := mustText(t, ctx, "#referrals + .results .card"); !strings.Contains(got, service) || !strings.Contains(got, "Note with the referral: “Mornings suit him best.”") {
		t.Errorf("referral card = %q, want %s with its note", got, service)
	}

	// Back on Find support the service is marked, and referring again
	// asks first.
	ctx = browsertest.Step(t, tab)
	mustSubmit(t, ctx, "back to Find support", http.StatusOK, chromedp.Click(chromedp.CSS(`main a.button[href$="/find-support"]`)))
	const marked = ".matches .card:has(.earlier)"
	if got := mustText(t, ctx, marked+" h3 a"); got != service {
		t.Errorf("marked service = %q, want %q", got, service)
	}
	if got := mustText(t, ctx, marked+" .earlier"); !strings.Contains(got, "Already referred") || !strings.HasSuffix(got, "— now: referred") || !strings.Contains(got, "Referred ") {
		t.Errorf("mark = %q, want when it was referred and that it is now referred", got)
	}
	if got := mustText(t, ctx, marked+" button[value=referral]"); got != "Refer again to "+service {
		t.Errorf("marked refer button = %q", got)
	}
	axePhoneAndDesktop(t, ctx, "find support with a service marked")
	mustSubmit(t, ctx, "refer again", http.StatusConflict, chromedp.Click(chromedp.CSS(marked+" button[value=referral]")))
	if got := mustText(t, ctx, "h1"); got != "Refer "+name+" again?" {
		t.Errorf("confirm page h1 = %q", got)
	}
	if got := mustText(t, ctx, ".error-summary"); !strings.Contains(got, "already has an open referral to "+service) || !strings.Contains(got, "now referred") {
		t.Errorf("confirm page says %q", got)
	}
	axePhoneAndDesktop(t, ctx, "confirm a second referral")
	mustSubmit(t, ctx, "confirm with a note", http.StatusOK,
		chromedp.SendKeys(chromedp.CSS("#note"), "He asked for the Thursday group."),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
	)
	cards := mustText(t, ctx, "#referrals + .results")
	if strings.Count(cards, service) != 2 || !strings.Contains(cards, "“He asked for the Thursday group.”") || !strings.Contains(cards, "“Mornings suit him best.”") {
		t.Errorf("after confirming, the referrals are:\n%s", cards)
	}

	// The status form: nothing chosen, and a choice is required.
	ctx = browsertest.Step(t, tab)
	const status = `#referrals + .results form[action$="/status"]`
	chosen, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('`+status+` select').value`))
	if err != nil || chosen != "" {
		t.Errorf("status form starts on %q (%v), want nothing chosen", chosen, err)
	}
	valid, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('`+status+`').checkValidity()`))
	if err != nil || valid {
		t.Errorf("the browser would send the status form with nothing chosen (%v)", err)
	}
	axePhoneAndDesktop(t, ctx, "person page with two referrals")
	// A browser that does not check required fields sends it anyway; the
	// server refuses it in words.
	mustSubmit(t, ctx, "send the status form with nothing chosen", http.StatusBadRequest,
		chromedp.Evaluate[chromedp.Void](`document.querySelector('`+status+` select').removeAttribute('required')`),
		chromedp.Click(chromedp.CSS(status+` button[type=submit]`)),
	)
	if got := mustText(t, ctx, ".error-summary"); !strings.Contains(got, "choose what the referral is now") {
		t.Errorf("error summary = %q", got)
	}
	if got := mustText(t, ctx, "#referrals + .results .card p"); !strings.Contains(got, "Now: referred") {
		t.Errorf("after the refused form the referral says %q", got)
	}
	axePhoneAndDesktop(t, ctx, "person page refusing an empty status")
}

// axePhoneAndDesktop runs axe-core on the page open in ctx at a phone's
// width and a desktop's, and leaves the tab at a phone's.
func axePhoneAndDesktop(tb testing.TB, ctx context.Context, page string) {
	tb.Helper()
	for _, size := range []struct {
		what          string
		width, height int64
	}{{"desktop", 1280, 900}, {"phone", 390, 844}} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(size.width, size.height)); err != nil {
			tb.Fatal(err)
		}
		mustAxe(tb, ctx, page+" on a "+size.what)
	}
}
