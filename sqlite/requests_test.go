package sqlite_test

import (
	"context"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
)

func TestListingRequests(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	mustPut(t, db, staleService("walk", "org-walk", "Walkers", time.Time{}, "", ""))

	if err := db.CreateListingRequest(ctx, &directory.ListingRequest{Kind: directory.RequestNew, ContactName: "Sam"}); directory.KindOf(err) != directory.Invalid {
		t.Fatalf("a new group with no name or email: %v, want invalid", err)
	}
	claim := &directory.ListingRequest{Kind: directory.RequestClaim, ServiceID: "walk", ContactName: "Sam", Email: "sam@example.org"}
	fresh := &directory.ListingRequest{Kind: directory.RequestNew, GroupName: "Knit and Natter", Description: "Knitting in the library",
		ContactName: "Jo", Email: "jo@example.org", Postcode: "LS6 1AA"}
	other := &directory.ListingRequest{Kind: directory.RequestNew, GroupName: "Spam", Description: "x", ContactName: "X", Email: "x@example.org"}
	for _, r := range []*directory.ListingRequest{claim, fresh, other} {
		if err := db.CreateListingRequest(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if pending, _ := db.ListingRequests(ctx, directory.RequestPending); len(pending) != 3 || pending[0].ID != claim.ID || !pending[0].CreatedAt.Equal(now) {
		t.Fatalf("pending = %+v", pending)
	}

	if _, err := db.ApproveListingRequest(ctx, claim.ID, "no-such-org", 7); directory.KindOf(err) != directory.Invalid {
		t.Errorf("claim approved for an unknown organisation: %v", err)
	}
	org, err := db.ApproveListingRequest(ctx, claim.ID, "org-walk", 7)
	if err != nil || org != "org-walk" {
		t.Fatalf("approve claim = %q, %v", org, err)
	}
	if _, err := db.ApproveListingRequest(ctx, claim.ID, "org-walk", 7); directory.KindOf(err) != directory.Conflict {
		t.Errorf("approved twice: %v", err)
	}

	before, _ := db.Organizations(ctx)
	org, err = db.ApproveListingRequest(ctx, fresh.ID, "", 7)
	if err != nil {
		t.Fatal(err)
	}
	o, err := db.Organization(ctx, org)
	if err != nil || o.Name != "Knit and Natter" || o.Description != "Knitting in the library" {
		t.Fatalf("new organisation = %+v, %v", o, err)
	}
	if after, _ := db.Organizations(ctx); len(after) != len(before)+1 {
		t.Errorf("organisations %d -> %d", len(before), len(after))
	}
	got, _ := db.ListingRequest(ctx, fresh.ID)
	if got.Status != directory.RequestApproved || got.OrganizationID != org || got.DecidedBy != 7 || !got.DecidedAt.Equal(now) {
		t.Errorf("approved request = %+v", got)
	}

	if err := db.RejectListingRequest(ctx, other.ID, "  ", 7); directory.KindOf(err) != directory.Invalid {
		t.Errorf("rejected without a reason: %v", err)
	}
	if err := db.RejectListingRequest(ctx, other.ID, "Not a community group", 7); err != nil {
		t.Fatal(err)
	}
	if err := db.RejectListingRequest(ctx, other.ID, "again", 7); directory.KindOf(err) != directory.Conflict {
		t.Errorf("rejected twice: %v", err)
	}
	if err := db.RejectListingRequest(ctx, 999, "why", 7); directory.KindOf(err) != directory.NotFound {
		t.Errorf("unknown request: %v", err)
	}
	got, _ = db.ListingRequest(ctx, other.ID)
	if got.Status != directory.RequestRejected || got.Reason != "Not a community group" {
		t.Errorf("rejected request = %+v", got)
	}
	if pending, _ := db.ListingRequests(ctx, directory.RequestPending); len(pending) != 0 {
		t.Errorf("still pending: %+v", pending)
	}
	if all, _ := db.ListingRequests(ctx, ""); len(all) != 3 {
		t.Errorf("all requests: %d", len(all))
	}
}

func TestCreateOrganizationAndCounts(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	o := directory.Organization{Name: "Book Club"}
	if err := db.CreateOrganization(ctx, &o); err != nil || o.ID == "" {
		t.Fatalf("create = %+v, %v", o, err)
	}
	if err := db.CreateOrganization(ctx, &directory.Organization{ID: o.ID, Name: "Again"}); directory.KindOf(err) != directory.Conflict {
		t.Errorf("same id twice: %v", err)
	}
	if err := db.CreateOrganization(ctx, &directory.Organization{}); directory.KindOf(err) != directory.Invalid {
		t.Errorf("no name: %v", err)
	}
	mustPut(t, db, staleService("a", "org-x", "X", time.Time{}, "", ""))
	mustPut(t, db, staleService("b", "org-x", "X", time.Time{}, "", ""))
	closed := staleService("c", "org-x", "X", time.Time{}, "", "")
	closed.Status = directory.StatusDefunct
	mustPut(t, db, closed)
	counts, err := db.OrganizationServiceCounts(ctx)
	if err != nil || counts["org-x"] != 2 || counts[o.ID] != 0 {
		t.Errorf("counts = %v, %v", counts, err)
	}
}
