package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"reflect"
	"testing"

	"github.com/linkway/linkway/hsds"
)

// TestRegenerate: what is in the repository (prose.json, the postcodes
// beside it, data/taxonomy.json and this code) gives data/demo/leeds.json
// byte for byte, twice in one process, so the demo file cannot drift from
// its sources and the generator keeps no state between runs.
func TestRegenerate(t *testing.T) {
	want, err := os.ReadFile("../../../data/demo/leeds.json")
	if err != nil {
		t.Fatal(err)
	}
	for run := 1; run <= 2; run++ {
		got, err := generate(io.Discard)
		if err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("run %d: generated %d bytes, differing from data/demo/leeds.json (%d bytes) at line %d:\n got: %s\nwant: %s\n(run go run ./internal/tools/demogen -o data/demo/leeds.json to regenerate it)",
				run, len(got), len(want), firstDiffLine(got, want), lineAt(got, want, true), lineAt(got, want, false))
		}
	}
}

// TestFileReadsAsBuilt: data/demo/leeds.json, read through the importer's
// reader, gives back every service as the generator built it, field for
// field, so nothing the generator sets is lost on the way to the file.
// (The file keeps the offset of a last_modified time, which the reader
// turns into UTC, as the generator's values are turned here.)
func TestFileReadsAsBuilt(t *testing.T) {
	built, _, err := buildDirectory(io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("../../../data/demo/leeds.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rd := hsds.NewReader(f)
	for i := 0; ; i++ {
		rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			if i != len(built) {
				t.Fatalf("the file has %d services, the generator built %d", i, len(built))
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if rec.Err != nil || len(rec.Issues) > 0 {
			t.Fatalf("%s: %v, issues %+v", rec.Label(), rec.Err, rec.Issues)
		}
		if i >= len(built) {
			t.Fatalf("the file has more services than the %d the generator built", len(built))
		}
		want := built[i]
		want.LastModified = want.LastModified.UTC()
		if !reflect.DeepEqual(rec.Service, want) {
			got, _ := json.MarshalIndent(rec.Service, "", " ")
			exp, _ := json.MarshalIndent(want, "", " ")
			t.Fatalf("%s reads back differently from how it was built, first at\n got: %s\nwant: %s",
				rec.Label(), lineAt(got, exp, true), lineAt(got, exp, false))
		}
	}
}

func TestRunWritesFile(t *testing.T) {
	path := t.TempDir() + "/leeds.json"
	var stdout, stderr bytes.Buffer
	if err := run([]string{"-o", path}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := os.ReadFile("../../../data/demo/leeds.json"); !bytes.Equal(got, want) {
		t.Errorf("-o %s wrote %d bytes, not data/demo/leeds.json", path, len(got))
	}
	if stdout.Len() != 0 || !bytes.Contains(stderr.Bytes(), []byte(" services from ")) {
		t.Errorf("stdout %d bytes, stderr %q: want the summary on stderr only", stdout.Len(), stderr.String())
	}
}

// firstDiffLine is the 1-based line of the first byte where a and b differ.
func firstDiffLine(a, b []byte) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return bytes.Count(a[:n], []byte("\n")) + 1
}

// lineAt returns that line of got (or want).
func lineAt(got, want []byte, ofGot bool) string {
	src := want
	if ofGot {
		src = got
	}
	lines := bytes.Split(src, []byte("\n"))
	if i := firstDiffLine(got, want) - 1; i < len(lines) {
		return string(lines[i])
	}
	return "(end of file)"
}
