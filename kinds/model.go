package kinds

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
)

// model is one-vs-rest logistic regression: for each kind of support, the
// probability that a text is about it is the logistic of the kind's bias
// plus the weights of the text's features.
type model struct {
	kinds   []string            // kind ids, in taxonomy order
	bias    []float64           // per kind
	weights map[string][]weight // feature → its non-zero weights
}

// weight is a feature's weight for one kind.
type weight struct {
	kind int // index into model.kinds
	w    float64
}

// modelFile is model.json. Weights are stored per feature as a flat list
// of kind index and weight pairs, rounded, to keep the file small.
type modelFile struct {
	About   string               `json:"about"`
	Kinds   []string             `json:"kinds"`
	Bias    []float64            `json:"bias"`
	Weights map[string][]float64 `json:"weights"`
}

func parseModel(b []byte) (*model, error) {
	var f modelFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, err
	}
	if len(f.Bias) != len(f.Kinds) {
		return nil, fmt.Errorf("%d biases for %d kinds", len(f.Bias), len(f.Kinds))
	}
	m := &model{kinds: f.Kinds, bias: f.Bias, weights: make(map[string][]weight, len(f.Weights))}
	for name, pairs := range f.Weights {
		if len(pairs)%2 != 0 {
			return nil, fmt.Errorf("feature %q: odd number of values", name)
		}
		ws := make([]weight, len(pairs)/2)
		for i := range ws {
			k := int(pairs[2*i])
			if k < 0 || k >= len(f.Kinds) || float64(k) != pairs[2*i] {
				return nil, fmt.Errorf("feature %q: no kind %v", name, pairs[2*i])
			}
			ws[i] = weight{k, pairs[2*i+1]}
		}
		m.weights[name] = ws
	}
	return m, nil
}

// predict returns each kind's probability for a text's features, and
// keeps each feature's weights in it for explain. A feature seen in
// several parts of a text (a word in both name and description) counts
// once.
func (m *model) predict(fs []feature) []float64 {
	z := slices.Clone(m.bias)
	x := featureValue(len(fs))
	for i, f := range fs {
		fs[i].weights = m.weights[f.Name]
		for _, w := range fs[i].weights {
			z[w.kind] += w.w * x
		}
	}
	for i := range z {
		z[i] = sigmoid(z[i])
	}
	return z
}

// minWordWeight is the weight from which a word on its own counts as a
// reason for a kind. Lighter words ("know", "behind") may tip the
// balance with their neighbours but say nothing alone, so they are
// never shown as why.
const minWordWeight = 0.5

// explain returns, after predict, the words of a text that led to kind k, most telling
// first: the words that carry weight for k on their own, ranked by
// their own weight plus that of the word pairs they are in. When no
// single word does, the heaviest pair is the reason, as "know anyone"
// (two words of the text, with any stopwords between them left out).
func (m *model) explain(fs []feature, k int) []string {
	type reason struct {
		words string
		w     float64
	}
	var words, pairs []reason
	for _, f := range fs {
		w := f.weightFor(k)
		if w <= 0 {
			continue
		}
		if f.pair() {
			pairs = append(pairs, reason{f.words(), w})
		} else if w >= minWordWeight && !numeric(f.First) {
			// An age or a year ("aged 13 to 19") may count, but
			// a number is no reason to show a person.
			words = append(words, reason{f.First, w})
		}
	}
	for i := range words {
		for _, p := range pairs {
			if slices.Contains(strings.Fields(p.words), words[i].words) {
				words[i].w += p.w
			}
		}
	}
	byWeight := func(x, y reason) int { return cmp.Compare(y.w, x.w) }
	slices.SortStableFunc(words, byWeight)
	slices.SortStableFunc(pairs, byWeight)
	if len(words) == 0 && len(pairs) > 0 {
		return []string{pairs[0].words}
	}
	var out []string
	for _, r := range words {
		if !slices.Contains(out, r.words) {
			out = append(out, r.words)
		}
	}
	return out
}

func numeric(w string) bool {
	return strings.IndexFunc(w, func(r rune) bool { return r < '0' || r > '9' }) < 0
}

// featureValue is the value of each of a text's n features: 1/√n, so
// a text is a vector of length 1 and a long listing's many weak words do
// not add up to certainty. Texts of up to shortText features (a
// person's sentence, a term name) count alike, so a sentence's few
// words are not worth more than a phrase's one. Measured in
// TestHeldOut: without it, F1 on held-out demo listings was 0.67; with
// it, 0.80.
func featureValue(n int) float64 {
	if n == 0 {
		return 0
	}
	return 1 / math.Sqrt(float64(max(n, shortText)))
}

const shortText = 4

// sigmoid is the logistic function. It uses exp rather than math.Exp so
// that training gives the same model, bit for bit, on every machine.
func sigmoid(z float64) float64 { return 1 / (1 + exp(-z)) }

// exp is e to the x, to about 1e-15, computed by operations whose
// results IEEE 754 fixes: math.Exp has assembly for amd64 and arm64 that
// rounds differently with and without fused multiply-add, and the last
// bit of a weight can change how it rounds in model.json. The float64()
// conversions stop the compiler fusing a multiply and an add.
func exp(x float64) float64 {
	switch {
	case x > 700:
		return math.Inf(1)
	case x < -700:
		return 0
	}
	k := math.Round(x / math.Ln2)
	r := x - float64(k*math.Ln2) // |r| ≤ ln 2 / 2
	p := 1.0
	for i := 14; i >= 1; i-- { // Taylor series, Horner's rule
		p = 1 + float64(float64(r*p)/float64(i))
	}
	return math.Ldexp(p, int(k))
}
