// Package openreferral is Linkway's Open Referral read API: the ORUK 3.0
// (HSDS 3.0 UK profile) endpoints, their paged envelope and their
// filters, over the published, listed directory only. It answers in JSON
// everywhere, errors included, allows any origin to GET, tags answers
// with an ETag from the store's change log, and limits each client
// address to a number of requests a minute.
package openreferral

import (
	"context"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/geo"
	"github.com/linkway/linkway/web/core"
)

// Store is what the API reads: listed services only (*sqlite.DB is one).
type Store interface {
	ListedServices(ctx context.Context, f directory.ListingFilter) ([]*directory.Service, int, error)
	ListedService(ctx context.Context, id string) (*directory.Service, error)
	ListedServicesAt(ctx context.Context, f directory.ListingFilter) ([]directory.ServiceAt, int, error)
	ListedServiceAt(ctx context.Context, id string) (directory.ServiceAt, error)
	ListedOrganizations(ctx context.Context, search string, limit, offset int) ([]directory.Organization, int, error)
	ListedOrganization(ctx context.Context, id string) (*directory.Organization, error)
	Taxonomies(ctx context.Context) ([]directory.Taxonomy, error)
	FindTerms(ctx context.Context, f directory.TermFilter) ([]directory.Term, int, error)
	Term(ctx context.Context, id string) (*directory.Term, error)
	// LastChangeSeq is the change log's position: answers are the same
	// until it moves, which is what the ETag says.
	LastChangeSeq(ctx context.Context) (int64, error)
}

// Searcher runs directory searches (the bleve index), for search,
// postcode and proximity.
type Searcher interface {
	Search(ctx context.Context, q directory.Query) (directory.Result, error)
}

// Places turns postcodes into points.
type Places interface {
	Lookup(postcode string) (geo.Place, error)
}

// Defaults for [Deps].
const (
	DefaultPerPage = 50
	// MaxPerPage bounds a page, so that no request reads much of the
	// directory at once; a larger per_page is served at this size.
	MaxPerPage = 1000
	// DefaultRequestsPerMinute is how many requests one client address
	// may make in a minute before it is told to wait (429).
	DefaultRequestsPerMinute = 600
	// maxHits is how many search hits at most the filters are applied
	// to: a search matching more pages through its best maxHits.
	maxHits = 10000
)

// Deps is what the API is built from. Site, Store, Search and Places
// are needed.
type Deps struct {
	Site   *core.Site
	Store  Store
	Search Searcher
	Places Places
	// Prefix is where the API is mounted, such as "/openreferral"; the
	// API's root names its OpenAPI file under it.
	Prefix string
	// RequestsPerMinute per client address (default
	// [DefaultRequestsPerMinute]); below 0, no limit.
	RequestsPerMinute int
	// Limiters makes that limit (default [core.MemoryLimiters]).
	Limiters core.Limiters
}

// Handler answers the Open Referral API.
type Handler struct {
	site    *core.Site
	store   Store
	search  Searcher
	places  Places
	prefix  string
	limiter core.RateLimiter
}

// New returns the API over d.
func New(d Deps) (*Handler, error) {
	if err := core.CheckDeps("openreferral", d, "Prefix", "RequestsPerMinute", "Limiters"); err != nil {
		return nil, err
	}
	h := &Handler{site: d.Site, store: d.Store, search: d.Search, places: d.Places, prefix: d.Prefix}
	limiters := d.Limiters
	if limiters == nil {
		limiters = core.MemoryLimiters
	}
	switch n := d.RequestsPerMinute; {
	case n == 0:
		h.limiter = limiters("oruk", DefaultRequestsPerMinute, time.Minute)
	case n > 0:
		h.limiter = limiters("oruk", n, time.Minute)
	}
	return h, nil
}
