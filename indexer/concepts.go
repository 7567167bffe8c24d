package indexer

import (
	"encoding/json"
	"fmt"
	"io"
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
// finds "toddler").
func (c *Concepts) Expand(text string) (matches []directory.ConceptMatch, rest []string) {
	words := normWords(text)
	if c == nil {
		return nil, words
	}
	seen := map[*concept]bool{}
	for i := 0; i < len(words); {
		found := 0
		for n := min(c.maxWords, len(words)-i); n > 0 && found == 0; n-- {
			con := c.lookup(words[i : i+n])
			if con == nil {
				continue
			}
			found = n
			if !seen[con] {
				seen[con] = true
				matches = append(matches, directory.ConceptMatch{
					Phrase: strings.Join(words[i:i+n], " "), Kinds: con.Kinds, Expand: con.Expand,
				})
			}
		}
		if found == 0 {
			rest = append(rest, words[i])
			found = 1
		}
		i += found
	}
	return matches, rest
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
