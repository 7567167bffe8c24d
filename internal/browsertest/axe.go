package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axePaths are where axe-core's script is looked for: LINKWAY_AXE, then
// an npm install in the repository or in the CI cache.
func axePaths() []string {
	var paths []string
	if p := os.Getenv("LINKWAY_AXE"); p != "" {
		paths = append(paths, p)
	}
	for dir, _ := os.Getwd(); dir != "/" && dir != "."; dir = filepath.Dir(dir) {
		paths = append(paths, filepath.Join(dir, "node_modules", "axe-core", "axe.min.js"))
	}
	if home, err := os.UserHomeDir(); err == nil {
		paths = append(paths, filepath.Join(home, ".cache", "linkway", "node_modules", "axe-core", "axe.min.js"))
	}
	return paths
}

// Violation is one accessibility rule a page breaks.
type Violation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

func (v Violation) String() string {
	return fmt.Sprintf("%s (%s): %s at %s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, ", "))
}

// Axe checks the page open in ctx against WCAG 2.2 A and AA with
// axe-core and returns the serious and critical violations. Without
// axe-core the test is skipped, except under CI, where it fails.
func Axe(tb testing.TB, ctx context.Context) []Violation {
	tb.Helper()
	var src []byte
	for _, p := range axePaths() {
		if b, err := os.ReadFile(p); err == nil {
			src = b
			break
		}
	}
	if src == nil {
		if os.Getenv("CI") == "true" {
			tb.Fatal("axe-core not found, and CI=true: npm install axe-core (see .ci/run) or set LINKWAY_AXE")
		}
		tb.Skip("axe-core not found: npm install axe-core, or set LINKWAY_AXE to axe.min.js, to check accessibility")
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](string(src)+";true")); err != nil {
		tb.Fatalf("load axe-core: %v", err)
	}
	found, err := chromedp.Run(ctx, chromedp.Evaluate[[]Violation](`axe.run(document, {
		runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
	}).then(r => r.violations
		.filter(v => v.impact === "serious" || v.impact === "critical")
		.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(" "))})))`, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.Fatalf("run axe-core: %v", err)
	}
	return found
}
