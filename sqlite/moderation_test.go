package sqlite_test

import (
	"context"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/sqlite"
	"github.com/paulmach/orb"
)

// mustModerationDB is a store holding the test feed, on a fixed clock
// that tests may move.
func mustModerationDB(t *testing.T) (*sqlite.DB, *time.Time) {
	t.Helper()
	db := mustOpenDB(t)
	data, err := os.ReadFile("testdata/services.json")
	if err != nil {
		t.Fatal(err)
	}
	mustImportFile(t, db, data)
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	return db, &now
}

const walkID = "5e0c7a1e-3b1f-4c61-9d2a-0f6f3c1a0001"

// Reviews and versions keep services as JSON: every field must come back.
func TestServiceJSONRoundTrip(t *testing.T) {
	db, _ := mustModerationDB(t)
	list, _, err := db.FindServices(context.Background(), directory.ServiceFilter{})
	if err != nil || len(list) < 4 {
		t.Fatalf("services: %d, %v", len(list), err)
	}
	for _, s := range list {
		s.LastVerified = time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var back directory.Service
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		b2, _ := json.Marshal(&back)
		if string(b) != string(b2) || !back.LastVerified.Equal(s.LastVerified) {
			t.Errorf("service %s does not survive JSON:\n%s\n%s", s.ID, b, b2)
		}
		if len(s.Locations) > 0 && s.Locations[0].Location.Point != nil && *back.Locations[0].Location.Point != *s.Locations[0].Location.Point {
			t.Errorf("service %s: point %v came back as %v", s.ID, s.Locations[0].Location.Point, back.Locations[0].Location.Point)
		}
	}
}

func TestSubmitDiffApprove(t *testing.T) {
	ctx := context.Background()
	db, now := mustModerationDB(t)
	orig := mustService(t, db, walkID)
	proposed := mustService(t, db, walkID)
	proposed.Locations[0].Schedules[0].Opens = "10:30"
	id, err := db.SubmitReview(ctx, proposed, 7)
	if err != nil {
		t.Fatal(err)
	}
	if got := mustService(t, db, walkID); got.Locations[0].Schedules[0].Opens != "10:00" {
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
	if err != nil {
		t.Fatal(err)
	}
	if version != 1 {
		t.Errorf("first approved change is version %d, want 1", version)
	}
	if got := mustService(t, db, walkID); got.Locations[0].Schedules[0].Opens != "10:30" || !got.LastModified.Equal(*now) {
		t.Errorf("after approval: opens %s, modified %v", got.Locations[0].Schedules[0].Opens, got.LastModified)
	}
	if after, _ := db.LastChangeSeq(ctx); after <= seq {
		t.Error("approval wrote nothing to the change log, so search would not see it")
	}
	versions, err := db.ServiceVersions(ctx, walkID)
	if err != nil || len(versions) != 2 {
		t.Fatalf("versions = %d, %v; want the original and the approved one", len(versions), err)
	}
	if versions[0].Version != 0 || versions[0].PublishedBy != 0 || len(directory.Diff(orig, versions[0].Content)) != 0 {
		t.Errorf("version 0 = %+v, want the listing as imported", versions[0])
	}
	if versions[1].PublishedBy != 1 || !strings.Contains(versions[1].Note, "approved") || !versions[1].PublishedAt.Equal(*now) {
		t.Errorf("version 1 = %d %q %v", versions[1].PublishedBy, versions[1].Note, versions[1].PublishedAt)
	}
	if r, _ := db.Review(ctx, id); r.Status != directory.ReviewApproved || r.DecidedBy != 1 {
		t.Errorf("decided review = %s by %d", r.Status, r.DecidedBy)
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
}

func TestRejectNeedsAReasonAndChangesNothing(t *testing.T) {
	ctx := context.Background()
	db, _ := mustModerationDB(t)
	proposed := mustService(t, db, walkID)
	proposed.Name = "Something else"
	id, err := db.SubmitReview(ctx, proposed, 7)
	if err != nil {
		t.Fatal(err)
	}
	seq, _ := db.LastChangeSeq(ctx)
	if err := db.RejectReview(ctx, id, 1, "  "); directory.KindOf(err) != directory.Invalid || !strings.HasPrefix(directory.MessageOf(err), "reason:") {
		t.Errorf("reject without a reason: %v", err)
	}
	if err := db.RejectReview(ctx, id, 1, "Please keep the group's real name"); err != nil {
		t.Fatal(err)
	}
	r, _ := db.Review(ctx, id)
	if r.Status != directory.ReviewRejected || r.Reason != "Please keep the group's real name" || r.DecidedBy != 1 {
		t.Errorf("review = %s %q by %d", r.Status, r.Reason, r.DecidedBy)
	}
	if got := mustService(t, db, walkID); got.Name != "Hyde Park health walk" {
		t.Errorf("rejected change published: %q", got.Name)
	}
	if after, _ := db.LastChangeSeq(ctx); after != seq {
		t.Error("rejecting wrote to the change log")
	}
	if v, _ := db.ServiceVersions(ctx, walkID); len(v) != 0 {
		t.Errorf("rejecting recorded %d versions", len(v))
	}
	if err := db.RejectReview(ctx, 999, 1, "x"); directory.KindOf(err) != directory.NotFound {
		t.Errorf("rejecting an unknown review: %v", err)
	}
}

func TestNewerChangeReplacesThePendingOne(t *testing.T) {
	ctx := context.Background()
	db, _ := mustModerationDB(t)
	p := mustService(t, db, walkID)
	p.Name = "First try"
	first, _ := db.SubmitReview(ctx, p, 7)
	p.Name = "Second try"
	second, err := db.SubmitReview(ctx, p, 7)
	if err != nil {
		t.Fatal(err)
	}
	pending, _ := db.Reviews(ctx, directory.ReviewPending, "")
	if len(pending) != 1 || pending[0].ID != second {
		t.Fatalf("pending = %+v, want only the second", pending)
	}
	if r, _ := db.Review(ctx, first); r.Status != directory.ReviewRejected || !strings.Contains(r.Reason, "newer") {
		t.Errorf("replaced review = %s %q", r.Status, r.Reason)
	}
}

func TestSubmitAndPublishRefuseBadListings(t *testing.T) {
	ctx := context.Background()
	db, _ := mustModerationDB(t)
	bad := mustService(t, db, walkID)
	bad.Name = ""
	if _, err := db.SubmitReview(ctx, bad, 7); directory.KindOf(err) != directory.Invalid {
		t.Errorf("submit without a name: %v", err)
	}
	if _, err := db.Publish(ctx, bad, 7, ""); directory.KindOf(err) != directory.Invalid {
		t.Errorf("publish without a name: %v", err)
	}
	unknown := mustService(t, db, walkID)
	unknown.ID = "nope"
	if _, err := db.SubmitReview(ctx, unknown, 7); directory.KindOf(err) != directory.NotFound {
		t.Errorf("submit for an unknown listing: %v", err)
	}
	if _, err := db.Publish(ctx, unknown, 7, ""); directory.KindOf(err) != directory.NotFound {
		t.Errorf("publish an unknown listing: %v", err)
	}
}

func TestPublishAndRestore(t *testing.T) {
	ctx := context.Background()
	db, now := mustModerationDB(t)
	s := mustService(t, db, walkID)
	s.Name = "Park walk"
	if v, err := db.Publish(ctx, s, 3, "trusted edit"); err != nil || v != 1 {
		t.Fatalf("publish = %d, %v", v, err)
	}
	s.Status, s.Alert = directory.StatusTemporarilyClosed, "Closed until 5 January 2027."
	if v, err := db.Publish(ctx, s, 3, "temporarily closed"); err != nil || v != 2 {
		t.Fatalf("publish = %d, %v", v, err)
	}
	*now = now.Add(24 * time.Hour)
	if _, err := db.VerifyService(ctx, walkID, "editor@example.org", *now); err != nil {
		t.Fatal(err)
	}
	v, err := db.RestoreVersion(ctx, walkID, 0, 1)
	if err != nil || v != 3 {
		t.Fatalf("restore = %d, %v", v, err)
	}
	got := mustService(t, db, walkID)
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
	if len(versions) != 4 || notes[3] != "Version 0 restored" || notes[2] != "temporarily closed" {
		t.Errorf("history notes = %q", notes)
	}
	if _, err := db.RestoreVersion(ctx, walkID, 42, 1); directory.KindOf(err) != directory.NotFound {
		t.Errorf("restoring a version that does not exist: %v", err)
	}
}

// An editor's changes stay within their own listing: the organisation and
// shared taxonomy terms are not theirs to change, and a venue another
// organisation uses is copied rather than moved from under it.
func TestPublishChangesOnlyThatListing(t *testing.T) {
	ctx := context.Background()
	db, _ := mustModerationDB(t)
	hall := directory.Location{ID: "st-marys", Type: directory.Physical, Name: "St Mary's Hall", Point: &orb.Point{-1.57, 53.82},
		Addresses: []directory.Address{{Address1: "1 Church Lane", PostalCode: "LS6 1AA", Type: "physical"}}}
	mk := func(id, org string) *directory.Service {
		return &directory.Service{ID: id, Name: id, Status: directory.StatusActive,
			Organization: &directory.Organization{ID: org, Name: org},
			Terms:        []directory.Term{{ID: "crafts", Name: "Crafts"}},
			Locations:    []directory.ServiceAtLocation{{ID: id + "-at", Location: hall}}}
	}
	mustPut(t, db, mk("knit", "knitters"), mk("choir", "singers"), mk("sewing", "knitters"))

	s := mustService(t, db, "knit")
	s.Organization = &directory.Organization{ID: "singers", Name: "Taken over"}
	s.Terms[0].Name = "Renamed for everyone"
	s.Locations[0].Location.Name = "The knitting room"
	s.Locations[0].Location.Addresses[0].PostalCode = "LS6 2BB"
	if _, err := db.Publish(ctx, s, 5, ""); err != nil {
		t.Fatal(err)
	}
	got := mustService(t, db, "knit")
	if got.Organization.ID != "knitters" || got.Organization.Name != "knitters" {
		t.Errorf("organisation became %+v", got.Organization)
	}
	if o, _ := db.Organization(ctx, "singers"); o.Name != "singers" {
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
		if ol := mustService(t, db, other).Locations[0].Location; ol.ID != "st-marys" || ol.Name != "St Mary's Hall" {
			t.Errorf("%s's venue became %s %q", other, ol.ID, ol.Name)
		}
	}
	// Editing the copy again updates it in place.
	s = got
	s.Locations[0].Location.Name = "The knitting room, upstairs"
	if _, err := db.Publish(ctx, s, 5, ""); err != nil {
		t.Fatal(err)
	}
	if again := mustService(t, db, "knit").Locations[0].Location; again.ID != l.ID || again.Name != "The knitting room, upstairs" {
		t.Errorf("second edit: %s %q, want %s", again.ID, again.Name, l.ID)
	}

	// A venue shared only within the organisation is theirs to correct.
	room := mk("tapestry", "knitters")
	room.Locations[0].Location = directory.Location{ID: "craft-room", Type: directory.Physical, Name: "Craft room"}
	quilt := mk("quilting", "knitters")
	quilt.Locations[0].Location = room.Locations[0].Location
	mustPut(t, db, room, quilt)
	room = mustService(t, db, "tapestry")
	room.Locations[0].Location.Name = "The craft room"
	if _, err := db.Publish(ctx, room, 5, ""); err != nil {
		t.Fatal(err)
	}
	if gotQuilt := mustService(t, db, "quilting").Locations[0].Location; gotQuilt.ID != "craft-room" || gotQuilt.Name != "The craft room" {
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

func TestOrganizationServices(t *testing.T) {
	db, _ := mustModerationDB(t)
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
	if len(ids) != 2 {
		t.Errorf("leeds-walks services = %q, want 2", ids)
	}
}

// Quick actions publish at once; approving an older edit that did not
// touch them must not undo them.
func TestApproveKeepsQuickActionsTakenSince(t *testing.T) {
	ctx := context.Background()
	db, _ := mustModerationDB(t)
	p := mustService(t, db, walkID)
	p.Description = "A gentle walk with tea."
	id, _ := db.SubmitReview(ctx, p, 7)

	now := mustService(t, db, walkID)
	now.Status, now.Alert = directory.StatusTemporarilyClosed, "Closed for the winter."
	now.Accepting, now.TypicalWaitDays = directory.CapacityWaitingList, 14
	if _, err := db.Publish(ctx, now, 7, "quick actions"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ApproveReview(ctx, id, 1); err != nil {
		t.Fatal(err)
	}
	got := mustService(t, db, walkID)
	if got.Description != "A gentle walk with tea." {
		t.Errorf("the approved edit was not published: %q", got.Description)
	}
	if got.Status != directory.StatusTemporarilyClosed || got.Alert != "Closed for the winter." || got.Accepting != directory.CapacityWaitingList || got.TypicalWaitDays != 14 {
		t.Errorf("approval undid the quick actions: %s %q %s %d", got.Status, got.Alert, got.Accepting, got.TypicalWaitDays)
	}

	// An edit that does change them wins.
	p = mustService(t, db, walkID)
	p.Status, p.Alert, p.Accepting = directory.StatusActive, "", directory.CapacityOpen
	id, _ = db.SubmitReview(ctx, p, 7)
	if _, err := db.ApproveReview(ctx, id, 1); err != nil {
		t.Fatal(err)
	}
	if got := mustService(t, db, walkID); got.Status != directory.StatusActive || got.Accepting != directory.CapacityOpen {
		t.Errorf("an approved edit of status and capacity: %s %s", got.Status, got.Accepting)
	}
}
