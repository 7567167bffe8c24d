package storetest

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/paulmach/orb"
)

// ModerationStore is what the moderation suite uses. SetClock and
// PutServices are the runner's: the store's clock, and services written
// in one transaction as an import would.
type ModerationStore interface {
	SetClock(now func() time.Time)
	PutServices(ctx context.Context, services ...*directory.Service) error
	Service(ctx context.Context, id string) (*directory.Service, error)
	TaxonomyTerms(ctx context.Context) ([]directory.Term, error)
	LastChangeSeq(ctx context.Context) (int64, error)

	OrganizationServices(ctx context.Context, orgID string) ([]*directory.Service, error)
	OrganizationServiceCounts(ctx context.Context) (map[string]int, error)
	SubmitReview(ctx context.Context, proposed *directory.Service, by int64) (int64, error)
	Reviews(ctx context.Context, status directory.ReviewStatus, orgID string) ([]directory.Review, error)
	Review(ctx context.Context, id int64) (*directory.Review, error)
	ApproveReview(ctx context.Context, id, by int64) (int, error)
	RejectReview(ctx context.Context, id, by int64, reason string) error
	Publish(ctx context.Context, s *directory.Service, by int64, note string) (int, error)
	RestoreVersion(ctx context.Context, serviceID string, version int, by int64) (int, error)
	ServiceVersions(ctx context.Context, serviceID string) ([]directory.Version, error)
}

// Moderation tests reviews of editors' changes, publication and the
// history of versions.
func Moderation(t *testing.T, open Reopener[ModerationStore]) {
	for _, c := range []struct {
		name string
		test func(*testing.T, ModerationStore, *time.Time)
	}{
		{"SubmitDiffApprove", submitDiffApprove},
		{"RejectChangesNothing", rejectChangesNothing},
		{"NewerChangeReplacesPending", newerChangeReplacesPending},
		{"RefuseBadListings", refuseBadListings},
		{"PublishAndRestore", publishAndRestore},
		{"PublishChangesOnlyThatListing", publishChangesOnlyThatListing},
		{"OrganizationServices", organizationServices},
		{"OrganizationServiceCounts", organizationServiceCounts},
		{"ApproveKeepsQuickActions", approveKeepsQuickActions},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := open(t)()
			now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
			db.SetClock(func() time.Time { return now })
			mustPutServices(t, db, walk(), otherWalk(), choir())
			c.test(t, db, &now)
		})
	}
}

const walkID = "walk"

// walk is a listing with a weekly session at a venue.
func walk() *directory.Service {
	return &directory.Service{ID: walkID, Name: "Hyde Park health walk", Status: directory.StatusActive,
		Description:  "A walk round the park.",
		LastModified: time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC),
		Organization: &directory.Organization{ID: "leeds-walks", Name: "Leeds Walks"},
		Terms:        []directory.Term{{ID: "walking", Name: "Walking"}},
		Locations: []directory.ServiceAtLocation{{ID: "walk-at", Location: directory.Location{ID: "hyde-park", Type: directory.Physical,
			Name: "Hyde Park", Point: &orb.Point{-1.56, 53.81}, Addresses: []directory.Address{{Address1: "Hyde Park", PostalCode: "LS6 1AA", Type: "physical"}}},
			Schedules: []directory.Schedule{{Freq: "WEEKLY", ByDay: "TU", Opens: "10:00", Closes: "11:00"}}}}}
}

func otherWalk() *directory.Service {
	return &directory.Service{ID: "Another-walk", Name: "another walk", Status: directory.StatusActive,
		Organization: &directory.Organization{ID: "leeds-walks", Name: "Leeds Walks"}}
}

func choir() *directory.Service {
	return &directory.Service{ID: "choir", Name: "Choir", Status: directory.StatusActive,
		Organization: &directory.Organization{ID: "singers", Name: "Singers"}}
}

func mustPutServices(t *testing.T, db ModerationStore, services ...*directory.Service) {
	t.Helper()
	if err := db.PutServices(context.Background(), services...); err != nil {
		t.Fatal(err)
	}
}

// mustListing returns the service id as the store now has it.
func mustListing(t *testing.T, db ModerationStore, id string) *directory.Service {
	t.Helper()
	s, err := db.Service(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func submitDiffApprove(t *testing.T, db ModerationStore, now *time.Time) {
	ctx := context.Background()
	orig := mustListing(t, db, walkID)
	proposed := mustListing(t, db, walkID)
	proposed.Locations[0].Schedules[0].Opens = "10:30"
	id, err := db.SubmitReview(ctx, proposed, 7)
	if err != nil {
		t.Fatal(err)
	}
	if got := mustListing(t, db, walkID); got.Locations[0].Schedules[0].Opens != "10:00" {
		t.Fatal("a change waiting for review is already published")
	}
	pending, err := db.Reviews(ctx, directory.ReviewPending, "")
	if err != nil || len(pending) != 1 || pending[0].ID != id {
		t.Fatalf("pending = %+v, %v", pending, err)
	}
	if mine, _ := db.Reviews(ctx, "", "leeds-walks"); len(mine) != 1 {
		t.Errorf("the organisation's reviews: %d, want 1", len(mine))
	}
	if others, _ := db.Reviews(ctx, "", "someone-else"); len(others) != 0 {
		t.Errorf("another organisation sees %d reviews", len(others))
	}
	if approved, _ := db.Reviews(ctx, directory.ReviewApproved, "leeds-walks"); len(approved) != 0 {
		t.Errorf("approved reviews before any approval: %d", len(approved))
	}
	r, err := db.Review(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if r.SubmittedBy != 7 || r.OrganizationID != "leeds-walks" || !r.SubmittedAt.Equal(*now) || r.Status != directory.ReviewPending {
		t.Errorf("review = %+v", r)
	}
	want := []directory.FieldChange{{Field: "Sessions", Before: "Tuesdays 10:00–11:00", After: "Tuesdays 10:30–11:00"}}
	if got := directory.Diff(r.Base, r.Proposed); !reflect.DeepEqual(got, want) {
		t.Errorf("diff of the review = %q, want %q", got, want)
	}

	seq, _ := db.LastChangeSeq(ctx)
	*now = now.Add(time.Hour)
	version, err := db.ApproveReview(ctx, id, 1)
	if err != nil || version != 1 {
		t.Fatalf("approve = version %d, %v; want version 1", version, err)
	}
	if got := mustListing(t, db, walkID); got.Locations[0].Schedules[0].Opens != "10:30" || !got.LastModified.Equal(*now) {
		t.Errorf("after approval: opens %s, modified %v", got.Locations[0].Schedules[0].Opens, got.LastModified)
	}
	if after, _ := db.LastChangeSeq(ctx); after <= seq {
		t.Error("approval wrote nothing to the change log, so search would not see it")
	}
	versions, err := db.ServiceVersions(ctx, walkID)
	if err != nil || len(versions) != 2 {
		t.Fatalf("versions = %d, %v; want the original and the approved one", len(versions), err)
	}
	if v := versions[0]; v.Version != 0 || v.PublishedBy != 0 || !v.PublishedAt.Equal(orig.LastModified) || len(directory.Diff(orig, v.Content)) != 0 {
		t.Errorf("version 0 = %+v, want the listing as first listed", v)
	}
	if v := versions[1]; v.Version != 1 || v.PublishedBy != 1 || !strings.Contains(v.Note, "approved") || !v.PublishedAt.Equal(*now) ||
		v.Content.Locations[0].Schedules[0].Opens != "10:30" {
		t.Errorf("version 1 = %d by %d %q %v", v.Version, v.PublishedBy, v.Note, v.PublishedAt)
	}
	if r, _ := db.Review(ctx, id); r.Status != directory.ReviewApproved || r.DecidedBy != 1 || !r.DecidedAt.Equal(*now) {
		t.Errorf("decided review = %s by %d at %v", r.Status, r.DecidedBy, r.DecidedAt)
	}
	if _, err := db.ApproveReview(ctx, id, 1); directory.KindOf(err) != directory.Conflict {
		t.Errorf("approving twice: %v, want conflict", err)
	}
	if err := db.RejectReview(ctx, id, 1, "no"); directory.KindOf(err) != directory.Conflict {
		t.Errorf("rejecting an approved change: %v, want conflict", err)
	}
	if _, err := db.ApproveReview(ctx, 999, 1); directory.KindOf(err) != directory.NotFound {
		t.Errorf("approving an unknown review: %v", err)
	}
	if _, err := db.Review(ctx, 999); directory.KindOf(err) != directory.NotFound {
		t.Errorf("an unknown review: %v", err)
	}
}

func rejectChangesNothing(t *testing.T, db ModerationStore, _ *time.Time) {
	ctx := context.Background()
	proposed := mustListing(t, db, walkID)
	proposed.Name = "Something else"
	id, err := db.SubmitReview(ctx, proposed, 7)
	if err != nil {
		t.Fatal(err)
	}
	seq, _ := db.LastChangeSeq(ctx)
	if err := db.RejectReview(ctx, id, 1, "  "); directory.KindOf(err) != directory.Invalid || !strings.HasPrefix(directory.MessageOf(err), "reason:") {
		t.Errorf("reject without a reason: %v", err)
	}
	if err := db.RejectReview(ctx, id, 1, " Please keep the group's real name "); err != nil {
		t.Fatal(err)
	}
	r, _ := db.Review(ctx, id)
	if r.Status != directory.ReviewRejected || r.Reason != "Please keep the group's real name" || r.DecidedBy != 1 {
		t.Errorf("review = %s %q by %d", r.Status, r.Reason, r.DecidedBy)
	}
	if got := mustListing(t, db, walkID); got.Name != "Hyde Park health walk" {
		t.Errorf("rejected change published: %q", got.Name)
	}
	if after, _ := db.LastChangeSeq(ctx); after != seq {
		t.Error("rejecting wrote to the change log")
	}
	if v, _ := db.ServiceVersions(ctx, walkID); len(v) != 0 {
		t.Errorf("rejecting recorded %d versions", len(v))
	}
	if _, err := db.ApproveReview(ctx, id, 1); directory.KindOf(err) != directory.Conflict {
		t.Errorf("approving a rejected change: %v, want conflict", err)
	}
	if err := db.RejectReview(ctx, 999, 1, "x"); directory.KindOf(err) != directory.NotFound {
		t.Errorf("rejecting an unknown review: %v", err)
	}
}

func newerChangeReplacesPending(t *testing.T, db ModerationStore, _ *time.Time) {
	ctx := context.Background()
	p := mustListing(t, db, walkID)
	p.Name = "First try"
	first, err := db.SubmitReview(ctx, p, 7)
	if err != nil {
		t.Fatal(err)
	}
	p.Name = "Second try"
	second, err := db.SubmitReview(ctx, p, 7)
	if err != nil {
		t.Fatal(err)
	}
	pending, _ := db.Reviews(ctx, directory.ReviewPending, "")
	if len(pending) != 1 || pending[0].ID != second || pending[0].Proposed.Name != "Second try" {
		t.Fatalf("pending = %+v, want only the second", pending)
	}
	if r, _ := db.Review(ctx, first); r.Status != directory.ReviewRejected || !strings.Contains(r.Reason, "newer") {
		t.Errorf("replaced review = %s %q", r.Status, r.Reason)
	}
}

func refuseBadListings(t *testing.T, db ModerationStore, _ *time.Time) {
	ctx := context.Background()
	bad := mustListing(t, db, walkID)
	bad.Name = ""
	if _, err := db.SubmitReview(ctx, bad, 7); directory.KindOf(err) != directory.Invalid {
		t.Errorf("submit without a name: %v", err)
	}
	if _, err := db.Publish(ctx, bad, 7, ""); directory.KindOf(err) != directory.Invalid {
		t.Errorf("publish without a name: %v", err)
	}
	unknown := mustListing(t, db, walkID)
	unknown.ID = "nope"
	if _, err := db.SubmitReview(ctx, unknown, 7); directory.KindOf(err) != directory.NotFound {
		t.Errorf("submit for an unknown listing: %v", err)
	}
	if _, err := db.Publish(ctx, unknown, 7, ""); directory.KindOf(err) != directory.NotFound {
		t.Errorf("publish an unknown listing: %v", err)
	}
	if _, err := db.RestoreVersion(ctx, "nope", 0, 1); directory.KindOf(err) != directory.NotFound {
		t.Errorf("restore an unknown listing: %v", err)
	}
}

func publishAndRestore(t *testing.T, db ModerationStore, now *time.Time) {
	ctx := context.Background()
	s := mustListing(t, db, walkID)
	s.Name = "Park walk"
	if v, err := db.Publish(ctx, s, 3, "trusted edit"); err != nil || v != 1 {
		t.Fatalf("publish = %d, %v", v, err)
	}
	s.Status, s.Alert = directory.StatusTemporarilyClosed, "Closed until 5 January 2027."
	if v, err := db.Publish(ctx, s, 3, "temporarily closed"); err != nil || v != 2 {
		t.Fatalf("publish = %d, %v", v, err)
	}
	*now = now.Add(24 * time.Hour)
	s.LastVerified, s.VerifiedBy = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), "editor@example.org"
	if v, err := db.Publish(ctx, s, 3, "still correct"); err != nil || v != 3 {
		t.Fatalf("publish = %d, %v", v, err)
	}
	v, err := db.RestoreVersion(ctx, walkID, 0, 1)
	if err != nil || v != 4 {
		t.Fatalf("restore = %d, %v", v, err)
	}
	got := mustListing(t, db, walkID)
	if got.Name != "Hyde Park health walk" || got.Status != directory.StatusActive || got.Alert != "" {
		t.Errorf("restored %q %s %q, want the original", got.Name, got.Status, got.Alert)
	}
	if !got.LastVerified.Equal(time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)) || got.VerifiedBy != "editor@example.org" {
		t.Errorf("restoring lost the latest check: %v %q", got.LastVerified, got.VerifiedBy)
	}
	versions, _ := db.ServiceVersions(ctx, walkID)
	var notes []string
	for _, v := range versions {
		notes = append(notes, v.Note)
	}
	if len(versions) != 5 || notes[4] != "Version 0 restored" || notes[2] != "temporarily closed" || versions[4].PublishedBy != 1 {
		t.Errorf("history notes = %q", notes)
	}
	if _, err := db.RestoreVersion(ctx, walkID, 42, 1); directory.KindOf(err) != directory.NotFound {
		t.Errorf("restoring a version that does not exist: %v", err)
	}
	if v, _ := db.ServiceVersions(ctx, "choir"); len(v) != 0 {
		t.Errorf("a listing never changed has %d versions", len(v))
	}
}

// An editor's changes stay within their own listing: the organisation and
// shared taxonomy terms are not theirs to change, and a venue another
// organisation uses is copied rather than moved from under it.
func publishChangesOnlyThatListing(t *testing.T, db ModerationStore, _ *time.Time) {
	ctx := context.Background()
	hall := directory.Location{ID: "st-marys", Type: directory.Physical, Name: "St Mary's Hall", Point: &orb.Point{-1.57, 53.82},
		Addresses: []directory.Address{{Address1: "1 Church Lane", PostalCode: "LS6 1AA", Type: "physical"}}}
	mk := func(id, org string) *directory.Service {
		return &directory.Service{ID: id, Name: id, Status: directory.StatusActive,
			Organization: &directory.Organization{ID: org, Name: org},
			Terms:        []directory.Term{{ID: "crafts", Name: "Crafts"}},
			Locations:    []directory.ServiceAtLocation{{ID: id + "-at", Location: hall}}}
	}
	mustPutServices(t, db, mk("knit", "knitters"), mk("choir", "singers"), mk("sewing", "knitters"))

	s := mustListing(t, db, "knit")
	s.Organization = &directory.Organization{ID: "singers", Name: "Taken over"}
	s.Terms[0].Name = "Renamed for everyone"
	s.Locations[0].Location.Name = "The knitting room"
	s.Locations[0].Location.Addresses[0].PostalCode = "LS6 2BB"
	if _, err := db.Publish(ctx, s, 5, ""); err != nil {
		t.Fatal(err)
	}
	got := mustListing(t, db, "knit")
	if got.Organization.ID != "knitters" || got.Organization.Name != "knitters" {
		t.Errorf("organisation became %+v", got.Organization)
	}
	if o := mustListing(t, db, "choir").Organization; o.Name != "singers" {
		t.Errorf("another organisation renamed to %q", o.Name)
	}
	if terms, _ := db.TaxonomyTerms(ctx); !hasTerm(terms, "crafts", "Crafts") {
		t.Errorf("a shared term was renamed: %+v", terms)
	}
	l := got.Locations[0].Location
	if l.ID == "st-marys" || l.Name != "The knitting room" || l.Address().PostalCode != "LS6 2BB" {
		t.Errorf("edited venue = %s %q %s, want this listing's own copy", l.ID, l.Name, l.Address().PostalCode)
	}
	for _, other := range []string{"choir", "sewing"} {
		if ol := mustListing(t, db, other).Locations[0].Location; ol.ID != "st-marys" || ol.Name != "St Mary's Hall" {
			t.Errorf("%s's venue became %s %q", other, ol.ID, ol.Name)
		}
	}
	// Editing the copy again updates it in place.
	s = got
	s.Locations[0].Location.Name = "The knitting room, upstairs"
	if _, err := db.Publish(ctx, s, 5, ""); err != nil {
		t.Fatal(err)
	}
	if again := mustListing(t, db, "knit").Locations[0].Location; again.ID != l.ID || again.Name != "The knitting room, upstairs" {
		t.Errorf("second edit: %s %q, want %s", again.ID, again.Name, l.ID)
	}

	// A venue shared only within the organisation is theirs to correct.
	room := mk("tapestry", "knitters")
	room.Locations[0].Location = directory.Location{ID: "craft-room", Type: directory.Physical, Name: "Craft room"}
	quilt := mk("quilting", "knitters")
	quilt.Locations[0].Location = room.Locations[0].Location
	mustPutServices(t, db, room, quilt)
	room = mustListing(t, db, "tapestry")
	room.Locations[0].Location.Name = "The craft room"
	if _, err := db.Publish(ctx, room, 5, ""); err != nil {
		t.Fatal(err)
	}
	if gotQuilt := mustListing(t, db, "quilting").Locations[0].Location; gotQuilt.ID != "craft-room" || gotQuilt.Name != "The craft room" {
		t.Errorf("a venue no other organisation uses: %s %q, want it corrected in place", gotQuilt.ID, gotQuilt.Name)
	}
}

func hasTerm(terms []directory.Term, id, name string) bool {
	for _, t := range terms {
		if t.ID == id {
			return t.Name == name
		}
	}
	return false
}

// An organisation's services come by name, whatever its case.
func organizationServices(t *testing.T, db ModerationStore, _ *time.Time) {
	list, err := db.OrganizationServices(context.Background(), "leeds-walks")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range list {
		ids = append(ids, s.ID)
		if s.Organization == nil || s.Organization.ID != "leeds-walks" {
			t.Errorf("service %s is not the organisation's", s.ID)
		}
	}
	if want := []string{"Another-walk", walkID}; !reflect.DeepEqual(ids, want) {
		t.Errorf("leeds-walks services = %q, want %q", ids, want)
	}
	if list, err := db.OrganizationServices(context.Background(), "nobody"); err != nil || len(list) != 0 {
		t.Errorf("an organisation with no services: %d, %v", len(list), err)
	}
}

// Only listed services (active or temporarily closed) are counted.
func organizationServiceCounts(t *testing.T, db ModerationStore, _ *time.Time) {
	closed := &directory.Service{ID: "old-walk", Name: "Old walk", Status: directory.StatusDefunct,
		Organization: &directory.Organization{ID: "leeds-walks", Name: "Leeds Walks"}}
	paused := &directory.Service{ID: "rehearsal", Name: "Rehearsal", Status: directory.StatusTemporarilyClosed,
		Organization: &directory.Organization{ID: "singers", Name: "Singers"}}
	mustPutServices(t, db, closed, paused, &directory.Service{ID: "loose", Name: "No organisation", Status: directory.StatusActive})
	counts, err := db.OrganizationServiceCounts(context.Background())
	if want := map[string]int{"leeds-walks": 2, "singers": 2}; err != nil || !reflect.DeepEqual(counts, want) {
		t.Errorf("counts = %v, %v; want %v", counts, err, want)
	}
}

// Quick actions publish at once; approving an older edit that did not
// touch them must not undo them.
func approveKeepsQuickActions(t *testing.T, db ModerationStore, _ *time.Time) {
	ctx := context.Background()
	p := mustListing(t, db, walkID)
	p.Description = "A gentle walk with tea."
	id, err := db.SubmitReview(ctx, p, 7)
	if err != nil {
		t.Fatal(err)
	}
	now := mustListing(t, db, walkID)
	now.Status, now.Alert = directory.StatusTemporarilyClosed, "Closed for the winter."
	now.Accepting, now.TypicalWaitDays = directory.CapacityWaitingList, 14
	if _, err := db.Publish(ctx, now, 7, "quick actions"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ApproveReview(ctx, id, 1); err != nil {
		t.Fatal(err)
	}
	got := mustListing(t, db, walkID)
	if got.Description != "A gentle walk with tea." {
		t.Errorf("the approved edit was not published: %q", got.Description)
	}
	if got.Status != directory.StatusTemporarilyClosed || got.Alert != "Closed for the winter." || got.Accepting != directory.CapacityWaitingList || got.TypicalWaitDays != 14 {
		t.Errorf("approval undid the quick actions: %s %q %s %d", got.Status, got.Alert, got.Accepting, got.TypicalWaitDays)
	}

	// An edit that does change them wins.
	p = mustListing(t, db, walkID)
	p.Status, p.Alert, p.Accepting = directory.StatusActive, "", directory.CapacityOpen
	id, _ = db.SubmitReview(ctx, p, 7)
	if _, err := db.ApproveReview(ctx, id, 1); err != nil {
		t.Fatal(err)
	}
	if got := mustListing(t, db, walkID); got.Status != directory.StatusActive || got.Accepting != directory.CapacityOpen {
		t.Errorf("an approved edit of status and capacity: %s %s", got.Status, got.Accepting)
	}
}
