package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/linkway/linkway/data"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/geo"
	"github.com/linkway/linkway/hsds"
	"github.com/linkway/linkway/kinds"
	"github.com/paulmach/orb"
	"golang.org/x/term"
)

// app is what every subcommand opens: the store (SQLite in the data
// folder, or a shared PostgreSQL database) and the postcode table.
type app struct {
	dir string // the data folder: SQLite's database and the search index
	*backend
	db    store
	kinds *kinds.Assigner
	geo   *geo.Gazetteer
	fresh bool // the database did not exist before
}

// openApp opens the data folder's SQLite store.
func openApp(dir string) (*app, error) {
	return openAppWith(context.Background(), dir, "")
}

// openAppWith opens the store named by databaseURL ("" for SQLite in
// dir), with dir still holding the search index.
func openAppWith(ctx context.Context, dir, databaseURL string) (*app, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create data folder: %w", err)
	}
	// Every write from here on gives services Linkway's kinds of support.
	assigner, err := kinds.Load(data.FS)
	if err != nil {
		return nil, err
	}
	gaz, err := geo.LoadFS(data.FS)
	if err != nil {
		return nil, err
	}
	b, err := openStore(ctx, databaseURL, dir, assigner)
	if err != nil {
		return nil, err
	}
	return &app{dir: dir, backend: b, db: b.db, kinds: assigner, geo: gaz, fresh: b.fresh}, nil
}

// reclassify gives every service not corrected by an admin its kinds of
// support again when the shipped classifier differs from the one that
// gave the stored kinds (see sqlite's DB.Reclassify), telling stderr
// what it does. Nothing is said when there is nothing to do.
func (a *app) reclassify(ctx context.Context, stderr io.Writer) error {
	st, err := a.db.Stats(ctx)
	if err != nil {
		return err
	}
	terminal := isTerminal(stderr)
	var last time.Time
	started := false
	changed, err := a.db.Reclassify(ctx, func(done, changed int) {
		if !started {
			started = true
			fmt.Fprintf(stderr, "classifying kinds of support again: the classifier has changed since %d services were given theirs\n", st.Services)
		}
		if terminal && time.Since(last) >= 200*time.Millisecond {
			last = time.Now()
			fmt.Fprintf(stderr, "\r\033[Kclassifying: %d of %d services, %d changed", done, st.Services, changed)
		}
	})
	if terminal && started {
		fmt.Fprint(stderr, "\r\033[K")
	}
	if err != nil {
		return fmt.Errorf("classify kinds of support: %w", err)
	}
	if started {
		fmt.Fprintf(stderr, "classified %d services: %d have different kinds of support\n", st.Services, changed)
	}
	return nil
}

func (a *app) Close() error { return a.db.Close() }

// geocoder adapts the gazetteer to what the importer needs.
type geocoder struct{ g *geo.Gazetteer }

func (g geocoder) Point(postcode string) (orb.Point, error) {
	p, err := g.g.Lookup(postcode)
	return p.Point, err
}

// importFile imports a JSON feed document read from r (HSDS 3.0 or ORUK
// v1, told apart by its members); see importSource.
func (a *app) importFile(ctx context.Context, r io.Reader, size int64, skipInvalid bool, progress io.Writer) (hsds.Report, error) {
	src, err := hsds.NewSource(r, hsds.FormatAuto, "")
	if err != nil {
		return hsds.Report{}, err
	}
	return a.importSource(ctx, src, size, skipInvalid, progress, nil)
}

// beginImport starts a staged import of the database with Linkway's
// kinds of support already staged, as every import and feed sync needs.
func (a *app) beginImport(ctx context.Context) (staging, error) {
	terms, err := data.Taxonomy(data.FS)
	if err != nil {
		return nil, err
	}
	imp, err := a.begin(ctx)
	if err != nil {
		return nil, err
	}
	if err := imp.PutTerms(ctx, terms); err != nil {
		imp.Discard()
		return nil, err
	}
	return imp, nil
}

// importSource imports a feed, all or nothing, without blocking a server
// that uses the same database: the feed is read, checked and staged
// first, and only then applied in short transactions (see
// sqlite/staging.go). On any error before the switch nothing is written.
// size is the feed's length in bytes, or 0 or less when unknown;
// progress, when not nil, receives progress lines. sink, when not nil,
// is given every warning and error as it is met, and the report keeps
// only their tally.
func (a *app) importSource(ctx context.Context, src hsds.Source, size int64, skipInvalid bool, progress io.Writer, sink func(hsds.Issue)) (hsds.Report, error) {
	var last time.Time
	// every reports whether a progress line is due: a few a second.
	every := func() bool {
		if progress == nil || time.Since(last) < 200*time.Millisecond {
			return false
		}
		last = time.Now()
		return true
	}
	read := func(n int, offset int64) {
		if !every() {
			return
		}
		if size > 0 && offset > 0 {
			fmt.Fprintf(progress, "\rimporting: %d records read, %.0f%% of %.1f MB", n, 100*float64(offset)/float64(size), float64(size)/1e6)
		} else {
			fmt.Fprintf(progress, "\rimporting: %d records read", n)
		}
	}
	applied := func(done, total int) {
		if every() {
			fmt.Fprintf(progress, "\r\033[Kapplying: %d of %d", done, total)
		}
	}
	rep, err := a.importStaged(ctx, src, skipInvalid, read, applied, sink)
	if progress != nil {
		fmt.Fprint(progress, "\r\033[K")
	}
	return rep, err
}

// importStaged is importSource with its progress as callbacks: read after
// each record with the bytes read so far, applied as the staged changes
// are applied. The import command and the admins' import page both run
// it, so an upload is imported exactly as a file given to the command.
func (a *app) importStaged(ctx context.Context, src hsds.Source, skipInvalid bool, read func(n int, offset int64), applied func(done, total int), sink func(hsds.Issue)) (hsds.Report, error) {
	im := &hsds.Importer{Geo: geocoder{a.geo}, SkipInvalid: skipInvalid, Sink: sink, Progress: read}
	imp, err := a.beginImport(ctx)
	if err != nil {
		return hsds.Report{}, err
	}
	defer imp.Discard()
	rep, err := im.ImportSource(ctx, src, imp)
	if err == nil {
		imp.setProgress(applied)
		err = imp.Commit(ctx)
		for _, msg := range imp.failed() {
			rep.Add(hsds.Issue{Level: hsds.Error, Action: "not applied: " + msg})
		}
	}
	return rep, err
}

// jobs returns the runner of the syncs and imports admins start from
// their pages, syncing and importing as the commands do.
func (a *app) jobs(log *slog.Logger) *hsds.Jobs {
	sync := func(ctx context.Context, name string, progress func(pages, records int), sink func(hsds.Issue)) (directory.FeedResult, error) {
		fs := a.feedSync(nil)
		fs.Progress, fs.Sink = progress, sink
		return fs.Sync(ctx, name)
	}
	imp := func(ctx context.Context, src hsds.Source, progress func(int, int64), applying func(), sink func(hsds.Issue)) (hsds.Report, error) {
		started := false
		applied := func(int, int) {
			if !started {
				started = true
				applying()
			}
		}
		return a.importStaged(ctx, src, false, progress, applied, sink)
	}
	return hsds.NewJobs(a.db, sync, imp, log)
}

// loadDemo imports the shipped Leeds demo directory.
func (a *app) loadDemo(ctx context.Context) (hsds.Report, error) {
	f, err := data.FS.Open("demo/leeds.json")
	if err != nil {
		return hsds.Report{}, err
	}
	defer f.Close()
	return a.importFile(ctx, f, 0, false, nil)
}

// isTerminal reports whether w is a terminal, where progress lines help;
// in a log file they would only be noise.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
