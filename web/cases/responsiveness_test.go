package cases_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/internal/webtest"
	"github.com/linkway/linkway/sqlite"
)

func TestResponsivenessOnTheServicePage(t *testing.T) {
	fx := webtest.New(t)
	ctx := context.Background()
	north := fx.As(t, "north@example.org")
	ada := fx.MustPerson(t, north, webtest.AdaJSON)
	// seed stores a referral to walk-1 made days ago, answered after the
	// given days with the given statuses.
	seed := func(daysAgo int, answers ...any) {
		t.Helper()
		at := fx.Now.AddDate(0, 0, -daysAgo)
		ref := fx.SeedReferral(t, ada, "walk-1", at)
		for i := 0; i < len(answers); i += 2 {
			actor, note := casework.ActorOrganisation, ""
			st := answers[i+1].(casework.ReferralStatus)
			if st == casework.RefDeclined {
				note = "Full"
			}
			if st == casework.RefWithdrawn {
				actor = casework.ActorLinkWorker
			}
			if err := ref.Move(st, actor, 0, note, at.Add(time.Duration(answers[i].(float64)*24)*time.Hour)); err != nil {
				t.Fatal(err)
			}
			if err := fx.DB.InTx(ctx, func(tx *sqlite.Tx) error { return tx.SaveReferralMove(ctx, ref) }); err != nil {
				t.Fatal(err)
			}
		}
	}
	const line = "Usually replies within 2 days; 3 of 5 referrals accepted."
	page := func(c *http.Client) string {
		t.Helper()
		st, page := fx.Call(t, c, "GET", "/services/walk-1", "")
		if st != 200 {
			t.Fatalf("service page: %d", st)
		}
		return page
	}
	seed(60, 1.0, casework.RefAccepted, 20.0, casework.RefAttended)
	seed(50, 1.5, casework.RefAccepted)
	seed(40, 2.5, casework.RefDeclined)
	seed(30, 5.0, casework.RefWaitingList)
	seed(2)                              // too soon to count
	seed(20, 1.0, casework.RefWithdrawn) // withdrawn before any answer: not counted
	if got := page(north); strings.Contains(got, "Usually replies") || strings.Contains(got, "referrals accepted") {
		t.Errorf("figures shown for 4 counted referrals")
	}
	seed(45, 0.2, casework.RefWaitingList, 3.0, casework.RefAccepted)
	// Days to the first answer: 0.2, 1, 1.5, 2.5, 5 → median 1.5, shown
	// as 2; accepted: 3 of 5 (the waiting list that became a place counts).
	if got := page(north); !strings.Contains(got, line) {
		t.Errorf("link worker's service page lacks %q", line)
	}
	// And on the suggestions when finding support for a person.
	if st, _, got := fx.Form(t, north, "/casework/people/"+ada+"/find-support", url.Values{"priorities": {"a gentle walk with others"}}); st != 200 || !strings.Contains(got, line) {
		t.Errorf("find support for a person: %d, the walk's suggestion lacks %q", st, line)
	}
	for _, who := range []string{"", "editor@example.org", "admin@example.org"} {
		if got := page(fx.As(t, who)); strings.Contains(got, "Usually replies") {
			t.Errorf("%q sees responsiveness meant for link workers", who)
		}
	}
	// An organisation that never answers is shown as such.
	for range 5 {
		fx.SeedReferral(t, ada, "money/advice 2", fx.Now.AddDate(0, -1, 0))
	}
	if st, got := fx.Call(t, north, "GET", "/services/"+url.PathEscape("money/advice 2"), ""); st != 200 || !strings.Contains(got, "No answer yet to any of 5 referrals.") {
		t.Errorf("unanswered service: %d", st)
	}
}
