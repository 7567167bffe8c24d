package hsds_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/hsds"
)

// Values the schema allows, or that real feeds write, are read: a value
// that cannot be used is dropped or normalised with a warning naming the
// field, the value and what was done, and the record is kept.
func TestReaderTolerance(t *testing.T) {
	tests := []struct {
		name   string
		member []string
		warn   string // "field value action", as issueLines writes it; "" for none
		check  func(t *testing.T, s *directory.Service)
	}{
		{
			name:   "fractional minimum age is rounded down",
			member: []string{`"minimum_age": 4.5`},
			warn:   "minimum_age 4.5 rounded down to 4",
			check:  ages(4, -1),
		},
		{
			name:   "fractional maximum age is rounded up",
			member: []string{`"minimum_age": 0.5`, `"maximum_age": 17.5`},
			warn:   "minimum_age 0.5 rounded down to 0\nmaximum_age 17.5 rounded up to 18",
			check:  ages(0, 18),
		},
		{
			name:   "age above 130 is dropped",
			member: []string{`"minimum_age": 18`, `"maximum_age": 999`},
			warn:   "maximum_age 999 dropped: not an age between 0 and 130",
			check:  ages(18, -1),
		},
		{
			name:   "negative age is dropped",
			member: []string{`"minimum_age": -1`},
			warn:   "minimum_age -1 dropped: not an age between 0 and 130",
			check:  ages(-1, -1),
		},
		{
			name:   "minimum above maximum drops both",
			member: []string{`"minimum_age": 65`, `"maximum_age": 18`},
			warn:   "minimum_age, maximum_age 65, 18 both dropped: the minimum age is above the maximum",
			check:  ages(-1, -1),
		},
		{
			name:   "latitude without longitude",
			member: []string{`"service_at_locations": [{"location": {"id": "l", "location_type": "physical", "latitude": 53.8}}]`},
			warn:   "service_at_locations[0].location.latitude 53.8 dropped: a latitude without a longitude; no map point",
			check: func(t *testing.T, s *directory.Service) {
				if len(s.Locations) != 1 || s.Locations[0].Location.Point != nil {
					t.Errorf("Locations = %+v, want the venue without a point", s.Locations)
				}
			},
		},
		{
			name:   "time with fractional seconds and a zone",
			member: []string{`"schedules": [{"byday": "MO", "opens_at": "12:00:00.000Z", "closes_at": "13:30:00.000+01:00"}]`},
			check:  session("MO", "12:00", "13:30"),
		},
		{
			name:   "times in 12-hour form",
			member: []string{`"schedules": [{"byday": "MO", "opens_at": "9:00am", "closes_at": "12pm"}]`},
			warn:   "schedules[0].opens_at 9:00am read as 09:00\nschedules[0].closes_at 12pm read as 12:00",
			check:  session("MO", "09:00", "12:00"),
		},
		{
			name:   "byday as a range",
			member: []string{`"schedules": [{"byday": "MO-FR", "opens_at": "09:00", "closes_at": "17:00"}]`},
			warn:   "schedules[0].byday MO-FR read as MO,TU,WE,TH,FR",
			check:  session("MO,TU,WE,TH,FR", "09:00", "17:00"),
		},
		{
			name:   "byday as a word",
			member: []string{`"schedules": [{"byday": "weekdays"}]`},
			warn:   "schedules[0].byday weekdays read as MO,TU,WE,TH,FR",
			check:  session("MO,TU,WE,TH,FR", "", ""),
		},
		{
			name:   "byday as day names",
			member: []string{`"schedules": [{"byday": "Saturday, Sunday"}]`},
			warn:   "schedules[0].byday Saturday, Sunday read as SA,SU",
			check:  session("SA,SU", "", ""),
		},
		{
			name:   "byday that is no day",
			member: []string{`"schedules": [{"byday": "someday", "opens_at": "10:00"}]`},
			warn:   "schedules[0].byday someday dropped: not a list of days like MO,WE",
			check:  session("", "10:00", ""),
		},
		{
			name:   "RFC 3339 dates in lower case",
			member: []string{`"assured_date": "2025-03-31t10:00:00z"`, `"last_modified": "2025-04-01t09:30:00.5+01:00"`},
			check: func(t *testing.T, s *directory.Service) {
				if got := s.LastVerified.Format("2006-01-02"); got != "2025-03-31" {
					t.Errorf("LastVerified = %s", got)
				}
				if got := s.LastModified.Format("15:04:05.0"); got != "08:30:00.5" {
					t.Errorf("LastModified = %s (UTC)", got)
				}
			},
		},
		{
			name:   "date that is no date",
			member: []string{`"assured_date": "last week"`},
			warn:   "assured_date last week dropped: not a date like 2025-03-31",
			check: func(t *testing.T, s *directory.Service) {
				if !s.LastVerified.IsZero() {
					t.Errorf("LastVerified = %v", s.LastVerified)
				}
			},
		},
		{
			name:  "missing status is read as active",
			check: status(directory.StatusActive),
		},
		{
			name:   "status HSDS does not have",
			member: []string{`"status": "gone fishing"`},
			warn:   "status gone fishing not an HSDS status: read as inactive, so not listed",
			check:  status(directory.StatusInactive),
		},
		{
			name:   "status a synonym of an HSDS one",
			member: []string{`"status": "Open"`},
			warn:   "status Open read as active",
			check:  status(directory.StatusActive),
		},
		{
			name:   "organisation without a name",
			member: []string{`"organization": {"id": "org-7"}`},
			warn:   "organization.name  missing: the organisation is named by its id",
			check: func(t *testing.T, s *directory.Service) {
				if s.Organization == nil || s.Organization.Name != "org-7" {
					t.Errorf("Organization = %+v", s.Organization)
				}
			},
		},
		{
			name:   "location without a type",
			member: []string{`"service_at_locations": [{"location": {"id": "zoom", "url": "https://zoom.example/j/1"}}, {"location": {"id": "hall", "name": "Hall"}}]`},
			warn:   "service_at_locations[0].location.location_type  missing: read as virtual\nservice_at_locations[1].location.location_type  missing: read as physical",
			check: func(t *testing.T, s *directory.Service) {
				if s.Locations[0].Location.Type != directory.Virtual || s.Locations[1].Location.Type != directory.Physical {
					t.Errorf("types = %s, %s", s.Locations[0].Location.Type, s.Locations[1].Location.Type)
				}
			},
		},
		{
			name:   "service at location naming no location",
			member: []string{`"service_at_locations": [{"id": "sal"}]`},
			warn:   "service_at_locations[0] sal dropped: names no location (neither location nor location_id)",
			check: func(t *testing.T, s *directory.Service) {
				if len(s.Locations) != 0 {
					t.Errorf("Locations = %+v", s.Locations)
				}
			},
		},
		{
			name:   "location named by location_id",
			member: []string{`"service_at_locations": [{"id": "sal", "location_id": "hall"}]`},
			check: func(t *testing.T, s *directory.Service) {
				if len(s.Locations) != 1 || !s.Locations[0].Location.IsReference() || s.Locations[0].Location.ID != "hall" {
					t.Errorf("Locations = %+v, want a link to hall", s.Locations)
				}
			},
		},
		{
			name:   "referral route Linkway does not know",
			member: []string{`"sp_referral_routes": ["gp", "drop-in"]`},
			warn:   "sp_referral_routes[0] gp dropped: not self-referral, professional-referral or drop-in",
			check: func(t *testing.T, s *directory.Service) {
				if len(s.ReferralRoutes) != 1 || s.ReferralRoutes[0] != directory.DropIn {
					t.Errorf("ReferralRoutes = %v", s.ReferralRoutes)
				}
			},
		},
		{
			name:   "daily schedule",
			member: []string{`"schedules": [{"freq": "DAILY", "opens_at": "08:00", "closes_at": "20:00"}]`},
			warn:   "schedules[0].freq DAILY read as WEEKLY on MO,TU,WE,TH,FR,SA,SU",
			check:  session("MO,TU,WE,TH,FR,SA,SU", "08:00", "20:00"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			members := append([]string{`"id": "s"`, `"name": "Lunch club"`}, tt.member...)
			if !strings.Contains(strings.Join(tt.member, ""), `"status"`) && tt.name != "missing status is read as active" {
				members = append(members, `"status": "active"`)
			}
			rec := mustReadOne(t, "[{"+strings.Join(members, ", ")+"}]")
			if rec.Err != nil {
				t.Fatalf("record refused: %v", rec.Err)
			}
			got := issueLines(rec)
			want := tt.warn
			if tt.name == "missing status is read as active" {
				want = "status  missing: read as active"
			}
			if got != want {
				t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
			}
			tt.check(t, rec.Service)
		})
	}
}

func ages(lo, hi int) func(t *testing.T, s *directory.Service) {
	return func(t *testing.T, s *directory.Service) {
		t.Helper()
		show := func(p *int) int {
			if p == nil {
				return -1
			}
			return *p
		}
		if show(s.MinimumAge) != lo || show(s.MaximumAge) != hi {
			t.Errorf("ages = %d–%d, want %d–%d (-1 for none)", show(s.MinimumAge), show(s.MaximumAge), lo, hi)
		}
	}
}

func session(byday, opens, closes string) func(t *testing.T, s *directory.Service) {
	return func(t *testing.T, s *directory.Service) {
		t.Helper()
		if len(s.Schedules) != 1 {
			t.Fatalf("Schedules = %+v", s.Schedules)
		}
		sc := s.Schedules[0]
		if sc.ByDay != byday || sc.Opens != opens || sc.Closes != closes {
			t.Errorf("schedule = %q %q–%q, want %q %q–%q", sc.ByDay, sc.Opens, sc.Closes, byday, opens, closes)
		}
		if err := s.Validate(); err != nil {
			t.Errorf("the normalised service does not validate: %v", err)
		}
	}
}

func status(want directory.Status) func(t *testing.T, s *directory.Service) {
	return func(t *testing.T, s *directory.Service) {
		t.Helper()
		if s.Status != want {
			t.Errorf("Status = %q, want %q", s.Status, want)
		}
	}
}

// A service may name its location by location_id: it is linked when the
// location came earlier in the file or is in the directory; otherwise
// the link is dropped with a warning and the service kept.
func TestImportLocationByID(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	hall := `"service_at_locations": [{"id": "first-at-hall", "location": {"id": "hall", "location_type": "physical", "name": "Hall", "latitude": 53.8, "longitude": -1.55}}]`
	mustImport(t, db, &hsds.Importer{}, "["+svc(`"first"`, hall)+"]")
	src := "[" + strings.Join([]string{
		// In the directory.
		svc(`"a"`, `"service_at_locations": [{"id": "a-at-hall", "location_id": "hall"}]`),
		// Earlier in this file, nested in another service.
		svc(`"b"`, `"service_at_locations": [{"id": "b-at-park", "location": {"id": "park", "location_type": "physical", "name": "Park"}}]`),
		svc(`"c"`, `"service_at_locations": [{"id": "c-at-park", "location_id": "park"}, {"id": "c-at-moon", "location_id": "moon"}]`),
	}, ",") + "]"
	rep := mustImport(t, db, &hsds.Importer{}, src)
	if rep.Created != 3 {
		t.Errorf("report = %+v, want 3 created", rep)
	}
	mustContainAll(t, "report", reportLines(rep),
		`record 3 (id "c"): service_at_locations[1].location_id: "moon": dropped: no location has this id, earlier in the file or in the directory`)
	for id, want := range map[string]string{"a": "Hall", "c": "Park"} {
		s, err := db.Service(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Locations) != 1 || s.Locations[0].Location.Name != want {
			t.Errorf("service %s Locations = %+v, want one at %s", id, s.Locations, want)
		}
	}
	// The hall's point is the stored one: search finds the service there.
	if s, _ := db.Service(ctx, "a"); s.Locations[0].Location.Point == nil {
		t.Error("the linked location has no point")
	}
}

// One object a line (NDJSON) and concatenated objects are read like an
// array; a byte-order mark and blank lines do not matter.
func TestReaderNDJSON(t *testing.T) {
	src := "\xEF\xBB\xBF" + svc(`"a"`) + "\n" + svc(`"b"`) + "\r\n\n" + svc(`"c"`, `"minimum_age": 4.5`) + "\n"
	rd := hsds.NewReader(strings.NewReader(src))
	recs, _, err := readWithDocument(rd)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range recs {
		if r.Err != nil {
			t.Errorf("record %d: %v", r.Index, r.Err)
		}
		ids = append(ids, r.ID)
	}
	if strings.Join(ids, ",") != "a,b,c" || len(recs[2].Issues) != 1 {
		t.Errorf("ids = %v, issues of c = %+v", ids, recs[2].Issues)
	}
	// Progress reaches the end (bar the last line's newline).
	if end := int64(len(strings.TrimRight(src, "\r\n"))); rd.Offset() < end {
		t.Errorf("Offset() = %d, want at least %d", rd.Offset(), end)
	}
	// A bad line spoils its record, not the file.
	recs, err = readAll(svc(`"a"`) + "\n" + `{"id": "b", "name": 7, "status": "active"}` + "\n" + svc(`"c"`))
	if err != nil || len(recs) != 3 || recs[1].Err == nil || recs[2].Err != nil {
		t.Errorf("records = %d, %v; want 3 with the second refused", len(recs), err)
	}
}

// The other HSDS 3.0 shapes give the records their objects hold.
func TestReaderShapesOfOtherObjects(t *testing.T) {
	tests := []struct {
		name string
		src  string
		hint string // the document's name
		want []string
	}{
		{"organisation list", `{"contents": [{"id": "o1", "name": "Age UK", "description": "", "website": "https://example.org"}, {"id": "o2", "name": "Mind", "description": ""}]}`, "",
			[]string{"organisation o1 Age UK", "organisation o2 Mind"}},
		{"organisation with services and venues", `{"id": "o1", "name": "Age UK", "description": "", "locations": [{"id": "hall", "location_type": "physical", "name": "Hall"}],
			"programs": [{"id": "p1", "name": "Eat well", "description": ""}],
			"services": [{"id": "s1", "name": "Lunch", "status": "active", "program_id": "p1"}, {"id": "s2", "name": "Tea", "status": "active"}]}`, "",
			[]string{"location hall Hall", "service s1 Lunch org o1 programme Eat well", "service s2 Tea org o1"}},
		{"services at locations merged by service", `[{"id": "x1", "location": {"id": "l1", "location_type": "physical", "name": "Hall"}, "service": {"id": "s1", "name": "Lunch", "status": "active"}},
			{"id": "x2", "location_id": "l2", "service": {"id": "s2", "name": "Tea", "status": "active"}},
			{"id": "x3", "location": {"id": "l3", "location_type": "virtual", "url": "https://example.org"}, "service": {"id": "s1", "name": "Lunch", "status": "active"}}]`, "",
			[]string{"service s1 Lunch at x1:l1,x3:l3", "service s2 Tea at x2:l2"}},
		{"location with the services there", `{"id": "hall", "location_type": "physical", "name": "Hall", "service_at_locations": [{"id": "x", "service": {"id": "s1", "name": "Lunch", "status": "active"}}]}`, "",
			[]string{"location hall Hall", "service s1 Lunch at x:hall"}},
		{"taxonomy with terms", `{"id": "tx", "name": "Needs", "description": "", "version": "2", "taxonomy_terms": [{"id": "t1", "name": "Food", "description": ""}, {"id": "t2", "name": "Meals", "description": "", "parent_id": "t1", "code": "F-1"}]}`, "",
			[]string{"terms t1 Food (Needs 2)", "terms t2 Meals (Needs 2) parent t1 code F-1"}},
		{"terms only the name tells apart", `[{"id": "t1", "name": "Food", "description": "Meals"}]`, "https://example.org/taxonomy_terms?page=1",
			[]string{"terms t1 Food ()"}},
		{"the same, named as services", `[{"id": "t1", "name": "Food", "description": "Meals"}]`, "services.json",
			[]string{"service t1 Food"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := hsds.NewSource(strings.NewReader(tt.src), hsds.FormatHSDS3, tt.hint)
			if err != nil {
				t.Fatal(err)
			}
			recs, _, err := readWithDocument(src)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range recs {
				if r.Err != nil && r.Kind() != "service" {
					t.Errorf("record %d refused: %v", r.Index, r.Err)
				}
				got = append(got, describe(r))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("records:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// describe writes what a record holds, for comparing.
func describe(r *hsds.Record) string {
	switch {
	case r.Service != nil:
		s := r.Service
		out := "service " + s.ID + " " + s.Name
		if s.Organization != nil {
			out += " org " + s.Organization.ID
		}
		if s.Program != nil {
			out += " programme " + s.Program.Name
		}
		var at []string
		for _, sal := range s.Locations {
			at = append(at, sal.ID+":"+sal.Location.ID)
		}
		if at != nil {
			out += " at " + strings.Join(at, ",")
		}
		return out
	case r.Organization != nil:
		return "organisation " + r.Organization.ID + " " + r.Organization.Name
	case r.Location != nil:
		return "location " + r.Location.ID + " " + r.Location.Name
	case r.Terms != nil:
		t := r.Terms[0]
		out := "terms " + t.ID + " " + t.Name + " (" + strings.TrimSpace(t.Taxonomy+" "+t.Version) + ")"
		if t.ParentID != "" {
			out += " parent " + t.ParentID
		}
		if t.Code != "" {
			out += " code " + t.Code
		}
		return out
	}
	return "document"
}

// The JSON formats are told apart by the first member only one of them
// has, wherever it is in the first object; --format overrides that.
func TestDetectJSONFormat(t *testing.T) {
	tests := []struct {
		name, src string
		wantV1    bool
	}{
		{"v1 page", `{"totalElements": 1, "content": [{"id": "a", "name": "A", "status": "active"}]}`, true},
		{"v1 array, told by a nested member", `[{"id": "a", "name": "A", "status": "active", "service_at_locations": [{"id": "x", "location": {"id": "l", "physical_addresses": []}}]}]`, true},
		{"v1 single service", `{"id": "a", "name": "A", "status": "active", "regular_schedules": []}`, true},
		{"v3 page", `{"total_items": 1, "contents": [{"id": "a", "name": "A", "status": "active"}]}`, false},
		{"v3 service with schedules", `[{"id": "a", "name": "A", "status": "active", "schedules": [], "regular_schedules": []}]`, false},
		{"nothing to tell: HSDS 3.0", `[{"id": "a", "name": "A", "status": "active"}]`, false},
		{"a value named like a member does not count", `[{"id": "a", "name": "content", "status": "active"}]`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := hsds.NewSource(strings.NewReader(tt.src), hsds.FormatAuto, "")
			if err != nil {
				t.Fatal(err)
			}
			_, isV3 := src.(*hsds.Reader)
			if isV3 == tt.wantV1 {
				t.Errorf("read as %T, want v1 %v", src, tt.wantV1)
			}
		})
	}
	// The override reads a v1 document as HSDS 3.0, which refuses it.
	src, err := hsds.NewSource(strings.NewReader(tests[0].src), hsds.FormatHSDS3, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := src.Next(); err == nil || !strings.Contains(err.Error(), "not an HSDS 3.0 file") {
		t.Errorf("v1 page read as HSDS 3.0: %v", err)
	}
	for _, s := range []string{"", "auto", "HSDS3", "oruk1", "datapackage"} {
		if _, err := hsds.ParseFormat(s); err != nil {
			t.Errorf("ParseFormat(%q): %v", s, err)
		}
	}
	if _, err := hsds.ParseFormat("csv"); err == nil {
		t.Error("ParseFormat(csv) accepted")
	}
}

// Open tells a data package from a JSON file: a folder, a zip (by its
// first bytes, whatever its name) and datapackage.json are packages.
func TestOpenDetectsDataPackages(t *testing.T) {
	csvDir := filepath.Join("..", "testdata", "openreferral", "hsds-3.0-examples", "csv")
	for _, path := range []string{csvDir, filepath.Join(csvDir, "datapackage.json")} {
		src, c, err := hsds.Open(path, hsds.FormatAuto)
		if err != nil {
			t.Fatalf("Open(%s): %v", path, err)
		}
		c.Close()
		if _, ok := src.(*hsds.Reader); ok {
			t.Errorf("Open(%s) read it as JSON", path)
		}
	}
	if _, _, err := hsds.Open(filepath.Join(csvDir, "services.csv"), hsds.FormatAuto); err == nil || !strings.Contains(err.Error(), "one CSV table") {
		t.Errorf("Open(services.csv) = %v, want a hint to import the folder", err)
	}
	if _, _, err := hsds.Open(filepath.Join(csvDir, "nope.json"), hsds.FormatAuto); err == nil || !strings.Contains(err.Error(), "cannot open") {
		t.Errorf("Open(missing) = %v", err)
	}
}

// A document given by URL is fetched once and read as it arrives.
func TestOpenURL(t *testing.T) {
	var asked, agents []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked = append(asked, r.URL.Path)
		agents = append(agents, r.UserAgent())
		switch r.URL.Path {
		case "/services":
			io.WriteString(w, `{"contents": [`+svc(`"a"`)+`]}`)
		case "/gone":
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	ctx := context.Background()
	src, c, _, err := hsds.OpenURL(ctx, srv.Client(), srv.URL+"/services", hsds.FormatAuto)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := readAllOf(src)
	c.Close()
	if err != nil || len(recs) != 1 || recs[0].ID != "a" {
		t.Errorf("records = %v, %v", recs, err)
	}
	if _, _, _, err := hsds.OpenURL(ctx, srv.Client(), srv.URL+"/gone", hsds.FormatAuto); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("OpenURL(/gone) = %v, want the 404 named", err)
	}
	for _, bad := range []string{"file:///etc/passwd", "not a url", "http://"} {
		if _, _, _, err := hsds.OpenURL(ctx, srv.Client(), bad, hsds.FormatAuto); err == nil || directory.KindOf(err) != directory.Invalid {
			t.Errorf("OpenURL(%q) = %v, want it refused", bad, err)
		}
	}
	if strings.Join(agents, ",") == "" || !strings.HasPrefix(agents[0], "Linkway") {
		t.Errorf("User-Agent = %q, want Linkway's", agents)
	}
	if strings.Join(asked, ",") != "/services,/gone" {
		t.Errorf("server asked for %v", asked)
	}
}

func readAllOf(src hsds.Source) ([]*hsds.Record, error) {
	recs, _, err := readWithDocument(src)
	return recs, err
}

// The summary groups issues by kind of problem, errors first, with how
// often and the first examples; the report file holds every issue.
func TestReportSummaryAndFile(t *testing.T) {
	issues := []hsds.Issue{
		{Level: hsds.Warning, Index: 1, ID: "a", Field: "schedules[0].opens_at", Value: "9:00am", Action: "read as 09:00"},
		{Level: hsds.Warning, Index: 1, ID: "a", Field: "schedules[1].opens_at", Value: "10:30am", Action: "read as 10:30"},
		{Level: hsds.Warning, Index: 2, ID: "b", Field: "schedules[0].opens_at", Value: "1pm", Action: "read as 13:00"},
		{Level: hsds.Warning, Index: 3, ID: "c", Field: "schedules[0].opens_at", Value: "2pm", Action: "read as 14:00"},
		{Level: hsds.Error, Index: 4, ID: "d", Field: "name", Action: "is required"},
		{Level: hsds.Warning, Index: 0, Field: "metadata", Action: "not kept: Linkway has no place for this field (given 4 times)"},
	}
	groups := hsds.Summarize(issues)
	if len(groups) != 3 || groups[0].Level != hsds.Error || groups[1].Field != "schedules[].opens_at" || groups[1].Count != 4 || groups[1].Records != 3 || len(groups[1].Examples) != 3 {
		t.Errorf("groups = %+v", groups)
	}
	var out bytes.Buffer
	hsds.WriteSummary(&out, issues)
	mustContainAll(t, "summary", out.String(),
		"1 error, 5 warnings:",
		"error        1× name: is required",
		`warning      4× schedules[].opens_at: read as 09:00`,
		`record 1 (id "a"): "9:00am" → read as 09:00`,
		"… in 3 records",
		"the document: not kept")
	if strings.Index(out.String(), "error ") > strings.Index(out.String(), "warning ") {
		t.Errorf("errors are not listed first:\n%s", out.String())
	}
	out.Reset()
	if err := hsds.WriteIssues(&out, issues); err != nil {
		t.Fatal(err)
	}
	var back []hsds.Issue
	if err := json.Unmarshal(out.Bytes(), &back); err != nil || len(back) != len(issues) || back[4] != issues[4] {
		t.Errorf("WriteIssues gave %s (%v)", out.String(), err)
	}
	out.Reset()
	hsds.WriteIssues(&out, nil)
	if out.String() != "[]\n" {
		t.Errorf("WriteIssues(nil) = %q", out.String())
	}
}

// An import into a staged store keeps a failed run from changing
// anything, whatever the shape: a broken taxonomy file after an
// organisation list leaves the directory as it was.
func TestImportShapesAllOrNothing(t *testing.T) {
	db := mustOpenDB(t)
	dir := t.TempDir()
	orgs := filepath.Join(dir, "organizations.json")
	os.WriteFile(orgs, []byte(`[{"id": "o1", "name": "Age UK", "description": "", "website": "https://example.org"}]`), 0o600)
	if _, err := stagedImportFile(t, db, orgs, hsds.FormatAuto); err != nil {
		t.Fatal(err)
	}
	before := mustStats(t, db)
	terms := filepath.Join(dir, "taxonomy_terms.json")
	os.WriteFile(terms, []byte(`[{"id": "t1", "name": "Food", "description": "", "code": "F"}, {"id": "t2", "description": "", "code": "G"}]`), 0o600)
	_, err := stagedImportFile(t, db, terms, hsds.FormatAuto)
	mustContainAll(t, "error", directory.MessageOf(err), `record 2 (id "t2"): field "name": is required`)
	if list, _ := db.TaxonomyTerms(context.Background()); len(list) != 0 {
		t.Errorf("a refused taxonomy file stored terms %+v", list)
	}
	if after := mustStats(t, db); after != before {
		t.Errorf("stats %+v, want %+v", after, before)
	}
}
