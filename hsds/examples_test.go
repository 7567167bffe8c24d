package hsds_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/hsds"
	"github.com/linkway/linkway/sqlite"
)

// stagedImportFile imports the feed at path into db through a staged
// import, as the import command does: discarded on error, committed
// otherwise.
func stagedImportFile(tb testing.TB, db *sqlite.DB, path string, format hsds.Format) (hsds.Report, error) {
	tb.Helper()
	ctx := context.Background()
	src, closer, err := hsds.Open(path, format)
	if err != nil {
		return hsds.Report{}, err
	}
	defer closer.Close()
	imp, err := db.BeginImport(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	defer imp.Discard()
	rep, err := (&hsds.Importer{Geo: newFakeGeo()}).ImportSource(ctx, src, imp)
	if err != nil {
		return rep, err
	}
	if err := imp.Commit(ctx); err != nil {
		tb.Fatal(err)
	}
	if len(imp.Failed) > 0 {
		tb.Fatalf("not applied: %v", imp.Failed)
	}
	return rep, nil
}

const (
	exampleOrgID      = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
	exampleLocationID = "3a19ff88-4620-4d17-9830-ac1d859eb5d5"
	exampleTermID     = "3f7b145d-84af-42d7-8fae-eaca714b02b2"
)

// Every JSON example of HSDS 3.0 and of the UK profile imports, each into
// a fresh store, giving what its shape holds: services from service,
// organisation and service-at-location files, organisations from
// organisation lists, venues from location files, vocabulary terms from
// taxonomy files. The one exception is base.json, the API's root
// document, which holds no data and is refused with a message saying
// where the data is.
func TestImportEveryExample(t *testing.T) {
	type want struct {
		services, orgs, locations, terms int // in the store afterwards
		check                            func(t *testing.T, db *sqlite.DB, rep hsds.Report)
	}
	hsdsFull := func(t *testing.T, db *sqlite.DB, _ hsds.Report) {
		s := mustService(t, db, exampleID)
		if s.Organization == nil || len(s.Organization.Identifiers) != 1 || s.Organization.Identifiers[0].Label() != "Company number 1234567" {
			t.Errorf("organisation = %+v, want its company number", s.Organization)
		}
		if s.Program == nil || s.Program.Name != "Community Mental Health Support" {
			t.Errorf("Program = %+v", s.Program)
		}
		if len(s.Funding) != 1 || !strings.HasPrefix(s.Funding[0], "This service is funded partially") {
			t.Errorf("Funding = %q", s.Funding)
		}
		if len(s.RequiredDocuments) != 1 || !strings.HasPrefix(s.RequiredDocuments[0].Name, "Any official identification") {
			t.Errorf("RequiredDocuments = %+v", s.RequiredDocuments)
		}
		if len(s.Attributes) != 1 || s.Attributes[0].Value != "value" || s.Attributes[0].Term.Code != "code" {
			t.Errorf("Attributes = %+v, want the example's attribute with its value and term code", s.Attributes)
		}
		l := s.Locations[0].Location
		if l.ExternalID != "10092008082" || l.ExternalIDType != "uprn" || len(l.Schedules) != 1 || l.Schedules[0].Opens != "10:00" {
			t.Errorf("location = %+v, want its UPRN and opening times", l)
		}
	}
	termCheck := func(taxonomy, version, code string) func(t *testing.T, db *sqlite.DB, rep hsds.Report) {
		return func(t *testing.T, db *sqlite.DB, _ hsds.Report) {
			term, err := db.Term(context.Background(), exampleTermID)
			if err != nil {
				t.Fatal(err)
			}
			want := directory.Term{ID: exampleTermID, Name: "name", Description: "description", ParentID: "0bc248fa-dc27-4650-9ba4-8f1a24ef16a2",
				Taxonomy: taxonomy, Code: code, URI: "http://example.com", Version: version}
			if *term != want {
				t.Errorf("term = %+v\nwant %+v", *term, want)
			}
		}
	}
	noTermsWarning := func(t *testing.T, _ *sqlite.DB, rep hsds.Report) {
		mustContainAll(t, "report", reportLines(rep), `taxonomy: "name": not kept: a taxonomy is kept with its terms, and this one lists none`)
	}
	tests := map[string]want{
		"hsds-3.0-examples/location.json": {locations: 1, check: func(t *testing.T, db *sqlite.DB, rep hsds.Report) {
			if rep.Locations != 1 {
				t.Errorf("report = %+v, want 1 location", rep)
			}
			// The venue is kept so that a service can name it by id.
			mustImport(t, db, &hsds.Importer{}, "["+svc(`"later"`, `"service_at_locations": [{"id": "x", "location_id": "`+exampleLocationID+`"}]`)+"]")
			l := mustService(t, db, "later").Locations[0].Location
			if l.Name != "MyCity Civic Center" || l.ExternalID != "///cheer.parent.mole" || l.ExternalIDType != "what3words" || len(l.Schedules) != 1 {
				t.Errorf("the location file's venue = %+v", l)
			}
		}},
		"hsds-3.0-examples/organization_full.json": {services: 1, orgs: 1, locations: 1, terms: 1, check: func(t *testing.T, db *sqlite.DB, rep hsds.Report) {
			hsdsFull(t, db, rep)
			if s := mustService(t, db, exampleID); s.Organization.ID != exampleOrgID || s.Organization.Name != "Example Organization Inc." {
				t.Errorf("the service's organisation = %+v, want the document's", s.Organization)
			}
		}},
		"hsds-3.0-examples/organization_list.json": {orgs: 1, check: func(t *testing.T, db *sqlite.DB, rep hsds.Report) {
			orgs, err := db.Organizations(context.Background())
			if err != nil || len(orgs) != 1 || orgs[0].Name != "Example Organization Inc." || orgs[0].Website != "http://example.com" {
				t.Errorf("Organizations() = %+v, %v", orgs, err)
			}
			if rep.Organizations != 1 || rep.Written() != 0 {
				t.Errorf("report = %+v, want 1 organisation", rep)
			}
		}},
		"hsds-3.0-examples/service_at_location_full.json": {services: 1, orgs: 1, locations: 1, terms: 1, check: func(t *testing.T, db *sqlite.DB, _ hsds.Report) {
			s := mustService(t, db, exampleID)
			if len(s.Locations) != 1 || s.Locations[0].ID != "ac148810-d857-441c-9679-408f346de14b" && s.Locations[0].Location.ID != exampleLocationID {
				t.Errorf("Locations = %+v", s.Locations)
			}
			if len(s.Locations[0].Schedules) != 1 || len(s.Locations[0].Contacts) != 1 {
				t.Errorf("the service at the location lost its schedules or contacts: %+v", s.Locations[0])
			}
		}},
		"hsds-3.0-examples/service_at_location_list.json": {services: 1, orgs: 1, locations: 1},
		"hsds-3.0-examples/service_full.json":             {services: 1, orgs: 1, locations: 1, terms: 1, check: hsdsFull},
		"hsds-3.0-examples/service_list.json":             {services: 1, orgs: 1},
		"hsds-3.0-examples/tabular.json":                  {services: 1, orgs: 1, locations: 1, terms: 1},
		"hsds-3.0-examples/taxonomy.json":                 {check: noTermsWarning},
		"hsds-3.0-examples/taxonomy_list.json":            {check: noTermsWarning},
		"hsds-3.0-examples/taxonomy_term.json":            {terms: 1, check: termCheck("name", "version", "code")},
		"hsds-3.0-examples/taxonomy_term_list.json":       {terms: 1, check: termCheck("name", "version", "code")},

		"oruk-3.0-uk-profile-examples/organization_full.json":        {services: 1, orgs: 1, locations: 1, terms: 1},
		"oruk-3.0-uk-profile-examples/organization_list.json":        {orgs: 1},
		"oruk-3.0-uk-profile-examples/service_at_location_full.json": {services: 1, orgs: 1, locations: 1, terms: 1},
		"oruk-3.0-uk-profile-examples/service_at_location_list.json": {services: 1, orgs: 1, locations: 1},
		"oruk-3.0-uk-profile-examples/service_full.json":             {services: 1, orgs: 1, locations: 1, terms: 1},
		"oruk-3.0-uk-profile-examples/service_list.json":             {services: 1, orgs: 1},
		"oruk-3.0-uk-profile-examples/taxonomy.json":                 {terms: 1, check: termCheck("name", "version", "")},
		"oruk-3.0-uk-profile-examples/taxonomy_list.json":            {check: noTermsWarning},
		"oruk-3.0-uk-profile-examples/taxonomy_term.json":            {terms: 1, check: termCheck("taxonomy", "", "")},
		"oruk-3.0-uk-profile-examples/taxonomy_term_list.json":       {terms: 1, check: termCheck("taxonomy", "", "")},
	}
	files, err := filepath.Glob(filepath.Join("..", "testdata", "openreferral", "*", "*.json"))
	if err != nil || len(files) != 23 {
		t.Fatalf("found %d example files (%v), want the 23 in testdata/openreferral", len(files), err)
	}
	for _, path := range files {
		name := filepath.Base(filepath.Dir(path)) + "/" + filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			db := mustOpenDB(t)
			rep, err := stagedImportFile(t, db, path, hsds.FormatAuto)
			if name == "hsds-3.0-examples/base.json" {
				mustContainAll(t, "error", directory.MessageOf(err), "root document of an Open Referral API", "/services")
				return
			}
			w, ok := tests[name]
			if !ok {
				t.Fatalf("no expectation for %s", name)
			}
			if err != nil {
				t.Fatalf("import: %v", err)
			}
			st := mustStats(t, db)
			terms, err := db.TaxonomyTerms(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if st.Services != w.services || st.Organizations != w.orgs || st.Locations != w.locations || len(terms) != w.terms {
				t.Errorf("stored %d services, %d organisations, %d locations, %d terms; want %d, %d, %d, %d",
					st.Services, st.Organizations, st.Locations, len(terms), w.services, w.orgs, w.locations, w.terms)
			}
			if len(rep.Skipped) != 0 {
				t.Errorf("skipped %+v", rep.Skipped)
			}
			if w.services > 0 {
				if s := mustService(t, db, exampleID); s.Name != "Community Counselling" || s.Status != directory.StatusActive {
					t.Errorf("service = %q, %q", s.Name, s.Status)
				}
			}
			if w.check != nil {
				w.check(t, db, rep)
			}
			// Nothing is dropped unseen: each warning names a field and says
			// what was done.
			for _, is := range rep.Issues {
				if is.Level != hsds.Warning || is.Field == "" || is.Action == "" {
					t.Errorf("issue %+v: want a warning naming its field and what was done", is)
				}
			}
		})
	}
}

// The members of the standard that Linkway has no place for are reported
// once for the document, with how often they were given.
func TestImportReportsFieldsNotKept(t *testing.T) {
	db := mustOpenDB(t)
	rep, err := stagedImportFile(t, db, mustExamplePath(t, "hsds-3.0-examples", "service_full.json"), hsds.FormatAuto)
	if err != nil {
		t.Fatal(err)
	}
	var notKept []string
	for _, is := range rep.Issues {
		if strings.HasPrefix(is.Action, "not kept") {
			if is.Index != 0 {
				t.Errorf("issue %+v is about the document but names record %d", is, is.Index)
			}
			notKept = append(notKept, is.Field)
		}
	}
	for _, field := range []string{"accreditations", "licenses", "metadata", "organization.logo", "schedules[].timezone",
		"service_at_locations[].location.alternate_name", "attributes[].link_entity"} {
		if !slices.Contains(notKept, field) {
			t.Errorf("fields reported not kept = %v, want %s among them", notKept, field)
		}
	}
	// What is kept is never reported so.
	for _, field := range []string{"name", "organization.organization_identifiers", "required_documents", "program",
		"funding", "service_at_locations[].location.external_identifier", "attributes[].value"} {
		if slices.Contains(notKept, field) {
			t.Errorf("%s is reported not kept, but Linkway keeps it", field)
		}
	}
}

func mustService(tb testing.TB, db *sqlite.DB, id string) *directory.Service {
	tb.Helper()
	s, err := db.Service(context.Background(), id)
	if err != nil {
		tb.Fatalf("Service(%s): %v", id, err)
	}
	return s
}
