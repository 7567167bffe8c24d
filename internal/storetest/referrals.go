package storetest

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
)

// Referrals tests referrals and signposts: their history, moves that
// conflict, the duplicate rule's read in the transaction, uptake, and
// what organisations' inboxes and the reminder sweep read. open returns
// a new empty store.
func Referrals(t *testing.T, open func(testing.TB) CaseworkStore) {
	t.Run("HistoryAndConflicts", func(t *testing.T) { testReferralHistoryAndConflicts(t, openTeams(t, open)) })
	t.Run("ReferralsToInTheTransaction", func(t *testing.T) { testReferralsToInTx(t, openTeams(t, open)) })
	t.Run("OneOpenReferralUnderConcurrency", func(t *testing.T) { testOneOpenReferral(t, openTeams(t, open)) })
	t.Run("OneAnswerUnderConcurrency", func(t *testing.T) { testOneAnswer(t, openTeams(t, open)) })
	t.Run("OrganizationEditors", func(t *testing.T) { testOrganizationEditors(t, open(t)) })
	t.Run("UnansweredAndToServices", func(t *testing.T) { testUnansweredAndToServices(t, openTeams(t, open)) })
	t.Run("InboxReferrals", func(t *testing.T) { testInboxReferrals(t, openTeams(t, open)) })
}

// mustReferral stores a referral of p to service (of org-1), made at at.
func mustReferral(tb testing.TB, st CaseworkStore, p *casework.Person, service string, mode casework.Mode, at time.Time) *casework.Referral {
	tb.Helper()
	r, err := casework.NewReferral(casework.Referral{PersonID: p.ID, TeamID: p.TeamID, ServiceID: service, ServiceName: service,
		OrganizationID: "org-1", Mode: mode}, 1, "", at)
	if err != nil {
		tb.Fatal(err)
	}
	mustWrite(tb, st, func(tx CaseworkTx) error { return tx.CreateReferral(context.Background(), r) })
	return r
}

func mustMove(tb testing.TB, st CaseworkStore, r *casework.Referral, to casework.ReferralStatus, at time.Time) {
	tb.Helper()
	if err := r.Move(to, casework.ActorOrganisation, 0, "", at); err != nil {
		tb.Fatal(err)
	}
	mustWrite(tb, st, func(tx CaseworkTx) error { return tx.SaveReferralMove(context.Background(), r) })
}

func referralIDs(list []*casework.Referral) []string {
	var out []string
	for _, r := range list {
		out = append(out, r.ID)
	}
	return out
}

func testReferralHistoryAndConflicts(t *testing.T, st CaseworkStore) {
	ctx := context.Background()
	p := mustPerson(t, st, "north", "Ada")
	at := time.Date(2026, 3, 2, 9, 30, 0, 123456789, time.UTC)
	r := &casework.Referral{PersonID: p.ID, TeamID: "north", ServiceID: "svc-1", ServiceName: "Walk", OrganizationID: "org-1",
		Mode: casework.ModeReferral, Status: casework.RefReferred, CreatedBy: 7, CreatedAt: at,
		History: []casework.ReferralEvent{{To: casework.RefReferred, At: at, By: 7, Note: "keen"}}}
	mustWrite(t, st, func(tx CaseworkTx) error { return tx.CreateReferral(ctx, r) })
	move := func(r *casework.Referral, from, to casework.ReferralStatus) error {
		r.History = append(r.History, casework.ReferralEvent{From: from, To: to, At: at.Add(time.Hour), By: 9})
		r.Status = to
		return st.Write(ctx, func(tx CaseworkTx) error { return tx.SaveReferralMove(ctx, r) })
	}
	if err := move(r, casework.RefReferred, casework.RefAccepted); err != nil {
		t.Fatal(err)
	}
	// A second answer written against the old status loses.
	stale, _ := st.Referral(ctx, r.ID)
	stale.History = stale.History[:1]
	if err := move(stale, casework.RefReferred, casework.RefDeclined); directory.KindOf(err) != directory.Conflict {
		t.Errorf("stale move: %v, want conflict", err)
	}
	if err := move(r, casework.RefAccepted, casework.RefAttended); err != nil {
		t.Fatal(err)
	}
	got, err := st.Referral(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != casework.RefAttended || len(got.History) != 3 || got.History[1].To != casework.RefAccepted || got.History[1].By != 9 ||
		got.History[0].Note != "keen" || !got.CreatedAt.Equal(at) || !got.UpdatedAt.Equal(at.Add(time.Hour)) || !got.History[2].At.Equal(at.Add(time.Hour)) ||
		got.Mode != casework.ModeReferral || got.ServiceName != "Walk" || got.CreatedBy != 7 {
		t.Errorf("read back %+v", got)
	}
	if _, err := st.Referral(ctx, "nothing"); directory.KindOf(err) != directory.NotFound {
		t.Errorf("missing referral: %v", err)
	}
	for _, f := range []casework.ReferralFilter{{PersonID: p.ID}, {TeamID: "north"}, {OrganizationID: "org-1"},
		{TeamID: "north", ServiceIDs: []string{"svc-2", "svc-1"}}, {TeamID: "north", Statuses: []casework.ReferralStatus{casework.RefAttended}}} {
		if list, err := st.Referrals(ctx, f); err != nil || len(list) != 1 {
			t.Errorf("Referrals(%+v) = %d, %v", f, len(list), err)
		}
	}
	for _, f := range []casework.ReferralFilter{{TeamID: "south"}, {OrganizationID: "org-2"}, {TeamID: "north", ServiceIDs: []string{"svc-2"}},
		{TeamID: "north", Statuses: []casework.ReferralStatus{casework.RefReferred}}} {
		if list, _ := st.Referrals(ctx, f); len(list) != 0 {
			t.Errorf("Referrals(%+v) = %d, want none", f, len(list))
		}
	}
	if _, err := st.Referrals(ctx, casework.ReferralFilter{}); directory.KindOf(err) != directory.Invalid {
		t.Errorf("an unscoped referral list was allowed: %v", err)
	}
	mustReferral(t, st, p, "svc-1", casework.ModeSignpost, at) // signposts are not uptake
	up, err := st.UptakeByService(ctx, []string{"svc-1", "svc-2"})
	if err != nil {
		t.Fatal(err)
	}
	if up["svc-1"] != (casework.ServiceUptake{Referred: 1, Accepted: 1, Attended: 1}) || up["svc-2"] != (casework.ServiceUptake{}) {
		t.Errorf("uptake %+v", up)
	}
	ghost := &casework.Referral{PersonID: "ghost", TeamID: "north", ServiceID: "svc-1", ServiceName: "Walk", Mode: casework.ModeReferral,
		Status: casework.RefReferred, CreatedBy: 7, History: []casework.ReferralEvent{{To: casework.RefReferred, At: at}}}
	if err := st.Write(ctx, func(tx CaseworkTx) error { return tx.CreateReferral(ctx, ghost) }); directory.KindOf(err) != directory.NotFound {
		t.Errorf("referral of nobody: %v, want not found", err)
	}
}

// ReferralsTo reads in the transaction: a referral made earlier in the
// same transaction is seen, so the duplicate rule holds within it.
func testReferralsToInTx(t *testing.T, st CaseworkStore) {
	ctx := context.Background()
	p := mustPerson(t, st, "north", "Ada")
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	older := mustReferral(t, st, p, "walk", casework.ModeSignpost, at)
	mustReferral(t, st, p, "choir", casework.ModeReferral, at)
	r, err := casework.NewReferral(casework.Referral{PersonID: p.ID, TeamID: "north", ServiceID: "walk", ServiceName: "Walk", Mode: casework.ModeReferral}, 1, "", at.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	mustWrite(t, st, func(tx CaseworkTx) error {
		if err := tx.CreateReferral(ctx, r); err != nil {
			return err
		}
		got, err := tx.ReferralsTo(ctx, p.ID, "walk")
		if err != nil {
			return err
		}
		if !slices.Equal(referralIDs(got), []string{r.ID, older.ID}) {
			t.Errorf("ReferralsTo = %v, want the new referral then the signpost", referralIDs(got))
		}
		return nil
	})
}

// Two writers (two instances, on PostgreSQL) each apply the rule "no
// second open referral" at once: read the person's referrals to the
// service in the transaction, then refer if none is open. Exactly one
// referral must result.
func testOneOpenReferral(t *testing.T, st CaseworkStore) {
	ctx := context.Background()
	p := mustPerson(t, st, "north", "Ada")
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	const writers = 4
	var wg sync.WaitGroup
	start := make(chan struct{})
	errs := make(chan error, writers)
	for range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			errs <- st.Write(ctx, func(tx CaseworkTx) error {
				earlier, err := tx.ReferralsTo(ctx, p.ID, "walk")
				if err != nil || slices.ContainsFunc(earlier, (*casework.Referral).OpenReferral) {
					return err
				}
				time.Sleep(20 * time.Millisecond) // let the others read too, if they can
				r, err := casework.NewReferral(casework.Referral{PersonID: p.ID, TeamID: "north", ServiceID: "walk", ServiceName: "Walk", Mode: casework.ModeReferral}, 1, "", at)
				if err != nil {
					return err
				}
				return tx.CreateReferral(ctx, r)
			})
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	list, err := st.Referrals(ctx, casework.ReferralFilter{PersonID: p.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 {
		t.Errorf("%d open referrals to one service after concurrent checks, want 1", len(list))
	}
}

// Several writers answer one referral at once, each from the status it
// read: exactly one answer is kept, the others are conflicts.
func testOneAnswer(t *testing.T, st CaseworkStore) {
	ctx := context.Background()
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	r := mustReferral(t, st, mustPerson(t, st, "north", "Ada"), "walk", casework.ModeReferral, at)
	answers := []casework.ReferralStatus{casework.RefAccepted, casework.RefDeclined, casework.RefAccepted, casework.RefDeclined}
	var wg sync.WaitGroup
	start := make(chan struct{})
	errs := make(chan error, len(answers))
	for i, to := range answers {
		moved := *r
		moved.History = slices.Clone(r.History)
		if err := moved.Move(to, casework.ActorOrganisation, int64(i+1), "full this term", at.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			errs <- st.Write(ctx, func(tx CaseworkTx) error { return tx.SaveReferralMove(ctx, &moved) })
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	kept := 0
	for err := range errs {
		switch directory.KindOf(err) {
		case directory.Conflict:
		case directory.Internal:
			if err != nil {
				t.Error(err)
				continue
			}
			kept++
		default:
			t.Error(err)
		}
	}
	got, err := st.Referral(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if kept != 1 || len(got.History) != 2 || got.Status != got.History[1].To {
		t.Errorf("%d answers kept, history %+v; want one answer", kept, got.History)
	}
}

func testOrganizationEditors(t *testing.T, st CaseworkStore) {
	ctx := context.Background()
	st.AddTeam(t, "north")
	st.AddOrganization(t, "org-1")
	st.AddOrganization(t, "org-2")
	st.AddUser(t, casework.User{Email: "b@example.org", Name: "Bea", Role: casework.RoleEditor, OrganizationID: "org-1"})
	st.AddUser(t, casework.User{Email: "a@example.org", Role: casework.RoleEditor, OrganizationID: "org-1"})
	st.AddUser(t, casework.User{Email: "gone@example.org", Role: casework.RoleEditor, OrganizationID: "org-1", Disabled: true})
	st.AddUser(t, casework.User{Email: "other@example.org", Role: casework.RoleEditor, OrganizationID: "org-2"})
	st.AddUser(t, casework.User{Email: "worker@example.org", Role: casework.RoleLinkWorker, TeamID: "north"})
	eds, err := st.OrganizationEditors(ctx, "org-1")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range eds {
		got = append(got, u.Email)
	}
	if !slices.Equal(got, []string{"a@example.org", "b@example.org"}) {
		t.Errorf("editors of org-1 = %v, want a and b (not disabled, not another organisation's)", got)
	}
	if b := eds[len(eds)-1]; b.Name != "Bea" || b.Role != casework.RoleEditor || b.OrganizationID != "org-1" || b.ID == 0 {
		t.Errorf("editor read as %+v", b)
	}
	if eds, err := st.OrganizationEditors(ctx, "no-such-org"); err != nil || len(eds) != 0 {
		t.Errorf("editors of an unknown organisation = %v, %v", eds, err)
	}
}

func testUnansweredAndToServices(t *testing.T, st CaseworkStore) {
	ctx := context.Background()
	at := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	north, south := mustPerson(t, st, "north", "Ada"), mustPerson(t, st, "south", "Sam")
	waiting := mustReferral(t, st, north, "walk", casework.ModeReferral, at)
	otherTeam := mustReferral(t, st, south, "walk", casework.ModeReferral, at.Add(time.Hour))
	mustReferral(t, st, north, "walk", casework.ModeSignpost, at)
	answered := mustReferral(t, st, north, "choir", casework.ModeReferral, at)
	mustReferral(t, st, north, "elsewhere", casework.ModeReferral, at)
	mustMove(t, st, answered, casework.RefAccepted, at.Add(24*time.Hour))

	open, err := st.UnansweredReferrals(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(open) != 3 || open[0].ID != otherTeam.ID || !slices.Contains(referralIDs(open), waiting.ID) {
		t.Errorf("unanswered = %v, want both teams' open referrals (no signposts, nothing answered), newest first", referralIDs(open))
	}
	to, err := st.ReferralsToServices(ctx, []string{"walk", "choir"})
	if err != nil {
		t.Fatal(err)
	}
	if len(to) != 3 {
		t.Errorf("referrals to walk and choir = %v, want 3 (signposts and other services left out)", referralIDs(to))
	}
	for _, r := range to {
		if r.ID == answered.ID && (len(r.History) != 2 || r.History[1].To != casework.RefAccepted) {
			t.Errorf("history not read: %+v", r.History)
		}
	}
	if to, err := st.ReferralsToServices(ctx, nil); err != nil || len(to) != 0 {
		t.Errorf("no services: %v, %v", to, err)
	}
}

func testInboxReferrals(t *testing.T, st CaseworkStore) {
	ctx := context.Background()
	worker := st.AddUser(t, casework.User{Email: "worker@example.org", Name: "North Worker", Role: casework.RoleLinkWorker, TeamID: "north"})
	maker := st.AddUser(t, casework.User{Email: "maker@example.org", Name: "Maker", Role: casework.RoleLinkWorker, TeamID: "north"})
	at := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	ada := &casework.Person{TeamID: "north", LinkWorker: worker, Name: "Ada", DateOfBirth: Date("1950-03-04"), NHSNumber: "9434765919",
		Phone: "0113 496 0123", Email: "ada@example.net", Address: "1 Engine Street", PreferredContact: "phone", Language: "Punjabi",
		Interpreter: true, AccessNeeds: []string{"wheelchair"}, Status: casework.StatusActive, Practice: "Oak Surgery",
		Consent:     casework.Consent{Hold: true, Share: true},
		WhatMatters: casework.WhatMatters{Priorities: "lonely", Notes: "private note"}}
	mustWrite(t, st, func(tx CaseworkTx) error { return tx.CreatePerson(ctx, ada) })
	bob := mustPerson(t, st, "north", "Bob") // no link worker, no consent to share
	first := mustReferral(t, st, ada, "walk", casework.ModeReferral, at)
	mustMove(t, st, first, casework.RefAccepted, at.Add(time.Hour))
	second, err := casework.NewReferral(casework.Referral{PersonID: bob.ID, TeamID: "north", ServiceID: "walk", ServiceName: "walk",
		OrganizationID: "org-1", Mode: casework.ModeReferral}, maker, "", at.Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	mustWrite(t, st, func(tx CaseworkTx) error { return tx.CreateReferral(ctx, second) })
	mustReferral(t, st, ada, "walk", casework.ModeSignpost, at)

	rows, err := st.InboxReferrals(ctx, "org-1")
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
	if !p.DateOfBirth.IsZero() || p.NHSNumber != "" || p.Address != "" || p.WhatMatters.Notes != "" || p.Practice != "" || p.Consent.Hold {
		t.Errorf("the inbox read more of the record than an organisation may see: %+v", p)
	}
	if got.LinkWorker == nil || got.LinkWorker.ID != worker || got.LinkWorker.Email != "worker@example.org" || got.LinkWorker.Name != "North Worker" {
		t.Errorf("link worker %+v, want the person's", got.LinkWorker)
	}
	// Bob has no link worker: whoever made the referral stands in.
	if rows[0].Person.Consent.Share || rows[0].Person.Name != "Bob" || rows[0].LinkWorker == nil || rows[0].LinkWorker.ID != maker {
		t.Errorf("Bob's row: %+v, link worker %+v", rows[0].Person, rows[0].LinkWorker)
	}
	if rows, err := st.InboxReferrals(ctx, "org-2"); err != nil || len(rows) != 0 {
		t.Errorf("another organisation's inbox: %d rows, %v", len(rows), err)
	}
}
