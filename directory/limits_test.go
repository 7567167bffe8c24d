package directory

import (
	"errors"
	"strings"
	"testing"
)

func TestValidateSizeLimits(t *testing.T) {
	ok := func() *Service {
		return &Service{ID: "s1", Name: "Walk", Status: StatusActive,
			Organization: &Organization{ID: "o1", Name: "Group"},
			Locations:    []ServiceAtLocation{{ID: "a", Location: Location{ID: "l", Type: Physical, Addresses: []Address{{ID: "ad"}}}}},
			Schedules:    []Schedule{{ID: "sc"}},
			Areas:        []ServiceArea{{ID: "ar"}},
			Contacts:     []Contact{{ID: "c", Phones: []Phone{{ID: "p"}}}},
		}
	}
	long := func(n int) string { return strings.Repeat("a", n) }
	tests := []struct {
		name   string
		change func(*Service)
		field  string // "" means valid
	}{
		{"name at the limit", func(s *Service) { s.Name = long(MaxNameLength) }, ""},
		{"name over the limit", func(s *Service) { s.Name = long(MaxNameLength + 1) }, "name"},
		// Characters are counted, not bytes: 500 two-byte letters are fine.
		{"accented name at the limit", func(s *Service) { s.Name = strings.Repeat("é", MaxNameLength) }, ""},
		{"description at the limit", func(s *Service) { s.Description = long(MaxDescriptionLength) }, ""},
		{"description over the limit", func(s *Service) { s.Description = long(MaxDescriptionLength + 1) }, "description"},
		{"ten megabyte description", func(s *Service) { s.Description = long(10 << 20) }, "description"},
		{"eligibility", func(s *Service) { s.Eligibility = long(MaxTextLength + 1) }, "eligibility_description"},
		{"url", func(s *Service) { s.URL = long(MaxURLLength + 1) }, "url"},
		{"organisation description", func(s *Service) { s.Organization.Description = long(MaxDescriptionLength + 1) }, "organization.description"},
		{"postcode", func(s *Service) { s.Locations[0].Location.Addresses[0].PostalCode = long(MaxShortLength + 1) },
			"service_at_locations[0].location.addresses[0].postal_code"},
		{"location description", func(s *Service) { s.Locations[0].Location.Description = long(MaxDescriptionLength + 1) },
			"service_at_locations[0].location.description"},
		{"session notes", func(s *Service) { s.Schedules[0].Notes = long(MaxTextLength + 1) }, "schedules[0].notes"},
		{"contact phone", func(s *Service) { s.Contacts[0].Phones[0].Number = long(MaxShortLength + 1) }, "contacts[0].phones[0].number"},
		{"area extent at the limit", func(s *Service) { s.Areas[0].Extent = long(MaxExtentLength) }, ""},
		{"area extent", func(s *Service) { s.Areas[0].Extent = long(MaxExtentLength + 1) }, "service_areas[0].extent"},
		{"nested id", func(s *Service) { s.Schedules[0].ID = long(MaxIDLength + 1) }, "schedules[0].id"},
		{"charity number", func(s *Service) {
			s.Organization.Identifiers = []Identifier{{ID: "i", Value: long(MaxShortLength + 1)}}
		},
			"organization.organization_identifiers[0].identifier"},
		{"programme description", func(s *Service) { s.Program = &Program{ID: "p", Description: long(MaxDescriptionLength + 1)} }, "program.description"},
		{"attribute value", func(s *Service) { s.Attributes = []Attribute{{ID: "a", Value: long(MaxTextLength + 1)}} }, "attributes[0].value"},
		{"required document", func(s *Service) { s.RequiredDocuments = []Document{{ID: "d", URI: long(MaxURLLength + 1)}} }, "required_documents[0].uri"},
		{"funding", func(s *Service) { s.Funding = []string{long(MaxTextLength + 1)} }, "funding[0].source"},
		{"venue opening times", func(s *Service) {
			s.Locations[0].Location.Schedules = []Schedule{{ID: "v", Notes: long(MaxTextLength + 1)}}
		},
			"service_at_locations[0].location.schedules[0].notes"},
		{"phones at the limit", func(s *Service) { s.Phones = make([]Phone, MaxItems) }, ""},
		{"too many phones", func(s *Service) { s.Phones = make([]Phone, MaxItems+1) }, "phones"},
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
			if len(v) != 1 || v[0].Field != tt.field {
				t.Fatalf("bad fields = %v, want only %q", v, tt.field)
			}
			if !strings.Contains(v[0].Msg, "over the limit of") {
				t.Errorf("message = %q, want it to state the limit", v[0].Msg)
			}
			if len(err.Error()) > 300 {
				t.Errorf("message is %d bytes: it repeats the value", len(err.Error()))
			}
		})
	}
}

func TestSizeMessage(t *testing.T) {
	var c checker
	c.maxLen("description", strings.Repeat("x", 25130), MaxDescriptionLength)
	want := `field "description": is 25,130 characters long, over the limit of 20,000`
	if got := c.errs.Error(); got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
}

func TestQuoteCutsLongValues(t *testing.T) {
	if got := Quote("open"); got != `"open"` {
		t.Errorf(`Quote("open") = %s`, got)
	}
	got := Quote(strings.Repeat("é", 1000))
	if n := len([]rune(got)); n != shortenMax+2 || !strings.HasSuffix(got, `…"`) {
		t.Errorf("Quote of 1,000 characters = %s (%d characters), want %d ending in an ellipsis", got, n, shortenMax+2)
	}
	s := &Service{ID: "s", Name: "n", Status: Status(strings.Repeat("x", 1<<20))}
	if err := s.Validate(); err == nil || len(err.Error()) > 300 {
		t.Errorf("a 1 MiB status gives a message of %d bytes, want it short", len(err.Error()))
	}
}
