package matcher

import (
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
)

// A directory's kinds of support are often inferred from its own text,
// and the inference can miss or mislead; the need's own words in a
// listing decide between listings of the same inferred kind, and find a
// listing whose kinds miss the need altogether.
func TestKindFitWeighsInferredKindsAndTheNeedsWords(t *testing.T) {
	m := New(nil, nil, testConfig)
	need := directory.ConceptMatch{Phrase: "behind on the rent", Kinds: []string{"housing-support"}, Expand: []string{"rent arrears", "eviction"}}
	r := &reading{groups: []group{{label: need.Phrase, kinds: need.Kinds, weight: 1, cues: cueStems(need)}}}
	if got := r.groups[0].cues; len(got) != 3 {
		t.Fatalf("cues %v, want rent, arrear and eviction (not ‘behind’, ‘on’, ‘the’)", got)
	}
	for _, c := range r.groups[0].cues {
		if c == "behind" {
			t.Fatalf("cues %v include a word with no signal", r.groups[0].cues)
		}
	}
	svc := func(name, desc string, k ...directory.ServiceKind) *directory.Service {
		return &directory.Service{ID: name, Name: name, Description: desc, Status: directory.StatusActive, Kinds: k}
	}
	inferred := directory.ServiceKind{ID: "housing-support", Source: directory.KindInferred, Confidence: 0.9}
	tagged := directory.ServiceKind{ID: "housing-support", Source: directory.KindTagged, Confidence: 1}
	kind := func(s *directory.Service) float64 {
		c := &candidate{s: s, distanceKm: -1}
		m.score(c, &Profile{Priorities: need.Phrase}, r, Uptake{}, 0.5, time.Now())
		return c.comp[CKind]
	}
	prevention := kind(svc("Homeless Prevention", "Emergency rent payments for people facing eviction.", inferred))
	jail := kind(svc("Detention Centre", "Houses inmates awaiting trial.", inferred))
	sure := kind(svc("Housing Advice", "Advice on tenancies.", tagged))
	wordsOnly := kind(svc("Emergency Food and Shelter", "Help to pay rent, utility bills and food in a crisis."))
	nothing := kind(svc("Choir", "Singing on Tuesdays."))
	if !(prevention > jail) {
		t.Errorf("inferred kind with the need's words %.3f, without %.3f: want the first higher", prevention, jail)
	}
	if sure != 1 {
		t.Errorf("a tagged kind fits %.3f, want 1 whatever its words", sure)
	}
	if !(wordsOnly > 0 && wordsOnly < jail) {
		t.Errorf("a listing naming the need with no matching kind fits %.3f; want above 0 and below a kind match (%.3f)", wordsOnly, jail)
	}
	if nothing != 0 {
		t.Errorf("an unrelated listing fits %.3f, want 0", nothing)
	}
}
