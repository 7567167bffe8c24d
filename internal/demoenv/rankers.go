package demoenv

import (
	"context"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/matcher"
)

// MatchRanker ranks with the matcher, counting suggestions for which
// breaks names a hard constraint (matcher.Violation, or a test's own
// independent check).
func (e *Env) MatchRanker(breaks func(p *matcher.Profile, s *directory.Service, distanceKm float64) string) matcher.Ranker {
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
		concepts := e.Index.Concepts
		e.Index.Concepts = nil
		defer func() { e.Index.Concepts = concepts }()
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
