package casework

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

func mustLoadCodes(t *testing.T) map[string]Code {
	t.Helper()
	// The shipped file, read directly: casework cannot import data, which
	// sits above it, but the test may read the file.
	f, err := os.Open("../data/snomed.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	codes, err := LoadCodes(f)
	if err != nil {
		t.Fatalf("LoadCodes(data/snomed.json) = %v", err)
	}
	return codes
}

func TestShippedCodes(t *testing.T) {
	codes := mustLoadCodes(t)
	want := map[string]string{
		CodeReferral: "Referral to social prescribing service",
		CodeDeclined: "Social prescribing declined",
	}
	if len(codes) != len(want) {
		t.Errorf("data/snomed.json has %d codes, want %d", len(codes), len(want))
	}
	for id, term := range want {
		if codes[id] != (Code{Code: id, Term: term}) {
			t.Errorf("codes[%s] = %+v, want term %q", id, codes[id], term)
		}
	}
	// The "offered" code in the standards notes is unverified and must
	// never ship.
	b, err := os.ReadFile("../data/snomed.json")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte("871691000000100")) {
		t.Error("data/snomed.json contains the unverified code 871691000000100")
	}
}

func TestLoadCodesRefuses(t *testing.T) {
	entry := func(code, term, status string) string {
		return `{"code":"` + code + `","term":"` + term + `","status":"` + status + `"}`
	}
	both := entry(CodeReferral, "Referral to social prescribing service", "verified") + "," +
		entry(CodeDeclined, "Social prescribing declined", "verified")
	tests := []struct {
		name, json string
		wantErr    bool
	}{
		{"both verified", `{"codes":[` + both + `]}`, false},
		{"unverified extra", `{"codes":[` + both + "," + entry("871691000000100", "Social prescribing offered", "unverified") + `]}`, true},
		{"no status", `{"codes":[` + both + "," + entry("390893007", "Referral to physical activity program", "") + `]}`, true},
		{"status in capitals", `{"codes":[` + both + "," + entry("390893007", "Referral to physical activity program", "VERIFIED") + `]}`, true},
		{"missing declined", `{"codes":[` + entry(CodeReferral, "Referral to social prescribing service", "verified") + `]}`, true},
		{"listed twice", `{"codes":[` + both + "," + entry(CodeDeclined, "Social prescribing declined", "verified") + `]}`, true},
		{"not an id", `{"codes":[` + both + "," + entry("XaaEC", "Referral to social prescribing service", "verified") + `]}`, true},
		{"no term", `{"codes":[` + both + "," + entry("390893007", " ", "verified") + `]}`, true},
		{"not json", `codes`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			codes, err := LoadCodes(strings.NewReader(tt.json))
			if (err != nil) != tt.wantErr {
				t.Fatalf("LoadCodes() = %v, %v; want error %v", codes, err, tt.wantErr)
			}
			if err != nil && codes != nil {
				t.Errorf("LoadCodes returned codes with an error")
			}
		})
	}
}

func TestEventsForContact(t *testing.T) {
	codes := mustLoadCodes(t)
	p := &Person{ID: "p1", TeamID: "leeds-north-pcn", Status: StatusNew}
	day := time.Date(2025, 5, 12, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name            string
		declined        bool
		episodeHasEvent bool
		status          Status
		want            string // code, or "" for no event
	}{
		{"first contact accepts", false, false, StatusNew, CodeReferral},
		{"first contact declines", true, false, StatusNew, CodeDeclined},
		{"status already set to active by the caller", false, false, StatusActive, CodeReferral},
		{"later contact", false, true, StatusActive, ""},
		{"declines after accepting", true, true, StatusActive, ""},
		{"later contact while on hold", false, true, StatusOnHold, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p.Status = tt.status
			c := &Contact{PersonID: "p1", Date: day, Kind: ContactMeeting, By: 9, Declined: tt.declined}
			got := EventsForContact(p, c, codes, tt.episodeHasEvent)
			if tt.want == "" {
				if len(got) != 0 {
					t.Fatalf("EventsForContact() = %+v, want none", got)
				}
				return
			}
			want := CodedEvent{PersonID: "p1", TeamID: "leeds-north-pcn", Date: day, Code: tt.want, Term: codes[tt.want].Term, By: 9}
			if len(got) != 1 || got[0] != want {
				t.Errorf("EventsForContact() = %+v, want [%+v]", got, want)
			}
		})
	}
}

func TestCodedEventsCSV(t *testing.T) {
	rows := []CodedEventRow{
		{NHSNumber: "9434765919", Date: time.Date(2025, 5, 12, 14, 0, 0, 0, time.UTC), Code: CodeReferral,
			Term: "Referral to social prescribing service", Practice: "Chapel Allerton Surgery, Leeds"},
		{NHSNumber: "4010232137", Date: time.Date(2025, 5, 13, 0, 0, 0, 0, time.UTC), Code: CodeDeclined,
			Term: "Social prescribing declined", Practice: `=HYPERLINK("http://evil.example","x")`},
		{Practice: "+44 practice"},
		{Practice: "-1"},
		{Practice: "@SUM(A1)"},
		{Practice: "\tTab"},
		{Practice: "a=b, fine"},
	}
	var buf bytes.Buffer
	if err := CodedEventsCSV(&buf, rows); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"nhs_number", "date", "code", "term", "practice"},
		{"9434765919", "2025-05-12", "871731000000106", "Referral to social prescribing service", "Chapel Allerton Surgery, Leeds"},
		{"4010232137", "2025-05-13", "871711000000103", "Social prescribing declined", `'=HYPERLINK("http://evil.example","x")`},
		{"", "", "", "", "'+44 practice"},
		{"", "", "", "", "'-1"},
		{"", "", "", "", "'@SUM(A1)"},
		{"", "", "", "", "'\tTab"},
		{"", "", "", "", "a=b, fine"},
	}
	if !slices.EqualFunc(recs, want, slices.Equal) {
		t.Errorf("CSV =\n%q\nwant\n%q", recs, want)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestCodedEventsCSVWriteError(t *testing.T) {
	if err := CodedEventsCSV(failWriter{}, []CodedEventRow{{Code: CodeReferral}}); err == nil {
		t.Error("CodedEventsCSV to a failing writer returned nil")
	}
}
