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

// refuseAudit makes the database refuse every new audit entry, as a full
// disk or a broken audit table would, until the test ends or the
// returned func is called.
func refuseAudit(t *testing.T, db *sqlite.DB) (allow func()) {
	t.Helper()
	w, _ := db.Pools()
	if _, err := w.Exec(`CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit refused'); END`); err != nil {
		t.Fatal(err)
	}
	allow = func() {
		if _, err := w.Exec(`DROP TRIGGER IF EXISTS refuse_audit`); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(allow)
	return allow
}

// TestChangeAndAuditCommitTogether writes each kind of change to a
// person's record with its audit entry in one Atomically while the audit
// log refuses entries, and checks that the change was not kept.
func TestChangeAndAuditCommitTogether(t *testing.T) {
	ctx := context.Background()
	db := mustCaseworkDB(t)
	p := mustPerson(t, db, "north", "Ada")
	old := mustPerson(t, db, "north", "Old")
	old.Status, old.DischargeReason, old.DischargedAt = casework.StatusDischarged, "moved away", date("2010-01-01")
	if err := db.InTx(ctx, func(tx *sqlite.Tx) error { return tx.UpdatePerson(ctx, old) }); err != nil {
		t.Fatal(err)
	}
	ref := mustReferral(t, db, p, "walk", casework.ModeReferral, date("2026-03-02"))
	token, err := db.CreateToken(ctx, casework.AnswerPurpose, ref.ID, time.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	audit := casework.AuditEntry{Action: "test.change", PersonID: p.ID}

	tests := []struct {
		name   string
		change func(tx casework.Tx) error
		kept   func() bool // whether the change is in the database
	}{
		{"create person", func(tx casework.Tx) error {
			return tx.CreatePerson(ctx, &casework.Person{TeamID: "north", Name: "Newcomer", Status: casework.StatusNew})
		}, func() bool {
			list, _ := db.People(ctx, casework.PeopleFilter{TeamID: "north"})
			return slicesContainsName(list, "Newcomer")
		}},
		{"update person", func(tx casework.Tx) error {
			changed := *p
			changed.Name = "Ada Changed"
			return tx.UpdatePerson(ctx, &changed)
		}, func() bool {
			got, _ := db.Person(ctx, p.ID)
			return got.Name == "Ada Changed"
		}},
		{"record contact", func(tx casework.Tx) error {
			return tx.RecordContact(ctx, &casework.Contact{PersonID: p.ID, Date: date("2026-02-01"), Kind: casework.ContactPhone}, nil, nil)
		}, func() bool {
			cs, _ := db.Contacts(ctx, p.ID)
			return len(cs) > 0
		}},
		{"add outcome", func(tx casework.Tx) error {
			return tx.AddOutcome(ctx, &casework.ONS4{PersonID: p.ID, Date: date("2026-02-01"), Stage: casework.StageStart})
		}, func() bool {
			os, _ := db.Outcomes(ctx, p.ID)
			return len(os) > 0
		}},
		{"create referral", func(tx casework.Tx) error {
			r, _ := casework.NewReferral(casework.Referral{PersonID: p.ID, TeamID: "north", ServiceID: "choir", Mode: casework.ModeSignpost}, 1, "", date("2026-03-03"))
			return tx.CreateReferral(ctx, r)
		}, func() bool {
			list, _ := db.Referrals(ctx, casework.ReferralFilter{PersonID: p.ID})
			return len(list) > 1
		}},
		{"move referral and spend its link", func(tx casework.Tx) error {
			moved := *ref
			if err := moved.Move(casework.RefAccepted, casework.ActorOrganisation, 0, "", date("2026-03-04")); err != nil {
				return err
			}
			if _, err := tx.UseToken(ctx, casework.AnswerPurpose, token); err != nil {
				return err
			}
			return tx.SaveReferralMove(ctx, &moved)
		}, func() bool {
			got, _ := db.Referral(ctx, ref.ID)
			_, err := db.PeekToken(ctx, casework.AnswerPurpose, token)
			return got.Status != casework.RefReferred || err != nil
		}},
		{"purge", func(tx casework.Tx) error {
			_, err := tx.PurgeDischarged(ctx, date("2020-01-01"))
			return err
		}, func() bool {
			_, err := db.Person(ctx, old.ID)
			return directory.KindOf(err) == directory.NotFound
		}},
	}
	allow := refuseAudit(t, db)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := db.Atomically(ctx, func(tx casework.Tx) error {
				if err := tt.change(tx); err != nil {
					t.Fatalf("the change itself failed: %v", err)
				}
				return tx.AppendAudit(ctx, audit)
			})
			if err == nil || !strings.Contains(err.Error(), "audit refused") {
				t.Fatalf("Atomically() = %v, want the audit's refusal", err)
			}
			if tt.kept() {
				t.Error("the change was kept without its audit entry")
			}
		})
	}
	// The same changes with the audit working are kept, with their entries.
	allow()
	for _, tt := range tests {
		err := db.Atomically(ctx, func(tx casework.Tx) error {
			if err := tt.change(tx); err != nil {
				return err
			}
			return tx.AppendAudit(ctx, audit)
		})
		if err != nil || !tt.kept() {
			t.Errorf("%s with the audit working: %v, kept %t", tt.name, err, tt.kept())
		}
	}
	if entries, _, _ := db.Audit(ctx, casework.AuditFilter{PersonID: p.ID}); len(entries) != len(tests) {
		t.Errorf("%d audit entries, want %d", len(entries), len(tests))
	}
}

func slicesContainsName(list []casework.PersonSummary, name string) bool {
	for _, p := range list {
		if p.Name == name {
			return true
		}
	}
	return false
}
