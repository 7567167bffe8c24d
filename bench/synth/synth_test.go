package synth

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
)

const (
	// compactFile is the centroid file Linkway ships and the benchmark
	// reads by default: districts without counts or countries.
	compactFile = "../../data/geo/outcode-centroids.csv.gz"
	// fullFile has each district's postcode count and country as well
	// (see testdata/SOURCES.md).
	fullFile     = "testdata/uk-outcode-centroids.csv.gz"
	taxonomyFile = "../../data/taxonomy.json"
)

func mustKinds(tb testing.TB) []directory.Term {
	tb.Helper()
	b, err := os.ReadFile(taxonomyFile)
	if err != nil {
		tb.Fatal(err)
	}
	var doc struct {
		Terms []struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"terms"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		tb.Fatal(err)
	}
	terms := make([]directory.Term, len(doc.Terms))
	for i, t := range doc.Terms {
		terms[i] = directory.Term{ID: t.ID, Name: t.Name}
	}
	return terms
}

func mustGenerator(tb testing.TB, seed int64, file string) *Generator {
	tb.Helper()
	f, err := os.Open(file)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	g, err := New(seed, f, mustKinds(tb))
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

func TestDeterministic(t *testing.T) {
	a := mustGenerator(t, 42, compactFile)
	b := mustGenerator(t, 42, compactFile)
	for _, i := range []int{0, 1, 2, 11, 12, 999, 123456, 499999} {
		if sa, sb := a.Service(i), b.Service(i); !reflect.DeepEqual(sa, sb) {
			t.Errorf("Service(%d) differs between generators with the same seed:\n%+v\n%+v", i, sa, sb)
		}
		if sa, sb := a.Service(i), a.Service(i); !reflect.DeepEqual(sa, sb) {
			t.Errorf("Service(%d) differs between calls", i)
		}
	}
	c := mustGenerator(t, 43, compactFile)
	if reflect.DeepEqual(a.Service(7), c.Service(7)) {
		t.Error("Service(7) is the same for seeds 42 and 43")
	}
}

// Generating out of order and from several goroutines must not change any
// service (run with -race to check the generator is read-only).
func TestParallelMatchesSequential(t *testing.T) {
	g := mustGenerator(t, 1, compactFile)
	const n = 600
	want := make([]*directory.Service, n)
	for i := range n {
		want[i] = g.Service(i)
	}
	got := make([]*directory.Service, n)
	var wg sync.WaitGroup
	for w := range 3 {
		wg.Go(func() {
			for i := n - 1 - w; i >= 0; i -= 3 {
				got[i] = g.Service(i)
			}
		})
	}
	wg.Wait()
	for i := range n {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("Service(%d) generated in parallel differs from sequential", i)
		}
	}
}

func TestDifferentIndexesDiffer(t *testing.T) {
	g := mustGenerator(t, 42, compactFile)
	names := map[string]int{}
	descs := map[string]bool{}
	const n = 1000
	for i := range n {
		s := g.Service(i)
		if s.ID == g.Service(i+1).ID || reflect.DeepEqual(s, g.Service(i+1)) {
			t.Fatalf("Service(%d) and Service(%d) are the same", i, i+1)
		}
		names[s.Name]++
		descs[s.Description] = true
	}
	if len(names) < n/4 {
		t.Errorf("%d services have only %d distinct names", n, len(names))
	}
	if len(descs) < n*9/10 {
		t.Errorf("%d services have only %d distinct descriptions", n, len(descs))
	}
}

func TestFirst2000(t *testing.T) {
	g := mustGenerator(t, 42, compactFile)
	kinds := map[string]int{}
	locIDs := map[string]bool{}
	orgs := map[string]*directory.Organization{}
	for i := range 2000 {
		s := g.Service(i)
		if err := s.Validate(); err != nil {
			t.Fatalf("Service(%d) = %s: Validate() = %v", i, s.ID, err)
		}
		if want := fmt.Sprintf("svc-%07d", i); s.ID != want {
			t.Errorf("Service(%d).ID = %q, want %q", i, s.ID, want)
		}
		if id := s.Organization.ID; len(id) != len("org-000000") || !strings.HasPrefix(id, "org-") {
			t.Errorf("%s: organisation id %q", s.ID, id)
		}
		if len(s.Terms) < 1 || len(s.Terms) > 2 {
			t.Errorf("%s has %d terms, want 1 or 2", s.ID, len(s.Terms))
		}
		if len(s.Terms) == 2 && s.Terms[0].ID == s.Terms[1].ID {
			t.Errorf("%s lists %s twice", s.ID, s.Terms[0].ID)
		}
		for _, term := range s.Terms {
			kinds[term.ID]++
		}
		if prev, ok := orgs[s.Organization.ID]; ok && !reflect.DeepEqual(prev, s.Organization) {
			t.Errorf("%s: organisation %s is %+v, earlier %+v", s.ID, s.Organization.ID, s.Organization, prev)
		}
		orgs[s.Organization.ID] = s.Organization
		for j, sal := range s.Locations {
			l := sal.Location
			if want := fmt.Sprintf("loc-%07d-%d", i, j); l.ID != want {
				t.Errorf("%s: location %d has id %q, want %q", s.ID, j, l.ID, want)
			}
			if locIDs[l.ID] {
				t.Errorf("%s: location id %s used twice", s.ID, l.ID)
			}
			locIDs[l.ID] = true
			if l.Type == directory.Virtual {
				if l.Point != nil {
					t.Errorf("%s: virtual location %s has a point", s.ID, l.ID)
				}
				continue
			}
			p := l.Point
			if p == nil || p.Lat() < 49.8 || p.Lat() > 55.9 || p.Lon() < -6.5 || p.Lon() > 1.9 {
				t.Errorf("%s: location %s at %v, outside England", s.ID, l.ID, p)
			}
			if pc := l.Address().PostalCode; len(pc) < 6 || pc[len(pc)-4] != ' ' || pc[len(pc)-3] < '0' || pc[len(pc)-3] > '9' {
				t.Errorf("%s: postcode %q", s.ID, pc)
			}
			for _, sc := range sal.Schedules {
				checkSession(t, s.ID, sc)
			}
		}
		if s.LastVerified.Before(refDate.AddDate(0, -24, -1)) || !s.LastVerified.Before(refDate) {
			t.Errorf("%s: LastVerified %v not in the 24 months before %v", s.ID, s.LastVerified, refDate)
		}
		if s.LastModified.Before(s.LastVerified) || s.LastModified.After(refDate) {
			t.Errorf("%s: LastModified %v, LastVerified %v", s.ID, s.LastModified, s.LastVerified)
		}
	}
	for _, k := range mustKinds(t) {
		if kinds[k.ID] == 0 {
			t.Errorf("kind %s never appears in the first 2,000 services", k.ID)
		}
	}
	t.Logf("%d organisations, fewest services of a kind: %d", len(orgs), minValue(kinds))
}

func minValue(m map[string]int) int {
	lo := math.MaxInt
	for _, v := range m {
		lo = min(lo, v)
	}
	return lo
}

// checkSession checks a session lasts one to three hours between 09:00
// and 21:00.
func checkSession(t *testing.T, id string, sc directory.Schedule) {
	t.Helper()
	open, closes, ok := sc.Window()
	if !ok || open < 9*60 || closes > 21*60 || closes-open < 60 || closes-open > 180 {
		t.Errorf("%s: session %s %s–%s", id, sc.ByDay, sc.Opens, sc.Closes)
	}
	if len(sc.Days()) == 0 {
		t.Errorf("%s: session with no days: %q", id, sc.ByDay)
	}
}

func TestProportions(t *testing.T) {
	g := mustGenerator(t, 42, compactFile)
	const n = 10000
	var c struct {
		online, phone, venue, twoVenues, monthly, free, ageLimit, otherLang    int
		active, tempClosed, inactive, defunct, open, waiting, full, secondTerm int
		withSessions, helplineHours                                            int
	}
	orgs := map[string]bool{}
	for i := range n {
		s := g.Service(i)
		orgs[s.Organization.ID] = true
		switch {
		case len(s.Locations) == 0:
			c.phone++
			if len(s.Phones) == 0 {
				t.Errorf("%s has no location and no phone", s.ID)
			}
			if sc := s.Schedules; len(sc) == 1 && sc[0].ByDay == "MO,TU,WE,TH,FR" && sc[0].Opens == "09:00" && sc[0].Closes == "17:00" {
				c.helplineHours++
			}
		case s.Locations[0].Location.Type == directory.Virtual:
			c.online++
		default:
			c.venue++
			if len(s.Locations) == 2 {
				c.twoVenues++
			}
		}
		if len(s.Locations) > 0 {
			c.withSessions++
			if s.Locations[0].Schedules[0].Freq == directory.Monthly {
				c.monthly++
			}
		}
		if s.IsFree() {
			c.free++
		}
		if s.MinimumAge != nil {
			c.ageLimit++
		}
		if len(s.Languages) > 1 {
			c.otherLang++
		}
		if len(s.Terms) > 1 {
			c.secondTerm++
		}
		switch s.Status {
		case directory.StatusActive:
			c.active++
		case directory.StatusTemporarilyClosed:
			c.tempClosed++
		case directory.StatusInactive:
			c.inactive++
		case directory.StatusDefunct:
			c.defunct++
		}
		switch s.Accepting {
		case directory.CapacityOpen:
			c.open++
		case directory.CapacityWaitingList:
			c.waiting++
		case directory.CapacityFull:
			c.full++
		}
	}
	pct := func(k, of int) float64 { return 100 * float64(k) / float64(of) }
	for _, tt := range []struct {
		name      string
		got, want float64
	}{
		{"online only", pct(c.online, n), 10},
		{"phone only", pct(c.phone, n), 8},
		{"two venues (of services at a venue)", pct(c.twoVenues, c.venue), 15},
		{"monthly (of services with sessions)", pct(c.monthly, c.withSessions), 12},
		{"free", pct(c.free, n), 65},
		{"age limits", pct(c.ageLimit, n), 30},
		{"another language", pct(c.otherLang, n), 15},
		{"active", pct(c.active, n), 97},
		{"temporarily closed", pct(c.tempClosed, n), 1.5},
		{"inactive", pct(c.inactive, n), 1},
		{"defunct", pct(c.defunct, n), 0.5},
		{"accepting", pct(c.open, n), 90},
		{"waiting list", pct(c.waiting, n), 7},
		{"full", pct(c.full, n), 3},
		{"helpline hours (of phone only)", pct(c.helplineHours, c.phone), 100},
		{"organisations per 100 services", pct(len(orgs), n), 33.3},
	} {
		t.Logf("%-40s %5.2f%% (want %g%%)", tt.name, tt.got, tt.want)
		if math.Abs(tt.got-tt.want) > 3 {
			t.Errorf("%s = %.2f%%, want %g%% ± 3", tt.name, tt.got, tt.want)
		}
	}
	t.Logf("%-40s %5.2f%%", "two kinds", pct(c.secondTerm, n))
}

// The compact file in data/geo carries no countries or counts: it must
// still give exactly the English districts, each weighing 1.
func TestCompactCentroids(t *testing.T) {
	full := mustGenerator(t, 42, fullFile).Outcodes()
	compact := mustGenerator(t, 42, compactFile).Outcodes()
	if len(full) != 2210 {
		t.Errorf("full file: %d English districts, want 2210", len(full))
	}
	if len(compact) != len(full) {
		t.Fatalf("compact file: %d English districts, full file %d", len(compact), len(full))
	}
	for i := range full {
		f, c := full[i], compact[i]
		if f.Code != c.Code || math.Abs(f.Point.Lat()-c.Point.Lat()) > 1e-4 || math.Abs(f.Point.Lon()-c.Point.Lon()) > 1e-4 {
			t.Fatalf("district %d: compact %+v, full %+v", i, c, f)
		}
		if c.Weight != 1 {
			t.Fatalf("compact %s weighs %d, want 1", c.Code, c.Weight)
		}
	}
	g := mustGenerator(t, 42, compactFile)
	for i := range 200 {
		if err := g.Service(i).Validate(); err != nil {
			t.Fatalf("Service(%d) from the compact file: %v", i, err)
		}
	}
}

// The full file's postcode counts are the districts' weights, and its
// English districts include Berwick (TD15) but not Deeside (CH5).
func TestFullCentroidsWeights(t *testing.T) {
	want := map[string]int{"LS6": 883, "EC1A": 164, "TD15": 565}
	for _, oc := range mustGenerator(t, 42, fullFile).Outcodes() {
		if oc.Code == "CH5" {
			t.Errorf("CH5, in Wales, is among the English districts")
		}
		if w, ok := want[oc.Code]; ok {
			if oc.Weight != w {
				t.Errorf("%s weighs %d, want its postcode count %d", oc.Code, oc.Weight, w)
			}
			delete(want, oc.Code)
		}
	}
	for code := range want {
		t.Errorf("%s is missing from the English districts", code)
	}
}

func TestNewRejects(t *testing.T) {
	kinds := mustKinds(t)
	for _, tt := range []struct {
		name, csv string
		kinds     []directory.Term
	}{
		{"no outcode column", "code,latitude,longitude\nLS6,53.8,-1.5\n", kinds},
		{"no English district", "outcode,latitude,longitude\nEH1,55.9,-3.2\n", kinds},
		{"bad latitude", "outcode,latitude,longitude\nLS6,north,-1.5\n", kinds},
		{"no kinds", "outcode,latitude,longitude\nLS6,53.8,-1.5\n", nil},
		{"kind without id", "outcode,latitude,longitude\nLS6,53.8,-1.5\n", []directory.Term{{Name: "Walks"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := New(1, strings.NewReader(tt.csv), tt.kinds); err == nil {
				t.Errorf("New() = nil error")
			}
		})
	}
}

// A taxonomy the package has no words for still gives valid services.
func TestUnknownKinds(t *testing.T) {
	g, err := New(1, strings.NewReader("outcode,latitude,longitude\nLS6,53.82,-1.57\n"),
		[]directory.Term{{ID: "knitting", Name: "Knitting"}, {ID: "chess", Name: "Chess"}, {ID: "helplines"}})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 300 {
		if err := g.Service(i).Validate(); err != nil {
			t.Fatalf("Service(%d): %v", i, err)
		}
	}
	if got := g.QueryWords("chess"); !reflect.DeepEqual(got, []string{"chess"}) {
		t.Errorf(`QueryWords("chess") = %q, want ["chess"]`, got)
	}
}

func TestVocabulary(t *testing.T) {
	g := mustGenerator(t, 42, compactFile)
	for _, k := range mustKinds(t) {
		txt, ok := kindTexts[k.ID]
		if !ok {
			t.Errorf("no vocabulary for kind %s", k.ID)
			continue
		}
		if n := len(txt.sentences); n < 6 || n > 10 {
			t.Errorf("%s has %d sentences, want 6 to 10", k.ID, n)
		}
		if len(txt.names) < 6 {
			t.Errorf("%s has %d name patterns, want at least 6", k.ID, len(txt.names))
		}
		if len(g.QueryWords(k.ID)) < 5 {
			t.Errorf("QueryWords(%q) = %q, want at least 5", k.ID, g.QueryWords(k.ID))
		}
		for _, id := range txt.related {
			if _, ok := kindTexts[id]; !ok || id == k.ID {
				t.Errorf("%s: related kind %q", k.ID, id)
			}
		}
	}
	if len(places) < 200 {
		t.Errorf("%d places, want about 200", len(places))
	}
	if g.QueryWords("no-such-kind") != nil {
		t.Error("QueryWords of an unknown kind is not nil")
	}
}

func TestText(t *testing.T) {
	var (
		x       text
		a, b, c string
		d, e    string
	)
	x.str("svc-").num(1234, 7).to(&a)
	sp := x.str("org-").num(12345678, 6).to(&b)
	x.again(sp).byte('/').clock(9*60 + 30).byte('-').clock(21 * 60).to(&c)
	x.fill(newPattern("Friends of {Place} Park"), "Otley").to(&d)
	x.alias(&e, sp)
	x.flush()
	for _, tt := range []struct{ got, want string }{
		{a, "svc-0001234"}, {b, "org-12345678"}, {c, "org-12345678/09:30-21:00"},
		{d, "Friends of Otley Park"}, {e, "org-12345678"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func BenchmarkService(b *testing.B) {
	g := mustGenerator(b, 42, compactFile)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		g.Service(i)
		i++
	}
}

// BenchmarkDirectory500k generates the largest benchmark directory from
// two goroutines, the way benchmark set-up does, and reports the rate.
func BenchmarkDirectory500k(b *testing.B) {
	g := mustGenerator(b, 42, compactFile)
	const n, workers = 500_000, 2
	start := time.Now()
	runs := 0
	for b.Loop() {
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				for i := w; i < n; i += workers {
					g.Service(i)
				}
			})
		}
		wg.Wait()
		runs++
	}
	b.ReportMetric(float64(n*runs)/time.Since(start).Seconds(), "services/s")
}
