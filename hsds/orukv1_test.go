package hsds_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/hsds"
	"github.com/linkway/linkway/sqlite"
	"github.com/paulmach/orb"
)

// v1Path returns the path of a file in testdata/orukv1, written for
// Linkway from the ORUK v1 schemas (see its README).
func v1Path(tb testing.TB, name string) string {
	tb.Helper()
	path := filepath.Join("..", "testdata", "orukv1", name)
	if _, err := os.Stat(path); err != nil {
		tb.Fatalf("file missing from testdata/orukv1: %v", err)
	}
	return path
}

// readV1 reads every record of an ORUK v1 document, stopping at the
// first fatal error.
func readV1(src string) ([]*hsds.Record, error) {
	rd := hsds.NewV1Reader(strings.NewReader(src))
	var recs []*hsds.Record
	for {
		rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return recs, nil
		}
		if err != nil {
			return recs, err
		}
		recs = append(recs, rec)
	}
}

func mustReadV1File(tb testing.TB, name string) (string, []*hsds.Record) {
	tb.Helper()
	b, err := os.ReadFile(v1Path(tb, name))
	if err != nil {
		tb.Fatal(err)
	}
	recs, err := readV1(string(b))
	if err != nil {
		tb.Fatalf("reading %s: %v", name, err)
	}
	return string(b), recs
}

// mustReadV1Service reads a document holding one service (and perhaps a
// document-level record after it) and returns the service's record.
func mustReadV1Service(tb testing.TB, src string) *hsds.Record {
	tb.Helper()
	recs, err := readV1(src)
	if err != nil {
		tb.Fatalf("reading %s: %v", src, err)
	}
	if len(recs) == 0 || recs[0].Service == nil {
		tb.Fatalf("read %d records from %s, want a service first", len(recs), src)
	}
	return recs[0]
}

// v1Service writes a service object with the given id and name and the
// extra fields, which are JSON members ("status": "active").
func v1Service(id, name string, extra ...string) string {
	fields := []string{`"id": ` + strconv.Quote(id), `"name": ` + strconv.Quote(name), `"status": "active"`}
	return "{" + strings.Join(append(fields, extra...), ", ") + "}"
}

// issueFor returns the record's issue on field, or nil.
func issueFor(rec *hsds.Record, field string) *hsds.Issue {
	for i := range rec.Issues {
		if rec.Issues[i].Field == field {
			return &rec.Issues[i]
		}
	}
	return nil
}

// words writes values with spaces between, as a test's want does.
func words(vals ...any) string { return strings.TrimSuffix(fmt.Sprintln(vals...), "\n") }

// pointText writes a point as [lon lat], or "none".
func pointText(p *orb.Point) string {
	if p == nil {
		return "none"
	}
	return fmt.Sprint(*p)
}

func intText(p *int) string {
	if p == nil {
		return "none"
	}
	return strconv.Itoa(*p)
}

// TestV1ReaderFieldsLand reads the v1 fixture page and checks that each
// v1 field lands in its place in the directory.
func TestV1ReaderFieldsLand(t *testing.T) {
	_, recs := mustReadV1File(t, "services_page.json")
	if len(recs) != 4 {
		t.Fatalf("read %d records, want 3 services and the document's report", len(recs))
	}
	for _, rec := range recs[:3] {
		if rec.Err != nil {
			t.Fatalf("%s: %v", rec.Label(), rec.Err)
		}
	}
	lunch, money, carers := recs[0].Service, recs[1].Service, recs[2].Service
	// The parts the table below looks into, so that a missing one fails
	// here rather than stopping the test run.
	for _, n := range []struct {
		what      string
		got, want int
	}{
		{"lunch club locations", len(lunch.Locations), 1},
		{"lunch club organisation identifiers", len(lunch.Organization.Identifiers), 2},
		{"lunch club contacts", len(lunch.Contacts), 1},
		{"lunch club cost options", len(lunch.CostOptions), 1},
		{"lunch club languages", len(lunch.Languages), 2},
		{"lunch club areas", len(lunch.Areas), 1},
		{"lunch club terms", len(lunch.Terms), 1},
		{"money advice phones", len(money.Phones), 1},
		{"money advice schedules", len(money.Schedules), 4},
		{"money advice languages", len(money.Languages), 2},
		{"money advice cost options", len(money.CostOptions), 2},
		{"money advice terms", len(money.Terms), 1},
		{"money advice locations", len(money.Locations), 2},
		{"carers line schedules", len(carers.Schedules), 1},
		{"carers line locations", len(carers.Locations), 2},
		{"carers line required documents", len(carers.RequiredDocuments), 1},
	} {
		if n.got != n.want {
			t.Fatalf("%s: %d, want %d", n.what, n.got, n.want)
		}
	}
	sal := lunch.Locations[0]
	if len(sal.Schedules) != 1 || len(sal.Location.Addresses) != 1 || len(sal.Location.Accessibility) != 1 ||
		len(lunch.Contacts[0].Phones) != 1 || len(money.Locations[0].Location.Addresses) != 1 ||
		len(carers.Locations[0].Schedules) != 1 || len(carers.Locations[1].Location.Schedules) != 1 ||
		len(carers.Locations[1].Location.Addresses) != 1 || carers.Program == nil {
		t.Fatalf("a part is missing: %+v", lunch)
	}
	attr := func(s *directory.Service, label string) string {
		var vs []string
		for _, a := range s.Attributes {
			if a.Label == label {
				vs = append(vs, directory.FirstNonBlank(a.Value, a.Term.Name+" ("+a.Term.Taxonomy+")"))
			}
		}
		return strings.Join(vs, ", ")
	}
	tests := []struct {
		field string
		got   any
		want  any
	}{
		// The service and its organisation.
		{"id", lunch.ID, "3f9c2a51-7d0e-4b8a-9c61-2e5a8d4b7f10"},
		{"name", lunch.Name, "Chapeltown Lunch Club"},
		{"alternate_name", lunch.AlternateName, "Tuesday and Thursday Lunches"},
		{"description", lunch.Description, "A hot two-course lunch and good company for older people in Chapeltown and Harehills."},
		{"url", lunch.URL, "https://lunchclub.example.org/"},
		{"email", lunch.Email, "lunches@lunchclub.example.org"},
		{"status", lunch.Status, directory.StatusActive},
		{"fees", lunch.Fees, "£3.50 a meal; the first visit is free"},
		{"interpretation_services", lunch.Interpretation, "Volunteers speak Punjabi and Urdu"},
		{"application_process", lunch.Application, "Come along, or ring to book transport"},
		{"wait_time", lunch.WaitTime, "None"},
		{"assured_date", lunch.LastVerified.Format("2006-01-02"), "2025-02-14"},
		{"accreditations", attr(lunch, "Accreditations"), "Food hygiene rating 5"},
		{"deliverable_type", attr(lunch, "Deliverable type"), "Information"},
		{"attending_type", attr(lunch, "Attending type"), "venue"},
		{"attending_access", attr(lunch, "Attending access"), "drop-in"},
		{"attending_access drop-in", fmt.Sprint(lunch.ReferralRoutes), "[drop-in]"},
		{"organization.id", lunch.Organization.ID, "a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b"},
		{"organization.name", lunch.Organization.Name, "Chapeltown Good Neighbours"},
		{"organization.description", lunch.Organization.Description, "A neighbourhood charity run by local volunteers since 1994."},
		{"organization.email", lunch.Organization.Email, "hello@goodneighbours.example.org"},
		{"organization.url", lunch.Organization.Website, "https://goodneighbours.example.org/"},
		{"organization.uri", lunch.Organization.Identifiers[0].Value, "https://id.example.org/organisation/chapeltown-good-neighbours"},
		{"organization.identifiers", lunch.Organization.Identifiers[1].Label(), "Registered charity 1099999"},
		// Contacts, costs, funding.
		{"contacts.name", lunch.Contacts[0].Name, "Lunch club coordinator"},
		{"contacts.title", lunch.Contacts[0].Title, "Coordinator"},
		{"contacts.phones.number", lunch.Contacts[0].Phones[0].Number, "0113 496 0123"},
		{"contacts.phones.language", lunch.Contacts[0].Phones[0].Description, "(languages: en,pa)"},
		{"cost_options.option", lunch.CostOptions[0].Option, "Two-course lunch"},
		{"cost_options.amount", *lunch.CostOptions[0].Amount, 3.5},
		{"cost_options.amount_description", lunch.CostOptions[0].Description, "per meal"},
		{"cost_options.valid_from", lunch.CostOptions[0].ValidFrom, "2025-01-01"},
		{"cost_options.valid_to", lunch.CostOptions[0].ValidTo, "2025-12-31"},
		{"fundings.source", fmt.Sprint(lunch.Funding), "[Chapeltown Community Chest]"},
		// Eligibility: words, ages and terms.
		{"eligibilitys.eligibility", lunch.Eligibility, "adult"},
		{"eligibilitys.minimum_age", intText(lunch.MinimumAge), "60"},
		{"eligibilitys.maximum_age", intText(lunch.MaximumAge), "120"},
		{"eligibilitys.taxonomys", attr(lunch, "Eligibility"), "Older people (esdCircumstances)"},
		// Languages, areas, kinds of support.
		{"languages", words(lunch.Languages[0].Code, lunch.Languages[1].Code), "en pa"},
		{"service_areas.service_area", lunch.Areas[0].Name, "Chapeltown and Harehills"},
		{"service_areas.extent", lunch.Areas[0].ExtentType + " " + lunch.Areas[0].Extent[:17], `geojson {"type":"Polygon"`},
		{"service_areas.uri", lunch.Areas[0].URI, "https://areas.example.org/leeds/chapeltown"},
		{"service_taxonomys.taxonomy.id", lunch.Terms[0].ID, "esd-need-lunch-clubs"},
		{"service_taxonomys.taxonomy.name", lunch.Terms[0].Name, "Lunch clubs"},
		{"service_taxonomys.taxonomy.vocabulary", lunch.Terms[0].Taxonomy, "esdNeeds"},
		{"service_taxonomys.taxonomy.parent", lunch.Terms[0].ParentID, "esd-need-food"},
		// The location, and the service-level schedule that names it.
		{"service_at_locations.id", sal.ID, "6d5e4f3a-bbbb-4b2c-8d3e-0f1a2b3c4d5e"},
		{"location.id", sal.Location.ID, "7e6f5a4b-cccc-4c3d-9e4f-1a2b3c4d5e6f"},
		{"location.name", sal.Location.Name, "Chapeltown Community Centre"},
		{"location.description", sal.Location.Description, "Main hall, ground floor"},
		{"location type", sal.Location.Type, directory.Physical},
		{"location.latitude, longitude", pointText(sal.Location.Point), "[-1.53263 53.81928]"},
		{"physical_addresses.address_1", sal.Location.Addresses[0].Address1, "12 Reginald Terrace"},
		{"physical_addresses.city", sal.Location.Addresses[0].City, "Leeds"},
		{"physical_addresses.state_province", sal.Location.Addresses[0].StateProvince, "West Yorkshire"},
		{"physical_addresses.postal_code", sal.Location.Addresses[0].PostalCode, "LS7 3AE"},
		{"physical_addresses.country", sal.Location.Addresses[0].Country, "GB"},
		{"physical_addresses.uprn", sal.Location.ExternalIDType + " " + sal.Location.ExternalID, "uprn 72012345"},
		{"accessibility_for_disabilities.accessibility", sal.Location.Accessibility[0].Description, "Step-free entrance"},
		{"accessibility_for_disabilities.details", sal.Location.Accessibility[0].Details, "Ramp at the side door on Reginald Terrace"},
		{"regular_schedules (for the service at the location)", len(lunch.Schedules), 0},
		{"regular_schedules.byday", sal.Schedules[0].ByDay, "TU,TH"},
		{"regular_schedules.opens_at", sal.Schedules[0].Opens, "11:30"},
		{"regular_schedules.closes_at", sal.Schedules[0].Closes, "14:00"},
		{"regular_schedules.freq", sal.Schedules[0].Freq, directory.Weekly},
		{"regular_schedules.interval", sal.Schedules[0].Interval, 1},
		{"regular_schedules.valid_from", sal.Schedules[0].ValidFrom, "2025-01-07"},
		{"regular_schedules.valid_to", sal.Schedules[0].ValidTo, "2025-12-18"},
		{"regular_schedules.dtstart", sal.Schedules[0].DTStart, "2025-01-07"},
		{"regular_schedules.description", sal.Schedules[0].Description, "Lunch is served at 12:15"},

		// The second service: values the standard allows, in the forms
		// real feeds write them.
		{"numeric id", money.ID, "20417"},
		{"status Active", money.Status, directory.StatusActive},
		{"lower-case RFC 3339 assured_date", money.LastVerified.Format("2006-01-02 15:04"), "2024-11-05 09:30"},
		{"attending_access appointment", words(len(money.ReferralRoutes), attr(money, "Attending access")), "0 appointment"},
		{"organisation without id", money.Organization.ID + " " + money.Organization.Name, "20417-organization Armley Money Matters"},
		{"service phones", words(len(money.Phones), money.Phones[0].Number, money.Phones[0].Type), "1 0113 496 0456 voice"},
		{"weekday 1, 9:00am–12pm", words(money.Schedules[0].ByDay, money.Schedules[0].Opens, money.Schedules[0].Closes), "MO 09:00 12:00"},
		{"weekdays, 12:00:00.000Z", words(money.Schedules[1].ByDay, money.Schedules[1].Opens, money.Schedules[1].Closes), "MO,TU,WE,TH,FR 12:00 17:00"},
		{"MO-FR fortnightly, 4.30pm", words(money.Schedules[2].ByDay, money.Schedules[2].Freq, money.Schedules[2].Interval, money.Schedules[2].Closes), "MO,TU,WE,TH,FR WEEKLY 2 16:30"},
		{"weekday Saturday, noon", words(money.Schedules[3].ByDay, money.Schedules[3].Closes), "SA 12:00"},
		{"eligibilities", money.Eligibility, "family; adult"},
		{"fractional ages and a maximum of 0", intText(money.MinimumAge) + "–" + intText(money.MaximumAge), "4–none"},
		{"languages as strings", words(money.Languages[0].Code, money.Languages[1].Name), "en Polish"},
		{"amount £5", words(*money.CostOptions[0].Amount, money.CostOptions[0].Currency), "5 GBP"},
		{"amount in words", words(money.CostOptions[1].Amount == nil, money.CostOptions[1].Description), "true Free to Armley residents"},
		{"service_taxonomies, once", words(len(money.Terms), money.Terms[0].ParentID), "1 esd-need-money"},
		{"latitude without longitude", money.Locations[0].Location.Point == nil, true},
		{"address_2", money.Locations[0].Location.Addresses[0].Address2, "Armley"},
		{"location_id only", words(money.Locations[1].ID, money.Locations[1].Location.ID, money.Locations[1].Location.IsReference()), "sal-20417-hub loc-armley-one-stop-hub true"},

		// The third: HSDS 1.x fields v1 inherits, and places outside
		// Great Britain.
		{"status temporarily closed", carers.Status, directory.StatusTemporarilyClosed},
		{"attending_access referral", fmt.Sprint(carers.ReferralRoutes), "[professional-referral]"},
		{"licenses", attr(carers, "Licences"), "Registered with the Fundraising Regulator"},
		{"program", words(carers.Program.ID, carers.Program.Name, carers.Program.AlternateName), "prog-carers-breaks Carers' Breaks Time Out"},
		{"required_documents", carers.RequiredDocuments[0].Name, "A referral letter from a GP or social worker"},
		{"payments_accepted", attr(carers, "Payment accepted"), "cash"},
		{"fundings", fmt.Sprint(carers.Funding), "[National Lottery grant Members' donations]"},
		{"link_taxonomies", attr(carers, "Eligibility"), "Carers (esdCircumstances)"},
		{"byday Monday to Friday", carers.Schedules[0].ByDay, "MO,TU,WE,TH,FR"},
		{"service at location schedules", carers.Locations[0].Schedules[0].Description, "Drop-in at the Belfast office"},
		{"BT postcode, no coordinates", words(carers.Locations[0].Location.Point == nil, carers.Locations[0].Location.Address().PostalCode), "true BT1 5GS"},
		{"postal_addresses", carers.Locations[1].Location.Addresses[0].Type + " " + carers.Locations[1].Location.Addresses[0].PostalCode, "postal IM1 1AA"},
		{"location regular_schedules", words(carers.Locations[1].Location.Schedules[0].Freq, carers.Locations[1].Location.Schedules[0].ByDay), "MONTHLY 1TH"},
	}
	for _, tt := range tests {
		if fmt.Sprint(tt.got) != fmt.Sprint(tt.want) {
			t.Errorf("%s = %v, want %v", tt.field, tt.got, tt.want)
		}
	}
}

// TestV1ReaderReportsEveryDrop checks the fixture page's report line by
// line: each value dropped or normalised, each field Linkway has no place
// for, and nothing else.
func TestV1ReaderReportsEveryDrop(t *testing.T) {
	_, recs := mustReadV1File(t, "services_page.json")
	var got []string
	for _, rec := range recs {
		for _, is := range rec.Issues {
			got = append(got, fmt.Sprintf("%d %s: %s", is.Index, is.Field, is.Action))
		}
	}
	want := []string{
		"1 organization.logo: not kept: Linkway has no place for this field",
		"1 holiday_schedules[0]: not kept: Linkway's opening times have no holiday closures or exceptions yet",
		"2 organization.id: not given; the organisation is known as \"20417-organization\"",
		"2 phones[1]: dropped: a phone with no number",
		"2 eligibilities[0].minimum_age: rounded down to 4",
		"2 eligibilities[0].maximum_age: rounded up to 18",
		"2 eligibilities[1].maximum_age: read as no maximum age",
		"2 eligibilitys: kept as one range, 4 and over: Linkway keeps one age range per service",
		"2 cost_options[1].amount: not an amount; kept in the cost's description",
		"2 service_at_locations[0].location.latitude: dropped: a latitude without a longitude; no map point",
		"2 regular_schedules[0].opens_at: read as 09:00",
		"2 regular_schedules[0].closes_at: read as 12:00",
		"2 regular_schedules[1].byday: read as MO,TU,WE,TH,FR",
		"2 regular_schedules[2].byday: read as MO,TU,WE,TH,FR",
		"2 regular_schedules[2].closes_at: read as 16:30",
		"2 regular_schedules[3].closes_at: read as 12:00",
		"2 holiday_schedules[0]: not kept: Linkway's opening times have no holiday closures or exceptions yet",
		"2 x_referral_form: not kept: Linkway has no place for this field",
		"3 regular_schedules[0].byday: read as MO,TU,WE,TH,FR",
		"0 reviews: not kept: Linkway has no place for reviews of a service",
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("report:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	// The single-service file has no value out of place.
	_, one := mustReadV1File(t, "service.json")
	if len(one) != 1 || one[0].Err != nil || len(one[0].Issues) > 0 {
		t.Errorf("service.json: %d records, first %+v, want one clean service", len(one), one[0])
	}
}

// leaves returns every text and number in a decoded JSON value with its
// path, and the path of every object, as leaf paths start with it.
func leaves(path string, v any, out map[string]string) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			leaves(path+"."+k, x, out)
		}
	case []any:
		for i, x := range v {
			leaves(fmt.Sprintf("%s[%d]", path, i), x, out)
		}
	case string:
		if strings.TrimSpace(v) != "" {
			out[path] = v
		}
	case json.Number:
		out[path] = v.String()
	}
}

// mustKeepOrReport checks that each text and number in the service
// object src (a decoded JSON object) is in the service read from it or
// in a line of the report: nothing is dropped without a word. A line
// about a field covers every value inside it. Values are compared
// without case ("Active" is kept as "active") and numbers by value.
// skip lists the paths (and what is inside them) that the caller
// accounts for: rewritten values, and references to parts read
// elsewhere.
func mustKeepOrReport(t *testing.T, what string, src map[string]any, recs []*hsds.Record, skip ...string) {
	t.Helper()
	out, _ := json.Marshal(recs[0].Service)
	var said strings.Builder
	for _, rec := range recs {
		if rec != recs[0] && rec.Index != 0 {
			continue // another service's report
		}
		for _, is := range rec.Issues {
			fmt.Fprintf(&said, "%s %s %s\n", is.Field, is.Value, is.Action)
			skip = append(skip, "."+is.Field)
		}
	}
	kept := strings.ToLower(string(out) + said.String())
	vals := map[string]string{}
	leaves("", src, vals)
	for path, v := range vals {
		if slices.ContainsFunc(skip, func(p string) bool {
			return path == p || strings.HasPrefix(path, p+".") || strings.HasPrefix(path, p+"[")
		}) {
			continue
		}
		want := strings.ToLower(v)
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			want = strconv.FormatFloat(f, 'f', -1, 64)
		} else if b, err := json.Marshal(v); err == nil {
			want = strings.ToLower(strings.Trim(string(b), `"`)) // as JSON writes it
		}
		if !strings.Contains(kept, want) {
			t.Errorf("%s: %s = %q is neither kept nor reported", what, path, v)
		}
	}
}

// TestV1ReaderKeepsOrReportsEveryValue checks, for every text and number
// in the fixture files, that it is kept or reported.
func TestV1ReaderKeepsOrReportsEveryValue(t *testing.T) {
	// Ids of rows Linkway keeps no entity for: what the row says is kept
	// on the service (its eligibility words and ages, its term, its
	// funding source).
	rows := []string{".eligibilitys[0].id", ".eligibilities[0].id", ".eligibilities[1].id",
		".service_taxonomys[0].id", ".service_taxonomies[0].id", ".service_taxonomies[1].id",
		".fundings[0].id", ".fundings[1].id"}
	accounted := map[string][]string{
		"services_page.json 1": {
			// The parent term's name belongs to the vocabulary.
			".service_taxonomys[0].taxonomy.parent.name", ".service_taxonomys[0].taxonomy.parent.vocabulary",
			// The place the schedule is for, by a copy of it.
			".regular_schedules[0].service_at_location",
			// Reported once for the document.
			".organization.reviews",
		},
		"services_page.json 2": {
			// Kept rewritten: as 5 GBP, SA, and the times 12:00, 17:00.
			".cost_options[0].amount", ".regular_schedules[3].weekday",
			".regular_schedules[1].opens_at", ".regular_schedules[1].closes_at",
		},
		"services_page.json 3": {".link_taxonomies[0].link_id"},
	}
	for _, name := range []string{"services_page.json", "service.json"} {
		src, recs := mustReadV1File(t, name)
		dec := json.NewDecoder(strings.NewReader(src))
		dec.UseNumber()
		var doc map[string]any
		if err := dec.Decode(&doc); err != nil {
			t.Fatal(err)
		}
		services := []any{doc}
		if c, ok := doc["content"].([]any); ok {
			services = c
		}
		for i, s := range services {
			key := fmt.Sprintf("%s %d", name, i+1)
			// From record i on: the document's own report comes last.
			mustKeepOrReport(t, key, s.(map[string]any), recs[i:], append(rows, accounted[key]...)...)
		}
	}
}

// TestV1ReaderTolerance feeds one service at a time with a value the
// standard allows (or a feed writes) and checks what is kept and said.
func TestV1ReaderTolerance(t *testing.T) {
	sched := func(fields string) string { return `"regular_schedules": [{"id": "r1", ` + fields + `}]` }
	tests := []struct {
		name   string
		extra  string
		got    func(*directory.Service) any
		want   any
		field  string // the issue expected, "" for none
		action string
	}{
		{"opens 9:00am", sched(`"byday": "MO", "opens_at": "9:00am", "closes_at": "5:00pm"`),
			func(s *directory.Service) any { return s.Schedules[0].Opens + "–" + s.Schedules[0].Closes }, "09:00–17:00",
			"regular_schedules[0].opens_at", "read as 09:00"},
		{"closes 12pm", sched(`"byday": "MO", "opens_at": "10:00", "closes_at": "12pm"`),
			func(s *directory.Service) any { return s.Schedules[0].Closes }, "12:00", "regular_schedules[0].closes_at", "read as 12:00"},
		{"12:00:00.000Z", sched(`"byday": "MO", "opens_at": "12:00:00.000Z", "closes_at": "13:00:00.000Z"`),
			func(s *directory.Service) any { return s.Schedules[0].Opens }, "12:00", "", ""},
		{"a time as a date and time", sched(`"byday": "MO", "opens_at": "1900-01-01T09:00:00", "closes_at": "10:00"`),
			func(s *directory.Service) any { return s.Schedules[0].Opens }, "", "regular_schedules[0].opens_at", "dropped: not a time of day"},
		{"byday MO-FR", sched(`"byday": "MO-FR"`),
			func(s *directory.Service) any { return s.Schedules[0].ByDay }, "MO,TU,WE,TH,FR", "regular_schedules[0].byday", "read as MO,TU,WE,TH,FR"},
		{"byday weekdays", sched(`"byday": "weekdays"`),
			func(s *directory.Service) any { return s.Schedules[0].ByDay }, "MO,TU,WE,TH,FR", "regular_schedules[0].byday", "read as MO,TU,WE,TH,FR"},
		{"byday unreadable", sched(`"byday": "fortnightly", "opens_at": "10:00"`),
			func(s *directory.Service) any { return s.Schedules[0].ByDay + " " + s.Schedules[0].Opens }, " 10:00",
			"regular_schedules[0].byday", "dropped: not a list of days like MO,WE"},
		{"weekday 7", sched(`"weekday": 7`),
			func(s *directory.Service) any { return s.Schedules[0].ByDay }, "SU", "", ""},
		{"weekday 0", sched(`"weekday": "0"`),
			func(s *directory.Service) any { return s.Schedules[0].ByDay }, "SU", "", ""},
		{"weekday against byday", sched(`"weekday": "Tuesday", "byday": "MO"`),
			func(s *directory.Service) any { return s.Schedules[0].ByDay }, "MO", "regular_schedules[0].weekday", "not kept: byday says MO"},
		{"freq DAILY", sched(`"freq": "DAILY", "opens_at": "09:00", "closes_at": "10:00"`),
			func(s *directory.Service) any { return string(s.Schedules[0].Freq) + " " + s.Schedules[0].ByDay }, "WEEKLY MO,TU,WE,TH,FR,SA,SU",
			"regular_schedules[0].freq", "read as WEEKLY on MO,TU,WE,TH,FR,SA,SU"},
		{"interval 1.5", sched(`"byday": "MO", "interval": 1.5`),
			func(s *directory.Service) any { return s.Schedules[0].Interval }, 0, "regular_schedules[0].interval", "dropped: not a whole number of weeks or months"},
		{"valid_from as a date and time", sched(`"byday": "MO", "valid_from": "2025-04-01t00:00:00z"`),
			func(s *directory.Service) any { return s.Schedules[0].ValidFrom }, "2025-04-01", "", ""},
		{"a schedule that says nothing", sched(`"description": ""`),
			func(s *directory.Service) any { return len(s.Schedules) }, 0, "", ""},
		{"fractional minimum age", `"eligibilitys": [{"id": "e", "minimum_age": 4.5, "maximum_age": 11}]`,
			func(s *directory.Service) any { return intText(s.MinimumAge) + "–" + intText(s.MaximumAge) }, "4–11",
			"eligibilitys[0].minimum_age", "rounded down to 4"},
		{"age over 130", `"eligibilitys": [{"id": "e", "minimum_age": 18, "maximum_age": 999}]`,
			func(s *directory.Service) any { return intText(s.MinimumAge) + "–" + intText(s.MaximumAge) }, "18–none",
			"eligibilitys[0].maximum_age", "dropped: not an age between 0 and 130"},
		{"minimum over maximum", `"eligibilitys": [{"id": "e", "minimum_age": 65, "maximum_age": 18}]`,
			func(s *directory.Service) any { return intText(s.MinimumAge) + "–" + intText(s.MaximumAge) }, "none–none",
			"eligibilitys[0].minimum_age, eligibilitys[0].maximum_age", "both dropped: the minimum age is above the maximum"},
		{"ages on the service, HSDS 3.0 style", `"minimum_age": "16", "maximum_age": 25`,
			func(s *directory.Service) any { return intText(s.MinimumAge) + "–" + intText(s.MaximumAge) }, "16–25", "", ""},
		{"eligibility as words on the service", `"eligibility": "Carers of any age"`,
			func(s *directory.Service) any { return s.Eligibility }, "Carers of any age", "", ""},
		{"latitude without longitude", `"service_at_locations": [{"id": "sal", "location": {"id": "l", "latitude": 53.8}}]`,
			func(s *directory.Service) any { return s.Locations[0].Location.Point == nil }, true,
			"service_at_locations[0].location.latitude", "dropped: a latitude without a longitude; no map point"},
		{"coordinates as text", `"service_at_locations": [{"id": "sal", "location": {"id": "l", "latitude": "53.8", "longitude": "-1.55"}}]`,
			func(s *directory.Service) any { return pointText(s.Locations[0].Location.Point) }, "[-1.55 53.8]", "", ""},
		{"a service at a location with no location", `"service_at_locations": [{"id": "sal"}]`,
			func(s *directory.Service) any { return len(s.Locations) }, 0, "service_at_locations[0]", "dropped: names no location (neither location nor location_id)"},
		{"a schedule naming a place the service is not at", sched(`"service_at_location_id": "elsewhere", "byday": "MO"`),
			func(s *directory.Service) any { return len(s.Schedules) }, 1,
			"regular_schedules[0]", "names a place the service is not at; kept as the service's own times"},
		{"a schedule naming the location", `"service_at_locations": [{"id": "sal", "location": {"id": "hall"}}], ` + sched(`"location_id": "hall", "byday": "FR"`),
			func(s *directory.Service) any {
				return len(s.Schedules) == 0 && s.Locations[0].Schedules[0].ByDay == "FR"
			}, true, "", ""},
		{"no status", `"status": null`,
			func(s *directory.Service) any { return s.Status }, directory.StatusActive, "status", "missing: read as active"},
		{"a word for a status", `"status": "live"`,
			func(s *directory.Service) any { return s.Status }, directory.StatusActive, "status", "read as active"},
		{"unknown status", `"status": "archived"`,
			func(s *directory.Service) any { return s.Status }, directory.StatusInactive,
			"status", "not an HSDS status: read as inactive, so not listed"},
		{"organisation without a name", `"organization": {"id": "org-9"}`,
			func(s *directory.Service) any { return s.Organization.Name }, "org-9", "organization.name", "missing: the organisation is named by its id"},
		{"organisation by id only", `"organization_id": "org-7"`,
			func(s *directory.Service) any { return s.Organization.ID }, "org-7", "", ""},
		{"two names for one field", `"fees": "£2", "fees_description": "£2 a session"`,
			func(s *directory.Service) any { return s.Fees }, "£2", "fees_description", "not kept: fees is given too"},
		{"an object where text belongs", `"description": {"en": "Hello"}`,
			func(s *directory.Service) any { return s.Description }, "", "description", "dropped: an object where text was expected"},
		{"one object where a list belongs", `"languages": {"id": "l1", "language": "cy"}`,
			func(s *directory.Service) any { return s.Languages[0].Code }, "cy", "", ""},
		{"text where a list belongs", `"contacts": "Ring the office"`,
			func(s *directory.Service) any { return len(s.Contacts) }, 0, "contacts", "dropped: text where a list was expected"},
		{"several languages in one", `"languages": [{"id": "l1", "language": "en, cy"}]`,
			func(s *directory.Service) any { return s.Languages[0].Code + " " + s.Languages[1].Code }, "en cy", "", ""},
		{"a term with a name and no id", `"service_taxonomys": [{"id": "st", "taxonomy": {"name": "Befriending"}}]`,
			func(s *directory.Service) any { return s.Terms[0].ID }, "Befriending", "service_taxonomys[0].taxonomy.id", "not given; the term is known by its name"},
		{"a term with neither", `"service_taxonomys": [{"id": "st", "taxonomy": {"vocabulary": "esdNeeds"}}]`,
			func(s *directory.Service) any { return len(s.Terms) }, 0, "service_taxonomys[0].taxonomy", "dropped: a taxonomy term with no id or name"},
		{"a second UPRN", `"service_at_locations": [{"id": "sal", "location": {"id": "l", "physical_addresses": [{"id": "a", "uprn": "1"}, {"id": "b", "uprn": "2"}]}}]`,
			func(s *directory.Service) any { return s.Locations[0].Location.ExternalID }, "1",
			"service_at_locations[0].location.physical_addresses[1].uprn", "not kept: the location's UPRN is 1 already"},
		{"a location type v1 does not name", `"service_at_locations": [{"id": "sal", "location": {"id": "l", "location_type": "virtual", "url": "https://meet.example.org"}}]`,
			func(s *directory.Service) any { return s.Locations[0].Location.Type }, directory.Virtual, "", ""},
		{"an HSDS 3.0 identifier", `"organization": {"id": "o", "name": "O", "organization_identifiers": [{"id": "i", "identifier_scheme": "GB-COH", "identifier_type": "Company number", "identifier": "01234567"}]}`,
			func(s *directory.Service) any { return s.Organization.Identifiers[0].Label() }, "Company number 01234567", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := mustReadV1Service(t, "["+v1Service("s1", "Tea and Talk", tt.extra)+"]")
			if rec.Err != nil {
				t.Fatalf("record refused: %v", rec.Err)
			}
			if got := tt.got(rec.Service); fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			switch is := issueFor(rec, tt.field); {
			case tt.field == "" && len(rec.Issues) > 0:
				t.Errorf("issues %+v, want none", rec.Issues)
			case tt.field != "" && is == nil:
				t.Errorf("no issue on %s; issues: %+v", tt.field, rec.Issues)
			case tt.field != "" && is.Action != tt.action:
				t.Errorf("issue on %s: %q, want %q", tt.field, is.Action, tt.action)
			}
		})
	}
}

// TestV1ReaderUnusableRecords checks that a record is refused only when
// it cannot be listed, and that the records after it are still read.
func TestV1ReaderUnusableRecords(t *testing.T) {
	tests := []struct {
		name, record, want string
	}{
		{"no id", `{"name": "Tea and Talk", "status": "active"}`, `record 1 (no id): field "id": is required`},
		{"blank id", `{"id": "  ", "name": "Tea and Talk"}`, `record 1 (no id): field "id": is required`},
		{"no name", `{"id": "s1", "status": "active"}`, `record 1 (id "s1"): field "name": is required`},
		{"not an object", `"s1"`, `record 1 (no id): is text, not a service object`},
		{"a list", `[{"id": "s1"}]`, `record 1 (no id): is a list, not a service object`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := readV1(`{"content": [` + tt.record + `, ` + v1Service("s2", "Next") + `], "totalElements": 2}`)
			if err != nil {
				t.Fatalf("fatal error %v, want a bad record", err)
			}
			if len(recs) != 2 {
				t.Fatalf("read %d records, want 2", len(recs))
			}
			if recs[0].Err == nil || directory.MessageOf(recs[0].Err) != tt.want {
				t.Errorf("error %v, want %s", recs[0].Err, tt.want)
			}
			if directory.KindOf(recs[0].Err) != directory.Invalid {
				t.Errorf("kind %v, want Invalid", directory.KindOf(recs[0].Err))
			}
			if recs[1].Err != nil || recs[1].Service.Name != "Next" {
				t.Errorf("the next record: %+v", recs[1])
			}
		})
	}
}

// TestV1ReaderShapes reads the shapes a v1 document comes in.
func TestV1ReaderShapes(t *testing.T) {
	one := v1Service("s1", "Tea and Talk")
	tests := []struct {
		name, doc string
		want      int
	}{
		{"page", `{"totalElements": 1, "totalPages": 1, "number": 1, "size": 50, "first": true, "last": true, "content": [` + one + `]}`, 1},
		{"page with content first", `{"content": [` + one + `, ` + v1Service("s2", "Walk") + `], "totalElements": 2, "last": true}`, 2},
		{"array", `[` + one + `]`, 1},
		{"one service", one, 1},
		{"one service with a byte-order mark", "\uFEFF" + one, 1},
		{"empty page", `{"totalElements": 0, "content": [], "empty": true}`, 0},
		{"page with null content", `{"totalElements": 0, "content": null}`, 0},
		{"empty array", `[]`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := readV1(tt.doc)
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != tt.want {
				t.Fatalf("read %d records, want %d", len(recs), tt.want)
			}
			for _, rec := range recs {
				if rec.Err != nil || rec.Service == nil {
					t.Errorf("%s: %v", rec.Label(), rec.Err)
				}
			}
		})
	}
	_, recs := mustReadV1File(t, "empty_page.json")
	if len(recs) != 0 {
		t.Errorf("empty_page.json: %d records, want 0", len(recs))
	}
}

// TestV1ReaderFatalErrors checks that a document that is not v1, or not
// whole, fails with a message a person can act on.
func TestV1ReaderFatalErrors(t *testing.T) {
	tests := []struct {
		name, doc, want string
	}{
		{"empty file", ``, "the file is empty"},
		{"HSDS 3.0 page", `{"total_items": 1, "contents": [{"id": "s1", "name": "x"}]}`, "this is not an ORUK v1 services document"},
		{"object without content", `{"totalElements": 1}`, "this is not an ORUK v1 services document"},
		{"content not a list", `{"content": {"id": "s1"}}`, "this is not an ORUK v1 services document"},
		{"a number", `42`, "this is not an ORUK v1 services document"},
		{"cut short", `{"content": [{"id": "s1", "name": "Tea`, "the file ends in the middle of a JSON value"},
		{"malformed", `{"content": [{"id": "s1" "name": "Tea"}]}`, "record 1: malformed JSON near byte"},
		{"trailing data", `[` + v1Service("s1", "Tea") + `] [`, "unexpected data after the end of the JSON document"},
		{"trailing data after one service", v1Service("s1", "Tea") + ` {}`, "unexpected data after the end of the JSON document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readV1(tt.doc)
			if err == nil {
				t.Fatal("no error")
			}
			if errors.Is(err, io.EOF) {
				t.Fatalf("error %v wraps io.EOF, which callers take as the clean end", err)
			}
			if !strings.Contains(directory.MessageOf(err), tt.want) || directory.KindOf(err) != directory.Invalid {
				t.Errorf("error %q (kind %v), want one containing %q", directory.MessageOf(err), directory.KindOf(err), tt.want)
			}
		})
	}
}

// TestV1ReaderOffset checks that progress reaches the end of the file
// and never goes back.
func TestV1ReaderOffset(t *testing.T) {
	for _, name := range []string{"services_page.json", "service.json"} {
		t.Run(name, func(t *testing.T) { testV1Offset(t, name) })
	}
}

func testV1Offset(t *testing.T, name string) {
	b, err := os.ReadFile(v1Path(t, name))
	if err != nil {
		t.Fatal(err)
	}
	rd := hsds.NewV1Reader(strings.NewReader(string(b)))
	var last int64
	for {
		_, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if rd.Offset() < last {
			t.Fatalf("offset went back from %d to %d", last, rd.Offset())
		}
		last = rd.Offset()
	}
	if got := rd.Offset(); got < int64(len(strings.TrimSpace(string(b)))) {
		t.Errorf("offset at the end %d, want %d", got, len(b))
	}
}

// schemaInstance builds a value from a JSON schema, with every property
// filled: the v1 schemas give no examples, so this is the service they
// describe.
func schemaInstance(name string, s map[string]any) any {
	if enum, ok := s["enum"].([]any); ok && len(enum) > 0 {
		return enum[0]
	}
	typ := s["type"]
	if list, ok := typ.([]any); ok {
		typ = list[0]
	}
	switch typ {
	case "object":
		out := map[string]any{}
		props, _ := s["properties"].(map[string]any)
		for k, p := range props {
			out[k] = schemaInstance(k, p.(map[string]any))
		}
		return out
	case "array":
		items, _ := s["items"].(map[string]any)
		return []any{schemaInstance(name, items)}
	case "number", "integer":
		return json.Number("7")
	case "boolean":
		return true
	}
	switch {
	case s["format"] == "date" || strings.HasSuffix(name, "_date") || name == "date":
		return "2025-01-0" + strconv.Itoa(len(name)%9+1)
	case s["format"] == "email":
		return name + "@schema.example.org"
	case s["format"] == "uri" || name == "url" || name == "uri" || name == "logo":
		return "https://schema.example.org/" + name
	case strings.Contains(fmt.Sprint(s["pattern"]), "[0-9a-f]{8}"):
		return fmt.Sprintf("00000000-0000-4000-8000-%012d", len(name))
	}
	return "text of " + name
}

func mustSchema(tb testing.TB, name string) map[string]any {
	tb.Helper()
	b, err := os.ReadFile(v1Path(tb, filepath.Join("schemas", name)))
	if err != nil {
		tb.Fatal(err)
	}
	var s map[string]any
	if err := json.Unmarshal(b, &s); err != nil {
		tb.Fatal(err)
	}
	return s
}

// TestV1ReaderReadsTheSchemas builds a service from every property the
// ORUK v1 service, location and organisation schemas name, and checks
// that the reader keeps each value or says why not. The only field with
// no place in Linkway is the organisation's logo.
func TestV1ReaderReadsTheSchemas(t *testing.T) {
	service := schemaInstance("service", mustSchema(t, "service.json")).(map[string]any)
	fromList := mustSchema(t, "service_list.json")["properties"].(map[string]any)["content"].(map[string]any)["items"].(map[string]any)
	listed := schemaInstance("service", fromList).(map[string]any)
	location := schemaInstance("location", mustSchema(t, "location.json")).(map[string]any)
	org := schemaInstance("organization", mustSchema(t, "organization.json")).(map[string]any)
	// The location and organisation schemas are of their own endpoints;
	// a service nests them.
	delete(location, "service_at_locations") // its services, back to this one
	delete(org, "services")
	full := map[string]any{}
	for k, v := range service {
		full[k] = v
	}
	full["organization"] = org
	full["service_at_locations"] = []any{map[string]any{"id": "sal-1", "location": location}}

	for _, tt := range []struct {
		name string
		svc  map[string]any
	}{{"service.json", service}, {"service_list.json", listed}, {"with location.json and organization.json", full}} {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.svc)
			if err != nil {
				t.Fatal(err)
			}
			recs, err := readV1(string(b))
			if err != nil {
				t.Fatal(err)
			}
			if recs[0].Err != nil {
				t.Fatalf("refused: %v", recs[0].Err)
			}
			var notKept []string
			for _, rec := range recs {
				for _, is := range rec.Issues {
					if strings.HasPrefix(is.Action, "not kept") || strings.HasPrefix(is.Action, "dropped") {
						notKept = append(notKept, is.Field)
					}
				}
			}
			want := []string{"organization.logo"}
			if tt.svc["organization"].(map[string]any)["reviews"] != nil {
				want = append(want, "reviews")
			}
			slices.Sort(notKept)
			if !slices.Equal(notKept, want) {
				t.Errorf("fields not kept: %v, want %v", notKept, want)
			}
			// Link records carry copies of the parts they link (an
			// eligibility, an area, a cost): those are read where the
			// service lists them.
			mustKeepOrReport(t, tt.name, tt.svc, recs,
				".organization.link_taxonomies[0].eligibility",
				".organization.link_taxonomies[0].service_area",
				".organization.link_taxonomies[0].cost_option",
				".organization.link_taxonomies[0].link_id",
				".organization.reviews",
			)
		})
	}
}

// BenchmarkV1Reader reads a page of services like the fixture's first,
// which uses every v1 sub-object.
func BenchmarkV1Reader(b *testing.B) {
	src, err := os.ReadFile(v1Path(b, "services_page.json"))
	if err != nil {
		b.Fatal(err)
	}
	var page struct {
		Content []json.RawMessage `json:"content"`
	}
	if err := json.Unmarshal(src, &page); err != nil {
		b.Fatal(err)
	}
	const n = 1000
	var doc strings.Builder
	doc.WriteString(`{"totalElements": 1000, "content": [`)
	for i := range n {
		if i > 0 {
			doc.WriteString(",")
		}
		doc.WriteString(strings.Replace(string(page.Content[0]), "3f9c2a51-7d0e-4b8a-9c61-2e5a8d4b7f10", fmt.Sprintf("svc-%d", i), 1))
	}
	doc.WriteString("]}")
	text := doc.String()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		rd := hsds.NewV1Reader(strings.NewReader(text))
		count := 0
		for {
			rec, err := rd.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			if rec.Service != nil {
				count++
			}
		}
		if count != n {
			b.Fatalf("read %d services, want %d", count, n)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "services/s")
}

// v1Geo places the fixture's one Leeds postcode without coordinates and
// no other, as the gazetteer would place no Northern Ireland postcode.
type v1Geo struct{}

func (v1Geo) Point(postcode string) (orb.Point, error) {
	if strings.EqualFold(strings.TrimSpace(postcode), "LS12 1AD") {
		return orb.Point{-1.56237, 53.79560}, nil
	}
	return orb.Point{}, directory.Errorf(directory.NotFound, "postcode %s is not one we know", postcode)
}

// TestV1ImportIntoStore imports the fixture page through the importer
// into a real SQLite database and reads the services back.
func TestV1ImportIntoStore(t *testing.T) {
	ctx := t.Context()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "v1.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f, err := os.Open(v1Path(t, "services_page.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	im := &hsds.Importer{Geo: v1Geo{}}
	var rep hsds.Report
	err = db.InTx(ctx, func(tx *sqlite.Tx) error {
		rep, err = im.ImportSource(ctx, hsds.NewV1Reader(f), tx)
		return err
	})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	if rep.Created != 3 || len(rep.Skipped) != 0 {
		t.Fatalf("created %d, skipped %v; want 3 created, none skipped", rep.Created, rep.Skipped)
	}
	var lines []string
	for _, is := range rep.Issues {
		lines = append(lines, is.Field+": "+is.Action)
	}
	report := strings.Join(lines, "\n")
	for _, want := range []string{
		"reviews: not kept",
		"service_at_locations[0].location.addresses.postal_code: no map point: a Northern Ireland postcode",
		"service_at_locations[1].location.addresses.postal_code: no map point: a postcode in IM cannot be looked up",
		"service_at_locations[1].location_id: dropped: no location has this id",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}

	money, err := db.Service(ctx, "20417")
	if err != nil {
		t.Fatal(err)
	}
	if len(money.Locations) != 1 || pointText(money.Locations[0].Location.Point) != "[-1.56237 53.7956]" {
		t.Errorf("Armley: locations %+v, want the library placed by its postcode", money.Locations)
	}
	if len(money.Schedules) != 4 || money.Schedules[0].Opens != "09:00" || intText(money.MinimumAge) != "4" {
		t.Errorf("Armley: schedules %+v, minimum age %s", money.Schedules, intText(money.MinimumAge))
	}
	lunch, err := db.Service(ctx, "3f9c2a51-7d0e-4b8a-9c61-2e5a8d4b7f10")
	if err != nil {
		t.Fatal(err)
	}
	if len(lunch.Locations) != 1 || len(lunch.Locations[0].Schedules) != 1 || lunch.Locations[0].Schedules[0].ByDay != "TU,TH" {
		t.Errorf("lunch club: locations %+v, want its Tuesday and Thursday lunches there", lunch.Locations)
	}
	if len(lunch.Terms) != 1 || lunch.Terms[0].ParentID != "esd-need-food" || len(lunch.Languages) != 2 {
		t.Errorf("lunch club: terms %+v, languages %+v", lunch.Terms, lunch.Languages)
	}
}
