package hsds_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/hsds"
	"github.com/linkway/linkway/sqlite"
)

// testFeed is an Open Referral API serving services page by page, in the
// ORUK v1 or the HSDS 3.0 shape, with the faults a test asks for.
type testFeed struct {
	mu        sync.Mutex
	v1        bool
	ids       []string       // the services listed, in order
	maxPage   int            // the largest page the feed gives
	status    map[int]int    // page → the status it answers instead
	slow      map[int]bool   // page → answered after the client gave up
	malformed map[int]bool   // page → cut short
	noPaging  bool           // every page is page 1, with no totals
	etag      string         // when set, sent and honoured
	requests  map[int]int    // page → requests for it
	release   chan struct{}  // closed to let slow pages end
	names     map[string]int // id → version of its name, to change a service
}

func newTestFeed(v1 bool, ids ...string) *testFeed {
	return &testFeed{v1: v1, ids: ids, maxPage: 3, status: map[int]int{}, slow: map[int]bool{}, malformed: map[int]bool{},
		requests: map[int]int{}, release: make(chan struct{}), names: map[string]int{}}
}

func (f *testFeed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !strings.HasSuffix(r.URL.Path, "/services") || !strings.HasPrefix(r.UserAgent(), "Linkway") {
		http.Error(w, "not here", http.StatusNotFound)
		return
	}
	f.mu.Lock()
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	size, _ := strconv.Atoi(r.URL.Query().Get("per_page"))
	if page < 1 {
		page = 1
	}
	if f.noPaging {
		page = 1
	}
	size = min(max(size, 1), f.maxPage)
	f.requests[page]++
	status, slow, malformed, etag := f.status[page], f.slow[page], f.malformed[page], f.etag
	total := (len(f.ids) + size - 1) / size
	var items []map[string]any
	for _, id := range f.ids[min((page-1)*size, len(f.ids)):min(page*size, len(f.ids))] {
		items = append(items, map[string]any{"id": id, "name": fmt.Sprintf("Service %s v%d", id, f.names[id]), "status": "active",
			"description": "A group that meets weekly."})
	}
	f.mu.Unlock()
	if slow {
		<-f.release
		return
	}
	if status != 0 {
		http.Error(w, "failing on purpose", status)
		return
	}
	if etag != "" {
		if r.Header.Get("If-None-Match") == etag && page == 1 {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
	}
	var doc map[string]any
	switch {
	case f.noPaging && f.v1:
		doc = map[string]any{"content": items}
	case f.v1:
		doc = map[string]any{"totalElements": len(f.ids), "totalPages": total, "number": page, "size": size, "content": items}
	default:
		doc = map[string]any{"total_items": len(f.ids), "total_pages": total, "page_number": page, "size": size, "contents": items}
	}
	b, _ := json.Marshal(doc)
	if malformed {
		b = b[:len(b)/2]
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(b)
}

// change changes the feed between syncs, as its publisher would.
func (f *testFeed) change(fn func(f *testFeed)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fn(f)
}

// asked returns how many times each page was asked for, summed.
func (f *testFeed) asked(pages ...int) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, p := range pages {
		n += f.requests[p]
	}
	return n
}

// feedTest is a registered feed served by a testFeed, and a real store.
type feedTest struct {
	t    *testing.T
	db   *sqlite.DB
	feed *testFeed
	sync *hsds.FeedSync
}

func newFeedTest(t *testing.T, name string, feed *testFeed) *feedTest {
	t.Helper()
	srv := httptest.NewServer(feed)
	t.Cleanup(func() { close(feed.release); srv.Close() })
	db := mustOpenDB(t)
	return newFeedTestOn(t, db, name, srv.URL+"/o/ServiceDirectoryService/v2", feed)
}

func newFeedTestOn(t *testing.T, db *sqlite.DB, name, url string, feed *testFeed) *feedTest {
	t.Helper()
	if err := db.AddFeed(context.Background(), name, url); err != nil {
		t.Fatal(err)
	}
	client := hsds.NewFeedClient()
	client.Timeout, client.Retries, client.Backoff, client.MinInterval = 500*time.Millisecond, 2, time.Millisecond, 0
	return &feedTest{t: t, db: db, feed: feed, sync: &hsds.FeedSync{Client: client, Store: db,
		Begin: func(ctx context.Context) (hsds.Staging, error) { return db.BeginImport(ctx) }}}
}

func (ft *feedTest) run(name string) (directory.FeedResult, error) {
	ft.t.Helper()
	return ft.sync.Sync(context.Background(), name)
}

func (ft *feedTest) mustSync(name string) directory.FeedResult {
	ft.t.Helper()
	res, err := ft.run(name)
	if err != nil {
		ft.t.Fatalf("sync %s: %v", name, err)
	}
	return res
}

func (ft *feedTest) changeSeq() int64 {
	ft.t.Helper()
	seq, err := ft.db.LastChangeSeq(context.Background())
	if err != nil {
		ft.t.Fatal(err)
	}
	return seq
}

// statuses returns the status of each service by id, "" for none.
func (ft *feedTest) statuses(ids ...string) string {
	ft.t.Helper()
	var out []string
	for _, id := range ids {
		s, err := ft.db.Service(context.Background(), id)
		switch {
		case directory.KindOf(err) == directory.NotFound:
			out = append(out, id+"=none")
		case err != nil:
			ft.t.Fatal(err)
		default:
			out = append(out, id+"="+string(s.Status))
		}
	}
	return strings.Join(out, " ")
}

// Both formats are read page by page into namespaced ids with their
// provenance; an unchanged feed writes nothing.
func TestFeedSyncFormats(t *testing.T) {
	for _, v1 := range []bool{true, false} {
		t.Run(fmt.Sprintf("v1=%v", v1), func(t *testing.T) {
			ft := newFeedTest(t, "leeds", newTestFeed(v1, "a", "b", "c", "d", "e", "f", "g"))
			res := ft.mustSync("leeds")
			if res.Pages != 3 || res.Read != 7 || res.Created != 7 || res.Error != "" {
				t.Fatalf("first sync: %+v; want 3 pages, 7 read and created", res)
			}
			s, err := ft.db.Service(context.Background(), "leeds:e")
			if err != nil {
				t.Fatal(err)
			}
			if s.Source != "leeds" || s.SourceID != "e" || s.FetchedAt.IsZero() || s.Name != "Service e v0" {
				t.Errorf("provenance: source %q, source id %q, fetched %v, name %q", s.Source, s.SourceID, s.FetchedAt, s.Name)
			}
			f, err := ft.db.Feed(context.Background(), "leeds")
			if err != nil {
				t.Fatal(err)
			}
			want := "hsds3"
			if v1 {
				want = "oruk1"
			}
			if f.Format != want || f.Last.Created != 7 || f.AppliedAt.IsZero() {
				t.Errorf("feed after sync: %+v; want format %s, 7 created", f, want)
			}
			seq := ft.changeSeq()
			if res := ft.mustSync("leeds"); res.Unchanged != 7 || res.Created+res.Updated+res.Withdrawn != 0 {
				t.Errorf("second sync: %+v; want all 7 unchanged", res)
			}
			if got := ft.changeSeq(); got != seq {
				t.Errorf("an unchanged feed wrote %d changes", got-seq)
			}
		})
	}
}

// A feed that answers 304 to its first page's ETag costs one request and
// writes nothing.
func TestFeedSyncNotModified(t *testing.T) {
	feed := newTestFeed(false, "a", "b", "c", "d")
	feed.etag = `"v1"`
	ft := newFeedTest(t, "leeds", feed)
	ft.mustSync("leeds")
	seq, before := ft.changeSeq(), feed.asked(1, 2)
	res := ft.mustSync("leeds")
	if !res.NotModified || res.Read != 0 {
		t.Errorf("sync of an unchanged feed: %+v; want not modified", res)
	}
	if n := feed.asked(1, 2) - before; n != 1 {
		t.Errorf("sync of an unchanged feed made %d requests; want 1", n)
	}
	if ft.changeSeq() != seq {
		t.Error("a 304 wrote changes")
	}
	if f, err := ft.db.Feed(context.Background(), "leeds"); err != nil || !f.Last.NotModified || f.ETag != `"v1"` {
		t.Errorf("feed after a 304: %+v, %v; want its last result not modified, its ETag kept", f, err)
	}
}

// A service that leaves the feed is withdrawn (kept, inactive), and comes
// back when the feed lists it again; other feeds' services are untouched.
func TestFeedSyncWithdrawsAndReturns(t *testing.T) {
	feed := newTestFeed(true, "a", "b", "c", "d", "e")
	ft := newFeedTest(t, "leeds", feed)
	other := newTestFeed(false, "a", "b")
	srv := httptest.NewServer(other)
	t.Cleanup(func() { close(other.release); srv.Close() })
	ft2 := newFeedTestOn(t, ft.db, "york", srv.URL+"/services", other)
	ft.mustSync("leeds")
	ft2.mustSync("york")

	feed.change(func(f *testFeed) { f.ids = []string{"a", "c", "e"} })
	seq := ft.changeSeq()
	res := ft.mustSync("leeds")
	if res.Withdrawn != 2 {
		t.Errorf("shrunk feed: %+v; want 2 withdrawn", res)
	}
	// The search index follows the change log: each withdrawal is in it.
	changes, err := ft.db.Changes(context.Background(), seq, 10)
	if err != nil {
		t.Fatal(err)
	}
	var changed []string
	for _, c := range changes {
		changed = append(changed, c.ServiceID)
	}
	if got, want := strings.Join(changed, " "), "leeds:b leeds:d"; got != want {
		t.Errorf("change log after shrinking: %q; want %q", got, want)
	}
	if got, want := ft.statuses("leeds:a", "leeds:b", "leeds:d", "york:a", "york:b"),
		"leeds:a=active leeds:b=inactive leeds:d=inactive york:a=active york:b=active"; got != want {
		t.Errorf("after shrinking: %s; want %s", got, want)
	}
	if res := ft.mustSync("leeds"); res.Withdrawn != 0 || res.Unchanged != 3 {
		t.Errorf("sync again: %+v; want nothing withdrawn again", res)
	}

	feed.change(func(f *testFeed) { f.ids = []string{"a", "b", "c", "d", "e", "f"} })
	res = ft.mustSync("leeds")
	if res.Updated != 2 || res.Created != 1 {
		t.Errorf("grown feed: %+v; want 2 back (updated), 1 new", res)
	}
	if got, want := ft.statuses("leeds:b", "leeds:d", "leeds:f"), "leeds:b=active leeds:d=active leeds:f=active"; got != want {
		t.Errorf("after growing back: %s; want %s", got, want)
	}
}

// A failed run applies nothing, not even its good pages, and the feed's
// last result says why; the directory keeps the last good sync.
func TestFeedSyncFailedRunAppliesNothing(t *testing.T) {
	for _, c := range []struct {
		name  string
		fault func(*testFeed)
		want  string
		tries int
	}{
		{"500 halfway", func(f *testFeed) { f.status[2] = http.StatusInternalServerError }, "500 Internal Server Error after 3 tries", 3},
		{"slow page", func(f *testFeed) { f.slow[2] = true }, "page 2: cannot fetch", 3},
		{"malformed page", func(f *testFeed) { f.malformed[2] = true }, "page 2 is not a page of services", 1},
		{"not found", func(f *testFeed) { f.status[2] = http.StatusNotFound }, "404 Not Found", 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			feed := newTestFeed(false, "a", "b", "c", "d", "e", "f", "g")
			ft := newFeedTest(t, "leeds", feed)
			ft.mustSync("leeds")
			feed.change(func(f *testFeed) {
				f.ids = []string{"a", "b", "c", "h", "i", "j", "k"}
				f.names["a"] = 1
				c.fault(f)
			})
			seq, before := ft.changeSeq(), feed.asked(2)
			res, err := ft.run("leeds")
			if err == nil || !strings.Contains(res.Error, c.want) {
				t.Fatalf("sync: %v, result error %q; want one saying %q", err, res.Error, c.want)
			}
			if n := feed.asked(2) - before; n != c.tries {
				t.Errorf("page 2 was asked for %d times; want %d", n, c.tries)
			}
			if got := ft.changeSeq(); got != seq {
				t.Errorf("a failed sync wrote %d changes", got-seq)
			}
			if got, want := ft.statuses("leeds:a", "leeds:d", "leeds:h"), "leeds:a=active leeds:d=active leeds:h=none"; got != want {
				t.Errorf("after a failed sync: %s; want %s", got, want)
			}
			if s, _ := ft.db.Service(context.Background(), "leeds:a"); s.Name != "Service a v0" {
				t.Errorf("the first page was applied: name %q", s.Name)
			}
			f, err := ft.db.Feed(context.Background(), "leeds")
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(f.Last.Error, c.want) {
				t.Errorf("feed's last result: %q; want it to say %q", f.Last.Error, c.want)
			}
		})
	}
}

// A feed that ignores paging repeats its first page: the run stops there
// and is applied, but nothing is withdrawn, since the feed was not read
// to its end.
func TestFeedSyncRepeatedPage(t *testing.T) {
	feed := newTestFeed(true, "a", "b", "c", "d", "e")
	ft := newFeedTest(t, "leeds", feed)
	ft.mustSync("leeds")
	feed.change(func(f *testFeed) { f.noPaging = true })
	res := ft.mustSync("leeds")
	if res.Pages != 2 || res.Read != 3 || res.Withdrawn != 0 || res.Warnings != 1 {
		t.Errorf("repeated page: %+v; want 2 pages, 3 read, none withdrawn, 1 warning", res)
	}
	if n := feed.asked(1); n != 3 {
		t.Errorf("page 1 asked for %d times; want 3 (once in the first sync, then page 1 and its repeat)", n)
	}
	if got, want := ft.statuses("leeds:d", "leeds:e"), "leeds:d=active leeds:e=active"; got != want {
		t.Errorf("%s; want %s", got, want)
	}
}

// The client keeps to its polite rate: the starts of two requests are at
// least MinInterval apart. The starts are taken as the client sends each
// request, not as the server's handler runs, which a loaded machine can
// delay for one request and not the next.
func TestFeedClientPoliteRate(t *testing.T) {
	var mu sync.Mutex
	var starts []time.Time
	feed := newTestFeed(false, "a", "b", "c", "d", "e", "f", "g")
	srv := httptest.NewServer(feed)
	defer func() { close(feed.release); srv.Close() }()
	client := hsds.NewFeedClient()
	client.HTTP = &http.Client{Transport: sendTimes{func() {
		mu.Lock()
		starts = append(starts, time.Now())
		mu.Unlock()
	}}}
	client.MinInterval = 100 * time.Millisecond
	p, _, err := client.OpenFeed(context.Background(), srv.URL, hsds.FormatAuto, "", "")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for {
		_, err := p.Next()
		if err != nil {
			break
		}
		n++
	}
	if n != 7 || len(starts) != 3 {
		t.Fatalf("read %d records in %d requests; want 7 in 3", n, len(starts))
	}
	for i := 1; i < len(starts); i++ {
		if gap := starts[i].Sub(starts[i-1]); gap < 90*time.Millisecond {
			t.Errorf("request %d started %s after the one before; want at least 100ms", i+1, gap)
		}
	}
}

// sendTimes calls sent as each request goes out, then sends it.
type sendTimes struct{ sent func() }

func (s sendTimes) RoundTrip(r *http.Request) (*http.Response, error) {
	s.sent()
	return http.DefaultTransport.RoundTrip(r)
}
