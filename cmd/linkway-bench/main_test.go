package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/linkway/linkway/bench/benchcmd"
	"github.com/linkway/linkway/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

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

// TestRunPostgres runs the tiny benchmark with --database: the PostgreSQL
// lines must follow the SQLite ones under the same labels, with a second
// instance timed, and the summary must carry both stores' figures.
func TestRunPostgres(t *testing.T) {
	var stdout, stderr bytes.Buffer
	args := []string{"--services", "300", "--queries", "25", "--edits", "3", "--matches", "3", "--no-fts",
		"--dir", filepath.Join(t.TempDir(), "bench"), "--database", pgtest.URL(t)}
	if err := run(context.Background(), args, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	out := stdout.String()
	for _, label := range []string{"store: loaded in ", "index: built ", "edit to searchable over ", "match: "} {
		sq := strings.Index(out, "\n"+label)
		pg := strings.Index(out, "\npostgres "+label)
		if sq < 0 || pg < 0 || pg < sq {
			t.Errorf("want %q from SQLite, then from PostgreSQL; got\n%s", label, out)
		}
	}
	// The same directory in both stores: the same documents indexed.
	if sq, pg := docs(out, "\nindex: built "), docs(out, "\npostgres index: built "); sq == "" || sq != pg {
		t.Errorf("SQLite indexed %q docs, PostgreSQL %q", sq, pg)
	}
	if !strings.Contains(out, "\npostgres edit to searchable on instance 2 ") {
		t.Errorf("no second-instance edit line:\n%s", out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	last := lines[len(lines)-1]
	for _, want := range []string{" edit_p99_ms=", " pg_store_load_s=", " pg_words_p99_ms=", " pg_edit_p99_ms=", " pg_edit2_p99_ms=", " pg_match_p95_ms=", " pg_peak_rss_mb=", " pg_peak_rss_1_mb="} {
		if !strings.Contains(last, want) {
			t.Errorf("last line %q lacks %q", last, want)
		}
	}
}

// TestRunPostgresCopy fills PostgreSQL by copying the SQLite store: the
// same documents are indexed, and the second instance's edits (whose
// words differ from SQLite's, which the copy carries) are timed.
func TestRunPostgresCopy(t *testing.T) {
	var stdout, stderr bytes.Buffer
	args := []string{"--services", "300", "--queries", "25", "--edits", "3", "--matches", "3", "--no-fts", "--copy",
		"--dir", filepath.Join(t.TempDir(), "bench"), "--database", pgtest.URL(t)}
	if err := run(context.Background(), args, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	out := stdout.String()
	if !strings.Contains(out, "\npostgres store: copied from SQLite in ") {
		t.Errorf("no copy line:\n%s", out)
	}
	if sq, pg := docs(out, "\nindex: built "), docs(out, "\npostgres index: built "); sq == "" || sq != pg {
		t.Errorf("SQLite indexed %q docs, PostgreSQL %q", sq, pg)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	last := lines[len(lines)-1]
	for _, want := range []string{" pg_store_copy_s=", " pg_edit_p99_ms=", " pg_edit2_p99_ms="} {
		if !strings.Contains(last, want) {
			t.Errorf("last line %q lacks %q", last, want)
		}
	}
	if strings.Contains(last, " pg_store_load_s=") {
		t.Errorf("last line %q has a store load, but the store was copied", last)
	}
}

// docs is the count after label in out ("" when absent).
func docs(out, label string) string {
	_, rest, ok := strings.Cut(out, label)
	if !ok {
		return ""
	}
	n, _, _ := strings.Cut(rest, " ")
	return n
}

// TestRunPostgresRefusesUsedDatabase keeps the benchmark's synthetic
// services out of a database that already has a change log.
func TestRunPostgresRefusesUsedDatabase(t *testing.T) {
	url := pgtest.URL(t)
	args := []string{"--services", "20", "--queries", "5", "--edits", "1", "--matches", "1", "--no-fts", "--database", url}
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), append(args, "--dir", filepath.Join(t.TempDir(), "a")), &stdout, &stderr); err != nil {
		t.Fatalf("first run: %v\n%s", err, stdout.String())
	}
	stdout.Reset()
	err := run(context.Background(), append(args, "--dir", filepath.Join(t.TempDir(), "b")), &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "empty database") {
		t.Errorf("second run on the same database: err = %v, want a refusal", err)
	}
	// Refused before SQLite is measured, not minutes later.
	if strings.Contains(stdout.String(), "store: loaded") {
		t.Errorf("second run measured SQLite before refusing:\n%s", stdout.String())
	}
}

func TestRunRefusesArguments(t *testing.T) {
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"--services", "10", "extra"}, &stdout, &stderr)
	var ue benchcmd.UsageError
	if !errors.As(err, &ue) {
		t.Errorf("run with a stray argument: err = %v, want a usage error", err)
	}
	// --http and --load need the server, which only linkway bench links.
	for _, mode := range []string{"--http", "--load"} {
		err := run(context.Background(), []string{mode, "--services", "10"}, &stdout, &stderr)
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), "linkway bench "+mode) {
			t.Errorf("run %s: err = %v, want a usage error pointing at linkway bench %s", mode, err, mode)
		}
	}
	if err := run(context.Background(), []string{"--help"}, &stdout, &stderr); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("run --help: err = %v, want flag.ErrHelp", err)
	}
}
