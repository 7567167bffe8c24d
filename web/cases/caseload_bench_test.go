package cases_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/internal/webtest"
	"github.com/linkway/linkway/sqlite"
)

// mustSeedTeamOf stores n people on the north team's caseload, with
// contacts and referrals, Ada Lovelace (NHS 943 476 5919, born 4 March
// 1950) among them.
func mustSeedTeamOf(tb testing.TB, fx *webtest.Site, n int) {
	tb.Helper()
	ctx := context.Background()
	statuses := []casework.Status{casework.StatusNew, casework.StatusActive, casework.StatusActive, casework.StatusOnHold, casework.StatusDischarged}
	err := fx.DB.InTx(ctx, func(tx *sqlite.Tx) error {
		for i := range n {
			p := &casework.Person{TeamID: "north", Name: fmt.Sprintf("Person %04d Example", i), DateOfBirth: fx.Now.AddDate(-80, 0, i).Truncate(24 * 3600e9),
				Status: statuses[i%len(statuses)], Consent: casework.Consent{Hold: true}}
			if i == n/2 {
				p.Name, p.NHSNumber = "Ada Lovelace", "9434765919"
				p.DateOfBirth = mustDateTB(tb, "1950-03-04")
			}
			if i%3 != 0 {
				p.Plan.ReviewDate = fx.Now.AddDate(0, 0, i%40-10).Truncate(24 * 3600e9)
			}
			if err := tx.CreatePerson(ctx, p); err != nil {
				return err
			}
			for c := range i % 9 {
				contact := casework.Contact{PersonID: p.ID, Date: fx.Now.AddDate(0, 0, -c*9-i%11).Truncate(24 * 3600e9), Kind: casework.ContactPhone, By: 1}
				if err := tx.RecordContact(ctx, &contact, nil, nil); err != nil {
					return err
				}
			}
			if i%2 == 0 {
				ref := &casework.Referral{PersonID: p.ID, TeamID: "north", ServiceID: "walk-1", ServiceName: "Walking group",
					Mode: casework.ModeReferral, Status: casework.RefReferred, CreatedBy: 1}
				if err := tx.CreateReferral(ctx, ref); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkCaseloadPage times the whole caseload page for a team of
// 2,000 over HTTP: session, query, count, audit entry and rendering.
func BenchmarkCaseloadPage(b *testing.B) {
	fx := webtest.New(b)
	mustSeedTeamOf(b, fx, 2000)
	north := fx.As(b, "north@example.org")
	for _, bb := range []struct{ name, search, path string }{
		{"default", "", "/casework/people"},
		{"name", "lovelace", "/casework/people"},
		{"nhs", "943 476 5919", "/casework/people"},
		{"dob", "04/03/1950", "/casework/people"},
		{"filter_sort", "", "/casework/people?status=active&review=overdue&sort=last_contact"},
		{"last_page", "", "/casework/people?sort=newest&page=40"},
	} {
		b.Run(bb.name, func(b *testing.B) {
			if st, _, _ := fx.Form(b, north, "/casework/people/search", url.Values{"q": {bb.search}}); st != http.StatusSeeOther {
				b.Fatalf("search %q: %d", bb.search, st)
			}
			if st, out := fx.Call(b, north, "GET", bb.path, ""); st != http.StatusOK || len(out) < 1000 {
				b.Fatalf("GET %s: %d", bb.path, st)
			}
			for b.Loop() {
				fx.Call(b, north, "GET", bb.path, "")
			}
		})
	}
}
