package main

import (
	"bytes"
	"context"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestServerLinksNoResearchCode fails when the server binary links the
// benchmark, its synthetic directory, the FTS5 baseline or a data tool:
// research code runs as its own command (cmd/linkway-bench) or tool.
func TestServerLinksNoResearchCode(t *testing.T) {
	const mod = "github.com/linkway/linkway/"
	for _, tags := range []string{"", "sqlite_fts5"} {
		out, err := exec.Command("go", "list", "-deps", "-tags", tags, ".").Output()
		if err != nil {
			t.Fatalf("go list -deps -tags %q: %v", tags, err)
		}
		deps := strings.Fields(string(out))
		if len(deps) < 10 || !slices.Contains(deps, mod+"web") {
			t.Fatalf("go list -deps -tags %q listed %d packages, without web: not the server's dependencies", tags, len(deps))
		}
		for _, p := range deps {
			if strings.HasPrefix(p, mod+"bench") || strings.HasPrefix(p, mod+"internal/tools") {
				t.Errorf("cmd/linkway (tags %q) links %s, which is research code", tags, p)
			}
		}
	}
}

// TestBenchMoved: "linkway bench", from older instructions, says where
// the benchmark went and exits with status 2 instead of serving or
// failing silently.
func TestBenchMoved(t *testing.T) {
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"bench", "--services", "10"}, noEnv, strings.NewReader(""), &stdout, &stderr)
	if code := exitCode(err); code != 2 {
		t.Fatalf("linkway bench: exit status %d (err %v), want 2", code, err)
	}
	if !strings.Contains(err.Error(), "go run -tags sqlite_fts5 ./cmd/linkway-bench") {
		t.Errorf("linkway bench says %q, which does not tell how to run the benchmark now", err)
	}
	if stdout.Len() > 0 {
		t.Errorf("linkway bench wrote to stdout: %q", stdout.String())
	}
}
