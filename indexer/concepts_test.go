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

func TestConceptsRefusals(t *testing.T) {
	c, err := LoadConcepts(strings.NewReader(`{"concepts": [
		{"phrases": ["coffee mornings", "groups", "on my own"], "kinds": ["social-groups"]},
		{"phrases": ["bailiffs"], "kinds": ["debt-advice"]},
		{"phrases": ["housebound"], "kinds": [], "at_home": true}
	]}`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text    string
		negated string // the phrases read as refused
		kept    string
	}{
		{"I'm not one for coffee mornings", "coffee mornings", "im"},
		{"I don't like big groups", "groups", "i"},
		{"coffee mornings aren't for me", "coffee mornings", "arent for me"},
		{"I hate being on my own", "", "i hate being on my own"},
		{"I don't want bailiffs at the door", "", "i dont want bailiffs at the door"},
		{"I love coffee mornings", "", "i love coffee mornings"},
	}
	for _, tt := range tests {
		r := c.read(tt.text)
		kept := r.kept
		var negated []string
		for _, m := range r.matches {
			if m.Negated {
				negated = append(negated, m.Phrase)
			}
		}
		if strings.Join(negated, "|") != tt.negated || strings.Join(kept, " ") != tt.kept {
			t.Errorf("read(%q): refused %q, kept %q; want %q, %q", tt.text, negated, kept, tt.negated, tt.kept)
		}
	}
	if m, _ := c.Expand("housebound since my fall"); len(m) != 1 || !m[0].AtHome {
		t.Errorf("Expand(housebound) = %+v, want an at-home reading", m)
	}
}
