package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/linkway/linkway/data"
	"github.com/linkway/linkway/internal/demoenv"
	"github.com/linkway/linkway/matcher"
)

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	scenarios := fs.String("scenarios", "matcher/testdata/scenarios.json", "labelled scenarios")
	dataDir := fs.String("data-dir", "", "read data (demo directory, concept map, matcher weights) from this folder instead of the built-in copy, to try changes without rebuilding")
	verbose := fs.Bool("v", false, "also print each scenario's top five with their grades")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: linkway eval [--scenarios FILE] [--data-dir data] [-v]\n\nScores the matcher on labelled referral scenarios over the demo directory:\nnDCG@5, precision@5 (grade ≥ 2), MRR of the first grade-3 result and\nhard-constraint violations, per scenario and overall, with a plain keyword\nsearch as the baseline.")
		fs.PrintDefaults()
	}
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	f, err := os.Open(*scenarios)
	if err != nil {
		return err
	}
	defer f.Close()
	list, err := matcher.LoadScenarios(f)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "linkway-eval-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	var env *demoenv.Env
	if *dataDir != "" {
		env, err = demoenv.Open(ctx, os.DirFS(*dataDir), "demo/leeds.json", dir)
	} else {
		env, err = demoenv.Open(ctx, data.FS, "demo/leeds.json", dir)
	}
	if err != nil {
		return err
	}
	defer env.Close()
	toProfile := func(r *matcher.Request) (matcher.Profile, error) { return r.Profile(env.Geocode, env.Kinds) }
	rep, err := matcher.Evaluate(ctx, list, toProfile, env.MatchRanker(matcher.Violation))
	if err != nil {
		return err
	}
	base, err := matcher.Evaluate(ctx, list, toProfile, env.KeywordRanker())
	if err != nil {
		return err
	}
	judged := map[string]map[string]int{}
	for _, sc := range list {
		judged[sc.ID] = sc.Judgments
	}
	fmt.Fprintf(stdout, "%-42s %6s %6s %6s %4s\n", "scenario", "nDCG@5", "P@5", "RR", "viol")
	for _, s := range rep.Scores {
		fmt.Fprintf(stdout, "%-42s %6.3f %6.2f %6.2f %4d\n", s.ID, s.NDCG5, s.P5, s.RR, s.Violations)
		if *verbose {
			var top []string
			for _, id := range s.Top {
				top = append(top, fmt.Sprintf("%d:%s", judged[s.ID][id], env.Name(ctx, id)))
			}
			fmt.Fprintf(stdout, "    %s\n", strings.Join(top, " | "))
		}
	}
	fmt.Fprintf(stdout, "\nmatcher   nDCG@5 %.3f  P@5 %.3f  MRR %.3f  violations %d  (%d scenarios)\n", rep.NDCG5, rep.P5, rep.MRR, rep.Violations, len(list))
	fmt.Fprintf(stdout, "baseline  nDCG@5 %.3f  P@5 %.3f  MRR %.3f  (plain keyword search, same hard filters)\n", base.NDCG5, base.P5, base.MRR)
	return nil
}
