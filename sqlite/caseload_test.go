package sqlite_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/sqlite"
)

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

func names(list []casework.PersonSummary) []string {
	var out []string
	for _, p := range list {
		out = append(out, p.Name)
	}
	return out
}
