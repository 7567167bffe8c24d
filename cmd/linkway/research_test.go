package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestServerLinksNoResearchCode fails when the server binary links a
// data tool: research code runs as its own tool. The benchmark is the
// exception: issues 15 and 17 name `linkway bench`, which runs it.
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
			if strings.HasPrefix(p, mod+"internal/tools") {
				t.Errorf("cmd/linkway (tags %q) links %s, which is research code", tags, p)
			}
		}
	}
}
