package matcher

import "slices"

// similarity says how much two candidates repeat each other: the same
// main kind of support, or the same organisation. When the person asked
// for one thing only, several services of that kind are what they need,
// so kind counts for a third as much.
func (m *Matcher) similarity(a, b *candidate, asks int) float64 {
	sameKind := m.cfg.Diversity.SameKind
	if asks <= 1 {
		sameKind /= 3
	}
	sim := 0.0
	ak, bk := a.s.KindIDs(), b.s.KindIDs()
	switch {
	case len(ak) > 0 && len(bk) > 0 && ak[0] == bk[0]:
		sim += sameKind
	case sharesAny(ak, bk):
		sim += sameKind / 2
	}
	if a.s.Organization != nil && b.s.Organization != nil && a.s.Organization.ID == b.s.Organization.ID {
		sim += m.cfg.Diversity.SameOrganization
	}
	return min(sim, 1)
}

func sharesAny(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// diversify picks n of the scored candidates (best first) by maximal
// marginal relevance, so that five lunch clubs do not crowd out the debt
// advice the person also asked for; then makes sure each thing the
// person asked for is covered where any candidate covers it.
func (m *Matcher) diversify(cands []*candidate, groups []group, n int) []*candidate {
	pool := cands[:min(len(cands), 150)]
	var chosen []*candidate
	used := make([]bool, len(pool))
	lambda := m.cfg.Diversity.Lambda
	for len(chosen) < n {
		best, bestVal := -1, 0.0
		for i, c := range pool {
			if used[i] {
				continue
			}
			maxSim := 0.0
			for _, s := range chosen {
				maxSim = max(maxSim, m.similarity(c, s, len(groups)))
			}
			val := lambda*c.score - (1-lambda)*maxSim
			if best < 0 || val > bestVal {
				best, bestVal = i, val
			}
		}
		if best < 0 {
			break
		}
		used[best] = true
		chosen = append(chosen, pool[best])
	}
	for gi := range groups {
		if covered(chosen, gi) {
			continue
		}
		// The best candidate for the uncovered ask replaces the lowest
		// chosen one whose asks are covered by others.
		pick := -1
		for i, c := range pool {
			if !used[i] && slices.Contains(c.concepts, gi) {
				pick = i
				break
			}
		}
		if pick < 0 {
			continue
		}
		if len(chosen) < n {
			used[pick] = true
			chosen = append(chosen, pool[pick])
			continue
		}
		for j := len(chosen) - 1; j >= 0; j-- {
			rest := slices.Delete(slices.Clone(chosen), j, j+1)
			if coversAll(rest, chosen[j].concepts) {
				used[pick] = true
				chosen[j] = pool[pick]
				break
			}
		}
	}
	return chosen
}

func covered(chosen []*candidate, gi int) bool {
	for _, c := range chosen {
		if slices.Contains(c.concepts, gi) {
			return true
		}
	}
	return false
}

func coversAll(chosen []*candidate, groups []int) bool {
	for _, gi := range groups {
		if !covered(chosen, gi) {
			return false
		}
	}
	return true
}
