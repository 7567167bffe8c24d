package indexer

import (
	"strings"
	"testing"
)

func TestConceptsExpand(t *testing.T) {
	c, err := LoadConcepts(strings.NewReader(`{"concepts": [
		{"phrases": ["on my own", "lonely"], "kinds": ["befriending"], "expand": ["company"]},
		{"phrases": ["bailiffs", "can't pay", "since * died"], "kinds": ["debt-advice"]},
		{"phrases": ["toddler"], "kinds": ["parents-and-families"]}
	]}`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text, phrases, rest string
	}{
		{"I'm on my own and the BAILIFFS came", "on my own|bailiffs", "im and the came"},
		{"cant pay the rent", "cant pay", "the rent"},
		{"two toddlers", "toddlers", "two"},
		{"since Brenda died I am lonely", "since brenda died|lonely", "i am"},
		{"nothing known here", "", "nothing known here"},
	}
	for _, tt := range tests {
		matches, rest := c.Expand(tt.text)
		var got []string
		for _, m := range matches {
			got = append(got, m.Phrase)
		}
		if strings.Join(got, "|") != tt.phrases || strings.Join(rest, " ") != tt.rest {
			t.Errorf("Expand(%q) = %q, rest %q; want %q, rest %q", tt.text, strings.Join(got, "|"), strings.Join(rest, " "), tt.phrases, tt.rest)
		}
	}
	if _, err := LoadConcepts(strings.NewReader(`{"concepts": [{"phrases": ["x"], "kinds": ["a"]}, {"phrases": ["X"], "kinds": ["b"]}]}`)); err == nil {
		t.Error("a phrase in two concepts was accepted")
	}
}
