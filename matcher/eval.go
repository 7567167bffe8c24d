package matcher

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
)

// Scenario is one labelled referral: a profile as the API writes it and
// graded judgments of services (3 exactly right and feasible, 2 clearly
// useful, 1 marginal; unjudged services count as 0).
type Scenario struct {
	ID        string         `json:"id"`
	Story     string         `json:"story"`
	Profile   Request        `json:"profile"`
	Judgments map[string]int `json:"judgments"`
}

// LoadScenarios reads a labelled set (matcher/testdata/scenarios.json).
func LoadScenarios(r io.Reader) ([]Scenario, error) {
	var doc struct {
		Scenarios []Scenario `json:"scenarios"`
	}
	if err := json.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("matcher: scenarios: %w", err)
	}
	return doc.Scenarios, nil
}

// Score is how one ranking did on one scenario.
type Score struct {
	ID         string
	NDCG5      float64
	P5         float64 // share of the top 5 graded 2 or 3
	RR         float64 // 1/rank of the first grade-3 result, 0 when none
	Violations int     // suggestions that break a hard constraint
	Top        []string
}

// Report sums up an evaluation.
type Report struct {
	Scores     []Score
	NDCG5      float64
	P5         float64
	MRR        float64
	Violations int
}

// Ranker ranks services for a scenario's profile; it returns ids best
// first and how many break a hard constraint.
type Ranker func(ctx context.Context, p Profile) (ids []string, violations int, err error)

// Evaluate runs rank on every scenario and scores the rankings.
func Evaluate(ctx context.Context, scenarios []Scenario, toProfile func(*Request) (Profile, error), rank Ranker) (*Report, error) {
	rep := &Report{}
	for _, sc := range scenarios {
		p, err := toProfile(&sc.Profile)
		if err != nil {
			return nil, fmt.Errorf("scenario %s: %w", sc.ID, err)
		}
		ids, violations, err := rank(ctx, p)
		if err != nil {
			return nil, fmt.Errorf("scenario %s: %w", sc.ID, err)
		}
		s := ScoreRanking(ids, sc.Judgments)
		s.ID, s.Violations = sc.ID, violations
		rep.Scores = append(rep.Scores, s)
		rep.NDCG5 += s.NDCG5
		rep.P5 += s.P5
		rep.MRR += s.RR
		rep.Violations += violations
	}
	if n := float64(len(scenarios)); n > 0 {
		rep.NDCG5, rep.P5, rep.MRR = rep.NDCG5/n, rep.P5/n, rep.MRR/n
	}
	return rep, nil
}

// ScoreRanking computes nDCG@5 (gain 2^grade - 1), precision@5 with
// grade ≥ 2, and the reciprocal rank of the first grade-3 result.
func ScoreRanking(ids []string, judged map[string]int) Score {
	s := Score{Top: ids[:min(5, len(ids))]}
	dcg := 0.0
	for i, id := range s.Top {
		g := judged[id]
		dcg += (math.Pow(2, float64(g)) - 1) / math.Log2(float64(i)+2)
		if g >= 2 {
			s.P5 += 0.2
		}
	}
	var grades []int
	for _, g := range judged {
		grades = append(grades, g)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(grades)))
	ideal := 0.0
	for i, g := range grades[:min(5, len(grades))] {
		ideal += (math.Pow(2, float64(g)) - 1) / math.Log2(float64(i)+2)
	}
	if ideal > 0 {
		s.NDCG5 = dcg / ideal
	}
	for i, id := range ids {
		if judged[id] == 3 {
			s.RR = 1 / float64(i+1)
			break
		}
	}
	return s
}
