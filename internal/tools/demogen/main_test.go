package main

import (
	"bytes"
	"io"
	"os"
	"testing"
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
