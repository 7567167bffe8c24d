package sqlite_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/notify"
)

func TestAuditFiltersByAction(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	at := time.Date(2026, 12, 8, 9, 0, 0, 0, time.UTC)
	var entries []casework.AuditEntry
	for i := range 7 {
		action := "person.read"
		if i%3 == 0 {
			action = "login"
		}
		entries = append(entries, casework.AuditEntry{At: at.Add(time.Duration(i) * time.Minute), UserID: int64(1 + i%2), Action: action, PersonID: "p"})
	}
	if err := db.AppendAudits(ctx, entries); err != nil {
		t.Fatal(err)
	}
	got, total, err := db.Audit(ctx, casework.AuditFilter{Action: "login"})
	if err != nil {
		t.Fatal(err)
	}
	if total != 3 || len(got) != 3 || got[0].Action != "login" || !got[0].At.Equal(at.Add(6*time.Minute)) {
		t.Errorf("logins: %d in all, first %+v", total, got)
	}
	if _, total, err := db.Audit(ctx, casework.AuditFilter{CountUpTo: 5, Limit: 2}); err != nil || total != 5 {
		t.Errorf("counted up to 5 of 7: %d (%v)", total, err)
	}
	if _, total, err := db.Audit(ctx, casework.AuditFilter{Action: "login", CountUpTo: 5}); err != nil || total != 3 {
		t.Errorf("counted up to 5 of 3 logins: %d (%v)", total, err)
	}
	got, total, err = db.Audit(ctx, casework.AuditFilter{Action: "person.read", UserID: 2, Limit: 1, Offset: 1})
	if err != nil {
		t.Fatal(err)
	}
	// Reads by user 2 are entries 1 and 5: the second newest is 1.
	if total != 2 || len(got) != 1 || !got[0].At.Equal(at.Add(time.Minute)) {
		t.Errorf("user 2's reads, page 2 of 1 each: %d in all, %+v", total, got)
	}
}

func TestOutboxUnsentAndKinds(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	sentAt := time.Date(2026, 12, 8, 9, 0, 0, 0, time.UTC)
	add := func(subject, kind string, sent time.Time, sendErr string) {
		t.Helper()
		if _, err := db.AddToOutbox(ctx, notify.Message{To: "a@example.org", Subject: subject, Body: "b", Kind: kind}, sent, sendErr); err != nil {
			t.Fatal(err)
		}
	}
	add("invite kept", "invite", time.Time{}, "")
	add("reminder 1", "stale-reminder", time.Time{}, "")
	add("invite sent", "invite", sentAt, "")
	add("review failed", "review", time.Time{}, "550 no such user")
	add("reminder 2", "stale-reminder", sentAt, "")
	add("reminder 3", "referral-reminder", time.Time{}, "timeout")

	subjects := func(f notify.OutboxFilter) []string {
		t.Helper()
		list, err := db.Outbox(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range list {
			out = append(out, e.Subject)
		}
		return out
	}
	reminders := []string{"stale-reminder", "referral-reminder"}
	if got, want := subjects(notify.OutboxFilter{Unsent: true, ExceptKinds: reminders}), []string{"review failed", "invite kept"}; !slices.Equal(got, want) {
		t.Errorf("unsent, no reminders = %q, want %q", got, want)
	}
	if got, want := subjects(notify.OutboxFilter{Unsent: true}), []string{"reminder 3", "review failed", "reminder 1", "invite kept"}; !slices.Equal(got, want) {
		t.Errorf("unsent = %q, want %q", got, want)
	}
	if got, want := subjects(notify.OutboxFilter{Failed: true}), []string{"reminder 3", "review failed"}; !slices.Equal(got, want) {
		t.Errorf("failed = %q, want %q", got, want)
	}
	if got, want := subjects(notify.OutboxFilter{ExceptKinds: reminders[:1], Limit: 2}), []string{"reminder 3", "review failed"}; !slices.Equal(got, want) {
		t.Errorf("no stale reminders, 2 = %q, want %q", got, want)
	}

	counts, err := db.OutboxCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []notify.OutboxCount{
		{Kind: "invite", Sent: 1, Kept: 1},
		{Kind: "referral-reminder", Failed: 1},
		{Kind: "review", Failed: 1},
		{Kind: "stale-reminder", Sent: 1, Kept: 1},
	}
	if !slices.Equal(counts, want) {
		t.Errorf("OutboxCounts = %+v, want %+v", counts, want)
	}
}
