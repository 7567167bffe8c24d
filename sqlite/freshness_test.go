package sqlite_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/notify"
)

// staleService is a listed service of organisation org, last verified at
// verified (zero for never), with a kind of support and a place when
// given.
func staleService(id, org, orgName string, verified time.Time, kind, postcode string) *directory.Service {
	s := &directory.Service{ID: id, Name: "Service " + id, Status: directory.StatusActive, LastVerified: verified,
		Organization: &directory.Organization{ID: org, Name: orgName}}
	if kind != "" {
		s.Terms = []directory.Term{{ID: kind, Name: kind}}
	}
	if postcode != "" {
		s.Locations = []directory.ServiceAtLocation{{ID: "sal-" + id, Location: directory.Location{ID: "loc-" + id, Type: directory.Physical,
			Addresses: []directory.Address{{ID: "ad-" + id, Address1: "1 Road", PostalCode: postcode}}}}}
	}
	return s
}

func TestStaleServices(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	now := time.Date(2026, 8, 31, 9, 0, 0, 0, time.UTC)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for _, s := range []*directory.Service{
		staleService("five", "org-a", "A", now.AddDate(0, -5, 0), "walking", "LS6 1AA"),
		staleService("seven", "org-a", "A", now.AddDate(0, -7, 0), "walking", "LS6 2BB"),
		staleService("thirteen", "org-b", "B", now.AddDate(0, -13, 0), "debt", ""),
		staleService("never", "org-b", "B", time.Time{}, "", ""),
		// The edges, as VerifiedMonthsAgo counts: 28 February is six whole
		// months before 31 August; 1 March is not.
		staleService("edge-in", "org-c", "C", day(2026, 2, 28), "", ""),
		staleService("edge-out", "org-c", "C", day(2026, 3, 1), "", ""),
	} {
		mustPut(t, db, s)
	}
	gone := staleService("gone", "org-b", "B", time.Time{}, "", "")
	gone.Status = directory.StatusDefunct
	mustPut(t, db, gone)

	list, err := db.StaleServices(ctx, now, 6)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range list {
		ids = append(ids, s.ID)
		if m := s.VerifiedMonthsAgo(now); m >= 0 && m < 6 {
			t.Errorf("%s is stale at %d months", s.ID, m)
		}
	}
	if want := []string{"seven", "never", "thirteen", "edge-in"}; !slices.Equal(ids, want) {
		t.Errorf("stale = %v, want %v", ids, want)
	}
	if list[0].Organization == nil || list[0].Organization.Name != "A" || list[0].Terms[0].ID != "walking" ||
		list[0].Locations[0].Location.Address().PostalCode != "LS6 2BB" {
		t.Errorf("stale listing not loaded whole: %+v", list[0])
	}
	very, err := db.StaleServices(ctx, now, 12)
	if err != nil {
		t.Fatal(err)
	}
	ids = ids[:0]
	for _, s := range very {
		ids = append(ids, s.ID)
	}
	if want := []string{"never", "thirteen"}; !slices.Equal(ids, want) {
		t.Errorf("very stale = %v, want %v", ids, want)
	}
}

func TestLastNotified(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	if last, err := db.LastNotified(ctx, "stale-reminder", "org-a"); err != nil || !last.IsZero() {
		t.Fatalf("nothing sent yet: %v, %v", last, err)
	}
	out := notify.Outbox{Store: db}
	for _, m := range []notify.Message{
		{To: "a@example.org", Subject: "s", Body: "b", Kind: "stale-reminder", About: "org-a"},
		{To: "b@example.org", Subject: "s", Body: "b", Kind: "referral", About: "org-a"},
	} {
		if err := out.Notify(ctx, m); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Hour)
	}
	// A message the mail server refused is not a reminder given.
	if _, err := db.AddToOutbox(ctx, notify.Message{To: "a@example.org", Subject: "s", Body: "b", Kind: "stale-reminder", About: "org-a"},
		time.Time{}, "550 no such user"); err != nil {
		t.Fatal(err)
	}
	if last, err := db.LastNotified(ctx, "stale-reminder", "org-a"); err != nil || !last.Equal(now.Add(-2*time.Hour)) {
		t.Errorf("last reminder = %v, %v", last, err)
	}
	if last, _ := db.LastNotified(ctx, "stale-reminder", "org-b"); !last.IsZero() {
		t.Errorf("another organisation's reminder counted: %v", last)
	}
}
