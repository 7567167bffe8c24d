package main

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/linkway/linkway/internal/browsertest"
	"github.com/linkway/linkway/notify"
	"github.com/linkway/linkway/sqlite"
)

// TestOutboxPageInABrowser has an admin open the outbox from the menu in
// a real browser and read a message, with axe-core checking the page with
// every message open.
func TestOutboxPageInABrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	dir := filepath.Join(t.TempDir(), "data")
	base, stdout := mustServeOutput(t, "--data", dir)
	// What the notifiers keep: a message for an admin to pass on, one
	// sent by mail, and one the mail server refused.
	db, err := sqlite.Open(filepath.Join(dir, "linkway.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	for _, e := range []notify.Entry{
		{Message: notify.Message{To: "knit@example.org", Subject: "Is Knit & Natter still correct?", Body: "Hello,\n\nPlease confirm: " + base + "/verify/" + strings.Repeat("A", 52) + "\n", Kind: "verify"}},
		{Message: notify.Message{To: "cafe@example.org", Subject: "A referral for Café Rendezvous", Body: "Someone would like to come.", Kind: "referral"}, Sent: time.Now()},
		{Message: notify.Message{To: "gone@example.org", Subject: "A referral for Walk and Talk", Body: "x", Kind: "referral"}, Error: "notify: mail server: 550 no such user here"},
	} {
		if _, err := db.AddToOutbox(ctx, e.Message, e.Sent, e.Error); err != nil {
			t.Fatal(err)
		}
	}

	tab := browsertest.Step(t, browsertest.New(t))
	if err := chromedp.Do(tab, chromedp.Navigate(base+"/login")); err != nil {
		t.Fatal(err)
	}
	mustLogin(t, tab, "admin@example.org", demoLogins(t, stdout)["admin@example.org"].password)
	mustSubmit(t, tab, "open the outbox from the menu", http.StatusOK, chromedp.Click(chromedp.CSS(`nav a[href="/admin/outbox"]`)))
	if got := mustText(t, tab, "h1"); got != "Outbox" {
		t.Errorf("h1 = %q, want Outbox", got)
	}
	mustAxe(t, tab, "outbox")
	if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`document.querySelectorAll("details").forEach(d => d.open = true); true`)); err != nil {
		t.Fatal(err)
	}
	// The server's own stale-listing reminders are there too (the daily
	// sweep runs at start), so filter to the seeded message's kind.
	if err := chromedp.Do(tab, chromedp.Navigate(base+"/admin/outbox?kind=verify")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`document.querySelectorAll("details").forEach(d => d.open = true); true`)); err != nil {
		t.Fatal(err)
	}
	found, err := chromedp.Run(tab, chromedp.Evaluate[bool](`Array.from(document.querySelectorAll("ol.messages li textarea")).some(t => t.value.includes(`+"`Please confirm: "+base+"/verify/`"+`))`))
	if err != nil || !found {
		t.Errorf("no message on the page reads the seeded verify link (%v)", err)
	}
	mustAxe(t, tab, "outbox with every message open")
}
