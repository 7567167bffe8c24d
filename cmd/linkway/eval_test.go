package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/linkway/linkway/data"
	"github.com/linkway/linkway/internal/demoenv"
)

// Quality floors of the matcher's nDCG@5 on each labelled set. Leeds's is
// matcher/eval_test.go's. Miami's is the level measured, less 0.03: first
// 0.223 at commit b384313 on 7 December 2026 (keyword baseline 0.180);
// 0.337 on 8 December once the set was pooled (keyword baseline 0.191);
// 0.344 (Leeds 0.787) with the averaged classifier, whose figures move by
// about 0.002 from run to run; the floors are set just under that.
// Raise it as the matcher improves; never lower it to make a change pass.
const (
	floorLeedsNDCG5 = 0.77
	floorMiamiNDCG5 = 0.33
)

// testEvalSets are the labelled sets as the test finds them from this
// package's folder: the repository's own copies under testdata, so a fresh
// clone runs it.
func testEvalSets() map[string]evalSet {
	return evalSets("../../matcher/testdata/scenarios.json", "../../matcher/testdata/miami-scenarios.json", "../../testdata/open211-miami/datapackage.json")
}

// TestEvalGuardsBothSets runs `linkway eval`'s evaluation of each set:
// the matcher stays above the set's floor with no hard-constraint
// violations, and beats plain keyword search. Miami's directory is a
// real 211 export, imported as `linkway import` would.
func TestEvalGuardsBothSets(t *testing.T) {
	sets := testEvalSets()
	for _, tt := range []struct {
		set          string
		floor        float64
		minScenarios int
	}{
		{"leeds", floorLeedsNDCG5, 40},
		{"miami", floorMiamiNDCG5, 30},
	} {
		t.Run(tt.set, func(t *testing.T) {
			if tt.set == "miami" && testing.Short() {
				t.Skip("imports and indexes a real directory of 4,089 services (about 30 s): not with -short")
			}
			var missing []string
			res, err := evaluate(context.Background(), data.FS, sets[tt.set], func(env *demoenv.Env, res *evalResult) {
				// A judged id the import does not keep would score as a
				// wrong answer whatever the matcher did.
				for _, sc := range res.scenarios {
					for id := range sc.Judgments {
						if _, err := env.DB.Service(context.Background(), id); err != nil {
							missing = append(missing, sc.ID+": "+id)
						}
					}
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			m, b := res.match, res.baseline
			t.Logf("matcher:  nDCG@5 %.3f  P@5 %.3f  MRR %.3f  violations %d", m.NDCG5, m.P5, m.MRR, m.Violations)
			t.Logf("baseline: nDCG@5 %.3f  P@5 %.3f  MRR %.3f  violations %d", b.NDCG5, b.P5, b.MRR, b.Violations)
			if len(missing) > 0 {
				t.Errorf("%d judged services are not in the imported directory, such as %s", len(missing), missing[0])
			}
			if len(res.scenarios) < tt.minScenarios {
				t.Errorf("%d scenarios; the set needs at least %d", len(res.scenarios), tt.minScenarios)
			}
			for _, sc := range res.scenarios {
				if len(sc.Judgments) < 8 {
					t.Errorf("scenario %s judges %d services; each needs at least 8", sc.ID, len(sc.Judgments))
				}
			}
			for _, s := range m.Scores {
				if s.Violations > 0 {
					t.Errorf("scenario %s: %d suggestions break a hard constraint", s.ID, s.Violations)
				}
			}
			if m.NDCG5 < tt.floor {
				t.Errorf("nDCG@5 = %.3f, below the floor %.3f", m.NDCG5, tt.floor)
			}
			if m.NDCG5 <= b.NDCG5 {
				t.Errorf("the matcher (%.3f) does not beat plain keyword search (%.3f)", m.NDCG5, b.NDCG5)
			}
		})
	}
}

// TestEvalRefusesUnknownSet: a mistyped --set is a usage error naming
// the sets, before anything is imported.
func TestEvalRefusesUnknownSet(t *testing.T) {
	var stderr bytes.Buffer
	err := run(context.Background(), []string{"eval", "--set", "leds"}, func(string) string { return "" }, strings.NewReader(""), io.Discard, &stderr)
	var usage usageError
	if !errors.As(err, &usage) || !strings.Contains(err.Error(), "leeds, miami or all") {
		t.Fatalf("eval --set leds: %v, want a usage error naming leeds, miami and all", err)
	}
}
