// Package kinds decides which of Linkway's kinds of support a service
// offers, whatever taxonomy its feed uses, and which kinds a person's
// words are about.
//
// A service's kinds come, in this order of trust, from the feed tagging
// it with Linkway's own taxonomy, from a crosswalk of an open vocabulary
// the feed uses (data/crosswalks/), and from a classifier that reads its
// name, description and the names of its feed's terms. The classifier is
// one-vs-rest logistic regression over folded words and word pairs,
// trained by internal/tools/trainkinds into data/kinds/model.json; it can
// say which words led to each kind.
package kinds

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"math"
	"slices"
	"strings"

	"github.com/linkway/linkway/data"
	"github.com/linkway/linkway/directory"
)

// taxonomyID is the id of Linkway's own taxonomy (data/taxonomy.json).
const taxonomyID = "linkway-support"

const (
	// maxKinds is the most kinds a service is given.
	maxKinds = 4
	// AssignThreshold is the probability from which the classifier gives
	// a service a kind (one with no kind from its feed gets its most
	// likely kind from fallbackThreshold). On the held-out texts of
	// TestHeldOut, F1 climbs to a plateau from 0.7 up; at 0.7 precision
	// is 0.80 on written examples and 0.72 on demo listings, recall 0.78
	// and 0.69. The lower end of the plateau keeps recall (a kind a
	// service lacks hides it from browse and search by kind).
	AssignThreshold = 0.7
	// fallbackThreshold lets a service with no kind from its feed and
	// none over AssignThreshold still have its most likely kind, when
	// the classifier has some confidence in it, so it can be browsed.
	fallbackThreshold = 0.25
	// ReadThreshold is the probability from which Read reports a kind.
	ReadThreshold = 0.3
	// maxWhy is how many words explain one inferred kind.
	maxWhy = 3
)

// Assigner gives services their kinds of support and reads people's
// words into kinds. It is safe for concurrent use.
type Assigner struct {
	terms      []directory.Term
	known      map[string]bool
	crosswalks []*crosswalk
	model      *model
	version    string
}

// Reading is one kind of support a text is about, with the
// classifier's probability and the words of the text that led to it,
// most telling first. A word is one that carries meaning on its own
// ("rent", "lonely"); when only a pair of words does, the entry is the
// pair ("know anyone"). Words such as "behind" or "round" are never
// reasons alone.
type Reading struct {
	Kind        string
	Probability float64
	Words       []string
}

// Load reads taxonomy.json, crosswalks/*.json and kinds/model.json from
// fsys (data.FS in production).
func Load(fsys fs.FS) (*Assigner, error) {
	terms, err := readTaxonomy(fsys)
	if err != nil {
		return nil, err
	}
	a := &Assigner{terms: terms, known: map[string]bool{}}
	for _, t := range terms {
		a.known[t.ID] = true
	}
	h := sha256.New()
	taxBytes, err := fs.ReadFile(fsys, "taxonomy.json")
	if err != nil {
		return nil, fmt.Errorf("kinds: %w", err)
	}
	h.Write(taxBytes)

	files, err := fs.Glob(fsys, "crosswalks/*.json")
	if err != nil {
		return nil, fmt.Errorf("kinds: %w", err)
	}
	for _, name := range files { // Glob sorts, so the version is stable
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("kinds: %w", err)
		}
		cw, err := parseCrosswalk(b, a.known)
		if err != nil {
			return nil, fmt.Errorf("kinds: %s: %w", name, err)
		}
		a.crosswalks = append(a.crosswalks, cw)
		fmt.Fprintf(h, "\x00%s\x00", name)
		h.Write(b)
	}

	b, err := fs.ReadFile(fsys, "kinds/model.json")
	if err != nil {
		return nil, fmt.Errorf("kinds: %w", err)
	}
	if a.model, err = parseModel(b); err != nil {
		return nil, fmt.Errorf("kinds: model.json: %w", err)
	}
	for _, k := range a.model.kinds {
		if !a.known[k] {
			return nil, fmt.Errorf("kinds: model.json: %q is not a kind of support; retrain with go run ./internal/tools/trainkinds", k)
		}
	}
	h.Write([]byte("\x00model\x00"))
	h.Write(b)
	fmt.Fprintf(h, "\x00rules %d", assignRules)
	a.version = hex.EncodeToString(h.Sum(nil))[:16]
	return a, nil
}

// readTaxonomy reads Linkway's kinds from taxonomy.json in fsys.
func readTaxonomy(fsys fs.FS) ([]directory.Term, error) {
	terms, err := data.Taxonomy(fsys)
	if err != nil {
		return nil, fmt.Errorf("kinds: %w", err)
	}
	if len(terms) == 0 || terms[0].Taxonomy != taxonomyID {
		return nil, fmt.Errorf("kinds: taxonomy.json is not the %s taxonomy", taxonomyID)
	}
	return terms, nil
}

// assignRules numbers the rules Assign applies to a listing (precedence,
// thresholds, reading a clause at a time). Change it with those rules:
// it is part of Version, so listings stored under older rules get their
// kinds recomputed as when the model changes.
const assignRules = 2

// Version changes whenever the model, crosswalks, taxonomy or the rules
// of Assign change, so kinds stored with an older version can be
// recomputed.
func (a *Assigner) Version() string { return a.version }

// Kinds lists Linkway's kinds (id, name, description) in taxonomy order.
func (a *Assigner) Kinds() []directory.Term { return slices.Clone(a.terms) }

// Assign returns s's kinds, primary first, without changing s. A
// moderated service keeps its kinds. Otherwise the kinds the feed tags
// come first, then those its terms give through a crosswalk (ordered by
// the classifier's view of the listing), then those the classifier
// reads from its name, description and term names (whole and a clause
// at a time, so a listing naming several needs gets each; see
// readParts) with a probability of at least [AssignThreshold]; at most
// 4, each once. A service that would
// otherwise have no kind gets the classifier's most likely one from a
// lower probability, when its text has words for it, so that it can
// still be browsed.
func (a *Assigner) Assign(s *directory.Service) []directory.ServiceKind {
	if s.Moderated() {
		return slices.Clone(s.Kinds)
	}
	var out []directory.ServiceKind
	has := func(id string) bool {
		return slices.ContainsFunc(out, func(k directory.ServiceKind) bool { return k.ID == id })
	}

	for _, t := range s.Terms {
		if a.tagged(t) && !has(t.ID) && len(out) < maxKinds {
			out = append(out, directory.ServiceKind{ID: t.ID, Source: directory.KindTagged, Confidence: 1})
		}
	}

	read := a.model.readParts(a.serviceText(s))
	probs := read.probs
	prob := func(id string) float64 {
		if i := slices.Index(a.model.kinds, id); i >= 0 {
			return probs[i]
		}
		return 0
	}

	var walked []directory.ServiceKind
	for _, t := range s.Terms {
		if a.tagged(t) {
			continue
		}
		for _, id := range a.crosswalked(t, s.Terms) {
			if has(id) {
				continue
			}
			i := slices.IndexFunc(walked, func(k directory.ServiceKind) bool { return k.ID == id })
			if i < 0 {
				walked = append(walked, directory.ServiceKind{ID: id, Source: directory.KindCrosswalk, Confidence: 1})
				i = len(walked) - 1
			}
			if !slices.Contains(walked[i].Why, t.Name) {
				walked[i].Why = append(walked[i].Why, t.Name)
			}
		}
	}
	slices.SortStableFunc(walked, func(x, y directory.ServiceKind) int { return cmp.Compare(prob(y.ID), prob(x.ID)) })
	for _, k := range walked {
		if len(out) < maxKinds {
			out = append(out, k)
		}
	}

	byProb := make([]int, len(probs))
	for k := range byProb {
		byProb[k] = k
	}
	slices.SortStableFunc(byProb, func(x, y int) int { return cmp.Compare(probs[y], probs[x]) })
	for _, k := range byProb {
		p, id := probs[k], a.model.kinds[k]
		if len(out) >= maxKinds || p < fallbackThreshold || p < AssignThreshold && len(out) > 0 {
			break
		}
		why := a.model.explain(read.from[k], k)
		if has(id) || len(why) == 0 {
			continue
		}
		out = append(out, directory.ServiceKind{
			ID: id, Source: directory.KindInferred,
			Confidence: math.Round(p*1000) / 1000,
			Why:        why[:min(maxWhy, len(why))],
		})
	}
	return out
}

// tagged reports whether t is one of Linkway's own kinds: its id is a
// kind id, and it is in Linkway's taxonomy, in none named, or at least
// not in a vocabulary a crosswalk reads (where the same id could mean
// something else).
func (a *Assigner) tagged(t directory.Term) bool {
	return a.known[t.ID] && (t.Taxonomy == taxonomyID || t.Taxonomy == "" || !a.inCrosswalkVocabulary(t))
}

func (a *Assigner) inCrosswalkVocabulary(t directory.Term) bool {
	for _, cw := range a.crosswalks {
		if cw.ofVocabulary(t) {
			return true
		}
	}
	return false
}

// crosswalked returns the kinds a crosswalk gives t, or, when no
// crosswalk knows t, those of its nearest known ancestor: the parent is
// looked for among the service's other terms, else by its id alone.
func (a *Assigner) crosswalked(t directory.Term, terms []directory.Term) []string {
	for range 8 { // deeper than any vocabulary we know; stops a cycle
		for _, cw := range a.crosswalks {
			if ks, ok := cw.lookup(t); ok {
				return ks
			}
		}
		if t.ParentID == "" {
			return nil
		}
		i := slices.IndexFunc(terms, func(p directory.Term) bool { return p.ID == t.ParentID && p.Taxonomy == t.Taxonomy })
		if i >= 0 {
			t = terms[i]
		} else {
			t = directory.Term{ID: t.ParentID, Taxonomy: t.Taxonomy, URI: t.URI}
		}
	}
	return nil
}

// serviceText is what the classifier reads of a service: its name,
// description and the names of its feed's own terms (211-style
// vocabularies name their terms in plain words, even when their codes
// cannot be used).
func (a *Assigner) serviceText(s *directory.Service) string {
	var b strings.Builder
	b.WriteString(s.Name)
	b.WriteString(". ")
	b.WriteString(s.Description)
	for _, t := range s.Terms {
		if !a.tagged(t) && t.Name != "" {
			b.WriteString(". ")
			b.WriteString(t.Name)
		}
	}
	return b.String()
}

// Read classifies a person's free text (a clause or a sentence): the
// kinds with a probability of at least [ReadThreshold], best first, with
// the words that led to each. The text is read whole and a clause at a
// time (see readParts), so a sentence naming several needs gives each
// of them. A kind the text gives no words for (one lifted only by the
// model's prior) is left out.
func (a *Assigner) Read(text string) []Reading {
	read := a.model.readParts(text)
	var out []Reading
	for k, p := range read.probs {
		if p < ReadThreshold {
			continue
		}
		if words := a.model.explain(read.from[k], k); len(words) > 0 {
			out = append(out, Reading{Kind: a.model.kinds[k], Probability: p, Words: words})
		}
	}
	slices.SortStableFunc(out, func(x, y Reading) int { return cmp.Compare(y.Probability, x.Probability) })
	return out
}
