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

// indexReach answers [reports.Reach] from the directory's search index
// as it is today, asking once per district and kind.
type indexReach struct {
	search Searcher
	places Places
	seen   map[[2]string]bool
	// places found, by district; a district the postcode data does not
	// know is held as not found.
	found map[string]*geo.Place
}

func (h *Handler) reach() *indexReach {
	return &indexReach{search: h.search, places: h.places, seen: map[[2]string]bool{}, found: map[string]*geo.Place{}}
}

// Reachable reports whether a listed service of the kind is within
// [ReachKm] of the district's centre or can be used from home; known is
// false for a district the postcode data does not know.
func (x *indexReach) Reachable(ctx context.Context, district, kind string) (ok, known bool, err error) {
	place, looked := x.found[district]
	if !looked {
		if p, err := x.places.Lookup(district); err == nil {
			place = &p
		}
		x.found[district] = place
	}
	if place == nil {
		return false, false, nil
	}
	key := [2]string{district, kind}
	if ok, done := x.seen[key]; done {
		return ok, true, nil
	}
	res, err := x.search.Search(ctx, directory.Query{Kinds: []string{kind}, Near: &place.Point, RadiusKm: ReachKm,
		Remote: directory.RemoteIncluded, Limit: 1})
	if err != nil {
		return false, true, err
	}
	x.seen[key] = res.Total > 0
	return x.seen[key], true, nil
}
