package cases_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/internal/webtest"
	"github.com/linkway/linkway/sqlite"
	"github.com/linkway/linkway/web"
)

// mustCaseloadPeople stores people on the north team's caseload straight
// into the store, which is quicker than the API for a page's worth.
func mustCaseloadPeople(t *testing.T, fx *webtest.Site, people ...*casework.Person) {
	t.Helper()
	ctx := context.Background()
	err := fx.DB.InTx(ctx, func(tx *sqlite.Tx) error {
		for _, p := range people {
			p.TeamID, p.Consent.Hold = "north", true
			if p.Status == "" {
				p.Status = casework.StatusActive
			}
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

func TestCaseloadSearchFilterSortPage(t *testing.T) {
	var logged bytes.Buffer
	fx := webtest.NewWith(t, webtest.Options{Configure: func(c *web.Config) {
		c.Log = slog.New(slog.NewTextHandler(&logged, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}})
	north := fx.As(t, "north@example.org")
	today := fx.Now
	born := func(s string) casework.Person {
		p := casework.Person{}
		p.DateOfBirth = mustDate(t, s)
		return p
	}
	zoe, ada := born("1961-12-25"), born("1950-03-04")
	zoe.Name, zoe.NHSNumber, zoe.Plan.ReviewDate = "Zoë Ångström", "9434765870", today.AddDate(0, 0, 3)
	ada.Name, ada.NHSNumber, ada.Plan.ReviewDate = "Ada Lovelace", "9434765919", today.AddDate(0, 0, -3)
	mustCaseloadPeople(t, fx, &zoe, &ada)
	var filler []*casework.Person
	for i := range 58 {
		p := born("1980-01-01")
		p.Name = fmt.Sprintf("Filler Person %02d", i)
		filler = append(filler, &p)
	}
	mustCaseloadPeople(t, fx, filler...)

	get := func(path string) (int, string) {
		t.Helper()
		return fx.Call(t, north, "GET", path, "")
	}
	search := func(v url.Values) (int, string, string) {
		t.Helper()
		return fx.Form(t, north, "/casework/people/search", v)
	}

	// The whole team, 50 a page.
	st, out := get("/casework/people")
	webtest.WantIn(t, "first page", out, "Showing 1 to 50 of 60 people", "Ada Lovelace", `href="/casework/people?page=2"`)
	if st != http.StatusOK || strings.Contains(out, "Zoë") {
		t.Errorf("first page: %d; Zoë is on page 2 by name but shows on page 1: %v", st, strings.Contains(out, "Zoë"))
	}
	st, out = get("/casework/people?page=2")
	webtest.WantIn(t, "second page", out, "Showing 51 to 60 of 60 people", "Zoë Ångström", `rel="prev"`)
	if st != http.StatusOK {
		t.Errorf("second page: %d", st)
	}

	// A search by name, without accents, keeps the filters and order but
	// not the words in the address it redirects to.
	st, loc, _ := search(url.Values{"q": {"zoe angstrom"}, "sort": {"newest"}, "review": {"soon"}})
	if st != http.StatusSeeOther || loc != "/casework/people?review=soon&sort=newest" {
		t.Fatalf("search by name: %d to %q, want 303 to the list with its filters and no words", st, loc)
	}
	_, out = get(loc)
	webtest.WantIn(t, "name search", out, "Zoë Ångström", "Showing 1 to 1 of 1 person", `value="zoe angstrom"`, "whose name matches")
	if strings.Contains(out, "Ada Lovelace") {
		t.Error("the name search for Zoë lists Ada")
	}
	if !fx.Audited(t, "people.list", "1 of 1 people, search by name") {
		t.Error("the search was not audited as a read of the caseload")
	}
	if fx.Audited(t, "people.list", "zoe") {
		t.Error("the audit log holds the search words")
	}

	// NHS number with spaces; a UK date of birth; each replaces the last.
	for _, tt := range []struct{ q, want, not string }{
		{"943 476 5919", "Ada Lovelace", "Zoë"},
		{"25/12/1961", "Zoë Ångström", "Ada"},
		{"4 March 1950", "Ada Lovelace", "Zoë"},
	} {
		if st, _, _ := search(url.Values{"q": {tt.q}}); st != http.StatusSeeOther {
			t.Fatalf("search %q: %d", tt.q, st)
		}
		_, out := get("/casework/people")
		webtest.WantIn(t, "search "+tt.q, out, tt.want, "of 1 person")
		if strings.Contains(out, tt.not) {
			t.Errorf("search %q also lists %s", tt.q, tt.not)
		}
	}

	// Filters: overdue review is Ada only, whatever the search; clearing
	// the search brings back everyone.
	if st, _, _ := search(url.Values{"clear": {"1"}, "q": {"ignored"}}); st != http.StatusSeeOther {
		t.Fatalf("clear the search: %d", st)
	}
	_, out = get("/casework/people?review=overdue")
	webtest.WantIn(t, "overdue", out, "Ada Lovelace", "of 1 person")
	_, out = get("/casework/people?sort=review")
	if a, z := strings.Index(out, "Ada Lovelace"), strings.Index(out, "Zoë Ångström"); a < 0 || z < 0 || a > z {
		t.Errorf("sorted by review due, Ada (overdue) should come before Zoë (in 3 days): %d, %d", a, z)
	}
	_, out = get("/casework/people?worker=mine")
	webtest.WantIn(t, "mine", out, "No one matches")

	// Nothing personal reached the log.
	for _, word := range []string{"zoe", "9434765919", "943 476 5919", "25/12/1961"} {
		if strings.Contains(strings.ToLower(logged.String()), word) {
			t.Errorf("the log holds the search %q", word)
		}
	}
}

func TestCaseloadBadInput(t *testing.T) {
	fx := webtest.New(t)
	north := fx.As(t, "north@example.org")
	for _, tt := range []struct{ path, want string }{
		{"/casework/people?status=sleeping", "Status: choose a status"},
		{"/casework/people?review=someday", "Choose overdue, due soon or any"},
		{"/casework/people?sort=height", "Choose an order"},
		{"/casework/people?worker=999", "Choose a link worker in your team"},
		{"/casework/people?page=0", "A page is a whole number"},
		{"/casework/people?page=x", "A page is a whole number"},
	} {
		st, out := fx.Call(t, north, "GET", tt.path, "")
		if st != http.StatusBadRequest || !strings.Contains(out, tt.want) {
			t.Errorf("GET %s = %d, want 400 saying %q", tt.path, st, tt.want)
		}
	}
	for _, tt := range []struct{ q, want string }{
		{"943 476 5918", "That looks like an NHS number, but the check digit does not match"},
		{"12/13/1950", "Search by a name, a 10-digit NHS number or a date of birth"},
		{"04/03/50", "Search by a name, a 10-digit NHS number or a date of birth"},
		{strings.Repeat("a", 201), "A search has at most 200 characters"},
	} {
		st, loc, out := fx.Form(t, north, "/casework/people/search", url.Values{"q": {tt.q}})
		if st != http.StatusBadRequest || loc != "" || !strings.Contains(out, tt.want) || !strings.Contains(out, `value="`+tt.q+`"`) {
			t.Errorf("search %q = %d %q, want 400 saying %q with the words kept in the box", tt.q, st, loc, tt.want)
		}
	}
	// A page past the end shows the last page.
	if st, out := fx.Call(t, north, "GET", "/casework/people?page=99", ""); st != http.StatusOK || !strings.Contains(out, "No one yet") {
		t.Errorf("page 99 of an empty caseload: %d", st)
	}
	// Whoever logs in next in the same browser (the session carries
	// over) starts from no search; the first user's comes back with them.
	if st, _, _ := fx.Form(t, north, "/casework/people/search", url.Values{"q": {"lovelace"}}); st != http.StatusSeeOther {
		t.Fatalf("search: %d", st)
	}
	login := func(email string) {
		t.Helper()
		if st, out := fx.Call(t, north, "POST", "/api/v1/login", `{"email": "`+email+`", "password": "`+webtest.Password+`"}`); st != http.StatusOK {
			t.Fatalf("log in as %s: %d %s", email, st, out)
		}
	}
	login("north2@example.org")
	if _, out := fx.Call(t, north, "GET", "/casework/people", ""); strings.Contains(out, "lovelace") {
		t.Error("a colleague logging in on the same browser sees north's search")
	}
	login("north@example.org")
	if _, out := fx.Call(t, north, "GET", "/casework/people", ""); !strings.Contains(out, `value="lovelace"`) {
		t.Error("north's search was not kept")
	}
}

func mustDate(t *testing.T, s string) time.Time { return mustDateTB(t, s) }

func mustDateTB(tb testing.TB, s string) time.Time {
	tb.Helper()
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}
