package hsds_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/hsds"
)

// syntheticFeed serves n HSDS 3.0 services, made up page by page as they
// are asked for, so that the server holds none of them.
func syntheticFeed(n int) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		size, _ := strconv.Atoi(r.URL.Query().Get("per_page"))
		page, size = max(page, 1), min(max(size, 1), 1000)
		var items []map[string]any
		for i := (page - 1) * size; i < min(page*size, n); i++ {
			id := fmt.Sprintf("s%06d", i)
			items = append(items, map[string]any{
				"id": id, "name": "Community group " + id, "status": "active",
				"description":  "A weekly group for people who want company, a cup of tea and a chat.",
				"organization": map[string]any{"id": fmt.Sprintf("o%05d", i/10), "name": fmt.Sprintf("Charity %d", i/10)},
				"phones":       []map[string]any{{"id": id + "-p", "number": "0113 496 0000"}},
				"service_at_locations": []map[string]any{{"id": id + "-sal", "location": map[string]any{
					"id": id + "-loc", "location_type": "physical", "name": "Hall " + id,
					"latitude": 53.8 + float64(i%1000)/10000, "longitude": -1.55 + float64(i/1000)/10000,
				}}},
			})
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"total_items": n, "total_pages": (n + size - 1) / size,
			"page_number": page, "size": size, "contents": items})
	})
}

// BenchmarkFeedSync syncs a synthetic feed of LINKWAY_FEED_BENCH_N
// services (default 10,000) from a local server into a fresh SQLite file,
// then syncs it again unchanged. peak-heap-MB is the largest heap seen
// between records; peak-RSS-MB is the process's high-water mark (Linux).
func BenchmarkFeedSync(b *testing.B) {
	n := 10_000
	if v, err := strconv.Atoi(os.Getenv("LINKWAY_FEED_BENCH_N")); err == nil && v > 0 {
		n = v
	}
	srv := httptest.NewServer(syntheticFeed(n))
	defer srv.Close()
	ctx := context.Background()
	var peak uint64
	var first, again time.Duration
	for b.Loop() {
		b.StopTimer()
		db := mustOpenDB(b)
		if err := db.AddFeed(ctx, "synth", srv.URL); err != nil {
			b.Fatal(err)
		}
		client := hsds.NewFeedClient()
		client.MinInterval = 0
		var ms runtime.MemStats
		fs := &hsds.FeedSync{Client: client, Store: db,
			Begin:    func(ctx context.Context) (hsds.Staging, error) { return db.BeginImport(ctx) },
			Progress: func(_, records int) { runtime.ReadMemStats(&ms); peak = max(peak, ms.HeapInuse) }}
		b.StartTimer()
		start := time.Now()
		res, err := fs.Sync(ctx, "synth")
		first += time.Since(start)
		if err != nil || res.Created != n {
			b.Fatalf("first sync: %+v, %v", res, err)
		}
		seq, _ := db.LastChangeSeq(ctx)
		start = time.Now()
		res, err = fs.Sync(ctx, "synth")
		again += time.Since(start)
		if err != nil || res.Unchanged != n {
			b.Fatalf("second sync: %+v, %v", res, err)
		}
		if seq2, _ := db.LastChangeSeq(ctx); seq2 != seq {
			b.Fatalf("the unchanged feed wrote %d changes", seq2-seq)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n)*float64(b.N)/first.Seconds(), "services/s")
	b.ReportMetric(again.Seconds()/float64(b.N), "unchanged-sync-s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(peakRSS()/(1<<20), "peak-RSS-MB")
}

// peakRSS is the process's resident high-water mark in bytes, from
// /proc (Linux); 0 elsewhere.
func peakRSS() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			return float64(kb) * 1024
		}
	}
	return 0
}
