package hsds_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/hsds"
)

// mustExamplePath returns the path of one of Open Referral's published
// example files, kept in the repository's testdata/openreferral folder.
func mustExamplePath(tb testing.TB, dir, name string) string {
	tb.Helper()
	path := filepath.Join("..", "testdata", "openreferral", dir, name)
	if _, err := os.Stat(path); err != nil {
		tb.Fatalf("example file missing from testdata/openreferral: %v", err)
	}
	return path
}

// readAll reads every record of src but those holding only issues about
// the document, stopping at the first fatal error.
func readAll(src string) ([]*hsds.Record, error) {
	recs, _, err := readWithDocument(hsds.NewReader(strings.NewReader(src)))
	return recs, err
}

// readWithDocument reads every record of src, and apart the issues about
// the document as a whole.
func readWithDocument(src hsds.Source) (recs []*hsds.Record, doc []hsds.Issue, err error) {
	for {
		rec, err := src.Next()
		if errors.Is(err, io.EOF) {
			return recs, doc, nil
		}
		if err != nil {
			return recs, doc, err
		}
		if rec.Kind() == "document" && rec.Err == nil {
			doc = append(doc, rec.Issues...)
			continue
		}
		recs = append(recs, rec)
	}
}

// mustReadOne reads src, which must hold exactly one record, and returns it
// whether it is valid or not.
func mustReadOne(tb testing.TB, src string) *hsds.Record {
	tb.Helper()
	recs, err := readAll(src)
	if err != nil {
		tb.Fatalf("reading %s: %v", src, err)
	}
	if len(recs) != 1 {
		tb.Fatalf("read %d records, want 1", len(recs))
	}
	return recs[0]
}

// mustReadValid reads src, which must hold exactly one valid record.
func mustReadValid(tb testing.TB, src string) *directory.Service {
	tb.Helper()
	rec := mustReadOne(tb, src)
	if rec.Err != nil {
		tb.Fatalf("record is invalid: %v", rec.Err)
	}
	return rec.Service
}

// mustContainAll fails unless s contains every one of subs.
func mustContainAll(tb testing.TB, what, s string, subs ...string) {
	tb.Helper()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			tb.Errorf("%s = %q\nwant it to contain %q", what, s, sub)
		}
	}
}

// svc returns a minimal valid service object with extra JSON members
// (each "key": value) added.
func svc(id string, extra ...string) string {
	members := append([]string{`"id": ` + id, `"name": "Walking group"`, `"status": "active"`}, extra...)
	return "{" + strings.Join(members, ", ") + "}"
}

const exampleID = "ac148810-d857-441c-9679-408f346de14b"

func TestReaderRealExamples(t *testing.T) {
	tests := []struct {
		dir, file   string
		locations   int
		wantWarning string // "" when none is expected
		wantOrg     string
	}{
		{"hsds-3.0-examples", "service_full.json", 1, "100, 101 dropped: not a place on Earth", "Example Organization Inc."},
		{"hsds-3.0-examples", "service_list.json", 0, "", "Example Organization Inc."},
		{"oruk-3.0-uk-profile-examples", "service_full.json", 1, "100, 101 dropped: not a place on Earth", "Example Organization Inc."},
		{"oruk-3.0-uk-profile-examples", "service_list.json", 0, "", "Example Organization Inc."},
	}
	for _, tt := range tests {
		t.Run(tt.dir+"/"+tt.file, func(t *testing.T) {
			f, err := os.Open(mustExamplePath(t, tt.dir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			recs, _, err := readWithDocument(hsds.NewReader(f))
			if err != nil {
				t.Fatalf("Next() error: %v", err)
			}
			if len(recs) != 1 {
				t.Fatalf("read %d records, want 1", len(recs))
			}
			rec := recs[0]
			if rec.Err != nil {
				t.Fatalf("record invalid: %v", rec.Err)
			}
			if rec.Index != 1 || rec.ID != exampleID {
				t.Errorf("record = %d %q, want 1 %q", rec.Index, rec.ID, exampleID)
			}
			s := rec.Service
			if s.Name != "Community Counselling" || s.Status != directory.StatusActive {
				t.Errorf("service = %q %q, want Community Counselling, active", s.Name, s.Status)
			}
			if s.Organization == nil || s.Organization.Name != tt.wantOrg {
				t.Errorf("organisation = %+v, want %q", s.Organization, tt.wantOrg)
			}
			if s.MinimumAge == nil || *s.MinimumAge != 12 || s.MaximumAge == nil || *s.MaximumAge != 100 {
				t.Errorf("ages = %v-%v, want 12-100", s.MinimumAge, s.MaximumAge)
			}
			if got := s.LastVerified.Format("2006-01-02"); got != "2005-01-01" {
				t.Errorf("LastVerified = %s, want 2005-01-01", got)
			}
			if len(s.Locations) != tt.locations {
				t.Fatalf("%d locations, want %d", len(s.Locations), tt.locations)
			}
			for _, sal := range s.Locations {
				if sal.Location.Point != nil {
					t.Errorf("location %s kept the impossible point %v", sal.Location.ID, *sal.Location.Point)
				}
			}
			warnings := issueLines(rec)
			if tt.wantWarning == "" && warnings != "" {
				t.Errorf("unexpected warnings: %s", warnings)
			}
			if tt.wantWarning != "" {
				mustContainAll(t, "warnings", warnings, tt.wantWarning, "service_at_locations[0].location")
			}
			if tt.file == "service_full.json" {
				if len(s.Schedules) != 1 || s.Schedules[0].Opens != "10:00" || s.Schedules[0].Closes != "18:00" {
					t.Errorf("schedules = %+v, want one 10:00-18:00", s.Schedules)
				}
				if len(s.Terms) != 1 || s.Terms[0].ID != "3f7b145d-84af-42d7-8fae-eaca714b02b2" {
					t.Errorf("terms = %+v, want the example's one term", s.Terms)
				}
			}
		})
	}
}

// The UK profile example lists a language by id alone. HSDS requires only
// the id, so the record stays valid and the language is dropped with a
// warning.
func TestReaderLanguageWithoutNameOrCode(t *testing.T) {
	rec := mustReadOne(t, "["+svc(`"a"`, `"languages": [{"id": "l1"}, {"id": "l2", "name": "Urdu", "code": "UR"}]`)+"]")
	if rec.Err != nil {
		t.Fatalf("record invalid: %v", rec.Err)
	}
	want := []directory.Language{{ID: "l2", Name: "Urdu", Code: "ur"}}
	if len(rec.Service.Languages) != 1 || rec.Service.Languages[0] != want[0] {
		t.Errorf("Languages = %+v, want %+v", rec.Service.Languages, want)
	}
	mustContainAll(t, "warnings", issueLines(rec), "languages[0] l1 dropped: no name or code")
}

func TestReaderTimes(t *testing.T) {
	tests := []struct {
		in       string
		want     string // normalised; "" when dropped
		wantWarn string // "" when none is expected
	}{
		{in: "10:00", want: "10:00"},
		{in: "10:00:00", want: "10:00"},
		{in: "10:00+01:00", want: "10:00"},
		{in: "10:00:00Z", want: "10:00"},
		{in: "10:00-05:00", want: "10:00"},
		{in: "10:00+0100", want: "10:00"},
		{in: "9:30", want: "09:30"},
		{in: " 18:45 ", want: "18:45"},
		{in: "00:00", want: "00:00"},
		{in: "24:00", want: "24:00"},
		{in: "12:00:00.000Z", want: "12:00"},
		{in: "09:15:30.5+01:00", want: "09:15"},
		// Forms HSDS does not use are read, with a warning.
		{in: "9:00am", want: "09:00", wantWarn: "read as 09:00"},
		{in: "9am", want: "09:00", wantWarn: "read as 09:00"},
		{in: "12pm", want: "12:00", wantWarn: "read as 12:00"},
		{in: "12am", want: "00:00", wantWarn: "read as 00:00"},
		{in: "9.30 PM", want: "21:30", wantWarn: "read as 21:30"},
		{in: "5:45 p.m.", want: "17:45", wantWarn: "read as 17:45"},
		{in: "0930", want: "09:30", wantWarn: "read as 09:30"},
		{in: "noon", want: "12:00", wantWarn: "read as 12:00"},
		// What cannot be read is dropped, with a warning; the record stays.
		{in: "25:00", wantWarn: "dropped: not a time of day"},
		{in: "10:60", wantWarn: "dropped: not a time of day"},
		{in: "24:30", wantWarn: "dropped: not a time of day"},
		{in: "10", wantWarn: "dropped: not a time of day"},
		{in: "ten", wantWarn: "dropped: not a time of day"},
		{in: "13pm", wantWarn: "dropped: not a time of day"},
		{in: "10:00:00:00", wantWarn: "dropped: not a time of day"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			sched := `{"freq": "WEEKLY", "byday": "MO", "opens_at": "` + tt.in + `", "closes_at": "` + tt.in + `"}`
			src := "[" + svc(`"t1"`,
				`"schedules": [`+sched+`]`,
				`"service_at_locations": [{"location": {"id": "v", "location_type": "virtual"}, "schedules": [`+sched+`]}]`,
			) + "]"
			rec := mustReadOne(t, src)
			if rec.Err != nil {
				t.Fatalf("opens_at %q rejected: %v", tt.in, rec.Err)
			}
			warnings := issueLines(rec)
			if tt.wantWarn == "" && warnings != "" {
				t.Errorf("unexpected warnings: %s", warnings)
			}
			if tt.wantWarn != "" {
				for _, field := range []string{"schedules[0].opens_at", "schedules[0].closes_at", "service_at_locations[0].schedules[0].opens_at"} {
					mustContainAll(t, "warnings", warnings, field+" "+strings.TrimSpace(tt.in)+" "+tt.wantWarn)
				}
			}
			for _, sc := range []directory.Schedule{rec.Service.Schedules[0], rec.Service.Locations[0].Schedules[0]} {
				if sc.Opens != tt.want || sc.Closes != tt.want {
					t.Errorf("opens, closes = %q, %q, want %q", sc.Opens, sc.Closes, tt.want)
				}
			}
		})
	}
}

func TestReaderIDs(t *testing.T) {
	long200 := strings.Repeat("x", 200)
	long201 := strings.Repeat("x", 201)
	wide200 := strings.Repeat("é", 200) // 400 bytes: the limit counts characters
	tests := []struct {
		name    string
		id      string // JSON value, or "" to leave the member out
		want    string
		wantErr string
	}{
		{name: "uuid", id: `"0b7c1b8e-5d3a-4f7e-9a51-2c3d4e5f6a7b"`, want: "0b7c1b8e-5d3a-4f7e-9a51-2c3d4e5f6a7b"},
		{name: "upper-case uuid kept as given", id: `"0B7C1B8E-5D3A-4F7E-9A51-2C3D4E5F6A7B"`, want: "0B7C1B8E-5D3A-4F7E-9A51-2C3D4E5F6A7B"},
		{name: "JSON number", id: `10234`, want: "10234"},
		{name: "JSON number with leading text form", id: `"00042"`, want: "00042"},
		{name: "negative number", id: `-7`, want: "-7"},
		{name: "other string", id: `"leeds:svc/walking-group#1"`, want: "leeds:svc/walking-group#1"},
		{name: "padded", id: `"  svc-1  "`, want: "svc-1"},
		{name: "200 characters", id: `"` + long200 + `"`, want: long200},
		{name: "200 two-byte characters", id: `"` + wide200 + `"`, want: wide200},
		{name: "201 characters", id: `"` + long201 + `"`, wantErr: `field "id": is longer than 200 characters`},
		{name: "empty", id: `""`, wantErr: `field "id": is required`},
		{name: "blank", id: `"   "`, wantErr: `field "id": is required`},
		{name: "null", id: `null`, wantErr: `field "id": is required`},
		{name: "missing", wantErr: `field "id": is required`},
		{name: "object", id: `{"value": 1}`, wantErr: `field "id": is {"value": 1}, expected text`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			obj := svc(tt.id)
			if tt.id == "" {
				obj = `{"name": "Walking group", "status": "active"}`
			}
			rec := mustReadOne(t, "["+obj+"]")
			if tt.wantErr != "" {
				if rec.Err == nil {
					t.Fatalf("id %s accepted as %q, want an error", tt.id, rec.Service.ID)
				}
				mustContainAll(t, "error", directory.MessageOf(rec.Err), "record 1", tt.wantErr)
				return
			}
			if rec.Err != nil {
				t.Fatalf("id %s rejected: %v", tt.id, rec.Err)
			}
			if rec.ID != tt.want || rec.Service.ID != tt.want {
				t.Errorf("Record.ID, Service.ID = %q, %q, want %q", rec.ID, rec.Service.ID, tt.want)
			}
		})
	}
}

// Nested ids written as numbers are kept too, and nested objects without
// ids get stable ids derived from their owner, so re-imports match.
func TestReaderNestedIDs(t *testing.T) {
	src := "[" + svc(`77`,
		`"organization": {"id": 5, "name": "Leeds Walks"}`,
		`"phones": [{"number": "0113 000 0000"}]`,
		`"service_at_locations": [{"id": 9, "location": {"id": 12, "location_type": "virtual", "url": "https://example.org"}}, {"location": {"location_type": "virtual"}}]`,
	) + "]"
	s := mustReadValid(t, src)
	if s.ID != "77" || s.Organization.ID != "5" {
		t.Errorf("ids = %q, org %q, want 77, 5", s.ID, s.Organization.ID)
	}
	if got := s.Locations[0].ID + " " + s.Locations[0].Location.ID; got != "9 12" {
		t.Errorf("first location ids = %q, want \"9 12\"", got)
	}
	if got := s.Locations[1].ID + " " + s.Locations[1].Location.ID; got != "77-at-1 77-at-1-location" {
		t.Errorf("derived location ids = %q", got)
	}
	if s.Phones[0].ID != "77-phone-0" {
		t.Errorf("derived phone id = %q", s.Phones[0].ID)
	}
	again := mustReadValid(t, src)
	if again.Locations[1].Location.ID != s.Locations[1].Location.ID {
		t.Errorf("derived ids differ between reads")
	}
}

func TestReaderOptionalParts(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		check func(t *testing.T, s *directory.Service)
	}{
		{
			name: "bare minimum",
			src:  svc(`"a"`),
			check: func(t *testing.T, s *directory.Service) {
				if s.Organization != nil || len(s.Locations) != 0 || len(s.Phones) != 0 || len(s.Schedules) != 0 ||
					len(s.Terms) != 0 || s.MinimumAge != nil || s.MaximumAge != nil || !s.LastVerified.IsZero() {
					t.Errorf("bare service has parts: %+v", s)
				}
			},
		},
		{
			name: "nulls for optional objects",
			src: svc(`"a"`, `"organization": null`, `"phones": null`, `"service_at_locations": null`,
				`"minimum_age": null`, `"attributes": null`, `"description": null`),
			check: func(t *testing.T, s *directory.Service) {
				if s.Organization != nil || len(s.Locations) != 0 || s.MinimumAge != nil {
					t.Errorf("nulls gave parts: %+v", s)
				}
			},
		},
		{
			name: "no location at all, but an area",
			src:  svc(`"a"`, `"service_areas": [{"name": "Leeds"}]`),
			check: func(t *testing.T, s *directory.Service) {
				if len(s.Locations) != 0 || len(s.Areas) != 1 || s.Areas[0].Name != "Leeds" {
					t.Errorf("Locations, Areas = %+v, %+v", s.Locations, s.Areas)
				}
			},
		},
		{
			name: "only virtual locations",
			src: svc(`"a"`, `"service_at_locations": [
				{"location": {"id": "zoom", "location_type": "virtual", "url": "https://zoom.example/j/1"}},
				{"location": {"id": "phone", "location_type": "Virtual"}}]`),
			check: func(t *testing.T, s *directory.Service) {
				if len(s.Locations) != 2 {
					t.Fatalf("%d locations, want 2", len(s.Locations))
				}
				for _, sal := range s.Locations {
					if sal.Location.Type != directory.Virtual || sal.Location.Point != nil {
						t.Errorf("location %s = %s at %v, want virtual with no point", sal.Location.ID, sal.Location.Type, sal.Location.Point)
					}
				}
			},
		},
		{
			name: "flat feed names the organisation by id",
			src:  svc(`"a"`, `"organization_id": "org-1"`),
			check: func(t *testing.T, s *directory.Service) {
				if s.Organization == nil || s.Organization.ID != "org-1" {
					t.Errorf("Organization = %+v, want id org-1", s.Organization)
				}
			},
		},
		{
			name: "numbers written as strings",
			src: svc(`"a"`, `"minimum_age": "18"`, `"maximum_age": 65`,
				`"service_at_locations": [{"location": {"id": "l", "location_type": "physical", "latitude": "53.8", "longitude": "-1.55"}}]`),
			check: func(t *testing.T, s *directory.Service) {
				if *s.MinimumAge != 18 || *s.MaximumAge != 65 {
					t.Errorf("ages = %d-%d", *s.MinimumAge, *s.MaximumAge)
				}
				p := s.Locations[0].Location.Point
				if p == nil || p.Lat() != 53.8 || p.Lon() != -1.55 {
					t.Errorf("Point = %v, want lat 53.8 lon -1.55", p)
				}
			},
		},
		{
			name: "programme and funding",
			src:  svc(`"a"`, `"program": {"id": "p", "name": "Move More"}`, `"funding": [{"source": "grant"}]`, `"x_local": [1, {"y": null}]`),
			check: func(t *testing.T, s *directory.Service) {
				if s.Program == nil || s.Program.Name != "Move More" || len(s.Funding) != 1 || s.Funding[0] != "grant" {
					t.Errorf("Program, Funding = %+v, %v", s.Program, s.Funding)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := mustReadOne(t, "["+tt.src+"]")
			if rec.Err != nil {
				t.Fatalf("record invalid: %v", rec.Err)
			}
			tt.check(t, rec.Service)
		})
	}
}

func TestReaderShapes(t *testing.T) {
	one := svc(`"a"`)
	two := svc(`"b"`)
	tests := []struct {
		name string
		src  string
		want []string // ids
	}{
		{"array", "[" + one + "," + two + "]", []string{"a", "b"}},
		{"page", `{"total_items": 2, "contents": [` + one + "," + two + `], "page_number": 1}`, []string{"a", "b"}},
		{"page with contents last", `{"total_items": 1, "size": 1, "contents": [` + one + `]}`, []string{"a"}},
		{"single service", one, []string{"a"}},
		{"single service with whitespace around", "\n\t " + one + " \n", []string{"a"}},
		{"single service with nested objects", svc(`"a"`, `"organization": {"id": "o", "name": "Org"}`), []string{"a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := readAll(tt.src)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			var got []string
			for _, r := range recs {
				if r.Err != nil {
					t.Errorf("record %d invalid: %v", r.Index, r.Err)
				}
				got = append(got, r.ID)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("ids = %v, want %v", got, tt.want)
			}
		})
	}
}

// Fatal errors stop the stream: the file cannot be read on.
func TestReaderFatalErrors(t *testing.T) {
	ok := svc(`"a"`)
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"empty file", "", []string{"the file is empty"}},
		{"blank file", " \n\t", []string{"the file is empty"}},
		{"not JSON", "services: none", []string{"malformed JSON"}},
		{"a string", `"hello"`, []string{"not an HSDS 3.0 file"}},
		{"a number", `42`, []string{"not an HSDS 3.0 file"}},
		{"an unrelated object", `{"foo": 1}`, []string{"not an HSDS 3.0 file"}},
		{"an empty object", `{}`, []string{"not an HSDS 3.0 file"}},
		{"contents not a list", `{"contents": {"id": "a"}}`, []string{"not an HSDS 3.0 file"}},
		{"malformed in a record", "[" + ok + `, {"id": "b", "name": "x" "status": "active"}]`, []string{"record 2", "malformed JSON near byte"}},
		{"trailing comma", "[" + ok + ",]", []string{"malformed JSON"}},
		{"cut inside a record", "[" + ok + `, {"id": "b", "na`, []string{"record 2", "cut short"}},
		{"cut after a record", "[" + ok, []string{"cut short"}},
		{"cut after the opening bracket", "[", []string{"cut short"}},
		{"page cut after contents", `{"contents": [` + ok + `]`, []string{"cut short"}},
		{"single service cut short", `{"id": "a", "name": "Walking`, []string{"cut short"}},
		{"data after the array", "[" + ok + "] []", []string{"unexpected data after the end"}},
		{"data after a single service", ok + " 42", []string{"unexpected data after the end"}},
		{"a list after a single service", ok + "\n[]", []string{"unexpected data after the end"}},
		{"data after the last line", ok + "\n" + ok + "\n}", []string{"unexpected data after the end"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readAll(tt.src)
			if err == nil {
				t.Fatal("no error")
			}
			if errors.Is(err, io.EOF) {
				t.Errorf("error %v is io.EOF: a caller would take a broken file as complete", err)
			}
			if k := directory.KindOf(err); k != directory.Invalid {
				t.Errorf("KindOf(%v) = %v, want invalid", err, k)
			}
			mustContainAll(t, "error", directory.MessageOf(err), tt.want...)
		})
	}
}

// A value of the wrong type spoils its record, not the stream: the
// records after it are still read.
func TestReaderWrongTypes(t *testing.T) {
	tests := []struct {
		name   string
		member string
		want   string
	}{
		{"text given a number", `"name": 3`, `field "name": is number, expected text`},
		{"list given text", `"phones": "0113 000 0000"`, `field "phones": is string, expected a list`},
		{"object given a list", `"organization": []`, `field "organization": is array, expected an object`},
		{"number given words", `"minimum_age": "eighteen"`, `field "minimum_age": is "eighteen", expected a number`},
		{"number given NaN", `"maximum_age": "NaN"`, `field "maximum_age": is "NaN", expected a number`},
		{"nested number given words", `"service_at_locations": [{"location": {"location_type": "physical", "latitude": "north", "longitude": 1}}]`,
			`field "service_at_locations.location.latitude": is "north", expected a number`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := readAll("[" + svc(`"a"`, tt.member) + "," + svc(`"b"`) + "]")
			if err != nil {
				t.Fatalf("fatal error, want a bad record: %v", err)
			}
			if len(recs) != 2 {
				t.Fatalf("read %d records, want 2", len(recs))
			}
			if recs[0].Err == nil {
				t.Fatal("first record accepted")
			}
			mustContainAll(t, "error", directory.MessageOf(recs[0].Err), `record 1 (id "a")`, tt.want)
			if recs[1].Err != nil || recs[1].ID != "b" {
				t.Errorf("second record = %q, %v; want b, valid", recs[1].ID, recs[1].Err)
			}
		})
	}
}

func TestReaderRecordErrors(t *testing.T) {
	tests := []struct {
		name string
		obj  string
		want []string
	}{
		{"missing name", `{"id": "b", "status": "active"}`, []string{`record 2 (id "b")`, `field "name": is required`}},
		{"blank name", `{"id": "b", "name": "  ", "status": "active"}`, []string{`record 2 (id "b")`, `field "name": is required`}},
		{"status in capitals is accepted", `{"id": "b", "name": "Lunch club", "status": "Active"}`, nil},
		{"not an object", `"b"`, []string{"record 2 (no id)", "not a service object"}},
		{"missing id and name", `{"status": "active", "description": "x"}`, []string{`record 2 (no id)`, `field "id": is required`, `field "name": is required`}},
		{"every problem named", `{"id": "b", "status": "active", "organization": {"name": "No id"}, "service_at_locations": [{"location": {"location_type": "physical", "name": "` + strings.Repeat("x", 501) + `"}}]}`,
			[]string{`field "name": is required`, `field "organization.id": is required`, `field "service_at_locations[0].location.name": is 501 characters long`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := readAll("[" + svc(`"a"`) + "," + tt.obj + "]")
			if err != nil {
				t.Fatalf("fatal error: %v", err)
			}
			if len(recs) != 2 || recs[0].Err != nil {
				t.Fatalf("records = %d, first error %v", len(recs), recs[0].Err)
			}
			bad := recs[1]
			if tt.want == nil {
				if bad.Err != nil {
					t.Errorf("record rejected: %v", bad.Err)
				}
				return
			}
			if bad.Err == nil {
				t.Fatal("record accepted")
			}
			if bad.Index != 2 {
				t.Errorf("Index = %d, want 2", bad.Index)
			}
			if k := directory.KindOf(bad.Err); k != directory.Invalid {
				t.Errorf("KindOf = %v, want invalid", k)
			}
			mustContainAll(t, "error", directory.MessageOf(bad.Err), tt.want...)
		})
	}
}

// issueLines is every issue of rec, one a line, as the report prints them.
func issueLines(rec *hsds.Record) string {
	var lines []string
	for _, is := range rec.Issues {
		lines = append(lines, is.Field+" "+is.Value+" "+is.Action)
	}
	return strings.Join(lines, "\n")
}
