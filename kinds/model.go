package kinds

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
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

// score is the model's view of one text: each kind's probability and the
// features that raised it.
type score struct {
	prob []float64
	// why holds, per kind, the features with a positive weight for it.
	why [][]contribution
}

type contribution struct {
	words string // as written in the text
	w     float64
}

// predict scores features. A feature seen in several parts of a text
// (a word in both name and description) counts once.
func (m *model) predict(fs []feature) score {
	z := slices.Clone(m.bias)
	why := make([][]contribution, len(m.kinds))
	for _, f := range fs {
		for _, w := range m.weights[f.Name] {
			z[w.kind] += w.w
			if w.w > 0 {
				why[w.kind] = append(why[w.kind], contribution{f.Words, w.w})
			}
		}
	}
	for i := range z {
		z[i] = sigmoid(z[i])
	}
	return score{prob: z, why: why}
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }
