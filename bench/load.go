package bench

import (
	"cmp"
	"context"
	cryptorand "crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/linkway/linkway/bench/synth"
	"github.com/linkway/linkway/directory"
)

// LoadConfig says how to drive the mixed load on the instances.
type LoadConfig struct {
	Rate     float64 // requests started per second, on a fixed schedule
	Duration time.Duration
	Serve    ServeFunc
	AddUser  AddUserFunc
}

// ServeFunc returns the command that runs one `linkway serve` on the
// PostgreSQL database with dataDir as its data folder (its own search
// index), listening on a free loopback port. The load starts it.
type ServeFunc func(database, dataDir string) (*exec.Cmd, error)

// AddUserFunc creates a link worker in team on the database, as
// `linkway user add` does (dataDir is a folder it may use).
type AddUserFunc func(ctx context.Context, database, dataDir, email, team, password string) error

// The kinds of request in the load, in report order.
const (
	reqSearch  = "search"
	reqMatch   = "match"
	reqPerson  = "person"
	reqContact = "contact"
	reqRefer   = "refer"
	reqStatus  = "status"
)

var loadKinds = []string{reqSearch, reqMatch, reqPerson, reqContact, reqRefer, reqStatus}

// kindOfSlot is the request the i-th slot of the schedule makes: of
// every 20, 16 are public searches (80%), 2 matches (10%) and 2 link
// worker writes (10%), the writes taking turns at creating a person,
// adding a contact, referring and moving a referral on (2.5% each).
func kindOfSlot(i int) string {
	switch pos := i % 20; {
	case pos < 16:
		return reqSearch
	case pos < 18:
		return reqMatch
	default:
		writes := []string{reqPerson, reqContact, reqRefer, reqStatus}
		return writes[((i/20)*2+pos-18)%len(writes)]
	}
}

const loadShares = "80% public search (GET /api/v1/search, the query mix), 10% match (POST /api/v1/match), 10% link-worker writes: 2.5% each create a person, add a contact, refer to a service, move a referral to accepted"

// runLoad starts cfg.Instances serve processes on the PostgreSQL store,
// each with a copy of seedIndex as its own index (following the change
// log from there, as a restarted instance does), logs a link worker in
// on each, drives the open-loop load while editing listings through st
// now and then, reports, and stops them.
func runLoad(ctx context.Context, cfg Config, st Store, gen *synth.Generator, mix []namedQuery, seedIndex string, sum *summary, out io.Writer) error {
	lc := cfg.Load
	n := max(cfg.Instances, 1)
	if err := recordClassifier(ctx, st, out); err != nil {
		return err
	}
	fmt.Fprintf(out, "load: starting %d linkway serve instances on the PostgreSQL store\n", n)
	var insts []*instance
	defer func() {
		for _, in := range insts {
			in.stop()
		}
	}()
	for i := 1; i <= n; i++ {
		dataDir := filepath.Join(cfg.Dir, fmt.Sprintf("serve-%d", i))
		if err := copyDir(seedIndex, filepath.Join(dataDir, "index")); err != nil {
			return err
		}
		cmd, err := lc.Serve(cfg.Database, dataDir)
		if err != nil {
			return err
		}
		in, err := startInstance(cmd, i)
		if err != nil {
			return err
		}
		insts = append(insts, in)
	}
	start := time.Now()
	for _, in := range insts {
		if err := in.waitReady(ctx, 15*time.Minute); err != nil {
			return err
		}
	}
	fmt.Fprintf(out, "load: %d instances answer after %s\n", n, time.Since(start).Round(time.Millisecond))

	email, team, password := "bench.worker@example.org", "bench-team", randomPassword()
	if err := lc.AddUser(ctx, cfg.Database, filepath.Join(cfg.Dir, "user-add"), email, team, password); err != nil {
		return fmt.Errorf("bench: create the link worker: %w", err)
	}
	for _, in := range insts {
		if err := in.login(ctx, email, password); err != nil {
			return err
		}
	}

	d := &driver{insts: insts, mix: mix, gen: gen, services: cfg.Services, kinds: cfg.Kinds,
		r: rand.New(rand.NewPCG(uint64(cfg.Seed), 13)), tallies: map[string]*tally{}}
	fmt.Fprintf(out, "load: %.0f requests/s for %s, open loop (latency counted from each request's scheduled start), round robin over the instances\n", lc.Rate, lc.Duration)
	fmt.Fprintf(out, "load: %s\n", loadShares)
	editsDone := make(chan editTimes, 1)
	loadDone := make(chan struct{})
	go func() { editsDone <- d.timeEdits(ctx, st, max(lc.Duration/20, time.Second), loadDone) }()
	started, span := d.run(ctx, lc.Rate, lc.Duration)
	close(loadDone)
	edits := <-editsDone
	if err := ctx.Err(); err != nil {
		return err
	}
	d.report(out, sum, float64(started)/span.Seconds(), lc.Rate)
	if edits.err != nil {
		fmt.Fprintf(out, "load edit to searchable: stopped: %v\n", edits.err)
		sum.loadErrors++
	}
	for i, lat := range edits.lat {
		p := percentiles(lat)
		fmt.Fprintf(out, "load edit to searchable on instance %d (written by another process, found through its search API): %d edits, p50 %.0f ms, p99 %.0f ms\n", i+1, len(lat), p[0], p[2])
		sum.set(fmt.Sprintf("load_edit%d_p50_ms", i+1), fmt.Sprintf("%.0f", p[0]))
		sum.set(fmt.Sprintf("load_edit%d_p99_ms", i+1), fmt.Sprintf("%.0f", p[2]))
	}

	for _, in := range insts {
		rss := in.peakRSS()
		err := in.stop()
		fmt.Fprintf(out, "load instance %d: %d requests answered, peak RSS %.0f MB, %d error lines logged, stopped: %s\n",
			in.n, d.answered[in.n-1], rss, in.logged.errors(), stopResult(err))
		sum.set(fmt.Sprintf("load_rss%d_mb", in.n), fmt.Sprintf("%.0f", rss))
		sum.set(fmt.Sprintf("load_answered%d", in.n), fmt.Sprint(d.answered[in.n-1]))
		if err != nil {
			return fmt.Errorf("bench: instance %d did not stop cleanly: %w\n%s", in.n, err, in.logged.tail())
		}
	}
	insts = nil
	return nil
}

func stopResult(err error) string {
	if err != nil {
		return err.Error()
	}
	return "cleanly"
}

// driver runs the schedule and keeps what the writes made for later
// writes to use.
type driver struct {
	insts    []*instance
	mix      []namedQuery
	gen      *synth.Generator
	services int
	kinds    []directory.Term

	mu         sync.Mutex
	r          *rand.Rand
	people     []string // every person created, for contacts
	unreferred []string // people not yet referred
	referred   []string // referrals still at "referred"
	tallies    map[string]*tally
	answered   []int // requests answered as expected, by instance
}

// tally is one kind's results.
type tally struct {
	lat    []float64 // of the answered requests: ms from the scheduled start to the whole answer
	errors int
	why    map[string]int // the errors, counted by what went wrong
}

// run starts requests on a fixed schedule at rate for d, each in its own
// goroutine, so slow answers never delay later starts, and waits for the
// last. It returns how many it started and the time from the first
// scheduled start to the last actual one, plus one interval: the rate
// the schedule kept.
func (d *driver) run(ctx context.Context, rate float64, dur time.Duration) (int, time.Duration) {
	d.answered = make([]int, len(d.insts))
	total := int(rate * dur.Seconds())
	interval := time.Duration(float64(time.Second) / rate)
	t0 := time.Now().Add(50 * time.Millisecond)
	var wg sync.WaitGroup
	searches, started := 0, 0
	var last time.Time
	for i := 0; i < total && ctx.Err() == nil; i++ {
		at := t0.Add(time.Duration(i) * interval)
		time.Sleep(time.Until(at))
		started, last = i+1, time.Now()
		kind, q := kindOfSlot(i), namedQuery{}
		if kind == reqSearch {
			q = d.mix[searches%len(d.mix)]
			searches++
		}
		in := d.insts[i%len(d.insts)]
		wg.Add(1)
		go func() {
			defer wg.Done()
			kind, err := d.request(ctx, in, kind, q)
			d.record(in, kind, at, err)
		}()
	}
	wg.Wait()
	return started, last.Sub(t0) + interval
}

func (d *driver) record(in *instance, kind string, at time.Time, err error) {
	ms := float64(time.Since(at).Microseconds()) / 1000
	d.mu.Lock()
	defer d.mu.Unlock()
	t := d.tallies[kind]
	if t == nil {
		t = &tally{}
		d.tallies[kind] = t
	}
	if err != nil {
		t.errors++
		if t.why == nil {
			t.why = map[string]int{}
		}
		t.why[kind+": "+err.Error()]++
		return
	}
	t.lat = append(t.lat, ms)
	d.answered[in.n-1]++
}

// request makes one request of kind on in and returns the kind it made:
// a write whose groundwork is not there yet (no person to add a contact
// to, no referral to move) creates a person instead.
func (d *driver) request(ctx context.Context, in *instance, kind string, q namedQuery) (string, error) {
	switch kind {
	case reqSearch:
		return kind, expect(in.do(ctx, http.MethodGet, searchPath(q.q), nil))(http.StatusOK, nil)
	case reqMatch:
		return kind, expect(in.do(ctx, http.MethodPost, "/api/v1/match", d.matchBody()))(http.StatusOK, nil)
	case reqContact:
		if id, ok := d.take(&d.people, false); ok {
			body := `{"kind": "phone", "minutes": 15, "notes": "benchmark contact"}`
			return kind, expect(in.do(ctx, http.MethodPost, "/api/v1/people/"+url.PathEscape(id)+"/contacts", []byte(body)))(http.StatusCreated, nil)
		}
	case reqRefer:
		if id, ok := d.take(&d.unreferred, true); ok {
			body, _ := json.Marshal(map[string]string{"service_id": d.activeService(), "mode": "referral", "note": "benchmark referral"})
			var made struct{ ID string }
			err := expect(in.do(ctx, http.MethodPost, "/api/v1/people/"+url.PathEscape(id)+"/referrals", body))(http.StatusCreated, &made)
			if err == nil {
				d.put(&d.referred, made.ID)
			}
			return kind, err
		}
	case reqStatus:
		if id, ok := d.take(&d.referred, true); ok {
			body := `{"status": "accepted", "note": "benchmark: the service took them on"}`
			return kind, expect(in.do(ctx, http.MethodPost, "/api/v1/referrals/"+url.PathEscape(id)+"/status", []byte(body)))(http.StatusOK, nil)
		}
	}
	body := `{"name": "Benchmark Person", "date_of_birth": "1950-03-04", "postcode": "LS6 1AA", "consent": {"hold": true}}`
	var made struct{ ID string }
	err := expect(in.do(ctx, http.MethodPost, "/api/v1/people", []byte(body)))(http.StatusCreated, &made)
	if err == nil {
		d.put(&d.people, made.ID)
		d.put(&d.unreferred, made.ID)
	}
	return reqPerson, err
}

// expect checks an answer's status and decodes it into v when v is not
// nil; anything else is an error naming the status and the answer.
func expect(status int, answer []byte, err error) func(want int, v any) error {
	return func(want int, v any) error {
		if err != nil {
			return err
		}
		if status != want {
			return fmt.Errorf("status %d, want %d: %s", status, want, strings.TrimSpace(string(answer[:min(len(answer), 200)])))
		}
		if v != nil {
			return json.Unmarshal(answer, v)
		}
		return nil
	}
}

// take returns an id from list: a random one, or with remove the oldest,
// taken off it.
func (d *driver) take(list *[]string, remove bool) (string, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(*list) == 0 {
		return "", false
	}
	if !remove {
		return (*list)[d.r.IntN(len(*list))], true
	}
	id := (*list)[0]
	*list = (*list)[1:]
	return id, true
}

func (d *driver) put(list *[]string, id string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	*list = append(*list, id)
}

// activeService is the id of a random running, listed service.
func (d *driver) activeService() string {
	d.mu.Lock()
	i := d.r.IntN(d.services)
	d.mu.Unlock()
	var s *directory.Service
	for try := 0; try < d.services; try++ {
		s = d.gen.Service((i + try) % d.services)
		if s.Listed() && s.Status == directory.StatusActive {
			break
		}
	}
	return s.ID
}

// matchBody is a seeded profile, as TimeMatches makes: everyday words
// for a kind of support and a place.
func (d *driver) matchBody() []byte {
	d.mu.Lock()
	defer d.mu.Unlock()
	words := "lonely"
	if ws := d.gen.QueryWords(d.kinds[d.r.IntN(len(d.kinds))].ID); len(ws) > 0 {
		words = ws[d.r.IntN(len(ws))]
	}
	ocs := d.gen.Outcodes()
	pt := ocs[d.r.IntN(len(ocs))].Point
	travel := []string{"walk", "bus", "car"}[d.r.IntN(3)]
	body, _ := json.Marshal(map[string]any{"priorities": words, "location": map[string]float64{"lat": pt.Lat(), "lon": pt.Lon()}, "travel": travel})
	return body
}

// report prints each kind's figures and all together, and sets them in
// the summary. Latencies are of the answered requests: a refusal comes
// back fast and would flatter them.
func (d *driver) report(out io.Writer, sum *summary, achieved, rate float64) {
	all := tally{why: map[string]int{}}
	for _, k := range append(loadKinds, "all") {
		t := d.tallies[k]
		if k == "all" {
			t = &all
		}
		if t == nil {
			continue
		}
		if k != "all" {
			all.lat = append(all.lat, t.lat...)
			all.errors += t.errors
			for why, n := range t.why {
				all.why[why] += n
			}
		}
		p := percentiles(t.lat)
		mx := 0.0
		for _, x := range t.lat {
			mx = max(mx, x)
		}
		fmt.Fprintf(out, "load %-8s requests=%-6d errors=%-6d p50 %7.1f  p99 %7.1f  max %7.1f ms\n", k, len(t.lat)+t.errors, t.errors, p[0], p[2], mx)
		sum.set("load_"+k+"_p50_ms", fmt.Sprintf("%.1f", p[0]))
		sum.set("load_"+k+"_p99_ms", fmt.Sprintf("%.1f", p[2]))
		if k == "all" {
			sum.set("load_max_ms", fmt.Sprintf("%.1f", mx))
		}
	}
	requests := len(all.lat) + all.errors
	fmt.Fprintf(out, "load: %d requests, %d errors, %.1f requests/s started (%.0f scheduled); latencies of the answered ones\n", requests, all.errors, achieved, rate)
	whys := slices.SortedFunc(maps.Keys(all.why), func(a, b string) int { return cmp.Compare(all.why[b], all.why[a]) })
	for _, why := range whys[:min(len(whys), 8)] {
		fmt.Fprintf(out, "load error ×%d: %s\n", all.why[why], why)
	}
	sum.set("load_requests", fmt.Sprint(requests))
	sum.set("load_errors", fmt.Sprint(all.errors))
	sum.set("load_rate", fmt.Sprintf("%.1f", achieved))
	sum.loadErrors += all.errors
}

// randomPassword is the benchmark link worker's password, new each run.
func randomPassword() string {
	b := make([]byte, 16)
	cryptorand.Read(b)
	return hex.EncodeToString(b)
}

// editTimes are the edit-to-searchable latencies (ms) per instance, or
// what stopped them.
type editTimes struct {
	lat [][]float64
	err error
}

// timeEdits renames a running service through st every interval until
// done is closed, as an import or another writer would, and times until
// each instance's search API finds it by its new word. Nobody tells the
// instances: they follow the change log on their tick.
func (d *driver) timeEdits(ctx context.Context, st Store, every time.Duration, done <-chan struct{}) editTimes {
	res := editTimes{lat: make([][]float64, len(d.insts))}
	for e := 0; ; e++ {
		select {
		case <-done:
			return res
		case <-ctx.Done():
			return res
		case <-time.After(every):
		}
		s, err := st.Service(ctx, d.activeService())
		if err != nil {
			res.err = err
			return res
		}
		token := "zqload" + strconv.Itoa(e) + "x"
		s.Name += " " + token
		start := time.Now()
		if err := st.PutServices(ctx, []*directory.Service{s}); err != nil {
			res.err = err
			return res
		}
		for i, in := range d.insts {
			took, err := in.untilFound(ctx, s.ID, token, start)
			if err != nil {
				res.err = fmt.Errorf("instance %d: %w", in.n, err)
				return res
			}
			res.lat[i] = append(res.lat[i], float64(took.Microseconds())/1000)
		}
	}
}

// recordClassifier gives the stored services the kinds of the classifier
// serve ships, and records its version, as the first serve on a database
// does at start (a store the benchmark filled has none recorded yet), so
// that the instances start as they would on a running deployment.
func recordClassifier(ctx context.Context, st Store, out io.Writer) error {
	r, ok := st.(interface {
		Reclassify(ctx context.Context, progress func(done, changed int)) (int, error)
	})
	if !ok {
		return nil
	}
	start := time.Now()
	changed, err := r.Reclassify(ctx, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "load: classifier version recorded in %s (%d services changed), as the first serve would at start\n", time.Since(start).Round(time.Millisecond), changed)
	return nil
}
