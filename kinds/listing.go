package kinds

import (
	"slices"
	"strings"
)

// listingReading is the classifier's view of a listing: per kind, its
// probability and the features of the part of the text it came from,
// to explain the kind in that part's words.
type listingReading struct {
	probs []float64
	from  [][]feature // per kind
}

// readListing scores a listing whole and a sentence at a time. A listing
// that names several needs ("help to pay utility bills, rent, mortgage
// or buy food") spreads its words over all of them, so read whole no
// need may reach AssignThreshold. Where one sentence says more for a kind
// than the whole text, the kind gets the mean of the two: the sentence
// lifts it, the rest of the listing tempers it.
//
// Measured on TestHeldOut's held-out demo listings at AssignThreshold:
// whole text only, precision 0.85 recall 0.66; the larger of whole text
// and best sentence, 0.58 and 0.71 (one sentence about volunteers or a
// coffee gives a lunch club two more kinds); the mean, 0.81 and 0.69.
// Splitting sentences further at commas lost more precision for no
// more recall. Leeds nDCG@5: 0.764 whole text only, 0.765 with the mean.
func (m *model) readListing(text string) listingReading {
	return m.readParts(text, sentences(text))
}

// readParts scores text whole and each of its parts, each kind by the
// mean of the whole text's probability and that of the part that says
// most for it, when that is more than the whole text's.
func (m *model) readParts(text string, parts []string) listingReading {
	whole := features(text)
	r := listingReading{probs: m.predict(whole), from: make([][]feature, len(m.kinds))}
	for k := range r.from {
		r.from[k] = whole
	}
	if len(parts) < 2 {
		return r
	}
	wholeProbs := r.probs
	r.probs = append([]float64(nil), wholeProbs...)
	for _, p := range parts {
		fs := features(p)
		if len(fs) == 0 {
			continue
		}
		for k, pr := range m.predict(fs) {
			if mean := (pr + wholeProbs[k]) / 2; mean > r.probs[k] {
				r.probs[k], r.from[k] = mean, fs
			}
		}
	}
	return r
}

// clauses splits a person's words into sentences and each sentence at
// commas and at "and", "but" and "so": "I lost my job, I'm behind on
// the rent, I feel low and I never see anyone" names four needs.
func clauses(text string) []string {
	var out []string
	for _, s := range sentences(text) {
		for _, c := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ':' }) {
			out = append(out, splitWords(c, "and", "but", "so")...)
		}
	}
	return out
}

// splitWords splits s at each of the words seps, dropping them.
func splitWords(s string, seps ...string) []string {
	var out, cur []string
	for _, w := range strings.Fields(s) {
		if slices.Contains(seps, strings.ToLower(w)) {
			if len(cur) > 0 {
				out = append(out, strings.Join(cur, " "))
			}
			cur = nil
			continue
		}
		cur = append(cur, w)
	}
	if len(cur) > 0 {
		out = append(out, strings.Join(cur, " "))
	}
	return out
}

// sentences splits text at full stops, question and exclamation marks,
// semicolons, bullets and line breaks.
func sentences(text string) []string {
	var out []string
	for _, s := range strings.FieldsFunc(text, func(r rune) bool {
		return r == '.' || r == '!' || r == '?' || r == ';' || r == '\n' || r == '•'
	}) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
