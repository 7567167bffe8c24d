package storetest

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
)

// Caseload tests the caseload's search, filters, orders and pages, and
// the contact summary kept beside each person. open returns a new empty
// store.
func Caseload(t *testing.T, open func(testing.TB) CaseworkStore) {
	t.Run("SearchFilterSort", func(t *testing.T) { testPeopleSearchFilterSort(t, openTeams(t, open)) })
	t.Run("ContactSummaryFollowsContacts", func(t *testing.T) { testContactSummary(t, openTeams(t, open)) })
	t.Run("Pages", func(t *testing.T) { testPeoplePages(t, openTeams(t, open)) })
}

// caseloadToday is the fixed "today" of the caseload tests.
var caseloadToday = Date("2026-06-15")

// seedPerson describes one person of a test caseload.
type seedPerson struct {
	name, dob, nhs string
	worker         int64
	status         casework.Status
	review         string   // YYYY-MM-DD or ""
	contacts       []string // contact dates, stored in this order
}

// mustSeedCaseload stores people in the north team in the order given,
// a minute apart, so that "newest" is the reverse order.
func mustSeedCaseload(tb testing.TB, st CaseworkStore, people []seedPerson) map[string]*casework.Person {
	tb.Helper()
	ctx := context.Background()
	clock := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	st.SetNow(func() time.Time { return clock })
	byName := map[string]*casework.Person{}
	for _, sp := range people {
		clock = clock.Add(time.Minute)
		p := &casework.Person{TeamID: "north", Name: sp.name, DateOfBirth: Date(sp.dob), NHSNumber: sp.nhs, LinkWorker: sp.worker,
			Status: sp.status, Consent: casework.Consent{Hold: true}}
		if sp.review != "" {
			p.Plan.ReviewDate = Date(sp.review)
		}
		mustWrite(tb, st, func(tx CaseworkTx) error {
			if err := tx.CreatePerson(ctx, p); err != nil {
				return err
			}
			for _, d := range sp.contacts {
				c := casework.Contact{PersonID: p.ID, Date: Date(d), Kind: casework.ContactPhone, By: sp.worker}
				if err := tx.RecordContact(ctx, &c, nil, nil); err != nil {
					return err
				}
			}
			return nil
		})
		byName[sp.name] = p
	}
	return byName
}

// A small caseload where each search, filter and order picks out a
// different set or sequence.
var caseloadSeed = []seedPerson{
	{name: "Ada Lovelace", dob: "1950-03-04", nhs: "9434765919", worker: 1, status: casework.StatusActive, review: "2026-06-01", contacts: []string{"2026-06-10", "2026-05-01"}},
	{name: "Zoë Ångström", dob: "1961-12-25", nhs: "9434765870", worker: 2, status: casework.StatusNew, review: "2026-06-20"},
	{name: "Charles Babbage", dob: "1950-03-04", worker: 1, status: casework.StatusOnHold, review: "2026-07-30", contacts: []string{"2026-01-20"}},
	{name: "Mary Somerville", dob: "1940-12-26", worker: 2, status: casework.StatusDischarged, review: "2026-05-01", contacts: []string{"2026-03-03"}},
	{name: "Grace Hopper", dob: "1936-12-09", worker: 0, status: casework.StatusActive, contacts: []string{"2026-04-04"}},
}

func mustSearch(tb testing.TB, q string) casework.CaseloadSearch {
	tb.Helper()
	s, err := casework.ParseCaseloadSearch(q)
	if err != nil {
		tb.Fatalf("ParseCaseloadSearch(%q): %v", q, err)
	}
	return s
}

func testPeopleSearchFilterSort(t *testing.T, st CaseworkStore) {
	mustSeedCaseload(t, st, caseloadSeed)
	mustPerson(t, st, "south", "Ada South") // same NHS number and birthday as Ada, another team

	tests := []struct {
		name string
		f    casework.PeopleFilter
		want []string
	}{
		{"everyone by name", casework.PeopleFilter{}, []string{"Ada Lovelace", "Charles Babbage", "Grace Hopper", "Mary Somerville", "Zoë Ångström"}},
		{"part of a name, any case", casework.PeopleFilter{Search: mustSearch(t, "LOVE")}, []string{"Ada Lovelace"}},
		{"words in any order", casework.PeopleFilter{Search: mustSearch(t, "babbage char")}, []string{"Charles Babbage"}},
		{"without accents", casework.PeopleFilter{Search: mustSearch(t, "zoe angstrom")}, []string{"Zoë Ångström"}},
		{"with accents", casework.PeopleFilter{Search: mustSearch(t, "Ångström")}, []string{"Zoë Ångström"}},
		{"% and _ are letters, not wildcards", casework.PeopleFilter{Search: mustSearch(t, "a% _")}, nil},
		{"NHS number with spaces", casework.PeopleFilter{Search: mustSearch(t, "943 476 5919")}, []string{"Ada Lovelace"}},
		{"NHS number without spaces", casework.PeopleFilter{Search: mustSearch(t, "9434765870")}, []string{"Zoë Ångström"}},
		{"UK date of birth", casework.PeopleFilter{Search: mustSearch(t, "04/03/1950")}, []string{"Ada Lovelace", "Charles Babbage"}},
		{"date of birth in words", casework.PeopleFilter{Search: mustSearch(t, "25 December 1961")}, []string{"Zoë Ångström"}},
		{"ISO date of birth", casework.PeopleFilter{Search: mustSearch(t, "1940-12-26")}, []string{"Mary Somerville"}},
		{"no match", casework.PeopleFilter{Search: mustSearch(t, "turing")}, nil},
		{"one status", casework.PeopleFilter{Statuses: []casework.Status{casework.StatusActive}}, []string{"Ada Lovelace", "Grace Hopper"}},
		{"two statuses", casework.PeopleFilter{Statuses: []casework.Status{casework.StatusNew, casework.StatusOnHold}}, []string{"Charles Babbage", "Zoë Ångström"}},
		{"one worker", casework.PeopleFilter{LinkWorker: 2}, []string{"Mary Somerville", "Zoë Ångström"}},
		{"review overdue, not the discharged", casework.PeopleFilter{ReviewDue: casework.ReviewOverdue, Today: caseloadToday}, []string{"Ada Lovelace"}},
		{"review due in 14 days", casework.PeopleFilter{ReviewDue: casework.ReviewSoon, Today: caseloadToday}, []string{"Zoë Ångström"}},
		{"sort by review due, none last", casework.PeopleFilter{Sort: casework.SortReviewDue},
			[]string{"Mary Somerville", "Ada Lovelace", "Zoë Ångström", "Charles Babbage", "Grace Hopper"}},
		{"sort by last contact, never first", casework.PeopleFilter{Sort: casework.SortLastContact},
			[]string{"Zoë Ångström", "Charles Babbage", "Mary Somerville", "Grace Hopper", "Ada Lovelace"}},
		{"sort by status", casework.PeopleFilter{Sort: casework.SortStatus},
			[]string{"Zoë Ångström", "Ada Lovelace", "Grace Hopper", "Charles Babbage", "Mary Somerville"}},
		{"newest first", casework.PeopleFilter{Sort: casework.SortNewest},
			[]string{"Grace Hopper", "Mary Somerville", "Charles Babbage", "Zoë Ångström", "Ada Lovelace"}},
		{"filter, search and sort together", casework.PeopleFilter{LinkWorker: 1, Search: mustSearch(t, "4 Mar 1950"), Sort: casework.SortNewest},
			[]string{"Charles Babbage", "Ada Lovelace"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.f.TeamID = "north"
			list, err := st.People(context.Background(), tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := names(list); !slices.Equal(got, tt.want) {
				t.Errorf("People() = %q, want %q", got, tt.want)
			}
			if n, err := st.CountPeople(context.Background(), tt.f); err != nil || n != len(tt.want) {
				t.Errorf("CountPeople() = %d, %v, want %d", n, err, len(tt.want))
			}
		})
	}
}

// The contact count and last contact beside each record follow its
// contacts (triggers keep them): contacts stored out of date order, in
// one transaction and in several, and none at all.
func testContactSummary(t *testing.T, st CaseworkStore) {
	ctx := context.Background()
	people := mustSeedCaseload(t, st, caseloadSeed)
	c := casework.Contact{PersonID: people["Grace Hopper"].ID, Date: Date("2026-02-02"), Kind: casework.ContactPhone, By: 1}
	mustWrite(t, st, func(tx CaseworkTx) error { return tx.RecordContact(ctx, &c, nil, nil) })
	list, err := st.People(ctx, casework.PeopleFilter{TeamID: "north"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		n    int
		last string
	}{
		"Ada Lovelace":    {2, "2026-06-10"},
		"Zoë Ångström":    {0, ""},
		"Charles Babbage": {1, "2026-01-20"},
		"Mary Somerville": {1, "2026-03-03"},
		"Grace Hopper":    {2, "2026-04-04"}, // an earlier contact does not move the last one back
	}
	for _, s := range list {
		w := want[s.Name]
		last := ""
		if !s.LastContact.IsZero() {
			last = s.LastContact.Format(time.DateOnly)
		}
		if s.Contacts != w.n || last != w.last {
			t.Errorf("%s: %d contacts, last %q; want %d, %q", s.Name, s.Contacts, last, w.n, w.last)
		}
	}
}

func testPeoplePages(t *testing.T, st CaseworkStore) {
	ctx := context.Background()
	var seed []seedPerson
	for i := range 7 {
		// Same name for all: pages must still neither repeat nor skip anyone.
		seed = append(seed, seedPerson{name: "Sam Smith", dob: fmt.Sprintf("1950-01-%02d", i+1), status: casework.StatusActive})
	}
	mustSeedCaseload(t, st, seed)
	for _, sort := range []casework.CaseloadSort{casework.SortName, casework.SortNewest, casework.SortStatus} {
		var seen []string
		for offset := 0; offset < 9; offset += 3 {
			list, err := st.People(ctx, casework.PeopleFilter{TeamID: "north", Sort: sort, Limit: 3, Offset: offset})
			if err != nil {
				t.Fatal(err)
			}
			if want := min(3, 7-offset); len(list) != want {
				t.Errorf("%v: page at %d: %d people, want %d", sort, offset, len(list), want)
			}
			for _, p := range list {
				seen = append(seen, p.ID)
			}
		}
		slices.Sort(seen)
		if n := len(slices.Compact(seen)); n != 7 {
			t.Errorf("%v: three pages showed %d different people, want all 7", sort, n)
		}
	}
	if list, _ := st.People(ctx, casework.PeopleFilter{TeamID: "north", Limit: 3, Offset: 30}); len(list) != 0 {
		t.Errorf("past the last page: %d people", len(list))
	}
	if list, _ := st.People(ctx, casework.PeopleFilter{TeamID: "north", Offset: 5}); len(list) != 2 {
		t.Errorf("no limit from 5: %d people, want 2", len(list))
	}
}
