// Package public serves what residents see without logging in: the home
// page, browsing by kind of support, service pages, search (page and
// API), and Find support (page and the match API). It can reach only
// the directory: its store lists directory reads and nothing else, and
// it imports nothing of casework. Link workers' pages reuse its Find
// support ([Finder]) and its view of a listing ([NewServiceView]).
package public

import (
	"context"
	"fmt"
	"net/http"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/geo"
	"github.com/linkway/linkway/matcher"
	"github.com/linkway/linkway/web/core"
)

// Store is what residents' pages read of the directory.
type Store interface {
	Service(ctx context.Context, id string) (*directory.Service, error)
	FindServices(ctx context.Context, f directory.ServiceFilter) ([]*directory.Service, int, error)
	// KindCounts counts listed services by Linkway's kinds of support
	// they were given (not by their feeds' own terms).
	KindCounts(ctx context.Context) ([]directory.TermCount, error)
	TaxonomyTerms(ctx context.Context) ([]directory.Term, error)
	Term(ctx context.Context, id string) (*directory.Term, error)
	// LastChangeSeq is the change log's position: cached term lookups
	// are kept until it moves on.
	LastChangeSeq(ctx context.Context) (int64, error)
	ServicesByID(ctx context.Context, ids []string) (map[string]*directory.Service, error)
}

// Searcher runs directory searches (the bleve index), and corrects a
// search's spelling ("befrendin" → "befriending") for "did you mean"
// when nothing matched.
type Searcher interface {
	Search(ctx context.Context, q directory.Query) (directory.Result, error)
	Suggest(ctx context.Context, text string) (string, bool)
}

// Places turns postcodes into points.
type Places interface {
	Lookup(postcode string) (geo.Place, error)
}

// Matcher ranks services for a person's profile.
type Matcher interface {
	Match(ctx context.Context, p matcher.Profile) (*matcher.Result, error)
}

// Responsiveness says how a service's organisation answers referrals, in
// a sentence, when the one asking may know (a logged-in link worker) and
// there are enough referrals to say; otherwise "".
type Responsiveness interface {
	ForService(r *http.Request, serviceID string) (string, error)
}

// Deps is what the residents' pages are built from; all of it is needed.
type Deps struct {
	Site           *core.Site
	Store          Store
	Search         Searcher
	Places         Places
	Finder         *Finder
	Responsiveness Responsiveness
	// TileURL, when set, is a map tile template such as
	// "https://tile.openstreetmap.org/{z}/{x}/{y}.png" drawn behind result
	// maps. Maps work without it, showing numbered markers on a plain
	// background.
	TileURL string
	// Kinds are Linkway's own kinds of support (data/taxonomy.json): the
	// only ones the pages offer, where a feed's vocabulary might add
	// hundreds.
	Kinds []directory.Term
}

// Handler serves the residents' pages and API.
type Handler struct {
	site           *core.Site
	store          Store
	search         Searcher
	places         Places
	finder         *Finder
	responsiveness Responsiveness
	tileURL        string
	categories     categories
	// ownKinds are the names of Linkway's own kinds of support
	// (data/taxonomy.json) by id: the only ones the public pages offer,
	// where a feed's vocabulary might add hundreds.
	ownKinds map[string]string
}

// New returns the residents' pages over d.
func New(d Deps) (*Handler, error) {
	if err := core.CheckDeps("public", d); err != nil {
		return nil, err
	}
	if len(d.Kinds) == 0 {
		return nil, fmt.Errorf("web: public needs Kinds, Linkway's own kinds of support")
	}
	own := make(map[string]string, len(d.Kinds))
	for _, t := range d.Kinds {
		own[t.ID] = t.Name
	}
	return &Handler{ownKinds: own, site: d.Site, store: publicStore{d.Store}, search: d.Search, places: d.Places, finder: d.Finder,
		responsiveness: d.Responsiveness, tileURL: d.TileURL}, nil
}

// FinderDeps is what Find support is built from; all of it is needed.
type FinderDeps struct {
	Site *core.Site
	// Store gives the kinds of support a person may ask for.
	Store interface {
		TaxonomyTerms(ctx context.Context) ([]directory.Term, error)
	}
	Places  Places
	Matcher Matcher
}

// Finder is Find support: it turns what matters to a person, where they
// live and what limits them into the matcher's suggestions, for the
// residents' page and API here and for a person on a link worker's
// caseload (web/cases).
type Finder struct {
	site  *core.Site
	store interface {
		TaxonomyTerms(ctx context.Context) ([]directory.Term, error)
	}
	places  Places
	matcher Matcher
}

// NewFinder returns Find support over d.
func NewFinder(d FinderDeps) (*Finder, error) {
	if err := core.CheckDeps("public finder", d); err != nil {
		return nil, err
	}
	return &Finder{site: d.Site, store: d.Store, places: d.Places, matcher: d.Matcher}, nil
}
