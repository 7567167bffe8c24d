package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/linkway/linkway/conformance"
)

// TestValidateOwnFeed: Linkway's own Open Referral API, served by serve
// over a fresh data folder (the demo directory, several pages of each
// list), passes linkway validate: every check passes, and the only
// warnings are ids that are not UUIDs (imported ids are kept as the feed
// gave them, and Linkway's kinds of support have readable ids).
func TestValidateOwnFeed(t *testing.T) {
	base := mustServe(t)
	var out, progress bytes.Buffer
	err := run(context.Background(), []string{"validate", "--json", base + "/openreferral"}, noEnv, nil, &out, &progress)
	if err != nil {
		t.Fatalf("validate: %v\n%s", err, out.String())
	}
	var rep conformance.Report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("--json printed %v: %s", err, out.String())
	}
	if !rep.Passed || len(rep.Results) != 22 {
		t.Errorf("passed %t with %d checks, want a pass with 22:\n%s", rep.Passed, len(rep.Results), out.String())
	}
	for _, r := range rep.Results {
		if r.Status != conformance.Pass && r.Status != conformance.Warn {
			t.Errorf("%s: %s, want pass: %+v", r.Name, r.Status, r)
		}
		if r.Objects == 0 && r.Level == 2 {
			t.Errorf("%s checked no objects", r.Name)
		}
		for _, w := range r.Warnings {
			if !strings.Contains(w.Message, "is not valid uuid") {
				t.Errorf("%s: warning %s %s: %s", r.Name, w.URL, w.Path, w.Message)
			}
		}
	}
	if !strings.Contains(progress.String(), "GET /services?page=1 200") {
		t.Errorf("no progress on stderr: %q", progress.String())
	}
}

// TestValidateBrokenFeed: a feed that is not an ORUK API fails with exit
// status 1 and says why; a bad URL is a usage error (status 2).
func TestValidateBrokenFeed(t *testing.T) {
	base := mustServe(t)
	var out bytes.Buffer
	// The site's own root is HTML, and /services is a page, not the API.
	err := run(context.Background(), []string{"validate", "--quiet", base}, noEnv, nil, &out, &bytes.Buffer{})
	if err == nil || exitCode(err) != 1 {
		t.Fatalf("validate of a site with no API: %v (exit %d), want exit 1\n%s", err, exitCode(err), out.String())
	}
	for _, want := range []string{"FAIL  GET /", "not JSON", "FAIL: "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
	err = run(context.Background(), []string{"validate", "ftp://example.org"}, noEnv, nil, &out, &bytes.Buffer{})
	if exitCode(err) != 2 {
		t.Errorf("validate ftp://: %v (exit %d), want a usage error", err, exitCode(err))
	}
}
