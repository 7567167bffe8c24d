package sqlite_test

import (
	"context"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
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
