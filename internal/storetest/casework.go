package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
)

// CaseworkStore is a store as the casework tests use it: its reads,
// one write transaction, its clock, and the few rows of other areas
// (teams, organisations, accounts) that casework hangs off.
type CaseworkStore interface {
	Person(ctx context.Context, id string) (*casework.Person, error)
	People(ctx context.Context, f casework.PeopleFilter) ([]casework.PersonSummary, error)
	CountPeople(ctx context.Context, f casework.PeopleFilter) (int, error)
	Contacts(ctx context.Context, personID string) ([]casework.Contact, error)
	HasCodedEvent(ctx context.Context, personID string, since time.Time) (bool, error)
	CodedEvents(ctx context.Context, teamID string, from, to time.Time) ([]casework.CodedEventRow, error)
	PersonCodedEvents(ctx context.Context, personID string) ([]casework.CodedEvent, error)
	Outcomes(ctx context.Context, personID string) ([]casework.ONS4, error)
	Referral(ctx context.Context, id string) (*casework.Referral, error)
	Referrals(ctx context.Context, f casework.ReferralFilter) ([]*casework.Referral, error)
	UptakeByService(ctx context.Context, serviceIDs []string) (map[string]casework.ServiceUptake, error)
	OrganizationEditors(ctx context.Context, orgID string) ([]casework.User, error)
	UnansweredReferrals(ctx context.Context) ([]*casework.Referral, error)
	ReferralsToServices(ctx context.Context, serviceIDs []string) ([]*casework.Referral, error)
	InboxReferrals(ctx context.Context, orgID string) ([]casework.InboxRow, error)

	// Write runs fn in one write transaction, kept if fn returns nil.
	Write(ctx context.Context, fn func(tx CaseworkTx) error) error
	// SetNow sets the store's clock.
	SetNow(now func() time.Time)

	// AddTeam, AddOrganization and AddUser store what the tests need of
	// other areas; AddUser honours u.Disabled and returns the new id.
	AddTeam(tb testing.TB, id string)
	AddOrganization(tb testing.TB, id string)
	AddUser(tb testing.TB, u casework.User) int64
}

// CaseworkTx is the casework writes of one transaction.
type CaseworkTx interface {
	CreatePerson(ctx context.Context, p *casework.Person) error
	UpdatePerson(ctx context.Context, p *casework.Person) error
	RecordContact(ctx context.Context, c *casework.Contact, events []casework.CodedEvent, p *casework.Person) error
	AddOutcome(ctx context.Context, o *casework.ONS4) error
	ReferralsTo(ctx context.Context, personID, serviceID string) ([]*casework.Referral, error)
	CreateReferral(ctx context.Context, r *casework.Referral) error
	SaveReferralMove(ctx context.Context, r *casework.Referral) error
	PurgeDischarged(ctx context.Context, cutoff time.Time) ([]string, error)
}

// Casework tests people's records, contacts, coded events, outcomes and
// the retention purge. open returns a new empty store.
func Casework(t *testing.T, open func(testing.TB) CaseworkStore) {
	t.Run("PersonRoundTrip", func(t *testing.T) { testPersonRoundTrip(t, openTeams(t, open)) })
	t.Run("PeopleStayInTheirTeam", func(t *testing.T) { testPeopleStayInTheirTeam(t, openTeams(t, open)) })
	t.Run("RecordContactIsAtomic", func(t *testing.T) { testRecordContactIsAtomic(t, openTeams(t, open)) })
	t.Run("Outcomes", func(t *testing.T) { testOutcomes(t, openTeams(t, open)) })
	t.Run("PurgeDischarged", func(t *testing.T) { testPurgeDischarged(t, openTeams(t, open)) })
}

// openTeams opens a store with two teams, north and south.
func openTeams(tb testing.TB, open func(testing.TB) CaseworkStore) CaseworkStore {
	tb.Helper()
	st := open(tb)
	st.AddTeam(tb, "north")
	st.AddTeam(tb, "south")
	return st
}

// Date is the day s (YYYY-MM-DD), panicking on a typo.
func Date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func mustWrite(tb testing.TB, st CaseworkStore, fn func(tx CaseworkTx) error) {
	tb.Helper()
	if err := st.Write(context.Background(), fn); err != nil {
		tb.Fatal(err)
	}
}

func mustPerson(tb testing.TB, st CaseworkStore, team, name string) *casework.Person {
	tb.Helper()
	p := &casework.Person{TeamID: team, Name: name, DateOfBirth: Date("1950-03-04"), NHSNumber: "9434765919", Practice: "Oak Surgery",
		Status: casework.StatusNew, Consent: casework.Consent{Hold: true}, WhatMatters: casework.WhatMatters{Priorities: "lonely"}}
	mustWrite(tb, st, func(tx CaseworkTx) error { return tx.CreatePerson(context.Background(), p) })
	return p
}

func testPersonRoundTrip(t *testing.T, st CaseworkStore) {
	ctx := context.Background()
	p := mustPerson(t, st, "north", "Ada")
	if len(p.ID) < 20 {
		t.Errorf("id %q is short enough to guess", p.ID)
	}
	got, err := st.Person(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Ada" || !got.DateOfBirth.Equal(p.DateOfBirth) || got.WhatMatters.Priorities != "lonely" || !got.Consent.Hold {
		t.Errorf("read back %+v", got)
	}
	got.Status, got.DischargeReason, got.DischargedAt = casework.StatusDischarged, "goals met", Date("2026-01-10")
	mustWrite(t, st, func(tx CaseworkTx) error { return tx.UpdatePerson(ctx, got) })
	if again, _ := st.Person(ctx, p.ID); again.Status != casework.StatusDischarged || again.DischargeReason != "goals met" {
		t.Errorf("update lost: %+v", again)
	}
	if _, err := st.Person(ctx, "nobody"); directory.KindOf(err) != directory.NotFound {
		t.Errorf("missing person: %v", err)
	}
	ghost := &casework.Person{ID: "nobody", TeamID: "north", Name: "X", Status: casework.StatusNew}
	if err := st.Write(ctx, func(tx CaseworkTx) error { return tx.UpdatePerson(ctx, ghost) }); directory.KindOf(err) != directory.NotFound {
		t.Errorf("updating nobody: %v, want not found", err)
	}
	bad := &casework.Person{TeamID: "no-such-team", Name: "X", Status: casework.StatusNew}
	if err := st.Write(ctx, func(tx CaseworkTx) error { return tx.CreatePerson(ctx, bad) }); directory.KindOf(err) != directory.Invalid {
		t.Errorf("unknown team: %v, want invalid", err)
	}
}

func testPeopleStayInTheirTeam(t *testing.T, st CaseworkStore) {
	ctx := context.Background()
	mustPerson(t, st, "north", "Zoe")
	a := mustPerson(t, st, "north", "adam")
	mustPerson(t, st, "south", "Sam")
	c := casework.Contact{PersonID: a.ID, Date: Date("2026-02-01"), Kind: casework.ContactPhone, By: 1}
	mustWrite(t, st, func(tx CaseworkTx) error { return tx.RecordContact(ctx, &c, nil, nil) })
	list, err := st.People(ctx, casework.PeopleFilter{TeamID: "north"})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Name != "adam" || list[1].Name != "Zoe" {
		t.Fatalf("north's people = %v", names(list))
	}
	if list[0].Contacts != 1 || !list[0].LastContact.Equal(Date("2026-02-01")) || list[1].Contacts != 0 {
		t.Errorf("contact counts: %+v / %+v", list[0], list[1])
	}
	if list, _ := st.People(ctx, casework.PeopleFilter{TeamID: "north", Statuses: []casework.Status{casework.StatusActive}}); len(list) != 0 {
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

func testRecordContactIsAtomic(t *testing.T, st CaseworkStore) {
	ctx := context.Background()
	p := mustPerson(t, st, "north", "Ada")
	p.Status = casework.StatusActive
	c := casework.Contact{PersonID: p.ID, Date: Date("2026-02-01"), Kind: casework.ContactMeeting, Minutes: 40, Notes: "talked about the allotment", Declined: true, By: 7}
	ev := []casework.CodedEvent{{PersonID: p.ID, TeamID: "north", Date: c.Date, Code: "871731000000106", Term: "Referral to social prescribing service", By: 7}}
	mustWrite(t, st, func(tx CaseworkTx) error { return tx.RecordContact(ctx, &c, ev, p) })
	if c.ID == 0 || ev[0].ID == 0 {
		t.Errorf("ids not given: contact %d, coded event %d", c.ID, ev[0].ID)
	}
	if got, _ := st.Person(ctx, p.ID); got.Status != casework.StatusActive {
		t.Errorf("status %s, want active", got.Status)
	}
	rows, err := st.CodedEvents(ctx, "north", Date("2026-01-01"), Date("2026-12-31"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].NHSNumber != "9434765919" || rows[0].Practice != "Oak Surgery" || rows[0].Code != "871731000000106" ||
		!rows[0].Date.Equal(c.Date) {
		t.Errorf("coded events %+v", rows)
	}
	if rows, _ := st.CodedEvents(ctx, "south", Date("2026-01-01"), Date("2026-12-31")); len(rows) != 0 {
		t.Errorf("south sees north's coded events: %+v", rows)
	}
	if rows, _ := st.CodedEvents(ctx, "north", Date("2026-02-02"), Date("2026-12-31")); len(rows) != 0 {
		t.Errorf("date range ignored: %+v", rows)
	}
	// A contact for a person who does not exist stores nothing, code included.
	ghost := casework.Contact{PersonID: "ghost", Date: Date("2026-02-01"), Kind: casework.ContactPhone, By: 7}
	err = st.Write(ctx, func(tx CaseworkTx) error {
		return tx.RecordContact(ctx, &ghost, []casework.CodedEvent{{PersonID: "ghost", TeamID: "north", Date: ghost.Date, Code: "x", Term: "y"}}, nil)
	})
	if err == nil {
		t.Fatal("a contact for nobody was stored")
	}
	if rows, _ := st.CodedEvents(ctx, "north", Date("2026-01-01"), Date("2026-12-31")); len(rows) != 1 {
		t.Errorf("%d coded events after a failed contact, want 1", len(rows))
	}
	contacts, _ := st.Contacts(ctx, p.ID)
	if len(contacts) != 1 || contacts[0].Minutes != 40 || contacts[0].Notes != "talked about the allotment" || !contacts[0].Declined ||
		contacts[0].Kind != casework.ContactMeeting || !contacts[0].Date.Equal(c.Date) {
		t.Errorf("contacts %+v", contacts)
	}
	if has, _ := st.HasCodedEvent(ctx, p.ID, Date("2026-01-01")); !has {
		t.Error("HasCodedEvent missed the episode's code")
	}
	if has, _ := st.HasCodedEvent(ctx, p.ID, Date("2026-02-02")); has {
		t.Error("HasCodedEvent found a code from before the date")
	}
	if evs, err := st.PersonCodedEvents(ctx, p.ID); err != nil || len(evs) != 1 || evs[0].ID != ev[0].ID || evs[0].Term != ev[0].Term {
		t.Errorf("PersonCodedEvents = %+v, %v", evs, err)
	}
}

func testOutcomes(t *testing.T, st CaseworkStore) {
	ctx := context.Background()
	p := mustPerson(t, st, "north", "Ada")
	later := casework.ONS4{PersonID: p.ID, Date: Date("2026-05-01"), Stage: casework.StageReview, Life: 7, Worthwhile: 8, Happy: 6, Anxious: 2, By: 3}
	first := casework.ONS4{PersonID: p.ID, Date: Date("2026-02-01"), Stage: casework.StageStart, Life: 3, Worthwhile: 4, Happy: 2, Anxious: 8, By: 3}
	mustWrite(t, st, func(tx CaseworkTx) error {
		if err := tx.AddOutcome(ctx, &later); err != nil {
			return err
		}
		return tx.AddOutcome(ctx, &first)
	})
	got, err := st.Outcomes(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != first || got[1] != later {
		t.Errorf("outcomes %+v, want the start then the review", got)
	}
	bad := casework.ONS4{PersonID: p.ID, Date: Date("2026-05-01"), Stage: casework.StageReview, Life: 11}
	if err := st.Write(ctx, func(tx CaseworkTx) error { return tx.AddOutcome(ctx, &bad) }); err == nil {
		t.Error("a score of 11 was stored")
	}
}

func testPurgeDischarged(t *testing.T, st CaseworkStore) {
	ctx := context.Background()
	old := mustPerson(t, st, "north", "Old")
	recent := mustPerson(t, st, "north", "Recent")
	active := mustPerson(t, st, "north", "Active")
	for p, d := range map[*casework.Person]string{old: "2018-01-01", recent: "2026-01-01"} {
		p.Status, p.DischargeReason, p.DischargedAt = casework.StatusDischarged, "moved away", Date(d)
		mustWrite(t, st, func(tx CaseworkTx) error { return tx.UpdatePerson(ctx, p) })
	}
	c := casework.Contact{PersonID: old.ID, Date: Date("2017-06-01"), Kind: casework.ContactPhone, By: 1}
	r := &casework.Referral{PersonID: old.ID, TeamID: "north", ServiceID: "walk", ServiceName: "Walk", Mode: casework.ModeSignpost,
		Status: casework.RefSignposted, CreatedBy: 1, History: []casework.ReferralEvent{{To: casework.RefSignposted, At: Date("2017-06-01")}}}
	mustWrite(t, st, func(tx CaseworkTx) error {
		if err := tx.RecordContact(ctx, &c, nil, nil); err != nil {
			return err
		}
		return tx.CreateReferral(ctx, r)
	})
	var ids []string
	mustWrite(t, st, func(tx CaseworkTx) (err error) {
		ids, err = tx.PurgeDischarged(ctx, Date("2020-01-01"))
		return err
	})
	if len(ids) != 1 || ids[0] != old.ID {
		t.Fatalf("purged %v, want only the old record", ids)
	}
	if _, err := st.Person(ctx, old.ID); directory.KindOf(err) != directory.NotFound {
		t.Error("purged person still readable")
	}
	if cs, _ := st.Contacts(ctx, old.ID); len(cs) != 0 {
		t.Error("purged person's contacts remain")
	}
	if _, err := st.Referral(ctx, r.ID); directory.KindOf(err) != directory.NotFound {
		t.Errorf("purged person's referral remains: %v", err)
	}
	for _, p := range []*casework.Person{recent, active} {
		if _, err := st.Person(ctx, p.ID); err != nil {
			t.Errorf("%s purged too early: %v", p.Name, err)
		}
	}
}
