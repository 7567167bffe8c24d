package kinds

import (
	"cmp"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
)

// split holds out about one in five of the examples of a group (the
// written examples, or the demo listings) for each kind (by an example's
// first kind), in an order fixed by a seed, and returns the rest of the
// training data and the held-out texts.
func split(exs []example, group string) (train, held []example) {
	byKind := map[string][]int{}
	var order []string
	for i, e := range exs {
		if e.group != group {
			train = append(train, e)
			continue
		}
		k := e.kinds[0]
		if byKind[k] == nil {
			order = append(order, k)
		}
		byKind[k] = append(byKind[k], i)
	}
	rng := rand.New(rand.NewPCG(7, 7))
	for _, k := range order {
		idx := byKind[k]
		rng.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
		n := max(1, len(idx)/5)
		if len(idx) < 3 {
			n = 0 // too few to spare one
		}
		for j, i := range idx {
			if j < n {
				held = append(held, exs[i])
			} else {
				train = append(train, exs[i])
			}
		}
	}
	return train, held
}

// prf is precision and recall counts for one kind.
type prf struct{ tp, fp, fn int }

func (c prf) precision() float64 { return ratio(c.tp, c.tp+c.fp) }
func (c prf) recall() float64    { return ratio(c.tp, c.tp+c.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// evaluate counts, per kind and in all, the held-out texts' kinds the
// model finds at threshold, as Assign would give them (at most maxKinds,
// or the most likely one when none reaches threshold), against those
// they were written for.
func evaluate(m *model, held []example, threshold float64) (map[string]*prf, prf) {
	per := map[string]*prf{}
	for _, k := range m.kinds {
		per[k] = &prf{}
	}
	var all prf
	for _, e := range held {
		probs := m.readParts(e.text).probs
		// As Assign does: the most likely kinds, at most maxKinds.
		best := make([]int, len(probs))
		for k := range best {
			best[k] = k
		}
		slices.SortStableFunc(best, func(x, y int) int { return cmp.Compare(probs[y], probs[x]) })
		best = best[:maxKinds]
		for k, p := range probs {
			want := slices.Contains(e.kinds, m.kinds[k])
			got := p >= threshold && slices.Contains(best, k) ||
				k == best[0] && p < threshold && p >= fallbackThreshold
			c := per[m.kinds[k]]
			switch {
			case want && got:
				c.tp++
				all.tp++
			case got:
				c.fp++
				all.fp++
			case want:
				c.fn++
				all.fn++
			}
		}
	}
	return per, all
}

// TestHeldOut trains without a fifth of the written examples and a
// fifth of the demo listings, and measures precision and recall on them:
// in all at several thresholds (to choose AssignThreshold) and per kind
// on the written examples (go test -v prints them). The floors guard
// against a change to the features, training or data that makes the
// classifier worse.
func TestHeldOut(t *testing.T) {
	ids, exs, err := trainingSet(os.DirFS("../data"))
	if err != nil {
		t.Fatal(err)
	}
	train, heldExamples := split(exs, "examples")
	train, heldListings := split(train, "leeds")
	m := fit(ids, train, defaultParams)
	for _, th := range []float64{0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.97, 0.99} {
		_, ex := evaluate(m, heldExamples, th)
		_, li := evaluate(m, heldListings, th)
		t.Logf("threshold %.2f: examples precision %.2f recall %.2f; listings precision %.2f recall %.2f",
			th, ex.precision(), ex.recall(), li.precision(), li.recall())
	}
	per, ex := evaluate(m, heldExamples, AssignThreshold)
	for _, k := range ids {
		c := per[k]
		if c.tp+c.fn+c.fp > 0 {
			t.Logf("%-28s precision %.2f recall %.2f (%d held out)", k, c.precision(), c.recall(), c.tp+c.fn)
		}
	}
	_, li := evaluate(m, heldListings, AssignThreshold)
	t.Logf("at %.2f: %d written examples, precision %.2f recall %.2f; %d demo listings, precision %.2f recall %.2f",
		AssignThreshold, len(heldExamples), ex.precision(), ex.recall(), len(heldListings), li.precision(), li.recall())
	// Precision counts every other kind a text also fits as a miss (the
	// held-out texts carry one label set each), so its floor is lower.
	// The floors sit a little under the model's figures (0.80/0.78 and
	// 0.72/0.69 at 0.7), so that a worse model fails and a retrained one
	// of the same quality does not. The held-out written examples are
	// mostly people's own words since the examples grew to over a
	// thousand; on them the model trained before that scores 0.72/0.67.
	if ex.precision() < 0.77 || ex.recall() < 0.74 {
		t.Errorf("written examples: precision %.2f, recall %.2f; want at least 0.77 and 0.74", ex.precision(), ex.recall())
	}
	if li.precision() < 0.68 || li.recall() < 0.65 {
		t.Errorf("demo listings: precision %.2f, recall %.2f; want at least 0.68 and 0.65", li.precision(), li.recall())
	}
}
