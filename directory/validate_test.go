package directory

import (
	"errors"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

func TestValidate(t *testing.T) {
	age := func(n int) *int { return &n }
	ok := func() *Service { return &Service{ID: "s1", Name: "Walk", Status: StatusActive} }
	tests := []struct {
		name   string
		change func(*Service)
		field  string // "" means valid
	}{
		{"valid", func(*Service) {}, ""},
		{"no id", func(s *Service) { s.ID = " " }, "id"},
		{"id too long", func(s *Service) { s.ID = strings.Repeat("x", 201) }, "id"},
		{"no name", func(s *Service) { s.Name = "" }, "name"},
		{"no status", func(s *Service) { s.Status = "" }, "status"},
		{"bad status", func(s *Service) { s.Status = "open" }, "status"},
		{"negative age", func(s *Service) { s.MinimumAge = age(-1) }, "minimum_age"},
		{"ages reversed", func(s *Service) { s.MinimumAge, s.MaximumAge = age(60), age(18) }, "maximum_age"},
		{"bad route", func(s *Service) { s.ReferralRoutes = []ReferralRoute{"carrier pigeon"} }, "sp_referral_routes[0]"},
		{"bad capacity", func(s *Service) { s.Accepting = "maybe" }, "sp_accepting_referrals"},
		{"organisation without name", func(s *Service) { s.Organization = &Organization{ID: "o"} }, "organization.name"},
		{"location without type", func(s *Service) {
			s.Locations = []ServiceAtLocation{{ID: "a", Location: Location{ID: "l"}}}
		}, "service_at_locations[0].location.location_type"},
		{"impossible latitude", func(s *Service) {
			s.Locations = []ServiceAtLocation{{ID: "a", Location: Location{ID: "l", Type: Physical, Point: &orb.Point{0, 95}}}}
		}, "service_at_locations[0].location.latitude"},
		{"bad opening time", func(s *Service) { s.Schedules = []Schedule{{ID: "x", ByDay: "MO", Opens: "25:00"}} }, "schedules[0].opens_at"},
		{"bad day", func(s *Service) { s.Schedules = []Schedule{{ID: "x", ByDay: "Funday"}} }, "schedules[0].byday"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := ok()
			tt.change(s)
			err := s.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			var v ValidationError
			if !errors.As(err, &v) || KindOf(err) != Invalid {
				t.Fatalf("Validate() = %v, want an Invalid ValidationError", err)
			}
			if v[0].Field != tt.field {
				t.Errorf("first bad field = %q (%s), want %q", v[0].Field, v[0].Msg, tt.field)
			}
		})
	}
}

func TestServiceFeatures(t *testing.T) {
	pt := orb.Point{-1.5, 53.8}
	s := &Service{Locations: []ServiceAtLocation{{Location: Location{Type: Physical, Point: &pt, Accessibility: []Accessibility{
		{Description: "Wheelchair accessible, with a hearing loop"}, {Description: "No accessible toilet, sorry"},
	}}}, {Location: Location{Type: Virtual}}}}
	got := strings.Join(s.AccessFeatures(), ",")
	if got != "wheelchair,step_free,hearing_loop" {
		t.Errorf("AccessFeatures() = %s", got)
	}
	if a := strings.Join(s.Attending(), ","); a != "in_person,online" {
		t.Errorf("Attending() = %s", a)
	}
	zero, three := 0.0, 3.0
	for _, tt := range []struct {
		s    Service
		want string
	}{
		{Service{CostOptions: []CostOption{{Amount: &zero}}}, "free"},
		{Service{CostOptions: []CostOption{{Amount: &zero}, {Amount: &three}}}, "paid"},
		{Service{Fees: "Free of charge"}, "free"},
		{Service{Fees: "£2 a session"}, "paid"},
		{Service{}, "unknown"},
	} {
		if got := tt.s.CostBand(); got != tt.want {
			t.Errorf("CostBand(%+v) = %s, want %s", tt.s, got, tt.want)
		}
	}
}

func TestParseAccess(t *testing.T) {
	for in, want := range map[string]string{"wheelchair": "wheelchair", " Step-Free ": "step_free", "Hearing loop": "hearing_loop", "toilet": "accessible_toilet", "BSL": "bsl"} {
		if got, ok := ParseAccess(in); !ok || got != want {
			t.Errorf("ParseAccess(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if _, ok := ParseAccess("jetpack"); ok {
		t.Error("ParseAccess accepted jetpack")
	}
	if AccessLabel("step_free") != "step-free access" {
		t.Errorf("AccessLabel(step_free) = %q", AccessLabel("step_free"))
	}
}
