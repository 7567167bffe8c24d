package indexer

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/lexicon"
)

// Concepts links the words people use ("bailiffs", "on my own") to the
// directory's kinds of support and to words listings use. It is applied
// at query time, by expanding the query, rather than as bleve synonyms at
// index time: the map can change without a rebuild, and the matcher can
// explain each suggestion by the phrase that led to it.
type Concepts struct {
	byPhrase map[string]*concept // normalised phrase → concept
	patterns []pattern           // phrases with a * for any one word
	maxWords int
	phrases  int
	// loose holds the phrases with their filler words left out and US
	// spellings read as UK, the first concept winning where two meet.
	loose map[string]*concept
}

// pattern is a phrase in which "*" stands for any one word, such as
// "since * died": people name who they lost.
type pattern struct {
	words []string
	c     *concept
}

func (p pattern) matches(words []string) bool {
	if len(words) != len(p.words) {
		return false
	}
	for i, w := range p.words {
		if w != "*" && w != words[i] {
			return false
		}
	}
	return true
}

type concept struct {
	Phrases []string `json:"phrases"`
	Kinds   []string `json:"kinds"`
	Expand  []string `json:"expand"`
	// AtHome marks phrases saying the person finds it hard to get out
	// ("housebound"), so services that come to them suit them best.
	AtHome bool `json:"at_home"`
}

// LoadConcepts reads a concept map (data/concepts.json).
func LoadConcepts(r io.Reader) (*Concepts, error) {
	var doc struct {
		Concepts []*concept `json:"concepts"`
	}
	if err := json.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("indexer: concepts: %w", err)
	}
	c := &Concepts{byPhrase: map[string]*concept{}, loose: map[string]*concept{}}
	for _, con := range doc.Concepts {
		for _, p := range con.Phrases {
			words := normWords(p)
			if len(words) == 0 {
				continue
			}
			if strings.Contains(p, "*") {
				c.patterns = append(c.patterns, pattern{normPattern(p), con})
				c.maxWords = max(c.maxWords, len(words)+1)
				c.phrases++
				continue
			}
			key := strings.Join(words, " ")
			if prev, dup := c.byPhrase[key]; dup {
				if prev == con {
					continue // a spelling variant that reads the same ("don't", "dont")
				}
				return nil, fmt.Errorf("indexer: concepts: phrase %q is in two concepts", p)
			}
			c.byPhrase[key] = con
			if lk := looseKey(words); lk != "" && c.loose[lk] == nil {
				c.loose[lk] = con
			}
			c.maxWords = max(c.maxWords, len(words))
			c.phrases++
		}
	}
	return c, nil
}

// Len returns the number of phrases.
func (c *Concepts) Len() int { return c.phrases }

// normWords lowercases s and splits it into words, dropping punctuation
// and apostrophes so that "can't pay" and "cant pay" read the same.
func normWords(s string) []string {
	s = strings.ToLower(s)
	s = strings.NewReplacer("’", "", "'", "").Replace(s)
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// looseKey is a phrase's words without filler, in UK spelling.
func looseKey(words []string) string {
	var out []string
	for _, w := range words {
		if !lexicon.Filler(w) {
			out = append(out, lexicon.UK(w))
		}
	}
	return strings.Join(out, " ")
}

// normPattern splits a pattern like normWords, keeping "*".
func normPattern(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		if f == "*" {
			out = append(out, f)
			continue
		}
		out = append(out, normWords(f)...)
	}
	return out
}

// lookup finds the concept for a run of words: a phrase (or its
// singular), else a pattern.
func (c *Concepts) lookup(words []string) *concept {
	for _, key := range variants(words) {
		if con, ok := c.byPhrase[key]; ok {
			return con
		}
	}
	for _, p := range c.patterns {
		if p.matches(words) {
			return p.c
		}
	}
	return nil
}

// Expand finds the known phrases in text, longest first, and returns them
// with the words left over. A word also matches its singular ("toddlers"
// finds "toddler"), and a phrase may hold filler words the map leaves
// out ("behind on the rent" is "behind on rent"). A phrase the person
// turns down ("I'm not one for coffee mornings") comes back marked
// Negated, and its words are not left over.
func (c *Concepts) Expand(text string) (matches []directory.ConceptMatch, rest []string) {
	r := c.read(text)
	return r.matches, r.rest
}

// reading is what read takes from a person's words.
type reading struct {
	matches []directory.ConceptMatch
	rest    []string // the words outside any phrase
	kept    []string // the words outside the phrases turned down
	// keptClause is the clause of each kept word, counted from 0: a
	// clause ends at sentence punctuation, a comma or a joining word.
	keptClause []int
	// keptMatch is, for each kept word, the index in matches of the
	// phrase it is part of, or -1 for a word outside any phrase.
	keptMatch []int
	// open are the clauses no phrase covered, each as its words: a need
	// said in words the map does not hold ("I don't know anyone round
	// here"), left for a classifier to read.
	open [][]string
}

// read finds the phrases in text, as Expand, and the clauses they leave
// unread.
func (c *Concepts) read(text string) reading {
	words, starts := clauseWords(text)
	var r reading
	covered := make([]bool, len(words))
	seen := map[*concept]int{}
	negated := map[string]bool{}
	// clause counts the clauses: one starts at sentence punctuation, a
	// comma, or after a joining word outside a phrase.
	clause := 0
	keep := func(from, to, match int) {
		for j := from; j < to; j++ {
			r.kept = append(r.kept, words[j])
			r.keptClause = append(r.keptClause, clause)
			r.keptMatch = append(r.keptMatch, match)
		}
	}
	for i := 0; i < len(words); {
		if i > 0 && (starts[i] || (!covered[i-1] && conjunctions[words[i-1]])) {
			clause++
		}
		var con *concept
		found := 0
		if c != nil {
			con, found = c.phraseAt(words, starts, i)
		}
		if con == nil {
			r.rest = append(r.rest, words[i])
			keep(i, i+1, -1)
			i++
			continue
		}
		for j := i; j < i+found; j++ {
			covered[j] = true
		}
		phrase := strings.Join(words[i:i+found], " ")
		if refused, cue := turnedDown(words[:i], words[i+found:]); refused {
			drop := max(0, len(r.kept)-cue)
			r.kept, r.keptClause, r.keptMatch = r.kept[:drop], r.keptClause[:drop], r.keptMatch[:drop]
			for j := i - cue; j < i; j++ {
				covered[j] = true
			}
			if !negated[phrase] {
				negated[phrase] = true
				r.matches = append(r.matches, directory.ConceptMatch{Phrase: phrase, Kinds: con.Kinds, Negated: true})
			}
		} else {
			m, ok := seen[con]
			if !ok {
				m = len(r.matches)
				seen[con] = m
				r.matches = append(r.matches, directory.ConceptMatch{
					Phrase: phrase, Kinds: con.Kinds, Expand: con.Expand, AtHome: con.AtHome,
				})
			}
			keep(i, i+found, m)
		}
		i += found
	}
	r.open = clauses(words, starts, covered)
	return r
}

// phraseAt finds the concept whose phrase starts at words[i], and how
// many words it spans: the longest phrase as written, or a longer one
// once filler words are left out.
func (c *Concepts) phraseAt(words []string, starts []bool, i int) (*concept, int) {
	var con *concept
	found := 0
	for n := min(c.maxWords, len(words)-i); n > 0; n-- {
		if con = c.lookup(words[i : i+n]); con != nil {
			found = n
			break
		}
	}
	if lexicon.Filler(words[i]) {
		return con, found
	}
	// The same, skipping filler words and reading US spellings as UK,
	// within one clause.
	var content []string
	var ends []int
	for j := i; j < len(words) && len(content) < c.maxWords; j++ {
		if j > i && starts[j] {
			break
		}
		if lexicon.Filler(words[j]) {
			continue
		}
		content = append(content, lexicon.UK(words[j]))
		ends = append(ends, j+1)
	}
	for n := len(content); n > max(found, 1); n-- {
		if ends[n-1]-i == n && con != nil {
			continue // nothing skipped: read as written above
		}
		for _, key := range variants(content[:n]) {
			if loose, ok := c.loose[key]; ok {
				return loose, ends[n-1] - i
			}
		}
	}
	return con, found
}

// conjunctions join two clauses: "I've lost my job and I'm behind on the
// rent" says two things.
var conjunctions = map[string]bool{"and": true, "but": true, "also": true, "plus": true}

// clauseWords splits text into words, as normWords, marking the words
// that begin a clause after sentence punctuation, a comma or a semicolon.
func clauseWords(text string) (words []string, starts []bool) {
	for _, part := range strings.FieldsFunc(text, func(r rune) bool { return strings.ContainsRune(".,;:!?\n()", r) }) {
		for i, w := range normWords(part) {
			words = append(words, w)
			starts = append(starts, i == 0)
		}
	}
	return words, starts
}

// clauses returns the clauses of words that hold no word of a phrase,
// each without its joining word. A joining word inside a phrase ("arts
// and crafts") joins nothing.
func clauses(words []string, starts, covered []bool) [][]string {
	var out [][]string
	var cur []string
	open := true
	flush := func() {
		if open && len(cur) > 0 {
			out = append(out, cur)
		}
		cur, open = nil, true
	}
	for i, w := range words {
		if starts[i] {
			flush()
		}
		if conjunctions[w] && !covered[i] {
			flush()
			continue
		}
		if covered[i] {
			open = false
		}
		cur = append(cur, w)
	}
	flush()
	return out
}

// refusals are the ways people say an activity is not for them, just
// before it ("I'm not one for coffee mornings", "I hate groups"). They are
// about taste, not need: "I don't want bailiffs" still needs debt advice,
// so "don't want" is not one.
var refusals = [][]string{
	{"not", "one", "for"}, {"not", "a", "fan", "of"}, {"not", "into"}, {"not", "keen", "on"},
	{"not", "interested", "in"}, {"dont", "like"}, {"do", "not", "like"}, {"hate"},
	{"cant", "stand"}, {"cannot", "stand"}, {"dont", "fancy"}, {"not", "bothered", "about"},
}

// between are the words that may come between a refusal and the thing
// refused ("I don't like big groups"); "I hate being on my own" is not a
// refusal of company.
var between = map[string]bool{
	"the": true, "those": true, "any": true, "big": true, "busy": true, "loud": true, "noisy": true, "crowded": true,
}

// refusalsAfter say it just after ("coffee mornings are not for me").
var refusalsAfter = [][]string{
	{"not", "for", "me"}, {"arent", "for", "me"}, {"isnt", "for", "me"}, {"are", "not", "for", "me"},
	{"is", "not", "for", "me"}, {"not", "my", "thing"}, {"isnt", "my", "thing"}, {"arent", "my", "thing"},
}

// turnedDown says whether the words around a phrase refuse it, and how
// many of the words before it say so.
func turnedDown(before, after []string) (refused bool, cue int) {
	for _, r := range refusals {
		end := len(before)
		if end > 0 && between[before[end-1]] {
			end--
		}
		if end >= len(r) && slices.Equal(before[end-len(r):end], r) {
			return true, len(before) - end + len(r)
		}
	}
	for _, r := range refusalsAfter {
		if len(after) >= len(r) && slices.Equal(after[:len(r)], r) {
			return true, 0
		}
	}
	return false, 0
}

// variants returns the phrase as written and with its last word made
// singular.
func variants(words []string) []string {
	key := strings.Join(words, " ")
	last := words[len(words)-1]
	out := []string{key}
	for _, suffix := range []string{"ies", "es", "s"} {
		if len(last) > len(suffix)+2 && strings.HasSuffix(last, suffix) {
			stem := strings.TrimSuffix(last, suffix)
			if suffix == "ies" {
				stem += "y"
			}
			out = append(out, strings.TrimSuffix(key, last)+stem)
		}
	}
	return out
}
