package admin_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/internal/webtest"
	"github.com/linkway/linkway/notify"
)

func TestOutboxPageShowsAdminsEveryMessage(t *testing.T) {
	fx := webtest.New(t)
	n := fx.Notifier
	ctx := context.Background()
	kept := notify.Message{To: "knit@example.org", Subject: "Is Knit & Natter still correct?", Body: "Hello,\nConfirm it here: " + fx.TS.URL + "/verify/TOKEN123\n", Kind: "verify", About: "svc-1"}
	if err := n.Notify(ctx, kept); err != nil {
		t.Fatal(err)
	}
	// What the SMTP notifier keeps: one sent, one that could not be.
	if _, err := fx.DB.AddToOutbox(ctx, notify.Message{To: "cafe@example.org", Subject: "A referral for Café Rendezvous", Body: "Someone would like to come.", Kind: "referral", About: "ref-1"}, fx.Now.Add(time.Minute), ""); err != nil {
		t.Fatal(err)
	}
	if _, err := fx.DB.AddToOutbox(ctx, notify.Message{To: "gone@example.org", Subject: "A referral for Walk and Talk", Body: "x", Kind: "referral", About: "ref-2"}, time.Time{}, "notify: mail server: 550 no such user here"); err != nil {
		t.Fatal(err)
	}

	admin := fx.As(t, "admin@example.org")
	req, _ := http.NewRequest("GET", fx.TS.URL+"/admin/outbox", nil)
	resp, err := admin.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("GET /admin/outbox = %d with Cache-Control %q, want 200 and no-store", resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
	st, body := fx.Call(t, admin, "GET", "/admin/outbox", "")
	if st != 200 {
		t.Fatalf("GET /admin/outbox = %d", st)
	}
	// It opens on what needs the admin: what did not go by mail.
	for _, want := range []string{
		`<a href="/admin/outbox">Outbox</a>`, // in the admin's menu
		"1 message could not be sent", `<a href="/admin/outbox?kind=all&amp;show=failed">show it</a>`, "1 message is kept here to pass on",
		"2 messages</h2>",
		"Is Knit &amp; Natter still correct?", "knit@example.org", "Confirm it here: " + fx.TS.URL + "/verify/TOKEN123",
		`<span class="tag tag-kept">Kept here</span>`, `Written <time datetime="2026-11-23T09:00:00Z">23 Nov 09:00</time>`,
		`<span class="tag tag-failed">Not sent</span>`, "Why it was not sent: notify: mail server: 550 no such user here",
		`<option value="referral">Referrals</option>`, `<option value="verify">verify</option>`, `<option value="" selected>Every kind but reminders</option>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("outbox page lacks %q", want)
		}
	}
	if strings.Contains(body, "Café Rendezvous") {
		t.Error("the outbox opens on a message that was sent")
	}

	_, body = fx.Call(t, admin, "GET", "/admin/outbox?show=all", "")
	webtest.WantIn(t, "every message", body, "3 messages</h2>", `<span class="tag tag-sent">Sent by mail</span>`, `sent <time datetime="2026-11-23T09:01:00Z">23 Nov 09:01</time>`)
	subjects := regexp.MustCompile(`<h2>([^<]*)</h2>`).FindAllStringSubmatch(body, -1)
	var order []string
	for _, m := range subjects {
		order = append(order, m[1])
	}
	if want := []string{"A referral for Walk and Talk", "A referral for Café Rendezvous", "Is Knit &amp; Natter still correct?"}; fmt.Sprint(order) != fmt.Sprint(want) {
		t.Errorf("messages in order %q, want newest first %q", order, want)
	}
	_, body = fx.Call(t, admin, "GET", "/admin/outbox?kind=all&show=failed", "")
	webtest.WantIn(t, "failed", body, "1 message</h2>", "Walk and Talk")
	wantOut(t, "failed", body, "Knit &amp; Natter still", "Café")
	if st, _ := fx.Call(t, admin, "GET", "/admin/outbox?show=everything", ""); st != http.StatusBadRequest {
		t.Errorf("show=everything = %d, want 400", st)
	}

	_, body = fx.Call(t, admin, "GET", "/admin/outbox?kind=verify", "")
	if !strings.Contains(body, "Knit &amp; Natter") || strings.Contains(body, "A referral for") || !strings.Contains(body, `<option value="verify" selected>`) {
		t.Errorf("?kind=verify does not show only the verify message:\n%s", body)
	}

	entries, _, err := fx.DB.Audit(ctx, casework.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	reads := 0
	for _, e := range entries {
		if e.Action == "outbox.read" {
			reads++
		}
	}
	if reads != 6 {
		t.Errorf("%d outbox.read audit entries, want one for each of the 6 pages read", reads)
	}
}

func TestOutboxPageIsForAdminsOnly(t *testing.T) {
	fx := webtest.New(t)
	n := fx.Notifier
	if err := n.Notify(context.Background(), notify.Message{To: "knit@example.org", Subject: "Secret invitation", Body: "/invite/TOKEN", Kind: "invite"}); err != nil {
		t.Fatal(err)
	}
	for _, email := range []string{"north@example.org", "teamadmin@example.org", "editor@example.org"} {
		st, body := fx.Call(t, fx.As(t, email), "GET", "/admin/outbox", "")
		wantStatus := 404
		if email == "teamadmin@example.org" {
			wantStatus = 200 // an admin with a caseload is still an admin
		}
		if st != wantStatus {
			t.Errorf("%s: GET /admin/outbox = %d, want %d", email, st, wantStatus)
		}
		if wantStatus == 404 && strings.Contains(body, "TOKEN") {
			t.Errorf("%s: the 404 page shows the message", email)
		}
	}
	st, body := fx.Call(t, fx.As(t, ""), "GET", "/admin/outbox", "")
	if st != http.StatusSeeOther || strings.Contains(body, "TOKEN") {
		t.Errorf("anonymous GET /admin/outbox = %d, want a redirect to log in", st)
	}
}

func TestOutboxPagePagesBack(t *testing.T) {
	fx := webtest.New(t)
	n := fx.Notifier
	for i := 1; i <= 60; i++ {
		kind := "verify"
		if i%2 == 0 {
			kind = "referral"
		}
		if err := n.Notify(context.Background(), notify.Message{To: "group@example.org", Subject: fmt.Sprintf("Message %d", i), Body: "x", Kind: kind}); err != nil {
			t.Fatal(err)
		}
	}
	admin := fx.As(t, "admin@example.org")
	heading := regexp.MustCompile(`<h2>Message (\d+)</h2>`)
	older := regexp.MustCompile(`<a href="([^"]*)">Older messages</a>`)
	page := func(path string) (first, last, count int, next string) {
		t.Helper()
		st, body := fx.Call(t, admin, "GET", path, "")
		if st != 200 {
			t.Fatalf("GET %s = %d", path, st)
		}
		hs := heading.FindAllStringSubmatch(body, -1)
		if len(hs) == 0 {
			t.Fatalf("GET %s shows no messages", path)
		}
		fmt.Sscan(hs[0][1], &first)
		fmt.Sscan(hs[len(hs)-1][1], &last)
		if m := older.FindStringSubmatch(body); m != nil {
			next = strings.ReplaceAll(m[1], "&amp;", "&")
		}
		return first, last, len(hs), next
	}

	first, last, count, next := page("/admin/outbox")
	if first != 60 || last != 11 || count != 50 || next == "" {
		t.Fatalf("first page: messages %d to %d (%d), older %q; want 60 to 11 (50) and a link", first, last, count, next)
	}
	first, last, count, next = page(next)
	if first != 10 || last != 1 || count != 10 || next != "" {
		t.Errorf("second page: messages %d to %d (%d), older %q; want 10 to 1 (10) and no link", first, last, count, next)
	}

	// Paging keeps the kind chosen.
	first, last, count, next = page("/admin/outbox?kind=referral")
	if first != 60 || last != 2 || count != 30 || next != "" {
		t.Errorf("referrals: messages %d to %d (%d), older %q; want 60 to 2 (30), no link", first, last, count, next)
	}
	_, _, count, _ = page("/admin/outbox?kind=verify&before=30")
	if count != 15 {
		t.Errorf("verify messages before id 30: %d, want 15", count)
	}
}

func TestOutboxHidesRemindersUntilAsked(t *testing.T) {
	fx := webtest.New(t)
	ctx := context.Background()
	for i := range 30 {
		m := notify.Message{To: "group@example.org", Subject: fmt.Sprintf("Reminder %d", i), Body: "x", Kind: "stale-reminder"}
		if err := fx.Notifier.Notify(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	if err := fx.Notifier.Notify(ctx, notify.Message{To: "pat@example.org", Subject: "Invitation for Pat", Body: "x", Kind: "invite"}); err != nil {
		t.Fatal(err)
	}
	admin := fx.As(t, "admin@example.org")
	_, body := fx.Call(t, admin, "GET", "/admin/outbox", "")
	webtest.WantIn(t, "outbox", body, "1 message</h2>", "Invitation for Pat", "1 message is kept here to pass on, and 30 reminders (hidden",
		`<option value="stale-reminder">Reminders to check listings</option>`)
	wantOut(t, "outbox", body, "<h2>Reminder ")
	_, body = fx.Call(t, admin, "GET", "/admin/outbox?kind=all", "")
	webtest.WantIn(t, "every kind", body, "31 messages</h2>", "<h2>Reminder 29</h2>", "<h2>Invitation for Pat</h2>")
	_, body = fx.Call(t, admin, "GET", "/admin/outbox?kind=stale-reminder", "")
	webtest.WantIn(t, "reminders", body, "30 messages</h2>", `<option value="stale-reminder" selected>`)
	wantOut(t, "reminders", body, "Invitation for Pat")
}
