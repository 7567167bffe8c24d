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
