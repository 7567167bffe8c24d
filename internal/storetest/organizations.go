package storetest

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/linkway/linkway/directory"
)

// Organisations found by name, a page at a time, as the admin pages ask.

// mustPutOrganizations stores organisations called names, with ids
// org-001, org-002… in the order given.
func mustPutOrganizations(tb testing.TB, db ListingStore, names ...string) {
	tb.Helper()
	err := db.inTx(context.Background(), func(tx ListingTx) error {
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

func findOrganizations(t *testing.T, db ListingStore) {
	ctx := context.Background()
	var names []string
	for i := range 120 {
		names = append(names, fmt.Sprintf("Group %03d", 120-i)) // stored out of name order
	}
	names = append(names, "Age UK Leeds", "age concern", "Leeds 100% Club", "Walk_ers")
	mustPutOrganizations(t, db, names...)

	page, total, err := db.FindOrganizations(ctx, directory.OrganizationFilter{Limit: 25, Offset: 25})
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
	last, _, err := db.FindOrganizations(ctx, directory.OrganizationFilter{Limit: 25, Offset: 100})
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
		got, n, err := db.FindOrganizations(ctx, directory.OrganizationFilter{Name: tt.name, Limit: 25})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(orgNames(got), tt.want) || n != len(tt.want) {
			t.Errorf("FindOrganizations(%q) = %q (%d in all), want %q", tt.name, orgNames(got), n, tt.want)
		}
	}
}

func organizationsNamed(t *testing.T, db ListingStore) {
	ctx := context.Background()
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
