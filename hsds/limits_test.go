package hsds_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/hsds"
	"github.com/linkway/linkway/sqlite"
)

// stageInto imports feed into db as the import command does: staged,
// then applied; discarded on error.
func stageInto(db *sqlite.DB, im *hsds.Importer, feed string) (hsds.Report, error) {
	ctx := context.Background()
	imp, err := db.BeginImport(ctx)
	if err != nil {
		return hsds.Report{}, err
	}
	defer imp.Discard()
	rep, err := im.Import(ctx, strings.NewReader(feed), imp)
	if err != nil {
		return rep, err
	}
	return rep, imp.Commit(ctx)
}

func openLimitsDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(filepath.Join(tb.TempDir(), "linkway.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// TestImportRefusesOversizedFields: a value over its limit makes the
// record invalid, named by position, id and field, and nothing is
// imported; with --skip-invalid only that record is left out.
func TestImportRefusesOversizedFields(t *testing.T) {
	huge := strings.Repeat("Tea and a chat. ", 1300) // 20,800 characters
	feed := `[{"id": "a", "name": "Lunch club", "status": "active"},
		{"id": "b", "name": "Coffee morning", "status": "active", "description": "` + huge + `"},
		{"id": "c", "name": "` + strings.Repeat("N", directory.MaxNameLength+1) + `", "status": "active"},
		{"id": "d", "name": "Walk", "status": "active",
		 "service_at_locations": [{"location": {"id": "l", "location_type": "physical",
		   "addresses": [{"address_1": "1 Main St", "city": "Leeds", "postal_code": "` + strings.Repeat("9", 600) + `", "country": "GB"}]}}]}]`

	db := openLimitsDB(t)
	_, err := stageInto(db, &hsds.Importer{}, feed)
	if directory.KindOf(err) != directory.Invalid {
		t.Fatalf("import error = %v, want Invalid", err)
	}
	msg := directory.MessageOf(err)
	for _, want := range []string{
		`record 2 (id "b"): field "description": is 20,800 characters long, over the limit of 20,000`,
		`record 3 (id "c"): field "name": is 501 characters long, over the limit of 500`,
		`record 4 (id "d"): field "service_at_locations[0].location.addresses[0].postal_code": is 600 characters long, over the limit of 500`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
	if len(msg) > 1000 {
		t.Errorf("message is %d bytes long: it repeats the values", len(msg))
	}
	if st, _ := db.Stats(context.Background()); st.Services != 0 {
		t.Errorf("services after a refused import = %d, want 0", st.Services)
	}

	rep, err := stageInto(db, &hsds.Importer{SkipInvalid: true}, feed)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Created != 1 || len(rep.Skipped) != 3 {
		t.Errorf("with skip-invalid: %d created, %d skipped, want 1 and 3", rep.Created, len(rep.Skipped))
	}
}

// TestImportRefusesLocationLinkUsedTwice: two records (or one record
// twice) using one service-at-location id is a record error, found while
// reading, not a failure halfway through writing.
func TestImportRefusesLocationLinkUsedTwice(t *testing.T) {
	link := func(id string) string {
		return `{"id": "` + id + `", "location": {"id": "l", "location_type": "virtual"}}`
	}
	feed := `[{"id": "a", "name": "A", "status": "active", "service_at_locations": [` + link("x") + `]},
		{"id": "b", "name": "B", "status": "active", "service_at_locations": [` + link("y") + `, ` + link("x") + `]},
		{"id": "c", "name": "C", "status": "active", "service_at_locations": [` + link("z") + `, ` + link("z") + `]}]`
	_, err := stageInto(openLimitsDB(t), &hsds.Importer{}, feed)
	msg := directory.MessageOf(err)
	for _, want := range []string{
		`record 2 (id "b"): field "service_at_locations[1].id": the same id is already used by record 1`,
		`record 3 (id "c"): field "service_at_locations[1].id": the same id is already used by service_at_locations[0]`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
}

// TestReaderAcceptsByteOrderMark: a file saved by a Windows tool starts
// with a UTF-8 byte-order mark; it reads like the same file without one,
// and byte positions still count from the start of the file.
func TestReaderAcceptsByteOrderMark(t *testing.T) {
	plain, err := os.ReadFile("../testdata/openreferral/hsds-3.0-examples/service_list.json")
	if err != nil {
		t.Fatal(err)
	}
	withBOM := append([]byte("\xEF\xBB\xBF"), plain...)
	read := func(b []byte) (n int, offset int64) {
		rd := hsds.NewReader(bytes.NewReader(b))
		for {
			rec, err := rd.Next()
			if err != nil {
				if !errors.Is(err, io.EOF) {
					t.Fatalf("Next: %v", err)
				}
				return n, rd.Offset()
			}
			if rec.Err != nil {
				t.Fatalf("%v", rec.Err)
			}
			n++
		}
	}
	want, _ := read(plain)
	got, offset := read(withBOM)
	if got != want || want == 0 {
		t.Errorf("records with a byte-order mark = %d, without = %d", got, want)
	}
	if offset != int64(len(withBOM)) {
		t.Errorf("Offset at the end = %d, want the file's size %d", offset, len(withBOM))
	}

	_, err = hsds.NewReader(strings.NewReader("\xEF\xBB\xBF[{\"id\": \"a\",}]")).Next()
	if msg := directory.MessageOf(err); !strings.Contains(msg, "near byte 15") {
		t.Errorf("syntax error = %q, want its position counted from the file's first byte (15)", msg)
	}

	rep, err := stageInto(openLimitsDB(t), &hsds.Importer{}, string(withBOM))
	if err != nil || rep.Created == 0 {
		t.Errorf("import of a file with a byte-order mark: %+v, %v", rep, err)
	}
}
