package admin_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/webtest"
)

func TestFeedsPage(t *testing.T) {
	fx := webtest.New(t)
	admin := fx.As(t, "admin@example.org")

	st, body := fx.Call(t, admin, "GET", "/admin/feeds", "")
	if st != 200 || !strings.Contains(body, "No feeds yet: add one with <code>linkway feed add</code>") {
		t.Fatalf("GET /admin/feeds with no feeds = %d, want the empty state:\n%s", st, body)
	}
	if !strings.Contains(body, `<a href="/admin/feeds">Live feeds</a>`) {
		t.Error("the admin menu does not link to the feeds page")
	}

	ctx := context.Background()
	for _, name := range []string{"camden", "leeds"} {
		if err := fx.DB.AddFeed(ctx, name, "https://"+name+".example.org/api"); err != nil {
			t.Fatal(err)
		}
	}
	// 19:30 UTC on 6 July is 20:30 in London (summer time).
	applied := directory.FeedResult{At: time.Date(2026, 7, 6, 19, 30, 0, 0, time.UTC), Pages: 2, Read: 40, Created: 3, Updated: 5, Unchanged: 32, Withdrawn: 1, Warnings: 2}
	if err := fx.DB.SaveFeedResult(ctx, "camden", "hsds3", applied, `"v1"`, ""); err != nil {
		t.Fatal(err)
	}
	failed := directory.FeedResult{At: time.Date(2026, 12, 1, 9, 5, 0, 0, time.UTC), Error: "the feed answered 503 Service Unavailable"}
	if err := fx.DB.SaveFeedResult(ctx, "camden", "", failed, "", ""); err != nil {
		t.Fatal(err)
	}

	st, body = fx.Call(t, admin, "GET", "/admin/feeds", "")
	if st != 200 {
		t.Fatalf("GET /admin/feeds = %d", st)
	}
	for _, want := range []string{
		`role="region" aria-labelledby="feeds-caption" tabindex="0"`,
		`<caption id="feeds-caption">`,
		`<th scope="col">Withdrawn</th>`,
		// The failed sync is the last; the applied one is when it last applied.
		`<th scope="row">camden</th><td>https://camden.example.org/api</td><td>hsds3</td><td>1 December 2026, 09:05</td><td>6 July 2026, 20:30</td>` +
			`<td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>the feed answered 503 Service Unavailable</td>`,
		`<th scope="row">leeds</th><td>https://leeds.example.org/api</td><td>Not yet known</td><td>Never</td><td>Never</td>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("feeds page lacks %s", want)
		}
	}
	if strings.Contains(body, "No feeds yet") {
		t.Error("feeds page shows the empty state beside feeds")
	}

	// The counts of an applied sync.
	applied.At = time.Date(2026, 12, 2, 9, 5, 0, 0, time.UTC)
	if err := fx.DB.SaveFeedResult(ctx, "camden", "hsds3", applied, `"v2"`, ""); err != nil {
		t.Fatal(err)
	}
	_, body = fx.Call(t, admin, "GET", "/admin/feeds", "")
	if want := `<td>2 December 2026, 09:05</td><td>2 December 2026, 09:05</td><td>40</td><td>3</td><td>5</td><td>1</td><td>2</td><td>None</td>`; !strings.Contains(body, want) {
		t.Errorf("feeds page lacks %s", want)
	}
}

func TestFeedsPageIsForAdminsOnly(t *testing.T) {
	fx := webtest.New(t)
	if err := fx.DB.AddFeed(context.Background(), "camden", "https://camden.example.org/api"); err != nil {
		t.Fatal(err)
	}
	for _, email := range []string{"north@example.org", "editor@example.org"} {
		st, body := fx.Call(t, fx.As(t, email), "GET", "/admin/feeds", "")
		if st != http.StatusNotFound || strings.Contains(body, "camden.example.org") {
			t.Errorf("%s: GET /admin/feeds = %d, want 404 without the feed", email, st)
		}
	}
	st, body := fx.Call(t, fx.As(t, ""), "GET", "/admin/feeds", "")
	if st != http.StatusSeeOther || strings.Contains(body, "camden.example.org") {
		t.Errorf("anonymous GET /admin/feeds = %d, want a redirect to log in", st)
	}
}
