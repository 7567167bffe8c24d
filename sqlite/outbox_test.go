package sqlite_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/linkway/linkway/notify"
)

func TestOutboxKeepsAndFiltersMessages(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }

	kept := notify.Message{To: "a@example.org", Subject: "Is this still correct?", Body: "Line one\nhttps://x.example/v/abc", Kind: "verify", About: "svc-1"}
	keptID, err := db.AddToOutbox(ctx, kept, time.Time{}, "")
	if err != nil {
		t.Fatal(err)
	}
	now = now.Add(time.Minute)
	sentAt := now.Add(time.Second)
	sent := notify.Message{To: "b@example.org", Subject: "A referral for you", Body: "Café ☕", Kind: "referral", About: "ref-1"}
	if _, err := db.AddToOutbox(ctx, sent, sentAt, ""); err != nil {
		t.Fatal(err)
	}
	now = now.Add(time.Minute)
	failed := notify.Message{To: "c@example.org", Subject: "Reminder", Body: "x", Kind: "verify", About: "svc-2"}
	if _, err := db.AddToOutbox(ctx, failed, time.Time{}, "550 no such user"); err != nil {
		t.Fatal(err)
	}

	all, err := db.Outbox(ctx, notify.OutboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var subjects []string
	for _, e := range all {
		subjects = append(subjects, e.Subject)
	}
	if want := []string{"Reminder", "A referral for you", "Is this still correct?"}; !slices.Equal(subjects, want) {
		t.Fatalf("Outbox() subjects = %q, want newest first %q", subjects, want)
	}
	if got := all[2]; got.Message != kept || got.ID != keptID || !got.Created.Equal(time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)) || !got.Sent.IsZero() || got.Error != "" {
		t.Errorf("kept entry = %+v", got)
	}
	if got := all[1]; got.Message != sent || !got.Sent.Equal(sentAt) || got.Error != "" {
		t.Errorf("sent entry = %+v, want sent at %v", got, sentAt)
	}
	if got := all[0]; !got.Sent.IsZero() || got.Error != "550 no such user" {
		t.Errorf("failed entry = %+v", got)
	}

	for _, tt := range []struct {
		name string
		f    notify.OutboxFilter
		want []string
	}{
		{"kind", notify.OutboxFilter{Kind: "verify"}, []string{"c@example.org", "a@example.org"}},
		{"about", notify.OutboxFilter{Kind: "verify", About: "svc-1"}, []string{"a@example.org"}},
		{"recipient", notify.OutboxFilter{To: "b@example.org"}, []string{"b@example.org"}},
		{"limit", notify.OutboxFilter{Limit: 1}, []string{"c@example.org"}},
		{"before", notify.OutboxFilter{Before: all[0].ID, Limit: 1}, []string{"b@example.org"}},
		{"before and kind", notify.OutboxFilter{Before: all[0].ID, Kind: "verify"}, []string{"a@example.org"}},
		{"no match", notify.OutboxFilter{Kind: "invite"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := db.Outbox(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var to []string
			for _, e := range got {
				to = append(to, e.To)
			}
			if !slices.Equal(to, tt.want) {
				t.Errorf("Outbox(%+v) = %q, want %q", tt.f, to, tt.want)
			}
		})
	}

	kinds, err := db.OutboxKinds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"referral", "verify"}; !slices.Equal(kinds, want) {
		t.Errorf("OutboxKinds() = %q, want %q", kinds, want)
	}
}

// TestOutboxIsTheDefaultNotifier checks notify.Outbox against the real
// store: a message it is given is kept, unsent, for an admin to read.
func TestOutboxIsTheDefaultNotifier(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	m := notify.Message{To: "editor@example.org", Subject: "Invitation", Body: "Follow this link", Kind: "invite", About: "org-1"}
	if err := (notify.Outbox{Store: db}).Notify(ctx, m); err != nil {
		t.Fatal(err)
	}
	got, err := db.Outbox(ctx, notify.OutboxFilter{About: "org-1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Message != m || !got[0].Sent.IsZero() || got[0].Error != "" {
		t.Errorf("Outbox() = %+v, want the one unsent message %+v", got, m)
	}
}
