// Package benchcmd is the benchmark's command line, shared by
// `linkway bench` and `linkway-bench`: its flags, its inputs from the
// shipped data, and the report. What only the server can give (its HTTP
// handler, its instances, its accounts) comes in as [Hooks], so the
// benchmark imports nothing of the server command.
package benchcmd

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"time"

	"github.com/linkway/linkway/bench"
	"github.com/linkway/linkway/data"
	"github.com/linkway/linkway/indexer"
	"github.com/linkway/linkway/internal/demoenv"
	"github.com/linkway/linkway/kinds"
	"github.com/linkway/linkway/sqlite"
)

// Hooks are what the server command gives the benchmark. A command
// without them (linkway-bench) refuses --http and --load.
type Hooks struct {
	// HTTP returns the handler linkway serve builds, over the store and
	// index of t (see [bench.Config.HTTP]).
	HTTP bench.HTTPFunc
	// Serve and AddUser start instances and make the link worker for
	// --load (see [bench.LoadConfig]).
	Serve   bench.ServeFunc
	AddUser bench.AddUserFunc
}

// UsageError is the command used wrongly: exit status 2, as for a bad
// flag.
type UsageError struct{ Err error }

func (e UsageError) Error() string { return e.Err.Error() }
func (e UsageError) Unwrap() error { return e.Err }

// Run parses args as the benchmark's flags and runs it, printing the
// report to stdout; name is the command as the person typed it.
func Run(ctx context.Context, name string, args []string, stdout, stderr io.Writer, hooks Hooks) error {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	services := fs.Int("services", 10000, "services to generate (10000, 100000, 500000)")
	queries := fs.Int("queries", 2000, "queries in the mix (at least 2000 for a report)")
	edits := fs.Int("edits", 200, "edits timed from commit to searchable")
	seed := fs.Int64("seed", 1, "seed for the synthetic directory and the query mix")
	dir := fs.String("dir", "", "working folder for the store and indexes (default: a new temporary folder, removed after)")
	outcodes := fs.String("outcodes", "", "outcode centroid CSV with postcode counts, to place services by population (default: the embedded centroids, evenly weighted)")
	database := fs.String("database", "", "also store and measure the directory in this empty PostgreSQL database (postgres://…), after SQLite; its lines start \"postgres \", its summary keys \"pg_\"")
	instances := fs.Int("instances", 2, "with --database: indexes following PostgreSQL during the edits, as that many servers would, and with --load the serve instances started")
	noFTS := fs.Bool("no-fts", false, "skip the SQLite FTS5 comparison")
	noClassify := fs.Bool("no-classify", false, "store services with only their own tags, without Linkway's kinds classifier (to measure what classifying costs)")
	matches := fs.Int("matches", 200, "matches timed (POST /api/v1/match without HTTP)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the whole run to this file (read it with go tool pprof)")
	viaHTTP := fs.Bool("http", false, "also run the query mix through GET /api/v1/search of the server's own handler on a loopback port, from one client then two (lines start \"http\", summary keys \"http_\")")
	copyStore := fs.Bool("copy", false, "with --database: fill PostgreSQL by copying the SQLite store (COPY, as migrate-store does) instead of writing each service; its store line then says \"copied\" (pg_store_copy_s)")
	load := fs.Bool("load", false, "with --database: after PostgreSQL is measured, start --instances linkway serve processes on it and drive a mixed open-loop load (public search, match, link-worker writes) at --rate for --duration")
	rate := fs.Float64("rate", 200, "with --load: requests started per second, on a fixed schedule")
	duration := fs.Duration("duration", 2*time.Minute, "with --load: how long the load runs")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: %s [--services N] [--queries N] [--edits N] [--seed N] [--dir DIR] [--http] [--database URL [--instances N] [--copy] [--load [--rate R] [--duration D]]] [--no-fts] [--no-classify]\n\nMeasures search on a synthetic directory across England. The FTS5 comparison\nneeds the command built with -tags sqlite_fts5.\n", name)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return UsageError{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	if err := checkModes(*viaHTTP, *load, *database, *rate, *duration, hooks); err != nil {
		return err
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
	cfg := bench.Config{
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
	}
	if *viaHTTP {
		cfg.HTTP = hooks.HTTP
	}
	if *load {
		cfg.Load = &bench.LoadConfig{Rate: *rate, Duration: *duration, Serve: hooks.Serve, AddUser: hooks.AddUser}
	}
	return bench.Run(ctx, cfg, stdout)
}

// checkModes refuses --http and --load where they cannot run, before
// minutes of measuring.
func checkModes(viaHTTP, load bool, database string, rate float64, duration time.Duration, hooks Hooks) error {
	switch {
	case viaHTTP && hooks.HTTP == nil:
		return UsageError{errors.New("--http needs the server's handler: run the benchmark as `linkway bench --http`")}
	case load && (hooks.Serve == nil || hooks.AddUser == nil):
		return UsageError{errors.New("--load starts linkway serve instances: run the benchmark as `linkway bench --load`")}
	case load && database == "":
		return UsageError{errors.New("--load needs --database postgres://…: the instances share the directory stored there")}
	case load && (rate <= 0 || duration <= 0):
		return UsageError{errors.New("--rate and --duration must be above 0")}
	}
	return nil
}
