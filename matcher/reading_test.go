package matcher_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/matcher"
)

// TestMatchReadsSentences runs people's sentences through the real
// matcher over the demo directory: every need is answered, and no reason
// names a word with no signal.
func TestMatchReadsSentences(t *testing.T) {
	env := mustDemo(t)
	match := func(t *testing.T, priorities string) *matcher.Result {
		t.Helper()
		lat, lon := 53.8190, -1.5780
		req := matcher.Request{Priorities: priorities, Location: &matcher.LatLon{Lat: &lat, Lon: &lon}, Travel: "bus"}
		p, err := req.Profile(env.Geocode, env.Kinds)
		if err != nil {
			t.Fatal(err)
		}
		res, err := env.Matcher.Match(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	// has says whether one of the first n matches is of any of the kinds.
	has := func(res *matcher.Result, n int, kinds ...string) bool {
		for _, m := range res.Matches[:min(n, len(res.Matches))] {
			for _, k := range m.Service.KindIDs() {
				if slices.Contains(kinds, k) {
					return true
				}
			}
		}
		return false
	}
	// namesAny returns a reason that quotes any of the words.
	namesAny := func(res *matcher.Result, words ...string) string {
		for _, m := range res.Matches {
			for _, r := range m.Reasons {
				for _, w := range words {
					if strings.Contains(r, "‘"+w+"’") {
						return m.Service.Name + ": " + r
					}
				}
			}
		}
		return ""
	}

	t.Run("behind on the rent", func(t *testing.T) {
		res := match(t, "I'm behind on the rent")
		if !has(res, 3, "housing-support", "debt-advice", "benefits-advice") {
			t.Errorf("no money or housing advice in the top 3: %v", names(res, 3))
		}
		if r := namesAny(res, "behind"); r != "" {
			t.Errorf("a reason names ‘behind’: %s", r)
		}
	})
	t.Run("four needs", func(t *testing.T) {
		res := match(t, "I lost my job last month, I'm behind on the rent, I've been feeling really low and I don't really see anyone any more")
		needs := [][]string{
			{"employment-support"},
			{"housing-support", "debt-advice", "benefits-advice"},
			{"mental-health-peer-support", "counselling", "helplines"},
			{"befriending", "social-groups", "lunch-clubs"},
		}
		met := 0
		for _, kinds := range needs {
			if has(res, 5, kinds...) {
				met++
			}
		}
		if met < 3 {
			t.Errorf("the top 5 meets %d of the 4 needs, want at least 3: %v", met, names(res, 5))
		}
	})
	t.Run("don't know anyone round here", func(t *testing.T) {
		res := match(t, "I don't know anyone round here")
		if !has(res, 5, "befriending", "social-groups", "lunch-clubs") {
			t.Errorf("no befriending or social group in the top 5: %v (understood %+v)", names(res, 5), res.Understood)
		}
		if r := namesAny(res, "round", "here", "know", "anyone"); r != "" {
			t.Errorf("a reason names a word with no signal: %s", r)
		}
	})
	t.Run("befrendin", func(t *testing.T) {
		if res := match(t, "befrendin"); !has(res, 3, "befriending") {
			t.Errorf("no befriending in the top 3: %v", names(res, 3))
		}
	})
	t.Run("refusals kept", func(t *testing.T) {
		res := match(t, "I'm lonely but I'm not one for coffee mornings")
		refused := slices.ContainsFunc(res.Understood, func(c directory.ConceptMatch) bool { return c.Negated && c.Phrase == "coffee mornings" })
		if !refused {
			t.Errorf("understood %+v, want coffee mornings refused", res.Understood)
		}
		if !has(res, 3, "befriending", "social-groups", "lunch-clubs") {
			t.Errorf("no befriending in the top 3: %v", names(res, 3))
		}
	})
}

func names(res *matcher.Result, n int) []string {
	var out []string
	for _, m := range res.Matches[:min(n, len(res.Matches))] {
		out = append(out, m.Service.Name)
	}
	return out
}
