package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/linkway/linkway/data"
	"github.com/linkway/linkway/geo"
	"github.com/linkway/linkway/hsds"
	"github.com/linkway/linkway/sqlite"
	"github.com/paulmach/orb"
	"golang.org/x/term"
)

// app is what every subcommand opens: the data folder's store and the
// postcode table.
type app struct {
	dir   string
	db    *sqlite.DB
	geo   *geo.Gazetteer
	fresh bool // the database did not exist before
}

func openApp(dir string) (*app, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create data folder: %w", err)
	}
	path := filepath.Join(dir, "linkway.db")
	_, err := os.Stat(path)
	fresh := errors.Is(err, fs.ErrNotExist)
	db, err := sqlite.Open(path)
	if err != nil {
		return nil, err
	}
	gaz, err := geo.LoadFS(data.FS)
	if err != nil {
		db.Close()
		return nil, err
	}
	return &app{dir: dir, db: db, geo: gaz, fresh: fresh}, nil
}

func (a *app) Close() error { return a.db.Close() }

// geocoder adapts the gazetteer to what the importer needs.
type geocoder struct{ g *geo.Gazetteer }

func (g geocoder) Point(postcode string) (orb.Point, error) {
	p, err := g.g.Lookup(postcode)
	return p.Point, err
}

// importFile imports an HSDS file in one transaction: on any error nothing
// is written. progress, when not nil, receives progress lines.
func (a *app) importFile(ctx context.Context, r io.Reader, size int64, skipInvalid bool, progress io.Writer) (hsds.Report, error) {
	im := &hsds.Importer{Geo: geocoder{a.geo}, SkipInvalid: skipInvalid}
	if progress != nil {
		var last time.Time
		im.Progress = func(n int, offset int64) {
			if time.Since(last) < 200*time.Millisecond {
				return
			}
			last = time.Now()
			if size > 0 {
				fmt.Fprintf(progress, "\rimporting: %d services read, %.0f%% of %.1f MB", n, 100*float64(offset)/float64(size), float64(size)/1e6)
			} else {
				fmt.Fprintf(progress, "\rimporting: %d services read", n)
			}
		}
	}
	var rep hsds.Report
	err := a.db.InTx(ctx, func(tx *sqlite.Tx) error {
		terms, err := data.Taxonomy(data.FS)
		if err != nil {
			return err
		}
		if err := tx.PutTerms(ctx, terms); err != nil {
			return err
		}
		rep, err = im.Import(ctx, r, tx)
		return err
	})
	if progress != nil && im.Progress != nil {
		fmt.Fprint(progress, "\r\033[K")
	}
	return rep, err
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
