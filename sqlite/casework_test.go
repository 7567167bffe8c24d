package sqlite_test

import (
	"context"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/sqlite"
)

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// mustCaseworkDB opens a store with two teams.
func mustCaseworkDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db := mustOpenDB(tb)
	for _, team := range []casework.Team{{ID: "north", Name: "North"}, {ID: "south", Name: "South"}} {
		if err := db.PutTeam(context.Background(), team); err != nil {
			tb.Fatal(err)
		}
	}
	return db
}

func mustPerson(t *testing.T, db *sqlite.DB, team, name string) *casework.Person {
	t.Helper()
	p := &casework.Person{TeamID: team, Name: name, DateOfBirth: date("1950-03-04"), NHSNumber: "9434765919", Practice: "Oak Surgery",
		Status: casework.StatusNew, Consent: casework.Consent{Hold: true}, WhatMatters: casework.WhatMatters{Priorities: "lonely"}}
	if err := db.InTx(context.Background(), func(tx *sqlite.Tx) error { return tx.CreatePerson(context.Background(), p) }); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPersonRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := mustCaseworkDB(t)
	p := mustPerson(t, db, "north", "Ada")
	if len(p.ID) < 20 {
		t.Errorf("id %q is short enough to guess", p.ID)
	}
	got, err := db.Person(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Ada" || !got.DateOfBirth.Equal(p.DateOfBirth) || got.WhatMatters.Priorities != "lonely" || !got.Consent.Hold {
		t.Errorf("read back %+v", got)
	}
	got.Status, got.DischargeReason, got.DischargedAt = casework.StatusDischarged, "goals met", date("2026-01-10")
	if err := db.InTx(ctx, func(tx *sqlite.Tx) error { return tx.UpdatePerson(ctx, got) }); err != nil {
		t.Fatal(err)
	}
	if again, _ := db.Person(ctx, p.ID); again.Status != casework.StatusDischarged || again.DischargeReason != "goals met" {
		t.Errorf("update lost: %+v", again)
	}
	if _, err := db.Person(ctx, "nobody"); directory.KindOf(err) != directory.NotFound {
		t.Errorf("missing person: %v", err)
	}
	bad := &casework.Person{TeamID: "no-such-team", Name: "X", Status: casework.StatusNew}
	if err := db.InTx(ctx, func(tx *sqlite.Tx) error { return tx.CreatePerson(ctx, bad) }); directory.KindOf(err) != directory.Invalid {
		t.Errorf("unknown team: %v, want invalid", err)
	}
}

func TestPeopleStayInTheirTeam(t *testing.T) {
	ctx := context.Background()
	db := mustCaseworkDB(t)
	mustPerson(t, db, "north", "Zoe")
	a := mustPerson(t, db, "north", "adam")
	mustPerson(t, db, "south", "Sam")
	c := casework.Contact{PersonID: a.ID, Date: date("2026-02-01"), Kind: casework.ContactPhone, By: 1}
	if err := db.InTx(ctx, func(tx *sqlite.Tx) error { return tx.RecordContact(ctx, &c, nil, nil) }); err != nil {
		t.Fatal(err)
	}
	list, err := db.People(ctx, casework.PeopleFilter{TeamID: "north"})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Name != "adam" || list[1].Name != "Zoe" {
		t.Fatalf("north's people = %v", names(list))
	}
	if list[0].Contacts != 1 || !list[0].LastContact.Equal(date("2026-02-01")) || list[1].Contacts != 0 {
		t.Errorf("contact counts: %+v / %+v", list[0], list[1])
	}
	if list, _ := db.People(ctx, casework.PeopleFilter{TeamID: "north", Statuses: []casework.Status{casework.StatusActive}}); len(list) != 0 {
		t.Errorf("status filter let through %v", names(list))
	}
}

func names(list []casework.PersonSummary) []string {
	var out []string
	for _, p := range list {
		out = append(out, p.Name)
	}
	return out
}

func TestRecordContactIsAtomic(t *testing.T) {
	ctx := context.Background()
	db := mustCaseworkDB(t)
	p := mustPerson(t, db, "north", "Ada")
	p.Status = casework.StatusActive
	c := casework.Contact{PersonID: p.ID, Date: date("2026-02-01"), Kind: casework.ContactMeeting, Minutes: 40, Notes: "talked about the allotment", By: 7}
	ev := []casework.CodedEvent{{PersonID: p.ID, TeamID: "north", Date: c.Date, Code: "871731000000106", Term: "Referral to social prescribing service", By: 7}}
	if err := db.InTx(ctx, func(tx *sqlite.Tx) error { return tx.RecordContact(ctx, &c, ev, p) }); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Person(ctx, p.ID); got.Status != casework.StatusActive {
		t.Errorf("status %s, want active", got.Status)
	}
	rows, err := db.CodedEvents(ctx, "north", date("2026-01-01"), date("2026-12-31"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].NHSNumber != "9434765919" || rows[0].Practice != "Oak Surgery" || rows[0].Code != "871731000000106" {
		t.Errorf("coded events %+v", rows)
	}
	if rows, _ := db.CodedEvents(ctx, "south", date("2026-01-01"), date("2026-12-31")); len(rows) != 0 {
		t.Errorf("south sees north's coded events: %+v", rows)
	}
	if rows, _ := db.CodedEvents(ctx, "north", date("2026-02-02"), date("2026-12-31")); len(rows) != 0 {
		t.Errorf("date range ignored: %+v", rows)
	}
	// A contact for a person who does not exist stores nothing, code included.
	ghost := casework.Contact{PersonID: "ghost", Date: date("2026-02-01"), Kind: casework.ContactPhone, By: 7}
	if err := db.InTx(ctx, func(tx *sqlite.Tx) error {
		return tx.RecordContact(ctx, &ghost, []casework.CodedEvent{{PersonID: "ghost", TeamID: "north", Date: ghost.Date, Code: "x", Term: "y"}}, nil)
	}); err == nil {
		t.Fatal("a contact for nobody was stored")
	}
	if rows, _ := db.CodedEvents(ctx, "north", date("2026-01-01"), date("2026-12-31")); len(rows) != 1 {
		t.Errorf("%d coded events after a failed contact, want 1", len(rows))
	}
	contacts, _ := db.Contacts(ctx, p.ID)
	if len(contacts) != 1 || contacts[0].Minutes != 40 || contacts[0].Notes != "talked about the allotment" {
		t.Errorf("contacts %+v", contacts)
	}
	if has, _ := db.HasCodedEvent(ctx, p.ID, date("2026-01-01")); !has {
		t.Error("HasCodedEvent missed the episode's code")
	}
}

func TestReferralHistoryAndConflicts(t *testing.T) {
	ctx := context.Background()
	db := mustCaseworkDB(t)
	p := mustPerson(t, db, "north", "Ada")
	at := date("2026-03-02")
	r := &casework.Referral{PersonID: p.ID, TeamID: "north", ServiceID: "svc-1", ServiceName: "Walk", OrganizationID: "org-1",
		Mode: casework.ModeReferral, Status: casework.RefReferred, CreatedBy: 7, CreatedAt: at,
		History: []casework.ReferralEvent{{To: casework.RefReferred, At: at, By: 7}}}
	if err := db.InTx(ctx, func(tx *sqlite.Tx) error { return tx.CreateReferral(ctx, r) }); err != nil {
		t.Fatal(err)
	}
	move := func(r *casework.Referral, from, to casework.ReferralStatus) error {
		r.History = append(r.History, casework.ReferralEvent{From: from, To: to, At: at.Add(time.Hour), By: 9})
		r.Status = to
		return db.InTx(ctx, func(tx *sqlite.Tx) error { return tx.SaveReferralMove(ctx, r) })
	}
	if err := move(r, casework.RefReferred, casework.RefAccepted); err != nil {
		t.Fatal(err)
	}
	// A second answer written against the old status loses.
	stale, _ := db.Referral(ctx, r.ID)
	stale.History = stale.History[:1]
	if err := move(stale, casework.RefReferred, casework.RefDeclined); directory.KindOf(err) != directory.Conflict {
		t.Errorf("stale move: %v, want conflict", err)
	}
	if err := move(r, casework.RefAccepted, casework.RefAttended); err != nil {
		t.Fatal(err)
	}
	got, err := db.Referral(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != casework.RefAttended || len(got.History) != 3 || got.History[1].To != casework.RefAccepted || got.History[1].By != 9 {
		t.Errorf("history %+v", got.History)
	}
	for _, f := range []casework.ReferralFilter{{PersonID: p.ID}, {TeamID: "north"}, {OrganizationID: "org-1"}} {
		if list, err := db.Referrals(ctx, f); err != nil || len(list) != 1 {
			t.Errorf("Referrals(%+v) = %d, %v", f, len(list), err)
		}
	}
	for _, f := range []casework.ReferralFilter{{TeamID: "south"}, {OrganizationID: "org-2"}, {TeamID: "north", Statuses: []casework.ReferralStatus{casework.RefReferred}}} {
		if list, _ := db.Referrals(ctx, f); len(list) != 0 {
			t.Errorf("Referrals(%+v) = %d, want none", f, len(list))
		}
	}
	if _, err := db.Referrals(ctx, casework.ReferralFilter{}); directory.KindOf(err) != directory.Invalid {
		t.Errorf("an unscoped referral list was allowed: %v", err)
	}
	up, err := db.UptakeByService(ctx, []string{"svc-1", "svc-2"})
	if err != nil {
		t.Fatal(err)
	}
	if up["svc-1"] != (casework.ServiceUptake{Referred: 1, Accepted: 1, Attended: 1}) || up["svc-2"] != (casework.ServiceUptake{}) {
		t.Errorf("uptake %+v", up)
	}
}

func TestPurgeDischarged(t *testing.T) {
	ctx := context.Background()
	db := mustCaseworkDB(t)
	old := mustPerson(t, db, "north", "Old")
	recent := mustPerson(t, db, "north", "Recent")
	active := mustPerson(t, db, "north", "Active")
	for p, d := range map[*casework.Person]string{old: "2018-01-01", recent: "2026-01-01"} {
		p.Status, p.DischargeReason, p.DischargedAt = casework.StatusDischarged, "moved away", date(d)
		if err := db.InTx(ctx, func(tx *sqlite.Tx) error { return tx.UpdatePerson(ctx, p) }); err != nil {
			t.Fatal(err)
		}
	}
	c := casework.Contact{PersonID: old.ID, Date: date("2017-06-01"), Kind: casework.ContactPhone, By: 1}
	if err := db.InTx(ctx, func(tx *sqlite.Tx) error { return tx.RecordContact(ctx, &c, nil, nil) }); err != nil {
		t.Fatal(err)
	}
	var ids []string
	err := db.InTx(ctx, func(tx *sqlite.Tx) (err error) {
		ids, err = tx.PurgeDischarged(ctx, date("2020-01-01"))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 1 || ids[0] != old.ID {
		t.Fatalf("purged %v, want only the old record", ids)
	}
	if _, err := db.Person(ctx, old.ID); directory.KindOf(err) != directory.NotFound {
		t.Error("purged person still readable")
	}
	if cs, _ := db.Contacts(ctx, old.ID); len(cs) != 0 {
		t.Error("purged person's contacts remain")
	}
	for _, p := range []*casework.Person{recent, active} {
		if _, err := db.Person(ctx, p.ID); err != nil {
			t.Errorf("%s purged too early: %v", p.Name, err)
		}
	}
}
