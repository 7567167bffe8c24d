package main

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/internal/browsertest"
	"github.com/linkway/linkway/sqlite"
)

// mustSeedNorthCaseload puts 60 people on the demo north team's
// caseload, through a second connection to the running server's
// database: Beatrix (the demo link worker's, review overdue), Zoë
// (nobody's, review in three days) and 58 others with no review set.
func mustSeedNorthCaseload(t *testing.T, dir string) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(dir, "linkway.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	users, err := db.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var worker int64
	for _, u := range users {
		if u.Email == "north.worker@example.org" {
			worker = u.ID
		}
	}
	today := time.Now().UTC().Truncate(24 * time.Hour)
	person := func(name, dob string) *casework.Person {
		born, _ := time.Parse("2006-01-02", dob)
		return &casework.Person{TeamID: "leeds-north", Name: name, DateOfBirth: born, Status: casework.StatusActive, Consent: casework.Consent{Hold: true}}
	}
	beatrix := person("Beatrix Potter", "1950-03-04")
	beatrix.NHSNumber, beatrix.LinkWorker, beatrix.Plan.ReviewDate = "9434765919", worker, today.AddDate(0, 0, -5)
	zoe := person("Zoë Ångström", "1961-12-25")
	zoe.Plan.ReviewDate = today.AddDate(0, 0, 3)
	people := []*casework.Person{beatrix, zoe}
	for i := range 58 {
		people = append(people, person(fmt.Sprintf("Member %02d of the Team", i), "1980-01-01"))
	}
	err = db.InTx(ctx, func(tx *sqlite.Tx) error {
		for _, p := range people {
			if err := tx.CreatePerson(ctx, p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestCaseloadInBrowser searches the caseload by name, NHS number and
// UK date of birth, filters, sorts and pages it, with no JavaScript of
// ours, and checks that the search words never reach the address bar.
func TestCaseloadInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	dir := t.TempDir()
	base, stdout := mustServeOutput(t, "--data", dir) // the last --data wins
	mustSeedNorthCaseload(t, dir)
	tab := browsertest.New(t)
	ctx := browsertest.Step(t, tab)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/login")); err != nil {
		t.Fatal(err)
	}
	mustLogin(t, ctx, "north.worker@example.org", demoLogins(t, stdout)["north.worker@example.org"].password)

	// Each page gets its own step, so that a slow machine's many axe runs
	// do not add up past one step's time limit.
	open := func(path string) {
		t.Helper()
		ctx = browsertest.Step(t, tab)
		if resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(base+path)); err != nil || resp.Status != http.StatusOK {
			t.Fatalf("GET %s = %v, %v", path, resp, err)
		}
	}
	// axeBoth checks the page at a phone's width (the browser's own) and
	// a desktop's.
	axeBoth := func(what string) {
		t.Helper()
		ctx = browsertest.Step(t, tab)
		mustAxe(t, ctx, what+" on a phone")
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
			t.Fatal(err)
		}
		mustAxe(t, ctx, what+" on a desktop")
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
			t.Fatal(err)
		}
	}
	search := func(q string) {
		t.Helper()
		ctx = browsertest.Step(t, tab)
		mustSubmit(t, ctx, "search for "+q, http.StatusOK,
			chromedp.SetValue(chromedp.CSS("#q"), q),
			chromedp.Click(chromedp.CSS(`form[action="/casework/people/search"] button[type=submit]`)),
		)
		loc := mustLocation(t, ctx)
		for _, part := range strings.Fields(q) {
			if strings.Contains(loc, part) || strings.Contains(loc, "q=") {
				t.Errorf("searching for %q put it in the address: %s", q, loc)
			}
		}
	}
	rows := func() []string {
		t.Helper()
		names, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#caseload tbody tr td:first-child")].map(td => td.textContent.trim())`))
		if err != nil {
			t.Fatal(err)
		}
		return names
	}
	wantRows := func(what string, want ...string) {
		t.Helper()
		if got := rows(); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s: rows %q, want %q", what, got, want)
		}
	}

	// Pages of 50.
	open("/casework/people")
	if got := mustText(t, ctx, "#caseload caption"); got != "Showing 1 to 50 of 60 people" {
		t.Errorf("first page caption = %q", got)
	}
	axeBoth("caseload, first page")
	ctx = browsertest.Step(t, tab)
	mustSubmit(t, ctx, "next page", http.StatusOK, chromedp.Click(chromedp.CSS(`nav.pager a[rel=next]`)))
	if got := mustText(t, ctx, "#caseload caption"); got != "Showing 51 to 60 of 60 people" {
		t.Errorf("second page caption = %q", got)
	}
	if got := rows(); len(got) != 10 || got[9] != "Zoë Ångström" {
		t.Errorf("second page rows = %q, want 10 ending with Zoë", got)
	}
	mustSubmit(t, ctx, "page 1 by number", http.StatusOK, chromedp.Click(chromedp.CSS(`nav.pager a[href="/casework/people"]`)))
	if got := rows(); len(got) != 50 || got[0] != "Beatrix Potter" {
		t.Errorf("back on page 1: %d rows starting %q", len(got), got[:min(1, len(got))])
	}

	// Search by name (no accents), NHS number with spaces, UK dates.
	search("zoe angstrom")
	wantRows("name search", "Zoë Ångström")
	if got := mustText(t, ctx, "#searched"); !strings.Contains(got, "name") {
		t.Errorf("the page does not say what was searched: %q", got)
	}
	axeBoth("caseload searched by name")
	search("943 476 5919")
	wantRows("NHS number search", "Beatrix Potter")
	search("04/03/1950")
	wantRows("UK date of birth search", "Beatrix Potter")
	search("25 December 1961")
	wantRows("date of birth in words", "Zoë Ångström")

	// A search that is none of those says so, and keeps the words.
	ctx = browsertest.Step(t, tab)
	mustSubmit(t, ctx, "search for a bad date", http.StatusBadRequest,
		chromedp.SetValue(chromedp.CSS("#q"), "31/02/1950"),
		chromedp.Click(chromedp.CSS(`form[action="/casework/people/search"] button[type=submit]`)),
	)
	if got := mustText(t, ctx, ".error-summary"); !strings.Contains(got, "date of birth such as 04/03/1950") {
		t.Errorf("bad date error = %q", got)
	}
	axeBoth("caseload with a search error")

	// Clear the search, then filter and sort with the GET form.
	open("/casework/people")
	ctx = browsertest.Step(t, tab)
	mustSubmit(t, ctx, "clear the search", http.StatusOK, chromedp.Click(chromedp.CSS(`button[name=clear]`)))
	if got := mustText(t, ctx, "#caseload caption"); got != "Showing 1 to 50 of 60 people" {
		t.Errorf("after clearing, caption = %q", got)
	}
	mustSubmit(t, ctx, "filter overdue reviews", http.StatusOK,
		chromedp.SetValue(chromedp.CSS("#review"), "overdue"),
		chromedp.Click(chromedp.CSS(`form[action="/casework/people"] button[type=submit]`)),
	)
	wantRows("review overdue", "Beatrix Potter")
	mustSubmit(t, ctx, "filter due soon, my people", http.StatusOK,
		chromedp.SetValue(chromedp.CSS("#review"), ""),
		chromedp.SetValue(chromedp.CSS("#worker"), "mine"),
		chromedp.Click(chromedp.CSS(`form[action="/casework/people"] button[type=submit]`)),
	)
	wantRows("mine", "Beatrix Potter")
	mustSubmit(t, ctx, "sort by review due", http.StatusOK,
		chromedp.SetValue(chromedp.CSS("#worker"), ""),
		chromedp.SetValue(chromedp.CSS("#sort"), "review"),
		chromedp.Click(chromedp.CSS(`form[action="/casework/people"] button[type=submit]`)),
	)
	if got := rows(); len(got) < 2 || got[0] != "Beatrix Potter" || got[1] != "Zoë Ångström" {
		t.Errorf("by review due, the first rows are %q, want Beatrix (overdue) then Zoë", got[:min(2, len(got))])
	}
	// A search keeps the filters and order it was made under.
	search("potter")
	if loc := mustLocation(t, ctx); !strings.HasSuffix(loc, "/casework/people?sort=review") {
		t.Errorf("after a search the list lost its order: %s", loc)
	}
	wantRows("search under a sort", "Beatrix Potter")
	axeBoth("caseload filtered and sorted")
}
