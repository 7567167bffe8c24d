package matcher

import (
	"cmp"
	"slices"
)

// sureKind is the probability from which the classifier's reading of a
// person's words reorders the kinds of a phrase they used.
const sureKind = 0.6

// reorderKinds orders the kinds of each phrase the concept map read by
// the classifier's reading (read) of all the person's words. The map
// lists a phrase's kinds in the order that suits the phrase alone
// ("hiv": long-term conditions, then sexual health); the words around it
// often say which is meant ("I want to get tested for HIV"). The kinds
// read with a probability of at least sureKind move first, most likely
// first; the others keep the map's order. A kind that another phrase
// reads first is not moved: the words that led to it belong to that
// phrase ("lost my job, feeling low": low mood is its own need, not the
// meaning of "lost my job").
func reorderKinds(groups []group, text string, read func(string) []KindReading) []group {
	if !slices.ContainsFunc(groups, func(g group) bool { return len(g.kinds) > 1 }) {
		return groups
	}
	prob := sure(read(text))
	firsts := make([]string, len(groups))
	for i, g := range groups {
		if len(g.kinds) > 0 {
			firsts[i] = g.kinds[0]
		}
	}
	for i, g := range groups {
		if len(g.kinds) < 2 {
			continue
		}
		own := func(k string) float64 {
			for j, f := range firsts {
				if j != i && f == k {
					return 0
				}
			}
			return prob[k]
		}
		ks := slices.Clone(g.kinds)
		slices.SortStableFunc(ks, func(a, b string) int { return cmp.Compare(own(b), own(a)) })
		groups[i].kinds = ks
	}
	return groups
}

// sure returns the probabilities of the kinds read with at least
// sureKind.
func sure(rs []KindReading) map[string]float64 {
	prob := map[string]float64{}
	for _, r := range rs {
		if r.Probability >= sureKind {
			prob[r.Kind] = max(prob[r.Kind], r.Probability)
		}
	}
	return prob
}
