package hsds_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/hsds"
	"github.com/paulmach/orb"
)

func readServices(tb testing.TB, r io.Reader) []*directory.Service {
	tb.Helper()
	rd := hsds.NewReader(r)
	var out []*directory.Service
	for {
		rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			tb.Fatal(err)
		}
		if rec.Err != nil {
			tb.Fatalf("%v", rec.Err)
		}
		if rec.Service == nil {
			// What Linkway writes it reads back, every field of it.
			tb.Fatalf("issues about the document: %+v", rec.Issues)
		}
		out = append(out, rec.Service)
	}
}

// TestWriteReadRoundTrip writes services as HSDS and reads them back
// unchanged: export is the inverse of import.
func TestWriteReadRoundTrip(t *testing.T) {
	for _, name := range []string{"../internal/webtest/testdata/services.json", "../indexer/testdata/directory.json", "../data/demo/leeds.json"} {
		t.Run(filepath.Base(name), func(t *testing.T) {
			f, err := os.Open(name)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			want := readServices(t, f)
			var buf bytes.Buffer
			w := hsds.NewArrayWriter(&buf)
			for _, s := range want {
				if err := w.Write(s); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			got := readServices(t, &buf)
			if len(got) != len(want) {
				t.Fatalf("read back %d services, want %d", len(got), len(want))
			}
			for i := range want {
				for _, d := range fieldDiff(got[i], want[i]) {
					t.Errorf("service %s after a round trip, %s", want[i].ID, d)
				}
			}
		})
	}
}

func TestWriteEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := hsds.NewArrayWriter(&buf).Close(); err != nil {
		t.Fatal(err)
	}
	if buf.String() != "[]\n" {
		t.Errorf("empty export = %q", buf.String())
	}
}

// TestWriteKeepsWhatTheReaderReads writes a service that uses every field
// the reader fills, with values the shipped files do not have (a
// modification time with nanoseconds, as the store records a listing
// edit; a contact's phone; a term's parent), and reads back the same
// service.
func TestWriteKeepsWhatTheReaderReads(t *testing.T) {
	age, wait, amount := 18, 30, 2.5
	phone := directory.Phone{ID: "p1", Number: "0113 496 0001", Extension: "12", Type: "voice", Description: "Reception"}
	sched := directory.Schedule{
		ID: "s1", Freq: directory.Monthly, Interval: 2, ByDay: "1TU", ByMonthDay: "", Opens: "10:00", Closes: "12:30",
		ValidFrom: "2026-01-01", ValidTo: "2026-12-31", DTStart: "2026-01-06", Description: "First Tuesday",
		AttendingType: "in person", Notes: "Not in August",
	}
	venueHours := directory.Schedule{ID: "hours", Freq: directory.Weekly, ByDay: "MO,TU,WE,TH,FR", Opens: "09:00", Closes: "17:00"}
	wheelchair := directory.Term{ID: "wheelchair", Name: "Wheelchair access", Taxonomy: "access"}
	want := &directory.Service{
		ID: "svc-1", Organization: &directory.Organization{ID: "org-1", Name: "Org", Description: "About", Email: "a@example.org", Website: "https://example.org",
			Identifiers: []directory.Identifier{{ID: "org-1-chc", Scheme: "GB-CHC", Type: "Registered charity number", Value: "1234567"}}},
		Name: "Arts & crafts", AlternateName: "Crafts", Description: "Make things <together>.", URL: "https://example.org/crafts",
		Email: "c@example.org", Status: directory.StatusTemporarilyClosed, Alert: "Closed for repairs.",
		Eligibility: "Adults", MinimumAge: &age, MaximumAge: nil, Application: "Ring us", Fees: "£2.50 a session",
		Interpretation: "Urdu", WaitTime: "About 4 weeks",
		ReferralRoutes: []directory.ReferralRoute{directory.SelfReferral, directory.DropIn},
		Accepting:      directory.CapacityWaitingList, TypicalWaitDays: wait,
		LastVerified: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), VerifiedBy: "v@example.org",
		LastModified: time.Date(2026, 11, 25, 9, 30, 15, 123456789, time.UTC),
		// A term given with a value is among the service's terms too, and
		// comes first: the writer writes valued attributes first.
		Terms: []directory.Term{wheelchair,
			{ID: "arts", Name: "Arts", Description: "Making", Taxonomy: "linkway-support", ParentID: "creative", Code: "ART-1", URI: "https://example.org/terms/arts", Version: "2.1"}},
		Attributes:        []directory.Attribute{{ID: "attr-1", Term: wheelchair, Label: "accessibility", Value: "partial"}},
		Funding:           []string{"Leeds Community Foundation"},
		Program:           &directory.Program{ID: "prog-1", Name: "Get Creative", AlternateName: "GC", Description: "Arts for wellbeing"},
		RequiredDocuments: []directory.Document{{ID: "doc-1", Name: "Referral letter", URI: "https://example.org/referral"}},
		Languages:         []directory.Language{{ID: "l1", Name: "Urdu", Code: "ur", Note: "Some volunteers"}},
		CostOptions:       []directory.CostOption{{ID: "c1", Option: "Session", Amount: &amount, Currency: "GBP", Description: "Each time", ValidFrom: "2026-01-01", ValidTo: "2026-12-31"}},
		Phones:            []directory.Phone{phone},
		Contacts:          []directory.Contact{{ID: "k1", Name: "Sam", Title: "Organiser", Department: "Arts", Email: "sam@example.org", Phones: []directory.Phone{phone}}},
		Schedules:         []directory.Schedule{sched},
		Areas:             []directory.ServiceArea{{ID: "a1", Name: "Leeds", Description: "All of Leeds", Extent: "{}", ExtentType: "geojson", URI: "https://example.org/leeds"}},
		Locations: []directory.ServiceAtLocation{{
			ID: "sal1", Description: "The back room",
			Location: directory.Location{
				ID: "loc1", Type: directory.Physical, Name: "Hall", Description: "A hall", URL: "https://example.org/hall",
				Transportation: "Bus 4", Point: &orb.Point{-1.5491, 53.8008},
				Addresses: []directory.Address{{ID: "ad1", Attention: "Reception", Address1: "1 Street", Address2: "Floor 2", City: "Leeds",
					Region: "Yorkshire", StateProvince: "West Yorkshire", PostalCode: "LS1 1AA", Country: "GB", Type: "physical"}},
				Accessibility: []directory.Accessibility{{ID: "ac1", Description: "Step-free", Details: "Ramp", URL: "https://example.org/access"}},
				Schedules:     []directory.Schedule{venueHours},
				ExternalID:    "72123456", ExternalIDType: "uprn",
			},
			Schedules: []directory.Schedule{sched},
			Phones:    []directory.Phone{phone},
			Contacts:  []directory.Contact{{ID: "k2", Name: "Jo", Phones: []directory.Phone{phone}}},
		}},
	}
	if err := want.Validate(); err != nil {
		t.Fatalf("the test's service is not valid: %v", err)
	}
	var buf bytes.Buffer
	w := hsds.NewArrayWriter(&buf)
	if err := w.Write(want); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"name":"Arts & crafts"`) {
		t.Errorf("the name is not written as it reads:\n%s", buf.String())
	}
	got := readServices(t, &buf)
	if len(got) != 1 {
		t.Fatalf("read back %d services, want 1", len(got))
	}
	for _, d := range fieldDiff(got[0], want) {
		t.Errorf("after a round trip, %s", d)
	}
}

// fieldDiff lists the fields where got and want differ, by path
// ("Locations[0].Location.Point"), for a failure message a person can act
// on; it is empty exactly when reflect.DeepEqual(got, want).
func fieldDiff(got, want any) []string {
	var out []string
	var walk func(path string, g, w reflect.Value)
	walk = func(path string, g, w reflect.Value) {
		switch {
		case g.Kind() == reflect.Pointer && !g.IsNil() && !w.IsNil():
			walk(path, g.Elem(), w.Elem())
		case g.Kind() == reflect.Struct && g.Type() != reflect.TypeFor[time.Time]():
			for i := range g.NumField() {
				walk(path+"."+g.Type().Field(i).Name, g.Field(i), w.Field(i))
			}
		case g.Kind() == reflect.Slice && g.Len() == w.Len():
			for i := range g.Len() {
				walk(fmt.Sprintf("%s[%d]", path, i), g.Index(i), w.Index(i))
			}
		case !reflect.DeepEqual(g.Interface(), w.Interface()):
			out = append(out, fmt.Sprintf("%s: got %v, want %v", path, show(g), show(w)))
		}
	}
	walk("", reflect.ValueOf(got), reflect.ValueOf(want))
	return out
}

// show prints a value, following a pointer.
func show(v reflect.Value) any {
	if v.Kind() == reflect.Pointer && !v.IsNil() {
		return v.Elem().Interface()
	}
	return v.Interface()
}
