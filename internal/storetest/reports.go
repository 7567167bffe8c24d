package storetest

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/reports"
)

// ReportsTx is the writes the fixed scheme is built with.
type ReportsTx interface {
	PutService(ctx context.Context, s *directory.Service) (created, changed bool, err error)
	CreatePerson(ctx context.Context, p *casework.Person) error
	RecordContact(ctx context.Context, c *casework.Contact, events []casework.CodedEvent, p *casework.Person) error
	CreateReferral(ctx context.Context, r *casework.Referral) error
	AddOutcome(ctx context.Context, o *casework.ONS4) error
}

// ReportsStore is a store whose report figures are tested: a
// [reports.Source] that the scheme can be written to in transactions of
// T.
type ReportsStore[T ReportsTx] interface {
	reports.Source
	// Practices lists the GP practices recorded on people (the reports'
	// filter offers them).
	Practices(ctx context.Context) ([]string, error)
	PutTeam(ctx context.Context, t casework.Team) error
	InTx(ctx context.Context, fn func(T) error) error
}

// The fixed scheme: one quarter, January to March 2026. Its figures are
// worked out by hand in the comments.
var (
	q1From = Date("2026-01-01")
	q1To   = Date("2026-03-31")
	q1     = reports.Filter{From: q1From, To: q1To}
)

// Reports tests the scheme reports' figures ([reports.Source]) over the
// fixed scheme.
func Reports[T ReportsTx, S ReportsStore[T]](t *testing.T, open Opener[S]) {
	// The subtests only read, so they share one scheme.
	db := FixedScheme[T](t, open)
	t.Run("CountsTheFixedScheme", func(t *testing.T) { countsTheFixedScheme(t, db) })
	t.Run("Filters", func(t *testing.T) { sourceFilters(t, db) })
	t.Run("Practices", func(t *testing.T) {
		got, err := db.Practices(context.Background())
		must(t, err)
		if want := []string{"Ash Surgery", "Elm Practice", "Oak Surgery"}; !slices.Equal(got, want) {
			t.Errorf("Practices = %q, want %q", got, want)
		}
	})
}

// scheme writes the fixed scheme to a store.
type scheme[T ReportsTx] struct {
	tb     testing.TB
	db     ReportsStore[T]
	people map[string]*casework.Person
}

func (s *scheme[T]) inTx(fn func(T) error) {
	s.tb.Helper()
	must(s.tb, s.db.InTx(context.Background(), fn))
}

// FixedScheme opens a store holding the fixed scheme:
//
//   - P1–P6 (north, Oak Surgery, LS6, GP, "Loneliness", need walking),
//     referred to the scheme on 10 January; P7–P8 (north, Elm Practice,
//     LS7, self, "loneliness ", need money advice, link worker 42) on 1
//     February; P9 (GP, "My cat died") on 2 February; P10 (agency, no
//     reason) on 31 March, the last day; P0 (GP, "Loneliness") on 31
//     December 2025, before the period; S1 (south, GP, "Loneliness") on
//     15 January.
//   - Services: walk (walking), choir (arts), debt (money advice).
//   - Contacts, referrals and ONS4 scores as [scheme.fill] says.
func FixedScheme[T ReportsTx, S ReportsStore[T]](tb testing.TB, open Opener[S]) S {
	tb.Helper()
	var clock time.Time
	db := open(tb, func() time.Time { return clock })
	s := &scheme[T]{tb: tb, db: db, people: map[string]*casework.Person{}}
	ctx := context.Background()
	for _, team := range []casework.Team{{ID: "north", Name: "North PCN"}, {ID: "south", Name: "South PCN"}} {
		must(tb, db.PutTeam(ctx, team))
	}
	s.inTx(func(tx T) error {
		for id, kind := range map[string]string{"walk": "walking", "choir": "arts", "debt": "money-advice"} {
			svc := &directory.Service{ID: id, Name: id, Status: directory.StatusActive,
				Kinds: []directory.ServiceKind{{ID: kind, Source: directory.KindModerated, Confidence: 1}}}
			if _, _, err := tx.PutService(ctx, svc); err != nil {
				return err
			}
		}
		return nil
	})
	type person struct {
		name, team, source, reason, practice, postcode, need, created string
		worker                                                        int64
	}
	list := []person{
		{"P0", "north", "gp", "Loneliness", "Oak Surgery", "LS6 1AA", "", "2025-12-31 23:00", 0},
		{"S1", "south", "gp", "Loneliness", "Ash Surgery", "LS9 9ZZ", "", "2026-01-15 09:00", 0},
		{"P9", "north", "gp", "My cat died", "Oak Surgery", "", "", "2026-02-02 09:00", 0},
		{"P10", "north", "agency", "", "Oak Surgery", "", "", "2026-03-31 16:00", 0},
	}
	for i := 1; i <= 6; i++ {
		list = append(list, person{"P" + string(rune('0'+i)), "north", "gp", "Loneliness", "Oak Surgery", "LS6 1AA", "walking", "2026-01-10 09:00", 0})
	}
	for _, n := range []string{"P7", "P8"} {
		list = append(list, person{n, "north", "self", "  loneliness ", "Elm Practice", "ls73ab", "money-advice", "2026-02-01 09:00", 42})
	}
	for _, p := range list {
		clock = at(p.created)
		rec := &casework.Person{TeamID: p.team, LinkWorker: p.worker, Name: p.name, ReferralSource: p.source, ReferralReason: p.reason,
			Practice: p.practice, Postcode: p.postcode, Status: casework.StatusActive, Consent: casework.Consent{Hold: true}}
		if p.need != "" {
			rec.WhatMatters.Needs = []string{p.need}
		}
		s.inTx(func(tx T) error { return tx.CreatePerson(ctx, rec) })
		s.people[p.name] = rec
	}
	s.fill()
	return db
}

// contacts records a contact for the person on each date, each with
// the given coded events' codes.
func (s *scheme[T]) contacts(name string, codes []string, dates ...string) {
	s.tb.Helper()
	p := s.people[name]
	for _, d := range dates {
		c := &casework.Contact{PersonID: p.ID, Date: Date(d), Kind: casework.ContactMeeting, By: 1}
		var events []casework.CodedEvent
		for _, code := range codes {
			events = append(events, casework.CodedEvent{PersonID: p.ID, TeamID: p.TeamID, Date: Date(d), Code: code, Term: "term " + code, By: 1})
		}
		s.inTx(func(tx T) error { return tx.RecordContact(context.Background(), c, events, nil) })
	}
}

// refer stores a referral made at made, then moves it through steps
// ("status@2006-01-02 15:04" or "status@…|note").
func (s *scheme[T]) refer(name, service string, mode casework.Mode, made string, steps ...string) {
	s.tb.Helper()
	p := s.people[name]
	first := casework.RefReferred
	if mode == casework.ModeSignpost {
		first = casework.RefSignposted
	}
	r := &casework.Referral{PersonID: p.ID, TeamID: p.TeamID, ServiceID: service, ServiceName: service, Mode: mode, Status: first,
		CreatedAt: at(made), History: []casework.ReferralEvent{{To: first, At: at(made)}}}
	from := first
	for _, st := range steps {
		to, rest, _ := strings.Cut(st, "@")
		when, note, _ := strings.Cut(rest, "|")
		r.History = append(r.History, casework.ReferralEvent{From: from, To: casework.ReferralStatus(to), At: at(when), Note: note})
		from = casework.ReferralStatus(to)
		r.Status = from
	}
	s.inTx(func(tx T) error { return tx.CreateReferral(context.Background(), r) })
}

func (s *scheme[T]) outcome(name, date string, sc reports.Scores) {
	s.tb.Helper()
	o := &casework.ONS4{PersonID: s.people[name].ID, Date: Date(date), Stage: casework.StageReview,
		Life: sc[0], Worthwhile: sc[1], Happy: sc[2], Anxious: sc[3], By: 1}
	s.inTx(func(tx T) error { return tx.AddOutcome(context.Background(), o) })
}

// fill gives the scheme's people their contacts, referrals and scores.
func (s *scheme[T]) fill() {
	// Contacts: P1 7 (one before the period), P2 3, P3 13, P0 2, P7 1
	// (all in the period), P4 one in April only. P1–P6 each have a referral coded
	// at their first contact in January; P7 declined, coded in February.
	s.contacts("P1", []string{casework.CodeReferral}, "2026-01-11")
	s.contacts("P1", nil, "2025-12-15", "2026-01-20", "2026-01-27", "2026-02-03", "2026-02-10", "2026-03-31")
	s.contacts("P2", []string{casework.CodeReferral}, "2026-01-11")
	s.contacts("P2", nil, "2026-01-20", "2026-02-20")
	s.contacts("P3", []string{casework.CodeReferral}, "2026-01-11")
	for i := 2; i <= 13; i++ {
		s.contacts("P3", nil, Date("2026-01-11").AddDate(0, 0, i).Format(time.DateOnly))
	}
	for _, n := range []string{"P4", "P5", "P6"} {
		s.contacts(n, []string{casework.CodeReferral}, "2026-04-02")
	}
	s.contacts("P7", []string{casework.CodeDeclined}, "2026-02-01")
	s.contacts("P0", nil, "2026-01-05", "2026-01-06")

	// Referrals: P1–P5 to walk, accepted after 2 days and attended after
	// 10; P1 and P2 ongoing, P3 completed. P6 to walk, declined as full.
	for _, n := range []string{"P1", "P2", "P3", "P4", "P5"} {
		steps := []string{"accepted@2026-01-14 10:00", "attended@2026-01-22 10:00"}
		switch n {
		case "P1", "P2":
			steps = append(steps, "ongoing@2026-02-01 10:00")
		case "P3":
			steps = append(steps, "completed@2026-03-01 10:00")
		}
		s.refer(n, "walk", casework.ModeReferral, "2026-01-12 10:00", steps...)
	}
	s.refer("P6", "walk", casework.ModeReferral, "2026-01-12 10:00", "declined@2026-01-13 10:00|Full: no places until May")
	// Choir: P7 declined (not suitable), P8 on the waiting list at the
	// end, P9 waited then was accepted.
	s.refer("P7", "choir", casework.ModeReferral, "2026-02-02 10:00", "declined@2026-02-03 10:00|Not suitable for their needs")
	s.refer("P8", "choir", casework.ModeReferral, "2026-02-05 10:00", "waiting_list@2026-03-01 10:00")
	s.refer("P9", "choir", casework.ModeReferral, "2026-02-05 10:00", "waiting_list@2026-02-10 10:00", "accepted@2026-03-05 10:00")
	// Debt: P10 accepted, then did not attend (after the period: not
	// counted); a signpost for P1.
	s.refer("P10", "debt", casework.ModeReferral, "2026-03-31 17:00", "accepted@2026-03-31 18:00", "did_not_attend@2026-04-03 10:00")
	s.refer("P1", "debt", casework.ModeSignpost, "2026-02-01 10:00")
	// P0: referred before the period and still waiting at its end.
	s.refer("P0", "walk", casework.ModeReferral, "2025-12-20 10:00", "waiting_list@2025-12-21 10:00")

	// Wellbeing: P1–P5 from (4, 5, 5, 7) to (6, 6, 4, 5); P9 from
	// (3, 3, 3, 8) in November to (5, 5, 5, 6) in February (and once
	// more after the period, not counted); P6 once only; P0 twice, both
	// before the period.
	for _, n := range []string{"P1", "P2", "P3", "P4", "P5"} {
		s.outcome(n, "2026-01-12", reports.Scores{4, 5, 5, 7})
		s.outcome(n, "2026-03-01", reports.Scores{6, 6, 4, 5})
	}
	s.outcome("P9", "2025-11-01", reports.Scores{3, 3, 3, 8})
	s.outcome("P9", "2026-02-01", reports.Scores{5, 5, 5, 6})
	s.outcome("P9", "2026-04-10", reports.Scores{9, 9, 9, 0})
	s.outcome("P6", "2026-01-12", reports.Scores{4, 4, 4, 4})
	s.outcome("P0", "2025-12-01", reports.Scores{1, 1, 1, 1})
	s.outcome("P0", "2025-12-20", reports.Scores{2, 2, 2, 2})
}

func countsTheFixedScheme(t *testing.T, db reports.Source) {
	ctx := context.Background()
	intake, err := db.Intake(ctx, q1)
	must(t, err)
	sortBy(intake, func(c reports.IntakeCount) string { return c.Source + "/" + c.Reason })
	wantIntake := []reports.IntakeCount{
		{Source: "agency", Reason: "", People: 1}, {Source: "gp", Reason: "loneliness", People: 7},
		{Source: "gp", Reason: "my cat died", People: 1}, {Source: "self", Reason: "loneliness", People: 2},
	}
	if !slices.Equal(intake, wantIntake) {
		t.Errorf("Intake = %v, want %v (P0 before the period, P10 on its last day)", intake, wantIntake)
	}

	cpp, err := db.ContactsPerPerson(ctx, q1)
	must(t, err)
	sortBy(cpp, func(c reports.ContactCount) int { return c.Contacts })
	if want := []reports.ContactCount{{Contacts: 1, People: 1}, {Contacts: 2, People: 1}, {Contacts: 3, People: 1}, {Contacts: 7, People: 1}, {Contacts: 13, People: 1}}; !slices.Equal(cpp, want) {
		t.Errorf("ContactsPerPerson = %v, want %v (P7 1, P0 2, P2 3, P1 7, P3 13; P4's only contact is after the period)", cpp, want)
	}

	flows, err := db.ReferralFlows(ctx, q1)
	must(t, err)
	sortBy(flows, func(f reports.ReferralFlow) string {
		if f.Signpost {
			return f.ServiceID + "1"
		}
		return f.ServiceID + "0"
	})
	wantFlows := []reports.ReferralFlow{
		{ServiceID: "choir", Made: 3, Accepted: 1, Declined: 1},
		{ServiceID: "debt", Made: 1, Accepted: 1}, // did not attend after the period
		{ServiceID: "debt", Signpost: true, Made: 1},
		{ServiceID: "walk", Made: 6, Accepted: 5, Attended: 5, Continued: 3, Declined: 1},
	}
	if !slices.Equal(flows, wantFlows) {
		t.Errorf("ReferralFlows =\n%v\nwant\n%v", flows, wantFlows)
	}

	reasons, err := db.DeclineReasons(ctx, q1)
	must(t, err)
	sortBy(reasons, func(c reports.ReasonCount) string { return c.ServiceID })
	if want := []reports.ReasonCount{
		{ServiceID: "choir", Reason: "Not suitable for their needs", Referrals: 1}, {ServiceID: "walk", Reason: "Full", Referrals: 1},
	}; !slices.Equal(reasons, want) {
		t.Errorf("DeclineReasons = %v, want %v", reasons, want)
	}

	firsts, err := db.FirstAttendances(ctx, q1)
	must(t, err)
	if len(firsts) != 5 || slices.ContainsFunc(firsts, func(d reports.ServiceDays) bool { return d.ServiceID != "walk" || d.Days != 10 }) {
		t.Errorf("FirstAttendances = %v, want 5 of walk at 10 days", firsts)
	}

	waits, err := db.Waiting(ctx, q1)
	must(t, err)
	sortBy(waits, func(d reports.ServiceDays) string { return d.ServiceID })
	// P8: 5 February 10:00 to the end of 31 March is 54 days 14 hours;
	// P0: 20 December 10:00 to then is 101 days 14 hours.
	if len(waits) != 2 || waits[0].ServiceID != "choir" || !near(waits[0].Days, 54+14.0/24) || waits[1].ServiceID != "walk" || !near(waits[1].Days, 101+14.0/24) {
		t.Errorf("Waiting = %v, want choir 54.58 and walk 101.58 days", waits)
	}

	pairs, err := db.WellbeingPairs(ctx, q1)
	must(t, err)
	if len(pairs) != 6 {
		t.Fatalf("WellbeingPairs = %d pairs, want 6 (P1–P5 and P9): %v", len(pairs), pairs)
	}
	for _, p := range pairs {
		walker := p.First == reports.Scores{4, 5, 5, 7} && p.Latest == reports.Scores{6, 6, 4, 5} && slices.Equal(p.ServiceIDs, []string{"walk"})
		p9 := p.First == reports.Scores{3, 3, 3, 8} && p.Latest == reports.Scores{5, 5, 5, 6} && slices.Equal(p.ServiceIDs, []string{"choir"})
		if !walker && !p9 {
			t.Errorf("unexpected pair %+v", p)
		}
	}

	needs, err := db.Needs(ctx, q1)
	must(t, err)
	sortBy(needs, func(n reports.NeedCount) string { return n.Area })
	if want := []reports.NeedCount{{Area: "LS6", Kind: "walking", People: 6}, {Area: "LS7", Kind: "money-advice", People: 2}}; !slices.Equal(needs, want) {
		t.Errorf("Needs = %v, want %v", needs, want)
	}

	coded, err := db.CodedEventCounts(ctx, q1)
	must(t, err)
	wantCoded := []reports.CodedCount{
		{Practice: "Elm Practice", Month: "2026-02", Code: casework.CodeDeclined, Term: "term " + casework.CodeDeclined, Events: 1},
		{Practice: "Oak Surgery", Month: "2026-01", Code: casework.CodeReferral, Term: "term " + casework.CodeReferral, Events: 3},
	}
	if !slices.Equal(coded, wantCoded) {
		t.Errorf("CodedEventCounts = %v, want %v (P4–P6 coded in April)", coded, wantCoded)
	}

	kinds, err := db.ServiceKinds(ctx, []string{"walk", "debt", "gone"})
	must(t, err)
	if len(kinds) != 2 || !slices.Equal(kinds["walk"], []string{"walking"}) || !slices.Equal(kinds["debt"], []string{"money-advice"}) {
		t.Errorf("ServiceKinds = %v, want walk walking and debt money-advice (gone has none)", kinds)
	}
}

// sourceFilters: each filter narrows the people every count is made
// over (the kind of support by what matters to them only for
// person-level counts: services' kinds are applied by the Builder).
func sourceFilters(t *testing.T, db reports.Source) {
	ctx := context.Background()
	type counts struct{ intake, made, supported, pairs, waiting, coded, needs int }
	for _, tt := range []struct {
		name string
		f    reports.Filter
		want counts
	}{
		{"all", q1, counts{11, 11, 5, 6, 2, 4, 8}},
		{"team", reports.Filter{From: q1From, To: q1To, TeamID: "south"}, counts{1, 0, 0, 0, 0, 0, 0}},
		{"practice", reports.Filter{From: q1From, To: q1To, Practice: "Elm Practice"}, counts{2, 2, 1, 0, 1, 1, 2}},
		{"link worker", reports.Filter{From: q1From, To: q1To, LinkWorker: 42}, counts{2, 2, 1, 0, 1, 1, 2}},
		// LS6: P1–P6 and P0 (referred before the period, still waiting).
		{"area", reports.Filter{From: q1From, To: q1To, Area: "ls6"}, counts{6, 7, 4, 5, 1, 3, 6}},
		{"kind (by need)", reports.Filter{From: q1From, To: q1To, Kind: "money-advice"}, counts{2, 11, 1, 0, 2, 1, 2}},
		{"last day", reports.Filter{From: q1To, To: q1To}, counts{1, 1, 1, 0, 2, 0, 8}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got counts
			intake, err := db.Intake(ctx, tt.f)
			must(t, err)
			for _, c := range intake {
				got.intake += c.People
			}
			flows, err := db.ReferralFlows(ctx, tt.f)
			must(t, err)
			for _, fl := range flows {
				got.made += fl.Made
			}
			cpp, err := db.ContactsPerPerson(ctx, tt.f)
			must(t, err)
			for _, c := range cpp {
				got.supported += c.People
			}
			pairs, err := db.WellbeingPairs(ctx, tt.f)
			must(t, err)
			got.pairs = len(pairs)
			waits, err := db.Waiting(ctx, tt.f)
			must(t, err)
			got.waiting = len(waits)
			coded, err := db.CodedEventCounts(ctx, tt.f)
			must(t, err)
			for _, c := range coded {
				got.coded += c.Events
			}
			needs, err := db.Needs(ctx, tt.f)
			must(t, err)
			for _, n := range needs {
				got.needs += n.People
			}
			if got != tt.want {
				t.Errorf("counts = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func near(a, b float64) bool { return a-b < 1e-3 && b-a < 1e-3 }
