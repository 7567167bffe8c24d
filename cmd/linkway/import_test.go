package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/linkway/linkway/hsds"
	_ "github.com/mattn/go-sqlite3"
)

// openReferralExamples holds Open Referral's published example files.
var openReferralExamples = filepath.Join("..", "..", "testdata", "openreferral")

func runCmd(tb testing.TB, args ...string) (stdout, stderr string, err error) {
	tb.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, noEnv, nil, &out, &errOut)
	return out.String(), errOut.String(), err
}

// dbFingerprint hashes every row of every table, so a test can show that a
// failed import left the database exactly as it was.
func dbFingerprint(tb testing.TB, dir string) string {
	tb.Helper()
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, "linkway.db")+"?mode=ro")
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	tables, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
	if err != nil {
		tb.Fatal(err)
	}
	var names []string
	for tables.Next() {
		var n string
		tables.Scan(&n)
		names = append(names, n)
	}
	tables.Close()
	h := sha256.New()
	for _, name := range names {
		rows, err := db.Query(`SELECT * FROM "` + name + `" ORDER BY 1`)
		if err != nil {
			tb.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			rows.Scan(ptrs...)
			fmt.Fprintf(h, "%s%v\n", name, vals)
		}
		rows.Close()
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	files := []string{
		filepath.Join(openReferralExamples, "hsds-3.0-examples", "service_list.json"),
		filepath.Join(openReferralExamples, "hsds-3.0-examples", "service_full.json"),
		filepath.Join(openReferralExamples, "oruk-3.0-uk-profile-examples", "service_list.json"),
		filepath.Join(openReferralExamples, "oruk-3.0-uk-profile-examples", "service_full.json"),
	}
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			t.Fatalf("example file missing from testdata/openreferral: %v", err)
		}
		out, _, err := runCmd(t, "import", "--data", dir, f)
		if err != nil {
			t.Fatalf("import %s: %v", f, err)
		}
		if !strings.Contains(out, "imported") {
			t.Errorf("import %s printed %q", f, out)
		}
	}
	// Importing the last file again changes nothing (flags may also
	// follow the file).
	out, _, err := runCmd(t, "import", files[len(files)-1], "--data", dir)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "imported 1 services") || !strings.Contains(out, "1 unchanged") {
		t.Errorf("re-import printed %q, want 1 unchanged", out)
	}
}

func TestImportFailureChangesNothing(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(openReferralExamples, "hsds-3.0-examples", "service_list.json")
	if _, _, err := runCmd(t, "import", "--data", dir, good); err != nil {
		t.Fatal(err)
	}
	before := dbFingerprint(t, dir)
	tests := []struct {
		name, content, want string
	}{
		{"malformed JSON", `[{"id": "a", "name": "A", "status": "active"},`, "cut short"},
		{"missing name", `[{"id": "a", "status": "active"}]`, `record 1 (id "a"): field "name": is required`},
		{"duplicate id", `[{"id": "a", "name": "A", "status": "active"}, {"id": "a", "name": "B", "status": "active"}]`, `record 2 (id "a"): field "id"`},
		{"not HSDS", `{"hello": "world"}`, "not an HSDS 3.0 file"},
		{"a valid record then an invalid one", `[{"id": "new", "name": "New", "status": "active"}, {"status": "active", "name": "B"}]`, `record 2 (no id): field "id": is required`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := filepath.Join(t.TempDir(), "feed.json")
			os.WriteFile(f, []byte(tt.content), 0o600)
			_, _, err := runCmd(t, "import", "--data", dir, f)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("import error = %v, want one containing %q", err, tt.want)
			}
			if after := dbFingerprint(t, dir); after != before {
				t.Error("a failed import changed the database")
			}
		})
	}
}

func TestImportSkipInvalid(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(t.TempDir(), "feed.json")
	os.WriteFile(f, []byte(`[{"id": "ok", "name": "Fine", "status": "active"}, {"id": "bad", "name": "", "status": "active"}]`), 0o600)
	out, _, err := runCmd(t, "import", "--data", dir, "--skip-invalid", f)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"imported 1 services", "skipped 1 invalid records", `record 2 (id "bad"): field "name": is required`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// feedWithEverything is an HSDS 3.0 service using what feeds carry beyond
// the listing, at a venue with its own opening times, plus one warning
// (a time written 9:30am).
const feedWithEverything = `[{"id": "lunch", "name": "Lunch club", "status": "active",
  "organization": {"id": "age-uk", "name": "Age UK Leeds", "description": "Older people's charity",
    "organization_identifiers": [{"id": "age-uk-chc", "identifier_scheme": "GB-CHC", "identifier_type": "Charity number", "identifier": "1124379"}]},
  "program": {"id": "eat-well", "name": "Eat Well Leeds", "description": "Meals together"},
  "funding": [{"id": "f1", "source": "Leeds Community Foundation"}],
  "required_documents": [{"id": "d1", "document": "A letter from your GP"}],
  "attributes": [{"id": "a1", "link_type": "accessibility", "value": "partial", "taxonomy_term": {"id": "wheelchair", "name": "Wheelchair access", "description": "Access for wheelchair users"}}],
  "schedules": [{"id": "s1", "freq": "WEEKLY", "byday": "WE", "opens_at": "9:30am", "closes_at": "13:00"}],
  "service_at_locations": [{"id": "lunch-at-hall", "location": {"id": "hall", "location_type": "physical", "name": "Hyde Park Hall",
    "latitude": 53.819, "longitude": -1.5686, "external_identifier": "72123456", "external_identifier_type": "UPRN",
    "schedules": [{"id": "hall-hours", "freq": "WEEKLY", "byday": "MO-FR", "opens_at": "09:00", "closes_at": "17:00"}]}}]}]`

func writeFile(tb testing.TB, content string) string {
	tb.Helper()
	f := filepath.Join(tb.TempDir(), "feed.json")
	if err := os.WriteFile(f, []byte(content), 0o600); err != nil {
		tb.Fatal(err)
	}
	return f
}

// --report writes every warning and error as JSON: record, id, field,
// the value and what was done.
func TestImportReportFile(t *testing.T) {
	dir := t.TempDir()
	report := filepath.Join(t.TempDir(), "report.json")
	feed := writeFile(t, `[`+strings.TrimSuffix(strings.TrimPrefix(feedWithEverything, "["), "]")+`,
		{"id": "bad", "status": "active"},
		{"id": "kid", "name": "Homework club", "status": "active", "minimum_age": 4.5, "maximum_age": 300}]`)
	out, stderr, err := runCmd(t, "import", "--data", dir, "--skip-invalid", "--report", report, feed)
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, "stdout", out, "imported 2 services", "skipped 1 invalid records")
	// The terminal summary counts each kind of problem and shows examples.
	mustContain(t, "stderr", stderr, "1 error, 4 warnings",
		`error        1× name: is required`,
		`record 2 (id "bad")`,
		`schedules[].opens_at: read as 09:30`,
		`record 1 (id "lunch"): "9:30am" → read as 09:30`,
		`service_at_locations[].location.schedules[].byday: read as MO,TU,WE,TH,FR`,
		"report of 5 warnings and errors written to "+report)
	b, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	var issues []hsds.Issue
	if err := json.Unmarshal(b, &issues); err != nil {
		t.Fatalf("report is not a JSON array of issues: %v\n%s", err, b)
	}
	want := []hsds.Issue{
		{Level: hsds.Warning, Index: 1, ID: "lunch", Field: "schedules[0].opens_at", Value: "9:30am", Action: "read as 09:30"},
		{Level: hsds.Warning, Index: 1, ID: "lunch", Field: "service_at_locations[0].location.schedules[0].byday", Value: "MO-FR", Action: "read as MO,TU,WE,TH,FR"},
		{Level: hsds.Error, Index: 2, ID: "bad", Field: "name", Action: "is required"},
		{Level: hsds.Warning, Index: 3, ID: "kid", Field: "minimum_age", Value: "4.5", Action: "rounded down to 4"},
		{Level: hsds.Warning, Index: 3, ID: "kid", Field: "maximum_age", Value: "300", Action: "dropped: not an age between 0 and 130"},
	}
	if len(issues) != len(want) {
		t.Fatalf("report holds %d issues, want %d:\n%s", len(issues), len(want), b)
	}
	for i := range want {
		if issues[i] != want[i] {
			t.Errorf("issue %d = %+v\nwant %+v", i, issues[i], want[i])
		}
	}
	if strings.Count(string(b), "\n") != len(want)+2 {
		t.Errorf("report is not one issue a line:\n%s", b)
	}
}

// A file that cannot be read at all is in the report too.
func TestImportReportFileOfBrokenFeed(t *testing.T) {
	report := filepath.Join(t.TempDir(), "report.json")
	_, _, err := runCmd(t, "import", "--data", t.TempDir(), "--report", report, writeFile(t, `[{"id": "a", "name": "A"`))
	if err == nil {
		t.Fatal("a broken file was imported")
	}
	b, _ := os.ReadFile(report)
	var issues []hsds.Issue
	if err := json.Unmarshal(b, &issues); err != nil || len(issues) != 1 || issues[0].Level != hsds.Error || !strings.Contains(issues[0].Action, "cut short") {
		t.Errorf("report = %s (%v), want the one error", b, err)
	}
}

// --format overrides detection: an ORUK v1 page read as HSDS 3.0 is
// refused (it has no "contents"), and read as ORUK v1 it imports.
func TestImportFormatOverride(t *testing.T) {
	dir := t.TempDir()
	v1 := writeFile(t, `{"totalElements": 1, "content": [{"id": "v1-svc", "name": "Walk and talk", "status": "active",
		"regular_schedules": [{"id": "r1", "weekday": "Tuesday", "opens_at": "10:00", "closes_at": "11:00"}]}]}`)
	if _, _, err := runCmd(t, "import", "--data", dir, "--format", "hsds3", v1); err == nil || !strings.Contains(err.Error(), "not an HSDS 3.0 file") {
		t.Errorf("v1 page as hsds3: %v, want it refused as not HSDS 3.0", err)
	}
	out, _, err := runCmd(t, "import", "--data", dir, "--format", "oruk1", v1)
	if err != nil || !strings.Contains(out, "imported 1 services") {
		t.Fatalf("v1 page as oruk1: %v\n%s", err, out)
	}
	// Without --format, the v1 page is recognised.
	out, _, err = runCmd(t, "import", "--data", dir, v1)
	if err != nil || !strings.Contains(out, "1 unchanged") {
		t.Errorf("v1 page detected: %v\n%s", err, out)
	}
	// A folder is a data package, which JSON formats cannot read.
	pkg := filepath.Join(openReferralExamples, "hsds-3.0-examples", "csv")
	if _, _, err := runCmd(t, "import", "--data", dir, "--format", "oruk1", pkg); err == nil || !strings.Contains(err.Error(), "is a folder") {
		t.Errorf("folder as oruk1: %v", err)
	}
	out, _, err = runCmd(t, "import", "--data", dir, pkg)
	if err != nil || !strings.Contains(out, "imported 1 services") {
		t.Errorf("folder: %v\n%s", err, out)
	}
}

// Using the command wrongly exits with status 2, a refused import with 1.
func TestImportExitCodes(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, feedWithEverything)
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"imported", []string{"--data", dir, good}, 0},
		{"no file", []string{"--data", dir}, 2},
		{"two files", []string{"--data", dir, good, good}, 2},
		{"unknown format", []string{"--data", dir, "--format", "xml", good}, 2},
		{"unknown flag", []string{"--data", dir, "--fast", good}, 2},
		{"missing file", []string{"--data", dir, filepath.Join(dir, "nope.json")}, 1},
		{"refused", []string{"--data", dir, writeFile(t, `[{"id": "x"}]`)}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := runCmd(t, append([]string{"import"}, tt.args...)...)
			if got := exitCode(err); got != tt.code {
				t.Errorf("exit code %d (%v), want %d", got, err, tt.code)
			}
		})
	}
}

// A URL is fetched once and read as a file would be; a server error or
// a non-HTTP address is refused with a message naming it.
func TestImportURL(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/services", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"total_items": 1, "contents": [`+strings.TrimSuffix(strings.TrimPrefix(feedWithEverything, "["), "]")+`]}`)
	})
	mux.HandleFunc("/api/taxonomy_terms", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"contents": [{"id": "t1", "name": "Food", "description": "Meals"}]}`)
	})
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	dir := t.TempDir()
	out, _, err := runCmd(t, "import", "--data", dir, srv.URL+"/api/services")
	if err != nil || !strings.Contains(out, "imported 1 services from "+srv.URL) {
		t.Fatalf("import from URL: %v\n%s", err, out)
	}
	// The URL's path tells what an ambiguous document holds.
	out, _, err = runCmd(t, "import", "--data", dir, srv.URL+"/api/taxonomy_terms")
	if err != nil || !strings.Contains(out, "also imported 1 taxonomy term") {
		t.Errorf("terms from URL: %v\n%s", err, out)
	}
	before := dbFingerprint(t, dir)
	for _, tt := range []struct{ url, want string }{
		{srv.URL + "/broken", "503 Service Unavailable"},
		{"ftp://example.org/feed.json", ""},
	} {
		_, _, err := runCmd(t, "import", "--data", dir, tt.url)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("import %s: %v, want an error saying %q", tt.url, err, tt.want)
		}
	}
	if dbFingerprint(t, dir) != before {
		t.Error("a failed fetch changed the database")
	}
}

// What feeds carry is shown where a person looks for it: the charity
// number under the organisation, what to bring, who funds it, the
// programme, attributes with their values and the venue's opening times.
func TestServicePageShowsWhatFeedsCarry(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := runCmd(t, "import", "--data", dir, writeFile(t, feedWithEverything)); err != nil {
		t.Fatal(err)
	}
	base := mustServe(t, "--data", dir)
	status, page := mustGet(t, base+"/services/lunch")
	if status != http.StatusOK {
		t.Fatalf("GET /services/lunch = %d", status)
	}
	mustContain(t, "service page", page,
		`<p class="org-ids">Registered charity 1124379</p>`,
		"Part of Eat Well Leeds.",
		"<li>Wheelchair access: partial</li>",
		"Funded by: Leeds Community Foundation",
		"<h3>What to bring</h3>",
		"<li>A letter from your GP</li>",
		"Hyde Park Hall is open Mondays, Tuesdays, Wednesdays, Thursdays and Fridays 09:00–17:00.")
}

func mustContain(tb testing.TB, what, s string, subs ...string) {
	tb.Helper()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			tb.Errorf("%s lacks %q:\n%s", what, sub, s)
		}
	}
}
