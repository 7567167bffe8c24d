package sqlite_test

import (
	"context"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/sqlite"
)

func TestOrganizationEditors(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	for _, org := range []string{"org-1", "org-2"} {
		mustPut(t, db, &directory.Service{ID: "s-" + org, Name: "Walk", Status: directory.StatusActive,
			Organization: &directory.Organization{ID: org, Name: org}})
	}
	mustAccount(t, db, casework.User{Email: "b@example.org", Role: casework.RoleEditor, OrganizationID: "org-1"})
	mustAccount(t, db, casework.User{Email: "a@example.org", Role: casework.RoleEditor, OrganizationID: "org-1"})
	gone := mustAccount(t, db, casework.User{Email: "gone@example.org", Role: casework.RoleEditor, OrganizationID: "org-1"})
	mustAccount(t, db, casework.User{Email: "other@example.org", Role: casework.RoleEditor, OrganizationID: "org-2"})
	mustAccount(t, db, casework.User{Email: "worker@example.org", Role: casework.RoleLinkWorker, TeamID: "north"})
	if err := db.SetUserDisabled(ctx, gone, true); err != nil {
		t.Fatal(err)
	}
	eds, err := db.OrganizationEditors(ctx, "org-1")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range eds {
		got = append(got, u.Email)
	}
	if len(got) != 2 || got[0] != "a@example.org" || got[1] != "b@example.org" {
		t.Errorf("editors of org-1 = %v, want a and b (not disabled, not another organisation's)", got)
	}
	if eds, err := db.OrganizationEditors(ctx, "no-such-org"); err != nil || len(eds) != 0 {
		t.Errorf("editors of an unknown organisation = %v, %v", eds, err)
	}
}

// mustReferral stores a referral of p to service, made at at.
func mustReferral(t *testing.T, db *sqlite.DB, p *casework.Person, service string, mode casework.Mode, at time.Time) *casework.Referral {
	t.Helper()
	r, err := casework.NewReferral(casework.Referral{PersonID: p.ID, TeamID: p.TeamID, ServiceID: service, ServiceName: service, OrganizationID: "org-1", Mode: mode}, 1, "", at)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreateReferral(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestUnansweredReferralsAndReferralsToServices(t *testing.T) {
	ctx := context.Background()
	db := mustCaseworkDB(t)
	at := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	north, south := mustPerson(t, db, "north", "Ada"), mustPerson(t, db, "south", "Sam")
	waiting := mustReferral(t, db, north, "walk", casework.ModeReferral, at)
	otherTeam := mustReferral(t, db, south, "walk", casework.ModeReferral, at.Add(time.Hour))
	mustReferral(t, db, north, "walk", casework.ModeSignpost, at)
	answered := mustReferral(t, db, north, "choir", casework.ModeReferral, at)
	if err := answered.Move(casework.RefAccepted, casework.ActorOrganisation, 0, "", at.Add(24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveReferralMove(ctx, answered); err != nil {
		t.Fatal(err)
	}

	open, err := db.UnansweredReferrals(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(open) != 2 || open[0].ID != otherTeam.ID || open[1].ID != waiting.ID {
		t.Errorf("unanswered = %v, want both teams' open referrals (no signposts, nothing answered), newest first", referralIDs(open))
	}

	to, err := db.ReferralsToServices(ctx, []string{"walk", "choir"})
	if err != nil {
		t.Fatal(err)
	}
	if len(to) != 3 {
		t.Errorf("referrals to walk and choir = %v, want 3 (signposts left out)", referralIDs(to))
	}
	for _, r := range to {
		if r.ID == answered.ID && (len(r.History) != 2 || r.History[1].To != casework.RefAccepted) {
			t.Errorf("history not read: %+v", r.History)
		}
	}
	if to, err := db.ReferralsToServices(ctx, nil); err != nil || len(to) != 0 {
		t.Errorf("no services: %v, %v", to, err)
	}
}

func referralIDs(list []*casework.Referral) []string {
	var out []string
	for _, r := range list {
		out = append(out, r.ID)
	}
	return out
}
