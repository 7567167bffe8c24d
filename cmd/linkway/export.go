package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/hsds"
)

// exportBatch is how many services export reads from the store at a
// time: memory stays flat however big the directory is.
const exportBatch = 500

// serviceWriter is an export format's writer.
type serviceWriter interface {
	Write(*directory.Service) error
	Close() error
}

func runExport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("data", "", "data folder (default $LINKWAY_DATA or ./linkway-data)")
	database := databaseFlag(fs)
	format := fs.String("format", "hsds3", "hsds3 (a JSON array of services), ndjson (one service a line) or datapackage (a folder of CSV tables)")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: linkway export --data DIR [--format hsds3|ndjson|datapackage] OUT

Writes the directory's listed services as Open Referral HSDS 3.0, fully
nested: to the file OUT (or "-" for standard output) for hsds3 and ndjson,
or into the new folder OUT for a data package. What the public may not see
is left out: services that are not listed, and the address of a
confidential place (only its postcode district is written). A live feed's
listings keep the feed's own ids, with where they came from (sp_source).
"linkway import" reads every format back.
`)
		fs.PrintDefaults()
	}
	outs, err := parseFlags(fs, args)
	if err != nil {
		return usageError{err}
	}
	if len(outs) != 1 {
		fs.Usage()
		return usageError{fmt.Errorf("export takes one file or folder to write, got %d", len(outs))}
	}
	out := outs[0]
	switch *format {
	case "hsds3", "ndjson":
	case "datapackage":
		if out == "-" {
			return usageError{errors.New("a data package is a folder of tables: give a folder, not -")}
		}
	default:
		return usageError{fmt.Errorf("--format must be hsds3, ndjson or datapackage, not %q", *format)}
	}
	data, url := dataDir(*dir, getenv), databaseURL(*database, getenv)
	if _, err := os.Stat(filepath.Join(data, "linkway.db")); url == "" && errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("export: %s holds no Linkway directory (no linkway.db)", data)
	}
	a, err := openAppWith(ctx, data, url)
	if err != nil {
		return err
	}
	defer a.Close()
	st, err := a.db.Stats(ctx)
	if err != nil {
		return err
	}

	w, finish, err := openExport(*format, out, stdout)
	if err != nil {
		return err
	}
	start, lastShown := time.Now(), time.Now()
	n := 0
	err = a.db.EachService(ctx, exportBatch, func(batch []*directory.Service) error {
		for _, s := range batch {
			if !s.Listed() {
				continue
			}
			if err := w.Write(hsds.OriginalIDs(s.ForPublic())); err != nil {
				return err
			}
			n++
		}
		if time.Since(lastShown) >= 5*time.Second {
			lastShown = time.Now()
			fmt.Fprintf(stderr, "exported %d of %d listed services\n", n, st.Listed)
		}
		return nil
	})
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err = finish(err); err != nil {
		return fmt.Errorf("export failed: %w", err)
	}
	where := out
	if out == "-" {
		where = "standard output"
	}
	fmt.Fprintf(stderr, "exported %d listed services to %s (%s) in %s\n", n, where, *format, time.Since(start).Round(time.Millisecond))
	return nil
}

// openExport returns the writer for format at out and a function that
// finishes the output given how the export went: a file is written under
// a temporary name and renamed into place only when complete, so a
// failed export never leaves a half-written OUT behind.
func openExport(format, out string, stdout io.Writer) (serviceWriter, func(error) error, error) {
	if format == "datapackage" {
		w, err := hsds.NewPackageWriter(out)
		if err != nil {
			return nil, nil, err
		}
		return w, func(err error) error { return err }, nil
	}
	newWriter := func(to io.Writer) serviceWriter {
		if format == "ndjson" {
			return hsds.NewLineWriter(to)
		}
		return hsds.NewArrayWriter(to)
	}
	if out == "-" {
		return newWriter(stdout), func(err error) error { return err }, nil
	}
	f, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*")
	if err != nil {
		return nil, nil, fmt.Errorf("export: %w", err)
	}
	bw := newBufferedFile(f)
	finish := func(err error) error {
		if err == nil {
			err = bw.Flush()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(f.Name(), out)
		}
		if err != nil {
			os.Remove(f.Name())
		}
		return err
	}
	return newWriter(bw), finish, nil
}

// newBufferedFile buffers writes to f: services are written a few
// hundred bytes at a time.
func newBufferedFile(f *os.File) *bufio.Writer { return bufio.NewWriterSize(f, 1<<16) }
