package matcher

import (
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
)

// TestMentionsOnlyMeaningfulWords: a listing found by its words is
// explained by the person's words that carry meaning, as the search
// gives them, and never by "behind", "round" or "here" though the
// listing and the person both use them.
func TestMentionsOnlyMeaningfulWords(t *testing.T) {
	m := New(nil, nil, testConfig)
	p := &Profile{Priorities: "I'm behind with my worries, I don't know anyone round here"}
	walk := &directory.Service{ID: "walk", Name: "Riverside Rambles", Status: directory.StatusActive,
		Description: "Leave your worries behind on a walk round the park; everyone here is friendly."}
	tests := []struct {
		words []string // as the search gave them
		want  string   // the mentions reason, "" for none
	}{
		{nil, ""},
		{[]string{"worries"}, "mentions ‘worries’"},
	}
	for _, tt := range tests {
		c := &candidate{s: walk, distanceKm: -1}
		m.score(c, p, &reading{words: tt.words}, Uptake{}, 0.5, time.Now())
		got := ""
		for _, r := range c.reasons {
			if strings.HasPrefix(r, "mentions") {
				got = r
			}
		}
		if got != tt.want {
			t.Errorf("words %q: reasons %q, want %q", tt.words, c.reasons, tt.want)
		}
	}
}

// TestInferredNeedWeighsLess: a service of a kind the classifier inferred
// fits less than one of a kind a phrase or the link worker named.
func TestInferredNeedWeighsLess(t *testing.T) {
	m := New(nil, nil, testConfig)
	p := &Profile{Priorities: "x"}
	befriend := &directory.Service{ID: "b", Name: "Friendly Faces", Status: directory.StatusActive,
		Kinds: []directory.ServiceKind{{ID: "befriending"}}}
	named := &candidate{s: befriend, distanceKm: -1}
	m.score(named, p, &reading{groups: []group{{label: "lonely", kinds: []string{"befriending"}, weight: 1}}}, Uptake{}, 0.5, time.Now())
	inferred := &candidate{s: befriend, distanceKm: -1}
	m.score(inferred, p, &reading{groups: []group{{label: "dont know anyone", kinds: []string{"befriending"}, weight: inferredWeight}}}, Uptake{}, 0.5, time.Now())
	if named.comp[CKind] != 1 || inferred.comp[CKind] != inferredWeight {
		t.Errorf("kind component named %v, inferred %v; want 1 and %v", named.comp[CKind], inferred.comp[CKind], inferredWeight)
	}
	if !strings.Contains(strings.Join(inferred.reasons, "|"), "matches ‘dont know anyone’ →") {
		t.Errorf("inferred reasons %q, want the words that led to it", inferred.reasons)
	}
}
