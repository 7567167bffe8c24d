// Package schemegen fills a real store with a made-up social
// prescribing scheme of any size, for benchmarks of the reports: teams,
// practices, services with kinds of support, people with what matters
// to them, their contacts and coded events, referrals moving through
// their statuses, and ONS4 scores. Everything is drawn from a seeded
// generator, so a size and seed always give the same scheme. Nobody in
// it is real.
package schemegen

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/sqlite"
)

// Size is how big a scheme to make.
type Size struct {
	People, Referrals, Contacts int
}

// Issue16 is the size the reports must render for in 500 ms.
var Issue16 = Size{People: 2000, Referrals: 20000, Contacts: 100000}

// Start and End bound the scheme's dates: two years of work.
var (
	Start = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	End   = time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
)

// Kinds are the kinds of support the made-up services have and people
// need: ids of data/taxonomy.json.
var Kinds = []string{"walking-groups", "arts-and-crafts", "debt-advice", "befriending", "gardening", "physical-activity", "housing-support",
	"food-support", "mental-health-peer-support", "learning-and-hobbies", "volunteering", "carers-support"}

// Teams are the scheme's teams.
var Teams = []casework.Team{{ID: "north", Name: "North PCN"}, {ID: "south", Name: "South PCN"}, {ID: "east", Name: "East PCN"}, {ID: "west", Name: "West PCN"}}

var (
	practices = []string{"Oak Surgery", "Elm Practice", "Ash Surgery", "Beech Medical Centre", "Birch Health Centre", "Cedar Practice", "Hazel Surgery", "Larch Medical Practice", "Maple Surgery", "Willow Health Centre"}
	districts = []string{"LS1", "LS2", "LS3", "LS4", "LS5", "LS6", "LS7", "LS8", "LS9", "LS10", "LS11", "LS12"}
	sources   = []string{"gp", "gp", "gp", "self", "agency", "other", ""}
	reasons   = []string{"Loneliness", "Low mood", "Money worries", "Housing", "Long-term condition", "Bereavement", "Carer stress", "Inactivity", "Other"}
)

// Generate fills db with a scheme of size, drawn from seed, adding its
// teams (or renaming them, if they exist). One transaction per person
// keeps each person's record and its dates consistent and the write
// lock short.
func Generate(ctx context.Context, db *sqlite.DB, size Size, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	for _, t := range Teams {
		if err := db.PutTeam(ctx, t); err != nil {
			return err
		}
	}
	const services = 60
	err := db.InTx(ctx, func(tx *sqlite.Tx) error {
		for i := range services {
			s := &directory.Service{ID: fmt.Sprintf("svc-%02d", i), Name: fmt.Sprintf("Service %d", i), Status: directory.StatusActive,
				Kinds: []directory.ServiceKind{{ID: Kinds[i%len(Kinds)], Source: directory.KindModerated, Confidence: 1}}}
			if _, _, err := tx.PutService(ctx, s); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	clock := db.Now
	defer func() { db.Now = clock }()
	span := int(End.Sub(Start).Hours() / 24)
	for i := range size.People {
		// Spread the referrals and contacts evenly, with the remainder
		// going to the first people.
		refs := size.Referrals / size.People
		if i < size.Referrals%size.People {
			refs++
		}
		contacts := size.Contacts / size.People
		if i < size.Contacts%size.People {
			contacts++
		}
		created := Start.AddDate(0, 0, rng.IntN(span)).Add(time.Duration(8+rng.IntN(9)) * time.Hour)
		db.Now = func() time.Time { return created }
		if err := db.InTx(ctx, func(tx *sqlite.Tx) error {
			return person(ctx, tx, rng, i, created, refs, contacts, services)
		}); err != nil {
			return fmt.Errorf("schemegen: person %d: %w", i, err)
		}
	}
	return nil
}

func person(ctx context.Context, tx *sqlite.Tx, rng *rand.Rand, i int, created time.Time, refs, contacts, services int) error {
	team := Teams[rng.IntN(len(Teams))]
	p := &casework.Person{
		TeamID: team.ID, LinkWorker: int64(1 + rng.IntN(12)), Name: fmt.Sprintf("Person %d", i),
		Practice: practices[rng.IntN(len(practices))], ReferralSource: sources[rng.IntN(len(sources))],
		ReferralReason: reasons[rng.IntN(len(reasons))],
		Postcode:       fmt.Sprintf("%s %d%c%c", districts[rng.IntN(len(districts))], rng.IntN(10), 'A'+rune(rng.IntN(26)), 'A'+rune(rng.IntN(26))),
		Status:         casework.StatusActive, Consent: casework.Consent{Hold: true},
		WhatMatters: casework.WhatMatters{Needs: []string{Kinds[rng.IntN(len(Kinds))], Kinds[rng.IntN(len(Kinds))]}},
	}
	if err := tx.CreatePerson(ctx, p); err != nil {
		return err
	}
	day := func(after int) time.Time { return directory.Day(created.AddDate(0, 0, after)) }
	for c := range contacts {
		ct := &casework.Contact{PersonID: p.ID, Date: day(c * 7), Kind: casework.ContactKinds[rng.IntN(len(casework.ContactKinds))], Minutes: 30, By: p.LinkWorker}
		var events []casework.CodedEvent
		if c == 0 {
			events = []casework.CodedEvent{{PersonID: p.ID, TeamID: p.TeamID, Date: ct.Date, Code: casework.CodeReferral, Term: "Referral to social prescribing service", By: p.LinkWorker}}
		}
		if err := tx.RecordContact(ctx, ct, events, nil); err != nil {
			return err
		}
	}
	for range refs {
		if err := tx.CreateReferral(ctx, referral(rng, p, created.AddDate(0, 0, rng.IntN(60)), services)); err != nil {
			return err
		}
	}
	scores := func() casework.ONS4 {
		return casework.ONS4{PersonID: p.ID, Life: rng.IntN(11), Worthwhile: rng.IntN(11), Happy: rng.IntN(11), Anxious: rng.IntN(11), By: p.LinkWorker}
	}
	for k, at := range []int{0, 60, 120}[:1+rng.IntN(3)] {
		o := scores()
		o.Date, o.Stage = day(at), casework.StageReview
		if k == 0 {
			o.Stage = casework.StageStart
		}
		if err := tx.AddOutcome(ctx, &o); err != nil {
			return err
		}
	}
	return nil
}

// paths are the ways a referral goes, one drawn for each.
var paths = [][]casework.ReferralStatus{
	{},
	{casework.RefAccepted},
	{casework.RefAccepted, casework.RefAttended},
	{casework.RefAccepted, casework.RefAttended, casework.RefOngoing},
	{casework.RefAccepted, casework.RefAttended, casework.RefCompleted},
	{casework.RefAccepted, casework.RefDidNotAttend},
	{casework.RefWaitingList},
	{casework.RefWaitingList, casework.RefAccepted, casework.RefAttended},
	{casework.RefDeclined},
	{casework.RefPersonDeclined},
	{casework.RefWithdrawn},
}

var declineNotes = []string{"Full", "Not suitable for their needs", "Outside our area", "Could not contact them", "Other: closing for refurbishment"}

func referral(rng *rand.Rand, p *casework.Person, made time.Time, services int) *casework.Referral {
	svc := fmt.Sprintf("svc-%02d", rng.IntN(services))
	mode, first := casework.ModeReferral, casework.RefReferred
	if rng.IntN(5) == 0 {
		mode, first = casework.ModeSignpost, casework.RefSignposted
	}
	r := &casework.Referral{PersonID: p.ID, TeamID: p.TeamID, ServiceID: svc, ServiceName: svc, Mode: mode, Status: first,
		CreatedBy: p.LinkWorker, CreatedAt: made, History: []casework.ReferralEvent{{To: first, At: made, By: p.LinkWorker}}}
	if mode == casework.ModeSignpost {
		return r
	}
	at := made
	for _, to := range paths[rng.IntN(len(paths))] {
		at = at.Add(time.Duration(1+rng.IntN(20*24)) * time.Hour)
		e := casework.ReferralEvent{From: r.Status, To: to, At: at}
		if to == casework.RefDeclined {
			e.Note = declineNotes[rng.IntN(len(declineNotes))]
		}
		r.History = append(r.History, e)
		r.Status = to
	}
	return r
}
