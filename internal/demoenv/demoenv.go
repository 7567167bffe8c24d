// Package demoenv builds a complete Linkway (store, index, postcodes,
// matcher) from a data folder into a working folder: what tests and
// `linkway eval` need to run against the demo directory or any directory
// `linkway import` reads.
package demoenv

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/linkway/linkway/data"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/geo"
	"github.com/linkway/linkway/hsds"
	"github.com/linkway/linkway/indexer"
	"github.com/linkway/linkway/kinds"
	"github.com/linkway/linkway/matcher"
	"github.com/linkway/linkway/sqlite"
	"github.com/paulmach/orb"
)

// Env is a running Linkway without its web server.
type Env struct {
	DB      *sqlite.DB
	Index   *indexer.Index
	Places  *geo.Gazetteer
	Matcher *matcher.Matcher
	Kinds   map[string]bool
	// Imported is how many services the directory's import wrote.
	Imported int
}

// Geocode turns a postcode into a point.
func (e *Env) Geocode(postcode string) (orb.Point, error) {
	p, err := e.Places.Lookup(postcode)
	return p.Point, err
}

// Close closes the index and the store.
func (e *Env) Close() error {
	e.Index.Close()
	return e.DB.Close()
}

// Open builds an Env in dir from the data in fsys (data.FS, or
// os.DirFS of the data folder), importing the HSDS file at feed in fsys:
// the Leeds demo directory, as `linkway demo` loads it.
func Open(ctx context.Context, fsys fs.FS, feed, dir string) (*Env, error) {
	f, err := fsys.Open(feed)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	src, err := hsds.NewSource(f, hsds.FormatAuto, feed)
	if err != nil {
		return nil, fmt.Errorf("demoenv: %s: %w", feed, err)
	}
	return open(ctx, fsys, src, feed, dir)
}

// OpenDirectory builds an Env in dir from any directory `linkway import`
// reads from disk: an HSDS 3.0 or ORUK v1 JSON file, or a data package
// (its folder, its datapackage.json or a .zip) at path. fsys gives the
// rest (postcodes, Linkway's taxonomy, concept map and weights), so a
// real directory is matched exactly as a site that imported it would.
func OpenDirectory(ctx context.Context, fsys fs.FS, path, dir string) (*Env, error) {
	src, closer, err := hsds.Open(path, hsds.FormatAuto)
	if err != nil {
		return nil, fmt.Errorf("demoenv: %s: %w", path, err)
	}
	defer closer.Close()
	return open(ctx, fsys, src, path, dir)
}

// open imports src through the staged import `linkway import` uses (all
// or nothing, Linkway's kinds of support staged with it), then opens the
// index and the matcher.
func open(ctx context.Context, fsys fs.FS, src hsds.Source, name, dir string) (*Env, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	e := &Env{Kinds: map[string]bool{}}
	var err error
	if e.Places, err = geo.LoadFS(fsys); err != nil {
		return nil, err
	}
	terms, err := data.Taxonomy(fsys)
	if err != nil {
		return nil, err
	}
	if e.DB, err = sqlite.Open(filepath.Join(dir, "linkway.db")); err != nil {
		return nil, err
	}
	// As serve does: every service imported gets Linkway's kinds.
	if e.DB.Kinds, err = kinds.Load(fsys); err != nil {
		e.DB.Close()
		return nil, err
	}
	if e.Imported, err = e.importSource(ctx, src, terms); err != nil {
		e.DB.Close()
		return nil, fmt.Errorf("demoenv: import %s: %w", name, err)
	}
	if e.Index, _, err = indexer.Open(ctx, filepath.Join(dir, "index"), e.DB); err != nil {
		e.DB.Close()
		return nil, err
	}
	if err := e.load(fsys, terms); err != nil {
		e.Close()
		return nil, err
	}
	return e, nil
}

// importSource stages src with Linkway's taxonomy and applies it.
func (e *Env) importSource(ctx context.Context, src hsds.Source, terms []directory.Term) (int, error) {
	imp, err := e.DB.BeginImport(ctx)
	if err != nil {
		return 0, err
	}
	defer imp.Discard()
	if err := imp.PutTerms(ctx, terms); err != nil {
		return 0, err
	}
	rep, err := (&hsds.Importer{Geo: e}).ImportSource(ctx, src, imp)
	if err != nil {
		return 0, err
	}
	if err := imp.Commit(ctx); err != nil {
		return 0, err
	}
	// A record the apply step refused would silently leave a judged
	// service out of every ranking.
	if len(imp.Failed) > 0 {
		return 0, fmt.Errorf("%d records not applied, the first: %s", len(imp.Failed), imp.Failed[0])
	}
	return rep.Written(), nil
}

// Classifier reads a clause of a person's words with the kinds
// classifier, for the index to read what no concept phrase covers.
func Classifier(a *kinds.Assigner) indexer.Classifier {
	return func(text string) []indexer.KindReading {
		rs := a.Read(text)
		out := make([]indexer.KindReading, len(rs))
		for i, r := range rs {
			out[i] = indexer.KindReading(r)
		}
		return out
	}
}

// Point is the importer's geocoder.
func (e *Env) Point(postcode string) (orb.Point, error) { return e.Geocode(postcode) }

func (e *Env) load(fsys fs.FS, terms []directory.Term) error {
	cf, err := fsys.Open("concepts.json")
	if err != nil {
		return err
	}
	defer cf.Close()
	if e.Index.Concepts, err = indexer.LoadConcepts(cf); err != nil {
		return err
	}
	if a, ok := e.DB.Kinds.(*kinds.Assigner); ok {
		e.Index.Classify = Classifier(a)
	}
	if e.Matcher, err = NewMatcher(fsys, e.Index, e.DB); err != nil {
		return err
	}
	for _, t := range terms {
		e.Kinds[t.ID] = true
	}
	return nil
}

// NewMatcher returns a matcher over an index and a store, weighted by
// fsys's matcher.json and naming kinds of support from its taxonomy.json.
func NewMatcher(fsys fs.FS, ix *indexer.Index, db interface {
	ServicesByID(ctx context.Context, ids []string) (map[string]*directory.Service, error)
}) (*matcher.Matcher, error) {
	mf, err := fsys.Open("matcher.json")
	if err != nil {
		return nil, err
	}
	defer mf.Close()
	cfg, err := matcher.LoadConfig(mf)
	if err != nil {
		return nil, err
	}
	terms, err := data.Taxonomy(fsys)
	if err != nil {
		return nil, err
	}
	m := matcher.New(ix, db, cfg)
	// The classifier the index reads clauses with also reads the whole
	// of what a person says, for the matcher.
	if classify := ix.Classify; classify != nil {
		m.Read = func(text string) []matcher.KindReading {
			rs := classify(text)
			out := make([]matcher.KindReading, len(rs))
			for i, r := range rs {
				out[i] = matcher.KindReading(r)
			}
			return out
		}
	}
	for _, t := range terms {
		m.KindNames[t.ID] = t.Name
	}
	return m, nil
}
