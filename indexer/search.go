package indexer

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/geo"
	"github.com/paulmach/orb"
)

// Field boosts: a word in a service's name says more than one in its
// description.
const (
	boostName    = 3.0
	boostText    = 1.0
	boostConcept = 2.5 // a kind of support read from the person's words
	boostExpand  = 0.5
	boostFuzzy   = 0.3
)

// blendWindow is how many top hits are re-ranked by relevance blended
// with distance; pages past it keep bleve's order.
const blendWindow = 200

// DistanceBuckets are the radii (km) the distance facet counts within.
var DistanceBuckets = []float64{1, 2, 5, 10, 25}

// Search runs q and returns a page of hits, the total and, when asked,
// facet counts.
func (ix *Index) Search(ctx context.Context, q directory.Query) (directory.Result, error) {
	var res directory.Result
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	blend := q.Near != nil && strings.TrimSpace(q.Text) != "" && (q.Sort == "" || q.Sort == directory.ByRelevance) && q.Offset+limit <= blendWindow
	req := bleve.NewSearchRequestOptions(nil, limit, q.Offset, false)
	req.Score = "none"
	byDistance := false
	switch {
	case blend:
		req.From, req.Size = 0, blendWindow
		req.Score = ""
	case q.Sort == directory.ByDistance && q.Near != nil, q.Sort == "" && q.Near != nil && strings.TrimSpace(q.Text) == "":
		byDistance = true
	case q.Sort == directory.ByName || strings.TrimSpace(q.Text) == "":
		req.SortBy([]string{fSortName, "_id"})
	case q.Sort == directory.ByScore:
		req.Score = ""
	default:
		req.Score = ""
	}
	// Facet counts already made at this change-log position are reused:
	// the search then only finds the page.
	seq, key := ix.Applied(), ""
	counted := false
	if q.Facets {
		key = facetKey(q)
		res.Facets, counted = ix.facets.get(seq, key)
	}
	if q.Facets && !counted {
		req.AddFacet("category", bleve.NewFacetRequest(fLinkway, 50))
		req.AddFacet("cost", bleve.NewFacetRequest(fCost, 5))
		req.AddFacet("attending", bleve.NewFacetRequest(fAttending, 5))
	}
	var (
		sr      *bleve.SearchResult
		err     error
		buckets *bucketCounting
	)
	p := firstPass(q)
	for {
		var (
			u    understanding
			note *distanceNote
		)
		req.Query, u, note = ix.buildQuery(q, p)
		res.Concepts, res.Words = u.matches, u.search
		if byDistance {
			if err := sortByDistance(req, *q.Near, note); err != nil {
				return res, err
			}
		}
		if q.Facets && !counted && q.Near != nil && !q.Online {
			// The distance buckets are counted as the search collects
			// its hits.
			buckets = &bucketCounting{Query: req.Query, from: *q.Near, buckets: distanceBuckets(q), remote: q.Remote == directory.RemoteIncluded, note: note}
			req.Query = buckets
		}
		sr, err = ix.alias.SearchInContext(ctx, req)
		if err != nil || sr.Total > 0 || strings.TrimSpace(q.Text) == "" {
			break
		}
		next, ok := ix.nextPass(p, u)
		if !ok {
			break
		}
		p = next
	}
	if err != nil {
		return res, fmt.Errorf("indexer: search: %w", err)
	}
	res.Total = int(sr.Total)
	ix.mu.RLock()
	for _, h := range sr.Hits {
		d := -1.0
		if q.Near != nil {
			d = nearest(*q.Near, ix.points[h.ID])
		}
		res.Hits = append(res.Hits, directory.Hit{ID: h.ID, Score: h.Score, DistanceKm: d})
	}
	ix.mu.RUnlock()
	if blend {
		blendByDistance(res.Hits)
		res.Hits = res.Hits[min(q.Offset, len(res.Hits)):min(q.Offset+limit, len(res.Hits))]
	} else if q.Near != nil && q.Sort == directory.ByDistance {
		// bleve sorts a service with several places by one of them; the
		// page is put in exact order.
		sort.SliceStable(res.Hits, func(i, j int) bool { return lessDistance(res.Hits[i].DistanceKm, res.Hits[j].DistanceKm) })
	}
	normaliseScores(res.Hits)
	if q.Facets && !counted {
		res.Facets = map[string][]directory.FacetCount{}
		for name, f := range sr.Facets {
			var counts []directory.FacetCount
			for _, t := range f.Terms.Terms() {
				counts = append(counts, directory.FacetCount{Value: t.Term, Count: t.Count})
			}
			res.Facets[name] = counts
		}
		switch {
		case buckets != nil:
			for i, km := range buckets.buckets {
				res.Facets["distance"] = append(res.Facets["distance"], directory.FacetCount{Value: fmt.Sprintf("%g", km), Count: buckets.counts[i]})
			}
		case q.Near != nil:
			d := ix.distanceFacet(ctx, q)
			if d.err != nil {
				return res, d.err
			}
			res.Facets["distance"] = d.counts
		}
		ix.facets.put(seq, key, res.Facets)
	}
	return res, nil
}

// sortByDistance sorts req's hits nearest first: by the distances the
// radius filter noted, or without one by bleve's distance to a service's
// first place, then by name (the page is put in exact order after).
func sortByDistance(req *bleve.SearchRequest, from orb.Point, note *distanceNote) error {
	if note != nil {
		req.SortByCustom(search.SortOrder{&sortByNote{note: note}})
		return nil
	}
	gs, err := search.NewSortGeoDistance(fGeo, "km", from.Lon(), from.Lat(), false)
	if err != nil {
		return err
	}
	req.SortByCustom(search.SortOrder{gs, &search.SortField{Field: fSortName}})
	return nil
}

// distanceBuckets are the buckets of the distance facet up to q's radius.
func distanceBuckets(q directory.Query) []float64 {
	var out []float64
	for _, km := range DistanceBuckets {
		if q.RadiusKm > 0 && km > q.RadiusKm {
			break
		}
		out = append(out, km)
	}
	return out
}

// askedTwice says whether some clause asks for more than one thing, so
// that a relaxed pass could find what the others did not.
func askedTwice(u understanding) bool {
	for _, asks := range byClause(u.asks) {
		if len(asks) > 1 {
			return true
		}
	}
	return false
}

type distanceCounts struct {
	counts []directory.FacetCount
	err    error
}

// distanceFacet counts, for a search of online services near a place,
// the in-person services within each distance bucket up to the query's
// radius, one count-only search per bucket. Other searches count their
// buckets as they collect hits ([bucketCounting]).
func (ix *Index) distanceFacet(ctx context.Context, q directory.Query) distanceCounts {
	var out []directory.FacetCount
	for _, km := range distanceBuckets(q) {
		qq := q
		qq.RadiusKm, qq.Online = km, false
		bq, _, _ := ix.buildQuery(qq, exact)
		req := bleve.NewSearchRequestOptions(bq, 0, 0, false)
		req.Score = "none"
		sr, err := ix.alias.SearchInContext(ctx, req)
		if err != nil {
			return distanceCounts{err: fmt.Errorf("indexer: distance facet: %w", err)}
		}
		out = append(out, directory.FacetCount{Value: fmt.Sprintf("%g", km), Count: int(sr.Total)})
	}
	return distanceCounts{counts: out}
}

func lessDistance(a, b float64) bool {
	if a < 0 {
		return false
	}
	return b < 0 || a < b
}

func nearest(from orb.Point, ps []orb.Point) float64 {
	best := -1.0
	for _, p := range ps {
		if d := geo.DistanceKm(from, p); best < 0 || d < best {
			best = d
		}
	}
	return best
}

// blendByDistance orders hits by relevance blended with nearness: three
// parts relevance to one part a decay that halves every 3 km, so a much
// better match a little further away still comes first.
func blendByDistance(hits []directory.Hit) {
	normaliseScores(hits)
	key := make(map[string]float64, len(hits))
	for _, h := range hits {
		near := 0.0
		if h.DistanceKm >= 0 {
			near = math.Exp2(-h.DistanceKm / 3)
		}
		key[h.ID] = 0.75*h.Score + 0.25*near
	}
	sort.SliceStable(hits, func(i, j int) bool { return key[hits[i].ID] > key[hits[j].ID] })
}

func normaliseScores(hits []directory.Hit) {
	top := 0.0
	for _, h := range hits {
		top = max(top, h.Score)
	}
	if top <= 0 {
		return
	}
	for i := range hits {
		hits[i].Score /= top
	}
}

// buildQuery turns q into bleve's terms: the filters and the words are
// one conjunction, so bleve skips straight to documents that pass every
// filter instead of scoring every text match and filtering afterwards.
//
// When a radius must hold, the distance to each hit's nearest place is
// noted in the returned note as the filter accepts it.
func (ix *Index) buildQuery(q directory.Query, p pass) (query.Query, understanding, *distanceNote) {
	var u understanding
	var must []query.Query
	// fewest is about how many listings the most selective filter keeps
	// (erring high): the distance filter is applied to their hits when it
	// would keep more ([nearFilter]). Only a radius needs the estimates.
	var v *vocab
	fewest := math.Inf(1)
	if q.Near != nil && q.RadiusKm > 0 && !q.Online {
		v = ix.vocabulary()
		fewest = float64(v.docs)
	}
	var near *nearQuery
	term := func(field, v string) query.Query {
		t := bleve.NewTermQuery(v)
		t.SetField(field)
		return t
	}
	anyOf := func(field string, vs []string) query.Query {
		var qs []query.Query
		for _, v := range vs {
			qs = append(qs, term(field, v))
		}
		if len(qs) == 1 {
			return qs[0]
		}
		return bleve.NewDisjunctionQuery(qs...)
	}
	// Rare values are excluded rather than common ones required: a
	// must-not on a short postings list costs far less than a must on
	// one that holds nearly every document.
	var mustNot []query.Query
	if !q.IncludeTemporarilyClosed {
		mustNot = append(mustNot, term(fStatus, string(directory.StatusTemporarilyClosed)))
	}
	if len(q.Kinds) > 0 {
		// A kind includes its narrower terms, at any depth.
		must = append(must, anyOf(fUnder, q.Kinds))
		fewest = min(fewest, v.filterDocs(fUnder, q.Kinds...))
	}
	if q.Free {
		must = append(must, term(fCost, "free"))
	}
	if q.Remote == directory.RemoteExcluded {
		must = append(must, term(fAttending, "in_person"))
	}
	if q.Online {
		must = append(must, term(fAttending, "online"))
	} else if q.Near != nil && q.RadiusKm > 0 {
		g := &nearQuery{field: fGeo, lon: q.Near.Lon(), lat: q.Near.Lat(), km: q.RadiusKm}
		if q.Remote == directory.RemoteIncluded {
			must = append(must, bleve.NewDisjunctionQuery(g, term(fAttending, "online"), term(fAttending, "phone")))
		} else {
			near = g
			near.note = &distanceNote{}
		}
	}
	when := ""
	switch {
	case q.Day != nil && q.At != nil:
		when = WhenToken(*q.Day, int(*q.At)/60)
	case q.Day != nil:
		when = WhenToken(*q.Day, -1)
	case q.At != nil:
		when = WhenToken(-1, int(*q.At)/60)
	}
	if when != "" {
		must = append(must, term(fWhen, when))
		fewest = min(fewest, v.filterDocs(fWhen, when))
	}
	if q.Age != nil {
		age := float64(*q.Age)
		inclusive := true
		lo := bleve.NewNumericRangeInclusiveQuery(nil, &age, nil, &inclusive)
		lo.SetField(fMinAge)
		hi := bleve.NewNumericRangeInclusiveQuery(&age, nil, &inclusive, nil)
		hi.SetField(fMaxAge)
		must = append(must, lo, hi)
	}
	for _, a := range q.Access {
		must = append(must, term(fAccess, a))
	}
	if len(q.Languages) > 0 {
		var langs []string
		for _, l := range q.Languages {
			langs = append(langs, strings.ToLower(strings.TrimSpace(l)))
		}
		must = append(must, anyOf(fLanguages, langs))
	}
	if len(q.Accepting) > 0 {
		for _, c := range []directory.Capacity{directory.CapacityOpen, directory.CapacityWaitingList, directory.CapacityFull} {
			if !slices.Contains(q.Accepting, c) {
				mustNot = append(mustNot, term(fAccepting, string(c)))
			}
		}
	}
	if text := strings.TrimSpace(q.Text); text != "" {
		u = ix.understand(text, p.fuzzy)
		must = append(must, ix.textQuery(u, q.BoostKinds, p))
		if !p.fuzzy && !p.anyAsk {
			fewest = min(fewest, v.estimate(u, q.BoostKinds))
		}
	}
	// The distance filter checks the hits of the rest of the query. When
	// the place is the most selective part, the rest includes the grid
	// cells covering the circle; otherwise the other parts keep fewer
	// listings than those cells would.
	filterAfter := false
	if near != nil {
		ix.mu.RLock()
		nearby := ix.density.within(*q.Near, q.RadiusKm)
		ix.mu.RUnlock()
		filterAfter = len(must) > 0 && fewest < nearby
		if !filterAfter {
			// The circle's candidates: the few grid cells covering it.
			must = append(must, unscored{anyOf(fCell, coveringCells(*q.Near, q.RadiusKm))})
		}
	}
	var all query.Query
	switch len(must) {
	case 0:
		all = bleve.NewMatchAllQuery()
	case 1:
		all = must[0]
	default:
		all = bleve.NewConjunctionQuery(must...)
	}
	if len(mustNot) > 0 {
		all = query.NewBooleanQuery([]query.Query{all}, nil, mustNot)
	}
	var note *distanceNote
	if near != nil {
		note = near.note
	}
	if near != nil {
		all = &nearFilter{Query: all, near: *near, cells: !filterAfter}
	}
	return all, u, note
}

// pass is how a search reads the words. A search starts exact and
// loosens only when it found nothing, as each looser pass costs more.
type pass struct {
	// fuzzy corrects every unknown word and tolerates misspellings.
	fuzzy bool
	// anyAsk finds a listing answering any one ask of a clause, not all
	// (or most) of them.
	anyAsk bool
}

// firstPass is how a search first reads the words: exact. A search
// ranked by the caller (the matcher, [directory.ByScore]) wants every
// candidate that answers any ask of a person's story, so it starts with
// any one ask enough.
func firstPass(q directory.Query) pass {
	return pass{anyAsk: q.Sort == directory.ByScore}
}

// nextPass is how to read the words again when pass p found nothing:
// correcting unknown words and tolerating misspellings, when a word is
// unknown to the index; then, when a clause asked for several things,
// with any one of them enough. Only then, as each pass costs more, and a
// search that found nothing only for where or when (all its words known)
// is not searched again for misspellings.
func (ix *Index) nextPass(p pass, u understanding) (pass, bool) {
	if !p.fuzzy && ix.vocabulary().unknownWord(u.kept) {
		return pass{fuzzy: true, anyAsk: p.anyAsk}, true
	}
	if !p.anyAsk && askedTwice(u) {
		return pass{fuzzy: p.fuzzy, anyAsk: true}, true
	}
	return pass{}, false
}

var exact = pass{}

// minShareOfAsks is the share of a clause's asks a listing must answer
// when the clause asks for more than two things: a long sentence rarely
// has a listing that says every word of it.
const minShareOfAsks = 2.0 / 3

// required is how many of a clause's n asks a listing must answer: all
// of one or two, two of three, three of four, four of five or six.
func required(n int) int {
	if n <= 2 {
		return n
	}
	return int(math.Ceil(minShareOfAsks * float64(n)))
}

// textQuery matches what the words ask for. Each clause is its own need:
// a listing must answer all (or most, [required]) of a clause's asks, and
// any one clause. An ask is answered by the word itself in the name or
// text, or for a concept phrase by its kinds and expansion words, or for
// a word on the fuzzy passes by a spelling near it. So "community pantry"
// finds pantries, not every listing that says "community".
func (ix *Index) textQuery(u understanding, boostKinds []string, p pass) query.Query {
	if p.anyAsk {
		return anyAskQuery(u, boostKinds, p.fuzzy)
	}
	var finds []query.Query
	for _, asks := range byClause(u.asks) {
		var qs []query.Query
		for _, a := range asks {
			qs = append(qs, askQuery(u, a, p))
		}
		finds = append(finds, answering(qs))
	}
	// A phrase's other names must all be there ("food bank"), not any
	// one of their words.
	for _, ph := range u.synonyms {
		words := strings.Join(ph, " ")
		finds = append(finds, anyField(words, boostName, boostText, query.MatchQueryOperatorAnd))
	}
	// A need the classifier read in a clause no phrase covered is a clause
	// of its own, answered by its kinds.
	for _, m := range u.matches {
		if m.Inferred && !m.Negated {
			finds = append(finds, kindTerms(m.Kinds, boostConcept)...)
		}
	}
	// The kinds the matcher boosts find listings too.
	finds = append(finds, kindTerms(boostKinds, boostConcept)...)
	if len(finds) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	var found query.Query = bleve.NewDisjunctionQuery(finds...)
	if len(finds) == 1 {
		found = finds[0]
	}
	if len(u.weak) == 0 {
		return found
	}
	// Words with no signal add to the score of a listing found by others,
	// and find none themselves.
	weak := anyField(strings.Join(u.weak, " "), boostName, boostText, query.MatchQueryOperatorOr)
	return query.NewBooleanQuery([]query.Query{found}, []query.Query{weak}, nil)
}

// anyAskQuery is the text query of an any-ask pass: a listing answering
// any one thing asked for is found, ranked by how much of it it answers.
// It matches the meaningful words in the fields that hold words,
// searches the kinds of support read from the person's words, and
// tolerates misspelt longer words.
func anyAskQuery(u understanding, boostKinds []string, fuzzy bool) query.Query {
	var should []query.Query
	for _, k := range boostKinds {
		t := bleve.NewTermQuery(k)
		t.SetField(fKinds)
		t.SetBoost(boostConcept)
		should = append(should, t)
	}
	match := func(field, words string, boost float64, fuzziness int) *query.MatchQuery {
		m := bleve.NewMatchQuery(words)
		m.SetField(field)
		m.SetBoost(boost)
		m.SetFuzziness(fuzziness)
		should = append(should, m)
		return m
	}
	// Only the words that carry meaning are searched: the ones turned
	// down ("not one for coffee mornings") and the ones with no signal
	// ("behind", "round here") are not.
	if text := strings.Join(u.search, " "); text != "" {
		match(fName, text, boostName, 0)
		match(fText, text, boostText, 0)
	}
	// A phrase's other names must all be there ("food bank"), not any
	// one of their words.
	for _, p := range u.synonyms {
		match(fName, strings.Join(p, " "), boostName, 0).SetOperator(query.MatchQueryOperatorAnd)
		match(fText, strings.Join(p, " "), boostText, 0).SetOperator(query.MatchQueryOperatorAnd)
	}
	for _, m := range u.matches {
		if m.Negated {
			continue
		}
		for i, k := range m.Kinds {
			t := bleve.NewTermQuery(k)
			t.SetField(fKinds)
			// The first kind of a concept is its best reading.
			t.SetBoost(boostConcept / float64(i+1))
			should = append(should, t)
		}
		if words := specific(m.Expand); words != "" {
			match(fText, words, boostExpand, 0)
			match(fName, words, boostExpand, 0)
		}
	}
	for _, w := range u.rest {
		if !fuzzy || !slices.Contains(u.search, w) {
			continue
		}
		// Fuzzy matching only for longer words: on short ones one edit
		// turns a word into another real word ("walk" → "talk").
		if edits := fuzziness(w); edits > 0 {
			match(fName, w, boostFuzzy, edits)
			match(fText, w, boostFuzzy, edits)
		}
	}
	if len(should) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	finds := bleve.NewDisjunctionQuery(should...)
	if len(u.weak) == 0 {
		return finds
	}
	// Words with no signal add to the score of a listing found by others,
	// and find none themselves.
	weak := strings.Join(u.weak, " ")
	var also []query.Query
	for _, f := range []struct {
		field string
		boost float64
	}{{fName, boostName}, {fText, boostText}} {
		m := bleve.NewMatchQuery(weak)
		m.SetField(f.field)
		m.SetBoost(f.boost)
		also = append(also, m)
	}
	return query.NewBooleanQuery([]query.Query{finds}, also, nil)
}

// byClause groups asks by clause, in the order the clauses came.
func byClause(asks []ask) [][]ask {
	var out [][]ask
	at := map[int]int{}
	for _, a := range asks {
		i, ok := at[a.clause]
		if !ok {
			i = len(out)
			at[a.clause] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], a)
	}
	return out
}

// answering is a clause's query: a listing answers all of its asks, or
// the share [required] of them.
func answering(asks []query.Query) query.Query {
	need := required(len(asks))
	switch {
	case len(asks) == 1:
		return asks[0]
	case need == len(asks):
		return bleve.NewConjunctionQuery(asks...)
	}
	d := bleve.NewDisjunctionQuery(asks...)
	d.SetMin(float64(need))
	return d
}

// askQuery is one ask's alternatives: any of them answers it.
func askQuery(u understanding, a ask, p pass) query.Query {
	var alts []query.Query
	if a.match < 0 {
		w := a.words[0]
		alts = append(alts, anyField(w, boostName, boostText, query.MatchQueryOperatorOr))
		// Fuzzy matching only for longer words: on short ones one edit
		// turns a word into another real word ("walk" → "talk").
		if edits := fuzziness(w); p.fuzzy && edits > 0 {
			for _, f := range []string{fName, fText} {
				m := bleve.NewMatchQuery(w)
				m.SetField(f)
				m.SetBoost(boostFuzzy)
				m.SetFuzziness(edits)
				alts = append(alts, m)
			}
		}
		return disjunction(alts)
	}
	m := u.matches[a.match]
	if len(a.words) > 0 {
		// The phrase's own words, all of them.
		alts = append(alts, anyField(strings.Join(a.words, " "), boostName, boostText, query.MatchQueryOperatorAnd))
	}
	// The first kind of a concept is its best reading.
	for i, k := range m.Kinds {
		alts = append(alts, kindTerms([]string{k}, boostConcept/float64(i+1))...)
	}
	if words := specific(m.Expand); words != "" {
		alts = append(alts, anyField(words, boostExpand, boostExpand, query.MatchQueryOperatorOr))
	}
	if len(alts) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	return disjunction(alts)
}

// fuzziness is how many edits a word may be from a listing's word on the
// fuzzy passes: none for short words.
func fuzziness(w string) int {
	switch {
	case len(w) >= 8:
		return 2
	case len(w) >= 5:
		return 1
	}
	return 0
}

// anyField matches words in the name or the text, with each field's boost.
func anyField(words string, nameBoost, textBoost float64, op query.MatchQueryOperator) query.Query {
	var qs []query.Query
	for _, f := range []struct {
		field string
		boost float64
	}{{fName, nameBoost}, {fText, textBoost}} {
		m := bleve.NewMatchQuery(words)
		m.SetField(f.field)
		m.SetBoost(f.boost)
		m.SetOperator(op)
		qs = append(qs, m)
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// kindTerms are term queries for kinds of support, each boosted.
func kindTerms(kinds []string, boost float64) []query.Query {
	var qs []query.Query
	for _, k := range kinds {
		t := bleve.NewTermQuery(k)
		t.SetField(fKinds)
		t.SetBoost(boost)
		qs = append(qs, t)
	}
	return qs
}

func disjunction(qs []query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// generic are words nearly every listing uses. As expansions they add
// nothing to ranking and cost the most to search, so they are dropped.
var generic = map[string]bool{
	"support": true, "group": true, "groups": true, "help": true, "community": true, "social": true,
	"advice": true, "people": true, "service": true, "services": true, "club": true, "local": true,
	"free": true, "friendly": true, "meet": true, "welcome": true, "session": true, "sessions": true,
}

// specific joins the expansion words that are not generic.
func specific(words []string) string {
	var out []string
	for _, w := range words {
		if !generic[strings.ToLower(w)] {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}
