package directory

import (
	"time"

	"github.com/paulmach/orb"
)

// ServiceFilter selects services for browsing.
type ServiceFilter struct {
	TermID string // only services with this taxonomy term
	Listed bool   // only services residents may see (active or temporarily closed)
	Limit  int    // page size; 0 means all
	Offset int
}

// TermCount is a taxonomy term with how many listed services carry it.
type TermCount struct {
	Term
	Services int
}

// Change is one entry of the store's change log: the service whose
// listing changed, in commit order.
type Change struct {
	Seq       int64
	ServiceID string
}

// Sort orders search results.
type Sort string

// Orders. Relevance blends text relevance with distance when a place is
// given.
const (
	ByRelevance Sort = "relevance"
	ByDistance  Sort = "distance"
	ByName      Sort = "name"
	// ByScore is text relevance alone, for callers that weigh distance
	// themselves (the matcher).
	ByScore Sort = "score"
)

// Query is a directory search: words, where, when and for whom.
type Query struct {
	Text  string
	Kinds []string // kinds of support (taxonomy term ids); any of them
	// BoostKinds ranks services of these kinds higher without excluding
	// others.
	BoostKinds []string
	Near       *orb.Point // the searcher's place
	RadiusKm   float64    // with Near: only in-person services this close (0: no limit)
	// Remote decides what happens to services attended online or by
	// phone (those with no place to go to).
	Remote Remote
	// Day and At select services running then: Day alone means any time
	// that day; At alone means that time on any day.
	Day       *time.Weekday
	At        *Clock
	Free      bool     // only free services
	Online    bool     // only services attended online
	Age       *int     // only services open to this age
	Access    []string // access features every result must have ("wheelchair")
	Languages []string // any of these languages (codes or names)
	// Accepting limits results to these capacities (empty: any).
	Accepting []Capacity
	// IncludeTemporarilyClosed shows services that are paused; closed,
	// inactive and defunct ones are never shown.
	IncludeTemporarilyClosed bool
	Sort                     Sort
	Offset                   int
	Limit                    int
	Facets                   bool // count results by kind, cost, attending and distance
}

// Remote says whether online and telephone services are wanted.
type Remote uint8

// Remote choices.
const (
	// RemoteUnlessRadius allows them, except that a radius, which only
	// places can meet, leaves them out.
	RemoteUnlessRadius Remote = iota
	// RemoteIncluded allows them even when a radius applies.
	RemoteIncluded
	// RemoteExcluded leaves them out: only services with a place.
	RemoteExcluded
)

// Hit is one service found by a search.
type Hit struct {
	ID    string
	Score float64 // relevance, normalised to 0..1 within the result
	// DistanceKm is the distance to the nearest of the service's places,
	// or -1 when no place was searched from or the service has none.
	DistanceKm float64
}

// FacetCount is how many results have one value of a facet.
type FacetCount struct {
	Value string
	Count int
}

// Result is a page of search hits with the total and facet counts.
type Result struct {
	Total    int
	Hits     []Hit
	Facets   map[string][]FacetCount
	Concepts []ConceptMatch // how the words were read
	// Words are the person's words that were searched: spelling
	// corrected, and only those that carry meaning (not "behind", "here").
	Words []string
}

// ConceptMatch records that a phrase in the query was read as kinds of
// support, such as "lonely" → befriending.
type ConceptMatch struct {
	Phrase string
	Kinds  []string
	Expand []string
	// Negated means the person turned the phrase down ("I'm not one for
	// coffee mornings"): it is not searched for and counts against.
	Negated bool
	// AtHome means the phrase says getting out is hard ("housebound"),
	// so services that come to the person suit them best.
	AtHome bool
	// Inferred means no phrase of the concept map named the need: a
	// classifier read it from the clause, led by Words.
	Inferred bool
	Words    []string
}
