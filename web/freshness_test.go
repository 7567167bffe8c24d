package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/webtest"
	"github.com/linkway/linkway/sqlite"
)

// putListing stores a listed service of org checked months months before
// fx's clock (never when months < 0), of one kind, at postcode (none when
// empty).
func putListing(t *testing.T, fx *webtest.Site, id string, org *directory.Organization, months int, kind, postcode string) {
	t.Helper()
	s := &directory.Service{ID: id, Name: "Listing " + id, Status: directory.StatusActive, Organization: org}
	if months >= 0 {
		s.LastVerified = time.Date(fx.Now.Year(), fx.Now.Month(), fx.Now.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, -months, 0)
	}
	if kind != "" {
		s.Terms = []directory.Term{{ID: kind, Name: kind}}
	}
	if postcode != "" {
		s.Locations = []directory.ServiceAtLocation{{ID: "sal-" + id, Location: directory.Location{ID: "loc-" + id, Type: directory.Physical,
			Addresses: []directory.Address{{ID: "ad-" + id, Address1: "1 High Street", PostalCode: postcode}}}}}
	}
	err := fx.DB.InTx(context.Background(), func(tx *sqlite.Tx) error {
		_, _, err := tx.PutService(context.Background(), s)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The fixture already holds walk-1 (Meanwood Walkers, checked a month
// ago), "money/advice 2" (Holbeck Advice, debt advice, never checked, no
// place) and a closed service.
var (
	walkers = &directory.Organization{ID: "org-1", Name: "Meanwood Walkers"}
	knit    = &directory.Organization{ID: "org-knit", Name: "Knit and Natter", Email: "knit@example.org"}
)

func TestStaleReport(t *testing.T) {
	fx := webtest.New(t)
	putListing(t, fx, "five", walkers, 5, "walking-groups", "LS6 1AA")
	putListing(t, fx, "seven", walkers, 7, "walking-groups", "ls6 2bb")
	putListing(t, fx, "thirteen", knit, 13, "crafts", "LS11 5AB")
	putListing(t, fx, "never", knit, -1, "walking-groups", "LS11 6CD")

	st, body := fx.Call(t, fx.As(t, "admin@example.org"), "GET", "/admin/stale", "")
	if st != 200 {
		t.Fatalf("GET /admin/stale = %d", st)
	}
	for _, want := range []string{
		`<span class="stat">1</span> stale`, `<span class="stat">1</span> very stale`, `<span class="stat">2</span> never checked`,
		// Stale, very stale, never: by kind, then by area.
		`<th scope="row">walking-groups</th><td>1</td><td>0</td><td>1</td>`,
		`<th scope="row">crafts</th><td>0</td><td>1</td><td>0</td>`,
		`<th scope="row">debt-advice</th><td>0</td><td>0</td><td>1</td>`,
		`<th scope="row">LS6</th><td>1</td><td>0</td><td>0</td>`,
		`<th scope="row">LS11</th><td>0</td><td>1</td><td>1</td>`,
		`<th scope="row">online or no place</th><td>0</td><td>0</td><td>1</td>`,
		// The listings, with organisation and age.
		`Listing seven</a></th><td>Meanwood Walkers</td><td>7 months ago</td>`,
		`Listing thirteen</a></th><td>Knit and Natter</td><td>13 months ago</td>`,
		`Listing never</a></th><td>Knit and Natter</td><td>Never checked</td>`,
		`Money Matters Drop-in</a></th><td>Holbeck Advice</td><td>Never checked</td>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("stale report lacks %s", want)
		}
	}
	for _, fresh := range []string{"Listing five", "Meanwood Valley Health Walk", "Old Lunch Club"} {
		if strings.Contains(body, fresh) {
			t.Errorf("stale report lists %s", fresh)
		}
	}
}

func TestServicePageSaysHowStale(t *testing.T) {
	fx := webtest.New(t)
	putListing(t, fx, "five", walkers, 5, "", "")
	putListing(t, fx, "seven", walkers, 7, "", "")
	putListing(t, fx, "thirteen", walkers, 13, "", "")
	putListing(t, fx, "never", walkers, -1, "", "")
	anon := fx.As(t, "")
	for _, tt := range []struct {
		id        string
		want, not string
	}{
		{"five", "(5 months ago).", "may be out of date"},
		{"seven", "(7 months ago). It may be out of date", "over a year"},
		{"thirteen", "(13 months ago). Nobody has confirmed it for over a year", "may be out of date"},
		{"never", "has not been checked yet", "ago"},
	} {
		st, body := fx.Call(t, anon, "GET", "/services/"+tt.id, "")
		if st != 200 {
			t.Fatalf("GET /services/%s = %d", tt.id, st)
		}
		i := strings.Index(body, `class="verified`)
		if i < 0 {
			t.Fatalf("%s: no verified line", tt.id)
		}
		line := body[i:]
		line = line[:strings.Index(line, "</p>")]
		if !strings.Contains(line, tt.want) || strings.Contains(line, tt.not) {
			t.Errorf("%s: %q, want %q and not %q", tt.id, line, tt.want, tt.not)
		}
	}
}

func TestStaleRemindersAndOneClickLinks(t *testing.T) {
	fx := webtest.New(t)
	ctx := context.Background()
	putListing(t, fx, "five", walkers, 5, "", "")
	putListing(t, fx, "seven", walkers, 7, "", "")
	putListing(t, fx, "thirteen", knit, 13, "", "")
	putListing(t, fx, "never", knit, -1, "", "")

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
