package kinds

import (
	"strings"
	"unicode"
)

// token is one word of a text as the classifier sees it: Norm is folded
// (lower case, US spelling to UK, lightly stemmed) so that "Counseling",
// "counselling" and "counsellor" meet; Word is the word as written,
// lower-cased, for explaining a decision in the text's own words.
type token struct {
	Norm string
	Word string
}

// feature is one input of the model: a folded word, or two folded words
// that stand next to each other once stopwords are out ("behind rent"
// from "behind on the rent"), with the words of the text it came from
// (Second is "" for a single word).
type feature struct {
	Name          string
	First, Second string
	weights       []weight // the model's, set by predict
}

// weightFor returns f's weight for kind k.
func (f feature) weightFor(k int) float64 {
	for _, w := range f.weights {
		if w.kind == k {
			return w.w
		}
	}
	return 0
}

// pair reports whether f is a word pair.
func (f feature) pair() bool { return f.Second != "" }

// words returns the words of the text f came from, joined by a space.
func (f feature) words() string {
	if f.pair() {
		return f.First + " " + f.Second
	}
	return f.First
}

// tokens splits text into words, drops stopwords and folds the rest.
// Apostrophes are dropped so "can't" and "cant" read the same; digits
// are kept ("12 step").
func tokens(text string) []token {
	text = apostrophes.Replace(strings.ToLower(text))
	var out []token
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if stopwords[w] || len(w) < 2 && !unicode.IsDigit(rune(w[0])) {
			continue
		}
		out = append(out, token{Norm: fold(w), Word: w})
	}
	return out
}

var apostrophes = strings.NewReplacer("’", "", "'", "")

// features returns the model's inputs for text: each folded word and
// each pair of neighbouring words, once each, in order of appearance.
func features(text string) []feature {
	toks := tokens(text)
	seen := make(map[string]bool, 2*len(toks))
	out := make([]feature, 0, 2*len(toks))
	add := func(f feature) {
		if !seen[f.Name] {
			seen[f.Name] = true
			out = append(out, f)
		}
	}
	for i, t := range toks {
		if !pairOnly[t.Word] {
			add(feature{Name: t.Norm, First: t.Word})
		}
		if i > 0 {
			p := toks[i-1]
			add(feature{Name: p.Norm + " " + t.Norm, First: p.Word, Second: t.Word})
		}
	}
	return out
}

// fold turns a lower-case word into the form the model knows: a US
// spelling or word into the UK one, then a light stem that takes off
// plural and verb endings ("pantries" → "pantry", "walking" → "walk").
func fold(w string) string {
	if uk, ok := usToUK[w]; ok {
		w = uk
	}
	return stem(w)
}

// stem removes common English endings. It is deliberately light: a
// wrong stem costs little as long as the same word always gets the same
// stem, which is all the model needs.
func stem(w string) string {
	n := len(w)
	switch {
	case n <= 3:
		return w
	case strings.HasSuffix(w, "ies") && n > 4:
		w = w[:n-3] + "y"
	case strings.HasSuffix(w, "sses"):
		w = w[:n-2]
	case strings.HasSuffix(w, "ness") && n > 6:
		w = w[:n-4]
	case strings.HasSuffix(w, "ing") && n > 6:
		w = w[:n-3]
	case strings.HasSuffix(w, "ed") && n > 4 && !strings.HasSuffix(w, "eed"):
		w = w[:n-2]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		w = w[:n-1]
	}
	// -ise/-ize, -isation/-ization: UK and US spellings of one word.
	w = strings.Replace(w, "iz", "is", 1)
	// Double letters left by stemming ("running", "counselled").
	if n := len(w); n > 3 && w[n-1] == w[n-2] && w[n-1] != 's' && w[n-1] != 'e' {
		w = w[:n-1]
	}
	// A final e comes and goes with endings ("advise"/"advising").
	if n := len(w); n > 4 && w[n-1] == 'e' && w[n-2] != 'e' {
		w = w[:n-1]
	}
	return w
}

// usToUK maps US spellings and words to the UK ones used in the
// training listings, so a US directory's text meets the same weights.
// Words that differ only by -ize/-ise are handled by stem.
var usToUK = map[string]string{
	"counseling": "counselling", "counselor": "counsellor", "counselors": "counsellors", "counseled": "counselled",
	"program": "programme", "programs": "programmes",
	"center": "centre", "centers": "centres", "neighbor": "neighbour", "neighbors": "neighbours",
	"neighborhood": "neighbourhood", "behavior": "behaviour", "behavioral": "behavioural",
	"color": "colour", "favor": "favour", "labor": "labour", "humor": "humour",
	"theater": "theatre", "meter": "metre", "fiber": "fibre", "aging": "ageing",
	"pediatric": "paediatric", "anemia": "anaemia", "esthetic": "aesthetic", "anesthetic": "anaesthetic",
	"diaper": "nappy", "diapers": "nappies", "apartment": "flat", "apartments": "flats",
	"senior": "older", "seniors": "older",
	"gray": "grey", "mom": "mum", "moms": "mums", "mommy": "mummy", "fulfill": "fulfil",
	"enroll": "enrol", "enrollment": "enrolment", "license": "licence", "defense": "defence",
	"offense": "offence", "practice": "practise", "catalog": "catalogue", "dialog": "dialogue",
	"traveling": "travelling", "traveled": "travelled", "canceled": "cancelled", "modeling": "modelling",
	"jewelry": "jewellery", "cozy": "cosy", "pajamas": "pyjamas", "tire": "tyre", "tires": "tyres",
	"gynecology": "gynaecology", "hematology": "haematology", "orthopedic": "orthopaedic",
	"fetal": "foetal", "estrogen": "oestrogen", "edema": "oedema", "leukemia": "leukaemia",
}

// stopwords carry no sign of a kind of support on their own. Negations
// and words such as "behind", "anyone" and "nowhere" are kept: with
// their neighbours they say a lot ("behind rent", "nowhere stay").
var stopwords = wordSet(`a an the and or but if then so of to in on at by for from with into onto
		about as is are was were be been being am im ive id ill its it this that these those there their theirs
		they them he she his her hers him we us our ours you your yours youre i me my mine myself
		do does did doing done have has had having would could should will shall can may might must
		what which who whom whose when where how why all each every some such than too very just also
		get got gets getting go going goes went make makes made really quite bit lot lots much many
		here out up down over off again still even only own same other others another any more most
		one two thing things way ways well want wants wanted need needs needed like likes
		please thank thanks hello hi yes okay ok etc eg ie per via help someone somebody`)

// pairOnly words mean something only beside another word: "behind the
// rent", "don't know anyone", "never see anyone". Alone they would
// light up whatever kind the training texts used them with ("don't"
// for crisis, from "I don't want to be here"), so they make word pairs
// but are not features, and so never a reason, by themselves.
var pairOnly = wordSet(`dont doesnt didnt cant cannot couldnt wont wouldnt isnt arent wasnt havent hasnt
	not no never nobody nothing anyone anybody anything everyone everybody someone
	behind know round around feel felt see keep without away back enough anymore always`)

func wordSet(words string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(words) {
		set[w] = true
	}
	return set
}
