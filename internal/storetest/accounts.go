package storetest

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
)

// AccountsStore is what the accounts suite uses of a store.
type AccountsStore interface {
	PutTeam(ctx context.Context, t casework.Team) error
	Team(ctx context.Context, id string) (casework.Team, error)
	Teams(ctx context.Context) ([]casework.Team, error)
	CreateUser(ctx context.Context, u casework.User, passwordHash string) (int64, error)
	UserByEmail(ctx context.Context, email string) (casework.User, string, error)
	UserByID(ctx context.Context, id int64) (casework.User, error)
	Users(ctx context.Context) ([]casework.User, error)
	SetPasswordHash(ctx context.Context, userID int64, hash string) error
	SetUserPhone(ctx context.Context, userID int64, phone string) error
	SetUserDisabled(ctx context.Context, userID int64, disabled bool) error
	LockedUntil(ctx context.Context, userID int64) (time.Time, error)
	LoginFailed(ctx context.Context, userID int64, now time.Time) (time.Time, error)
	LoginSucceeded(ctx context.Context, userID int64) error
	DeleteExpiredSessions(ctx context.Context) error
}

// mustAccount creates a team (when given) and a user, returning the id.
func mustAccount(tb testing.TB, st AccountsStore, u casework.User) int64 {
	tb.Helper()
	if u.TeamID != "" {
		if err := st.PutTeam(ctx, casework.Team{ID: u.TeamID}); err != nil {
			tb.Fatal(err)
		}
	}
	id, err := st.CreateUser(ctx, u, "hash-of-"+u.Email)
	if err != nil {
		tb.Fatalf("CreateUser(%s): %v", u.Email, err)
	}
	return id
}

// Accounts tests users, teams, passwords and lockouts.
func Accounts[S AccountsStore](t *testing.T, open Opener[S]) {
	t.Run("CreateUserAndRead", func(t *testing.T) { createUserAndRead(t, open(t, time.Now)) })
	t.Run("DuplicateEmailInAnyCase", func(t *testing.T) { duplicateEmail(t, open(t, time.Now)) })
	t.Run("CreateUserInvalid", func(t *testing.T) { createUserInvalid(t, open(t, time.Now)) })
	t.Run("Teams", func(t *testing.T) { teams(t, open(t, time.Now)) })
	t.Run("LoginLockout", func(t *testing.T) { loginLockout(t, open(t, time.Now)) })
	t.Run("ConcurrentFailuresAllCount", func(t *testing.T) { concurrentFailures(t, open(t, time.Now)) })
	t.Run("DeleteExpiredSessions", func(t *testing.T) {
		if err := open(t, time.Now).DeleteExpiredSessions(ctx); err != nil {
			t.Error(err)
		}
	})
}

func createUserAndRead(t *testing.T, st AccountsStore) {
	id := mustAccount(t, st, casework.User{Email: "Ann@Example.org", Name: "Ann", Role: casework.RoleLinkWorker, TeamID: "leeds-north"})
	u, hash, err := st.UserByEmail(ctx, "ann@EXAMPLE.org")
	if err != nil {
		t.Fatal(err)
	}
	if u.ID != id || u.Email != "Ann@Example.org" || u.Name != "Ann" || u.Role != casework.RoleLinkWorker || u.TeamID != "leeds-north" || hash != "hash-of-Ann@Example.org" {
		t.Errorf("UserByEmail = %+v, %q", u, hash)
	}
	if u.CreatedAt.IsZero() {
		t.Error("CreatedAt not set")
	}
	byID, err := st.UserByID(ctx, id)
	if err != nil || byID != u {
		t.Errorf("UserByID = %+v, %v; want %+v", byID, err, u)
	}
	if _, err := st.UserByID(ctx, id+1); directory.KindOf(err) != directory.NotFound {
		t.Errorf("UserByID(unknown) error = %v, want NotFound", err)
	}
	if _, _, err := st.UserByEmail(ctx, "nobody@example.org"); directory.KindOf(err) != directory.NotFound {
		t.Errorf("UserByEmail(unknown) error = %v, want NotFound", err)
	}
	if err := st.SetUserDisabled(ctx, id, true); err != nil {
		t.Fatal(err)
	}
	if u, _ := st.UserByID(ctx, id); !u.Disabled {
		t.Error("SetUserDisabled(true) did not disable")
	}
	if err := st.SetPasswordHash(ctx, id, "new-hash"); err != nil {
		t.Fatal(err)
	}
	if _, hash, _ := st.UserByEmail(ctx, "ann@example.org"); hash != "new-hash" {
		t.Errorf("hash after SetPasswordHash = %q", hash)
	}
	if err := st.SetPasswordHash(ctx, id, ""); directory.KindOf(err) != directory.Invalid {
		t.Errorf("SetPasswordHash(\"\") error = %v, want Invalid", err)
	}
	if err := st.SetUserPhone(ctx, id, " 0113 496 0000 "); err != nil {
		t.Fatal(err)
	}
	if u, _ := st.UserByID(ctx, id); u.Phone != "0113 496 0000" {
		t.Errorf("phone after SetUserPhone = %q", u.Phone)
	}
	if err := st.SetUserPhone(ctx, id, "call me"); directory.KindOf(err) != directory.Invalid {
		t.Errorf("SetUserPhone(not a number) error = %v, want Invalid", err)
	}
	for name, err := range map[string]error{
		"SetUserDisabled": st.SetUserDisabled(ctx, 999, true),
		"SetPasswordHash": st.SetPasswordHash(ctx, 999, "h"),
		"SetUserPhone":    st.SetUserPhone(ctx, 999, ""),
		"LoginSucceeded":  st.LoginSucceeded(ctx, 999),
	} {
		if directory.KindOf(err) != directory.NotFound {
			t.Errorf("%s(unknown) error = %v, want NotFound", name, err)
		}
	}
	mustAccount(t, st, casework.User{Email: "bob@example.org", Role: casework.RoleCommissioner})
	mustAccount(t, st, casework.User{Email: "Abe@example.org", Role: casework.RoleAdmin})
	users, err := st.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var emails []string
	for _, u := range users {
		emails = append(emails, u.Email)
	}
	if got, want := strings.Join(emails, " "), "Abe@example.org Ann@Example.org bob@example.org"; got != want {
		t.Errorf("Users = %s, want by email in any case: %s", got, want)
	}
}

func duplicateEmail(t *testing.T, st AccountsStore) {
	mustAccount(t, st, casework.User{Email: "admin@example.org", Role: casework.RoleAdmin})
	for _, email := range []string{"admin@example.org", "ADMIN@example.org", " Admin@Example.Org "} {
		_, err := st.CreateUser(ctx, casework.User{Email: email, Role: casework.RoleAdmin}, "h")
		if directory.KindOf(err) != directory.Conflict {
			t.Errorf("CreateUser(%q) error = %v, want Conflict", email, err)
		}
	}
}

func createUserInvalid(t *testing.T, st AccountsStore) {
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
			_, err := st.CreateUser(ctx, tt.u, "h")
			if directory.KindOf(err) != directory.Invalid || !strings.Contains(directory.MessageOf(err), tt.want) {
				t.Errorf("CreateUser error = %v, want Invalid with %q", err, tt.want)
			}
		})
	}
	if _, err := st.CreateUser(ctx, casework.User{Email: "a@example.org", Role: casework.RoleAdmin}, ""); directory.KindOf(err) != directory.Invalid {
		t.Errorf("CreateUser(no password) error = %v, want Invalid", err)
	}
}

func teams(t *testing.T, st AccountsStore) {
	for _, tm := range []casework.Team{{ID: "leeds-south", Name: "Leeds South PCN"}, {ID: "leeds-north", Name: "leeds North PCN"}, {ID: "leeds-south", Name: "Leeds South"}} {
		if err := st.PutTeam(ctx, tm); err != nil {
			t.Fatal(err)
		}
	}
	teams, err := st.Teams(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(teams) != 2 || teams[0].Name != "leeds North PCN" || teams[1].Name != "Leeds South" {
		t.Errorf("Teams = %v, want north then the renamed south, by name in any case", teams)
	}
	if tm, err := st.Team(ctx, "leeds-north"); err != nil || tm.Name != "leeds North PCN" {
		t.Errorf("Team = %v, %v", tm, err)
	}
	if _, err := st.Team(ctx, "nope"); directory.KindOf(err) != directory.NotFound {
		t.Errorf("Team(unknown) error = %v, want NotFound", err)
	}
	if err := st.PutTeam(ctx, casework.Team{ID: " "}); directory.KindOf(err) != directory.Invalid {
		t.Errorf("PutTeam(no id) error = %v, want Invalid", err)
	}
}

func loginLockout(t *testing.T, st AccountsStore) {
	id := mustAccount(t, st, casework.User{Email: "a@example.org", Role: casework.RoleAdmin})
	t0 := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

	// Four failures, then a success, forget them all.
	for i := range 4 {
		if until, err := st.LoginFailed(ctx, id, t0.Add(time.Duration(i)*time.Minute)); err != nil || !until.IsZero() {
			t.Fatalf("failure %d: LoginFailed = %v, %v; want no lock", i+1, until, err)
		}
	}
	if err := st.LoginSucceeded(ctx, id); err != nil {
		t.Fatal(err)
	}
	if until, _ := st.LoginFailed(ctx, id, t0.Add(5*time.Minute)); !until.IsZero() {
		t.Fatalf("a success did not reset the count: locked until %v", until)
	}
	// Failures spread wider than 15 minutes never lock.
	for i := range 8 {
		if until, _ := st.LoginFailed(ctx, id, t0.Add(time.Duration(20+4*i)*time.Minute)); !until.IsZero() {
			t.Fatalf("failure %d, 4 minutes apart, locked until %v", i+1, until)
		}
	}
	// Five within 15 minutes lock for 15 minutes from the fifth.
	t1 := t0.Add(2 * time.Hour)
	var until time.Time
	for i := range 5 {
		var err error
		if until, err = st.LoginFailed(ctx, id, t1.Add(time.Duration(i)*time.Minute)); err != nil {
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
	if got, err := st.LockedUntil(ctx, id); err != nil || !got.Equal(want) {
		t.Errorf("LockedUntil = %v, %v; want %v", got, err, want)
	}
	// Counting starts afresh after a lock: one more failure does not
	// lock again, nor move the lock.
	after := want.Add(time.Second)
	if until, _ := st.LoginFailed(ctx, id, after); !until.IsZero() {
		t.Errorf("one failure after the lock locked again until %v", until)
	}
	if got, _ := st.LockedUntil(ctx, id); !got.Equal(want) {
		t.Errorf("a failure that does not lock moved the lock to %v", got)
	}
	// A new password lifts a lock.
	for i := range 5 {
		st.LoginFailed(ctx, id, after.Add(time.Duration(i)*time.Second))
	}
	if err := st.SetPasswordHash(ctx, id, "fresh"); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.LockedUntil(ctx, id); !got.IsZero() {
		t.Errorf("LockedUntil after a new password = %v, want none", got)
	}
	if _, err := st.LoginFailed(ctx, 999, t0); directory.KindOf(err) != directory.NotFound {
		t.Errorf("LoginFailed(unknown) error = %v, want NotFound", err)
	}
	if _, err := st.LockedUntil(ctx, 999); directory.KindOf(err) != directory.NotFound {
		t.Errorf("LockedUntil(unknown) error = %v, want NotFound", err)
	}
}

// concurrentFailures fails logins at once, as several instances (or
// requests) would: every failure counts, so the fifth locks.
func concurrentFailures(t *testing.T, st AccountsStore) {
	id := mustAccount(t, st, casework.User{Email: "a@example.org", Role: casework.RoleAdmin})
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		locks int
	)
	for range casework.MaxFailedLogins {
		wg.Go(func() {
			until, err := st.LoginFailed(ctx, id, now)
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			defer mu.Unlock()
			if !until.IsZero() {
				locks++
			}
		})
	}
	wg.Wait()
	if got, _ := st.LockedUntil(ctx, id); locks != 1 || !got.Equal(now.Add(casework.LockFor)) {
		t.Errorf("%d failures at once: %d locked, LockedUntil %v; want one lock until %v", casework.MaxFailedLogins, locks, got, now.Add(casework.LockFor))
	}
}
