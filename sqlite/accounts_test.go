package sqlite_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/sqlite"
)

// mustAccount creates a team (when given) and a user, returning the id.
func mustAccount(tb testing.TB, db *sqlite.DB, u casework.User) int64 {
	tb.Helper()
	ctx := context.Background()
	if u.TeamID != "" {
		if err := db.PutTeam(ctx, casework.Team{ID: u.TeamID}); err != nil {
			tb.Fatal(err)
		}
	}
	id, err := db.CreateUser(ctx, u, "hash-of-"+u.Email)
	if err != nil {
		tb.Fatalf("CreateUser(%s): %v", u.Email, err)
	}
	return id
}

func TestCreateUserAndRead(t *testing.T) {
	db := mustOpenDB(t)
	ctx := context.Background()
	id := mustAccount(t, db, casework.User{Email: "Ann@Example.org", Name: "Ann", Role: casework.RoleLinkWorker, TeamID: "leeds-north"})

	u, hash, err := db.UserByEmail(ctx, "ann@EXAMPLE.org")
	if err != nil {
		t.Fatal(err)
	}
	if u.ID != id || u.Email != "Ann@Example.org" || u.Role != casework.RoleLinkWorker || u.TeamID != "leeds-north" || hash != "hash-of-Ann@Example.org" {
		t.Errorf("UserByEmail = %+v, %q", u, hash)
	}
	if u.CreatedAt.IsZero() {
		t.Error("CreatedAt not set")
	}
	byID, err := db.UserByID(ctx, id)
	if err != nil || byID != u {
		t.Errorf("UserByID = %+v, %v; want %+v", byID, err, u)
	}
	if _, err := db.UserByID(ctx, id+1); directory.KindOf(err) != directory.NotFound {
		t.Errorf("UserByID(unknown) error = %v, want NotFound", err)
	}
	if _, _, err := db.UserByEmail(ctx, "nobody@example.org"); directory.KindOf(err) != directory.NotFound {
		t.Errorf("UserByEmail(unknown) error = %v, want NotFound", err)
	}

	if err := db.SetUserDisabled(ctx, id, true); err != nil {
		t.Fatal(err)
	}
	if u, _ := db.UserByID(ctx, id); !u.Disabled {
		t.Error("SetUserDisabled(true) did not disable")
	}
	if err := db.SetPasswordHash(ctx, id, "new-hash"); err != nil {
		t.Fatal(err)
	}
	if _, hash, _ := db.UserByEmail(ctx, "ann@example.org"); hash != "new-hash" {
		t.Errorf("hash after SetPasswordHash = %q", hash)
	}
	if err := db.SetUserDisabled(ctx, 999, true); directory.KindOf(err) != directory.NotFound {
		t.Errorf("SetUserDisabled(unknown) error = %v, want NotFound", err)
	}
	users, err := db.Users(ctx)
	if err != nil || len(users) != 1 {
		t.Errorf("Users = %v, %v", users, err)
	}
}

func TestCreateUserRefusesDuplicateEmailInAnyCase(t *testing.T) {
	db := mustOpenDB(t)
	mustAccount(t, db, casework.User{Email: "admin@example.org", Role: casework.RoleAdmin})
	for _, email := range []string{"admin@example.org", "ADMIN@example.org", " Admin@Example.Org "} {
		_, err := db.CreateUser(context.Background(), casework.User{Email: email, Role: casework.RoleAdmin}, "h")
		if directory.KindOf(err) != directory.Conflict {
			t.Errorf("CreateUser(%q) error = %v, want Conflict", email, err)
		}
	}
}

func TestCreateUserInvalid(t *testing.T) {
	db := mustOpenDB(t)
	ctx := context.Background()
	tests := []struct {
		name string
		u    casework.User
		want string
	}{
		{"no email", casework.User{Role: casework.RoleAdmin}, "not an email address"},
		{"unknown role", casework.User{Email: "a@example.org", Role: "boss"}, "role must be"},
		{"link worker without team", casework.User{Email: "a@example.org", Role: casework.RoleLinkWorker}, "needs a team"},
		{"editor without organisation", casework.User{Email: "a@example.org", Role: casework.RoleEditor}, "needs an organisation"},
		{"unknown team", casework.User{Email: "a@example.org", Role: casework.RoleLinkWorker, TeamID: "nowhere"}, "no such team"},
		{"unknown organisation", casework.User{Email: "a@example.org", Role: casework.RoleEditor, OrganizationID: "nowhere"}, "no such team or organisation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := db.CreateUser(ctx, tt.u, "h")
			if directory.KindOf(err) != directory.Invalid || !strings.Contains(directory.MessageOf(err), tt.want) {
				t.Errorf("CreateUser error = %v, want Invalid with %q", err, tt.want)
			}
		})
	}
}

func TestTeams(t *testing.T) {
	db := mustOpenDB(t)
	ctx := context.Background()
	for _, tm := range []casework.Team{{ID: "leeds-south", Name: "Leeds South PCN"}, {ID: "leeds-north", Name: "Leeds North PCN"}, {ID: "leeds-south", Name: "Leeds South"}} {
		if err := db.PutTeam(ctx, tm); err != nil {
			t.Fatal(err)
		}
	}
	teams, err := db.Teams(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(teams) != 2 || teams[0].Name != "Leeds North PCN" || teams[1].Name != "Leeds South" {
		t.Errorf("Teams = %v, want north then the renamed south", teams)
	}
	if tm, err := db.Team(ctx, "leeds-north"); err != nil || tm.Name != "Leeds North PCN" {
		t.Errorf("Team = %v, %v", tm, err)
	}
	if _, err := db.Team(ctx, "nope"); directory.KindOf(err) != directory.NotFound {
		t.Errorf("Team(unknown) error = %v, want NotFound", err)
	}
}

func TestLoginLockout(t *testing.T) {
	db := mustOpenDB(t)
	ctx := context.Background()
	id := mustAccount(t, db, casework.User{Email: "a@example.org", Role: casework.RoleAdmin})
	t0 := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

	// Four failures, then a success, forget them all.
	for i := range 4 {
		if until, err := db.LoginFailed(ctx, id, t0.Add(time.Duration(i)*time.Minute)); err != nil || !until.IsZero() {
			t.Fatalf("failure %d: LoginFailed = %v, %v; want no lock", i+1, until, err)
		}
	}
	if err := db.LoginSucceeded(ctx, id); err != nil {
		t.Fatal(err)
	}
	if until, _ := db.LoginFailed(ctx, id, t0.Add(5*time.Minute)); !until.IsZero() {
		t.Fatalf("a success did not reset the count: locked until %v", until)
	}

	// Failures spread wider than 15 minutes never lock.
	for i := range 8 {
		if until, _ := db.LoginFailed(ctx, id, t0.Add(time.Duration(20+4*i)*time.Minute)); !until.IsZero() {
			t.Fatalf("failure %d, 4 minutes apart, locked until %v", i+1, until)
		}
	}

	// Five within 15 minutes lock for 15 minutes from the fifth.
	t1 := t0.Add(2 * time.Hour)
	var until time.Time
	for i := range 5 {
		var err error
		if until, err = db.LoginFailed(ctx, id, t1.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if i < 4 && !until.IsZero() {
			t.Fatalf("locked after %d failures", i+1)
		}
	}
	want := t1.Add(4*time.Minute + 15*time.Minute)
	if !until.Equal(want) {
		t.Fatalf("after 5 failures locked until %v, want %v", until, want)
	}
	if got, err := db.LockedUntil(ctx, id); err != nil || !got.Equal(want) {
		t.Errorf("LockedUntil = %v, %v; want %v", got, err, want)
	}
	// The lock has passed 15 minutes later (callers compare with now),
	// and counting starts afresh: one more failure does not lock again.
	after := want.Add(time.Second)
	if got, _ := db.LockedUntil(ctx, id); !got.Before(after) {
		t.Errorf("still locked at %v", after)
	}
	if until, _ := db.LoginFailed(ctx, id, after); !until.IsZero() {
		t.Errorf("one failure after the lock locked again until %v", until)
	}
	// A new password lifts a lock.
	for i := range 5 {
		db.LoginFailed(ctx, id, after.Add(time.Duration(i)*time.Second))
	}
	if err := db.SetPasswordHash(ctx, id, "fresh"); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.LockedUntil(ctx, id); !got.IsZero() {
		t.Errorf("LockedUntil after a new password = %v, want none", got)
	}
	if _, err := db.LoginFailed(ctx, 999, t0); directory.KindOf(err) != directory.NotFound {
		t.Errorf("LoginFailed(unknown) error = %v, want NotFound", err)
	}
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

func TestAuditFilters(t *testing.T) {
	db := mustOpenDB(t)
	ctx := context.Background()
	t0 := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	entries := []casework.AuditEntry{
		{At: t0, UserID: 1, Action: "login", Remote: "192.0.2.1"},
		{At: t0.Add(time.Minute), UserID: 1, Action: "person.read", PersonID: "p1"},
		{At: t0.Add(2 * time.Minute), UserID: 2, Action: "person.read", PersonID: "p1"},
		{At: t0.Add(3 * time.Minute), UserID: 2, Action: "person.update", PersonID: "p2", Detail: "status"},
		// Sub-second stamps still sort in time order.
		{At: t0.Add(3*time.Minute + 500*time.Millisecond), UserID: 0, Action: "login.failed"},
	}
	for _, e := range entries {
		if err := db.AppendAudit(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name  string
		f     sqlite.AuditFilter
		want  []string // actions, newest first
		total int
	}{
		{"all, newest first", sqlite.AuditFilter{}, []string{"login.failed", "person.update", "person.read", "person.read", "login"}, 5},
		{"one user", sqlite.AuditFilter{UserID: 1}, []string{"person.read", "login"}, 2},
		{"one person", sqlite.AuditFilter{PersonID: "p1"}, []string{"person.read", "person.read"}, 2},
		{"from inclusive, to exclusive", sqlite.AuditFilter{From: t0.Add(time.Minute), To: t0.Add(3 * time.Minute)}, []string{"person.read", "person.read"}, 2},
		{"page", sqlite.AuditFilter{Limit: 2, Offset: 1}, []string{"person.update", "person.read"}, 5},
		{"nothing", sqlite.AuditFilter{UserID: 9}, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, total, err := db.Audit(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range list {
				got = append(got, e.Action)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") || total != tt.total {
				t.Errorf("Audit(%+v) = %v (total %d), want %v (total %d)", tt.f, got, total, tt.want, tt.total)
			}
		})
	}
	list, _, _ := db.Audit(ctx, sqlite.AuditFilter{PersonID: "p2"})
	if len(list) != 1 || !list[0].At.Equal(entries[3].At) || list[0].Detail != "status" || list[0].UserID != 2 {
		t.Errorf("entry read back = %+v, want %+v", list, entries[3])
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
