package main

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/linkway/linkway/internal/pgtest"
)

// runMainEnv, set to 1, makes the test binary run main (see TestMain),
// so that the load can start it as `linkway serve`.
const runMainEnv = "LINKWAY_TEST_RUN_MAIN"

// summaryOf returns the BENCH line's values by key.
func summaryOf(t *testing.T, out string) map[string]string {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	last := lines[len(lines)-1]
	if !strings.HasPrefix(last, "BENCH ") {
		t.Fatalf("the report does not end with the BENCH summary:\n%s", out)
	}
	vals := map[string]string{}
	for _, kv := range strings.Fields(last)[1:] {
		k, v, _ := strings.Cut(kv, "=")
		vals[k] = v
	}
	return vals
}

// TestBenchCommand: `linkway bench` runs the benchmark (no longer only
// says it moved), and --http runs the mix through the server's search
// API after the in-process mix, from one client then two, with a line
// per kind and summary keys beside the in-process ones. Without the
// sqlite_fts5 tag the FTS5 comparison is skipped with the reason.
func TestBenchCommand(t *testing.T) {
	var stdout, stderr bytes.Buffer
	args := []string{"bench", "--services", "300", "--queries", "25", "--edits", "3", "--matches", "3", "--http",
		"--dir", filepath.Join(t.TempDir(), "bench")}
	if err := run(context.Background(), args, noEnv, nil, &stdout, &stderr); err != nil {
		t.Fatalf("linkway bench: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	out := stdout.String()
	inProcess := strings.Index(out, "\n  words ")
	for _, label := range []string{"http words ", "http2 words ", "http facets_browse "} {
		at := strings.Index(out, "\n"+label)
		if at < 0 || at < inProcess {
			t.Errorf("no %q line after the in-process lines:\n%s", label, out)
		}
	}
	if !regexp.MustCompile(`\nhttp words +n=5 +p50 +[0-9.]+ +p95 +[0-9.]+ +p99 +[0-9.]+\n`).MatchString(out) {
		t.Errorf("the http words line lacks its count and percentiles:\n%s", out)
	}
	sum := summaryOf(t, out)
	for _, key := range []string{"services", "words_p50_ms", "http_words_p50_ms", "http_words_p99_ms", "http2_broad_radius_p99_ms", "http_qps_2clients", "match_p50_ms"} {
		if sum[key] == "" {
			t.Errorf("the summary lacks %s:\n%s", key, out)
		}
	}
	if sum["fts_words_p50_ms"] == "" && !strings.Contains(out, "fts5: comparison skipped: fts5: SQLite was built without FTS5: build with -tags sqlite_fts5") {
		t.Errorf("neither the FTS5 comparison nor why it was skipped:\n%s", out)
	}
}

// TestBenchRefusesMisuse: mistakes are usage errors (exit status 2),
// said before anything is measured.
func TestBenchRefusesMisuse(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"bench", "--services", "10", "extra"}, `unexpected argument "extra"`},
		{[]string{"bench", "--load"}, "--load needs --database"},
		{[]string{"bench", "--load", "--database", "postgres://nowhere/x", "--rate", "0"}, "--rate and --duration must be above 0"},
	} {
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), tc.args, noEnv, nil, &stdout, &stderr)
		if code := exitCode(err); code != 2 || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("linkway %s: exit status %d, err %v; want 2 and %q", strings.Join(tc.args, " "), code, err, tc.want)
		}
		if strings.Contains(stdout.String(), "store: loaded") {
			t.Errorf("linkway %s measured before refusing", strings.Join(tc.args, " "))
		}
	}
}

// TestBenchLoad runs the two-instance load end to end, small: after the
// directory is stored in PostgreSQL, two linkway serve processes of this
// binary serve it, a link worker logs in on each, and an open-loop mix of
// searches, matches and casework writes runs at 20 requests/s for 3s.
// Every request must succeed, both instances must have answered some,
// and both must stop cleanly. The PostgreSQL HTTP lines come too.
func TestBenchLoad(t *testing.T) {
	database := pgtest.URL(t)
	t.Setenv(runMainEnv, "1")
	var stdout, stderr bytes.Buffer
	args := []string{"bench", "--services", "500", "--queries", "25", "--edits", "2", "--matches", "3", "--no-fts",
		"--dir", filepath.Join(t.TempDir(), "bench"), "--database", database, "--http",
		"--load", "--instances", "2", "--rate", "20", "--duration", "3s"}
	if err := run(context.Background(), args, noEnv, nil, &stdout, &stderr); err != nil {
		t.Fatalf("linkway bench --load: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	out := stdout.String()
	t.Log("\n" + out)
	if !strings.Contains(out, "\npostgres http words ") {
		t.Errorf("no PostgreSQL http lines:\n%s", out)
	}
	sum := summaryOf(t, out)
	if sum["load_requests"] != "60" || sum["load_errors"] != "0" {
		t.Errorf("load_requests=%s load_errors=%s; want 60 and 0", sum["load_requests"], sum["load_errors"])
	}
	total := 0
	for _, key := range []string{"load_answered1", "load_answered2"} {
		n, err := strconv.Atoi(sum[key])
		if err != nil || n == 0 {
			t.Errorf("%s=%q: an instance answered nothing", key, sum[key])
		}
		total += n
	}
	if total != 60 {
		t.Errorf("the instances answered %d requests between them; want 60", total)
	}
	for _, kind := range []string{"search", "match", "person", "contact", "refer", "status"} {
		if sum["load_"+kind+"_p99_ms"] == "" {
			t.Errorf("no %s requests in the load:\n%s", kind, out)
		}
	}
	// A listing edited while the load ran was found through each
	// instance's search API.
	for _, key := range []string{"load_edit1_p99_ms", "load_edit2_p99_ms"} {
		if sum[key] == "" {
			t.Errorf("the summary lacks %s:\n%s", key, out)
		}
	}
	if strings.Contains(out, "search API): 0 edits") {
		t.Errorf("no edit was timed during the load:\n%s", out)
	}
	if strings.Count(out, "stopped: cleanly") != 2 {
		t.Errorf("want both instances stopped cleanly:\n%s", out)
	}
}
