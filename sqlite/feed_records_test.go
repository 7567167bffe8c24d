package sqlite_test

import (
	"context"
	"testing"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/sqlite"
	"github.com/paulmach/orb"
)

// Organisations and locations listed without services are kept, and
// report whether they were new or changed as services do.
func TestPutOrganizationAndLocation(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	org := &directory.Organization{ID: "age-uk-leeds", Name: "Age UK Leeds", Description: "Older people's charity",
		Identifiers: []directory.Identifier{{ID: "chc", Scheme: "GB-CHC", Type: "Charity number", Value: "1124379"}}}
	hall := &directory.Location{ID: "hall", Type: directory.Physical, Name: "Hyde Park Hall", Point: &orb.Point{-1.5686, 53.819},
		Schedules:  []directory.Schedule{{ID: "hall-open", Freq: directory.Weekly, ByDay: "MO", Opens: "09:00", Closes: "17:00"}},
		ExternalID: "72123456", ExternalIDType: "uprn"}
	put := func() (orgCreated, orgChanged, locCreated, locChanged bool) {
		t.Helper()
		err := db.InTx(ctx, func(tx *sqlite.Tx) error {
			var err error
			if orgCreated, orgChanged, err = tx.PutOrganization(ctx, org); err != nil {
				return err
			}
			locCreated, locChanged, err = tx.PutLocation(ctx, hall)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return
	}
	if oc, och, lc, lch := put(); !oc || !och || !lc || !lch {
		t.Errorf("first put: created, changed = %v %v, %v %v; want all true", oc, och, lc, lch)
	}
	if oc, och, lc, lch := put(); oc || och || lc || lch {
		t.Errorf("second put: created, changed = %v %v, %v %v; want all false", oc, och, lc, lch)
	}
	org.Identifiers[0].Value = "1124380"
	if oc, och, _, _ := put(); oc || !och {
		t.Errorf("changed identifier: created, changed = %v %v; want false true", oc, och)
	}
	orgs, err := db.Organizations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(orgs) != 1 || len(orgs[0].Identifiers) != 1 || orgs[0].Identifiers[0].Value != "1124380" {
		t.Errorf("Organizations() = %+v, want Age UK Leeds with its charity number", orgs)
	}

	// A service names the hall by id alone and is linked to it as stored.
	mustPut(t, db, &directory.Service{ID: "lunch", Name: "Lunch club", Status: directory.StatusActive, Organization: org,
		Locations: []directory.ServiceAtLocation{{ID: "lunch-at-hall", Location: directory.Location{ID: "hall"}}}})
	got, err := db.Service(ctx, "lunch")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diff(*hall, got.Locations[0].Location) {
		t.Errorf("linked location%s", d)
	}
	if got.Organization.Identifiers[0].Label() != "Registered charity 1124380" {
		t.Errorf("organisation identifiers = %+v", got.Organization.Identifiers)
	}
	var has, hasNot bool
	db.InTx(ctx, func(tx *sqlite.Tx) error {
		has, _ = tx.HasLocation(ctx, "hall")
		hasNot, _ = tx.HasLocation(ctx, "nowhere")
		return nil
	})
	if !has || hasNot {
		t.Errorf("HasLocation(hall, nowhere) = %v, %v; want true, false", has, hasNot)
	}
}

// A term's code, URI and version come from its vocabulary; a service
// that describes the term without them does not blank them.
func TestTermCodes(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	vocab := directory.Term{ID: "t-1800", Name: "Food", Taxonomy: "211 LA", Code: "BD-1800", URI: "https://211taxonomy.org/BD-1800", Version: "2024"}
	if err := db.InTx(ctx, func(tx *sqlite.Tx) error { return tx.PutTerms(ctx, []directory.Term{vocab}) }); err != nil {
		t.Fatal(err)
	}
	mustPut(t, db, &directory.Service{ID: "s", Name: "Food bank", Status: directory.StatusActive,
		Terms: []directory.Term{{ID: "t-1800", Name: "Food", Description: "Meals and food parcels", Taxonomy: "211 LA"}}})
	got, err := db.Term(ctx, "t-1800")
	if err != nil {
		t.Fatal(err)
	}
	want := vocab
	want.Description = "Meals and food parcels"
	for _, d := range diff(want, *got) {
		t.Errorf("Term%s", d)
	}
	terms, err := db.TaxonomyTerms(ctx)
	if err != nil || len(terms) != 1 || terms[0].Code != "BD-1800" {
		t.Errorf("TaxonomyTerms() = %+v, %v; want the term with its code", terms, err)
	}
}

// A staged import applies organisations, locations and terms put on
// their own in the order they were put, with the services among them.
func TestStagedImportKinds(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	imp, err := db.BeginImport(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer imp.Discard()
	steps := []func() error{
		func() error { return imp.PutTerms(ctx, []directory.Term{{ID: "walking", Name: "Walking"}}) },
		func() error { return imp.PutTerms(ctx, []directory.Term{{ID: "food", Name: "Food", Code: "BD"}}) },
		func() error {
			_, _, err := imp.PutOrganization(ctx, &directory.Organization{ID: "o", Name: "Org"})
			return err
		},
		func() error {
			_, _, err := imp.PutLocation(ctx, &directory.Location{ID: "hall", Type: directory.Physical, Name: "Hall"})
			return err
		},
		func() error {
			// Names the hall put just before it, by id alone.
			_, _, err := imp.PutService(ctx, &directory.Service{ID: "s", Name: "Lunch", Status: directory.StatusActive,
				Terms:     []directory.Term{{ID: "food"}},
				Locations: []directory.ServiceAtLocation{{ID: "s-at-hall", Location: directory.Location{ID: "hall"}}}})
			return err
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	if has, err := imp.HasLocation(ctx, "hall"); err != nil || has {
		t.Errorf("HasLocation(hall) before commit = %v, %v; want false: nothing is applied yet", has, err)
	}
	if err := imp.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if len(imp.Failed) > 0 {
		t.Fatalf("not applied: %v", imp.Failed)
	}
	s, err := db.Service(ctx, "s")
	if err != nil {
		t.Fatal(err)
	}
	if s.Locations[0].Location.Name != "Hall" || s.Terms[0].Code != "BD" {
		t.Errorf("service = %+v, want it at the Hall with term code BD", s)
	}
	for _, id := range []string{"walking", "food"} {
		if _, err := db.Term(ctx, id); err != nil {
			t.Errorf("Term(%s): %v; want both term lists kept", id, err)
		}
	}
	st, _ := db.Stats(ctx)
	if st.Organizations != 1 || st.Locations != 1 {
		t.Errorf("Stats = %+v, want the organisation and the hall", st)
	}

	// Unchanged on a second import: nothing staged, nothing logged.
	before, _ := db.LastChangeSeq(ctx)
	imp2, err := db.BeginImport(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer imp2.Discard()
	oc, och, err1 := imp2.PutOrganization(ctx, &directory.Organization{ID: "o", Name: "Org"})
	lc, lch, err2 := imp2.PutLocation(ctx, &directory.Location{ID: "hall", Type: directory.Physical, Name: "Hall"})
	if err1 != nil || err2 != nil || oc || och || lc || lch {
		t.Errorf("re-put: %v %v %v, %v %v %v; want unchanged", oc, och, err1, lc, lch, err2)
	}
	if err := imp2.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if after, _ := db.LastChangeSeq(ctx); after != before {
		t.Errorf("an unchanged import moved the change log from %d to %d", before, after)
	}
}

// A service naming a location the store does not hold is refused by the
// store (the importer checks first and warns instead).
func TestReferenceToMissingLocation(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	err := db.InTx(ctx, func(tx *sqlite.Tx) error {
		_, _, err := tx.PutService(ctx, &directory.Service{ID: "s", Name: "Lunch", Status: directory.StatusActive,
			Locations: []directory.ServiceAtLocation{{ID: "s-at-x", Location: directory.Location{ID: "nowhere"}}}})
		return err
	})
	if err == nil {
		t.Fatal("PutService with a missing location succeeded, want an error")
	}
	if _, err := db.Service(ctx, "s"); directory.KindOf(err) != directory.NotFound {
		t.Errorf("Service(s) after the failed put = %v, want not found", err)
	}
}
