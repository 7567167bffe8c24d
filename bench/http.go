package bench

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/indexer"
)

// Target is the store and index a phase measured, for the server's
// handler to serve: Database is "" for SQLite, whose linkway.db is in
// Dir.
type Target struct {
	Dir      string
	Database string
	Index    *indexer.Index
}

// HTTPFunc returns the handler `linkway serve` builds over t's store,
// searching t.Index, and a function that releases what it opened.
type HTTPFunc func(ctx context.Context, t Target) (http.Handler, func() error, error)

// timeHTTP serves the handler on a loopback port and runs the mix
// through GET /api/v1/search from one client, then from two at once,
// reporting both beside the in-process figures ("http …" lines, "http_"
// and "http2_" keys).
func timeHTTP(ctx context.Context, serve HTTPFunc, t Target, mix []namedQuery, ph phase) error {
	h, release, err := serve(ctx, t)
	if err != nil {
		return fmt.Errorf("bench: the server's handler: %w", err)
	}
	defer release()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 15 * time.Second, WriteTimeout: 30 * time.Second, IdleTimeout: time.Minute}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}, Timeout: 30 * time.Second}
	defer client.CloseIdleConnections()
	search := func(q directory.Query) error { return getSearch(ctx, client, base, q) }

	for _, nq := range mix[:min(len(mix), 50)] { // warm caches and connections
		if err := search(nq.q); err != nil {
			return fmt.Errorf("bench: http %s query %s: %w", nq.kind, searchPath(nq.q), err)
		}
	}
	out := ph.out
	lat, err := timeQueries(ctx, search, mix)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "http: latency through GET /api/v1/search, one client (ms):")
	reportAs(out, "http ", lat, ph.set, "http_")

	start := time.Now()
	lat2, err := timeConcurrently(ctx, search, mix, 2)
	if err != nil {
		return err
	}
	qps := float64(len(mix)) / time.Since(start).Seconds()
	fmt.Fprintf(out, "http: latency with 2 concurrent clients (ms), %.0f queries/s:\n", qps)
	reportAs(out, "http2 ", lat2, ph.set, "http2_")
	ph.set("http_qps_2clients", fmt.Sprintf("%.0f", qps))
	return nil
}

// timeConcurrently runs the mix split over clients at once and returns
// the latencies (ms) by kind.
func timeConcurrently(ctx context.Context, search searchFunc, mix []namedQuery, clients int) (map[string][]float64, error) {
	var (
		mu    sync.Mutex
		all   = map[string][]float64{}
		first error
		wg    sync.WaitGroup
	)
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			var part []namedQuery
			for i := c; i < len(mix); i += clients {
				part = append(part, mix[i])
			}
			lat, err := timeQueries(ctx, search, part)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				first = cmpErr(first, err)
				return
			}
			for k, xs := range lat {
				all[k] = append(all[k], xs...)
			}
		}(c)
	}
	wg.Wait()
	return all, first
}

func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// getSearch asks GET /api/v1/search for q and reads the whole answer,
// failing unless it is 200.
func getSearch(ctx context.Context, client *http.Client, base string, q directory.Query) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+searchPath(q), nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d: %s", resp.StatusCode, strings.TrimSpace(string(body[:min(len(body), 200)])))
	}
	return nil
}

// searchPath is q as the public search API takes it: the words, a point
// and radius, a kind of support, a day, distance order and a page of
// q.Limit. (The API always counts facets, so facets_browse asks the
// same as the in-process query.)
func searchPath(q directory.Query) string {
	v := url.Values{}
	if q.Text != "" {
		v.Set("q", q.Text)
	}
	if q.Near != nil {
		v.Set("lat", strconv.FormatFloat(q.Near.Lat(), 'f', 5, 64))
		v.Set("lon", strconv.FormatFloat(q.Near.Lon(), 'f', 5, 64))
		if q.RadiusKm > 0 {
			v.Set("radius_km", strconv.FormatFloat(q.RadiusKm, 'f', -1, 64))
		}
	}
	for _, k := range q.Kinds {
		v.Add("category", k)
	}
	if q.Day != nil {
		v.Set("day", strings.ToLower(q.Day.String()))
	}
	if q.Sort == directory.ByDistance {
		v.Set("sort", "distance")
	}
	if q.Limit > 0 {
		v.Set("per_page", strconv.Itoa(q.Limit))
	}
	return "/api/v1/search?" + v.Encode()
}
