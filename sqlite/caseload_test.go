package sqlite_test

import (
	"context"
	"database/sql"
	"testing"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/sqlite"
)

func names(list []casework.PersonSummary) []string {
	var out []string
	for _, p := range list {
		out = append(out, p.Name)
	}
	return out
}

// Records stored before migration 0022 have empty search columns; Open
// fills them. (The caseload's search, filters and orders are tested on
// both stores by storetest.Caseload.)
func TestOpenFillsSearchKeys(t *testing.T) {
	ctx := context.Background()
	db := mustCaseworkDB(t)
	mustPerson(t, db, "north", "Ada Lovelace")
	zoe := &casework.Person{TeamID: "north", Name: "Zoë Ångström", DateOfBirth: date("1961-12-25"), NHSNumber: "9434765870", Status: casework.StatusNew}
	if err := db.InTx(ctx, func(tx *sqlite.Tx) error { return tx.CreatePerson(ctx, zoe) }); err != nil {
		t.Fatal(err)
	}
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
		s, err := casework.ParseCaseloadSearch(q)
		if err != nil {
			t.Fatal(err)
		}
		list, err := db.People(ctx, casework.PeopleFilter{TeamID: "north", Search: s})
		if err != nil || len(list) != 1 {
			t.Errorf("after reopening, %q finds %q, %v", q, names(list), err)
		}
	}
}
