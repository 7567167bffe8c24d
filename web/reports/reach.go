package reports

import (
	"context"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/geo"
)

// ReachKm is how far from the centre of their postcode district people
// are taken to travel, for unmet need: the matcher's default when a
// person has not said how they travel. Casework records no distance per
// person, so one distance serves every area.
const ReachKm = 10

// kindFacets is how many kinds the index counts in one faceted search
// (indexer's "category" facet).
const kindFacets = 50

// indexReach answers [reports.Reach] from the directory's search index
// as it is today. It searches once per district, counting the services
// in reach by kind, rather than once per district and kind.
type indexReach struct {
	search Searcher
	places Places
	areas  map[string]*area
}

// area is what one district can reach.
type area struct {
	known     bool            // the postcode data places it
	kinds     map[string]bool // kinds with a service in reach
	truncated bool            // more kinds than one search counts
	point     geo.Place
}

func (h *Handler) reach() *indexReach {
	return &indexReach{search: h.search, places: h.places, areas: map[string]*area{}}
}

// Reachable reports whether a listed service of the kind is within
// [ReachKm] of the district's centre or can be used from home; known is
// false for a district the postcode data does not know.
func (x *indexReach) Reachable(ctx context.Context, district, kind string) (ok, known bool, err error) {
	a, err := x.area(ctx, district)
	if err != nil || !a.known {
		return false, false, err
	}
	if a.kinds[kind] || !a.truncated {
		return a.kinds[kind], true, nil
	}
	// A kind too rare to be among the counted ones: ask about it alone.
	res, err := x.search.Search(ctx, x.query(a, []string{kind}, false))
	if err != nil {
		return false, true, err
	}
	a.kinds[kind] = res.Total > 0
	return a.kinds[kind], true, nil
}

func (x *indexReach) area(ctx context.Context, district string) (*area, error) {
	if a, ok := x.areas[district]; ok {
		return a, nil
	}
	a := &area{kinds: map[string]bool{}}
	x.areas[district] = a
	p, err := x.places.Lookup(district)
	if err != nil {
		return a, nil // not placed: known stays false
	}
	a.known, a.point = true, p
	res, err := x.search.Search(ctx, x.query(a, nil, true))
	if err != nil {
		return a, err
	}
	counts := res.Facets["category"]
	for _, c := range counts {
		a.kinds[c.Value] = c.Count > 0
	}
	a.truncated = len(counts) >= kindFacets
	return a, nil
}

func (x *indexReach) query(a *area, kinds []string, facets bool) directory.Query {
	return directory.Query{Kinds: kinds, Near: &a.point.Point, RadiusKm: ReachKm, Remote: directory.RemoteIncluded, Limit: 1, Facets: facets}
}
