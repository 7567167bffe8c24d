package kinds

import (
	"math/rand/v2"
	"os"
	"slices"
	"testing"
)

// splitExamples holds out about one in five of the written examples of
// each kind (by the first kind of its group), in an order fixed by a
// seed, and returns the rest of the training data and the held-out texts.
func splitExamples(exs []example) (train, held []example) {
	byKind := map[string][]int{}
	var order []string
	for i, e := range exs {
		if e.group != "examples" {
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
// model finds at threshold against those they were written for.
func evaluate(m *model, held []example, threshold float64) (map[string]*prf, prf) {
	per := map[string]*prf{}
	for _, k := range m.kinds {
		per[k] = &prf{}
	}
	var all prf
	for _, e := range held {
		probs := m.predict(features(e.text))
		for k, p := range probs {
			want := slices.Contains(e.kinds, m.kinds[k])
			got := p >= threshold
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

// TestHeldOut trains without a fifth of the written examples and
// measures precision and recall on them, per kind (go test -v prints
// them) and in all. The floors guard against a change to the features,
// training or data that makes the classifier worse.
func TestHeldOut(t *testing.T) {
	ids, exs, err := trainingSet(os.DirFS("../data"))
	if err != nil {
		t.Fatal(err)
	}
	train, held := splitExamples(exs)
	m := fit(ids, train, defaultParams)
	for _, th := range []float64{0.2, 0.3, 0.4, 0.5, 0.6, 0.7} {
		_, all := evaluate(m, held, th)
		t.Logf("threshold %.1f: precision %.2f recall %.2f", th, all.precision(), all.recall())
	}
	per, all := evaluate(m, held, AssignThreshold)
	for _, k := range ids {
		c := per[k]
		if c.tp+c.fn+c.fp > 0 {
			t.Logf("%-28s precision %.2f recall %.2f (%d held out)", k, c.precision(), c.recall(), c.tp+c.fn)
		}
	}
	t.Logf("all %d held-out texts at %.2f: precision %.2f recall %.2f", len(held), AssignThreshold, all.precision(), all.recall())
	// Precision counts every other kind a text also fits as a miss (the
	// held-out texts carry one label set each), so its floor is lower.
	if all.precision() < 0.38 || all.recall() < 0.85 {
		t.Errorf("held-out precision %.2f, recall %.2f: want at least 0.38 and 0.85", all.precision(), all.recall())
	}
}
