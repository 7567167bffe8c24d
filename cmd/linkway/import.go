package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/hsds"
)

// maxReported bounds how many warnings or skipped records are printed.
const maxReported = 20

func runImport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("data", "", "data folder (default $LINKWAY_DATA or ./linkway-data)")
	skip := fs.Bool("skip-invalid", false, "import the valid records and report the invalid ones, instead of importing nothing")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: linkway import --data DIR [--skip-invalid] FILE\n\nImports an HSDS 3.0 JSON file: an array of services or a page with \"contents\".")
		fs.PrintDefaults()
	}
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		fs.Usage()
		return fmt.Errorf("import takes one file, got %d", len(files))
	}
	f, err := os.Open(files[0])
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer f.Close()
	var size int64
	if st, err := f.Stat(); err == nil {
		size = st.Size()
	}
	a, err := openApp(dataDir(*dir, getenv))
	if err != nil {
		return err
	}
	defer a.Close()
	var progress io.Writer
	if isTerminal(stderr) {
		progress = stderr
	}
	start := time.Now()
	rep, err := a.importFile(ctx, f, size, *skip, progress)
	elapsed := time.Since(start)
	printWarnings(stderr, rep.Warnings)
	if err != nil {
		return fmt.Errorf("import %s failed: %s", files[0], directory.MessageOrError(err))
	}
	written := rep.Created + rep.Updated + rep.Unchanged
	fmt.Fprintf(stdout, "imported %d services from %s: %d new, %d updated, %d unchanged, in %s (%.0f services/s)\n",
		written, files[0], rep.Created, rep.Updated, rep.Unchanged, elapsed.Round(time.Millisecond), float64(rep.Read)/elapsed.Seconds())
	if len(rep.Skipped) > 0 {
		printSkipped(stdout, rep.Skipped)
	}
	return nil
}

func printWarnings(w io.Writer, warnings []string) {
	for i, msg := range warnings {
		if i == maxReported {
			fmt.Fprintf(w, "warning: … and %d more warnings\n", len(warnings)-maxReported)
			break
		}
		fmt.Fprintln(w, "warning:", msg)
	}
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
