package lexicon

import (
	"strings"
	"testing"
)

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"lonely", "lonely", 0},
		{"loneley", "lonely", 1}, // one letter too many
		{"lonley", "lonely", 1},  // two letters swapped
		{"befrendin", "befriending", 2},
		{"walk", "talk", 1},
		{"counseling", "counselling", 1},
		{"abc", "xyzabc", 3}, // past the limit: limit+1
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b, 2); got != min(tt.want, 3) {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, min(tt.want, 3))
		}
	}
}

func TestCorrect(t *testing.T) {
	v := NewVocabulary(map[string]int{
		"befriending": 40, "lonely": 12, "lovely": 30, "walking": 50, "talking": 5, "counselling": 9, "bank": 8,
	})
	tests := []struct {
		word, want string
		ok         bool
	}{
		{"befrendin", "befriending", true},
		{"loneley", "lonely", true}, // one edit from lonely, two from lovely
		{"walkign", "walking", true},
		{"lovely", "", false},  // known: never corrected
		{"bnak", "bank", true}, // four letters: one swap
		{"here", "", false},    // no signal
		{"xylophone", "", false},
		{"cat", "", false},      // too short to correct
		{"walkings", "", false}, // an inflection of a word it knows, not a typo of talking
	}
	for _, tt := range tests {
		got, ok := v.Correct(tt.word)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Correct(%q) = %q, %v; want %q, %v", tt.word, got, ok, tt.want, tt.ok)
		}
	}
}

func TestUK(t *testing.T) {
	tests := map[string]string{
		"counseling": "counselling", "program": "programme", "center": "centre", "neighbor": "neighbour",
		"color": "colour", "pediatric": "paediatric", "license": "licence", "aging": "ageing",
		"organize": "organise", "organization": "organisation", "analyze": "analyse", "traveling": "travelling",
		"feeling": "feeling", "size": "size", "counselling": "counselling", "travelling": "travelling", "rent": "rent",
	}
	for us, want := range tests {
		if got := UK(us); got != want {
			t.Errorf("UK(%q) = %q, want %q", us, got, want)
		}
	}
}

func TestSynonyms(t *testing.T) {
	got := Synonyms(strings.Fields("is there a food pantry near me"))
	var s []string
	for _, p := range got {
		s = append(s, strings.Join(p, " "))
	}
	if !strings.Contains(strings.Join(s, "|"), "food bank") {
		t.Errorf("Synonyms(food pantry) = %q, want food bank among them", s)
	}
	if got := Synonyms(strings.Fields("nothing to see")); len(got) != 0 {
		t.Errorf("Synonyms(nothing to see) = %q, want none", got)
	}
}
