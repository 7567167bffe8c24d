package sqlite_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/linkway/linkway/directory"
)

// TestCreateOrganizationMintsUUID: an organisation made in Linkway gets a
// UUID, as Open Referral expects; one that brings its id keeps it.
func TestCreateOrganizationMintsUUID(t *testing.T) {
	db := mustOpenDB(t)
	ctx := context.Background()
	o := directory.Organization{Name: "Meanwood Walkers"}
	if err := db.CreateOrganization(ctx, &o); err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(o.ID) {
		t.Errorf("new organisation id = %q, want a UUID", o.ID)
	}
	kept := directory.Organization{ID: "org-17", Name: "Imported"}
	if err := db.CreateOrganization(ctx, &kept); err != nil || kept.ID != "org-17" {
		t.Errorf("organisation with an id: %q, %v; want org-17 kept", kept.ID, err)
	}
}
