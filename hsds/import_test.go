package hsds_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/hsds"
	"github.com/linkway/linkway/sqlite"
	"github.com/paulmach/orb"
)

func mustOpenDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(filepath.Join(tb.TempDir(), "test.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// importInTx runs im over r in one transaction of db, as the import
// command does: an error rolls everything back.
func importInTx(ctx context.Context, db *sqlite.DB, im *hsds.Importer, r io.Reader) (hsds.Report, error) {
	var rep hsds.Report
	err := db.InTx(ctx, func(tx *sqlite.Tx) error {
		var err error
		rep, err = im.Import(ctx, r, tx)
		return err
	})
	return rep, err
}

// mustImport imports src into db and fails on any error.
func mustImport(tb testing.TB, db *sqlite.DB, im *hsds.Importer, src string) hsds.Report {
	tb.Helper()
	rep, err := importInTx(context.Background(), db, im, strings.NewReader(src))
	if err != nil {
		tb.Fatalf("import: %v", err)
	}
	return rep
}

// reportLines is every issue of rep, one a line, as a person reads them.
func reportLines(rep hsds.Report) string {
	var lines []string
	for _, is := range rep.Issues {
		lines = append(lines, is.Line())
	}
	return strings.Join(lines, "\n")
}

// mustStats returns db's counts.
func mustStats(tb testing.TB, db *sqlite.DB) sqlite.Stats {
	tb.Helper()
	st, err := db.Stats(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return st
}

// fakeGeo knows a few Leeds postcodes and records what it was asked.
type fakeGeo struct {
	points map[string]orb.Point
	asked  []string
}

func newFakeGeo() *fakeGeo {
	return &fakeGeo{points: map[string]orb.Point{
		"LS6 1AA": {-1.5686, 53.8190},
		"LS2 8BH": {-1.5450, 53.8010},
	}}
}

func (g *fakeGeo) Point(postcode string) (orb.Point, error) {
	g.asked = append(g.asked, postcode)
	p, ok := g.points[strings.ToUpper(strings.TrimSpace(postcode))]
	if !ok {
		return orb.Point{}, directory.Errorf(directory.NotFound, "postcode %s is not one we know", postcode)
	}
	return p, nil
}

// physical returns a service_at_locations member with one physical
// location at postcode, in country, with lat/lon given when latlon is not "".
func physical(id, postcode, country, latlon string) string {
	coords := ""
	if latlon != "" {
		coords = `, "latitude": ` + strings.Split(latlon, ",")[0] + `, "longitude": ` + strings.Split(latlon, ",")[1]
	}
	return `"service_at_locations": [{"location": {"id": "` + id + `", "location_type": "physical"` + coords +
		`, "addresses": [{"address_1": "1 Main St", "city": "Leeds", "postal_code": "` + postcode + `", "country": "` + country + `", "address_type": "physical"}]}}]`
}

func TestImportGeocoding(t *testing.T) {
	tests := []struct {
		name      string
		location  string
		wantPoint *orb.Point
		wantAsked string // postcode the geocoder is asked, "" for none
		wantWarn  string
		wantErr   []string
	}{
		{
			name:      "known postcode, no country",
			location:  physical("l1", "LS6 1AA", "", ""),
			wantPoint: &orb.Point{-1.5686, 53.8190},
			wantAsked: "LS6 1AA",
		},
		{
			name:      "known postcode in GB, padded",
			location:  physical("l1", " LS2 8BH ", "GB", ""),
			wantPoint: &orb.Point{-1.5450, 53.8010},
			wantAsked: "LS2 8BH",
		},
		{
			name:      "coordinates given win over the postcode",
			location:  physical("l1", "LS6 1AA", "GB", "53.9,-1.6"),
			wantPoint: &orb.Point{-1.6, 53.9},
		},
		{
			name:      "impossible coordinates fall back to the postcode",
			location:  physical("l1", "LS6 1AA", "United Kingdom", "100,101"),
			wantPoint: &orb.Point{-1.5686, 53.8190},
			wantAsked: "LS6 1AA",
			wantWarn:  `service_at_locations[0].location.latitude, longitude: "100, 101": dropped: not a place on Earth`,
		},
		{
			name:     "zero coordinates are ignored",
			location: physical("l1", "", "GB", "0,0"),
			wantWarn: `"0, 0": dropped: both 0, a placeholder; no map point`,
		},
		{
			name:     "postcode abroad is not looked up",
			location: physical("l1", "75001", "FR", ""),
			wantWarn: `service_at_locations[0].location.addresses.postal_code: "75001": no map point: a postcode in FR cannot be looked up`,
		},
		{
			name:     "no postcode and no coordinates",
			location: physical("l1", "", "GB", ""),
		},
		{
			name:     "virtual location is never looked up",
			location: `"service_at_locations": [{"location": {"id": "v", "location_type": "virtual", "addresses": [{"postal_code": "LS6 1AA"}]}}]`,
		},
		// A postcode that cannot be placed costs the listing its map
		// point, not its place in the directory.
		{
			name:      "unknown GB postcode",
			location:  physical("l1", "LS99 9ZZ", "England", ""),
			wantAsked: "LS99 9ZZ",
			wantWarn: `record 1 (id "geo-1"): service_at_locations[0].location.addresses.postal_code: "LS99 9ZZ": ` +
				"no map point: postcode LS99 9ZZ is not one we know; give the location a latitude and longitude or a known postcode",
		},
		{
			name:      "a US ZIP code with no country",
			location:  physical("l1", "33157", "", ""),
			wantAsked: "33157",
			wantWarn:  `"33157": no map point: not a UK postcode, and Linkway places UK postcodes only`,
		},
		{
			name:      "Northern Ireland postcode",
			location:  physical("l1", "BT1 5GS", "UK", ""),
			wantAsked: "BT1 5GS",
			wantWarn:  `"BT1 5GS": no map point: a Northern Ireland postcode, outside Linkway's postcode table for Great Britain`,
		},
		{
			name:      "Isle of Man postcode",
			location:  physical("l1", "IM1 1AA", "", ""),
			wantAsked: "IM1 1AA",
			wantWarn:  "an Isle of Man postcode",
		},
		{
			name:      "pseudo-postcode for no fixed place",
			location:  physical("l1", "ZZ99 3VZ", "GB", ""),
			wantAsked: "ZZ99 3VZ",
			wantWarn:  "a pseudo-postcode (no fixed place)",
		},
		{
			name:      "non-geographic postcode",
			location:  physical("l1", "BX1 1LT", "GB", ""),
			wantAsked: "BX1 1LT",
			wantWarn:  "a non-geographic postcode",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			db := mustOpenDB(t)
			geo := newFakeGeo()
			im := &hsds.Importer{Geo: geo}
			rep, err := importInTx(ctx, db, im, strings.NewReader("["+svc(`"geo-1"`, tt.location)+"]"))
			if got := strings.Join(geo.asked, ","); got != tt.wantAsked {
				t.Errorf("geocoder asked %q, want %q", got, tt.wantAsked)
			}
			warnings := reportLines(rep)
			if tt.wantWarn != "" {
				mustContainAll(t, "warnings", warnings, tt.wantWarn)
			} else if warnings != "" {
				t.Errorf("unexpected warnings: %s", warnings)
			}
			if tt.wantErr != nil {
				if err == nil {
					t.Fatal("import succeeded, want an error")
				}
				if k := directory.KindOf(err); k != directory.Invalid {
					t.Errorf("KindOf = %v, want invalid", k)
				}
				mustContainAll(t, "error", directory.MessageOf(err), tt.wantErr...)
				if st := mustStats(t, db); st.Services != 0 || st.Locations != 0 {
					t.Errorf("failed import left %+v", st)
				}
				return
			}
			if err != nil {
				t.Fatalf("Import: %v", err)
			}
			s, err := db.Service(ctx, "geo-1")
			if err != nil {
				t.Fatal(err)
			}
			got := s.Locations[0].Location.Point
			switch {
			case tt.wantPoint == nil && got != nil:
				t.Errorf("Point = %v, want none", *got)
			case tt.wantPoint != nil && (got == nil || *got != *tt.wantPoint):
				t.Errorf("Point = %v, want %v", got, *tt.wantPoint)
			}
		})
	}
}

// Without a geocoder, a located service keeps no position rather than
// failing: the import command may run before postcodes are loaded.
func TestImportWithoutGeocoder(t *testing.T) {
	db := mustOpenDB(t)
	rep := mustImport(t, db, &hsds.Importer{}, "["+svc(`"a"`, physical("l1", "ZZ9 9ZZ", "GB", ""))+"]")
	if rep.Created != 1 {
		t.Errorf("report = %+v", rep)
	}
}

// Each failing import names the record (index and id) and the field, and
// leaves the database as it was.
func TestImportErrors(t *testing.T) {
	ok := svc(`"a"`)
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"malformed JSON", "[" + ok + `, {"id": "b" "name": "x"}]`, []string{"record 2", "malformed JSON near byte"}},
		{"cut short inside a record", "[" + ok + `, {"id": "b", "name": "Lun`, []string{"record 2", "cut short"}},
		{"cut short after a record", "[" + ok + ",\n" + svc(`"b"`), []string{"cut short"}},
		{"missing name", "[" + ok + `, {"id": "b", "status": "active"}]`, []string{`record 2 (id "b")`, `field "name": is required`}},
		{"missing id", "[" + ok + `, {"name": "Lunch club", "status": "active"}]`, []string{`record 2 (no id)`, `field "id": is required`}},
		{"duplicate id", "[" + ok + ", " + svc(`"b"`) + ", " + svc(`"a"`) + "]", []string{`record 3 (id "a")`, `field "id": the same id is already used by record 1`}},
		{"duplicate id once trimmed", "[" + ok + ", " + svc(`" a "`) + "]", []string{`record 2 (id "a")`, `field "id": the same id is already used by record 1`}},
		{"duplicate numeric id", "[" + svc("7") + ", " + svc(`"7"`) + "]", []string{`record 2 (id "7")`, `already used by record 1`}},
		{"wrong type", "[" + ok + ", " + svc(`"b"`, `"minimum_age": "adults"`) + "]", []string{`record 2 (id "b")`, `field "minimum_age"`}},
		{"not HSDS: object", `{"foo": 1}`, []string{"not an HSDS 3.0 file"}},
		{"not HSDS: string", `"hello"`, []string{"not an HSDS 3.0 file"}},
		{"not HSDS: the API's root", `{"version": "3.0", "profile": "https://openreferral.org", "openapi_url": "https://example.org/openapi.json"}`, []string{"root document of an Open Referral API", "import the API's /services"}},
		{"not HSDS: numbers", `[1,2]`, []string{"record 1 (no id): is number, not a service object", "record 2 (no id)"}},
		{"not HSDS: empty file", ``, []string{"the file is empty"}},
		{"no services: empty list", `[]`, []string{"the file holds no services"}},
		{"no services: empty page", `{"total_items": 0, "contents": []}`, []string{"the file holds no services"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			db := mustOpenDB(t)
			im := &hsds.Importer{Geo: newFakeGeo()}
			_, err := importInTx(ctx, db, im, strings.NewReader(tt.src))
			if err == nil {
				t.Fatal("import succeeded, want an error")
			}
			if k := directory.KindOf(err); k != directory.Invalid {
				t.Errorf("KindOf(%v) = %v, want invalid", err, k)
			}
			mustContainAll(t, "error", directory.MessageOf(err), tt.want...)
			if st := mustStats(t, db); st != (sqlite.Stats{}) {
				t.Errorf("failed import left %+v", st)
			}
			if ch, err := db.Changes(ctx, 0, 10); err != nil || len(ch) != 0 {
				t.Errorf("failed import left changes %v (err %v)", ch, err)
			}
		})
	}
}

// A failed import lists at most 20 bad records, so the message stays
// readable however broken the feed.
func TestImportErrorListIsBounded(t *testing.T) {
	var objs []string
	for i := range 25 {
		objs = append(objs, fmt.Sprintf(`{"id": "bad-%d", "status": "active"}`, i))
	}
	_, err := importInTx(context.Background(), mustOpenDB(t), &hsds.Importer{}, strings.NewReader("["+strings.Join(objs, ",")+"]"))
	msg := directory.MessageOf(err)
	mustContainAll(t, "error", msg, "25 invalid record(s); nothing was imported", `record 20 (id "bad-19")`, "and 5 more")
	if strings.Contains(msg, "bad-20") {
		t.Errorf("error lists more than 20 records: %s", msg)
	}
}

func TestImportSkipInvalid(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	src := "[" + strings.Join([]string{
		svc(`"a"`),
		`{"id": "b", "status": "active"}`,
		svc(`"c"`, physical("l1", "LS6 1AA", "GB", "")),
		svc(`"a"`),
		`{"name": "No id", "status": "active"}`,
		`{"id": "e", "name": "Bad age", "status": "active", "minimum_age": "old"}`,
		svc(`"f"`),
	}, ",") + "]"
	im := &hsds.Importer{Geo: newFakeGeo(), SkipInvalid: true}
	rep, err := importInTx(ctx, db, im, strings.NewReader(src))
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if rep.Read != 7 || rep.Created != 3 || rep.Updated != 0 || rep.Unchanged != 0 {
		t.Errorf("report = %+v, want 7 read, 3 created", rep)
	}
	wantSkipped := []struct {
		index int
		id    string
		msg   string
	}{
		{2, "b", `field "name": is required`},
		{4, "a", "already used by record 1"},
		{5, "", `field "id": is required`},
		{6, "e", `field "minimum_age"`},
	}
	if len(rep.Skipped) != len(wantSkipped) {
		t.Fatalf("skipped %d records, want %d: %+v", len(rep.Skipped), len(wantSkipped), rep.Skipped)
	}
	for i, w := range wantSkipped {
		p := rep.Skipped[i]
		if p.Index != w.index || p.ID != w.id {
			t.Errorf("Skipped[%d] = record %d %q, want %d %q", i, p.Index, p.ID, w.index, w.id)
		}
		mustContainAll(t, fmt.Sprintf("Skipped[%d]", i), directory.MessageOf(p.Err), w.msg)
	}
	list, total, err := db.FindServices(ctx, directory.ServiceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range list {
		ids = append(ids, s.ID)
	}
	if total != 3 || strings.Join(ids, ",") != "a,c,f" {
		t.Errorf("stored %d services %v, want a, c, f", total, ids)
	}
}

// Without SkipInvalid, records after the first bad one are still checked
// (so one run names every problem) but never written. The transaction is
// committed here on purpose, to see what Import wrote before failing.
func TestImportStopsWritingAfterFirstBadRecord(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	src := "[" + svc(`"a"`) + `, {"id": "b", "status": "active"}, ` + svc(`"c"`) + `, {"id": "d", "status": "active"}]`
	var rep hsds.Report
	var importErr error
	if err := db.InTx(ctx, func(tx *sqlite.Tx) error {
		rep, importErr = (&hsds.Importer{}).Import(ctx, strings.NewReader(src), tx)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if importErr == nil {
		t.Fatal("no error")
	}
	mustContainAll(t, "error", directory.MessageOf(importErr), "2 invalid record(s)", `record 2 (id "b")`, `record 4 (id "d")`)
	if rep.Read != 4 || rep.Created != 1 {
		t.Errorf("report = %+v, want 4 read, 1 created", rep)
	}
	if st := mustStats(t, db); st.Services != 1 {
		t.Errorf("%d services written, want only the one before the first bad record", st.Services)
	}
	if _, err := db.Service(ctx, "c"); directory.KindOf(err) != directory.NotFound {
		t.Errorf("Service(c) = %v, want not found", err)
	}
}

func TestImportReportsCreatedUpdatedUnchanged(t *testing.T) {
	db := mustOpenDB(t)
	im := &hsds.Importer{}
	first := "[" + svc(`"a"`) + "," + svc(`"b"`) + "," + svc(`"c"`) + "]"
	if rep := mustImport(t, db, im, first); rep.Created != 3 || rep.Updated != 0 || rep.Unchanged != 0 {
		t.Errorf("first import = %+v, want 3 created", rep)
	}
	second := "[" + svc(`"a"`) + "," + svc(`"b"`, `"description": "Now with tea"`) + "," + svc(`"c"`) + "," + svc(`"d"`) + "]"
	if rep := mustImport(t, db, im, second); rep.Created != 1 || rep.Updated != 1 || rep.Unchanged != 2 {
		t.Errorf("second import = %+v, want 1 created, 1 updated, 2 unchanged", rep)
	}
	if rep := mustImport(t, db, im, second); rep.Created != 0 || rep.Updated != 0 || rep.Unchanged != 4 {
		t.Errorf("third import = %+v, want 4 unchanged", rep)
	}
}

func TestImportProgressAndCancel(t *testing.T) {
	src := "[" + svc(`"a"`) + "," + svc(`"b"`) + "," + svc(`"c"`) + "]"
	var counts []int
	var offsets []int64
	im := &hsds.Importer{Progress: func(n int, off int64) {
		counts = append(counts, n)
		offsets = append(offsets, off)
	}}
	mustImport(t, mustOpenDB(t), im, src)
	if fmt.Sprint(counts) != "[1 2 3]" {
		t.Errorf("progress counts = %v, want [1 2 3]", counts)
	}
	for i := 1; i < len(offsets); i++ {
		if offsets[i] <= offsets[i-1] || offsets[i] > int64(len(src)) {
			t.Errorf("progress offsets = %v, want increasing within %d bytes", offsets, len(src))
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	db := mustOpenDB(t)
	n := 0
	im = &hsds.Importer{Progress: func(int, int64) {
		if n++; n == 2 {
			cancel()
		}
	}}
	rep, err := importInTx(ctx, db, im, strings.NewReader(src))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Import after cancel = %v, want context.Canceled", err)
	}
	if rep.Read != 2 {
		t.Errorf("read %d records after cancel, want 2", rep.Read)
	}
	if st := mustStats(t, db); st.Services != 0 {
		t.Errorf("cancelled import left %d services", st.Services)
	}
}

// mustWriteFeed writes n generated services to path as a page object, the
// way an Open Referral API returns them. The output depends only on n.
func mustWriteFeed(tb testing.TB, path string, n int) int64 {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	fmt.Fprintf(w, `{"total_items": %d, "page_number": 1, "contents": [`, n)
	times := []string{"10:00", "10:00:00", "10:00+01:00", "10:00:00Z"}
	for i := range n {
		if i > 0 {
			w.WriteString(",\n")
		}
		var id any = fmt.Sprintf("%08x-0000-4000-8000-%012x", i, i*7919)
		if i%3 == 1 {
			id = 100000 + i // numeric ids, as some feeds write them
		}
		org := i / 50
		loc := i / 20
		rec := map[string]any{
			"id":          id,
			"name":        fmt.Sprintf("Service %05d", i),
			"description": strings.Repeat("A friendly group for people in Leeds. ", 1+i%4),
			"status":      []string{"active", "active", "active", "inactive", "temporarily closed"}[i%5],
			"organization": map[string]any{
				"id": fmt.Sprintf("org-%d", org), "name": fmt.Sprintf("Organisation %d", org),
			},
			"minimum_age":        18,
			"sp_referral_routes": []string{"self-referral"},
			"schedules": []any{map[string]any{
				"freq": "WEEKLY", "byday": "MO,TH", "opens_at": times[i%len(times)], "closes_at": "12:30:00",
			}},
			"attributes": []any{map[string]any{
				"taxonomy_term": map[string]any{"id": fmt.Sprintf("term-%d", i%12), "name": fmt.Sprintf("Kind %d", i%12)},
			}},
			"phones": []any{map[string]any{"number": fmt.Sprintf("0113 %03d %04d", i%1000, i)}},
		}
		switch {
		case i%10 == 9:
			rec["service_at_locations"] = []any{map[string]any{
				"location": map[string]any{"id": "online", "location_type": "virtual", "url": "https://example.org/meet"},
			}}
		case i%10 == 8:
			// no location at all
		default:
			rec["service_at_locations"] = []any{map[string]any{
				"location": map[string]any{
					"id": fmt.Sprintf("loc-%d", loc), "location_type": "physical", "name": fmt.Sprintf("Hall %d", loc),
					"latitude": 53.7 + float64(loc%100)/1000, "longitude": -1.6 + float64(loc%97)/1000,
					"addresses": []any{map[string]any{"address_1": "1 Main St", "city": "Leeds", "postal_code": "LS6 1AA", "country": "GB", "address_type": "physical"}},
				},
			}}
		}
		if err := enc.Encode(rec); err != nil {
			tb.Fatal(err)
		}
	}
	w.WriteString("]}\n")
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	info, err := f.Stat()
	if err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return info.Size()
}

func TestImportStreaming10k(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 10,000 services; skipped under -short")
	}
	const n = 10000
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "feed.json")
	size := mustWriteFeed(t, path, n)
	db := mustOpenDB(t)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	var firstOffset int64 = -1
	im := &hsds.Importer{Geo: newFakeGeo(), Progress: func(records int, offset int64) {
		if records == 1 {
			firstOffset = offset
		}
	}}
	start := time.Now()
	rep, err := importInTx(ctx, db, im, f)
	elapsed := time.Since(start)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	t.Logf("imported %d services (%d KiB) in %v: %.0f services/s", rep.Read, size/1024, elapsed.Round(time.Millisecond), float64(rep.Read)/elapsed.Seconds())

	if rep.Read != n || rep.Created != n || len(rep.Skipped) != 0 || len(rep.Issues) != 0 {
		t.Errorf("report: read %d, created %d, skipped %d, warnings %d; want %d read and created", rep.Read, rep.Created, len(rep.Skipped), len(rep.Issues), n)
	}
	// The decoder buffers ahead, but a streaming reader has consumed only
	// a sliver of the file when the first record is done.
	if firstOffset <= 0 || firstOffset > size/100 {
		t.Errorf("offset after the first record = %d of %d bytes: the feed was not streamed", firstOffset, size)
	}
	want := sqlite.Stats{Services: n, Listed: n * 4 / 5, Organizations: n / 50, Locations: n/20 + 1}
	if st := mustStats(t, db); st != want {
		t.Errorf("Stats = %+v, want %+v", st, want)
	}
	s, err := db.Service(ctx, "100001")
	if err != nil {
		t.Fatalf("numeric id: %v", err)
	}
	if s.Schedules[0].Opens != "10:00" || s.Schedules[0].Closes != "12:30" {
		t.Errorf("schedule = %s-%s, want 10:00-12:30", s.Schedules[0].Opens, s.Schedules[0].Closes)
	}

	// The same feed again writes nothing.
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	changes, err := db.Changes(ctx, 0, 2*n)
	if err != nil {
		t.Fatal(err)
	}
	rep, err = importInTx(ctx, db, &hsds.Importer{Geo: newFakeGeo()}, f)
	if err != nil {
		t.Fatalf("second Import: %v", err)
	}
	if rep.Unchanged != n {
		t.Errorf("second import: %+v, want %d unchanged", rep, n)
	}
	again, err := db.Changes(ctx, 0, 2*n)
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != len(changes) {
		t.Errorf("second import logged %d changes, want none", len(again)-len(changes))
	}
}
