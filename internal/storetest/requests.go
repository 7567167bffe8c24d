package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
)

// RequestStore is what the listing-request suite uses.
type RequestStore interface {
	CreateListingRequest(ctx context.Context, r *directory.ListingRequest) error
	ListingRequests(ctx context.Context, status directory.RequestStatus) ([]directory.ListingRequest, error)
	ListingRequest(ctx context.Context, id int64) (*directory.ListingRequest, error)
	ApproveListingRequest(ctx context.Context, id int64, orgID string, by int64) (string, error)
	RejectListingRequest(ctx context.Context, id int64, reason string, by int64) error
	CreateOrganization(ctx context.Context, o *directory.Organization) error
}

// Requests tests community groups' listing requests and their answers.
func Requests(t *testing.T, open Reopener[RequestStore]) {
	t.Run("Lifecycle", func(t *testing.T) { requestLifecycle(t, open(t)()) })
	t.Run("CreateOrganization", func(t *testing.T) { createOrganization(t, open(t)()) })
}

func requestLifecycle(t *testing.T, db RequestStore) {
	ctx := context.Background()
	if err := db.CreateOrganization(ctx, &directory.Organization{ID: "org-walk", Name: "Walkers"}); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateListingRequest(ctx, &directory.ListingRequest{Kind: directory.RequestNew, ContactName: "Sam"}); directory.KindOf(err) != directory.Invalid {
		t.Fatalf("a new group with no name or email: %v, want invalid", err)
	}
	claim := &directory.ListingRequest{Kind: directory.RequestClaim, ServiceID: "walk", ContactName: "Sam", Email: " sam@example.org "}
	fresh := &directory.ListingRequest{Kind: directory.RequestNew, GroupName: " Knit and Natter ", Description: "Knitting in the library",
		ContactName: "Jo", Email: "jo@example.org", Postcode: "LS6 1AA"}
	other := &directory.ListingRequest{Kind: directory.RequestNew, GroupName: "Spam", Description: "x", ContactName: "X", Email: "x@example.org"}
	from := time.Now()
	for _, r := range []*directory.ListingRequest{claim, fresh, other} {
		if err := db.CreateListingRequest(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	to := time.Now()
	pending, err := db.ListingRequests(ctx, directory.RequestPending)
	if err != nil || len(pending) != 3 || pending[0].ID != claim.ID || pending[2].ID != other.ID {
		t.Fatalf("pending = %+v, %v; want the three, oldest first", pending, err)
	}
	if p := pending[0]; p.Email != "sam@example.org" || p.Kind != directory.RequestClaim || p.ServiceID != "walk" ||
		p.Status != directory.RequestPending || !between(p.CreatedAt, from, to) || !p.DecidedAt.IsZero() {
		t.Errorf("claim as stored = %+v", p)
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
	if _, err := db.ApproveListingRequest(ctx, 999, "org-walk", 7); directory.KindOf(err) != directory.NotFound {
		t.Errorf("approve an unknown request: %v", err)
	}

	from = time.Now()
	org, err = db.ApproveListingRequest(ctx, fresh.ID, "", 7)
	to = time.Now()
	if err != nil || org == "" {
		t.Fatalf("approve new group = %q, %v", org, err)
	}
	// The organisation was created with the request's id for it.
	if err := db.CreateOrganization(ctx, &directory.Organization{ID: org, Name: "Again"}); directory.KindOf(err) != directory.Conflict {
		t.Errorf("the new group's organisation %q was not created: %v", org, err)
	}
	got, err := db.ListingRequest(ctx, fresh.ID)
	if err != nil || got.Status != directory.RequestApproved || got.OrganizationID != org || got.DecidedBy != 7 || !between(got.DecidedAt, from, to) {
		t.Errorf("approved request = %+v, %v", got, err)
	}

	if err := db.RejectListingRequest(ctx, other.ID, "  ", 7); directory.KindOf(err) != directory.Invalid {
		t.Errorf("rejected without a reason: %v", err)
	}
	if err := db.RejectListingRequest(ctx, other.ID, " Not a community group ", 8); err != nil {
		t.Fatal(err)
	}
	if err := db.RejectListingRequest(ctx, other.ID, "again", 7); directory.KindOf(err) != directory.Conflict {
		t.Errorf("rejected twice: %v", err)
	}
	if err := db.RejectListingRequest(ctx, 999, "why", 7); directory.KindOf(err) != directory.NotFound {
		t.Errorf("unknown request: %v", err)
	}
	if _, err := db.ApproveListingRequest(ctx, other.ID, "org-walk", 7); directory.KindOf(err) != directory.Conflict {
		t.Errorf("approved after it was rejected: %v", err)
	}
	got, err = db.ListingRequest(ctx, other.ID)
	if err != nil || got.Status != directory.RequestRejected || got.Reason != "Not a community group" || got.DecidedBy != 8 || got.OrganizationID != "" {
		t.Errorf("rejected request = %+v, %v", got, err)
	}
	if _, err := db.ListingRequest(ctx, 999); directory.KindOf(err) != directory.NotFound {
		t.Errorf("ListingRequest(999): %v, want NotFound", err)
	}
	if pending, _ := db.ListingRequests(ctx, directory.RequestPending); len(pending) != 0 {
		t.Errorf("still pending: %+v", pending)
	}
	if rejected, _ := db.ListingRequests(ctx, directory.RequestRejected); len(rejected) != 1 || rejected[0].ID != other.ID {
		t.Errorf("rejected: %+v", rejected)
	}
	if all, _ := db.ListingRequests(ctx, ""); len(all) != 3 {
		t.Errorf("all requests: %d", len(all))
	}
}

func createOrganization(t *testing.T, db RequestStore) {
	ctx := context.Background()
	o := directory.Organization{Name: "Book Club"}
	if err := db.CreateOrganization(ctx, &o); err != nil || o.ID == "" {
		t.Fatalf("create = %+v, %v", o, err)
	}
	if err := db.CreateOrganization(ctx, &directory.Organization{ID: o.ID, Name: "Again"}); directory.KindOf(err) != directory.Conflict {
		t.Errorf("same id twice: %v", err)
	}
	if err := db.CreateOrganization(ctx, &directory.Organization{Name: " "}); directory.KindOf(err) != directory.Invalid {
		t.Errorf("no name: %v", err)
	}
}
