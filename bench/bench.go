// Package bench measures Linkway's search: it generates a synthetic
// directory across England, builds the bleve index from a real store,
// runs a fixed mix of queries, measures how fast edits become searchable,
// and runs the same queries on SQLite FTS5 for comparison. Given the
// server's handler it runs the mix through the search API too (http.go),
// and given a way to start `linkway serve` it drives a mixed load on
// several instances sharing PostgreSQL (load.go, instance.go).
package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/linkway/linkway/bench/fts5"
	"github.com/linkway/linkway/bench/synth"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/indexer"
	"github.com/linkway/linkway/internal/storecopy"
	"github.com/linkway/linkway/postgres"
	"github.com/linkway/linkway/sqlite"
	"github.com/paulmach/orb"
)

// Config says what to measure.
type Config struct {
	Services int
	Queries  int // total queries in the mix, spread over the kinds
	Edits    int // edits timed from commit to searchable
	Seed     int64
	Dir      string // where the store and indexes go; emptied first
	NoFTS    bool   // skip the SQLite FTS5 comparison
	// Database, when set, is the URL of an empty PostgreSQL database: the
	// same directory is then stored and measured there too, after SQLite.
	Database string
	// Instances is how many indexes follow the PostgreSQL store during
	// the edits (at least 1): the others stand for other servers.
	Instances int
	// CopyToPostgres fills PostgreSQL by copying the SQLite store into it
	// with COPY, as migrate-store does, rather than writing each service
	// through the store: minutes instead of most of an hour at 500,000.
	CopyToPostgres bool
	Outcodes       io.Reader
	Kinds          []directory.Term
	Concepts       *indexer.Concepts
	// Classifier, when set, gives every service Linkway's kinds as it is
	// stored, as serve and import do; its cost shows in the store load.
	Classifier sqlite.Classifier
	// Extra, when set, is run after the search measurements with the
	// built index and generator (the matcher uses it to time matches).
	Extra func(ctx context.Context, env *Env) error
	// HTTP, when set, is the server's own handler: the query mix is run
	// through its GET /api/v1/search too, after the in-process mix.
	HTTP HTTPFunc
	// Load, when set (with Database), drives a mixed load on linkway
	// serve instances sharing the PostgreSQL store once it is measured.
	Load *LoadConfig
}

// Env is what Extra gets: the built index, its store, the generator, and
// Set to add figures to the summary line.
type Env struct {
	Index    *indexer.Index
	Store    Store
	Gen      *synth.Generator
	Services int
	Rand     *rand.Rand
	Out      io.Writer
	Set      func(key, val string)
}

// Kind names of the query mix, in report order.
const (
	KindWords        = "words"
	KindWordsRadius  = "words_radius"
	KindCategoryDay  = "category_radius_day"
	KindBroadRadius  = "broad_radius"
	KindFacetsBrowse = "facets_browse"
)

var kinds = []string{KindWords, KindWordsRadius, KindCategoryDay, KindBroadRadius, KindFacetsBrowse}

// filterOnly are the kinds whose hit sets both engines must agree on:
// they have no words, so relevance cannot differ.
var filterOnly = map[string]bool{KindCategoryDay: true, KindFacetsBrowse: true}

type namedQuery struct {
	kind string
	q    directory.Query
}

// Run runs the benchmark, printing a report to out and a parseable
// summary as its last line.
func Run(ctx context.Context, cfg Config, out io.Writer) error {
	if cfg.Services <= 0 {
		return errors.New("bench: --services must be positive")
	}
	if err := os.RemoveAll(cfg.Dir); err != nil {
		return err
	}
	if err := os.MkdirAll(cfg.Dir, 0o700); err != nil {
		return err
	}
	gen, err := synth.New(cfg.Seed, cfg.Outcodes, cfg.Kinds)
	if err != nil {
		return err
	}
	sum := &summary{vals: map[string]string{}}
	sum.set("services", strconv.Itoa(cfg.Services))
	fmt.Fprintf(out, "linkway-bench: %d services, %d queries, %d edits, seed %d, GOMAXPROCS %d\n",
		cfg.Services, cfg.Queries, cfg.Edits, cfg.Seed, runtime.GOMAXPROCS(0))

	// PostgreSQL is measured last, but a database it cannot use is said
	// before the minutes SQLite takes.
	var pg *postgres.DB
	if cfg.Database != "" {
		if pg, err = openEmpty(ctx, cfg.Database); err != nil {
			return err
		}
		defer pg.Close()
	}
	db, err := sqlite.Open(filepath.Join(cfg.Dir, "linkway.db"))
	if err != nil {
		return err
	}
	defer db.Close()
	db.Kinds = cfg.Classifier
	ph := phase{store: SQLite(db), target: Target{Dir: cfg.Dir}, index: filepath.Join(cfg.Dir, "index"), instances: 1, out: out, set: sum.set}
	ix, mix, bleveLat, err := measure(ctx, cfg, gen, ph)
	if err != nil {
		return err
	}
	defer ix.Close()
	sum.set("peak_rss_mb", fmt.Sprintf("%.0f", peakRSS()))

	// 6. The same queries on SQLite FTS5.
	if !cfg.NoFTS {
		err := compareFTS(ctx, cfg, ix, gen, mix, bleveLat, sum, out)
		switch {
		case errors.Is(err, fts5.ErrNotCompiled):
			// The rest of the report stands without the baseline.
			fmt.Fprintf(out, "fts5: comparison skipped: %v\n", err)
		case err != nil:
			return err
		}
	}
	if pg != nil {
		if err := ix.Close(); err != nil {
			return err
		}
		if err := runPostgres(ctx, cfg, pg, db, gen, sum, out); err != nil {
			return err
		}
	}
	fmt.Fprintln(out, sum.line())
	if sum.loadErrors > 0 {
		return fmt.Errorf("bench: %d requests of the load failed (the first are listed above)", sum.loadErrors)
	}
	return nil
}

// runPostgres measures the same directory stored in PostgreSQL: its lines
// carry the SQLite lines' labels after "postgres ", its summary keys the
// same names after "pg_", so one run gives both and their ratios.
func runPostgres(ctx context.Context, cfg Config, pg *postgres.DB, lite *sqlite.DB, gen *synth.Generator, sum *summary, out io.Writer) error {
	pg.Kinds = cfg.Classifier
	// The SQLite measurements raised the peak; start PostgreSQL's afresh
	// so that its peak is the PostgreSQL phase's own.
	resetPeakRSS()
	set := func(key, val string) { sum.set("pg_"+key, val) }
	ph := phase{store: Postgres(pg), target: Target{Dir: filepath.Join(cfg.Dir, "pg"), Database: cfg.Database},
		index: filepath.Join(cfg.Dir, "index-pg"), instances: max(cfg.Instances, 1),
		out: &prefixWriter{w: out, prefix: "postgres "}, set: set, editTag: "pg"}
	if cfg.CopyToPostgres {
		ph.fill = func(ctx context.Context, out io.Writer) error {
			_, err := storecopy.Copy(ctx, lite, pg, out, false)
			return err
		}
	}
	ix, mix, _, err := measure(ctx, cfg, gen, ph)
	if err != nil {
		return err
	}
	set("peak_rss_mb", fmt.Sprintf("%.0f", peakRSS()))
	if err := ix.Close(); err != nil {
		return err
	}
	if cfg.Load != nil {
		return runLoad(ctx, cfg, ph.store, gen, mix, ph.index, sum, out)
	}
	return nil
}

// openEmpty opens the PostgreSQL database at url, which the run will fill
// with its synthetic directory: it refuses one that already has a change
// log rather than mix the two.
func openEmpty(ctx context.Context, url string) (*postgres.DB, error) {
	pg, err := postgres.Open(ctx, url)
	if err != nil {
		return nil, err
	}
	seq, err := pg.LastChangeSeq(ctx)
	if err == nil && seq > 0 {
		err = errors.New("bench: --database must be an empty database (it has a change log)")
	}
	if err != nil {
		pg.Close()
		return nil, err
	}
	return pg, nil
}

// phase is one store's measurements: where its index goes, how many
// instances follow it, and where its lines and summary figures go.
type phase struct {
	store     Store
	target    Target // the store again, as the server's handler opens it
	index     string
	instances int
	out       io.Writer
	set       func(key, val string)
	// fill, when set, fills the store instead of writing the generated
	// services to it.
	fill func(ctx context.Context, out io.Writer) error
	// editTag makes the words the edits add differ from an earlier
	// phase's, whose edits a copied store already holds.
	editTag string
}

// measure loads the directory into ph's store, builds the index from it,
// times the query mix, throughput, edits and Extra, and returns the index
// (open: the caller closes it), the mix and its latencies.
func measure(ctx context.Context, cfg Config, gen *synth.Generator, ph phase) (*indexer.Index, []namedQuery, map[string][]float64, error) {
	out := ph.out
	// 1. The store, loaded in batches so memory stays flat.
	start := time.Now()
	if ph.fill != nil {
		if err := ph.fill(ctx, out); err != nil {
			return nil, nil, nil, err
		}
		took := time.Since(start)
		fmt.Fprintf(out, "store: copied from SQLite in %s\n", took.Round(time.Millisecond))
		ph.set("store_copy_s", secs(took))
	} else {
		if err := loadStore(ctx, ph.store, gen, cfg.Services, out); err != nil {
			return nil, nil, nil, err
		}
		took := time.Since(start)
		fmt.Fprintf(out, "store: loaded in %s (%.0f services/s)\n", took.Round(time.Millisecond), float64(cfg.Services)/took.Seconds())
		ph.set("store_load_s", secs(took))
	}

	// 2. The index, built from empty.
	start = time.Now()
	ix, info, err := indexer.Open(ctx, ph.index, ph.store)
	if err != nil {
		return nil, nil, nil, err
	}
	ok := false
	defer func() {
		if !ok {
			ix.Close()
		}
	}()
	ix.Concepts = cfg.Concepts
	took := time.Since(start)
	size := dirSize(ph.index)
	rss := peakRSS()
	fmt.Fprintf(out, "index: built %d docs in %s (%.0f services/s, %s), %.1f MB on disk, peak RSS so far %.0f MB\n",
		info.Docs, took.Round(time.Millisecond), float64(cfg.Services)/took.Seconds(), info.Rebuilt, float64(size)/1e6, rss)
	ph.set("build_s", secs(took))
	ph.set("build_per_s", fmt.Sprintf("%.0f", float64(cfg.Services)/took.Seconds()))
	ph.set("index_mb", fmt.Sprintf("%.1f", float64(size)/1e6))

	// 3. The query mix on the index: the same seed gives every phase the
	// same queries and edits.
	r := rand.New(rand.NewPCG(uint64(cfg.Seed), 7))
	kindIDs := make([]string, len(cfg.Kinds))
	for i, k := range cfg.Kinds {
		kindIDs[i] = k.ID
	}
	mix := queryMix(gen, kindIDs, r, cfg.Queries)
	fmt.Fprintf(out, "queries: %d in the mix\n", len(mix))
	runQueries(ctx, ix, mix[:min(len(mix), 50)]) // warm caches
	bleveLat, err := timeQueries(ctx, func(q directory.Query) error {
		_, err := ix.Search(ctx, q)
		return err
	}, mix)
	if err != nil {
		return nil, nil, nil, err
	}
	fmt.Fprintln(out, "latency on the bleve index (ms):")
	report(out, bleveLat, ph.set, "")

	// 4. Throughput with two concurrent clients.
	qps := throughput(ctx, ix, mix, 2)
	fmt.Fprintf(out, "throughput: %.0f queries/s with 2 concurrent clients\n", qps)
	ph.set("qps_2clients", fmt.Sprintf("%.0f", qps))

	// 4b. The same mix through the server's own search API.
	if cfg.HTTP != nil {
		t := ph.target
		t.Index = ix
		if err := timeHTTP(ctx, cfg.HTTP, t, mix, ph); err != nil {
			return nil, nil, nil, err
		}
	}

	// 5. Edit to searchable, with queries running; further instances
	// follow the same store with their own index, as other servers would.
	ixs := []*indexer.Index{ix}
	if ph.instances > 1 {
		// The other indexes live in this process too: the peak so far is
		// what one instance has needed.
		rss := peakRSS()
		fmt.Fprintf(out, "peak RSS of one instance (before the other instances' indexes): %.0f MB\n", rss)
		ph.set("peak_rss_1_mb", fmt.Sprintf("%.0f", rss))
	}
	for i := 2; i <= ph.instances; i++ {
		other, _, err := indexer.Open(ctx, ph.index+"-"+strconv.Itoa(i), ph.store)
		if err != nil {
			return nil, nil, nil, err
		}
		defer other.Close()
		other.Concepts = cfg.Concepts
		ixs = append(ixs, other)
	}
	editLat, err := timeEdits(ctx, ph.store, ixs, gen, cfg.Services, r, cfg.Edits, mix, ph.editTag)
	if err != nil {
		return nil, nil, nil, err
	}
	for i, lat := range editLat {
		p := percentiles(lat)
		if i == 0 {
			fmt.Fprintf(out, "edit to searchable over %d edits: p50 %.0f ms, p99 %.0f ms\n", len(lat), p[0], p[2])
			ph.set("edit_p50_ms", fmt.Sprintf("%.0f", p[0]))
			ph.set("edit_p99_ms", fmt.Sprintf("%.0f", p[2]))
			continue
		}
		fmt.Fprintf(out, "edit to searchable on instance %d (woken by the database's notification): p50 %.0f ms, p99 %.0f ms\n", i+1, p[0], p[2])
		ph.set(fmt.Sprintf("edit%d_p50_ms", i+1), fmt.Sprintf("%.0f", p[0]))
		ph.set(fmt.Sprintf("edit%d_p99_ms", i+1), fmt.Sprintf("%.0f", p[2]))
	}

	if cfg.Extra != nil {
		env := &Env{Index: ix, Store: ph.store, Gen: gen, Services: cfg.Services, Rand: r, Out: out, Set: ph.set}
		if err := cfg.Extra(ctx, env); err != nil {
			return nil, nil, nil, err
		}
	}
	ok = true
	return ix, mix, bleveLat, nil
}

func secs(d time.Duration) string { return fmt.Sprintf("%.1f", d.Seconds()) }

func loadStore(ctx context.Context, db Store, gen *synth.Generator, n int, out io.Writer) error {
	const batch = 2000
	last := time.Now()
	ss := make([]*directory.Service, 0, batch)
	for start := 0; start < n; start += batch {
		ss = ss[:0]
		for i := start; i < min(start+batch, n); i++ {
			ss = append(ss, gen.Service(i))
		}
		if err := db.PutServices(ctx, ss); err != nil {
			return err
		}
		if time.Since(last) > 5*time.Second {
			last = time.Now()
			fmt.Fprintf(out, "  store: %d of %d\n", min(start+batch, n), n)
		}
	}
	return nil
}

// queryMix builds n queries, a fifth of each kind, from seeded choices of
// words, kinds, places and days.
func queryMix(gen *synth.Generator, kindIDs []string, r *rand.Rand, n int) []namedQuery {
	ocs := gen.Outcodes()
	weights := make([]int, len(ocs))
	total := 0
	for i, o := range ocs {
		total += max(o.Weight, 1)
		weights[i] = total
	}
	place := func() *orb.Point {
		x := r.IntN(total)
		i := sort.SearchInts(weights, x+1)
		p := ocs[i].Point
		return &p
	}
	words := func() string {
		k := kindIDs[r.IntN(len(kindIDs))]
		ws := gen.QueryWords(k)
		if len(ws) == 0 {
			return "support"
		}
		w := ws[r.IntN(len(ws))]
		if r.IntN(3) == 0 {
			w += " " + ws[r.IntN(len(ws))]
		}
		return w
	}
	radius := []float64{2, 5, 10}
	var mix []namedQuery
	for i := 0; len(mix) < n; i++ {
		var q directory.Query
		kind := kinds[i%len(kinds)]
		switch kind {
		case KindWords:
			q = directory.Query{Text: words()}
		case KindWordsRadius:
			q = directory.Query{Text: words(), Near: place(), RadiusKm: radius[r.IntN(3)]}
		case KindCategoryDay:
			d := time.Weekday(r.IntN(7))
			q = directory.Query{Kinds: []string{kindIDs[r.IntN(len(kindIDs))]}, Near: place(), RadiusKm: 5 + 5*float64(r.IntN(2)), Day: &d, Sort: directory.ByDistance}
		case KindBroadRadius:
			q = directory.Query{Text: "support", Near: place(), RadiusKm: []float64{5, 10, 25}[r.IntN(3)]}
		case KindFacetsBrowse:
			q = directory.Query{Near: place(), RadiusKm: 10, Facets: true, Sort: directory.ByDistance}
		}
		q.Limit = 20
		mix = append(mix, namedQuery{kind, q})
	}
	return mix
}

type searchFunc func(directory.Query) error

func runQueries(ctx context.Context, ix *indexer.Index, mix []namedQuery) {
	for _, nq := range mix {
		ix.Search(ctx, nq.q)
	}
}

// timeQueries runs each query once and returns the latencies (ms) by kind.
func timeQueries(ctx context.Context, search searchFunc, mix []namedQuery) (map[string][]float64, error) {
	lat := map[string][]float64{}
	for _, nq := range mix {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		start := time.Now()
		if err := search(nq.q); err != nil {
			return nil, fmt.Errorf("bench: %s query %+v: %w", nq.kind, nq.q, err)
		}
		lat[nq.kind] = append(lat[nq.kind], float64(time.Since(start).Microseconds())/1000)
	}
	return lat, nil
}

// percentiles returns p50, p95 and p99 of xs.
func percentiles(xs []float64) [3]float64 {
	if len(xs) == 0 {
		return [3]float64{}
	}
	s := slices.Clone(xs)
	sort.Float64s(s)
	at := func(p float64) float64 { return s[min(len(s)-1, int(p*float64(len(s))))] }
	return [3]float64{at(0.50), at(0.95), at(0.99)}
}

func report(out io.Writer, lat map[string][]float64, set func(key, val string), prefix string) {
	reportAs(out, "  ", lat, set, prefix)
}

// reportAs prints a line per kind, starting with label, and sets its
// p50 and p99 under keys starting with prefix.
func reportAs(out io.Writer, label string, lat map[string][]float64, set func(key, val string), prefix string) {
	for _, k := range kinds {
		p := percentiles(lat[k])
		fmt.Fprintf(out, "%s%-22s n=%-4d p50 %6.2f  p95 %6.2f  p99 %6.2f\n", label, k, len(lat[k]), p[0], p[1], p[2])
		set(prefix+k+"_p50_ms", fmt.Sprintf("%.2f", p[0]))
		set(prefix+k+"_p99_ms", fmt.Sprintf("%.2f", p[2]))
	}
}

func throughput(ctx context.Context, ix *indexer.Index, mix []namedQuery, clients int) float64 {
	var wg sync.WaitGroup
	start := time.Now()
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for i := c; i < len(mix); i += clients {
				ix.Search(ctx, mix[i].q)
			}
		}(c)
	}
	wg.Wait()
	return float64(len(mix)) / time.Since(start).Seconds()
}

// timeEdits renames services to a unique word, commits each through the
// store, and times until a search for the word finds it on each index,
// while another goroutine keeps querying the first. The first index is
// notified after each commit, as the writing server's own is; the others
// follow the change log on their tick or, where the store tells of
// commits (PostgreSQL's notifications), when told, as other instances
// do. It returns the latencies (ms) per index.
func timeEdits(ctx context.Context, db Store, ixs []*indexer.Index, gen *synth.Generator, services int, r *rand.Rand, n int, mix []namedQuery, tag string) ([][]float64, error) {
	followCtx, stop := context.WithCancel(ctx)
	defer stop()
	followErr := make(chan error, 1)
	report := func(err error) {
		select {
		case followErr <- err:
		default:
		}
	}
	for i, ix := range ixs {
		go ix.Follow(followCtx, 250*time.Millisecond, report)
		if w, ok := db.(changeWatcher); ok && i > 0 {
			go w.WatchChanges(followCtx, ix.Notify, time.Second, report)
		}
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; followCtx.Err() == nil; i++ {
			ixs[0].Search(followCtx, mix[i%len(mix)].q)
		}
	}()
	defer wg.Wait()
	defer stop()

	lat := make([][]float64, len(ixs))
	for e := 0; e < n; e++ {
		id := r.IntN(services)
		s, err := db.Service(ctx, gen.Service(id).ID)
		if err != nil {
			if directory.KindOf(err) == directory.NotFound {
				continue
			}
			return nil, err
		}
		if !s.Listed() || s.Status != directory.StatusActive {
			continue
		}
		token := "zq" + tag + "edit" + strconv.Itoa(e) + "x"
		s.Name = s.Name + " " + token
		start := time.Now()
		if err := db.PutServices(ctx, []*directory.Service{s}); err != nil {
			return nil, err
		}
		ixs[0].Notify()
		seq, err := db.LastChangeSeq(ctx)
		if err != nil {
			return nil, err
		}
		took, err := untilFound(ctx, ixs, s.ID, token, seq, start, followErr)
		if err != nil {
			return nil, fmt.Errorf("bench: edit %d: %w", e, err)
		}
		for i, d := range took {
			lat[i] = append(lat[i], float64(d.Microseconds())/1000)
		}
	}
	return lat, nil
}

// untilFound waits until every index has applied the change log up to
// seq (the edit's change or later), checks with a search for token that
// the index then finds service id, and returns how long after start each
// did. It watches the applied position rather than searching over and
// over: a search for a word no listing has yet goes on to look for
// misspellings, and polling with it every few milliseconds would take
// the CPU the index needs to apply the change, and so slow what it
// measures. A position applied is searchable (bleve's batch has been
// introduced by then); the search confirms it, and is repeated until it
// finds the service should it ever not.
func untilFound(ctx context.Context, ixs []*indexer.Index, id, token string, seq int64, start time.Time, followErr <-chan error) ([]time.Duration, error) {
	took := make([]time.Duration, len(ixs))
	left := len(ixs)
	for left > 0 {
		for i, ix := range ixs {
			if took[i] != 0 || ix.Applied() < seq {
				continue
			}
			at := max(time.Since(start), time.Nanosecond)
			res, err := ix.Search(ctx, directory.Query{Text: token, Limit: 1})
			if err != nil {
				return nil, err
			}
			if len(res.Hits) > 0 && res.Hits[0].ID == id {
				took[i] = at
				left--
			}
		}
		if left == 0 {
			break
		}
		if time.Since(start) > 10*time.Second {
			return nil, errors.New("not searchable after 10s")
		}
		select {
		case err := <-followErr:
			return nil, err
		case <-time.After(time.Millisecond):
		}
	}
	return took, nil
}

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// peakRSS returns the process's peak resident memory in MB (Linux).
func peakRSS() float64 { return vmHWM("/proc/self/status") }

// vmHWM reads the peak resident memory (VmHWM) from a Linux
// /proc/PID/status file, in MB; -1 when it cannot.
func vmHWM(status string) float64 {
	b, err := os.ReadFile(status)
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				kb, _ := strconv.ParseFloat(f[1], 64)
				return kb / 1024
			}
		}
	}
	return -1
}

// summary is the parseable last line: "BENCH key=value …".
type summary struct {
	keys []string
	vals map[string]string
	// loadErrors counts the load's failed requests: the run fails after
	// its report when there are any.
	loadErrors int
}

func (s *summary) set(key, val string) {
	if _, ok := s.vals[key]; !ok {
		s.keys = append(s.keys, key)
	}
	s.vals[key] = val
}

func (s *summary) line() string {
	var b strings.Builder
	b.WriteString("BENCH")
	for _, k := range s.keys {
		b.WriteString(" " + k + "=" + s.vals[k])
	}
	return b.String()
}

// resetPeakRSS starts the peak RSS afresh (Linux: writing 5 to clear_refs
// resets VmHWM), so a later phase's peak is its own.
func resetPeakRSS() {
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// prefixWriter writes each line with prefix before it.
type prefixWriter struct {
	w      io.Writer
	prefix string
	mid    bool // within a line: no prefix before the next byte
}

func (p *prefixWriter) Write(b []byte) (int, error) {
	var buf []byte
	for _, c := range b {
		if !p.mid {
			buf = append(buf, p.prefix...)
		}
		buf = append(buf, c)
		p.mid = c != '\n'
	}
	if _, err := p.w.Write(buf); err != nil {
		return 0, err
	}
	return len(b), nil
}
