package sqlite_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/notify"
	"github.com/linkway/linkway/sqlite"
)

// mustPutOrganizations stores organisations called names, with ids
// org-001, org-002… in the order given.
func mustPutOrganizations(tb testing.TB, db *sqlite.DB, names ...string) {
	tb.Helper()
	err := db.InTx(context.Background(), func(tx *sqlite.Tx) error {
		for i, name := range names {
			if _, _, err := tx.PutOrganization(context.Background(), &directory.Organization{ID: fmt.Sprintf("org-%03d", i+1), Name: name}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}

func orgNames(orgs []directory.Organization) []string {
	var out []string
	for _, o := range orgs {
		out = append(out, o.Name)
	}
	return out
}

func TestFindOrganizationsSearchesAndPages(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	var names []string
	for i := range 120 {
		names = append(names, fmt.Sprintf("Group %03d", 120-i)) // stored out of name order
	}
	names = append(names, "Age UK Leeds", "age concern", "Leeds 100% Club", "Walk_ers")
	mustPutOrganizations(t, db, names...)

	page, total, err := db.FindOrganizations(ctx, sqlite.OrganizationFilter{Limit: 25, Offset: 25})
	if err != nil {
		t.Fatal(err)
	}
	if total != 124 || len(page) != 25 {
		t.Fatalf("page 2 of all = %d of %d, want 25 of 124", len(page), total)
	}
	// By name in any case: the two Age ones, then Group 001 at 2.
	if page[0].Name != "Group 024" || page[24].Name != "Group 048" {
		t.Errorf("page 2 runs %q … %q, want Group 024 … Group 048", page[0].Name, page[24].Name)
	}
	last, _, err := db.FindOrganizations(ctx, sqlite.OrganizationFilter{Limit: 25, Offset: 100})
	if err != nil || len(last) != 24 {
		t.Fatalf("last page has %d (%v), want 24", len(last), err)
	}

	for _, tt := range []struct {
		name string
		want []string
	}{
		{"age", []string{"age concern", "Age UK Leeds"}},
		{"  AGE   leeds ", []string{"Age UK Leeds"}},
		{"100%", []string{"Leeds 100% Club"}}, // % is a percent sign, not "anything"
		{"p_0", nil},                          // _ is an underscore: "Group 001" does not match
		{"walk_", []string{"Walk_ers"}},
		{"org-003", []string{"Group 118"}}, // an id, exactly
		{"no such group", nil},
	} {
		got, n, err := db.FindOrganizations(ctx, sqlite.OrganizationFilter{Name: tt.name, Limit: 25})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(orgNames(got), tt.want) || n != len(tt.want) {
			t.Errorf("FindOrganizations(%q) = %q (%d in all), want %q", tt.name, orgNames(got), n, tt.want)
		}
	}
}

func TestOrganizationsNamed(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	mustPutOrganizations(t, db, "Men in Sheds", "Age UK Leeds", "men in sheds")
	for _, tt := range []struct {
		name    string
		wantIDs []string
	}{
		{"Age UK Leeds", []string{"org-002"}},
		{" age uk leeds ", []string{"org-002"}},
		{"MEN IN SHEDS", []string{"org-001", "org-003"}},
		{"Age UK", nil},
	} {
		got, err := db.OrganizationsNamed(ctx, tt.name)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, o := range got {
			ids = append(ids, o.ID)
		}
		if !slices.Equal(ids, tt.wantIDs) {
			t.Errorf("OrganizationsNamed(%q) = %q, want %q", tt.name, ids, tt.wantIDs)
		}
	}
	all, err := db.OrganizationNames(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Age UK Leeds", "Men in Sheds", "men in sheds"}; !slices.Equal(orgNames(all), want) || all[0].ID != "org-002" {
		t.Errorf("OrganizationNames = %+v, want %q", all, want)
	}
}

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
