package indexer

import (
	"context"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/lexicon"
)

// KindReading is a kind of support a [Classifier] read in a person's
// words, with how sure it is and the words that led to it.
type KindReading struct {
	Kind        string
	Probability float64
	Words       []string
}

// Classifier reads a clause as kinds of support, most likely first.
type Classifier func(text string) []KindReading

// minConfidence is how sure a classifier must be before a clause no
// phrase covered becomes a need of its own.
const minConfidence = 0.9

// commonShare is the share of listings beyond which a word carries no
// signal: a word nearly every listing uses ranks none above another. It
// only applies to directories of at least minDocsForShare listings,
// where a share says something.
const (
	commonShare     = 0.3
	minDocsForShare = 100
)

// understanding is what the index made of a person's words.
type understanding struct {
	reading
	// search are the words to match in listings: spelling corrected,
	// outside the phrases turned down, and only those that carry meaning.
	search []string
	// weak are the other words, searched only beside the words that find
	// listings: they may tell two listings apart ("week", "together")
	// but never find one alone.
	weak []string
	// synonyms are phrases meaning the same as one the person used
	// ("food bank" for "food pantry").
	synonyms [][]string
	// corrected maps each misspelt word to its correction.
	corrected map[string]string
	// asks are the things the words ask for, each in its clause: a
	// phrase of the concept map, or a word with signal outside any.
	asks []ask
}

// ask is one thing a person asked for: a listing answers it by any of
// its alternatives. Within a clause a listing must answer all of the asks
// (or most, when there are many, [required]); across clauses, any.
type ask struct {
	clause int
	// match is the index in matches of the concept phrase asked for, or
	// -1 for a word alone.
	match int
	// words are the person's words with signal in the ask: the phrase's,
	// or the one word.
	words []string
}

// understand reads text: corrects typos against the vocabulary, finds the
// concept phrases, reads each clause no phrase covered with the
// classifier, and keeps the words worth searching.
//
// Without a dictionary of English, a word the directory does not use may
// be a typo or a plain word ("pile", "Eritrea"), so at first only longer
// words are corrected, and only to words of the concept map and the
// kinds. Every unknown word is corrected, to the index's terms too, when
// that first reading found nothing (retry).
func (ix *Index) understand(text string, retry bool) understanding {
	v := ix.vocabulary()
	var u understanding
	correct := v.correctSafe
	if retry {
		correct = v.correct
	}
	fixed := correctText(text, correct, &u.corrected)
	u.reading = ix.Concepts.read(fixed)
	if ix.Classify != nil {
		for _, clause := range u.open {
			if m, ok := readClause(ix.Classify, clause); ok {
				u.matches = append(u.matches, m)
			}
		}
	}
	seen := map[string]bool{}
	var commonWords []string
	var commonAt []int // the index in kept of each common word
	for i, w := range u.kept {
		if seen[w] {
			continue
		}
		seen[w] = true
		switch v.signal(w) {
		case someSignal:
			u.search = append(u.search, w)
			u.addAsk(i)
		case commonWord:
			commonWords = append(commonWords, w)
			commonAt = append(commonAt, i)
		default:
			u.weak = append(u.weak, w)
		}
	}
	// Words most listings use still say what the person wants when
	// nothing else does ("natter" in a directory of knit-and-natter
	// groups).
	if len(u.search) == 0 && !slices.ContainsFunc(u.matches, func(m directory.ConceptMatch) bool { return !m.Negated }) {
		u.search = commonWords
		for _, i := range commonAt {
			u.addAsk(i)
		}
	} else {
		u.weak = append(u.weak, commonWords...)
	}
	// A phrase read from the map is asked for even when none of its words
	// has signal ("on my own").
	for m, cm := range u.matches {
		if !cm.Negated && !cm.Inferred && !slices.ContainsFunc(u.asks, func(a ask) bool { return a.match == m }) {
			if i := slices.Index(u.keptMatch, m); i >= 0 {
				u.asks = append(u.asks, ask{clause: u.keptClause[i], match: m})
			}
		}
	}
	u.synonyms = lexicon.Synonyms(u.kept)
	return u
}

// addAsk adds the kept word at i to the asks: to its phrase's ask, or as
// an ask of its own.
func (u *understanding) addAsk(i int) {
	w, m := u.kept[i], u.keptMatch[i]
	if m >= 0 {
		for j := range u.asks {
			if u.asks[j].match == m {
				u.asks[j].words = append(u.asks[j].words, w)
				return
			}
		}
	}
	u.asks = append(u.asks, ask{clause: u.keptClause[i], match: m, words: []string{w}})
}

// readClause reads one clause with the classifier: a need when it is
// sure enough. Words with no signal alone may still tell together ("don't
// know anyone"), but the classifier must then be surer.
func readClause(classify Classifier, clause []string) (directory.ConceptMatch, bool) {
	for _, r := range classify(strings.Join(clause, " ")) {
		if r.Probability < minConfidence {
			break
		}
		if !slices.ContainsFunc(r.Words, telling) && r.Probability < minConfidenceNoSignal {
			continue
		}
		return directory.ConceptMatch{
			Phrase: inOrder(clause, r.Words), Kinds: []string{r.Kind}, Inferred: true, Words: r.Words,
		}, true
	}
	return directory.ConceptMatch{}, false
}

// minConfidenceNoSignal is how sure the classifier must be of a reading
// led only by words that carry no signal alone.
const minConfidenceNoSignal = 0.95

// telling says whether a classifier's reason carries meaning: a pair of
// words, or a word with signal alone.
func telling(w string) bool {
	return strings.Contains(w, " ") || !lexicon.NoSignal(w)
}

// inOrder is the clause's words that led to a reading, in the order the
// person said them ("dont know anyone round"), to label the need.
func inOrder(clause, led []string) string {
	want := map[string]bool{}
	for _, w := range led {
		for _, f := range strings.Fields(w) {
			want[f] = true
		}
	}
	var out []string
	for _, w := range clause {
		if want[w] {
			out = append(out, w)
			delete(want, w)
		}
	}
	return strings.Join(out, " ")
}

// correctText returns text with each misspelt word replaced by its
// correction, recording what changed in *changed. Apostrophes stay inside
// words ("couldn't") so that a contraction is never read as a typo.
func correctText(text string, correct func(string) (string, bool), changed *map[string]string) string {
	var b strings.Builder
	inWord := func(r rune) bool { return unicode.IsLetter(r) || r == '\'' || r == '’' }
	for i := 0; i < len(text); {
		j := i
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if !inWord(r) {
				break
			}
			j += size
		}
		if j == i {
			_, size := utf8.DecodeRuneInString(text[i:])
			b.WriteString(text[i : i+size])
			i += size
			continue
		}
		w := text[i:j]
		key := strings.Join(normWords(w), "")
		if fix, ok := correct(key); ok {
			if *changed == nil {
				*changed = map[string]string{}
			}
			(*changed)[key] = fix
			w = fix
		}
		b.WriteString(w)
		i = j
	}
	return b.String()
}

// Suggest returns text with its misspelt words corrected, for "did you
// mean", and whether anything was corrected. Like the first reading of a
// search, it only corrects longer words to words of the concept map and
// the kinds: a suggestion to change a plain word ("pile" → "pill") helps
// nobody.
func (ix *Index) Suggest(ctx context.Context, text string) (string, bool) {
	if ctx.Err() != nil {
		return "", false
	}
	var changed map[string]string
	out := correctText(text, ix.vocabulary().correctSafe, &changed)
	return out, len(changed) > 0 && out != text
}

// vocab is what the index knows of words at one change-log position: the
// terms listings use with how many use each, and the words of the concept
// map and the kinds of support, to correct typos to.
type vocab struct {
	seq   int64
	docs  uint64
	terms map[string]uint64 // index term → listings using it
	// filters maps a filter field and term (fieldTerm) to the listings
	// having it, to estimate how many a filter keeps.
	filters map[string]uint64
	words   *lexicon.Vocabulary
	stems   *lexicon.Vocabulary
}

// vocabulary returns the vocabulary at the index's change-log position,
// reading the term dictionary again only when the index has changed.
func (ix *Index) vocabulary() *vocab {
	seq := ix.Applied()
	ix.vocabMu.Lock()
	defer ix.vocabMu.Unlock()
	if ix.vocab != nil && ix.vocab.seq == seq {
		return ix.vocab
	}
	v := &vocab{seq: seq, terms: map[string]uint64{}, filters: map[string]uint64{}}
	ix.mu.RLock()
	idx := ix.cur
	ix.mu.RUnlock()
	stems := map[string]int{}
	surface := map[string]int{}
	if idx != nil {
		v.docs, _ = idx.DocCount()
		for _, field := range []string{fText, fName} {
			dict, err := idx.FieldDict(field)
			if err != nil {
				continue
			}
			for e, err := dict.Next(); err == nil && e != nil; e, err = dict.Next() {
				v.terms[e.Term] = max(v.terms[e.Term], e.Count)
				stems[e.Term] += int(e.Count)
			}
			dict.Close()
		}
		if dict, err := idx.FieldDict(fKinds); err == nil {
			for e, err := dict.Next(); err == nil && e != nil; e, err = dict.Next() {
				v.filters[fieldTerm(fKinds, e.Term)] = e.Count
				for _, w := range strings.FieldsFunc(e.Term, func(r rune) bool { return !unicode.IsLetter(r) }) {
					surface[w] += int(e.Count)
				}
			}
			dict.Close()
		}
		for _, field := range []string{fUnder, fWhen} {
			if dict, err := idx.FieldDict(field); err == nil {
				for e, err := dict.Next(); err == nil && e != nil; e, err = dict.Next() {
					v.filters[fieldTerm(field, e.Term)] = e.Count
				}
				dict.Close()
			}
		}
	}
	for _, w := range ix.Concepts.words() {
		surface[w] += 10
	}
	v.words, v.stems = lexicon.NewVocabulary(surface), lexicon.NewVocabulary(stems)
	ix.vocab = v
	return v
}

// knows says whether w is a word the index, the concept map or the kinds
// know, or one too common to matter (a stop word).
func (v *vocab) knows(w string) bool {
	if v.words.Knows(w) || lexicon.NoSignal(w) {
		return true
	}
	t := term(w)
	if t == "" {
		return true
	}
	_, ok := v.terms[t]
	return ok
}

// unknownWord says whether any of words is unknown to the index, the
// concept map and the kinds: perhaps misspelt.
func (v *vocab) unknownWord(words []string) bool {
	return slices.ContainsFunc(words, func(w string) bool { return !v.knows(w) })
}

// minSafeCorrection is the shortest word corrected before a search has
// found nothing: among short words, a word the directory does not use is
// more often a plain word than a typo.
const minSafeCorrection = 7

// correctSafe corrects w only when it is long and its correction is a
// word of the concept map or the kinds ("loneley" → "lonely",
// "befrendin" → "befriending").
func (v *vocab) correctSafe(w string) (string, bool) {
	if len([]rune(w)) < minSafeCorrection || strings.ContainsFunc(w, unicode.IsDigit) || v.knows(w) {
		return "", false
	}
	return v.words.Correct(w)
}

// correct returns the word w is most likely a typo of. A word the
// vocabulary knows is never corrected; numbers and short words neither.
func (v *vocab) correct(w string) (string, bool) {
	if lexicon.MaxEdits(w) == 0 || strings.ContainsFunc(w, unicode.IsDigit) || v.knows(w) {
		return "", false
	}
	if fix, ok := v.words.Correct(w); ok {
		return fix, true
	}
	return v.stems.Correct(term(w))
}

// signal is what a word says about the listings to suggest.
type signal uint8

const (
	noSignal   signal = iota // a word that says nothing alone ("behind", "here")
	commonWord               // a word nearly every listing uses
	someSignal
)

// signal says whether w is worth searching for and showing as a reason:
// not a word with no signal, and not one nearly every listing uses.
func (v *vocab) signal(w string) signal {
	if len(w) < 2 || lexicon.NoSignal(w) {
		return noSignal
	}
	t := term(w)
	if t == "" {
		return noSignal
	}
	if v.docs >= minDocsForShare && float64(v.terms[t]) > commonShare*float64(v.docs) {
		return commonWord
	}
	return someSignal
}

// words returns every word of the concept map's phrases.
func (c *Concepts) words() []string {
	if c == nil {
		return nil
	}
	var out []string
	for phrase := range c.byPhrase {
		out = append(out, strings.Fields(phrase)...)
	}
	for _, p := range c.patterns {
		out = append(out, slices.DeleteFunc(slices.Clone(p.words), func(w string) bool { return w == "*" })...)
	}
	return out
}

func fieldTerm(field, term string) string { return field + "\x00" + term }

// filterDocs is how many listings have any of terms in a filter field
// (+Inf without a vocabulary).
func (v *vocab) filterDocs(field string, terms ...string) float64 {
	if v == nil {
		return math.Inf(1)
	}
	n := 0.0
	for _, t := range terms {
		n += float64(v.filters[fieldTerm(field, t)])
	}
	return n
}

// wordDocs is how many listings use a word, in their name or text.
func (v *vocab) wordDocs(w string) float64 { return float64(v.terms[term(w)]) }

// estimate is about how many listings the words find on an exact pass,
// from how many use each word and have each kind: the sum over clauses
// of the clause's least found ask. It errs high (+Inf without a
// vocabulary).
func (v *vocab) estimate(u understanding, boostKinds []string) float64 {
	if v == nil {
		return math.Inf(1)
	}
	n := v.filterDocs(fKinds, boostKinds...)
	for _, asks := range byClause(u.asks) {
		least := math.Inf(1)
		for _, a := range asks {
			least = min(least, v.askDocs(u, a))
		}
		n += least
	}
	for _, ph := range u.synonyms {
		least := math.Inf(1)
		for _, w := range ph {
			least = min(least, v.wordDocs(w))
		}
		n += least
	}
	for _, m := range u.matches {
		if m.Inferred && !m.Negated {
			n += v.filterDocs(fKinds, m.Kinds...)
		}
	}
	return min(n, float64(v.docs))
}

// askDocs is about how many listings answer an ask: the sum over its
// alternatives.
func (v *vocab) askDocs(u understanding, a ask) float64 {
	if a.match < 0 {
		return v.wordDocs(a.words[0])
	}
	m := u.matches[a.match]
	n := v.filterDocs(fKinds, m.Kinds...)
	if len(a.words) > 0 {
		least := math.Inf(1)
		for _, w := range a.words {
			least = min(least, v.wordDocs(w))
		}
		n += least
	}
	for _, w := range strings.Fields(specific(m.Expand)) {
		n += v.wordDocs(w)
	}
	return n
}
