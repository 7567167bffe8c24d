package matcher

import (
	"slices"
	"testing"
)

// TestReorderKinds: the kinds the classifier reads surely in the
// person's words move first in a phrase's kinds, unless another phrase
// reads that kind first; an unsure reading, or a phrase with one kind,
// changes nothing.
func TestReorderKinds(t *testing.T) {
	groups := func() []group {
		return []group{
			{label: "hiv", kinds: []string{"long-term-conditions", "sexual-health"}},
			{label: "wheelchair", kinds: []string{"long-term-conditions", "physical-activity", "disability-support"}},
			{label: "lost my job", kinds: []string{"employment-support", "benefits-advice", "mental-health-peer-support"}},
			{label: "feeling low", kinds: []string{"mental-health-peer-support"}},
		}
	}
	read := func(string) []KindReading {
		return []KindReading{
			{Kind: "sexual-health", Probability: 0.95},
			{Kind: "mental-health-peer-support", Probability: 0.97}, // feeling low's own
			{Kind: "disability-support", Probability: 0.4},          // unsure: no move
		}
	}
	want := [][]string{
		{"sexual-health", "long-term-conditions"},
		{"long-term-conditions", "physical-activity", "disability-support"},
		{"employment-support", "benefits-advice", "mental-health-peer-support"},
		{"mental-health-peer-support"},
	}
	for i, g := range reorderKinds(groups(), "text", read) {
		if !slices.Equal(g.kinds, want[i]) {
			t.Errorf("%s: kinds %v, want %v", g.label, g.kinds, want[i])
		}
	}
	none := func(string) []KindReading { return nil }
	if got := reorderKinds(groups(), "text", none); !slices.Equal(got[0].kinds, groups()[0].kinds) {
		t.Errorf("no reading reordered %v", got[0].kinds)
	}
}
