package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
