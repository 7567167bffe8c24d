package indexer_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/linkway/linkway/bench/synth"
	"github.com/linkway/linkway/data"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/indexer"
	"github.com/linkway/linkway/sqlite"
	"github.com/paulmach/orb"
)

// benchServices is the size of the synthetic directory the benchmarks
// search; `cmd/linkway-bench` measures the larger sizes.
const benchServices = 20000

var (
	benchOnce sync.Once
	benchIx   *indexer.Index
	benchErr  error
)

// mustBenchIndex builds a store and index of synthetic services once per
// test binary, in a folder removed when the process ends.
func mustBenchIndex(b *testing.B) *indexer.Index {
	b.Helper()
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "linkway-indexer-bench-")
		if err != nil {
			benchErr = err
			return
		}
		ctx := context.Background()
		zr, err := data.Outcodes(data.FS)
		if err != nil {
			benchErr = err
			return
		}
		defer zr.Close()
		kinds, _ := data.Taxonomy(data.FS)
		gen, err := synth.New(1, zr, kinds)
		if err != nil {
			benchErr = err
			return
		}
		db, err := sqlite.Open(filepath.Join(dir, "bench.db"))
		if err != nil {
			benchErr = err
			return
		}
		benchErr = db.InTx(ctx, func(tx *sqlite.Tx) error {
			for i := 0; i < benchServices; i++ {
				if _, _, err := tx.PutService(ctx, gen.Service(i)); err != nil {
					return err
				}
			}
			return nil
		})
		if benchErr != nil {
			return
		}
		benchIx, _, benchErr = indexer.Open(ctx, filepath.Join(dir, "index"), db)
		if benchErr == nil {
			cf, _ := data.FS.Open("concepts.json")
			benchIx.Concepts, benchErr = indexer.LoadConcepts(cf)
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchIx
}

// BenchmarkSearch times the kinds of query that `cmd/linkway-bench`
// mixes, on 20,000 synthetic services.
func BenchmarkSearch(b *testing.B) {
	ix := mustBenchIndex(b)
	leeds := orb.Point{-1.5491, 53.8008}
	tue := time.Tuesday
	for _, bc := range []struct {
		name string
		q    directory.Query
	}{
		{"words", directory.Query{Text: "walking group"}},
		// Two asks, one of them a word most listings use: the listings
		// must answer both.
		{"words_two_asks", directory.Query{Text: "community pantry"}},
		{"words_radius", directory.Query{Text: "debt advice", Near: &leeds, RadiusKm: 10}},
		{"category_radius_day", directory.Query{Kinds: []string{"social-groups"}, Near: &leeds, RadiusKm: 10, Day: &tue, Sort: directory.ByDistance}},
		{"broad_radius", directory.Query{Text: "support", Near: &leeds, RadiusKm: 25}},
		{"facets_browse", directory.Query{Near: &leeds, RadiusKm: 10, Facets: true, Sort: directory.ByDistance}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			bc.q.Limit = 20
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ix.Search(context.Background(), bc.q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRebuild times a full build of the index from the store of
// 20,000 synthetic services, with the allocations it makes.
func BenchmarkRebuild(b *testing.B) {
	ix := mustBenchIndex(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := ix.Rebuild(context.Background(), nil); err != nil {
			b.Fatal(err)
		}
	}
}
