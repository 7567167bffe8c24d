package main

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/browsertest"
	"github.com/linkway/linkway/sqlite"
)

// TestAdminListsInABrowser has an admin work through the four long
// admin pages with 120 more organisations than the demo has: find an
// organisation by name and page through them, add an editor by typing
// their organisation's name, read that in the audit log in words and
// filter it, and open the outbox; axe-core checks each page on a desktop
// and on a phone.
func TestAdminListsInABrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	dir := filepath.Join(t.TempDir(), "data")
	base, stdout := mustServeOutput(t, "--data", dir)
	db, err := sqlite.Open(filepath.Join(dir, "linkway.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	err = db.InTx(ctx, func(tx *sqlite.Tx) error {
		for i := 1; i <= 120; i++ {
			o := &directory.Organization{ID: fmt.Sprintf("e2e-%03d", i), Name: fmt.Sprintf("Test Group %03d", i)}
			if _, _, err := tx.PutOrganization(ctx, o); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	tabCtx := browsertest.New(t)
	tab := browsertest.Step(t, tabCtx)
	if err := chromedp.Do(tab, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tab, chromedp.Navigate(base+"/login")); err != nil {
		t.Fatal(err)
	}
	mustLogin(t, tab, "admin@example.org", demoLogins(t, stdout)["admin@example.org"].password)

	// Organisations: a page of 25, found by name, paged.
	tab = browsertest.Step(t, tabCtx)
	mustSubmit(t, tab, "open the organisations", http.StatusOK, chromedp.Click(chromedp.CSS(`nav a[href="/admin/organisations"]`)))
	if rows := mustCount(t, tab, "main table tbody tr"); rows != 25 {
		t.Errorf("the organisations page shows %d rows, want 25", rows)
	}
	mustAxe(t, tab, "organisations")
	mustSubmit(t, tab, "find Test Group 11", http.StatusOK,
		chromedp.SendKeys(chromedp.CSS("#q"), "test group 11"),
		chromedp.Click(chromedp.CSS(`form[role=search] button`)))
	if got := mustText(t, tab, "#all-orgs"); got != "11 organisations match “test group 11”" {
		t.Errorf("search heading = %q", got)
	}
	if got := mustText(t, tab, "main table"); !strings.Contains(got, "Test Group 110") || strings.Contains(got, "Test Group 012") {
		t.Errorf("search for test group 11 shows:\n%s", got)
	}
	mustAxe(t, tab, "organisations found")
	mustSubmit(t, tab, "show them all again", http.StatusOK, chromedp.Click(chromedp.CSS(`form[role=search] a`)))
	mustSubmit(t, tab, "next page", http.StatusOK, chromedp.Click(chromedp.CSS(`a[rel=next]`)))
	if got := mustText(t, tab, ".pager"); !strings.Contains(got, "Page 2 of") {
		t.Errorf("after Next the pager says %q", got)
	}
	mustSubmit(t, tab, "trust an organisation on page 2", http.StatusOK, chromedp.Click(chromedp.CSS(`main table tbody tr:first-child button`)))
	if loc := mustLocation(t, tab); !strings.HasSuffix(loc, "/admin/organisations?page=2") {
		t.Errorf("trusting from page 2 came back to %s", loc)
	}

	// A new editor, their organisation typed by name.
	tab = browsertest.Step(t, tabCtx)
	mustSubmit(t, tab, "open the users", http.StatusOK, chromedp.Navigate(base+"/admin/users"))
	mustSubmit(t, tab, "add an editor of a name that is nobody's", http.StatusBadRequest,
		chromedp.SendKeys(chromedp.CSS("#email"), "new.editor@example.org"),
		chromedp.SendKeys(chromedp.CSS("#name"), "Nell Editor"),
		chromedp.SetValue(chromedp.CSS("#role"), "editor"),
		chromedp.SendKeys(chromedp.CSS("#organization"), "Test Group"),
		chromedp.Click(chromedp.CSS(`form[action="/admin/users"] button`)))
	if got := mustText(t, tab, ".error-summary"); !strings.Contains(got, `No organisation is called "Test Group". Did you mean Test Group 001`) {
		t.Errorf("an editor of Test Group: %q", got)
	}
	mustAxe(t, tab, "users with an unknown organisation")
	mustSubmit(t, tab, "add an editor of Test Group 042", http.StatusOK,
		chromedp.Clear(chromedp.CSS("#organization")),
		chromedp.SendKeys(chromedp.CSS("#organization"), "test group 042"),
		chromedp.SetValue(chromedp.CSS("#role"), "editor"),
		chromedp.Click(chromedp.CSS(`form[action="/admin/users"] button`)))
	if got := mustText(t, tab, "main"); !strings.Contains(got, "Added new.editor@example.org") || !strings.Contains(got, "Test Group 042") {
		t.Errorf("after adding the editor the users page reads:\n%s", got)
	}
	if u, _, err := db.UserByEmail(ctx, "new.editor@example.org"); err != nil || u.OrganizationID != "e2e-042" {
		t.Errorf("the new editor is of %q (%v), want e2e-042", u.OrganizationID, err)
	}
	mustAxe(t, tab, "users")

	// The audit log, in words, filtered to that.
	tab = browsertest.Step(t, tabCtx)
	mustSubmit(t, tab, "open the audit log", http.StatusOK, chromedp.Navigate(base+"/admin/audit"))
	mustAxe(t, tab, "audit log")
	mustSubmit(t, tab, "show the users added", http.StatusOK,
		chromedp.SetValue(chromedp.CSS("#action"), "user.create"),
		chromedp.Click(chromedp.CSS(`form.filters button`)))
	row := mustText(t, tab, "main table tbody tr")
	if !strings.Contains(row, "Added a user") || !strings.Contains(row, "admin@example.org") || strings.Contains(row, "user.create") {
		t.Errorf("the audit of adding the editor reads %q", row)
	}
	if dt, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.querySelector("main table tbody time").getAttribute("datetime")`)); err != nil || !strings.Contains(dt, "T") {
		t.Errorf("the audit's time has datetime %q (%v)", dt, err)
	}
	// An inline element that wraps has a box for each line.
	if lines, err := chromedp.Run(tab, chromedp.Evaluate[float64](`document.querySelector("main table tbody time").getClientRects().length`)); err != nil || lines != 1 {
		t.Errorf("the audit's date takes %v lines (%v), want one", lines, err)
	}
	mustAxe(t, tab, "audit log filtered")

	// The outbox opens on what needs the admin.
	tab = browsertest.Step(t, tabCtx)
	mustSubmit(t, tab, "open the outbox", http.StatusOK, chromedp.Navigate(base+"/admin/outbox"))
	if got := mustText(t, tab, ".outbox-summary"); !strings.Contains(got, "reminders (hidden") {
		t.Errorf("the outbox does not say the start's reminders are hidden:\n%s", got)
	}
	mustAxe(t, tab, "outbox")
	mustSubmit(t, tab, "show every kind", http.StatusOK, chromedp.Click(chromedp.CSS(`.outbox-summary a[href="/admin/outbox?kind=all"]`)))
	if n := mustCount(t, tab, "ol.messages > li"); n == 0 {
		t.Error("every kind shows no message")
	}
	mustAxe(t, tab, "outbox, every kind")

	// On a phone.
	tab = browsertest.Step(t, tabCtx)
	if err := chromedp.Do(tab, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"/admin/organisations?q=test+group", "/admin/users", "/admin/audit", "/admin/outbox?kind=all"} {
		mustSubmit(t, tab, "open "+page+" on a phone", http.StatusOK, chromedp.Navigate(base+page))
		mustAxe(t, tab, page+" on a phone")
		if wide, err := chromedp.Run(tab, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`)); err != nil || wide {
			t.Errorf("%s on a phone is wider than the screen (%v)", page, err)
		}
	}
}

// mustCount is how many elements match css.
func mustCount(tb testing.TB, ctx context.Context, css string) int {
	tb.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.querySelectorAll(`+"`"+css+"`"+`).length`))
	if err != nil {
		tb.Fatalf("count %s: %v", css, err)
	}
	return int(n)
}
