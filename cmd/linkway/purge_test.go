package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/sqlite"
)

func TestPurgeDischargedIsAudited(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "linkway.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	if err := db.PutTeam(ctx, casework.Team{ID: "north", Name: "North"}); err != nil {
		t.Fatal(err)
	}
	add := func(name string, discharged time.Time) string {
		p := &casework.Person{TeamID: "north", Name: name, DateOfBirth: time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC), Consent: casework.Consent{Hold: true}, Status: casework.StatusActive}
		if !discharged.IsZero() {
			p.Status, p.DischargeReason, p.DischargedAt = casework.StatusDischarged, "goals met", discharged
		}
		if err := db.CreatePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
		return p.ID
	}
	old := add("Old", now.AddDate(-9, 0, 0))
	kept := add("Recent", now.AddDate(0, -6, 0))
	active := add("Active", time.Time{})

	if err := purgeDischarged(ctx, db, 8*365); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Person(ctx, old); err == nil {
		t.Error("a record discharged 9 years ago survived an 8-year retention")
	}
	for _, id := range []string{kept, active} {
		if _, err := db.Person(ctx, id); err != nil {
			t.Errorf("record %s purged too soon: %v", id, err)
		}
	}
	entries, _, err := db.Audit(ctx, casework.AuditFilter{PersonID: old})
	if err != nil || len(entries) != 1 || entries[0].Action != "person.purge" {
		t.Errorf("purge audit: %+v %v", entries, err)
	}
	// Retention 0 keeps everything.
	if err := purgeDischarged(ctx, db, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Person(ctx, kept); err != nil {
		t.Error("retention 0 purged a record")
	}
}
