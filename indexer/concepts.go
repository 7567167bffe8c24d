package indexer

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"

	"github.com/linkway/linkway/directory"
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
	c := &Concepts{byPhrase: map[string]*concept{}}
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
// finds "toddler"). A phrase the person turns down ("I'm not one for
// coffee mornings") comes back marked Negated, and its words are not left
// over.
func (c *Concepts) Expand(text string) (matches []directory.ConceptMatch, rest []string) {
	matches, rest, _ = c.read(text)
	return matches, rest
}

// read is Expand that also returns the words of text outside the phrases
// the person turned down, for matching listings word by word.
func (c *Concepts) read(text string) (matches []directory.ConceptMatch, rest, kept []string) {
	words := normWords(text)
	if c == nil {
		return nil, words, words
	}
	seen := map[*concept]bool{}
	negated := map[string]bool{}
	for i := 0; i < len(words); {
		found := 0
		for n := min(c.maxWords, len(words)-i); n > 0 && found == 0; n-- {
			con := c.lookup(words[i : i+n])
			if con == nil {
				continue
			}
			found = n
			phrase := strings.Join(words[i:i+n], " ")
			if refused, cue := turnedDown(words[:i], words[i+n:]); refused {
				kept = kept[:max(0, len(kept)-cue)]
				if !negated[phrase] {
					negated[phrase] = true
					matches = append(matches, directory.ConceptMatch{Phrase: phrase, Kinds: con.Kinds, Negated: true})
				}
				continue
			}
			kept = append(kept, words[i:i+n]...)
			if !seen[con] {
				seen[con] = true
				matches = append(matches, directory.ConceptMatch{
					Phrase: phrase, Kinds: con.Kinds, Expand: con.Expand, AtHome: con.AtHome,
				})
			}
		}
		if found == 0 {
			rest = append(rest, words[i])
			kept = append(kept, words[i])
			found = 1
		}
		i += found
	}
	return matches, rest, kept
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
