package casework

// MaxScore is the top of the 0 to 10 scale every ONS4 question uses.
const MaxScore = 10

// JSON keys of the four ONS personal wellbeing questions.
const (
	QuestionLife       = "life_satisfaction"
	QuestionWorthwhile = "worthwhile"
	QuestionHappy      = "happy"
	QuestionAnxious    = "anxious"
)

// Question is one ONS personal wellbeing question.
type Question struct {
	Key   string // JSON key: life_satisfaction, worthwhile, happy, anxious
	Label string // short, for charts and tables
	Text  string // as asked in the ONS Annual Population Survey
	Low   string // what 0 means
	High  string // what 10 means
	// LowerIsBetter is true for anxiety, the one question where a fall
	// is good news.
	LowerIsBetter bool
}

// Questions are the four ONS personal wellbeing questions ("ONS4") in
// the Annual Population Survey's order and wording, which is the GSS
// harmonised standard (shared/standards/outcome-measures.md §1, sources
// [O1] [O2]). The wording must not be paraphrased: scores are only
// comparable with national figures when asked the same way.
var Questions = []Question{
	{Key: QuestionLife, Label: "Life satisfaction",
		Text: "Overall, how satisfied are you with your life nowadays?",
		Low:  "not at all satisfied", High: "completely satisfied"},
	{Key: QuestionWorthwhile, Label: "Worthwhile",
		Text: "Overall, to what extent do you feel that the things you do in your life are worthwhile?",
		Low:  "not at all worthwhile", High: "completely worthwhile"},
	{Key: QuestionHappy, Label: "Happy",
		Text: "Overall, how happy did you feel yesterday?",
		Low:  "not at all happy", High: "completely happy"},
	{Key: QuestionAnxious, Label: "Anxious",
		Text: "Overall, how anxious did you feel yesterday?",
		Low:  "not at all anxious", High: "completely anxious", LowerIsBetter: true},
}

// Score returns o's answer to the question with the given JSON key, or
// -1 for an unknown key.
func (o ONS4) Score(key string) int {
	switch key {
	case QuestionLife:
		return o.Life
	case QuestionWorthwhile:
		return o.Worthwhile
	case QuestionHappy:
		return o.Happy
	case QuestionAnxious:
		return o.Anxious
	}
	return -1
}

// Band names the ONS reporting band of score for the question with the
// given JSON key: "low", "medium", "high" or "very high", and for anxiety
// "very low", "low", "medium" or "high". It returns "" for an unknown
// question or a score outside 0 to 10.
//
// The thresholds are those ONS uses to report the spread of scores
// (outcome-measures.md §1, source [O4]). Anxiety's bands run the other
// way: "very low" (0–1) is the best and "high" (6–10) the worst, so a
// band alone never says whether a score is good; see [Question].
func Band(question string, score int) string {
	if score < 0 || score > MaxScore {
		return ""
	}
	switch question {
	case QuestionLife, QuestionWorthwhile, QuestionHappy:
		switch {
		case score <= 4:
			return "low"
		case score <= 6:
			return "medium"
		case score <= 8:
			return "high"
		}
		return "very high"
	case QuestionAnxious:
		switch {
		case score <= 1:
			return "very low"
		case score <= 3:
			return "low"
		case score <= 5:
			return "medium"
		}
		return "high"
	}
	return ""
}

// Change returns, for each question's JSON key, last's score minus
// first's. A rise is an improvement except for anxious, where a fall is.
func Change(first, last ONS4) map[string]int {
	m := make(map[string]int, len(Questions))
	for _, q := range Questions {
		m[q.Key] = last.Score(q.Key) - first.Score(q.Key)
	}
	return m
}
