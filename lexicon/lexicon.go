// Package lexicon holds what Linkway knows about English words apart from
// any directory: the words that carry no signal on their own, the US and
// UK spellings and words that mean the same, and edit distance for
// correcting typos. Every list here is written by us.
package lexicon

import "strings"

// noSignal are everyday words that say nothing about what a person needs
// when they stand alone: "I'm behind on the rent" needs rent advice, and
// "behind" found in a walking group's listing ("leave your worries
// behind") is no reason to suggest it. They are never searched alone nor
// shown as reasons.
var noSignal = set(`
a about above across actually after again against ago all almost along already also although always am
among an and another any anymore anyone anything anyway anywhere are around as ask asked at away back bad bit
be because become been before behind being below best better between big both but by came can cannot cant
come comes coming could couldnt day days did didnt do does doesnt doing done dont down during each early else
enough even ever every everyone everything far feel feeling feels felt few find first for found from get gets
getting give go goes going gone good got great had hard has have having he her here hers herself him himself
his how however i id if ill im in into is isnt it its itself ive just keep kind kinds know known last least
less let lets like little long look looking lot lots made make makes many may maybe me mean might mine more
most much must my myself near need needed needs never new next nice no nobody none nor not nothing now of off
often ok okay on once one only or other others our out over own part people person place please pretty
quite rather really right round said same say see seem seems seen she should since so some somebody someone
something sometimes soon sort still stuff such sure take taken tell than thank thanks that thats the their
them themselves then there these they thing things think this those though thought through time times to
today together too took toward towards try trying under until up upon us use used very want wanted wants was
way ways we week weeks well went were what whatever when where whether which while who whole whom whose why
will with within without wont would wouldnt year years yes yet you youd youll your youre yours yourself
month months lately recently currently anymore usual usually especially probably definitely basically
around somewhere everywhere nowhere thing really truly totally literally kinda sorta
`)

// NoSignal says whether w, lower case, carries no signal on its own.
func NoSignal(w string) bool { return noSignal[w] }

// Filler are the words people put inside a phrase without changing what
// it says: "behind on the rent" is "behind on rent", "feeling really
// low" is "feeling low".
var filler = set(`the a an really very so quite pretty bit little just totally completely rather fairly too`)

// Filler says whether w can be left out of a phrase without changing it.
func Filler(w string) bool { return filler[w] }

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
