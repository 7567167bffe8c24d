package matcher

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/paulmach/orb"
)

func ptr[T any](v T) *T { return &v }

var testConfig = &Config{
	Weights:              map[string]float64{CText: 1, CKind: 1, CDistance: 1, CSchedule: 1, CAccess: 1, CLanguage: 1, CCost: 1, CCapacity: 1, CRecency: 1, CUptake: 1},
	DistanceScaleKm:      map[Travel]float64{Walk: 2, Bus: 5, Car: 10, "": 4},
	RemoteDistanceScore:  0.35,
	UptakePriorReferrals: 5,
	Candidates:           100,
}

func init() {
	testConfig.Diversity.Lambda, testConfig.Diversity.SameKind, testConfig.Diversity.SameOrganization = 0.75, 0.6, 0.4
}

// venue returns a service held at one place with the given access text
// and a weekly session.
func venue(id string, pt orb.Point, access, byday, opens, closes string) *directory.Service {
	return &directory.Service{
		ID: id, Name: id, Status: directory.StatusActive,
		Locations: []directory.ServiceAtLocation{{
			ID: id + "-at",
			Location: directory.Location{ID: id + "-loc", Type: directory.Physical, Point: &pt,
				Accessibility: []directory.Accessibility{{ID: "a", Description: access}}},
			Schedules: []directory.Schedule{{ID: "s", Freq: directory.Weekly, ByDay: byday, Opens: opens, Closes: closes}},
		}},
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-3 }

func TestScoreDistance(t *testing.T) {
	home := orb.Point{-1.55, 53.80}
	tests := []struct {
		name   string
		travel Travel
		loc    *orb.Point
		d      float64
		want   float64
	}{
		{"no location given: distance does not count", Walk, nil, 3, 1},
		{"on the doorstep", Walk, &home, 0, 1},
		{"walk at the scale distance", Walk, &home, 2, 0.5},
		{"walk at twice the scale", Walk, &home, 4, 0.2},
		{"the same distance by bus is easier", Bus, &home, 4, 1 / (1 + 0.64)},
		{"by car easier still", Car, &home, 4, 1 / (1 + 0.16)},
		{"online or phone", Walk, &home, -1, 0.35},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := testConfig.scoreDistance(&Profile{Travel: tt.travel, Location: tt.loc}, tt.d)
			if !near(got, tt.want) {
				t.Errorf("scoreDistance(%v km) = %.3f, want %.3f", tt.d, got, tt.want)
			}
		})
	}
}

func TestScoreSchedule(t *testing.T) {
	pt := orb.Point{-1.55, 53.80}
	tueMorning := venue("tue", pt, "", "TU", "10:00", "12:00")
	monthly := venue("monthly", pt, "", "1TH", "18:00", "20:00")
	monthly.Locations[0].Schedules[0].Freq = directory.Monthly
	untimed := &directory.Service{ID: "untimed", Status: directory.StatusActive}
	free := func(day time.Weekday, from, to int) []Window {
		return []Window{{Day: day, From: directory.Clock(from * 60), To: directory.Clock(to * 60)}}
	}
	tests := []struct {
		name  string
		avail []Window
		s     *directory.Service
		want  float64
	}{
		{"free any time", nil, tueMorning, 1},
		{"free then", free(time.Tuesday, 9, 11), tueMorning, 1},
		{"free only after it ends", free(time.Tuesday, 12, 14), tueMorning, 0},
		{"free on another day", free(time.Wednesday, 9, 17), tueMorning, 0},
		{"monthly on a Thursday evening", free(time.Thursday, 17, 21), monthly, 1},
		{"no times listed", free(time.Tuesday, 9, 17), untimed, 0.4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, _ := scoreSchedule(&Profile{Available: tt.avail}, tt.s)
			if got != tt.want {
				t.Errorf("scoreSchedule = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestScoreAccess(t *testing.T) {
	pt := orb.Point{-1.55, 53.80}
	tests := []struct {
		name  string
		needs []string
		s     *directory.Service
		want  float64
		warn  string
	}{
		{"no needs", nil, venue("v", pt, "No lift; up one flight of stairs", "TU", "10:00", "11:00"), 1, ""},
		{"stated", []string{"wheelchair"}, venue("v", pt, "Wheelchair accessible building", "TU", "10:00", "11:00"), 1, ""},
		{"ruled out by stairs", []string{"wheelchair"}, venue("v", pt, "No lift; the room is up one flight of stairs", "TU", "10:00", "11:00"), 0, "no wheelchair"},
		{"not stated", []string{"hearing_loop"}, venue("v", pt, "Step-free access", "TU", "10:00", "11:00"), 0.5, "not stated"},
		{"two needs, one met", []string{"step_free", "hearing_loop"}, venue("v", pt, "Step-free access", "TU", "10:00", "11:00"), 0.75, "hearing loop not stated"},
		{"a phone line needs no access", []string{"wheelchair"}, &directory.Service{ID: "p", Phones: []directory.Phone{{Number: "0113"}}}, 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, warnings := scoreAccess(&Profile{AccessNeeds: tt.needs}, tt.s)
			if !near(got, tt.want) {
				t.Errorf("scoreAccess = %v, want %v", got, tt.want)
			}
			if tt.warn != "" && !strings.Contains(strings.Join(warnings, "; "), tt.warn) {
				t.Errorf("warnings %v lack %q", warnings, tt.warn)
			}
		})
	}
}

func TestScoreLanguageCostCapacityRecency(t *testing.T) {
	pa := &directory.Service{Languages: []directory.Language{{Code: "en"}, {Code: "pa", Name: "Punjabi"}}}
	if got, name := scoreLanguage(&Profile{Languages: []string{"pa"}}, pa); got != 1 || name != "Punjabi" {
		t.Errorf("Punjabi offered: %v %q", got, name)
	}
	if got, _ := scoreLanguage(&Profile{Languages: []string{"punjabi"}}, pa); got != 1 {
		t.Errorf("language by name: %v", got)
	}
	if got, _ := scoreLanguage(&Profile{Languages: []string{"pl"}}, pa); got != 0.3 {
		t.Errorf("language not offered: %v", got)
	}
	free := &directory.Service{CostOptions: []directory.CostOption{{Amount: ptr(0.0)}}}
	paid := &directory.Service{CostOptions: []directory.CostOption{{Amount: ptr(3.0)}}}
	if scoreCost(free) != 1 || scoreCost(paid) != 0.5 || scoreCost(&directory.Service{}) != 0.7 {
		t.Errorf("cost: free %v paid %v unknown %v", scoreCost(free), scoreCost(paid), scoreCost(&directory.Service{}))
	}
	if scoreCapacity(&directory.Service{Accepting: directory.CapacityWaitingList}) >= scoreCapacity(&directory.Service{}) {
		t.Error("a waiting list scores no lower than an open service")
	}
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		verified time.Time
		want     float64
		months   int
	}{
		{time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), 1, 1},
		{time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), 0.7, 8},
		{time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC), 0.3, 14},
		{time.Time{}, 0.4, -1},
	} {
		got, m := scoreRecency(&directory.Service{LastVerified: tt.verified}, now)
		if got != tt.want || m != tt.months {
			t.Errorf("recency(%v) = %v, %d months; want %v, %d", tt.verified, got, m, tt.want, tt.months)
		}
	}
}

func TestScoreUptakeShrinks(t *testing.T) {
	avg := 0.5
	one := testConfig.scoreUptake(Uptake{Referred: 1, Accepted: 1, Attended: 1}, avg)
	many := testConfig.scoreUptake(Uptake{Referred: 40, Accepted: 40, Attended: 40}, avg)
	none := testConfig.scoreUptake(Uptake{}, avg)
	if none != avg {
		t.Errorf("no referrals = %v, want the average %v", none, avg)
	}
	if !(avg < one && one < many && many < 1) {
		t.Errorf("one good referral %v should sit between the average %v and a long good record %v", one, avg, many)
	}
	bad := testConfig.scoreUptake(Uptake{Referred: 20}, avg)
	if bad >= avg {
		t.Errorf("twenty referrals never accepted = %v, want below the average", bad)
	}
}

// TestViolation checks each hard constraint on its own.
func TestViolation(t *testing.T) {
	home := orb.Point{-1.55, 53.80}
	near := orb.Point{-1.55, 53.81} // about 1.1 km
	far := orb.Point{-1.30, 53.80}  // about 16 km
	base := func() *directory.Service { return venue("v", near, "", "TU", "10:00", "11:00") }
	phone := &directory.Service{ID: "p", Status: directory.StatusActive, Phones: []directory.Phone{{Number: "0808"}}}
	tests := []struct {
		name string
		p    Profile
		s    func() *directory.Service
		d    float64
		want string
	}{
		{"fits", Profile{Location: &home, MaxDistanceKm: 3}, base, 1.1, ""},
		{"temporarily closed", Profile{}, func() *directory.Service { s := base(); s.Status = directory.StatusTemporarilyClosed; return s }, 1.1, "not running"},
		{"full", Profile{}, func() *directory.Service { s := base(); s.Accepting = directory.CapacityFull; return s }, 1.1, "full"},
		{"waiting list is allowed", Profile{}, func() *directory.Service { s := base(); s.Accepting = directory.CapacityWaitingList; return s }, 1.1, ""},
		{"too young", Profile{Age: ptr(15)}, func() *directory.Service { s := base(); s.MinimumAge = ptr(18); return s }, 1.1, "too young"},
		{"too old", Profile{Age: ptr(30)}, func() *directory.Service { s := base(); s.MaximumAge = ptr(25); return s }, 1.1, "too old"},
		{"not free", Profile{FreeOnly: true}, func() *directory.Service {
			s := base()
			s.CostOptions = []directory.CostOption{{Amount: ptr(2.0)}}
			return s
		}, 1.1, "not free"},
		{"too far", Profile{Location: &home, MaxDistanceKm: 3}, func() *directory.Service { return venue("v", far, "", "TU", "10:00", "11:00") }, 16, "too far"},
		{"default walking distance", Profile{Location: &home, Travel: Walk}, func() *directory.Service { return venue("v", far, "", "TU", "10:00", "11:00") }, 16, "too far"},
		{"phone when in person wanted", Profile{Location: &home}, func() *directory.Service { return phone }, -1, "online or by phone"},
		{"phone when online is fine", Profile{Location: &home, OnlineOK: true}, func() *directory.Service { return phone }, -1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Violation(&tt.p, tt.s(), tt.d); got != tt.want {
				t.Errorf("Violation() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDiversify(t *testing.T) {
	m := &Matcher{cfg: testConfig}
	mk := func(id, kind, org string, score float64, groups ...int) *candidate {
		return &candidate{s: &directory.Service{ID: id, Kinds: []directory.ServiceKind{{ID: kind}}, Organization: &directory.Organization{ID: org}}, score: score, concepts: groups}
	}
	// Five lunch clubs outscore the one debt service the person also
	// asked for.
	cands := []*candidate{
		mk("lunch1", "lunch-clubs", "a", 0.95, 0), mk("lunch2", "lunch-clubs", "b", 0.94, 0), mk("lunch3", "lunch-clubs", "c", 0.93, 0),
		mk("lunch4", "lunch-clubs", "d", 0.92, 0), mk("lunch5", "lunch-clubs", "e", 0.91, 0), mk("debt", "debt-advice", "f", 0.60, 1),
	}
	groups := []group{{label: "lonely", kinds: []string{"lunch-clubs"}}, {label: "bailiffs", kinds: []string{"debt-advice"}}}
	got := m.diversify(cands, groups, 3)
	ids := []string{}
	for _, c := range got {
		ids = append(ids, c.s.ID)
	}
	if len(ids) != 3 || ids[0] != "lunch1" {
		t.Fatalf("diversify = %v", ids)
	}
	if !strings.Contains(strings.Join(ids, " "), "debt") {
		t.Errorf("diversify = %v: the debt advice the person asked for is crowded out", ids)
	}
	// With one kind only, the same organisation is spread out too.
	same := []*candidate{mk("a1", "walking-groups", "a", 0.9, 0), mk("a2", "walking-groups", "a", 0.89, 0), mk("b1", "walking-groups", "b", 0.85, 0)}
	got = m.diversify(same, groups[:1], 2)
	if got[1].s.ID != "b1" {
		t.Errorf("second pick = %s, want b1 from another organisation", got[1].s.ID)
	}
}

func TestTravelTime(t *testing.T) {
	for _, tt := range []struct {
		d    float64
		t    Travel
		want string
	}{
		{1.2, Walk, "about 15 minutes' walk"},
		{0.3, Walk, "about 4 minutes' walk"},
		{6, Bus, "about 35 minutes by bus"},
		{12, Car, "about 25 minutes by car"},
	} {
		if got := travelTime(tt.d, tt.t); got != tt.want {
			t.Errorf("travelTime(%v, %s) = %q, want %q", tt.d, tt.t, got, tt.want)
		}
	}
}

func TestScoreReading(t *testing.T) {
	m := New(nil, nil, testConfig)
	m.cfg.AtHomeRemoteDistanceScore, m.cfg.RefusedFactor = 1, 0.5
	home := orb.Point{-1.55, 53.8}
	p := &Profile{Priorities: "x", Location: &home, Travel: Walk}
	online := &directory.Service{ID: "zoom", Name: "Zoom Quiz", Status: directory.StatusActive,
		Locations: []directory.ServiceAtLocation{{ID: "v", Location: directory.Location{ID: "v", Type: directory.Virtual}}}}
	coffee := venue("Friday Coffee Morning", home, "", "FR", "10:00", "12:00")
	tests := []struct {
		name     string
		s        *directory.Service
		r        reading
		distance float64 // the distance component wanted
		factor   float64 // the score wanted, as a share of the plain reading's
		warning  string
	}{
		{"online, plain", online, reading{}, 0.35, 1, ""},
		{"online, housebound", online, reading{atHome: true}, 1, 1, ""},
		{"near, housebound", coffee, reading{atHome: true}, 1, 1, ""},
		{"coffee morning refused", coffee, reading{refused: []string{"coffee mornings"}}, 1, 0.5, "not keen on ‘coffee mornings’"},
		{"other refusal", coffee, reading{refused: []string{"choirs"}}, 1, 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := -1.0
			if tt.s == coffee {
				d = 0
			}
			plain := &candidate{s: tt.s, distanceKm: d}
			m.score(plain, p, &reading{}, Uptake{}, 0.5, time.Now())
			c := &candidate{s: tt.s, distanceKm: d}
			m.score(c, p, &tt.r, Uptake{}, 0.5, time.Now())
			if c.comp[CDistance] != tt.distance {
				t.Errorf("distance component = %v, want %v", c.comp[CDistance], tt.distance)
			}
			if tt.r.atHome {
				return // the distance component changes the total too
			}
			if got := c.score / plain.score; math.Abs(got-tt.factor) > 1e-9 {
				t.Errorf("score = %.3f × the plain score, want × %v", got, tt.factor)
			}
			w := strings.Join(c.warnings, "; ")
			if tt.warning == "" && strings.Contains(w, "not keen") || tt.warning != "" && !strings.Contains(w, tt.warning) {
				t.Errorf("warnings %q, want %q", w, tt.warning)
			}
		})
	}
}

func TestAnsweredSkipsOnlyWellCoveredAsks(t *testing.T) {
	found := map[string]*directory.Service{}
	for i := range enoughOfKind - 1 {
		id := fmt.Sprint("walk", i)
		found[id] = &directory.Service{ID: id, Kinds: []directory.ServiceKind{{ID: "walking-groups"}}}
	}
	found["debt"] = &directory.Service{ID: "debt", Kinds: []directory.ServiceKind{{ID: "debt-advice"}, {ID: "walking-groups"}}}
	if !answered(found, []string{"walking-groups"}) {
		t.Errorf("%d walking groups found, yet the kind would be searched again", enoughOfKind)
	}
	if answered(found, []string{"debt-advice", "benefits-advice"}) {
		t.Error("one debt advice service counts as enough")
	}
	delete(found, "debt")
	if answered(found, []string{"walking-groups"}) {
		t.Errorf("%d walking groups count as enough", enoughOfKind-1)
	}
}
