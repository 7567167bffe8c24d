package matcher_test

import (
	"context"
	"os"
	"testing"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/geo"
	"github.com/linkway/linkway/internal/demoenv"
	"github.com/linkway/linkway/matcher"
)

// Quality floors: the level reached when the set was last tuned, less
// 0.02. A change that drops below them is a regression to look into.
const (
	floorNDCG5 = 0.77
	floorP5    = 0.70
)

func mustDemo(tb testing.TB) *demoenv.Env {
	tb.Helper()
	env, err := demoenv.Open(context.Background(), os.DirFS("../data"), "demo/leeds.json", tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { env.Close() })
	return env
}

func mustScenarios(tb testing.TB) []matcher.Scenario {
	tb.Helper()
	f, err := os.Open("testdata/scenarios.json")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sc, err := matcher.LoadScenarios(f)
	if err != nil {
		tb.Fatal(err)
	}
	if len(sc) < 40 {
		tb.Fatalf("only %d scenarios; the set needs at least 40", len(sc))
	}
	return sc
}

// breaks checks a suggestion against a profile's hard constraints,
// written out again here from the rules (not calling the matcher's own
// check), so a bug there cannot hide.
func breaks(p *matcher.Profile, s *directory.Service, _ float64) string {
	if s.Status != directory.StatusActive {
		return "status " + string(s.Status)
	}
	if s.Accepting == directory.CapacityFull {
		return "full"
	}
	if p.Age != nil {
		if s.MinimumAge != nil && *p.Age < *s.MinimumAge {
			return "below minimum age"
		}
		if s.MaximumAge != nil && *p.Age > *s.MaximumAge {
			return "above maximum age"
		}
	}
	if p.FreeOnly {
		if len(s.CostOptions) == 0 {
			return "cost unknown but free only"
		}
		for _, c := range s.CostOptions {
			if c.Amount == nil || *c.Amount != 0 {
				return "charges"
			}
		}
	}
	var physical bool
	nearest := -1.0
	for _, sal := range s.Locations {
		if sal.Location.Type == directory.Virtual {
			continue
		}
		physical = true
		if sal.Location.Point != nil && p.Location != nil {
			d := geo.DistanceKm(*p.Location, *sal.Location.Point)
			if nearest < 0 || d < nearest {
				nearest = d
			}
		}
	}
	switch {
	case !physical && !p.OnlineOK:
		return "online or phone only, and the person wants in person"
	case physical && p.Location != nil && !p.OnlineOK && (nearest < 0 || nearest > p.Radius()):
		return "too far"
	}
	return ""
}

func TestEvaluation(t *testing.T) {
	env := mustDemo(t)
	scenarios := mustScenarios(t)
	toProfile := func(r *matcher.Request) (matcher.Profile, error) { return r.Profile(env.Geocode, env.Kinds) }
	rep, err := matcher.Evaluate(context.Background(), scenarios, toProfile, env.MatchRanker(breaks))
	if err != nil {
		t.Fatal(err)
	}
	base, err := matcher.Evaluate(context.Background(), scenarios, toProfile, env.KeywordRanker())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("matcher:  nDCG@5 %.3f  P@5 %.3f  MRR %.3f  violations %d", rep.NDCG5, rep.P5, rep.MRR, rep.Violations)
	t.Logf("baseline: nDCG@5 %.3f  P@5 %.3f  MRR %.3f (plain keyword search, same hard filters)", base.NDCG5, base.P5, base.MRR)
	for _, s := range rep.Scores {
		if s.Violations > 0 {
			t.Errorf("scenario %s: %d suggestions break a hard constraint", s.ID, s.Violations)
		}
	}
	if rep.NDCG5 < floorNDCG5 {
		t.Errorf("nDCG@5 = %.3f, below the floor %.2f", rep.NDCG5, floorNDCG5)
	}
	if rep.P5 < floorP5 {
		t.Errorf("P@5 = %.3f, below the floor %.2f", rep.P5, floorP5)
	}
	if rep.NDCG5 <= base.NDCG5 {
		t.Errorf("the matcher (%.3f) does not beat plain keyword search (%.3f)", rep.NDCG5, base.NDCG5)
	}
}
