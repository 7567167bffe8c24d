package sqlite_test

import (
	"context"
	"testing"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
)

// TestCommissionerAccount: the rebuilt users table (migration 0015)
// takes the commissioner role, and the store refuses a commissioner with
// a team or an organisation, who would then reach more than reports.
func TestCommissionerAccount(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	id := mustAccount(t, db, casework.User{Email: "cc@example.org", Name: "Cora", Role: casework.RoleCommissioner})
	u, err := db.UserByID(ctx, id)
	if err != nil || u.Role != casework.RoleCommissioner || u.Email != "cc@example.org" {
		t.Fatalf("UserByID = %+v, %v", u, err)
	}
	if err := db.PutTeam(ctx, casework.Team{ID: "north"}); err != nil {
		t.Fatal(err)
	}
	for _, u := range []casework.User{
		{Email: "team@example.org", Role: casework.RoleCommissioner, TeamID: "north"},
		{Email: "org@example.org", Role: casework.RoleCommissioner, OrganizationID: "org-1"},
	} {
		if _, err := db.CreateUser(ctx, u, "hash"); directory.KindOf(err) != directory.Invalid {
			t.Errorf("CreateUser(%+v) = %v, want Invalid", u, err)
		}
	}
	// Email addresses stay unique without regard to case after the
	// rebuild.
	if _, err := db.CreateUser(ctx, casework.User{Email: "CC@example.org", Role: casework.RoleAdmin}, "hash"); directory.KindOf(err) != directory.Conflict {
		t.Errorf("a second CC@example.org = %v, want Conflict", err)
	}
}
