package public

import (
	"testing"

	"github.com/linkway/linkway/directory"
)

func TestKindPhrase(t *testing.T) {
	tests := []struct {
		name string
		kind directory.ServiceKind
		want string
	}{
		{"tagged", directory.ServiceKind{ID: "befriending", Source: directory.KindTagged, Confidence: 1}, "Befriending (as the feed lists it)"},
		{"crosswalk", directory.ServiceKind{ID: "befriending", Source: directory.KindCrosswalk, Confidence: 1, Why: []string{"Friendly Visiting"}},
			"Befriending (from the feed's term ‘Friendly Visiting’)"},
		{"crosswalk, two terms", directory.ServiceKind{ID: "befriending", Source: directory.KindCrosswalk, Confidence: 1, Why: []string{"Friendly Visiting", "Telephone Reassurance"}},
			"Befriending (from the feed's terms ‘Friendly Visiting’, ‘Telephone Reassurance’)"},
		{"inferred", directory.ServiceKind{ID: "befriending", Source: directory.KindInferred, Confidence: 0.8, Why: []string{"pantry", "groceries"}},
			"Befriending (inferred from ‘pantry’, ‘groceries’)"},
		{"inferred without words", directory.ServiceKind{ID: "befriending", Source: directory.KindInferred, Confidence: 0.4}, "Befriending (inferred from its description)"},
		{"moderated", directory.ServiceKind{ID: "befriending", Source: directory.KindModerated, Confidence: 1}, "Befriending (set by our directory team)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := kindPhrase(tt.kind, "Befriending"); got != tt.want {
				t.Errorf("kindPhrase() = %q, want %q", got, tt.want)
			}
		})
	}
}
