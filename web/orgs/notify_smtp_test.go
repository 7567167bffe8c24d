package orgs_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/linkway/linkway/internal/smtptest"
	"github.com/linkway/linkway/internal/webtest"
	"github.com/linkway/linkway/notify"
)

// TestNotificationsByMail sends the organisation's notifications through
// a real SMTP server started here: the referral to its editor, a reminder
// of the unanswered referral, and the stale-listing reminder, each with a
// single-use link that works.
func TestNotificationsByMail(t *testing.T) {
	fx := webtest.New(t)
	mail := smtptest.Start(t, nil)
	fx.Notifier = notify.SMTP{Addr: mail.Addr(), From: "linkway@example.org", Store: fx.DB, Now: fx.Clock}
	ctx := context.Background()

	north := fx.As(t, "north@example.org")
	id := fx.MustPerson(t, north, webtest.AdaJSON)
	if st, out := fx.Call(t, north, "POST", "/api/v1/people/"+id+"/referrals", `{"service_id": "walk-1", "mode": "referral"}`); st != http.StatusCreated {
		t.Fatalf("refer: %d %s", st, out)
	}
	// Two weeks on, nobody has answered: the hourly sweep reminds them, and
	// a year on the listing is stale too.
	fx.Now = fx.Now.AddDate(1, 0, 14)
	if err := fx.Work.SendReferralReminders(ctx); err != nil {
		t.Fatal(err)
	}
	if err := fx.Stale.Send(ctx); err != nil {
		t.Fatal(err)
	}

	_, got := mail.Received()
	links := map[string]string{} // kind of link → the last one mailed (the first answer link has expired by now)
	for _, m := range got {
		if m.To != "editor@example.org" {
			continue
		}
		for _, kind := range []string{"answer", "verify"} {
			if l := regexp.MustCompile(regexp.QuoteMeta(fx.TS.URL) + `/` + kind + `/[A-Za-z0-9]+`).FindString(m.Data); l != "" {
				links[kind] = l
			}
		}
	}
	if len(got) < 3 || links["answer"] == "" || links["verify"] == "" {
		t.Fatalf("mails received %d, links %v; want the referral, its reminder and the stale reminder, with answer and verify links", len(got), links)
	}
	for _, m := range got {
		if strings.Contains(m.Data, "1950") || strings.Contains(m.Data, "9434765919") {
			t.Errorf("a mail to %s carries the date of birth or NHS number", m.To)
		}
	}
	sent, err := fx.DB.Outbox(ctx, notify.OutboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range sent {
		if e.Sent.IsZero() || e.Error != "" {
			t.Errorf("outbox entry %q not marked sent (error %q)", e.Subject, e.Error)
		}
	}
	// The mailed links work once.
	anon := fx.As(t, "")
	for kind, link := range links {
		path := strings.TrimPrefix(link, fx.TS.URL)
		if st, _ := fx.Call(t, anon, "GET", path, ""); st != http.StatusOK {
			t.Errorf("mailed %s link: GET %d", kind, st)
		}
	}
}
