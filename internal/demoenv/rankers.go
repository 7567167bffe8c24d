package demoenv

import (
	"context"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/geo"
	"github.com/linkway/linkway/matcher"
)

// Breaks names the hard constraint a suggestion breaks, or returns "";
// distanceKm is to the service's nearest place, -1 when it has none
// ([matcher.Violation], or a test's own independent check).
type Breaks func(p *matcher.Profile, s *directory.Service, distanceKm float64) string

// Evaluate scores the matcher and the keyword baseline on scenarios,
// counting the suggestions of both that breaks faults.
func (e *Env) Evaluate(ctx context.Context, scenarios []matcher.Scenario, breaks Breaks) (match, baseline *matcher.Report, err error) {
	toProfile := func(r *matcher.Request) (matcher.Profile, error) { return r.Profile(e.Geocode, e.Kinds) }
	if match, err = matcher.Evaluate(ctx, scenarios, toProfile, e.MatchRanker(breaks)); err != nil {
		return nil, nil, err
	}
	if baseline, err = matcher.Evaluate(ctx, scenarios, toProfile, e.checked(e.KeywordRanker(), breaks)); err != nil {
		return nil, nil, err
	}
	return match, baseline, nil
}

// checked counts the suggestions of rank that breaks faults, reading
// each from the store, for rankers that do not count their own.
func (e *Env) checked(rank matcher.Ranker, breaks Breaks) matcher.Ranker {
	return func(ctx context.Context, p matcher.Profile) ([]string, int, error) {
		ids, _, err := rank(ctx, p)
		if err != nil {
			return nil, 0, err
		}
		violations := 0
		for _, id := range ids {
			s, err := e.DB.Service(ctx, id)
			if err != nil {
				return nil, 0, err
			}
			if breaks(&p, s, nearestKm(&p, s)) != "" {
				violations++
			}
		}
		return ids, violations, nil
	}
}

// nearestKm is the distance from the person to the service's nearest
// place, -1 when either has none.
func nearestKm(p *matcher.Profile, s *directory.Service) float64 {
	best := -1.0
	if p.Location == nil {
		return best
	}
	for _, sal := range s.Locations {
		if pt := sal.Location.Point; pt != nil {
			if d := geo.DistanceKm(*p.Location, *pt); best < 0 || d < best {
				best = d
			}
		}
	}
	return best
}

// MatchRanker ranks with the matcher, counting suggestions for which
// breaks names a hard constraint (matcher.Violation, or a test's own
// independent check).
func (e *Env) MatchRanker(breaks Breaks) matcher.Ranker {
	return func(ctx context.Context, p matcher.Profile) ([]string, int, error) {
		res, err := e.Matcher.Match(ctx, p)
		if err != nil {
			return nil, 0, err
		}
		var ids []string
		violations := 0
		for _, m := range res.Matches {
			ids = append(ids, m.Service.ID)
			if breaks(&p, m.Service, m.DistanceKm) != "" {
				violations++
			}
		}
		return ids, violations, nil
	}
}

// KeywordRanker is the baseline: the person's words as a plain keyword
// search with the same hard filters, without the concept map or scoring.
func (e *Env) KeywordRanker() matcher.Ranker {
	return func(ctx context.Context, p matcher.Profile) ([]string, int, error) {
		q := directory.Query{
			Text:      p.Priorities,
			Accepting: []directory.Capacity{directory.CapacityOpen, directory.CapacityWaitingList},
			Age:       p.Age, Free: p.FreeOnly, Limit: 10, Remote: directory.RemoteExcluded,
		}
		if p.OnlineOK {
			q.Remote = directory.RemoteIncluded
		}
		if p.Location != nil {
			q.Near, q.RadiusKm = p.Location, p.Radius()
		}
		concepts, classify := e.Index.Concepts, e.Index.Classify
		e.Index.Concepts, e.Index.Classify = nil, nil
		defer func() { e.Index.Concepts, e.Index.Classify = concepts, classify }()
		res, err := e.Index.Search(ctx, q)
		if err != nil {
			return nil, 0, err
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		return ids, 0, nil
	}
}

// Name returns a service's name, or its id when it is not found.
func (e *Env) Name(ctx context.Context, id string) string {
	s, err := e.DB.Service(ctx, id)
	if err != nil {
		return id
	}
	return s.Name
}
