package hsds_test

import (
	"archive/zip"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/hsds"
)

// The packages the tests read, in the repository (see their SOURCES.md).
const (
	miamiPackage    = "../testdata/open211-miami"
	sanMateoCSVs    = "../testdata/ohana-san-mateo/sample-csv"
	hsdsExamples    = "../testdata/openreferral/hsds-3.0-examples"
	ukExamples      = "../testdata/openreferral/oruk-3.0-uk-profile-examples"
	miamiServices   = 4089
	miamiWithPoint  = 2260 // locations.csv rows with a latitude and longitude; one location per service
	miamiScheduled  = 2597 // services with rows in regular_schedules.csv
	miamiTermLinks  = 17104
	miamiTermsTotal = 1991 // distinct ids in taxonomy.csv (it repeats three)
)

// pkg is what a data package's records hold, sorted by kind.
type pkg struct {
	services []*directory.Service
	failed   []*hsds.Record
	terms    []directory.Term
	orgs     []*directory.Organization
	locs     []*directory.Location
	issues   []hsds.Issue // of every record
	doc      []hsds.Issue // of the package itself (Index 0)
}

// mustReadPackage opens the package at path and reads every record.
func mustReadPackage(tb testing.TB, path string) pkg {
	tb.Helper()
	src, c, err := hsds.OpenDataPackage(path)
	if err != nil {
		tb.Fatalf("OpenDataPackage(%s): %v", path, err)
	}
	defer c.Close()
	p, err := readPackage(src)
	if err != nil {
		tb.Fatalf("reading %s: %v", path, err)
	}
	return p
}

func readPackage(src hsds.Source) (pkg, error) {
	var p pkg
	for {
		rec, err := src.Next()
		if errors.Is(err, io.EOF) {
			return p, nil
		}
		if err != nil {
			return p, err
		}
		p.issues = append(p.issues, rec.Issues...)
		switch {
		case rec.Err != nil:
			p.failed = append(p.failed, rec)
		case rec.Service != nil:
			p.services = append(p.services, rec.Service)
		case rec.Terms != nil:
			p.terms = append(p.terms, rec.Terms...)
		case rec.Organization != nil:
			p.orgs = append(p.orgs, rec.Organization)
		case rec.Location != nil:
			p.locs = append(p.locs, rec.Location)
		default:
			p.doc = append(p.doc, rec.Issues...)
		}
	}
}

func (p pkg) service(tb testing.TB, id string) *directory.Service {
	tb.Helper()
	for _, s := range p.services {
		if s.ID == id {
			return s
		}
	}
	tb.Fatalf("no service %q", id)
	return nil
}

// issue returns the first issue whose field and action contain the
// given text.
func issue(issues []hsds.Issue, field, action string) (hsds.Issue, bool) {
	return issueWith(issues, field, "", action)
}

// issueWith returns the first issue whose field, value and action
// contain the given text.
func issueWith(issues []hsds.Issue, field, value, action string) (hsds.Issue, bool) {
	for _, is := range issues {
		if strings.Contains(is.Field, field) && strings.Contains(is.Value, value) && strings.Contains(is.Action, action) {
			return is, true
		}
	}
	return hsds.Issue{}, false
}

func TestDataPackageMiami(t *testing.T) {
	p := mustReadPackage(t, miamiPackage)
	if len(p.failed) > 0 {
		t.Errorf("%d records failed; first: %v", len(p.failed), p.failed[0].Err)
	}
	if len(p.services) != miamiServices {
		t.Fatalf("services = %d, want %d", len(p.services), miamiServices)
	}
	var withPoint, scheduled, links, days int
	for _, s := range p.services {
		if len(s.Locations) != 1 {
			t.Fatalf("service %s: %d locations, want 1", s.ID, len(s.Locations))
		}
		if s.Locations[0].Location.Point != nil {
			withPoint++
		}
		if len(s.Schedules) > 0 {
			scheduled++
		}
		for _, sc := range s.Schedules {
			days += len(sc.Days())
		}
		links += len(s.Terms)
		texts := []string{s.Description, s.Application, s.Eligibility, s.Locations[0].Location.Description}
		if s.Organization != nil {
			texts = append(texts, s.Organization.Description)
		}
		for _, text := range texts {
			if strings.Contains(text, "###") || strings.Contains(text, `\n`) || strings.Contains(text, "GÇ") {
				t.Fatalf("service %s keeps an export artefact: %q", s.ID, text)
			}
		}
	}
	if withPoint != miamiWithPoint {
		t.Errorf("services with a map point = %d, want %d", withPoint, miamiWithPoint)
	}
	if scheduled != miamiScheduled {
		t.Errorf("services with opening times = %d, want %d", scheduled, miamiScheduled)
	}
	// Every weekday row of regular_schedules.csv is a day of a schedule,
	// but for the 11 whose times cannot be read (such as "6:300pm"),
	// which keep their day with that time dropped.
	if days != 11350 {
		t.Errorf("days in schedules = %d, want the 11,350 weekday rows", days)
	}
	if links != miamiTermLinks {
		t.Errorf("service–term links = %d, want %d (26,259 rows less repeats)", links, miamiTermLinks)
	}
	if len(p.terms) != miamiTermsTotal {
		t.Errorf("vocabulary terms = %d, want %d", len(p.terms), miamiTermsTotal)
	}

	s := p.service(t, "136")
	if s.Name != "GIRL SCOUTS COUNCIL OF TROPICAL FLORIDA, INC." || s.Status != directory.StatusActive {
		t.Errorf("136: name %q, status %q", s.Name, s.Status)
	}
	if want := "conviction about their own potential and self-worth."; !strings.HasSuffix(s.Description, want) {
		t.Errorf("136: description ends %q, want it to end %q (###MON### and literal \\n gone)", s.Description[len(s.Description)-60:], want)
	}
	if got := s.Schedules; len(got) != 1 || got[0].ByDay != "MO,TU,WE,TH,FR" || got[0].Opens != "09:00" || got[0].Closes != "17:00" || got[0].Freq != directory.Weekly {
		t.Errorf("136: schedules %+v, want one weekly MO–FR 09:00–17:00", got)
	}
	if got := s.TermIDs(); !slices.Equal(sorted(got), []string{"PL-7000", "PS-9800.8500", "PX"}) {
		t.Errorf("136: terms %v, want PL-7000, PS-9800.8500, PX", got)
	}
	if got := languageNames(s); !slices.Equal(got, []string{"English", "Spanish", "Creole"}) {
		t.Errorf("136: languages %v", got)
	}
	if len(s.Phones) != 1 || s.Phones[0].Number != "305-253-4841" {
		t.Errorf("136: phones %+v", s.Phones)
	}
	a := s.Locations[0].Location.Address()
	if a.Address1 != "11347 SW 160th Street" || a.PostalCode != "33157" || a.StateProvince != "FL" || a.Type != "physical" {
		t.Errorf("136: address %+v", a)
	}

	s = p.service(t, "242")
	if got := s.Schedules; len(got) != 1 || got[0].ByDay != "MO,WE,FR,SA" || got[0].Opens != "07:30" || got[0].Closes != "16:00" {
		t.Errorf("242: schedules %+v, want MO,WE,FR,SA 07:30–16:00", got)
	}
	if pt := s.Locations[0].Location.Point; pt == nil || pt.Lat() != 25.7963422004879 || pt.Lon() != -80.1970579288154 {
		t.Errorf("242: point %v", pt)
	}

	var pl directory.Term
	for _, tm := range p.terms {
		if tm.ID == "PL-7000" {
			pl = tm
		}
	}
	if pl.Name == "" || pl.ParentID != "P" || pl.Taxonomy != "Open211 Miami - AIRS" {
		t.Errorf("term PL-7000 = %+v, want a name, parent P, taxonomy Open211 Miami - AIRS", pl)
	}

	// What the package says about itself, once each rather than once per
	// record.
	for _, want := range []struct{ field, action string }{
		{"services.description", "export markers such as ###MON### removed (983 values)"},
		{"services.description", `literal \n written as line breaks (2212 values)`},
		{"services.description", "GÇÖ for ’) repaired"},
		{"eligibility.csv", "2244 rows name no service"},
		{"datapackage.json", "lists 9 tables the package does not hold"},
		{"regular_schedules.original_text", "not kept"},
		{"contacts.phone_number", "not kept"},
		{"taxonomy.id", "gives the same term id as row"},
	} {
		if _, ok := issue(p.issues, want.field, want.action); !ok {
			t.Errorf("no issue %s: …%s…", want.field, want.action)
		}
	}
	if got := len(p.doc); got > 50 {
		t.Errorf("the package's own issues are %d: a flood, not a summary", got)
	}
	// The rest are per record: a status for every service, times read
	// from 9:00am, services naming an organisation the package lacks.
	for _, want := range []struct {
		field, action string
		n             int
	}{
		{"services.status", "missing: read as active", miamiServices},
		{"services.organization_id", "names no organisation", 447},
		// Once per organisation, not per service: 749 of those the services
		// name give a website without http://, one of them not a web
		// address at all ("releasethesilence").
		{"organizations.website", "http:// added", 748},
	} {
		n := 0
		for _, is := range p.issues {
			if is.Field == want.field && strings.Contains(is.Action, want.action) {
				n++
			}
		}
		if n != want.n {
			t.Errorf("issues %s %q: %d, want %d", want.field, want.action, n, want.n)
		}
	}
}

func languageNames(s *directory.Service) []string {
	var out []string
	for _, l := range s.Languages {
		out = append(out, l.Name)
	}
	return out
}

func sorted(xs []string) []string {
	out := slices.Clone(xs)
	sort.Strings(out)
	return out
}

// mustZip writes the files under dir into a zip in a temporary folder,
// under prefix ("" for the zip's root), and returns its path.
func mustZip(tb testing.TB, dir, prefix string) string {
	tb.Helper()
	name := filepath.Join(tb.TempDir(), "package.zip")
	f, err := os.Create(name)
	if err != nil {
		tb.Fatal(err)
	}
	zw := zip.NewWriter(f)
	err = fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			return err
		}
		w, err := zw.Create(prefix + p)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	})
	if err == nil {
		err = zw.Close()
	}
	if err == nil {
		err = f.Close()
	}
	if err != nil {
		tb.Fatal(err)
	}
	return name
}

// keyFields are what a service's JSON and CSV forms must agree on. The
// examples repeat an object in every place that names it (a phone on the
// service, its location and its contact), while a table row names its
// owners once, so phones, schedules and contacts are compared as the
// set the service holds anywhere.
func keyFields(s *directory.Service) map[string]string {
	k := map[string]string{
		"id": s.ID, "name": s.Name, "status": string(s.Status), "url": s.URL, "email": s.Email,
		"description": strings.TrimSpace(s.Description), "alternate_name": s.AlternateName,
		"fees": s.Fees, "application": s.Application, "eligibility": s.Eligibility, "alert": s.Alert,
		"assured": s.LastVerified.String(), "modified": s.LastModified.String(),
	}
	if o := s.Organization; o != nil {
		k["organization"] = o.ID + " " + o.Name
		var ids []string
		for _, id := range o.Identifiers {
			ids = append(ids, id.ID+" "+id.Label())
		}
		k["organization.identifiers"] = strings.Join(ids, " | ")
	}
	if pr := s.Program; pr != nil {
		k["program"] = pr.ID + " " + pr.Name + " " + pr.AlternateName
	}
	k["funding"] = strings.Join(s.Funding, " | ")
	var docs, attrs []string
	for _, d := range s.RequiredDocuments {
		docs = append(docs, d.ID+" "+d.URI)
	}
	for _, a := range s.Attributes {
		attrs = append(attrs, a.ID+" "+a.Term.ID+" "+a.Value)
	}
	k["required_documents"] = strings.Join(docs, " | ")
	k["attributes"] = strings.Join(attrs, " | ")
	k["terms"] = strings.Join(sorted(s.TermIDs()), " ")
	if s.MinimumAge != nil && s.MaximumAge != nil {
		k["ages"] = strconv.Itoa(*s.MinimumAge) + "–" + strconv.Itoa(*s.MaximumAge)
	}
	var phones, schedules, contacts, locations, languages, costs, areas []string
	addPhones := func(ps []directory.Phone) {
		for _, p := range ps {
			phones = append(phones, p.ID+" "+p.Number)
		}
	}
	addSchedules := func(scs []directory.Schedule) {
		for _, sc := range scs {
			schedules = append(schedules, strings.Join([]string{sc.ID, string(sc.Freq), sc.ByDay, sc.Opens, sc.Closes, sc.ValidFrom, sc.Description}, " "))
		}
	}
	addContacts := func(cs []directory.Contact) {
		for _, c := range cs {
			contacts = append(contacts, c.ID+" "+c.Name+" "+c.Title)
		}
	}
	addPhones(s.Phones)
	addSchedules(s.Schedules)
	addContacts(s.Contacts)
	for _, sal := range s.Locations {
		l := sal.Location
		addPhones(sal.Phones)
		addSchedules(sal.Schedules)
		addSchedules(l.Schedules)
		addContacts(sal.Contacts)
		a := l.Address()
		locations = append(locations, strings.Join([]string{sal.ID, l.ID, string(l.Type), l.Name, a.Address1, a.City, a.PostalCode, a.Country, l.ExternalIDType, l.ExternalID}, " "))
	}
	for _, l := range s.Languages {
		languages = append(languages, l.Name+" "+l.Code)
	}
	for _, c := range s.CostOptions {
		amount := "none"
		if c.Amount != nil {
			amount = strconv.FormatFloat(*c.Amount, 'f', -1, 64)
		}
		costs = append(costs, c.ID+" "+c.Option+" "+amount)
	}
	for _, a := range s.Areas {
		areas = append(areas, a.ID+" "+a.Name)
	}
	for name, list := range map[string][]string{"phones": phones, "schedules": schedules, "contacts": contacts,
		"locations": locations, "languages": languages, "cost_options": costs, "service_areas": areas} {
		k[name] = strings.Join(uniq(list), " | ")
	}
	return k
}

func uniq(xs []string) []string {
	out := sorted(xs)
	return slices.Compact(out)
}

// TestDataPackageMatchesJSON reads the HSDS 3.0 and UK profile examples
// in their CSV form, as a folder and as zips, and finds the service that
// their JSON form describes.
func TestDataPackageMatchesJSON(t *testing.T) {
	for _, example := range []string{hsdsExamples, ukExamples} {
		f, err := os.Open(filepath.Join(example, "service_full.json"))
		if err != nil {
			t.Fatal(err)
		}
		rec, err := hsds.NewReader(f).Next()
		f.Close()
		if err != nil || rec.Service == nil {
			t.Fatalf("%s/service_full.json: %v", example, err)
		}
		want := keyFields(rec.Service)
		csvDir := filepath.Join(example, "csv")
		for _, form := range []struct{ name, path string }{
			{"folder", csvDir},
			{"zip", mustZip(t, csvDir, "")},
			{"zip with a folder inside", mustZip(t, csvDir, "export/csv/")},
		} {
			t.Run(filepath.Base(example)+" "+form.name, func(t *testing.T) {
				p := mustReadPackage(t, form.path)
				if len(p.services) != 1 || len(p.failed) > 0 {
					t.Fatalf("services %d, failed %d", len(p.services), len(p.failed))
				}
				got := keyFields(p.services[0])
				// Where the two forms of an example say different things:
				// the attributes table links its term to an id that is no
				// service's (reported as a row that links to nothing), and
				// the UK profile's CSV folder holds the HSDS 3.0 example's
				// required_documents.csv, which its JSON does not have.
				differ := map[string]bool{"terms": true, "attributes": true}
				if example == ukExamples {
					differ["required_documents"] = true
				}
				if _, ok := issue(p.doc, "attribute", "attach a term to something other than a service, or to nothing"); !ok {
					t.Errorf("the attribute row that links to no service is not reported")
				}
				for _, k := range sorted(mapKeys(want)) {
					if differ[k] {
						continue
					}
					if got[k] != want[k] {
						t.Errorf("%s:\n CSV  %q\n JSON %q", k, got[k], want[k])
					}
				}
				// The vocabulary is taxonomy_terms.csv's one term, though
				// the UK profile's folder also has a taxonomy.csv: there it
				// lists taxonomies, as taxonomies.csv does again.
				if len(p.terms) != 1 || p.terms[0].ID != "3f7b145d-84af-42d7-8fae-eaca714b02b2" || p.terms[0].Taxonomy != "taxonomy" {
					t.Errorf("vocabulary %+v, want the one term", p.terms)
				}
				if example == ukExamples {
					for file, table := range map[string]string{"address.csv": "addresses", "schedule.csv": "schedules", "taxonomy.csv": "taxonomies"} {
						if _, ok := issue(p.doc, file, "the "+table+" table again"); !ok {
							t.Errorf("%s, which repeats the %s table another file gives, is not reported", file, table)
						}
					}
				}
			})
		}
	}
}

func mapKeys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestDataPackageSanMateo reads Ohana's sample CSVs, which have no
// datapackage.json, name a service's location on the service and the
// organisation on the location, and hold lists in cells.
func TestDataPackageSanMateo(t *testing.T) {
	p := mustReadPackage(t, sanMateoCSVs)
	if len(p.services) != 23 || len(p.failed) > 0 {
		t.Fatalf("services %d, failed %d (%v)", len(p.services), len(p.failed), p.failed)
	}
	s := p.service(t, "22")
	if s.Name != "Passport Photos" || s.Organization == nil || s.Organization.ID != "8" {
		t.Errorf("22: name %q, organisation %+v (from its location)", s.Name, s.Organization)
	}
	if len(s.Locations) != 1 || s.Locations[0].Location.ID != "22" || s.Locations[0].ID != "22-at-22" {
		t.Fatalf("22: locations %+v", s.Locations)
	}
	l := s.Locations[0].Location
	var venue []string
	for _, sc := range l.Schedules {
		venue = append(venue, sc.ByDay+" "+sc.Opens+"–"+sc.Closes)
	}
	if want := []string{"MO,TU,WE,TH,FR 08:00–17:00", "SA 10:00–18:00", "SU 11:00–17:00"}; !slices.Equal(venue, want) {
		t.Errorf("22: the venue's own times %q, want %q", venue, want)
	}
	var own []string
	for _, sc := range s.Schedules {
		own = append(own, sc.ByDay+" "+sc.Opens+"–"+sc.Closes)
	}
	if want := []string{"MO 08:00–12:00", "MO 14:00–16:00", "WE 10:00–15:00"}; !slices.Equal(own, want) {
		t.Errorf("22: the service's times %q, want %q", own, want)
	}
	if got, want := languageNames(s), []string{"Spanish", "Cantonese", "Russian", "Tagalog", "Taiwanese"}; !slices.Equal(got, want) {
		t.Errorf("22: languages %q, want %q (the service's, then its venue's, once each)", got, want)
	}
	if got := s.TermIDs(); !slices.Equal(got, []string{"105", "108", "108-05", "108-05-01", "111", "111-05"}) {
		t.Errorf("22: terms %v", got)
	}
	if s.Terms[0].Name != "Transit" {
		t.Errorf("22: term 105 is %+v, want it described from taxonomy.csv", s.Terms[0])
	}
	if !slices.Equal(s.Funding, []string{"City", "County", "Federal", "State"}) || len(s.RequiredDocuments) != 1 {
		t.Errorf("22: funding %q, required documents %+v", s.Funding, s.RequiredDocuments)
	}
	if s.Eligibility == "" || s.URL != "" && !strings.HasPrefix(s.URL, "http") {
		t.Errorf("22: eligibility %q, url %q", s.Eligibility, s.URL)
	}
	// Phones that name only the location go to the service there.
	s = p.service(t, "1")
	if len(s.Locations) != 1 || len(s.Locations[0].Phones) != 2 || s.Locations[0].Phones[0].Number != "650 780-7525" || s.Locations[0].Phones[1].Type != "fax" {
		t.Errorf("1: phones at its location %+v", s.Locations[0].Phones)
	}
	if got := s.Locations[0].Location.Accessibility; len(got) != 4 || got[0].Description != "disabled parking" {
		t.Errorf("1: accessibility %+v", got)
	}
	if pt := s.Locations[0].Location.Point; pt == nil || pt.Lat() != 37.477227 {
		t.Errorf("1: point %v", pt)
	}
	if got := p.service(t, "20").Locations[0].Location.Type; got != directory.Virtual {
		t.Errorf("20: location type %q, want virtual (Ohana's virtual column)", got)
	}
	if _, ok := issue(p.doc, "holiday_schedules.csv", "4 rows of closures and special opening hours not kept"); !ok {
		t.Errorf("holiday schedules not reported: %+v", p.doc)
	}
	if _, ok := issue(p.doc, "services.keywords", "not kept"); !ok {
		t.Errorf("the keywords column is not reported")
	}
	if len(p.terms) != 290 {
		t.Errorf("vocabulary terms %d, want taxonomy.csv's 290", len(p.terms))
	}
}

// writePackage writes files (name → content) into a new folder.
func writePackage(tb testing.TB, files map[string]string) string {
	tb.Helper()
	dir := tb.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

func TestDataPackageBrokenCSV(t *testing.T) {
	const services = "id,name,status\ns1,Lunch club,active\n"
	tests := []struct {
		name  string
		files map[string]string
		want  []string // in the message
	}{
		{"a row with a column too many in services.csv",
			map[string]string{"services.csv": "id,name,status\ns1,Lunch club,active\ns2,Walk,active,extra\n"},
			[]string{"services.csv", "line 3", "different number of columns"}},
		{"a row with a column too few in a joined table",
			map[string]string{"services.csv": services, "phones.csv": "id,service_id,number\np1,s1,0113 496 0000\np2,s1\n"},
			[]string{"phones.csv", "line 3", "different number of columns"}},
		{"a quote inside an unquoted value",
			map[string]string{"services.csv": "id,name,status\ns1,The \"Lunch\" club,active\n"},
			[]string{"services.csv", "line 2", "column"}},
		{"a quoted value never closed",
			map[string]string{"services.csv": services, "locations.csv": "id,name\nl1,\"Civic Centre\nl2,Library\n"},
			[]string{"locations.csv", "not closed"}},
		{"no services table",
			map[string]string{"organizations.csv": "id,name\no1,Age Concern\n"},
			[]string{"not an HSDS data package"}},
		{"a services table beside nothing it can read",
			map[string]string{"datapackage.json": `{"resources":[{"name":"organization","path":"organizations.csv"}]}`, "organizations.csv": "id,name\n"},
			[]string{"no services table"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writePackage(t, tt.files)
			var err error
			src, c, err := hsds.OpenDataPackage(dir)
			if err == nil {
				_, err = readPackage(src)
				c.Close()
			}
			if err == nil {
				t.Fatal("read without an error")
			}
			if directory.KindOf(err) != directory.Invalid {
				t.Errorf("kind %v, want Invalid: %v", directory.KindOf(err), err)
			}
			for _, w := range tt.want {
				if !strings.Contains(directory.MessageOf(err), w) {
					t.Errorf("message %q does not say %q", directory.MessageOf(err), w)
				}
			}
		})
	}
}

func TestDataPackageNotAPackage(t *testing.T) {
	notZip := filepath.Join(t.TempDir(), "services.zip")
	os.WriteFile(notZip, []byte("id,name\n"), 0o644)
	for name, path := range map[string]string{
		"an empty folder":    t.TempDir(),
		"a file not a zip":   notZip,
		"a path not there":   filepath.Join(t.TempDir(), "missing"),
		"a zip of no tables": mustZip(t, writePackage(t, map[string]string{"README.txt": "hello"}), ""),
	} {
		t.Run(name, func(t *testing.T) {
			_, _, err := hsds.OpenDataPackage(path)
			if err == nil || directory.KindOf(err) != directory.Invalid {
				t.Errorf("OpenDataPackage = %v, want an Invalid error", err)
			}
		})
	}
}

// TestDataPackageTolerant reads a package in HSDS 1.x table names whose
// values are allowed, or usable with a change, and checks that each
// change is reported and only unusable records fail.
func TestDataPackageTolerant(t *testing.T) {
	dir := writePackage(t, map[string]string{
		"services.csv": "id,organization_id,name,status,url,minimum_age,maximum_age,description,accreditations\n" +
			`s1,o1,Lunch club,,www.example.org,4.5,200,"Hot meals.\n\n\n###MON###",Gold standard` + "\n" +
			"s2,o9,Walk,Closed for good,,,,,\n" +
			"s5,o1,Coffee morning,Open,,,,,\n" +
			"s3,o1,,active,,,,,\n" +
			",o1,A service without an id,active,,,,,\n",
		"organizations.csv":        "id,name\no1,Age Friendly Leeds\no2,Carers Leeds\n",
		"locations.csv":            "id,name,latitude,longitude\nl1,Civic Centre,53.8,\nl2,Library,53.79,-1.54\nl1,Civic Centre again,,\n",
		"services_at_location.csv": "id,service_id,location_id\na1,s1,l1\na2,s1,l9\na3,s99,l2\n",
		"physical_addresses.csv":   "id,location_id,address_1,city,postal_code,country\nad1,l1,1 Civic Way,Leeds,LS1 1UR,GB\n",
		"regular_schedules.csv": "id,service_id,weekday,opens_at,closes_at\n" +
			",s1,Monday,9:00am,12pm\n,s1,Tuesday,9:00am,12pm\n,s1,7,12:00:00.000Z,13:00\n",
		"services_taxonomy.csv": "id,service_id,taxonomy_id\n1,s1,T1\n2,s1,T1\n3,s1,T9\n",
		"taxonomy.csv":          "id,name,parent_id,vocabulary\nT,Food,,Leeds kinds\nT1,Lunch clubs,T,Leeds kinds\nT1,Lunch,T,Leeds kinds\n",
		"phones.csv":            "id,service_id,organization_id,number\np1,s1,,0113 496 0000\np2,,o1,0113 496 0001\np3,s99,,0113 496 0002\n",
		"eligibility.csv":       "id,service_id,eligibility\ne1,s1,Over 60s\ne2,,Everyone\n",
		"languages.csv":         "id,service_id,location_id,phone_id,language\nla1,s1,,,English\nla2,,l1,,Polish\nla3,s1,l1,,English\nla4,,,p1,Urdu\n",
		"notes.csv":             "id,text\nn1,hello\n",
	})
	p := mustReadPackage(t, dir)
	if len(p.services) != 3 || len(p.failed) != 2 {
		t.Fatalf("services %d, failed %d; want 3 and 2 (no name, no id)", len(p.services), len(p.failed))
	}
	for i, want := range []string{"name", "id"} {
		if msg := directory.MessageOf(p.failed[i].Err); !strings.Contains(msg, want) {
			t.Errorf("failed record %d: %q, want it to name %q", i, msg, want)
		}
	}

	s := p.service(t, "s1")
	if s.Status != directory.StatusActive || s.URL != "http://www.example.org" || s.Description != "Hot meals." {
		t.Errorf("s1: status %q, url %q, description %q", s.Status, s.URL, s.Description)
	}
	if s.MinimumAge == nil || *s.MinimumAge != 4 || s.MaximumAge != nil {
		t.Errorf("s1: ages %v–%v, want 4 and none", s.MinimumAge, s.MaximumAge)
	}
	if len(s.Locations) != 1 || s.Locations[0].Location.Point != nil || s.Locations[0].Location.Address().PostalCode != "LS1 1UR" {
		t.Errorf("s1: locations %+v, want l1 without a point, with its address", s.Locations)
	}
	var times []string
	for _, sc := range s.Schedules {
		times = append(times, sc.ByDay+" "+sc.Opens+"–"+sc.Closes)
	}
	if want := []string{"MO,TU 09:00–12:00", "SU 12:00–13:00"}; !slices.Equal(times, want) {
		t.Errorf("s1: schedules %q, want %q", times, want)
	}
	if got := s.TermIDs(); !slices.Equal(got, []string{"T1", "T9"}) || s.Terms[0].Name != "Lunch clubs" || s.Terms[0].ParentID != "T" || s.Terms[0].Taxonomy != "Leeds kinds" {
		t.Errorf("s1: terms %+v", s.Terms)
	}
	if got := languageNames(s); !slices.Equal(got, []string{"English", "Polish"}) {
		t.Errorf("s1: languages %q, want its own and its venue's, once each", got)
	}
	if len(s.Phones) != 1 || s.Phones[0].Number != "0113 496 0000" || s.Eligibility != "Over 60s" {
		t.Errorf("s1: phones %+v, eligibility %q", s.Phones, s.Eligibility)
	}
	s = p.service(t, "s2")
	if s.Status != directory.StatusInactive || s.Organization != nil {
		t.Errorf("s2: status %q, organisation %+v; want inactive and none", s.Status, s.Organization)
	}
	if s = p.service(t, "s5"); s.Status != directory.StatusActive {
		t.Errorf("s5: status %q, want Open read as active", s.Status)
	}

	for _, want := range []struct{ field, value, action string }{
		{"services.status", "", "read as active"},
		{"services.status", "Closed for good", "read as inactive"},
		{"services.status", "Open", "read as active"},
		{"services.url", "www.example.org", "http:// added"},
		{"services.minimum_age", "4.5", "rounded down to 4"},
		{"services.maximum_age", "200", "dropped"},
		{"services.organization_id", "o9", "names no organisation"},
		{"locations.latitude", "53.8", "without a longitude"},
		{"services_at_location.location_id", "l9", "names no location"},
		{"regular_schedules.opens_at", "9:00am", "read as 09:00"},
		{"regular_schedules.closes_at", "12pm", "read as 12:00"},
		{"services_taxonomy.taxonomy_id", "T9", "names no term"},
		{"taxonomy.id", "T1", "the same term id as row 2"},
		{"services.description", "###MON###", "export markers"},
		{"services.description", "", `literal \n written as line breaks (1 value)`},
		{"services.accreditations", "Gold standard", "not kept"},
		{"services_at_location.csv", `row 3: service_id "s99"`, "1 row name a service the package does not hold"},
		{"phones.csv", `row 2: organization_id "o1"`, "belong to an organisation only"},
		{"phones.csv", `row 3: service_id "s99"`, "name a service the package does not hold"},
		{"eligibility.csv", "row 2", "name no service"},
		{"languages.csv", `row 4: phone_id "p1"`, "belong to a phone only"},
		{"notes.csv", "", "not an HSDS table"},
		{"locations.id", "l1", "row 3 gives the same id as row 1"},
	} {
		if _, ok := issueWith(p.issues, want.field, want.value, want.action); !ok {
			t.Errorf("no issue %s %q: …%s…", want.field, want.value, want.action)
		}
	}
	// What no service named stands on its own.
	if len(p.orgs) != 1 || p.orgs[0].ID != "o2" || p.orgs[0].Name != "Carers Leeds" {
		t.Errorf("organisations on their own: %+v, want o2", p.orgs)
	}
	if len(p.locs) != 1 || p.locs[0].ID != "l2" || p.locs[0].Point == nil {
		t.Errorf("locations on their own: %+v, want l2 with its point", p.locs)
	}
	if len(p.terms) != 2 || p.terms[1].Name != "Lunch clubs" {
		t.Errorf("vocabulary %+v, want T and the first T1", p.terms)
	}
}

// TestDataPackageSchedules30 reads HSDS 3.0 schedules: days as feeds
// write them, a service's, a venue's and a service's at a venue.
func TestDataPackageSchedules30(t *testing.T) {
	dir := writePackage(t, map[string]string{
		"services.csv":             "id,name,status\ns1,Lunch club,active\n",
		"locations.csv":            "id,location_type,name,latitude,longitude\nl1,physical,Civic Centre,53.8,-1.55\n",
		"service_at_locations.csv": "id,service_id,location_id\na1,s1,l1\n",
		"schedules.csv": "id,service_id,location_id,service_at_location_id,freq,byday,opens_at,closes_at,valid_from\n" +
			"sc1,s1,,,WEEKLY,MO-FR,10:00,14:00,2025-01-01T00:00:00z\n" +
			"sc2,,,a1,weekly,weekdays,12:00:00.000Z,13:00:00.000Z,\n" +
			"sc3,,l1,,DAILY,SA,09:00,17:00,\n",
	})
	p := mustReadPackage(t, dir)
	if len(p.services) != 1 {
		t.Fatalf("services %d, failed %+v", len(p.services), p.failed)
	}
	s := p.services[0]
	check := func(what string, got []directory.Schedule, want string) {
		t.Helper()
		if len(got) != 1 {
			t.Fatalf("%s: %d schedules, want 1", what, len(got))
		}
		g := got[0]
		if s := strings.Join([]string{g.ID, string(g.Freq), g.ByDay, g.Opens, g.Closes, g.ValidFrom}, " "); s != want {
			t.Errorf("%s: %q, want %q", what, s, want)
		}
	}
	check("the service's", s.Schedules, "sc1 WEEKLY MO,TU,WE,TH,FR 10:00 14:00 2025-01-01")
	check("the service's at the venue", s.Locations[0].Schedules, "sc2 WEEKLY MO,TU,WE,TH,FR 12:00 13:00 ")
	check("the venue's own", s.Locations[0].Location.Schedules, "sc3 WEEKLY SA 09:00 17:00 ")
	if _, ok := issue(p.issues, "schedules.freq", "read as WEEKLY on SA"); !ok {
		t.Errorf("the DAILY frequency read without a word")
	}
}

// TestDataPackageByDescriptor opens a package by its datapackage.json,
// as a person may name it.
func TestDataPackageByDescriptor(t *testing.T) {
	p := mustReadPackage(t, filepath.Join(hsdsExamples, "csv", "datapackage.json"))
	if len(p.services) != 1 || p.services[0].Name != "Community Counselling" {
		t.Errorf("services %+v, want the example's one", p.services)
	}
}

// TestDataPackageWindows1252 reads a table a spreadsheet saved as
// Windows-1252 rather than UTF-8, with a warning.
func TestDataPackageWindows1252(t *testing.T) {
	dir := writePackage(t, map[string]string{
		"services.csv": "id,name,status,description\ns1,Caf\xe9 club,active,\x93Tea\x94 and cake \x96 all welcome\n",
	})
	p := mustReadPackage(t, dir)
	if len(p.services) != 1 {
		t.Fatalf("services %d, failed %v", len(p.services), p.failed)
	}
	s := p.services[0]
	if s.Name != "Café club" || s.Description != "“Tea” and cake – all welcome" {
		t.Errorf("name %q, description %q", s.Name, s.Description)
	}
	if _, ok := issue(p.doc, "services.description", "read as Windows-1252 (1 value)"); !ok {
		t.Errorf("the encoding is not reported: %+v", p.doc)
	}
}
