package sqlite_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/sqlite"
)

// benchTeamSize is the caseload the issue asks us to keep fast.
const benchTeamSize = 2000

// nhsNumberFor makes a valid NHS number from a seed: nine digits and
// their check digit, skipping the seeds whose check would be 10.
func nhsNumberFor(seed int) string {
	for ; ; seed++ {
		d := fmt.Sprintf("%09d", 400000000+seed)
		sum := 0
		for i := range 9 {
			sum += int(d[i]-'0') * (10 - i)
		}
		check := (11 - sum%11) % 11
		if check != 10 {
			return d + fmt.Sprint(check)
		}
	}
}

// mustSeedBigTeam stores n people in each of the north and south teams,
// with five link workers, contacts and referrals, in a real SQLite file.
func mustSeedBigTeam(tb testing.TB, db *sqlite.DB, n int) {
	tb.Helper()
	ctx := context.Background()
	first := []string{"Ada", "Charles", "Grace", "Mary", "Alan", "Zoë", "Siobhán", "Mohammed", "Priya", "Tomasz", "Olu", "Chloé"}
	last := []string{"Lovelace", "Babbage", "Hopper", "Somerville", "Turing", "Ångström", "Ní Bhriain", "Khan", "Patel", "Nowak", "Adeyemi", "Dubois"}
	statuses := []casework.Status{casework.StatusNew, casework.StatusActive, casework.StatusActive, casework.StatusOnHold, casework.StatusDischarged}
	base := date("2026-01-01")
	err := db.InTx(ctx, func(tx *sqlite.Tx) error {
		for _, team := range []string{"north", "south"} {
			for i := range n {
				p := &casework.Person{TeamID: team, LinkWorker: int64(1 + i%5),
					Name:        fmt.Sprintf("%s %s-%d", first[i%len(first)], last[(i/len(first))%len(last)], i),
					DateOfBirth: date("1930-01-01").AddDate(0, 0, i*7), NHSNumber: nhsNumberFor(i * 13),
					Status: statuses[i%len(statuses)], Consent: casework.Consent{Hold: true}}
				if i%3 != 0 {
					p.Plan.ReviewDate = base.AddDate(0, 0, 100+i%120)
				}
				if err := tx.CreatePerson(ctx, p); err != nil {
					return err
				}
				for c := range i % 9 {
					contact := casework.Contact{PersonID: p.ID, Date: base.AddDate(0, 0, c*11+i%17), Kind: casework.ContactPhone, By: p.LinkWorker}
					if err := tx.RecordContact(ctx, &contact, nil, nil); err != nil {
						return err
					}
				}
				for range i % 3 {
					ref := &casework.Referral{PersonID: p.ID, TeamID: team, ServiceID: "walk-1", ServiceName: "Walking group",
						Mode: casework.ModeReferral, Status: casework.RefReferred, CreatedBy: p.LinkWorker}
					if err := tx.CreateReferral(ctx, ref); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkCaseload times one caseload page (the page's people and the
// count for "of N") in a team of 2,000, the way the caseload page asks
// for them.
func BenchmarkCaseload(b *testing.B) {
	db := mustCaseworkDB(b)
	mustSeedBigTeam(b, db, benchTeamSize)
	today := date("2026-06-15")
	search := func(q string) casework.CaseloadSearch {
		s, err := casework.ParseCaseloadSearch(q)
		if err != nil {
			b.Fatal(err)
		}
		return s
	}
	for _, bb := range []struct {
		name string
		f    casework.PeopleFilter
	}{
		{"default", casework.PeopleFilter{}},
		{"name", casework.PeopleFilter{Search: search("siobhan")}},
		{"nhs", casework.PeopleFilter{Search: search(nhsNumberFor(1000 * 13))}},
		{"dob", casework.PeopleFilter{Search: search("1/1/1930")}},
		{"filter_sort", casework.PeopleFilter{Statuses: []casework.Status{casework.StatusActive}, LinkWorker: 2,
			ReviewDue: casework.ReviewSoon, Today: today, Sort: casework.SortLastContact}},
		{"sort_review", casework.PeopleFilter{Sort: casework.SortReviewDue}},
		{"last_page", casework.PeopleFilter{Sort: casework.SortNewest, Offset: (benchTeamSize - 1) / 50 * 50}},
	} {
		b.Run(bb.name, func(b *testing.B) {
			ctx := context.Background()
			f := bb.f
			f.TeamID, f.Limit = "north", 50
			if n, err := db.CountPeople(ctx, f); err != nil || n == 0 {
				b.Fatalf("CountPeople = %d, %v: the benchmark finds no one", n, err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := db.People(ctx, f); err != nil {
					b.Fatal(err)
				}
				if _, err := db.CountPeople(ctx, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Every NHS number the benchmark makes passes the check digit, so its
// NHS search is a real one.
func TestNHSNumberForIsValid(t *testing.T) {
	for i := range 500 {
		if _, err := casework.NormalizeNHSNumber(nhsNumberFor(i)); err != nil {
			t.Fatalf("nhsNumberFor(%d) = %s: %v", i, nhsNumberFor(i), err)
		}
	}
}
