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
	if err := db.InTx(context.Background(), func(tx *sqlite.Tx) error { return tx.CreateReferral(context.Background(), r) }); err != nil {
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
	if err := db.InTx(ctx, func(tx *sqlite.Tx) error { return tx.SaveReferralMove(ctx, answered) }); err != nil {
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

func TestInboxReferrals(t *testing.T) {
	ctx := context.Background()
	db := mustCaseworkDB(t)
	worker := mustAccount(t, db, casework.User{Email: "worker@example.org", Name: "North Worker", Role: casework.RoleLinkWorker, TeamID: "north"})
	at := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	ada := &casework.Person{TeamID: "north", LinkWorker: worker, Name: "Ada", DateOfBirth: date("1950-03-04"), NHSNumber: "9434765919",
		Phone: "0113 496 0123", Email: "ada@example.net", Address: "1 Engine Street", PreferredContact: "phone", Language: "Punjabi",
		Interpreter: true, AccessNeeds: []string{"wheelchair"}, Status: casework.StatusActive,
		Consent:     casework.Consent{Hold: true, Share: true},
		WhatMatters: casework.WhatMatters{Priorities: "lonely", Notes: "private note"}}
	if err := db.InTx(ctx, func(tx *sqlite.Tx) error { return tx.CreatePerson(ctx, ada) }); err != nil {
		t.Fatal(err)
	}
	bob := mustPerson(t, db, "north", "Bob") // no link worker, no consent to share
	first := mustReferral(t, db, ada, "walk", casework.ModeReferral, at)
	if err := first.Move(casework.RefAccepted, casework.ActorOrganisation, 0, "", at.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := db.InTx(ctx, func(tx *sqlite.Tx) error { return tx.SaveReferralMove(ctx, first) }); err != nil {
		t.Fatal(err)
	}
	second := mustReferral(t, db, bob, "walk", casework.ModeReferral, at.Add(24*time.Hour))
	mustReferral(t, db, ada, "walk", casework.ModeSignpost, at)

	rows, err := db.InboxReferrals(ctx, "org-1")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Referral.ID != second.ID || rows[1].Referral.ID != first.ID {
		t.Fatalf("inbox = %d rows, want the two referrals (not the signpost), newest first", len(rows))
	}
	got := rows[1]
	if len(got.Referral.History) != 2 || got.Referral.History[1].To != casework.RefAccepted || got.Referral.CreatedAt.IsZero() {
		t.Errorf("referral read without its history: %+v", got.Referral)
	}
	p := got.Person
	if p.ID != ada.ID || p.Name != "Ada" || p.Phone != "0113 496 0123" || p.Email != "ada@example.net" || p.PreferredContact != "phone" ||
		p.Language != "Punjabi" || !p.Interpreter || len(p.AccessNeeds) != 1 || p.AccessNeeds[0] != "wheelchair" ||
		p.WhatMatters.Priorities != "lonely" || !p.Consent.Share {
		t.Errorf("shared fields read as %+v", p)
	}
	if !p.DateOfBirth.IsZero() || p.NHSNumber != "" || p.Address != "" || p.WhatMatters.Notes != "" || p.Practice != "" {
		t.Errorf("the inbox read more of the record than an organisation may see: %+v", p)
	}
	if got.LinkWorker == nil || got.LinkWorker.ID != worker || got.LinkWorker.Email != "worker@example.org" {
		t.Errorf("link worker %+v, want the person's", got.LinkWorker)
	}
	// Bob has no link worker: whoever made the referral stands in.
	if rows[0].Person.Consent.Share || rows[0].LinkWorker == nil || rows[0].LinkWorker.ID != second.CreatedBy {
		t.Errorf("Bob's row: %+v, link worker %+v", rows[0].Person, rows[0].LinkWorker)
	}
	if rows, err := db.InboxReferrals(ctx, "org-2"); err != nil || len(rows) != 0 {
		t.Errorf("another organisation's inbox: %d rows, %v", len(rows), err)
	}
}

// BenchmarkInbox compares reading an organisation's inbox of 200
// referrals as the page and the API do now (one query; for the API, one
// audit write for all the people shown) with what they did before: the
// referrals, then each person's whole record (the page), and their link
// worker and an audit write each (the API).
func BenchmarkInbox(b *testing.B) {
	ctx := context.Background()
	db := mustOpenDB(b)
	if err := db.PutTeam(ctx, casework.Team{ID: "north", Name: "North"}); err != nil {
		b.Fatal(err)
	}
	mustPut(b, db, &directory.Service{ID: "walk", Name: "Walk", Status: directory.StatusActive, Organization: &directory.Organization{ID: "org-1", Name: "Walkers"}})
	worker := mustAccount(b, db, casework.User{Email: "worker@example.org", Name: "Worker", Role: casework.RoleLinkWorker, TeamID: "north"})
	at := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	err := db.InTx(ctx, func(tx *sqlite.Tx) error {
		for i := range 200 {
			p := &casework.Person{TeamID: "north", LinkWorker: worker, Name: "Person", DateOfBirth: date("1950-03-04"), Status: casework.StatusActive,
				Consent: casework.Consent{Hold: true, Share: i%2 == 0}, WhatMatters: casework.WhatMatters{Priorities: "company", Notes: strings.Repeat("notes ", 200)}}
			if err := tx.CreatePerson(ctx, p); err != nil {
				return err
			}
			r, err := casework.NewReferral(casework.Referral{PersonID: p.ID, TeamID: "north", ServiceID: "walk", ServiceName: "Walk", OrganizationID: "org-1", Mode: casework.ModeReferral}, worker, "", at)
			if err != nil {
				return err
			}
			if err := tx.CreateReferral(ctx, r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("page", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if rows, err := db.InboxReferrals(ctx, "org-1"); err != nil || len(rows) != 200 {
				b.Fatal(len(rows), err)
			}
		}
	})
	b.Run("page before", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			refs, err := db.Referrals(ctx, casework.ReferralFilter{OrganizationID: "org-1"})
			if err != nil || len(refs) != 200 {
				b.Fatal(len(refs), err)
			}
			for _, r := range refs {
				if _, err := db.Person(ctx, r.PersonID); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("api", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			rows, err := db.InboxReferrals(ctx, "org-1")
			if err != nil || len(rows) != 200 {
				b.Fatal(len(rows), err)
			}
			reads := make([]casework.AuditEntry, 0, len(rows))
			for _, row := range rows {
				reads = append(reads, casework.AuditEntry{UserID: 2, Action: "inbox.read", PersonID: row.Person.ID, Detail: "api " + row.Referral.ID})
			}
			if err := db.AppendAudits(ctx, reads); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("api before", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			refs, err := db.Referrals(ctx, casework.ReferralFilter{OrganizationID: "org-1"})
			if err != nil || len(refs) != 200 {
				b.Fatal(len(refs), err)
			}
			for _, r := range refs {
				p, err := db.Person(ctx, r.PersonID)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := db.UserByID(ctx, p.LinkWorker); err != nil {
					b.Fatal(err)
				}
				if err := db.AppendAudit(ctx, casework.AuditEntry{UserID: 2, Action: "inbox.read", PersonID: p.ID, Detail: "api " + r.ID}); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
