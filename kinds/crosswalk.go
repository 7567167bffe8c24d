package kinds

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/linkway/linkway/directory"
)

// crosswalk maps the terms of one open vocabulary (data/crosswalks/*.json)
// to Linkway's kinds of support.
type crosswalk struct {
	taxonomy string              // the vocabulary's name, normalised ("open eligibility")
	byID     map[string][]string // term id or code → kinds
	byName   map[string][]string // normalised term name → kinds
}

type crosswalkFile struct {
	Taxonomy string `json:"taxonomy"`
	Terms    []struct {
		ID      string   `json:"id"`
		OhanaID string   `json:"ohana_id"`
		Name    string   `json:"name"`
		Kinds   []string `json:"kinds"`
	} `json:"terms"`
}

// parseCrosswalk reads a crosswalk file, checking every kind it names is
// one of known.
func parseCrosswalk(b []byte, known map[string]bool) (*crosswalk, error) {
	var f crosswalkFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, err
	}
	if f.Taxonomy == "" {
		return nil, fmt.Errorf("no taxonomy named")
	}
	cw := &crosswalk{taxonomy: termName(f.Taxonomy), byID: map[string][]string{}, byName: map[string][]string{}}
	for _, t := range f.Terms {
		for _, k := range t.Kinds {
			if !known[k] {
				return nil, fmt.Errorf("term %q: %q is not a kind of support", t.Name, k)
			}
		}
		for _, id := range []string{t.ID, t.OhanaID} {
			if id != "" {
				cw.byID[id] = t.Kinds
			}
		}
		// A name used twice in the vocabulary ("Counseling" under Health
		// and under Care) gives the kinds of both.
		name := termName(t.Name)
		cw.byName[name] = union(cw.byName[name], t.Kinds)
	}
	return cw, nil
}

// ofVocabulary reports whether t says it comes from this crosswalk's
// vocabulary. Only then are its id and code trusted: "1130" is Food
// Pantry in Open Eligibility but could be anything in a feed's own list.
func (cw *crosswalk) ofVocabulary(t directory.Term) bool {
	tax := termName(t.Taxonomy)
	return tax == cw.taxonomy || strings.ReplaceAll(tax, " ", "") == strings.ReplaceAll(cw.taxonomy, " ", "") ||
		strings.Contains(strings.ToLower(t.URI), strings.ReplaceAll(cw.taxonomy, " ", ""))
}

// lookup returns the kinds for one term, by its code, id or name, and
// whether the crosswalk knows the term at all (a known term may give no
// kinds: "Adults" says who a service is for, not what it offers).
func (cw *crosswalk) lookup(t directory.Term) ([]string, bool) {
	if cw.ofVocabulary(t) {
		for _, id := range []string{t.Code, t.ID} {
			if k, ok := cw.byID[id]; ok && id != "" {
				return k, true
			}
		}
	}
	k, ok := cw.byName[termName(t.Name)]
	return k, ok && t.Name != ""
}

// termName normalises a term or vocabulary name so that "Food Pantries",
// "food pantry" and "Food-Pantry" meet: folded words joined by spaces.
func termName(s string) string {
	toks := tokens(s)
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.Norm
	}
	return strings.Join(words, " ")
}

// union appends to a the strings of b it does not already hold.
func union(a, b []string) []string {
	for _, s := range b {
		if !contains(a, s) {
			a = append(a, s)
		}
	}
	return a
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
