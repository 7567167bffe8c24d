package directory

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

func TestPostcodeDistrict(t *testing.T) {
	for in, want := range map[string]string{
		"LS6 1AA": "LS6", "ls61aa": "LS6", " LS6  1AA ": "LS6", "LS6": "LS6",
		"EC1A 1BB": "EC1A", "W1A 0AX": "W1A", "M1 1AE": "M1", "B33 8TH": "B33",
		"": "", "not a postcode": "", "12345": "",
	} {
		if got := PostcodeDistrict(in); got != want {
			t.Errorf("PostcodeDistrict(%q) = %q, want %q", in, got, want)
		}
	}
}

func refuge() *Service {
	pt := orb.Point{-1.5712, 53.8195}
	return &Service{
		ID: "s1", Name: "Safe Haven",
		Locations: []ServiceAtLocation{
			{
				ID: "sl1", Description: "Ring the bell at the back of 12 Hidden Lane",
				Contacts: []Contact{{Name: "Mary Warden"}},
				Location: Location{
					ID: "l1", Type: Physical, Name: "Hidden Lane House",
					Description: "Behind the church", Transportation: "Bus 56 to Hidden Lane",
					URL: "https://example.org/hidden-lane", Point: &pt, Confidential: true,
					ExternalID: "72700001", ExternalIDType: "uprn",
					Accessibility: []Accessibility{{Description: "Ramp from Hidden Lane"}},
					Addresses: []Address{{
						Address1: "12 Hidden Lane", Address2: "Headingley", City: "Leeds",
						PostalCode: "LS6 3QX", Country: "GB", Attention: "The warden",
					}},
				},
			},
			{ID: "sl2", Location: Location{ID: "l2", Name: "Drop-in Centre", Point: &orb.Point{-1.54, 53.79},
				Addresses: []Address{{Address1: "1 Open Street", PostalCode: "LS1 1AA"}}}},
		},
	}
}

func TestForPublicHidesConfidentialLocation(t *testing.T) {
	s := refuge()
	p := s.ForPublic()
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"Hidden Lane", "12 Hidden", "Headingley", "LS6 3QX", "LS63QX",
		"-1.5712", "53.8195", "72700001", "behind the church", "Mary Warden", "The warden", "example.org/hidden"} {
		if strings.Contains(strings.ToLower(string(b)), strings.ToLower(secret)) {
			t.Errorf("public copy holds %q: %s", secret, b)
		}
	}
	got := p.Locations[0].Location
	if got.Address().PostalCode != "LS6" || got.Address().City != "Leeds" || got.ID != "l1" || !got.Confidential {
		t.Errorf("public location = %+v, want id l1, district LS6 in Leeds, still marked confidential", got)
	}
	if p.Locations[1].Location.Name != "Drop-in Centre" || p.Locations[1].Location.Point == nil {
		t.Errorf("an open location lost its name or point: %+v", p.Locations[1].Location)
	}
	// The original is untouched: link workers still see the address.
	if s.Locations[0].Location.Address().Address1 != "12 Hidden Lane" || s.Locations[0].Location.Point == nil {
		t.Errorf("ForPublic changed the service it was given: %+v", s.Locations[0].Location)
	}
}

func TestForPublicLeavesOpenServiceAlone(t *testing.T) {
	s := refuge()
	s.Locations[0].Location.Confidential = false
	if p := s.ForPublic(); p != s {
		t.Error("ForPublic copied a service with no confidential location")
	}
}
