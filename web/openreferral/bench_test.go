package openreferral_test

import (
	"context"
	"flag"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/alexedwards/scs/sqlite3store"
	"github.com/gorilla/mux"
	"github.com/linkway/linkway/bench/synth"
	"github.com/linkway/linkway/data"
	"github.com/linkway/linkway/geo"
	"github.com/linkway/linkway/indexer"
	"github.com/linkway/linkway/kinds"
	"github.com/linkway/linkway/sqlite"
	"github.com/linkway/linkway/static"
	"github.com/linkway/linkway/web/core"
	"github.com/linkway/linkway/web/openreferral"
)

var benchServices = flag.Int("oruk.services", 100_000, "services in the synthetic directory BenchmarkServices reads (LINKWAY_BENCH_DATA names a data folder to read instead)")

// mustSynthFolder writes n synthetic services across England (bench/synth)
// into a new data folder, as linkway import would.
func mustSynthFolder(b *testing.B, n int) string {
	b.Helper()
	ctx := context.Background()
	dir := b.TempDir()
	db, err := sqlite.Open(filepath.Join(dir, "linkway.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if db.Kinds, err = kinds.Load(data.FS); err != nil {
		b.Fatal(err)
	}
	oc, err := data.Outcodes(data.FS)
	if err != nil {
		b.Fatal(err)
	}
	defer oc.Close()
	taxonomy, err := data.Taxonomy(data.FS)
	if err != nil {
		b.Fatal(err)
	}
	gen, err := synth.New(1, oc, taxonomy)
	if err != nil {
		b.Fatal(err)
	}
	for start := 0; start < n; start += 1000 {
		err := db.InTx(ctx, func(tx *sqlite.Tx) error {
			for i := start; i < min(start+1000, n); i++ {
				if _, _, err := tx.PutService(ctx, gen.Service(i)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// mustBenchAPI is the Open Referral API over the data folder dir, with
// its search index (built when missing) and no rate limit.
func mustBenchAPI(b *testing.B, dir string) http.Handler {
	b.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(dir, "linkway.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	ix, _, err := indexer.Open(ctx, filepath.Join(dir, "index"), db)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ix.Close() })
	places, err := geo.LoadFS(data.FS)
	if err != nil {
		b.Fatal(err)
	}
	site, err := core.New(core.Config{Assets: static.FS, Log: slog.New(slog.DiscardHandler), Accounts: db,
		Sessions: sqlite3store.NewWithCleanupInterval(db.SessionDB(), 0)})
	if err != nil {
		b.Fatal(err)
	}
	h, err := openreferral.New(openreferral.Deps{Site: site, Store: db, Search: ix, Places: places, RequestsPerMinute: -1})
	if err != nil {
		b.Fatal(err)
	}
	r := mux.NewRouter()
	r.UseEncodedPath()
	h.Routes(r.PathPrefix("/openreferral").Subrouter())
	return r
}

// BenchmarkServices times GET /openreferral/services on a directory of
// -oruk.services services (100,000 by default), by kind of request, and
// reports the median and 99th percentile of single requests:
//
//	go test ./web/openreferral -run '^$' -bench Services -benchtime 400x
func BenchmarkServices(b *testing.B) {
	dir := os.Getenv("LINKWAY_BENCH_DATA")
	if dir == "" {
		dir = mustSynthFolder(b, *benchServices)
	}
	api := mustBenchAPI(b, dir)
	for _, bc := range []struct{ name, query string }{
		{"first-page", "/services"},
		{"page-1000", "/services?page=1000&per_page=50"},
		{"full-page", "/services?full=true&per_page=50"},
		{"taxonomy-term", "/services?taxonomy_term_id=walking-groups"},
		{"modified-after", "/services?modified_after=2026-06-01"},
		{"day-and-time", "/services?day=TU&start_time=09:00"},
		{"search", "/services?search=walking"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var took []time.Duration
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				start := time.Now()
				api.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/openreferral"+bc.query, nil))
				took = append(took, time.Since(start))
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: %d %s", bc.query, rec.Code, rec.Body)
				}
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
			b.ReportMetric(0, "ns/op") // the percentiles say more than the mean
		})
	}
}
