package browsertest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeInstall says how to install axe-core where [Axe] looks for it.
const axeInstall = "from the repository root run `npm install --prefix .cache/axe axe-core@4`, or set LINKWAY_AXE to axe.min.js"

// axeUnchecked holds the tests already told that axe-core is missing, so
// each says so once, not once per page.
var axeUnchecked sync.Map

// errAxeMissing means axe-core is not installed where README puts it.
var errAxeMissing = errors.New("axe-core not installed")

// readAxe returns axe-core's script: the file LINKWAY_AXE names when it is
// set, else .cache/axe under the module root, where README's npm command
// puts it. Only the second may be missing (errAxeMissing): a LINKWAY_AXE
// that names no file is a mistake to report, not a reason to skip.
func readAxe() ([]byte, error) {
	if p := os.Getenv("LINKWAY_AXE"); p != "" {
		return os.ReadFile(p)
	}
	dir, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			src, err := os.ReadFile(filepath.Join(dir, ".cache", "axe", "node_modules", "axe-core", "axe.min.js"))
			if errors.Is(err, fs.ErrNotExist) {
				return nil, errAxeMissing
			}
			return src, err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return nil, errAxeMissing
		}
		dir = parent
	}
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
// axe-core and returns the serious and critical violations.
//
// Where axe-core is not installed it checks nothing and returns none,
// saying so once in the test's log, so that a browser journey still runs
// every functional step. Under CI (CI=true) a missing axe-core fails the
// test instead, as does a LINKWAY_AXE that names no readable file.
func Axe(tb testing.TB, ctx context.Context) []Violation {
	tb.Helper()
	src, err := readAxe()
	if errors.Is(err, errAxeMissing) {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("axe-core not installed, and CI=true: %s", axeInstall)
		}
		if _, told := axeUnchecked.LoadOrStore(tb, true); !told {
			tb.Cleanup(func() { axeUnchecked.Delete(tb) })
			tb.Logf("axe-core not installed: accessibility not checked (%s)", axeInstall)
		}
		return nil
	}
	if err != nil {
		tb.Fatalf("read axe-core: %v", err)
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
