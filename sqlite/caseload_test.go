package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/sqlite"
)

// caseloadToday is the fixed "today" of the caseload tests.
var caseloadToday = date("2026-06-15")

// seedPerson describes one person of a test caseload.
type seedPerson struct {
	name, dob, nhs string
	worker         int64
	status         casework.Status
	review         string   // YYYY-MM-DD or ""
	contacts       []string // contact dates
}

// mustSeedCaseload stores people in the north team in the order given,
// a minute apart, so that "newest" is the reverse order.
func mustSeedCaseload(tb testing.TB, db *sqlite.DB, people []seedPerson) map[string]*casework.Person {
	tb.Helper()
	ctx := context.Background()
	clock := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return clock }
	byName := map[string]*casework.Person{}
	for _, sp := range people {
		clock = clock.Add(time.Minute)
		p := &casework.Person{TeamID: "north", Name: sp.name, DateOfBirth: date(sp.dob), NHSNumber: sp.nhs, LinkWorker: sp.worker,
			Status: sp.status, Consent: casework.Consent{Hold: true}}
		if sp.review != "" {
			p.Plan.ReviewDate = date(sp.review)
		}
		err := db.InTx(ctx, func(tx *sqlite.Tx) error {
			if err := tx.CreatePerson(ctx, p); err != nil {
				return err
			}
			for _, d := range sp.contacts {
				c := casework.Contact{PersonID: p.ID, Date: date(d), Kind: casework.ContactPhone, By: sp.worker}
				if err := tx.RecordContact(ctx, &c, nil, nil); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
		byName[sp.name] = p
	}
	return byName
}

// A small caseload where each search, filter and order picks out a
// different set or sequence.
var caseloadSeed = []seedPerson{
	{name: "Ada Lovelace", dob: "1950-03-04", nhs: "9434765919", worker: 1, status: casework.StatusActive, review: "2026-06-01", contacts: []string{"2026-05-01", "2026-06-10"}},
	{name: "Zoë Ångström", dob: "1961-12-25", nhs: "9434765870", worker: 2, status: casework.StatusNew, review: "2026-06-20"},
	{name: "Charles Babbage", dob: "1950-03-04", worker: 1, status: casework.StatusOnHold, review: "2026-07-30", contacts: []string{"2026-01-20"}},
	{name: "Mary Somerville", dob: "1940-12-26", worker: 2, status: casework.StatusDischarged, review: "2026-05-01", contacts: []string{"2026-03-03"}},
	{name: "Grace Hopper", dob: "1936-12-09", worker: 0, status: casework.StatusActive, contacts: []string{"2026-04-04"}},
}

func mustFindPeople(t *testing.T, db *sqlite.DB, f casework.PeopleFilter) []string {
	t.Helper()
	f.TeamID = "north"
	list, err := db.People(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return names(list)
}

func mustSearch(t *testing.T, q string) casework.CaseloadSearch {
	t.Helper()
	s, err := casework.ParseCaseloadSearch(q)
	if err != nil {
		t.Fatalf("ParseCaseloadSearch(%q): %v", q, err)
	}
	return s
}

func TestPeopleSearchFilterSort(t *testing.T) {
	db := mustCaseworkDB(t)
	mustSeedCaseload(t, db, caseloadSeed)
	mustPerson(t, db, "south", "Ada South") // same NHS number and birthday as Ada, another team

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
			if got := mustFindPeople(t, db, tt.f); !slices.Equal(got, tt.want) {
				t.Errorf("People() = %q, want %q", got, tt.want)
			}
			tt.f.TeamID = "north"
			if n, err := db.CountPeople(context.Background(), tt.f); err != nil || n != len(tt.want) {
				t.Errorf("CountPeople() = %d, %v, want %d", n, err, len(tt.want))
			}
		})
	}
}

func TestPeopleContactSummaryFollowsContacts(t *testing.T) {
	db := mustCaseworkDB(t)
	mustSeedCaseload(t, db, caseloadSeed)
	list, err := db.People(context.Background(), casework.PeopleFilter{TeamID: "north", Search: mustSearch(t, "ada")})
	if err != nil || len(list) != 1 {
		t.Fatalf("People: %v %v", list, err)
	}
	if ada := list[0]; ada.Contacts != 2 || !ada.LastContact.Equal(date("2026-06-10")) {
		t.Errorf("Ada: %d contacts, last %v; want 2, 2026-06-10", ada.Contacts, ada.LastContact)
	}
}

func TestPeoplePages(t *testing.T) {
	db := mustCaseworkDB(t)
	var seed []seedPerson
	for i := range 7 {
		// Same name for all: pages must still neither repeat nor skip anyone.
		seed = append(seed, seedPerson{name: "Sam Smith", dob: fmt.Sprintf("1950-01-%02d", i+1), status: casework.StatusActive})
	}
	mustSeedCaseload(t, db, seed)
	var seen []string
	for offset := 0; offset < 9; offset += 3 {
		list, err := db.People(context.Background(), casework.PeopleFilter{TeamID: "north", Limit: 3, Offset: offset})
		if err != nil {
			t.Fatal(err)
		}
		if want := min(3, 7-offset); len(list) != want {
			t.Errorf("page at %d: %d people, want %d", offset, len(list), want)
		}
		for _, p := range list {
			seen = append(seen, p.ID)
		}
	}
	slices.Sort(seen)
	if len(slices.Compact(seen)) != 7 {
		t.Errorf("three pages showed %d different people, want all 7", len(slices.Compact(seen)))
	}
	if list, _ := db.People(context.Background(), casework.PeopleFilter{TeamID: "north", Limit: 3, Offset: 30}); len(list) != 0 {
		t.Errorf("past the last page: %d people", len(list))
	}
}

// Records stored before migration 0022 have empty search columns; Open
// fills them.
func TestOpenFillsSearchKeys(t *testing.T) {
	db := mustCaseworkDB(t)
	mustSeedCaseload(t, db, caseloadSeed[:2])
	path := db.Path()
	db.Close()
	raw, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE people SET search_name = '', nhs_number = '', date_of_birth = ''`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	db = mustOpenAt(t, path)
	for _, q := range []string{"zoe", "9434765919", "25/12/1961"} {
		if got := mustFindPeople(t, db, casework.PeopleFilter{Search: mustSearch(t, q)}); len(got) != 1 {
			t.Errorf("after reopening, %q finds %q", q, got)
		}
	}
}
