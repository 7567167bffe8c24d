package admin_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/internal/webtest"
	"github.com/linkway/linkway/notify"
)

// BenchmarkAdminLists times the admins' long lists, through the whole
// server, over a scheme far bigger than the demo: 2,000 organisations,
// 200,000 audit entries and 20,000 messages, half of them reminders.
func BenchmarkAdminLists(b *testing.B) {
	fx := webtest.New(b)
	ctx := context.Background()
	mustAddOrganisations(b, fx, 2000, map[string]string{})
	north := userID(b, fx, "north@example.org")
	actions := []string{"person.read", "person.read", "person.read", "people.list", "contact.create", "login"}
	for batch := range 200 {
		var entries []casework.AuditEntry
		for i := range 1000 {
			n := batch*1000 + i
			entries = append(entries, casework.AuditEntry{At: webtest.Start.Add(-time.Duration(n) * time.Minute), UserID: north, Action: actions[n%len(actions)], PersonID: fmt.Sprintf("p-%d", n%500)})
		}
		if err := fx.DB.AppendAudits(ctx, entries); err != nil {
			b.Fatal(err)
		}
	}
	for i := range 20000 {
		kind, sendErr := "referral", ""
		if i%2 == 0 {
			kind = "stale-reminder"
		}
		if i%50 == 0 {
			sendErr = "550 no such user"
		}
		if _, err := fx.DB.AddToOutbox(ctx, notify.Message{To: "group@example.org", Subject: "Message", Body: "x", Kind: kind}, time.Time{}, sendErr); err != nil {
			b.Fatal(err)
		}
	}
	admin := fx.As(b, "admin@example.org")
	for _, path := range []string{
		"/admin/feeds", "/admin/organisations", "/admin/organisations?q=group+1&page=3", "/admin/organisations?page=80", "/admin/users",
		"/admin/audit", "/admin/audit?action=contact.create&page=100", "/admin/audit?user=1&from=2026-10-01&to=2026-10-31",
		"/admin/outbox", "/admin/outbox?kind=all&show=failed",
	} {
		b.Run(path, func(b *testing.B) {
			for b.Loop() {
				if st, _ := fx.Call(b, admin, "GET", path, ""); st != 200 {
					b.Fatalf("GET %s = %d", path, st)
				}
			}
		})
	}
}
