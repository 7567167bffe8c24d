package bench

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"time"

	"github.com/linkway/linkway/bench/fts5"
	"github.com/linkway/linkway/bench/synth"
	"github.com/linkway/linkway/directory"
)

// compareFTS loads the same services into SQLite FTS5, runs the same
// queries, checks both engines agree on the filter-only queries, and
// prints the latency ratio per kind.
func compareFTS(ctx context.Context, cfg Config, ix searcher, gen *synth.Generator, mix []namedQuery, bleveLat map[string][]float64, sum *summary, out io.Writer) error {
	fts, err := fts5.Open(filepath.Join(cfg.Dir, "fts.db"))
	if err != nil {
		return err
	}
	defer fts.Close()
	start := time.Now()
	const batch = 2000
	for from := 0; from < cfg.Services; from += batch {
		list := make([]*directory.Service, 0, batch)
		for i := from; i < min(from+batch, cfg.Services); i++ {
			list = append(list, gen.Service(i))
		}
		if err := fts.Add(ctx, list); err != nil {
			return err
		}
	}
	if err := fts.Optimize(ctx); err != nil {
		return err
	}
	took := time.Since(start)
	fmt.Fprintf(out, "fts5: loaded in %s (%.0f services/s), %.1f MB on disk\n", took.Round(time.Millisecond),
		float64(cfg.Services)/took.Seconds(), float64(dirSizeGlob(filepath.Join(cfg.Dir, "fts.db*")))/1e6)
	sum.set("fts_build_s", secs(took))

	ftsLat, err := timeQueries(ctx, func(q directory.Query) error {
		if q.Facets {
			if _, err := fts.Facets(ctx, q); err != nil {
				return err
			}
		}
		_, _, err := fts.Search(ctx, q)
		return err
	}, mix)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "latency on SQLite FTS5 + R*Tree (ms):")
	report(out, ftsLat, sum.set, "fts_")

	checked, mismatched, err := checkHitSets(ctx, ix, fts, mix, out)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "hit sets: %d filter-only queries compared in full, %d differ\n", checked, mismatched)
	sum.set("hitset_checked", fmt.Sprint(checked))
	sum.set("hitset_mismatch", fmt.Sprint(mismatched))

	fmt.Fprintln(out, "ratio Linkway/FTS5 (p50):")
	for _, k := range kinds {
		r := percentiles(bleveLat[k])[0] / max(percentiles(ftsLat[k])[0], 0.001)
		fmt.Fprintf(out, "  %-22s %.2f\n", k, r)
		sum.set("ratio_"+k, fmt.Sprintf("%.2f", r))
	}
	return nil
}

// maxCompared bounds how many hits of one query are compared.
const maxCompared = 5000

// checkHitSets runs each filter-only query on both engines asking for
// every hit, and compares totals and, where all hits fit, the sets: the
// engines may order ties differently, so pages are not compared.
func checkHitSets(ctx context.Context, ix searcher, fts *fts5.DB, mix []namedQuery, out io.Writer) (checked, mismatched int, err error) {
	for _, nq := range mix {
		if !filterOnly[nq.kind] {
			continue
		}
		q := nq.q
		q.Offset, q.Limit, q.Facets = 0, maxCompared, false
		res, err := ix.Search(ctx, q)
		if err != nil {
			return 0, 0, err
		}
		var a []string
		for _, h := range res.Hits {
			a = append(a, h.ID)
		}
		b, total, err := fts.Search(ctx, q)
		if err != nil {
			return 0, 0, err
		}
		checked++
		same := res.Total == total && (total > maxCompared || sameSet(a, b))
		if same && nq.q.Facets {
			q.Facets = true
			withFacets, err := ix.Search(ctx, q)
			if err != nil {
				return 0, 0, err
			}
			ff, err := fts.Facets(ctx, q)
			if err != nil {
				return 0, 0, err
			}
			same = sameFacets(withFacets.Facets, ff)
		}
		if !same {
			mismatched++
			if mismatched <= 3 {
				onlyA, onlyB := difference(a, b), difference(b, a)
				fmt.Fprintf(out, "  MISMATCH %s: bleve %d hits, fts5 %d; only in bleve %v, only in fts5 %v\n", nq.kind, res.Total, total, head(onlyA), head(onlyB))
			}
		}
	}
	return checked, mismatched, nil
}

type searcher interface {
	Search(ctx context.Context, q directory.Query) (directory.Result, error)
}

func sameSet(a, b []string) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}

func head(ids []string) []string { return ids[:min(len(ids), 5)] }

func dirSizeGlob(pattern string) int64 {
	matches, _ := filepath.Glob(pattern)
	var n int64
	for _, m := range matches {
		n += dirSize(m)
	}
	return n
}

// difference returns the ids in a that are not in b.
func difference(a, b []string) []string {
	in := map[string]bool{}
	for _, id := range b {
		in[id] = true
	}
	var out []string
	for _, id := range a {
		if !in[id] {
			out = append(out, id)
		}
	}
	return out
}

// sameFacets compares facet counts regardless of order.
func sameFacets(a, b map[string][]directory.FacetCount) bool {
	for _, name := range []string{"category", "cost", "attending", "distance"} {
		x, y := map[string]int{}, map[string]int{}
		for _, f := range a[name] {
			x[f.Value] = f.Count
		}
		for _, f := range b[name] {
			y[f.Value] = f.Count
		}
		if len(x) != len(y) {
			return false
		}
		for k, v := range x {
			if y[k] != v {
				return false
			}
		}
	}
	return true
}
