package indexer

import (
	"context"

	bgeo "github.com/blevesearch/bleve/v2/geo"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
	lgeo "github.com/linkway/linkway/geo"
	"github.com/paulmach/orb"
)

// nearQuery matches services with any of their places within km of a
// point. bleve's own distance query checks only the first point a
// document holds (its filter stops at the first value), so a service that
// meets in two places would be found only near one of them.
type nearQuery struct {
	field    string
	lon, lat float64
	km       float64
}

// Searcher finds candidates the way bleve's distance query does, then
// keeps those with any point inside the circle.
func (q *nearQuery) Searcher(ctx context.Context, i index.IndexReader, _ mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	meters := q.km * 1000
	var candidates search.Searcher
	if tp, ok := i.(index.SpatialIndexPlugin); ok {
		if sp, err := tp.GetSpatialAnalyzerPlugin("s2"); err == nil {
			terms := sp.GetQueryTokens(bgeo.NewPointDistance(q.lat, q.lon, meters))
			if candidates, err = searcher.NewMultiTermSearcher(ctx, i, terms, q.field, 1, options, false); err != nil {
				return nil, err
			}
		}
	}
	if candidates == nil {
		west, north, east, south, err := bgeo.RectFromPointDistance(q.lon, q.lat, meters)
		if err != nil {
			return nil, err
		}
		if candidates, err = searcher.NewGeoBoundingBoxSearcher(ctx, i, west, south, east, north, q.field, 1, options, false); err != nil {
			return nil, err
		}
	}
	dv, err := i.DocValueReader([]string{q.field})
	if err != nil {
		return nil, err
	}
	var inside bool
	visit := func(_ string, term []byte) {
		if inside {
			return
		}
		coded := numeric.PrefixCoded(term)
		if shift, err := coded.Shift(); err != nil || shift != 0 {
			return // lower-precision terms of the same point
		}
		v, err := coded.Int64()
		if err != nil {
			return
		}
		// Measured as everywhere else in Linkway (geo.DistanceKm), so
		// that a place on the edge is in or out the same way on the page.
		p := orb.Point{bgeo.MortonUnhashLon(uint64(v)), bgeo.MortonUnhashLat(uint64(v))}
		inside = lgeo.DistanceKm(p, orb.Point{q.lon, q.lat}) <= q.km
	}
	return searcher.NewFilteringSearcher(ctx, candidates, func(_ *search.SearchContext, d *search.DocumentMatch) bool {
		inside = false
		return dv.VisitDocValues(d.IndexInternalID, visit) == nil && inside
	}), nil
}
