package hsds

import (
	"context"
	"fmt"
	"time"

	"github.com/linkway/linkway/directory"
)

// FeedStore is what a sync needs of the store: the feed's registration
// and last validators, the services it listed last time, and a place to
// record the outcome.
type FeedStore interface {
	Feed(ctx context.Context, name string) (directory.Feed, error)
	// FeedServiceIDs returns the ids of the listed services whose ids
	// the feed namespaces; Service reads one of them.
	FeedServiceIDs(ctx context.Context, name string) ([]string, error)
	Service(ctx context.Context, id string) (*directory.Service, error)
	SaveFeedResult(ctx context.Context, name, format string, r directory.FeedResult, etag, lastModified string) error
}

// Staging is an all-or-nothing write: nothing reaches the directory
// before Commit, and Discard after Commit does nothing.
type Staging interface {
	Writer
	Commit(ctx context.Context) error
	Discard() error
}

// FeedSync brings the directory in line with a feed.
//
// A sync is all or nothing: every page of one run goes into one staged
// import, applied only when the last page was read and every record was
// usable. Records are stored under ids namespaced by the feed's name
// (directory.FeedID), with the feed's own id kept as SourceID. A service
// the feed listed before and no longer lists, in a run that read the
// feed to its end, is withdrawn (made inactive) in the same import; one
// that comes back is active again. The feed wins: a local edit of a
// feed's listing is overwritten by the next sync.
type FeedSync struct {
	Client *FeedClient
	Store  FeedStore
	Begin  func(ctx context.Context) (Staging, error)
	Geo    Geocoder
	Now    func() time.Time
	// Progress, when set, is called as pages are fetched and records
	// read.
	Progress func(pages, records int)
	// Sink, when set, is given every warning and error as it is met, as
	// the importer's Sink is.
	Sink func(Issue)
}

// Sync fetches the feed called name and applies it. The result, which
// is also saved with the feed, says what was done or why nothing was.
func (fs *FeedSync) Sync(ctx context.Context, name string) (directory.FeedResult, error) {
	feed, err := fs.Store.Feed(ctx, name)
	if err != nil {
		return directory.FeedResult{}, err
	}
	now := time.Now
	if fs.Now != nil {
		now = fs.Now
	}
	res := directory.FeedResult{At: now()}
	pages, format, etag, lastMod, err := fs.run(ctx, feed, &res)
	if err != nil {
		res.Error = directory.MessageOrError(err)
		if serr := fs.Store.SaveFeedResult(context.WithoutCancel(ctx), name, "", res, "", ""); serr != nil {
			return res, fmt.Errorf("%w (and saving the result: %v)", err, serr)
		}
		return res, err
	}
	if res.NotModified {
		etag, lastMod = feed.ETag, feed.LastModified
	}
	res.Pages = pages
	return res, fs.Store.SaveFeedResult(ctx, name, string(format), res, etag, lastMod)
}

func (fs *FeedSync) run(ctx context.Context, feed directory.Feed, res *directory.FeedResult) (pages int, format Format, etag, lastMod string, err error) {
	var onPage func(int)
	records := 0
	if fs.Progress != nil {
		onPage = func(n int) { pages = n; fs.Progress(n, records) }
	}
	src, notModified, err := fs.Client.openFeed(ctx, feed.URL, Format(feed.Format), feed.ETag, feed.LastModified, onPage)
	if err != nil {
		return 1, "", "", "", err
	}
	if notModified {
		res.NotModified = true
		return 1, "", "", "", nil
	}
	st, err := fs.Begin(ctx)
	if err != nil {
		return src.Pages, "", "", "", err
	}
	defer st.Discard()
	w := &feedWriter{Writer: st, feed: feed.Name, fetched: res.At, seen: map[string]bool{}}
	im := &Importer{Geo: fs.Geo, Sink: fs.Sink}
	if fs.Progress != nil {
		im.Progress = func(n int, _ int64) {
			records = n
			if n%100 == 0 {
				fs.Progress(src.Pages, n)
			}
		}
	}
	rep, err := im.ImportSource(ctx, src, w)
	res.Read, res.Created, res.Updated, res.Unchanged = rep.Read, rep.Created, rep.Updated, rep.Unchanged
	// The tally counts warnings whether or not the issues went to a sink.
	res.Warnings = rep.Tally.Warnings + len(src.Warnings)
	if fs.Sink != nil {
		for _, w := range src.Warnings {
			fs.Sink(Issue{Level: Warning, Action: w})
		}
	}
	if err != nil {
		return src.Pages, "", "", "", err
	}
	if src.Complete {
		if res.Withdrawn, err = fs.withdraw(ctx, feed.Name, w); err != nil {
			return src.Pages, "", "", "", err
		}
	}
	if err := st.Commit(ctx); err != nil {
		return src.Pages, "", "", "", err
	}
	return src.Pages, src.Format, src.ETag, src.LastModified, nil
}

// withdraw stages, as inactive, the feed's listed services that this run
// did not read.
func (fs *FeedSync) withdraw(ctx context.Context, feed string, w *feedWriter) (int, error) {
	listed, err := fs.Store.FeedServiceIDs(ctx, feed)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, id := range listed {
		if w.seen[id] {
			continue
		}
		s, err := fs.Store.Service(ctx, id)
		if err != nil {
			return n, err
		}
		c := *s // not the caller's copy
		c.Status = directory.StatusInactive
		if _, _, err := w.Writer.PutService(ctx, &c); err != nil {
			return n, fmt.Errorf("withdrawing %s: %w", s.ID, err)
		}
		n++
	}
	return n, nil
}

// openFeed is OpenFeed with a page callback set before the first page.
func (c *FeedClient) openFeed(ctx context.Context, rawURL string, format Format, etag, lastModified string, onPage func(int)) (*FeedPages, bool, error) {
	p, notModified, err := c.OpenFeed(ctx, rawURL, format, etag, lastModified)
	if p != nil {
		p.OnPage = onPage
		if onPage != nil {
			onPage(p.Pages)
		}
	}
	return p, notModified, err
}

// feedWriter stores a feed's records under ids namespaced by the feed,
// with their provenance, and remembers which services it wrote.
// Taxonomy terms are not namespaced: a vocabulary is shared by every
// feed that uses it.
type feedWriter struct {
	Writer
	feed    string
	fetched time.Time
	seen    map[string]bool
}

func (w *feedWriter) id(id string) string { return directory.FeedID(w.feed, id) }

func (w *feedWriter) PutService(ctx context.Context, s *directory.Service) (bool, bool, error) {
	c := *s
	c.SourceID, c.ID, c.Source, c.FetchedAt = s.ID, w.id(s.ID), w.feed, w.fetched
	// The feed's own status is written, so a service withdrawn earlier
	// that the feed lists again comes back.
	if c.Organization != nil {
		o := *c.Organization
		o.ID = w.id(o.ID)
		c.Organization = &o
	}
	c.Locations = make([]directory.ServiceAtLocation, len(s.Locations))
	for i, sal := range s.Locations {
		sal.ID = w.id(sal.ID)
		sal.Location.ID = w.id(sal.Location.ID)
		c.Locations[i] = sal
	}
	w.seen[c.ID] = true
	return w.Writer.PutService(ctx, &c)
}

func (w *feedWriter) PutOrganization(ctx context.Context, o *directory.Organization) (bool, bool, error) {
	c := *o
	c.ID = w.id(o.ID)
	return w.Writer.PutOrganization(ctx, &c)
}

func (w *feedWriter) PutLocation(ctx context.Context, l *directory.Location) (bool, bool, error) {
	c := *l
	c.ID = w.id(l.ID)
	return w.Writer.PutLocation(ctx, &c)
}

func (w *feedWriter) HasLocation(ctx context.Context, id string) (bool, error) {
	return w.Writer.HasLocation(ctx, w.id(id))
}
