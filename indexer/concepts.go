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
	maxWords int
	phrases  int
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
			for _, key := range variants(words[i : i+n]) {
				if con, ok := c.byPhrase[key]; ok {
					found = n
					if !seen[con] {
						seen[con] = true
						matches = append(matches, directory.ConceptMatch{
							Phrase: strings.Join(words[i:i+n], " "), Kinds: con.Kinds, Expand: con.Expand,
						})
					}
					break
				}
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
