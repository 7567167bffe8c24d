package webtest

import (
	"context"
	"log/slog"
	"testing"

	"github.com/linkway/linkway/data"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/geo"
	"github.com/linkway/linkway/hsds"
	"github.com/paulmach/orb"
)

// newJobs returns the runner of the syncs and imports admins start, over
// the site's store, syncing and importing as serve does: staged, all or
// nothing, with Linkway's kinds of support staged first. It is closed
// when the test ends, before the store.
func (s *Site) newJobs(tb testing.TB, places *geo.Gazetteer) *hsds.Jobs {
	gc := gazetteer{places}
	begin := func(ctx context.Context) (hsds.Staging, error) {
		terms, err := data.Taxonomy(data.FS)
		if err != nil {
			return nil, err
		}
		imp, err := s.DB.BeginImport(ctx)
		if err != nil {
			return nil, err
		}
		if err := imp.PutTerms(ctx, terms); err != nil {
			imp.Discard()
			return nil, err
		}
		return imp, nil
	}
	sync := func(ctx context.Context, name string, progress func(pages, records int), sink func(hsds.Issue)) (directory.FeedResult, error) {
		fs := &hsds.FeedSync{Client: hsds.NewFeedClient(), Store: s.DB, Geo: gc, Begin: begin, Progress: progress, Sink: sink}
		return fs.Sync(ctx, name)
	}
	imp := func(ctx context.Context, src hsds.Source, progress func(int, int64), applying func(), sink func(hsds.Issue)) (hsds.Report, error) {
		st, err := begin(ctx)
		if err != nil {
			return hsds.Report{}, err
		}
		defer st.Discard()
		rep, err := (&hsds.Importer{Geo: gc, Progress: progress, Sink: sink}).ImportSource(ctx, src, st)
		if err != nil {
			return rep, err
		}
		applying()
		return rep, st.Commit(ctx)
	}
	jobs := hsds.NewJobs(s.DB, sync, imp, slog.New(slog.DiscardHandler))
	tb.Cleanup(jobs.Close)
	return jobs
}

// gazetteer adapts the postcodes to what the importer needs.
type gazetteer struct{ g *geo.Gazetteer }

func (g gazetteer) Point(postcode string) (orb.Point, error) {
	p, err := g.g.Lookup(postcode)
	return p.Point, err
}
