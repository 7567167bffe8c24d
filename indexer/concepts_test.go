package indexer

import (
	"os"
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

// TestConceptsReadSentences: phrases are found with filler words inside
// them and US spellings, each need of a long sentence is read, and the
// clauses no phrase covers are left for the classifier, split at
// punctuation and joining words but not inside a phrase.
func TestConceptsReadSentences(t *testing.T) {
	f, err := os.Open("../data/concepts.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c, err := LoadConcepts(f)
	if err != nil {
		t.Fatal(err)
	}
	kinds := func(text string) map[string]bool {
		out := map[string]bool{}
		for _, m := range c.read(text).matches {
			if !m.Negated && len(m.Kinds) > 0 {
				out[m.Kinds[0]] = true
			}
		}
		return out
	}
	for _, tt := range []struct{ text, want string }{
		{"I'm behind on the rent", "housing-support"},
		{"I've been feeling really low", "mental-health-peer-support"},
		{"I don't really see anyone any more", "befriending"},
		{"I lost my job last month", "employment-support"},
	} {
		if got := kinds(tt.text); !got[tt.want] {
			t.Errorf("read(%q) = %v, want %s", tt.text, got, tt.want)
		}
	}
	four := "I lost my job last month, I'm behind on the rent, I've been feeling really low and I don't really see anyone any more"
	got := kinds(four)
	for _, want := range []string{"employment-support", "housing-support", "mental-health-peer-support", "befriending"} {
		if !got[want] {
			t.Errorf("read(four needs) = %v, missing %s", got, want)
		}
	}

	for _, tt := range []struct{ text, open string }{
		{"I don't know anyone round here", "i dont know anyone round here"},
		{"I'm lonely and I don't know anyone round here", "i dont know anyone round here"},
		{"bailiffs. My son moved away, but I like arts and crafts", "my son moved away"},
		{"lonely", ""},
	} {
		var open []string
		for _, cl := range c.read(tt.text).open {
			open = append(open, strings.Join(cl, " "))
		}
		if strings.Join(open, "|") != tt.open {
			t.Errorf("read(%q) leaves %q open, want %q", tt.text, open, tt.open)
		}
	}
}
