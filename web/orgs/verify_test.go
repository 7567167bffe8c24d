package orgs_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/internal/webtest"
)

func TestStaleRemindersAndOneClickLinks(t *testing.T) {
	fx := webtest.New(t)
	ctx := context.Background()
	fx.PutListing(t, "five", webtest.Walkers, 5, "", "")
	fx.PutListing(t, "seven", webtest.Walkers, 7, "", "")
	fx.PutListing(t, "thirteen", webtest.Knit, 13, "", "")
	fx.PutListing(t, "never", webtest.Knit, -1, "", "")

	if err := fx.Stale.Send(ctx); err != nil {
		t.Fatal(err)
	}
	sent := fx.Outbox(t, "stale-reminder")
	// Meanwood Walkers have an editor; Knit and Natter only an email;
	// Holbeck Advice neither, so nobody can be asked.
	if len(sent) != 2 {
		t.Fatalf("reminders: %+v", sent)
	}
	byOrg := map[string]string{}
	for _, m := range sent {
		byOrg[m.About] = m.To
		switch m.About {
		case "org-1":
			if !strings.Contains(m.Body, "Listing seven (checked 7 months ago)") || strings.Contains(m.Body, "Listing five") {
				t.Errorf("walkers' reminder: %s", m.Body)
			}
		case "org-knit":
			if !strings.Contains(m.Body, "Listing thirteen (checked 13 months ago)") || !strings.Contains(m.Body, "Listing never (never checked)") {
				t.Errorf("knitters' reminder: %s", m.Body)
			}
		}
	}
	if byOrg["org-1"] != "editor@example.org" || byOrg["org-knit"] != "knit@example.org" {
		t.Errorf("reminded: %v", byOrg)
	}

	// At most once in 30 days.
	for _, later := range []time.Duration{0, 29 * 24 * time.Hour} {
		fx.Now = fx.Now.Add(later)
		if err := fx.Stale.Send(ctx); err != nil {
			t.Fatal(err)
		}
		if n := len(fx.Outbox(t, "stale-reminder")); n != 2 {
			t.Fatalf("%v later: %d reminders, want still 2", later, n)
		}
	}

	// The one-click link: a GET only asks, the button confirms.
	var walkersMail string
	for _, m := range sent {
		if m.About == "org-1" {
			walkersMail = m.Body
		}
	}
	link := fx.LinkIn(t, walkersMail, "/verify/")
	anon := fx.As(t, "")
	for range 2 {
		st, body := fx.Call(t, anon, "GET", link, "")
		if st != 200 {
			t.Fatalf("GET verify link = %d", st)
		}
		webtest.WantIn(t, "verify page", body, "Listing seven", "Meanwood Walkers", "Yes, it is still correct")
	}
	if svc, _ := fx.DB.Service(ctx, "seven"); svc.VerifiedBy == "one-click link" {
		t.Fatal("looking at the link confirmed the listing")
	}
	before, _ := fx.DB.LastChangeSeq(ctx)
	st, _, body := fx.Form(t, anon, link, nil)
	if st != 200 || !strings.Contains(body, "Thank you") {
		t.Fatalf("POST verify = %d: %s", st, body)
	}
	svc, _ := fx.DB.Service(ctx, "seven")
	today := time.Date(fx.Now.Year(), fx.Now.Month(), fx.Now.Day(), 0, 0, 0, 0, time.UTC)
	if !svc.LastVerified.Equal(today) || svc.VerifiedBy != "one-click link" {
		t.Errorf("verified %v by %q", svc.LastVerified, svc.VerifiedBy)
	}
	if after, _ := fx.DB.LastChangeSeq(ctx); after <= before {
		t.Error("no change logged for search to follow")
	}
	if !fx.Audited(t, "listing.verify", "service seven") {
		t.Error("verification not audited")
	}
	if _, body := fx.Call(t, fx.As(t, "admin@example.org"), "GET", "/admin/stale", ""); strings.Contains(body, "Listing seven") {
		t.Error("a confirmed listing is still reported stale")
	}
	// Used once; then refused, and the listing is not touched again.
	if st, body := fx.Call(t, anon, "GET", link, ""); st != http.StatusConflict || !strings.Contains(body, "already been used") {
		t.Errorf("reused link GET = %d", st)
	}
	if st, _, body := fx.Form(t, anon, link, nil); st != http.StatusConflict || !strings.Contains(body, "already been used") {
		t.Errorf("reused link POST = %d", st)
	}
	if st, _ := fx.Call(t, anon, "GET", "/verify/MADEUP", ""); st != 404 {
		t.Errorf("made-up link = %d", st)
	}

	// After 30 days the knitters, still stale, are reminded again with
	// new links, and the old ones have expired.
	var knitMail string
	for _, m := range sent {
		if m.About == "org-knit" {
			knitMail = m.Body
		}
	}
	old := fx.LinkIn(t, knitMail, "/verify/")
	fx.Now = fx.Now.Add(2 * 24 * time.Hour)
	if err := fx.Stale.Send(ctx); err != nil {
		t.Fatal(err)
	}
	var knitAgain []string
	for _, m := range fx.Outbox(t, "stale-reminder") {
		if m.About == "org-knit" {
			knitAgain = append(knitAgain, m.Body)
		}
	}
	if len(knitAgain) != 2 {
		t.Fatalf("after 31 days the knitters had %d reminders, want 2", len(knitAgain))
	}
	if st, body := fx.Call(t, anon, "GET", old, ""); st != http.StatusConflict || !strings.Contains(body, "expired") {
		t.Errorf("expired link GET = %d", st)
	}
	if st, _, _ := fx.Form(t, anon, old, nil); st != http.StatusConflict {
		t.Errorf("expired link POST = %d", st)
	}
	if svc, _ := fx.DB.Service(ctx, "thirteen"); svc.VerifiedBy == "one-click link" {
		t.Error("an expired link confirmed a listing")
	}
	if fresh := fx.LinkIn(t, knitAgain[1], "/verify/"); fresh == old {
		t.Error("the new reminder reused an old link")
	}
}
