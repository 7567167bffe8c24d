package casework

import (
	"maps"
	"testing"
)

func TestBand(t *testing.T) {
	// The ONS threshold table (outcome-measures.md §1), one row per score.
	positive := []string{"low", "low", "low", "low", "low", "medium", "medium", "high", "high", "very high", "very high"}
	anxious := []string{"very low", "very low", "low", "low", "medium", "medium", "high", "high", "high", "high", "high"}
	for score := range 11 {
		for _, q := range []string{QuestionLife, QuestionWorthwhile, QuestionHappy} {
			if got := Band(q, score); got != positive[score] {
				t.Errorf("Band(%s, %d) = %q, want %q", q, score, got, positive[score])
			}
		}
		if got := Band(QuestionAnxious, score); got != anxious[score] {
			t.Errorf("Band(anxious, %d) = %q, want %q", score, got, anxious[score])
		}
	}
	for _, tt := range []struct {
		q     string
		score int
	}{{QuestionLife, -1}, {QuestionAnxious, 11}, {"wellbeing", 5}, {"", 5}} {
		if got := Band(tt.q, tt.score); got != "" {
			t.Errorf("Band(%q, %d) = %q, want empty", tt.q, tt.score, got)
		}
	}
}

func TestQuestions(t *testing.T) {
	want := map[string]string{
		"life_satisfaction": "Overall, how satisfied are you with your life nowadays?",
		"worthwhile":        "Overall, to what extent do you feel that the things you do in your life are worthwhile?",
		"happy":             "Overall, how happy did you feel yesterday?",
		"anxious":           "Overall, how anxious did you feel yesterday?",
	}
	got := map[string]string{}
	for _, q := range Questions {
		got[q.Key] = q.Text
		if q.LowerIsBetter != (q.Key == "anxious") {
			t.Errorf("%s: LowerIsBetter = %v", q.Key, q.LowerIsBetter)
		}
	}
	if !maps.Equal(got, want) || len(Questions) != 4 {
		t.Errorf("Questions = %v, want %v", got, want)
	}
}

func TestChange(t *testing.T) {
	first := ONS4{Life: 3, Worthwhile: 5, Happy: 4, Anxious: 8}
	last := ONS4{Life: 7, Worthwhile: 5, Happy: 2, Anxious: 3}
	want := map[string]int{"life_satisfaction": 4, "worthwhile": 0, "happy": -2, "anxious": -5}
	if got := Change(first, last); !maps.Equal(got, want) {
		t.Errorf("Change() = %v, want %v", got, want)
	}
}
