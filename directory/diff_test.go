package directory_test

import (
	"reflect"
	"testing"

	"github.com/linkway/linkway/directory"
)

func intp(n int) *int { return &n }

func floatp(f float64) *float64 { return &f }

// walk is a typical listing: one place, one weekly session.
func walk() *directory.Service {
	return &directory.Service{
		ID: "walk-1", Name: "Health walk", Description: "A gentle walk.", Status: directory.StatusActive,
		MinimumAge:     intp(18),
		ReferralRoutes: []directory.ReferralRoute{directory.DropIn},
		CostOptions:    []directory.CostOption{{ID: "c1", Amount: floatp(0)}},
		Phones:         []directory.Phone{{ID: "p1", Number: "0113 496 0001"}},
		Languages:      []directory.Language{{ID: "l1", Name: "English", Code: "en"}},
		Locations: []directory.ServiceAtLocation{{ID: "sal-1", Location: directory.Location{
			ID: "loc-1", Type: directory.Physical, Name: "Park gates",
			Addresses:     []directory.Address{{Address1: "Green Road", City: "Leeds", PostalCode: "LS6 4LD"}},
			Accessibility: []directory.Accessibility{{Description: "Step-free access"}},
		}, Schedules: []directory.Schedule{{ID: "s1", Freq: directory.Weekly, ByDay: "TU", Opens: "10:00", Closes: "11:00"}}}},
	}
}

func TestDiff(t *testing.T) {
	tests := []struct {
		name   string
		change func(s *directory.Service)
		want   []directory.FieldChange
	}{
		{"nothing", func(*directory.Service) {}, nil},
		{"bookkeeping is not a change", func(s *directory.Service) {
			s.VerifiedBy = "someone@example.org"
			s.Locations[0].Location.ID = "loc-1-copy" // a venue copied for this listing
		}, nil},
		{"name", func(s *directory.Service) { s.Name = "Park walk" },
			[]directory.FieldChange{{"Name", "Health walk", "Park walk"}}},
		{"description and who for", func(s *directory.Service) { s.Description = "A brisk walk."; s.Eligibility = "Carers" },
			[]directory.FieldChange{{"Description", "A gentle walk.", "A brisk walk."}, {"Who it is for", "", "Carers"}}},
		{"ages", func(s *directory.Service) { s.MaximumAge = intp(65) },
			[]directory.FieldChange{{"Ages", "18 and over", "18 to 65"}}},
		{"no ages", func(s *directory.Service) { s.MinimumAge = nil },
			[]directory.FieldChange{{"Ages", "18 and over", "any age"}}},
		{"session time", func(s *directory.Service) {
			s.Locations[0].Schedules[0].Opens, s.Locations[0].Schedules[0].Closes = "10:30", "11:30"
		},
			[]directory.FieldChange{{"Sessions", "Tuesdays 10:00–11:00", "Tuesdays 10:30–11:30"}}},
		{"monthly session added", func(s *directory.Service) {
			s.Schedules = append(s.Schedules, directory.Schedule{Freq: directory.Monthly, ByDay: "1TH", Opens: "18:30", Closes: "20:00"})
		}, []directory.FieldChange{{"Sessions", "", "first Thursday of the month 18:30–20:00"}}},
		{"session moved to the listing", func(s *directory.Service) {
			s.Schedules, s.Locations[0].Schedules = s.Locations[0].Schedules, nil
		}, nil},
		{"place", func(s *directory.Service) {
			l := &s.Locations[0].Location
			l.Name, l.Addresses[0].Address1, l.Addresses[0].PostalCode = "Church hall", "1 Church Lane", "LS6 1AA"
			l.Accessibility = append(l.Accessibility, directory.Accessibility{Description: "hearing loop"})
		}, []directory.FieldChange{
			{"Place name", "Park gates", "Church hall"},
			{"Place address", "Green Road, Leeds", "1 Church Lane, Leeds"},
			{"Place postcode", "LS6 4LD", "LS6 1AA"},
			{"Place access", "Step-free access", "Step-free access; hearing loop"},
		}},
		{"second place", func(s *directory.Service) {
			s.Locations = append(s.Locations, directory.ServiceAtLocation{Location: directory.Location{Type: directory.Physical, Name: "Library",
				Addresses: []directory.Address{{PostalCode: "LS1 1BA"}}}})
		}, []directory.FieldChange{{"Place 2", "", "Library, LS1 1BA"}}},
		{"place removed", func(s *directory.Service) { s.Locations = nil },
			[]directory.FieldChange{{"Sessions", "Tuesdays 10:00–11:00", ""}, {"Place", "Park gates, Green Road, Leeds, LS6 4LD, Step-free access", ""}}},
		{"cost", func(s *directory.Service) { s.CostOptions, s.Fees = nil, "£2 a session" },
			[]directory.FieldChange{{"Cost", "free", "£2 a session"}}},
		{"referral routes and words", func(s *directory.Service) {
			s.ReferralRoutes = []directory.ReferralRoute{directory.SelfReferral, directory.ProfessionalReferral}
			s.Application = "Ring Sam first"
		}, []directory.FieldChange{{"How to join", "drop in", "professional referral, self-referral"}, {"How to join, in words", "", "Ring Sam first"}}},
		{"waiting list", func(s *directory.Service) { s.Accepting, s.TypicalWaitDays = directory.CapacityWaitingList, 21 },
			[]directory.FieldChange{{"Taking new people", "taking people", "waiting list (typical wait 21 days)"}}},
		{"full", func(s *directory.Service) { s.Accepting = directory.CapacityFull },
			[]directory.FieldChange{{"Taking new people", "taking people", "full"}}},
		{"languages", func(s *directory.Service) { s.Languages = append(s.Languages, directory.Language{Code: "pa"}) },
			[]directory.FieldChange{{"Languages", "English", "English, pa"}}},
		{"phone and email", func(s *directory.Service) {
			s.Phones[0].Number = "0113 496 0002"
			s.Email = "walks@example.org"
		}, []directory.FieldChange{{"Phone", "0113 496 0001", "0113 496 0002"}, {"Email", "", "walks@example.org"}}},
		{"temporarily closed", func(s *directory.Service) {
			s.Status, s.Alert = directory.StatusTemporarilyClosed, "Closed until 5 January 2027"
		}, []directory.FieldChange{{"Status", "active", "temporarily closed"}, {"Notice", "", "Closed until 5 January 2027"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, after := walk(), walk()
			tt.change(after)
			if got := directory.Diff(before, after); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Diff() = %q\nwant    %q", got, tt.want)
			}
		})
	}
}

func TestDiffFromNothing(t *testing.T) {
	got := directory.Diff(nil, walk())
	if len(got) == 0 || got[0] != (directory.FieldChange{Field: "Name", Before: "", After: "Health walk"}) {
		t.Errorf("Diff(nil, s) = %q, want it to start with the name", got)
	}
}

func TestDiffIgnoresTheOrderOfWaysIn(t *testing.T) {
	before, after := walk(), walk()
	before.ReferralRoutes = []directory.ReferralRoute{directory.ProfessionalReferral, directory.DropIn}
	after.ReferralRoutes = []directory.ReferralRoute{directory.DropIn, directory.ProfessionalReferral}
	if got := directory.Diff(before, after); len(got) != 0 {
		t.Errorf("Diff() = %q, want nothing", got)
	}
}
