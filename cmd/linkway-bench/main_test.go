package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunSmall runs the whole benchmark on a tiny directory: every stage
// must run and the report must end with the BENCH summary.
func TestRunSmall(t *testing.T) {
	var stdout, stderr bytes.Buffer
	args := []string{"--services", "300", "--queries", "25", "--edits", "3", "--matches", "3", "--no-fts",
		"--dir", filepath.Join(t.TempDir(), "bench")}
	if err := run(context.Background(), args, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	last := lines[len(lines)-1]
	for _, want := range []string{"BENCH services=300 ", " words_p50_ms=", " edit_p50_ms=", " match_p50_ms="} {
		if !strings.Contains(last, want) {
			t.Errorf("last line %q lacks %q", last, want)
		}
	}
}

func TestRunRefusesArguments(t *testing.T) {
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"--services", "10", "extra"}, &stdout, &stderr)
	var ue usageError
	if !errors.As(err, &ue) {
		t.Errorf("run with a stray argument: err = %v, want a usage error", err)
	}
	if err := run(context.Background(), []string{"--help"}, &stdout, &stderr); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("run --help: err = %v, want flag.ErrHelp", err)
	}
}
