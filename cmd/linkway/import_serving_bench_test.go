package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/linkway/linkway/bench/synth"
	"github.com/linkway/linkway/data"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/hsds"
	"github.com/linkway/linkway/sqlite"
)

// BenchmarkImportWhileServing runs `linkway import`'s own code
// (app.importFile) on a synthetic feed into a data folder that a server
// has open, as two processes would: each opens the database itself. The
// server side follows the change log into its search index every 250 ms,
// as serve does, while a link worker saves a listing every 10 ms. It
// reports the import's time, the latency of the worker's writes during
// the import (all must succeed), and how long after the import ends the
// index holds every imported service.
//
//	go test ./cmd/linkway -run '^$' -bench ImportWhileServing -benchtime 1x
func BenchmarkImportWhileServing(b *testing.B) {
	for _, n := range []int{20_000, 50_000} {
		b.Run(fmt.Sprintf("services=%d", n), func(b *testing.B) {
			feed := mustSynthFeed(b, n)
			for b.Loop() {
				importWhileServing(b, feed, n)
			}
		})
	}
}

func importWhileServing(b *testing.B, feed string, n int) {
	ctx := context.Background()
	dir := b.TempDir()
	srv, err := openApp(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	worker := &directory.Service{ID: "worker-edits", Name: "Listing being edited", Status: directory.StatusActive}
	if err := saveListing(ctx, srv.db.(*sqlite.DB), worker, 0); err != nil {
		b.Fatal(err)
	}
	ix, _, err := srv.openIndex(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	followCtx, stopFollow := context.WithCancel(ctx)
	defer stopFollow()
	followErr := make(chan error, 1)
	go ix.Follow(followCtx, 250*time.Millisecond, func(err error) {
		select {
		case followErr <- err:
		default:
		}
	})

	var (
		wg      sync.WaitGroup
		lat     []time.Duration
		failed  error
		stopped = make(chan struct{})
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 1; ; i++ {
			select {
			case <-stopped:
				return
			case <-time.After(10 * time.Millisecond):
			}
			start := time.Now()
			if err := saveListing(ctx, srv.db.(*sqlite.DB), worker, i); err != nil {
				failed = err
				return
			}
			lat = append(lat, time.Since(start))
		}
	}()

	imp, err := openApp(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer imp.Close()
	f, err := os.Open(feed)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	start := time.Now()
	rep, err := imp.importFile(ctx, bufio.NewReader(f), 0, false, nil)
	end := time.Now()
	close(stopped)
	wg.Wait()
	if err != nil {
		b.Fatal(err)
	}
	if rep.Created != n {
		b.Fatalf("created %d services, want %d", rep.Created, n)
	}
	if failed != nil {
		b.Fatalf("a write during the import failed: %v", failed)
	}

	// Searchable: the index has applied the whole log and holds every
	// listed service.
	last, err := srv.db.LastChangeSeq(ctx)
	if err != nil {
		b.Fatal(err)
	}
	st, err := srv.db.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for {
		if docs, _ := ix.DocCount(); ix.Applied() >= last && docs == uint64(st.Listed) {
			break
		}
		select {
		case err := <-followErr:
			b.Fatal(err)
		case <-time.After(10 * time.Millisecond):
		}
		if time.Since(end) > 5*time.Minute {
			b.Fatal("the index did not catch up within 5 minutes")
		}
	}
	searchable := time.Since(end)

	slices.Sort(lat)
	pct := func(p float64) float64 {
		return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(end.Sub(start).Seconds(), "import-s")
	b.ReportMetric(searchable.Seconds(), "s-to-searchable")
	b.ReportMetric(float64(len(lat)), "writes")
	b.ReportMetric(pct(0.50), "write-p50-ms")
	b.ReportMetric(pct(0.99), "write-p99-ms")
	b.ReportMetric(pct(1), "write-max-ms")
}

// saveListing is a listing edit as the server saves one: its own write
// transaction on its own connection.
func saveListing(ctx context.Context, db *sqlite.DB, s *directory.Service, i int) error {
	s.Description = fmt.Sprintf("Edit number %d.", i)
	return db.InTx(ctx, func(tx *sqlite.Tx) error {
		_, _, err := tx.PutService(ctx, s)
		return err
	})
}

// mustSynthFeed writes an HSDS feed of n synthetic services across
// England (the generator the benchmark command uses) and returns its path.
func mustSynthFeed(tb testing.TB, n int) string {
	tb.Helper()
	oc, err := data.Outcodes(data.FS)
	if err != nil {
		tb.Fatal(err)
	}
	defer oc.Close()
	kinds, err := data.Taxonomy(data.FS)
	if err != nil {
		tb.Fatal(err)
	}
	gen, err := synth.New(1, oc, kinds)
	if err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(tb.TempDir(), "feed.json")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	aw := hsds.NewArrayWriter(w)
	for i := range n {
		if err := aw.Write(gen.Service(i)); err != nil {
			tb.Fatal(err)
		}
	}
	if err := aw.Close(); err != nil {
		tb.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	return path
}
