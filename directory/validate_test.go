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
			s.Locations = []ServiceAtLocation{{ID: "a", Location: Location{ID: "l", Name: "Hall"}}}
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

func TestIdentifierLabel(t *testing.T) {
	tests := []struct {
		id   Identifier
		want string
	}{
		{Identifier{Scheme: "GB-CHC", Type: "Charity number", Value: "1124379"}, "Registered charity 1124379"},
		{Identifier{Scheme: "gb-coh", Value: "01234567"}, "Company number 01234567"},
		{Identifier{Scheme: "XX-OTHER", Type: "Tax id", Value: "9"}, "Tax id 9"},
		{Identifier{Scheme: "XX-OTHER", Value: "9"}, "XX-OTHER 9"},
		{Identifier{Value: "9"}, "9"},
	}
	for _, tt := range tests {
		if got := tt.id.Label(); got != tt.want {
			t.Errorf("%+v.Label() = %q, want %q", tt.id, got, tt.want)
		}
	}
}

// A location named by id alone is a reference to a stored one; anything
// more and it must be a whole location, with a type.
func TestLocationReference(t *testing.T) {
	ref := Location{ID: "hall"}
	if !ref.IsReference() {
		t.Error("Location{ID} is not a reference")
	}
	s := Service{ID: "s", Name: "Lunch", Status: StatusActive, Locations: []ServiceAtLocation{{ID: "sal", Location: ref}}}
	if err := s.Validate(); err != nil {
		t.Errorf("service naming a location by id: %v", err)
	}
	named := Location{ID: "hall", Name: "Hall"}
	if named.IsReference() {
		t.Error("a location with a name is taken for a reference")
	}
	if err := named.Validate(); err == nil || !strings.Contains(err.Error(), `"location_type"`) {
		t.Errorf("Validate() of a location without type = %v, want location_type named", err)
	}
	if err := ref.Validate(); err == nil {
		t.Error("Validate() of a bare id as a location listed on its own succeeded")
	}
	bad := Location{ID: "hall", Type: Physical, Schedules: []Schedule{{ByDay: "someday"}}}
	if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), `"schedules[0].byday"`) {
		t.Errorf("Validate() of a bad venue schedule = %v, want schedules[0].byday named", err)
	}
}

func TestTermAndOrganizationValidate(t *testing.T) {
	if err := (&Term{ID: "t", Name: "Food", Code: "BD"}).Validate(); err != nil {
		t.Errorf("good term: %v", err)
	}
	if err := (&Term{ID: "t"}).Validate(); err == nil || !strings.Contains(err.Error(), `"name"`) {
		t.Errorf("term without a name: %v", err)
	}
	if err := (&Organization{ID: "o"}).Validate(); err == nil || !strings.Contains(err.Error(), `"organization.name"`) {
		t.Errorf("organisation without a name: %v", err)
	}
}
