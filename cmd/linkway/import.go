package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/hsds"
)

// maxReported bounds how many skipped records are printed.
const maxReported = 20

// fetchTimeout bounds fetching a feed document given by URL, from the
// request to the last byte.
const fetchTimeout = 10 * time.Minute

func runImport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("data", "", "data folder (default $LINKWAY_DATA or ./linkway-data)")
	database := databaseFlag(fs)
	skip := fs.Bool("skip-invalid", false, "import the valid records and report the invalid ones, instead of importing nothing")
	formatFlag := fs.String("format", "", "the feed's format: hsds3, oruk1 or datapackage (default: told from the feed)")
	reportPath := fs.String("report", "", "write every warning and error to this file, as JSON")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: linkway import --data DIR [--format hsds3|oruk1|datapackage] [--skip-invalid] [--report FILE] FILE|FOLDER|URL

Imports an Open Referral feed: HSDS 3.0 JSON (services, organisations,
services at locations, locations, taxonomies or taxonomy terms; as an
array, a page, one object or one a line), ORUK v1 JSON, or a data package
of CSV tables (a folder or .zip). A URL is fetched once, over http or https.
`)
		fs.PrintDefaults()
	}
	files, err := parseFlags(fs, args)
	if err != nil {
		return usageError{err}
	}
	if len(files) != 1 {
		fs.Usage()
		return usageError{fmt.Errorf("import takes one file, folder or URL, got %d", len(files))}
	}
	format, err := hsds.ParseFormat(*formatFlag)
	if err != nil {
		return usageError{fmt.Errorf("import: %s", directory.MessageOf(err))}
	}
	name := files[0]
	var src hsds.Source
	var closer io.Closer
	var size int64
	if isURL(name) {
		fetchCtx, cancel := context.WithTimeout(ctx, fetchTimeout)
		defer cancel()
		src, closer, size, err = hsds.OpenURL(fetchCtx, http.DefaultClient, name, format)
	} else {
		src, closer, err = hsds.Open(name, format)
		if st, statErr := os.Stat(name); statErr == nil && !st.IsDir() {
			size = st.Size()
		}
	}
	if err != nil {
		return fmt.Errorf("import %s failed: %s", name, directory.MessageOrError(err))
	}
	defer closer.Close()
	a, err := openAppWith(ctx, dataDir(*dir, getenv), databaseURL(*database, getenv))
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.reclassify(ctx, stderr); err != nil {
		return err
	}
	var progress io.Writer
	if isTerminal(stderr) {
		progress = stderr
	}
	// Every issue goes to the report file as it is met and only their
	// tally stays in memory, so that a feed with millions of warnings
	// imports in the memory of one with none.
	sink := func(hsds.Issue) {}
	var report *reportFile
	if *reportPath != "" {
		if report, err = createReport(*reportPath); err != nil {
			return fmt.Errorf("import %s failed: could not write the report: %v", name, err)
		}
		sink = report.w.Add
	}
	start := time.Now()
	rep, err := a.importSource(ctx, src, size, *skip, progress, sink)
	elapsed := time.Since(start)
	rep.Tally.WriteSummary(stderr)
	if report != nil {
		if werr := report.Close(); werr != nil {
			fmt.Fprintf(stderr, "could not write the report: %v\n", werr)
		} else {
			fmt.Fprintf(stderr, "report of %d warnings and errors written to %s\n", rep.Tally.Total(), *reportPath)
		}
	}
	if err != nil {
		return fmt.Errorf("import %s failed: %s", name, directory.MessageOrError(err))
	}
	fmt.Fprintf(stdout, "imported %d services from %s: %d new, %d updated, %d unchanged, in %s (%.0f records/s)\n",
		rep.Written(), name, rep.Created, rep.Updated, rep.Unchanged, elapsed.Round(time.Millisecond), float64(rep.Read)/elapsed.Seconds())
	if alone := standingAlone(rep); alone != "" {
		fmt.Fprintf(stdout, "also imported %s\n", alone)
	}
	if len(rep.Skipped) > 0 {
		printSkipped(stdout, rep.Skipped)
	}
	return nil
}

// isURL reports whether name is a web address rather than a path.
func isURL(name string) bool {
	l := strings.ToLower(name)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// standingAlone says what an import wrote besides services:
// "2 organisations, 1 location and 40 taxonomy terms", or "".
func standingAlone(rep hsds.Report) string {
	var parts []string
	for _, c := range []struct {
		n         int
		one, many string
	}{
		{rep.Organizations, "organisation", "organisations"},
		{rep.Locations, "location", "locations"},
		{rep.Terms, "taxonomy term", "taxonomy terms"},
	} {
		switch {
		case c.n == 1:
			parts = append(parts, "1 "+c.one)
		case c.n > 1:
			parts = append(parts, fmt.Sprintf("%d %s", c.n, c.many))
		}
	}
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// reportFile is the file an import's issues are written to as JSON, as
// they are met.
type reportFile struct {
	f *os.File
	w *hsds.IssueWriter
}

func createReport(path string) (*reportFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	return &reportFile{f: f, w: hsds.NewIssueWriter(f)}, nil
}

// Close ends the report and closes its file.
func (r *reportFile) Close() error {
	if err := r.w.Close(); err != nil {
		r.f.Close()
		return err
	}
	return r.f.Close()
}

func printSkipped(w io.Writer, skipped []hsds.Problem) {
	fmt.Fprintf(w, "skipped %d invalid records:\n", len(skipped))
	for i, p := range skipped {
		if i == maxReported {
			fmt.Fprintf(w, "  … and %d more\n", len(skipped)-maxReported)
			break
		}
		fmt.Fprintln(w, "  "+directory.MessageOrError(p.Err))
	}
}
