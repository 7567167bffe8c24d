package lexicon

import (
	"sort"
	"strings"
)

// MaxEdits is how many edits a typo of w may hold and still be
// corrected: none under 4 letters, where one edit turns a word into
// another real word ("walk", "talk"), 1 up to 7 letters, 2 from 8.
func MaxEdits(w string) int {
	switch n := len([]rune(w)); {
	case n >= 8:
		return 2
	case n >= 4:
		return 1
	}
	return 0
}

// Distance is the Damerau–Levenshtein distance between a and b (the
// optimal string alignment form: insertions, deletions, substitutions
// and swaps of two neighbouring letters), or limit+1 once it is sure to
// be more than limit.
func Distance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	// Three rows: the swap looks two rows back.
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			best = min(best, cur[j])
		}
		if best > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(rb)], limit+1)
}

// Vocabulary is the set of words typos are corrected to, with how often
// each is used. Build it once and share it: it is read-only.
type Vocabulary struct {
	freq     map[string]int
	byLength map[int][]string // words by length in runes, most frequent first
}

// NewVocabulary returns a vocabulary of the words in freq (lower case),
// each with how often it is used.
func NewVocabulary(freq map[string]int) *Vocabulary {
	v := &Vocabulary{freq: freq, byLength: map[int][]string{}}
	for w := range freq {
		n := len([]rune(w))
		v.byLength[n] = append(v.byLength[n], w)
	}
	for _, ws := range v.byLength {
		sort.Slice(ws, func(i, j int) bool {
			if freq[ws[i]] != freq[ws[j]] {
				return freq[ws[i]] > freq[ws[j]]
			}
			return ws[i] < ws[j]
		})
	}
	return v
}

// Knows says whether w is in the vocabulary.
func (v *Vocabulary) Knows(w string) bool {
	_, ok := v.freq[w]
	return ok
}

// Len is the number of words.
func (v *Vocabulary) Len() int { return len(v.freq) }

// Correct returns the word w is most likely a typo of: the nearest within
// [MaxEdits], the most used among equally near ones. A word the
// vocabulary knows, or one with no signal, is never corrected.
func (v *Vocabulary) Correct(w string) (string, bool) {
	limit := MaxEdits(w)
	if limit == 0 || v.Knows(w) || noSignal[w] {
		return "", false
	}
	n := len([]rune(w))
	best, bestD := "", limit+1
	for l := n - limit; l <= n+limit; l++ {
		for _, c := range v.byLength[l] {
			// A word that only adds to or drops an ending of a known
			// word is that word inflected ("railways", "railway"), not a
			// typo of another.
			if strings.HasPrefix(w, c) || strings.HasPrefix(c, w) {
				return "", false
			}
			if d := Distance(w, c, limit); d < bestD || (d == bestD && d <= limit && v.freq[c] > v.freq[best]) {
				best, bestD = c, d
			}
		}
	}
	if bestD > limit {
		return "", false
	}
	return best, true
}
