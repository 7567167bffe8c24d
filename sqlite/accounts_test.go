package sqlite_test

import (
	"context"
	"strings"
	"testing"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/storetest"
	"github.com/linkway/linkway/sqlite"
)

// mustAccount creates a team (when given) and a user, returning the id.
func mustAccount(tb testing.TB, db *sqlite.DB, u casework.User) int64 {
	tb.Helper()
	return storetest.MustAccount(tb, db, u)
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	db := mustOpenDB(t)
	ctx := context.Background()
	if err := db.AppendAudit(ctx, casework.AuditEntry{UserID: 1, Action: "person.read", PersonID: "p1"}); err != nil {
		t.Fatal(err)
	}
	w, _ := db.Pools()
	for _, stmt := range []string{
		`UPDATE audit_log SET action = 'nothing'`,
		`UPDATE audit_log SET person_id = '' WHERE id = 1`,
		`DELETE FROM audit_log`,
		`DELETE FROM audit_log WHERE id = 1`,
	} {
		if _, err := w.ExecContext(ctx, stmt); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: error = %v, want the trigger's refusal", stmt, err)
		}
	}
	list, total, err := db.Audit(ctx, sqlite.AuditFilter{})
	if err != nil || total != 1 || list[0].Action != "person.read" || list[0].PersonID != "p1" {
		t.Errorf("after refused changes Audit = %+v, %d, %v", list, total, err)
	}
	if err := db.AppendAudit(ctx, casework.AuditEntry{}); directory.KindOf(err) != directory.Invalid {
		t.Errorf("AppendAudit(no action) error = %v, want Invalid", err)
	}
}

func TestOrganizationLookup(t *testing.T) {
	db := mustOpenDB(t)
	ctx := context.Background()
	mustPut(t, db, &directory.Service{ID: "s1", Name: "Walk", Status: directory.StatusActive,
		Organization: &directory.Organization{ID: "org-1", Name: "Walkers"}})
	o, err := db.Organization(ctx, "org-1")
	if err != nil || o.Name != "Walkers" {
		t.Errorf("Organization = %+v, %v", o, err)
	}
	if _, err := db.Organization(ctx, "nope"); directory.KindOf(err) != directory.NotFound {
		t.Errorf("Organization(unknown) error = %v, want NotFound", err)
	}
	id, err := db.CreateUser(ctx, casework.User{Email: "ed@example.org", Role: casework.RoleEditor, OrganizationID: "org-1"}, "h")
	if err != nil {
		t.Fatal(err)
	}
	if u, _ := db.UserByID(ctx, id); u.OrganizationID != "org-1" {
		t.Errorf("editor organisation = %q", u.OrganizationID)
	}
}
