package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/linkway/linkway/data"
	"github.com/linkway/linkway/internal/demoenv"
	"github.com/linkway/linkway/matcher"
)

// evalSet is one labelled set: scenarios written for one directory.
type evalSet struct {
	name      string
	about     string // what the directory is, for the heading
	scenarios string // the labelled scenarios file
	// open builds a Linkway holding the set's directory in dir.
	open func(ctx context.Context, fsys fs.FS, dir string) (*demoenv.Env, error)
}

// evalSets are the labelled sets, by name, relative to the repository
// root: the Leeds demo the matcher was tuned on, and a real US 211
// directory labelled before any tuning on it, which guards against
// overfitting.
func evalSets(leedsScenarios, miamiScenarios, miamiPackage string) map[string]evalSet {
	return map[string]evalSet{
		"leeds": {
			name: "leeds", about: "the Leeds demo directory", scenarios: leedsScenarios,
			open: func(ctx context.Context, fsys fs.FS, dir string) (*demoenv.Env, error) {
				return demoenv.Open(ctx, fsys, "demo/leeds.json", dir)
			},
		},
		"miami": {
			name: "miami", about: "the Open211 Miami 211 directory, " + miamiPackage, scenarios: miamiScenarios,
			open: func(ctx context.Context, fsys fs.FS, dir string) (*demoenv.Env, error) {
				return demoenv.OpenDirectory(ctx, fsys, miamiPackage, dir)
			},
		},
	}
}

// evalResult is how the matcher and the keyword baseline did on a set.
type evalResult struct {
	set       evalSet
	scenarios []matcher.Scenario
	match     *matcher.Report
	baseline  *matcher.Report
	imported  int
	took      time.Duration // import, index and both rankings
}

// evaluate imports set's directory into a temporary folder and scores
// the matcher and the keyword baseline on its scenarios. show, when not
// nil, is called with the environment before it closes, to print names.
func evaluate(ctx context.Context, fsys fs.FS, set evalSet, show func(*demoenv.Env, *evalResult)) (*evalResult, error) {
	start := time.Now()
	f, err := os.Open(set.scenarios)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	list, err := matcher.LoadScenarios(f)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "linkway-eval-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	env, err := set.open(ctx, fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("eval %s: %w", set.name, err)
	}
	defer env.Close()
	rep, base, err := env.Evaluate(ctx, list, matcher.Violation)
	if err != nil {
		return nil, fmt.Errorf("eval %s: %w", set.name, err)
	}
	res := &evalResult{set: set, scenarios: list, match: rep, baseline: base, imported: env.Imported, took: time.Since(start)}
	if show != nil {
		show(env, res)
	}
	return res, nil
}

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("eval", flag.ContinueOnError)
	flags.SetOutput(stderr)
	which := flags.String("set", "all", "which labelled set: leeds, miami or all")
	scenarios := flags.String("scenarios", "matcher/testdata/scenarios.json", "the Leeds set's labelled scenarios")
	miamiScenarios := flags.String("miami-scenarios", "matcher/testdata/miami-scenarios.json", "the Miami set's labelled scenarios")
	miami := flags.String("miami", "testdata/open211-miami/datapackage.json", "the Open211 Miami data package (its folder, datapackage.json or .zip)")
	dataDir := flags.String("data-dir", "", "read data (demo directory, concept map, matcher weights) from this folder instead of the built-in copy, to try changes without rebuilding")
	verbose := flags.Bool("v", false, "also print each scenario's top five with their grades")
	flags.Usage = func() {
		fmt.Fprintln(stderr, "Usage: linkway eval [--set leeds|miami|all] [--miami DIR] [--data-dir data] [-v]\n\nScores the matcher on labelled referral scenarios: the Leeds set over the\ndemo directory, and the Miami set over a real 211 directory imported as\n'linkway import' would. For each: nDCG@5, precision@5 (grade ≥ 2), MRR of\nthe first grade-3 result and hard-constraint violations, per scenario and\noverall, with a plain keyword search as the baseline. Run it from the\nrepository root, or point the file flags at the files.")
		flags.PrintDefaults()
	}
	if _, err := parseFlags(flags, args); err != nil {
		return err
	}
	all := evalSets(*scenarios, *miamiScenarios, *miami)
	var sets []evalSet
	switch *which {
	case "all":
		sets = []evalSet{all["leeds"], all["miami"]}
	case "leeds", "miami":
		sets = []evalSet{all[*which]}
	default:
		return usageError{fmt.Errorf("eval: --set must be leeds, miami or all, not %q", *which)}
	}
	var fsys fs.FS = data.FS
	if *dataDir != "" {
		fsys = os.DirFS(*dataDir)
	}
	for i, set := range sets {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		res, err := evaluate(ctx, fsys, set, func(env *demoenv.Env, res *evalResult) {
			printScores(ctx, stdout, env, res, *verbose)
		})
		if err != nil {
			return err
		}
		printSummary(stdout, res)
	}
	return nil
}

// printScores prints a set's heading and one line per scenario; with
// verbose, each scenario's top five with their grades.
func printScores(ctx context.Context, w io.Writer, env *demoenv.Env, res *evalResult, verbose bool) {
	fmt.Fprintf(w, "== %s: %d scenarios over %s (%d services)\n", res.set.name, len(res.scenarios), res.set.about, res.imported)
	judged := map[string]map[string]int{}
	for _, sc := range res.scenarios {
		judged[sc.ID] = sc.Judgments
	}
	fmt.Fprintf(w, "%-42s %6s %6s %6s %4s\n", "scenario", "nDCG@5", "P@5", "RR", "viol")
	for _, s := range res.match.Scores {
		fmt.Fprintf(w, "%-42s %6.3f %6.2f %6.2f %4d\n", s.ID, s.NDCG5, s.P5, s.RR, s.Violations)
		if verbose {
			var top []string
			for _, id := range s.Top {
				top = append(top, fmt.Sprintf("%d:%s", judged[s.ID][id], env.Name(ctx, id)))
			}
			fmt.Fprintf(w, "    %s\n", strings.Join(top, " | "))
		}
	}
}

// printSummary prints the matcher and baseline lines, in the format
// earlier notes quote (the baseline line now also counts violations).
func printSummary(w io.Writer, res *evalResult) {
	rep, base := res.match, res.baseline
	fmt.Fprintf(w, "\nmatcher   nDCG@5 %.3f  P@5 %.3f  MRR %.3f  violations %d  (%d scenarios)\n", rep.NDCG5, rep.P5, rep.MRR, rep.Violations, len(res.scenarios))
	fmt.Fprintf(w, "baseline  nDCG@5 %.3f  P@5 %.3f  MRR %.3f  violations %d  (plain keyword search, same hard filters)\n", base.NDCG5, base.P5, base.MRR, base.Violations)
	fmt.Fprintf(w, "%s set evaluated in %s\n", res.set.name, res.took.Round(100*time.Millisecond))
}
