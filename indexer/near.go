package indexer

import (
	"bytes"
	"context"
	"math"
	"strconv"

	bgeo "github.com/blevesearch/bleve/v2/geo"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
	lgeo "github.com/linkway/linkway/geo"
	"github.com/paulmach/orb"
)

// nearQuery matches services with any of their places within km of a
// point. bleve's own distance query checks only the first point a
// document holds (its filter stops at the first value), so a service that
// meets in two places would be found only near one of them.
//
// It finds its own candidates (from bleve's geo terms) only where it is one
// alternative among others (services online or by phone count too);
// elsewhere a [nearFilter] checks the hits of the rest of the query.
type nearQuery struct {
	field    string
	lon, lat float64
	km       float64
	// note, when set, receives each accepted document's nearest place,
	// for the sort and the distance facet to read instead of the doc
	// values again.
	note *distanceNote
}

// distanceNote is the distance to the nearest place of the document a
// radius filter accepted last. Where the filter is required (a
// conjunction's part, or over the whole query), the document a search
// returns is the one its filter accepted last.
type distanceNote struct {
	id index.IndexInternalID
	km float64
}

// of returns the noted distance of d, if d is the document noted.
func (n *distanceNote) of(d *search.DocumentMatch) (float64, bool) {
	if n == nil || !bytes.Equal(n.id, d.IndexInternalID) {
		return 0, false
	}
	return n.km, true
}

// Searcher finds candidates the way bleve's distance query does, then
// keeps those with any point inside the circle.
func (q *nearQuery) Searcher(ctx context.Context, i index.IndexReader, _ mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	meters := q.km * 1000
	// A place finds, it does not rank: unscored, bleve merges the many
	// geo terms' postings into one list instead of advancing each.
	options.Score = "none"
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
	return q.filter(ctx, i, candidates)
}

// filter keeps the documents s finds that have a place within the circle.
func (q *nearQuery) filter(ctx context.Context, i index.IndexReader, s search.Searcher) (search.Searcher, error) {
	dv, err := i.DocValueReader([]string{q.field})
	if err != nil {
		s.Close()
		return nil, err
	}
	nearest := -1.0
	visit := func(_ string, term []byte) {
		// Measured as everywhere else in Linkway (geo.DistanceKm), so
		// that a place on the edge is in or out the same way on the page.
		if p, ok := geoTermPoint(term); ok {
			if km := lgeo.DistanceKm(p, orb.Point{q.lon, q.lat}); nearest < 0 || km < nearest {
				nearest = km
			}
		}
	}
	return searcher.NewFilteringSearcher(ctx, s, func(_ *search.SearchContext, d *search.DocumentMatch) bool {
		nearest = -1
		if dv.VisitDocValues(d.IndexInternalID, visit) != nil || nearest < 0 || nearest > q.km {
			return false
		}
		if q.note != nil {
			q.note.id = append(q.note.id[:0], d.IndexInternalID...)
			q.note.km = nearest
		}
		return true
	}), nil
}

// nearFilter is a query whose hits are then kept only when they have a
// place within a circle: the distance filter applied after the rest of
// the query, which holds the grid cells covering the circle (cells) or
// finds fewer listings than they would.
type nearFilter struct {
	query.Query
	near  nearQuery
	cells bool
}

// unscored is a query that finds without ranking: a filter. Unscored,
// bleve reads a disjunction of terms as one list.
type unscored struct{ query.Query }

func (q unscored) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	options.Score = "none"
	return q.Query.Searcher(ctx, i, m, options)
}

func (q *nearFilter) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	s, err := q.Query.Searcher(ctx, i, m, options)
	if err != nil {
		return nil, err
	}
	return q.near.filter(ctx, i, s)
}

// geoTermPoint decodes a point from a geo field's doc value term: false
// for the lower-precision terms bleve also stores for each point.
func geoTermPoint(term []byte) (orb.Point, bool) {
	coded := numeric.PrefixCoded(term)
	if shift, err := coded.Shift(); err != nil || shift != 0 {
		return orb.Point{}, false
	}
	v, err := coded.Int64()
	if err != nil {
		return orb.Point{}, false
	}
	return orb.Point{bgeo.MortonUnhashLon(uint64(v)), bgeo.MortonUnhashLat(uint64(v))}, true
}

// bucketCounting wraps a query to count, as the search collects its
// hits, how many lie within each distance of a point: the distance facet
// in the same pass as the search, instead of one more search per bucket.
// A service attended online or by phone counts in every bucket when
// remote is set, as it is found at any distance.
type bucketCounting struct {
	query.Query
	from    orb.Point
	buckets []float64
	remote  bool
	note    *distanceNote // the radius filter's, when it is required
	counts  []int         // filled in by the search
}

func (q *bucketCounting) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	inner, err := q.Query.Searcher(ctx, i, m, options)
	if err != nil {
		return nil, err
	}
	fields := []string{fGeo}
	if q.remote {
		fields = append(fields, fAttending)
	}
	dv, err := i.DocValueReader(fields)
	if err != nil {
		inner.Close()
		return nil, err
	}
	q.counts = make([]int, len(q.buckets))
	return &countingSearcher{Searcher: inner, q: q, dv: dv}, nil
}

// countingSearcher is the searcher of a [bucketCounting] query.
type countingSearcher struct {
	search.Searcher
	q  *bucketCounting
	dv index.DocValueReader
}

func (s *countingSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	d, err := s.Searcher.Next(ctx)
	if d != nil {
		s.count(d)
	}
	return d, err
}

func (s *countingSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	d, err := s.Searcher.Advance(ctx, id)
	if d != nil {
		s.count(d)
	}
	return d, err
}

func (s *countingSearcher) count(d *search.DocumentMatch) {
	if km, ok := s.q.note.of(d); ok {
		s.add(km, false)
		return
	}
	nearest, remote := -1.0, false
	err := s.dv.VisitDocValues(d.IndexInternalID, func(field string, term []byte) {
		if field == fAttending {
			remote = remote || string(term) == "online" || string(term) == "phone"
			return
		}
		if p, ok := geoTermPoint(term); ok {
			if km := lgeo.DistanceKm(p, s.q.from); nearest < 0 || km < nearest {
				nearest = km
			}
		}
	})
	if err == nil {
		s.add(nearest, remote)
	}
}

// add counts a hit nearest km away (-1: no place) in the buckets it is
// within, or in every bucket when it is remote.
func (s *countingSearcher) add(nearest float64, remote bool) {
	for i, km := range s.q.buckets {
		if remote || (nearest >= 0 && nearest <= km) {
			s.q.counts[i]++
		}
	}
}

// sortByNote orders hits by the distance the radius filter noted for
// them, nearest first, so that sorting reads no doc values: services at
// the same distance (at one venue) in the index's order, which holds
// while the index does not change. A hit without a note (never, where
// the filter is required) sorts last.
type sortByNote struct {
	note *distanceNote
	buf  []byte
}

func (s *sortByNote) UpdateVisitor(string, []byte) {}

// Value is the distance, prefix coded (fixed length, ordered as the
// numbers), then the document's position in the index.
func (s *sortByNote) Value(d *search.DocumentMatch) string {
	km, ok := s.note.of(d)
	if !ok {
		km = math.MaxFloat64
	}
	s.buf = numeric.MustNewPrefixCodedInt64Prealloc(numeric.Float64ToInt64(km), 0, s.buf)
	return string(s.buf) + string(d.IndexInternalID)
}

func (s *sortByNote) DecodeValue(v string) string {
	v = v[:min(len(v), len(numeric.MustNewPrefixCodedInt64(0, 0)))]
	i, err := numeric.PrefixCoded(v).Int64()
	if err != nil {
		return ""
	}
	return strconv.FormatFloat(numeric.Int64ToFloat64(i), 'f', -1, 64)
}

func (s *sortByNote) Descending() bool         { return false }
func (s *sortByNote) RequiresDocID() bool      { return false }
func (s *sortByNote) RequiresScoring() bool    { return false }
func (s *sortByNote) RequiresFields() []string { return nil }
func (s *sortByNote) Reverse()                 {}
func (s *sortByNote) Copy() search.SearchSort  { return &sortByNote{note: s.note} }
