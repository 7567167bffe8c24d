package fts5_test

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/bench/fts5"
	"github.com/linkway/linkway/directory"
	"github.com/paulmach/orb"
)

func ptr[T any](v T) *T { return &v }

// ftsCentre is where the test directory's places are measured from.
var ftsCentre = orb.Point{-1.55, 53.8}

// ftsKmPerDegreeLat is the length of a degree of latitude on the mean sphere.
const ftsKmPerDegreeLat = 6371.0088 * math.Pi / 180

// ftsNorth returns the point km ftsNorth of ftsCentre.
func ftsNorth(km float64) *orb.Point {
	return &orb.Point{ftsCentre.Lon(), ftsCentre.Lat() + km/ftsKmPerDegreeLat}
}

// ftsEast returns a point about km ftsEast of ftsCentre.
func ftsEast(km float64) *orb.Point {
	return &orb.Point{ftsCentre.Lon() + km/(ftsKmPerDegreeLat*math.Cos(ftsCentre.Lat()*math.Pi/180)), ftsCentre.Lat()}
}

// ftsHaversineKm is geo.DistanceKm, written out as the oracle for radius
// filters.
func ftsHaversineKm(a, b orb.Point) float64 {
	rad := math.Pi / 180
	dLat, dLon := (b.Lat()-a.Lat())*rad, (b.Lon()-a.Lon())*rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(a.Lat()*rad)*math.Cos(b.Lat()*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * 6371.0088 * math.Atan2(math.Sqrt(h), math.Sqrt(1-h))
}

// mustOpenFTS opens a new search database, skipping the test when SQLite
// was built without FTS5.
func mustOpenFTS(tb testing.TB) *fts5.DB {
	tb.Helper()
	f, err := fts5.Open(filepath.Join(tb.TempDir(), "fts.db"))
	if errors.Is(err, fts5.ErrNotCompiled) {
		tb.Skip("SQLite built without FTS5; run with -tags sqlite_fts5")
	}
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}

func mustAddFTS(tb testing.TB, f *fts5.DB, services ...*directory.Service) {
	tb.Helper()
	if err := f.Add(context.Background(), services); err != nil {
		tb.Fatal(err)
	}
	if err := f.Optimize(context.Background()); err != nil {
		tb.Fatal(err)
	}
}

func mustSearchFTS(tb testing.TB, f *fts5.DB, q directory.Query) ([]string, int) {
	tb.Helper()
	ids, total, err := f.Search(context.Background(), q)
	if err != nil {
		tb.Fatalf("Search(%+v): %v", q, err)
	}
	return ids, total
}

// TestOpen checks Open against what SQLite says it was built with:
// without FTS5 it must say which build tag is missing and leave no file.
func TestOpen(t *testing.T) {
	probe, err := sql.Open("sqlite3", "file:"+filepath.Join(t.TempDir(), "probe.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer probe.Close()
	var hasFTS5 bool
	if err := probe.QueryRow(`SELECT sqlite_compileoption_used('ENABLE_FTS5')`).Scan(&hasFTS5); err != nil {
		t.Fatal(err)
	}

	path := filepath.Join(t.TempDir(), "fts.db")
	f, err := fts5.Open(path)
	if !hasFTS5 {
		if !errors.Is(err, fts5.ErrNotCompiled) || !strings.Contains(err.Error(), "SQLite was built without FTS5: build with -tags sqlite_fts5") {
			t.Fatalf("Open without FTS5: err = %v, want ErrNotCompiled", err)
		}
		if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("Open left %s behind (stat: %v)", path, err)
		}
		t.Log("SQLite built without FTS5: the search tests need -tags sqlite_fts5")
		return
	}
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := fts5.Open(path); directory.KindOf(err) != directory.Conflict {
		t.Errorf("Open on an existing file: err = %v, want a Conflict", err)
	}
}

func TestFTSAddDuplicate(t *testing.T) {
	f := mustOpenFTS(t)
	s := &directory.Service{ID: "s1", Name: "Walk", Status: directory.StatusActive}
	mustAddFTS(t, f, s)
	if err := f.Add(context.Background(), []*directory.Service{s}); directory.KindOf(err) != directory.Conflict {
		t.Fatalf("Add of a stored service: err = %v, want a Conflict", err)
	}
	// The failed batch changed nothing.
	if ids, total := mustSearchFTS(t, f, directory.Query{}); total != 1 || !slices.Equal(ids, []string{"s1"}) {
		t.Errorf("Search() = %v, %d; want [s1], 1", ids, total)
	}
}

func ftsWeekly(byDay, opens, closes string) directory.Schedule {
	return directory.Schedule{Freq: directory.Weekly, ByDay: byDay, Opens: opens, Closes: closes}
}

func ftsVenue(p *orb.Point, access ...string) directory.ServiceAtLocation {
	l := directory.Location{Type: directory.Physical, Point: p}
	for _, a := range access {
		l.Accessibility = append(l.Accessibility, directory.Accessibility{Description: a})
	}
	return directory.ServiceAtLocation{Location: l}
}

// ftsDirectory is a dozen hand-made services, each there to sit on one
// side of a filter's edge. Their names sort in the order of their ids.
func ftsDirectory() []*directory.Service {
	termWalking := directory.Term{ID: "walking", Name: "Walking"}
	termArts := directory.Term{ID: "arts", Name: "Arts and creativity"}
	termBefriend := directory.Term{ID: "befriending", Name: "Befriending"}
	termFood := directory.Term{ID: "food", Name: "Food"}
	termMoney := directory.Term{ID: "money", Name: "Money advice"}
	termCrafts := directory.Term{ID: "crafts", Name: "Making and mending"}
	termGardening := directory.Term{ID: "gardening", Name: "Gardening"}
	termMovement := directory.Term{ID: "movement", Name: "Keeping active"}
	english := directory.Language{Code: "en", Name: "English"}
	punjabi := directory.Language{Code: "pa", Name: "Punjabi"}
	free := directory.CostOption{Amount: ptr(0.0)}
	fiverPerSesion := directory.CostOption{Amount: ptr(5.0)}
	active := directory.StatusActive
	return []*directory.Service{
		{
			ID: "s01", Name: "A walking group", Status: active,
			Description: "A gentle stroll round the park.",
			Terms:       []directory.Term{termWalking},
			MinimumAge:  ptr(18),
			Languages:   []directory.Language{english},
			CostOptions: []directory.CostOption{free},
			Locations:   []directory.ServiceAtLocation{ftsVenue(ftsNorth(1), "Wheelchair accessible")},
			Schedules:   []directory.Schedule{ftsWeekly("TU", "10:00", "10:15")},
		},
		{
			ID: "s02", Name: "B art class", Status: active,
			Description: "Painting and drawing for beginners.",
			Terms:       []directory.Term{termArts},
			Languages:   []directory.Language{punjabi},
			CostOptions: []directory.CostOption{fiverPerSesion},
			Accepting:   directory.CapacityWaitingList,
			Locations:   []directory.ServiceAtLocation{ftsVenue(ftsEast(3))},
			Schedules:   []directory.Schedule{ftsWeekly("TU", "10:00", "11:00")},
		},
		{
			ID: "s03", Name: "C online befriending", Status: active,
			Organization: &directory.Organization{ID: "o1", Name: "Leeds Mind"},
			Description:  "Weekly video calls with a volunteer.",
			Terms:        []directory.Term{termBefriend},
			Fees:         "Free",
			Locations: []directory.ServiceAtLocation{{
				Location:  directory.Location{Type: directory.Virtual, URL: "https://example.org/call"},
				Schedules: []directory.Schedule{ftsWeekly("MO", "18:00", "20:00")},
			}},
		},
		{
			ID: "s04", Name: "D lunch club", Status: directory.StatusTemporarilyClosed,
			Description: "A hot meal and company.",
			Terms:       []directory.Term{termFood},
			CostOptions: []directory.CostOption{free},
			Locations:   []directory.ServiceAtLocation{ftsVenue(&ftsCentre)},
			Schedules:   []directory.Schedule{{Freq: directory.Monthly, ByDay: "1TH", Opens: "12:00", Closes: "14:00"}},
		},
		{
			ID: "s05", Name: "E debt advice", Status: directory.StatusInactive,
			Description: "Help with debts.",
			Terms:       []directory.Term{termMoney},
			CostOptions: []directory.CostOption{free},
			Locations:   []directory.ServiceAtLocation{ftsVenue(&ftsCentre)},
		},
		{
			ID: "s06", Name: "F men's shed", Status: active,
			Description: "Woodwork and repairs.",
			Terms:       []directory.Term{termCrafts},
			Locations: []directory.ServiceAtLocation{
				ftsVenue(ftsNorth(20)),
				{Location: directory.Location{Type: directory.Physical, Point: ftsNorth(4.9)}, Schedules: []directory.Schedule{ftsWeekly("WE", "", "")}},
			},
		},
		{
			ID: "s07", Name: "G youth club", Status: active,
			Description: "Art and games for teenagers.",
			Terms:       []directory.Term{termArts},
			MinimumAge:  ptr(11), MaximumAge: ptr(18),
			Locations: []directory.ServiceAtLocation{ftsVenue(ftsNorth(5.1))},
			Schedules: []directory.Schedule{ftsWeekly("FR", "23:00", "01:00")},
		},
		{
			ID: "s08", Name: "H community choir", Status: active,
			Description: "Singing together.",
			Terms:       []directory.Term{termArts},
			Accepting:   directory.CapacityFull,
			Locations:   []directory.ServiceAtLocation{ftsVenue(ftsNorth(2))},
			Schedules:   []directory.Schedule{ftsWeekly("SA", "", "")},
		},
		{
			ID: "s09", Name: "I garden project", Status: active,
			Description: "Growing vegetables together.",
			Terms:       []directory.Term{termGardening},
			Locations:   []directory.ServiceAtLocation{ftsVenue(ftsEast(1.5), "Hearing loop; level access", "No wheelchair access to the polytunnel")},
		},
		{
			ID: "s10", Name: "J phone line", Status: active,
			Description: "Someone to talk to on weekdays.",
			Terms:       []directory.Term{termBefriend},
			Phones:      []directory.Phone{{Number: "0113 496 0000"}},
			Schedules:   []directory.Schedule{ftsWeekly("MO,TU,WE,TH,FR", "09:00", "17:00")},
		},
		{
			ID: "s11", Name: "K old group", Status: directory.StatusDefunct,
			Terms:     []directory.Term{termWalking},
			Locations: []directory.ServiceAtLocation{ftsVenue(&ftsCentre)},
		},
		{
			ID: "s12", Name: "L chair yoga", Status: active,
			Description: "Seated exercise, in the hall or from home.",
			Terms:       []directory.Term{termMovement},
			CostOptions: []directory.CostOption{free},
			Locations: []directory.ServiceAtLocation{
				ftsVenue(ftsNorth(0.5)),
				{Location: directory.Location{Type: directory.Virtual, URL: "https://example.org/yoga"}},
			},
		},
	}
}

func mustFTSDirectory(tb testing.TB) *fts5.DB {
	tb.Helper()
	f := mustOpenFTS(tb)
	mustAddFTS(tb, f, ftsDirectory()...)
	return f
}

// ftsActive is every active service, in name order.
var ftsActive = []string{"s01", "s02", "s03", "s06", "s07", "s08", "s09", "s10", "s12"}

func TestFTSFilters(t *testing.T) {
	f := mustFTSDirectory(t)
	day := func(d time.Weekday) *time.Weekday { return &d }
	at := func(s string) *directory.Clock {
		c, err := directory.ParseClock(s)
		if err != nil {
			t.Fatal(err)
		}
		return &c
	}
	tests := []struct {
		name string
		q    directory.Query
		want []string // in name order
	}{
		{"everything listed and active", directory.Query{}, ftsActive},
		{"temporarily closed too", directory.Query{IncludeTemporarilyClosed: true},
			[]string{"s01", "s02", "s03", "s04", "s06", "s07", "s08", "s09", "s10", "s12"}},

		{"one kind", directory.Query{Kinds: []string{"arts"}}, []string{"s02", "s07", "s08"}},
		{"any of two kinds", directory.Query{Kinds: []string{"arts", "gardening"}}, []string{"s02", "s07", "s08", "s09"}},
		{"a kind only closed services have", directory.Query{Kinds: []string{"food"}}, nil},
		{"a kind of an unlisted service", directory.Query{Kinds: []string{"money"}, IncludeTemporarilyClosed: true}, nil},

		{"within 5 km", directory.Query{Near: &ftsCentre, RadiusKm: 5, Sort: directory.ByName},
			[]string{"s01", "s02", "s06", "s08", "s09", "s12"}},
		{"within 5 km, closed too", directory.Query{Near: &ftsCentre, RadiusKm: 5, Sort: directory.ByName, IncludeTemporarilyClosed: true},
			[]string{"s01", "s02", "s04", "s06", "s08", "s09", "s12"}},
		{"within 5.2 km", directory.Query{Near: &ftsCentre, RadiusKm: 5.2, Sort: directory.ByName},
			[]string{"s01", "s02", "s06", "s07", "s08", "s09", "s12"}},
		{"within 1 km", directory.Query{Near: &ftsCentre, RadiusKm: 1.01, Sort: directory.ByName}, []string{"s01", "s12"}},
		{"near with no radius limits nothing", directory.Query{Near: &ftsCentre, Sort: directory.ByName}, ftsActive},

		{"remote excluded", directory.Query{Remote: directory.RemoteExcluded}, []string{"s01", "s02", "s06", "s07", "s08", "s09", "s12"}},
		{"within 5 km or remote", directory.Query{Near: &ftsCentre, RadiusKm: 5, Remote: directory.RemoteIncluded, Sort: directory.ByName},
			[]string{"s01", "s02", "s03", "s06", "s08", "s09", "s10", "s12"}},
		{"within 5 km, remote excluded", directory.Query{Near: &ftsCentre, RadiusKm: 5, Remote: directory.RemoteExcluded, Sort: directory.ByName},
			[]string{"s01", "s02", "s06", "s08", "s09", "s12"}},

		{"free", directory.Query{Free: true}, []string{"s01", "s03", "s12"}},
		{"online", directory.Query{Online: true}, []string{"s03", "s12"}},
		{"online ignores the radius", directory.Query{Online: true, Near: ftsNorth(100), RadiusKm: 1, Sort: directory.ByName}, []string{"s03", "s12"}},

		{"Tuesday", directory.Query{Day: day(time.Tuesday)}, []string{"s01", "s02", "s10"}},
		{"Tuesday 10:45 is in both 10 o'clock sessions", directory.Query{Day: day(time.Tuesday), At: at("10:45")}, []string{"s01", "s02", "s10"}},
		{"Tuesday 10:00", directory.Query{Day: day(time.Tuesday), At: at("10:00")}, []string{"s01", "s02", "s10"}},
		{"Tuesday 11:00 is after a session closing at 11:00", directory.Query{Day: day(time.Tuesday), At: at("11:00")}, []string{"s10"}},
		{"Tuesday 09:59", directory.Query{Day: day(time.Tuesday), At: at("09:59")}, []string{"s10"}},
		{"10:30 on any day", directory.Query{At: at("10:30")}, []string{"s01", "s02", "s10"}},
		{"16:59 on Monday, the last hour of a 17:00 close", directory.Query{Day: day(time.Monday), At: at("16:59")}, []string{"s10"}},
		{"17:00 on Monday", directory.Query{Day: day(time.Monday), At: at("17:00")}, nil},
		{"Monday evening, on a location's schedule", directory.Query{Day: day(time.Monday), At: at("19:00")}, []string{"s03"}},
		{"Wednesday, untimed, on a location's schedule", directory.Query{Day: day(time.Wednesday)}, []string{"s06", "s10"}},
		{"Wednesday at 10, untimed sessions have no hours", directory.Query{Day: day(time.Wednesday), At: at("10:00")}, []string{"s10"}},
		{"Saturday", directory.Query{Day: day(time.Saturday)}, []string{"s08"}},
		{"Friday 23:30, past midnight runs to the end of the day", directory.Query{Day: day(time.Friday), At: at("23:30")}, []string{"s07"}},
		{"Saturday 00:30 after a Friday night session", directory.Query{Day: day(time.Saturday), At: at("00:30")}, nil},
		{"a monthly first Thursday is a Thursday", directory.Query{Day: day(time.Thursday), At: at("13:00"), IncludeTemporarilyClosed: true}, []string{"s04", "s10"}},
		{"Thursday 13:00, active only", directory.Query{Day: day(time.Thursday), At: at("13:00")}, []string{"s10"}},
		{"Sunday", directory.Query{Day: day(time.Sunday)}, nil},

		{"age 10", directory.Query{Age: ptr(10)}, []string{"s02", "s03", "s06", "s08", "s09", "s10", "s12"}},
		{"age 11, a minimum is inclusive", directory.Query{Age: ptr(11)}, []string{"s02", "s03", "s06", "s07", "s08", "s09", "s10", "s12"}},
		{"age 18, both limits inclusive", directory.Query{Age: ptr(18)}, ftsActive},
		{"age 19", directory.Query{Age: ptr(19)}, []string{"s01", "s02", "s03", "s06", "s08", "s09", "s10", "s12"}},

		{"wheelchair", directory.Query{Access: []string{"wheelchair"}}, []string{"s01"}},
		{"step free, implied by wheelchair access", directory.Query{Access: []string{"step_free"}}, []string{"s01", "s09"}},
		{"hearing loop", directory.Query{Access: []string{"hearing_loop"}}, []string{"s09"}},
		{"step free and hearing loop", directory.Query{Access: []string{"step_free", "hearing_loop"}}, []string{"s09"}},
		{"wheelchair and hearing loop", directory.Query{Access: []string{"wheelchair", "hearing_loop"}}, nil},

		{"language by code", directory.Query{Languages: []string{"pa"}}, []string{"s02"}},
		{"language by name, any case", directory.Query{Languages: []string{" PUNJABI "}}, []string{"s02"}},
		{"any of two languages", directory.Query{Languages: []string{"pa", "English"}}, []string{"s01", "s02"}},
		{"a language nobody offers", directory.Query{Languages: []string{"cy"}}, nil},

		{"accepting, where unsaid means yes", directory.Query{Accepting: []directory.Capacity{directory.CapacityOpen}},
			[]string{"s01", "s03", "s06", "s07", "s09", "s10", "s12"}},
		{"waiting list or full", directory.Query{Accepting: []directory.Capacity{directory.CapacityWaitingList, directory.CapacityFull}},
			[]string{"s02", "s08"}},

		{"every filter at once", directory.Query{
			Kinds: []string{"walking", "arts"}, Near: &ftsCentre, RadiusKm: 5, Sort: directory.ByName,
			Day: day(time.Tuesday), At: at("10:45"), Free: true, Age: ptr(30),
			Access: []string{"wheelchair"}, Languages: []string{"en"},
			Accepting: []directory.Capacity{directory.CapacityOpen},
		}, []string{"s01"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := tt.q
			q.Limit = 100
			ids, total := mustSearchFTS(t, f, q)
			if !slices.Equal(ids, tt.want) || total != len(tt.want) {
				t.Errorf("Search() = %v, total %d; want %v, total %d", ids, total, tt.want, len(tt.want))
			}
		})
	}
}

func TestFTSOrder(t *testing.T) {
	f := mustFTSDirectory(t)
	tests := []struct {
		name string
		q    directory.Query
		want []string
	}{
		{"nearest first within the radius", directory.Query{Near: &ftsCentre, RadiusKm: 5},
			[]string{"s12", "s01", "s09", "s08", "s02", "s06"}},
		{"nearest first, places of a service's second venue count", directory.Query{Near: ftsNorth(4.9), RadiusKm: 1},
			[]string{"s06", "s07"}},
		{"nearest first without a radius, then the placeless by name", directory.Query{Near: &ftsCentre},
			[]string{"s12", "s01", "s09", "s08", "s02", "s06", "s07", "s03", "s10"}},
		{"by name when asked, despite a place", directory.Query{Near: &ftsCentre, Sort: directory.ByName}, ftsActive},
		{"by name without a place", directory.Query{Sort: directory.ByDistance}, ftsActive},
		{"words by relevance, name over kind", directory.Query{Text: "art"}, []string{"s02", "s07", "s08"}},
		{"words by distance when asked", directory.Query{Text: "art", Near: &ftsCentre, Sort: directory.ByDistance},
			[]string{"s08", "s02", "s07"}},
		{"words by name when asked", directory.Query{Text: "art", Sort: directory.ByName}, []string{"s02", "s07", "s08"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ids, _ := mustSearchFTS(t, f, tt.q)
			if !slices.Equal(ids, tt.want) {
				t.Errorf("Search() = %v, want %v", ids, tt.want)
			}
		})
	}
}

func TestFTSText(t *testing.T) {
	f := mustFTSDirectory(t)
	tests := []struct {
		name string
		q    directory.Query
		want []string // as a set
	}{
		{"a word in a name", directory.Query{Text: "walking"}, []string{"s01"}},
		{"stemmed", directory.Query{Text: "walks"}, []string{"s01"}},
		{"any case", directory.Query{Text: "GARDEN"}, []string{"s09"}},
		{"a word in a description", directory.Query{Text: "vegetables"}, []string{"s09"}},
		{"a word in a kind's name", directory.Query{Text: "creativity"}, []string{"s02", "s07", "s08"}},
		{"a word in an organisation's name", directory.Query{Text: "mind"}, []string{"s03"}},
		{"any of the words", directory.Query{Text: "choir yoga"}, []string{"s08", "s12"}},
		{"stop words are dropped", directory.Query{Text: "the choir and the"}, []string{"s08"}},
		{"only stop words match nothing", directory.Query{Text: "the and of"}, nil},
		{"one letter matches nothing", directory.Query{Text: "a"}, nil},
		{"query syntax is read as words", directory.Query{Text: `"choir" OR yoga* NEAR(x) -`}, []string{"s08", "s12"}},
		{"unlisted services are not stored", directory.Query{Text: "debt advice group", IncludeTemporarilyClosed: true}, []string{"s01"}},
		{"temporarily closed on request", directory.Query{Text: "lunch", IncludeTemporarilyClosed: true}, []string{"s04"}},
		{"temporarily closed hidden by default", directory.Query{Text: "lunch"}, nil},
		{"words and filters", directory.Query{Text: "art", Accepting: []directory.Capacity{directory.CapacityFull}}, []string{"s08"}},
		{"words within a radius", directory.Query{Text: "art", Near: &ftsCentre, RadiusKm: 5}, []string{"s02", "s08"}},
		{"words and a day", directory.Query{Text: "art", Day: ptr(time.Friday)}, []string{"s07"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ids, total := mustSearchFTS(t, f, tt.q)
			slices.Sort(ids)
			if !slices.Equal(ids, tt.want) || total != len(tt.want) {
				t.Errorf("Search(%q) = %v, total %d; want %v, total %d", tt.q.Text, ids, total, tt.want, len(tt.want))
			}
		})
	}
}

func TestFTSPaging(t *testing.T) {
	f := mustFTSDirectory(t)
	for _, q := range []directory.Query{
		{},
		{Near: &ftsCentre},
		{Near: &ftsCentre, RadiusKm: 5},
		{Text: "art walking choir yoga garden"},
	} {
		all, total := mustSearchFTS(t, f, q)
		if total != len(all) {
			t.Fatalf("Search(%+v) total = %d, want %d", q, total, len(all))
		}
		var paged []string
		for off := 0; off < total+2; off += 2 {
			qq := q
			qq.Offset, qq.Limit = off, 2
			ids, n := mustSearchFTS(t, f, qq)
			if n != total {
				t.Errorf("Search(%+v) total = %d, want %d", qq, n, total)
			}
			if want := min(2, max(total-off, 0)); len(ids) != want {
				t.Errorf("Search(%+v) = %v, want %d hits", qq, ids, want)
			}
			paged = append(paged, ids...)
		}
		if !slices.Equal(paged, all) {
			t.Errorf("pages of %+v = %v, want %v", q, paged, all)
		}
	}
	q := directory.Query{Limit: 0}
	if ids, total := mustSearchFTS(t, f, q); len(ids) != len(ftsActive) || total != len(ftsActive) {
		t.Errorf("Limit 0: %d hits of %d, want all %d", len(ids), total, len(ftsActive))
	}
}

// TestFTSLimitDefault checks that Limit 0 pages by 20.
func TestFTSLimitDefault(t *testing.T) {
	f := mustOpenFTS(t)
	var list []*directory.Service
	for i := range 45 {
		list = append(list, &directory.Service{ID: fmt.Sprintf("x%02d", i), Name: fmt.Sprintf("Group %02d", i), Status: directory.StatusActive})
	}
	mustAddFTS(t, f, list...)
	ids, total := mustSearchFTS(t, f, directory.Query{Offset: 40})
	if total != 45 || !slices.Equal(ids, []string{"x40", "x41", "x42", "x43", "x44"}) {
		t.Errorf("Search(offset 40) = %v, total %d", ids, total)
	}
	if ids, _ := mustSearchFTS(t, f, directory.Query{}); len(ids) != 20 {
		t.Errorf("Search() gave %d hits, want 20", len(ids))
	}
}

// TestFTSRadiusMatchesHaversine checks the radius filter against the
// great-circle distance on random places, including services with
// several.
func TestFTSRadiusMatchesHaversine(t *testing.T) {
	f := mustOpenFTS(t)
	r := rand.New(rand.NewPCG(1, 2))
	randomPoint := func() orb.Point {
		return orb.Point{ftsCentre.Lon() + (r.Float64()-0.5)*0.6, ftsCentre.Lat() + (r.Float64()-0.5)*0.4}
	}
	places := map[string][]orb.Point{}
	var list []*directory.Service
	for i := range 600 {
		s := &directory.Service{ID: fmt.Sprintf("r%03d", i), Name: "Group", Status: directory.StatusActive}
		for range r.IntN(4) { // none to three venues
			p := randomPoint()
			places[s.ID] = append(places[s.ID], p)
			s.Locations = append(s.Locations, ftsVenue(&p))
		}
		list = append(list, s)
	}
	mustAddFTS(t, f, list...)
	for range 20 {
		from, km := randomPoint(), 0.5+r.Float64()*8
		var want []string
		for id, ps := range places {
			if slices.ContainsFunc(ps, func(p orb.Point) bool { return ftsHaversineKm(from, p) <= km }) {
				want = append(want, id)
			}
		}
		slices.Sort(want)
		ids, total := mustSearchFTS(t, f, directory.Query{Near: &from, RadiusKm: km, Limit: 1000})
		// Nearest first, by the nearest of each service's places.
		nearest := func(id string) float64 {
			d := math.Inf(1)
			for _, p := range places[id] {
				d = min(d, ftsHaversineKm(from, p))
			}
			return d
		}
		if !slices.IsSortedFunc(ids, func(a, b string) int { return cmp.Compare(nearest(a), nearest(b)) }) {
			t.Errorf("within %.3f km of %v: not nearest first: %v", km, from, ids)
		}
		slices.Sort(ids)
		if !slices.Equal(ids, want) || total != len(want) {
			t.Errorf("within %.3f km of %v: got %d (total %d), want %d: %v vs %v", km, from, len(ids), total, len(want), ids, want)
		}
	}
}

// TestFTSRadiusEdge puts the radius a tenth of a millimetre either side
// of places, closer than the R*Tree's fixed point can tell apart, so the
// exact test decides.
func TestFTSRadiusEdge(t *testing.T) {
	f := mustOpenFTS(t)
	r := rand.New(rand.NewPCG(3, 4))
	var places []orb.Point
	var list []*directory.Service
	for i := range 50 {
		p := orb.Point{ftsCentre.Lon() + (r.Float64()-0.5)*0.4, ftsCentre.Lat() + (r.Float64()-0.5)*0.3}
		places = append(places, p)
		list = append(list, &directory.Service{ID: fmt.Sprintf("e%02d", i), Name: "Group", Status: directory.StatusActive,
			Locations: []directory.ServiceAtLocation{ftsVenue(&p)}})
	}
	mustAddFTS(t, f, list...)
	for i, p := range places {
		d := ftsHaversineKm(ftsCentre, p)
		id := fmt.Sprintf("e%02d", i)
		for _, tt := range []struct {
			km   float64
			want bool
		}{{d + 1e-7, true}, {d - 1e-7, false}} {
			ids, _ := mustSearchFTS(t, f, directory.Query{Near: &ftsCentre, RadiusKm: tt.km, Limit: 100})
			if got := slices.Contains(ids, id); got != tt.want {
				t.Errorf("%s at %.7f km, within %.7f km: found = %v, want %v", id, d, tt.km, got, tt.want)
			}
		}
	}
}

func TestFTSFacets(t *testing.T) {
	f := mustFTSDirectory(t)
	counts := func(fcs []directory.FacetCount) map[string]int {
		m := map[string]int{}
		for _, fc := range fcs {
			m[fc.Value] = fc.Count
		}
		return m
	}
	got, err := f.Facets(context.Background(), directory.Query{})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]map[string]int{
		"category":  {"arts": 3, "befriending": 2, "crafts": 1, "gardening": 1, "movement": 1, "walking": 1},
		"cost":      {"free": 3, "paid": 1, "unknown": 5},
		"attending": {"in_person": 7, "online": 2, "phone": 1},
	} {
		if c := counts(got[name]); !maps.Equal(c, want) {
			t.Errorf("Facets()[%q] = %v, want %v", name, c, want)
		}
	}
	if _, ok := got["distance"]; ok {
		t.Errorf("Facets() without a place has a distance facet: %v", got["distance"])
	}

	// Within 5 km the kind facet counts by each service's kinds.
	got, err = f.Facets(context.Background(), directory.Query{Near: &ftsCentre, RadiusKm: 5})
	if err != nil {
		t.Fatal(err)
	}
	if c, want := counts(got["category"]), map[string]int{"arts": 2, "crafts": 1, "gardening": 1, "movement": 1, "walking": 1}; !maps.Equal(c, want) {
		t.Errorf("Facets(within 5 km)[category] = %v, want %v", c, want)
	}
	if d := got["distance"]; len(d) != 3 || d[2] != (directory.FacetCount{Value: "5", Count: 6}) {
		t.Errorf("Facets(within 5 km)[distance] = %v, want buckets 1, 2 and 5 with 6 in the last", d)
	}
}
