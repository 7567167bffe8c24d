package main

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/linkway/linkway/internal/browsertest"
)

// TestLetterForTheGPInBrowser opens the letter for a person's GP from
// their page in a real browser, checks it with axe-core (WCAG 2.2 A and
// AA) on a phone and on a desktop, and checks that printing leaves out
// the site's navigation and the page's own links.
func TestLetterForTheGPInBrowser(t *testing.T) {
	base, tab, ctx := loggedInTab(t, "north.worker@example.org")
	const name = "Beatrice Holloway"
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/casework/people/new")); err != nil {
		t.Fatal(err)
	}
	mustSubmit(t, ctx, "add a person", http.StatusOK,
		chromedp.SendKeys(chromedp.CSS("#name"), name),
		chromedp.SendKeys(chromedp.CSS("#date_of_birth"), "9"),
		chromedp.SendKeys(chromedp.CSS("#date_of_birth-month"), "7"),
		chromedp.SendKeys(chromedp.CSS("#date_of_birth-year"), "1951"),
		chromedp.SendKeys(chromedp.CSS("#nhs_number"), "943 476 5919"),
		chromedp.Click(chromedp.CSS(`input[name=consent_hold]`)),
		chromedp.SendKeys(chromedp.CSS("#priorities"), "I would like to get out of the house and meet people"),
		chromedp.Click(chromedp.CSS(`form.case-form button[type=submit]`)),
	)
	mustSubmit(t, ctx, "record a contact", http.StatusOK,
		chromedp.SetValue(chromedp.CSS("#contact-kind"), "meeting"),
		chromedp.Click(chromedp.CSS(`form[action$="/contacts"] button[type=submit]`)),
	)
	for _, scores := range [][5]string{{"start", "3", "4", "2", "8"}, {"review", "6", "7", "6", "4"}} {
		mustSubmit(t, ctx, "record wellbeing at "+scores[0], http.StatusOK,
			chromedp.SetValue(chromedp.CSS("#ons-stage"), scores[0]),
			chromedp.SendKeys(chromedp.CSS("#life_satisfaction"), scores[1]),
			chromedp.SendKeys(chromedp.CSS("#worthwhile"), scores[2]),
			chromedp.SendKeys(chromedp.CSS("#happy"), scores[3]),
			chromedp.SendKeys(chromedp.CSS("#anxious"), scores[4]),
			chromedp.Click(chromedp.CSS(`form[action$="/outcomes"] button[type=submit]`)),
		)
	}

	ctx = browsertest.Step(t, tab)
	mustSubmit(t, ctx, "open Find support", http.StatusOK, chromedp.Click(chromedp.CSS(`main a.button[href$="/find-support"]`)))
	service := mustText(t, ctx, ".matches .card h3 a")
	mustSubmit(t, ctx, "refer", http.StatusOK, chromedp.Click(chromedp.CSS(`.matches button[value=referral]`)))
	mustSubmit(t, ctx, "open the letter for the GP", http.StatusOK, chromedp.Click(chromedp.CSS(`main a[href$="/letter"]`)))
	if got := mustText(t, ctx, "h1"); got != "Social prescribing summary for the GP" {
		t.Errorf("letter h1 = %q", got)
	}
	letter := mustText(t, ctx, "article.letter")
	for _, want := range []string{name, "943 476 5919", "meet people", service, "Referral to social prescribing service", "Life satisfaction"} {
		if !strings.Contains(letter, want) {
			t.Errorf("the letter does not say %q:\n%s", want, letter)
		}
	}
	mustAxe(t, ctx, "letter for the GP on a phone")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	mustAxe(t, ctx, "letter for the GP on a desktop")

	// Printed, the letter is the letter alone.
	printMedia := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	})
	if err := chromedp.Do(ctx, printMedia); err != nil {
		t.Fatal(err)
	}
	// offsetParent is null for an element that is not rendered.
	hidden, err := chromedp.Run(ctx, chromedp.Evaluate[bool](
		`[...document.querySelectorAll(".site-header nav, .site-footer, main a")].filter(e => !e.closest("article.letter")).every(e => e.offsetParent === null)`))
	if err != nil {
		t.Fatal(err)
	}
	if !hidden {
		t.Error("printing the letter shows the navigation, the footer or a link outside the letter")
	}
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("article.letter h1").offsetParent !== null`))
	if err != nil || !shown {
		t.Errorf("printing hides the letter itself (%v)", err)
	}
}
