package storetest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/linkway/linkway/notify"
)

// OutboxStore is what the outbox suite uses of a store.
type OutboxStore interface {
	AddToOutbox(ctx context.Context, m notify.Message, sent time.Time, sendErr string) (int64, error)
	Outbox(ctx context.Context, f notify.OutboxFilter) ([]notify.Entry, error)
	OutboxKinds(ctx context.Context) ([]string, error)
	OutboxCounts(ctx context.Context) ([]notify.OutboxCount, error)
}

// Outbox tests keeping messages and listing them.
func Outbox[S OutboxStore](t *testing.T, open Opener[S]) {
	t.Run("KeepsAndFilters", func(t *testing.T) {
		c := newClock()
		outboxKeepsAndFilters(t, open(t, c.now), c)
	})
	t.Run("IsTheDefaultNotifier", func(t *testing.T) {
		st := open(t, time.Now)
		m := notify.Message{To: "editor@example.org", Subject: "Invitation", Body: "Follow this link", Kind: "invite", About: "org-1"}
		if err := (notify.Outbox{Store: st}).Notify(ctx, m); err != nil {
			t.Fatal(err)
		}
		got, err := st.Outbox(ctx, notify.OutboxFilter{About: "org-1"})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].Message != m || !got[0].Sent.IsZero() || got[0].Error != "" {
			t.Errorf("Outbox() = %+v, want the one unsent message %+v", got, m)
		}
	})
}

func outboxKeepsAndFilters(t *testing.T, st OutboxStore, c *clock) {
	start := c.t
	kept := notify.Message{To: "a@example.org", Subject: "Is this still correct?", Body: "Line one\nhttps://x.example/v/abc", Kind: "verify", About: "svc-1"}
	keptID, err := st.AddToOutbox(ctx, kept, time.Time{}, "")
	if err != nil {
		t.Fatal(err)
	}
	c.t = c.t.Add(time.Minute)
	sentAt := c.t.Add(time.Second)
	sent := notify.Message{To: "b@example.org", Subject: "A referral for you", Body: "Café ☕", Kind: "referral", About: "ref-1"}
	if _, err := st.AddToOutbox(ctx, sent, sentAt, ""); err != nil {
		t.Fatal(err)
	}
	c.t = c.t.Add(time.Minute)
	failed := notify.Message{To: "c@example.org", Subject: "Reminder", Body: "x", Kind: "verify", About: "svc-2"}
	if _, err := st.AddToOutbox(ctx, failed, time.Time{}, "550 no such user"); err != nil {
		t.Fatal(err)
	}

	all, err := st.Outbox(ctx, notify.OutboxFilter{})
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
	if got := all[2]; got.Message != kept || got.ID != keptID || !got.Created.Equal(start) || !got.Sent.IsZero() || got.Error != "" {
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
		{"unsent", notify.OutboxFilter{Unsent: true}, []string{"c@example.org", "a@example.org"}},
		{"failed", notify.OutboxFilter{Failed: true}, []string{"c@example.org"}},
		{"except kinds", notify.OutboxFilter{ExceptKinds: []string{"verify"}}, []string{"b@example.org"}},
		{"except two kinds", notify.OutboxFilter{ExceptKinds: []string{"verify", "referral"}}, nil},
		{"no match", notify.OutboxFilter{Kind: "invite"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := st.Outbox(ctx, tt.f)
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

	kinds, err := st.OutboxKinds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"referral", "verify"}; !slices.Equal(kinds, want) {
		t.Errorf("OutboxKinds() = %q, want %q", kinds, want)
	}
	counts, err := st.OutboxCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []notify.OutboxCount{{Kind: "referral", Sent: 1}, {Kind: "verify", Failed: 1, Kept: 1}}
	if !slices.Equal(counts, want) {
		t.Errorf("OutboxCounts() = %+v, want %+v", counts, want)
	}
}
