// Command linkway-bench measures Linkway's search on a synthetic directory
// across England: store load, index build, a mix of queries from one and
// two clients, edits from commit to searchable, matches, and the same
// queries on a SQLite FTS5 baseline. It is its own command so that the
// server binary links none of the benchmark. The FTS5 comparison needs
// the sqlite_fts5 build tag:
//
//	go run -tags sqlite_fts5 ./cmd/linkway-bench --services 100000
//
// With --database postgres://… the same directory is also stored in that
// (empty) PostgreSQL database and measured there, beside the SQLite lines.
//
// The last line of its report is a "BENCH key=value …" summary.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"syscall"

	"github.com/linkway/linkway/bench"
	"github.com/linkway/linkway/data"
	"github.com/linkway/linkway/indexer"
	"github.com/linkway/linkway/internal/demoenv"
	"github.com/linkway/linkway/kinds"
	"github.com/linkway/linkway/sqlite"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "linkway-bench:", err)
		var ue usageError
		if errors.As(err, &ue) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// usageError is the command used wrongly: exit status 2, as for a bad flag.
type usageError struct{ error }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("linkway-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	services := fs.Int("services", 10000, "services to generate (10000, 100000, 500000)")
	queries := fs.Int("queries", 2000, "queries in the mix (at least 2000 for a report)")
	edits := fs.Int("edits", 200, "edits timed from commit to searchable")
	seed := fs.Int64("seed", 1, "seed for the synthetic directory and the query mix")
	dir := fs.String("dir", "", "working folder for the store and indexes (default: a new temporary folder, removed after)")
	outcodes := fs.String("outcodes", "", "outcode centroid CSV with postcode counts, to place services by population (default: the embedded centroids, evenly weighted)")
	database := fs.String("database", "", "also store and measure the directory in this empty PostgreSQL database (postgres://…), after SQLite; its lines start \"postgres \", its summary keys \"pg_\"")
	instances := fs.Int("instances", 2, "with --database: indexes following PostgreSQL during the edits, as that many servers would")
	copyStore := fs.Bool("copy", false, "with --database: fill PostgreSQL by copying the SQLite store (COPY, as migrate-store does) instead of writing each service; its store line then says \"copied\" (pg_store_copy_s)")
	noFTS := fs.Bool("no-fts", false, "skip the SQLite FTS5 comparison")
	noClassify := fs.Bool("no-classify", false, "store services with only their own tags, without Linkway's kinds classifier (to measure what classifying costs)")
	matches := fs.Int("matches", 200, "matches timed (POST /api/v1/match without HTTP)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the whole run to this file (read it with go tool pprof)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: linkway-bench [--services N] [--queries N] [--edits N] [--seed N] [--dir DIR] [--database URL [--instances N] [--copy]] [--no-fts] [--no-classify]\n\nMeasures search on a synthetic directory across England. The FTS5 comparison\nneeds the command built with -tags sqlite_fts5.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return usageError{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	work := *dir
	if work == "" {
		tmp, err := os.MkdirTemp("", "linkway-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		work = filepath.Join(tmp, "bench")
	}
	var oc io.Reader
	if *outcodes != "" {
		f, err := os.Open(*outcodes)
		if err != nil {
			return err
		}
		defer f.Close()
		oc = f
	} else {
		rc, err := data.Outcodes(data.FS)
		if err != nil {
			return err
		}
		defer rc.Close()
		oc = rc
	}
	taxonomy, err := data.Taxonomy(data.FS)
	if err != nil {
		return err
	}
	cf, err := data.FS.Open("concepts.json")
	if err != nil {
		return err
	}
	defer cf.Close()
	concepts, err := indexer.LoadConcepts(cf)
	if err != nil {
		return err
	}
	// Services get their kinds as they are stored, as in serve; with
	// --no-classify they keep only their tags, to measure what
	// classifying costs. Matches read people's words with the same
	// classifier either way.
	assigner, err := kinds.Load(data.FS)
	if err != nil {
		return err
	}
	var store sqlite.Classifier = assigner
	if *noClassify {
		store = nil
	}
	kindIDs := make([]string, len(taxonomy))
	for i, k := range taxonomy {
		kindIDs[i] = k.ID
	}
	return bench.Run(ctx, bench.Config{
		Services: *services, Queries: *queries, Edits: *edits, Seed: *seed, Dir: work, NoFTS: *noFTS,
		Database: *database, Instances: *instances, CopyToPostgres: *copyStore,
		Outcodes: oc, Kinds: taxonomy, Concepts: concepts, Classifier: store,
		Extra: func(ctx context.Context, env *bench.Env) error {
			// Matches read people's words as serve does: clauses no
			// concept phrase covers go to the kinds classifier.
			env.Index.Classify = demoenv.Classifier(assigner)
			m, err := demoenv.NewMatcher(data.FS, env.Index, env.Store)
			if err != nil {
				return err
			}
			return bench.TimeMatches(ctx, env, m, kindIDs, *matches)
		},
	}, stdout)
}
