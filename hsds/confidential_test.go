package hsds_test

import (
	"testing"
)

// A feed marks a refuge with a location attribute naming the term
// "confidential", by id or in a nested taxonomy_term; other attributes
// leave a location public.
func TestReaderConfidentialLocation(t *testing.T) {
	loc := func(attrs string) string {
		return `[` + svc(`"s1"`, `"service_at_locations": [{"id": "sal1", "location": {"id": "l1", "location_type": "physical", "name": "Refuge",
			"addresses": [{"id": "a1", "address_1": "12 Hidden Lane", "city": "Leeds", "postal_code": "LS6 3QX", "country": "GB", "address_type": "physical"}],
			"attributes": `+attrs+`}}]`) + `]`
	}
	for _, tt := range []struct {
		name, attrs string
		want        bool
	}{
		{"term id", `[{"id": "at1", "taxonomy_term_id": "confidential"}]`, true},
		{"nested term code", `[{"id": "at1", "taxonomy_term": {"id": "t9", "code": "CONFIDENTIAL", "name": "Private address"}}]`, true},
		{"nested term name", `[{"id": "at1", "taxonomy_term": {"id": "t9", "name": "Confidential"}}]`, true},
		{"another attribute", `[{"id": "at1", "taxonomy_term_id": "wheelchair"}]`, false},
		{"none", `[]`, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := mustReadValid(t, loc(tt.attrs))
			if got := s.Locations[0].Location.Confidential; got != tt.want {
				t.Errorf("Confidential = %t, want %t", got, tt.want)
			}
		})
	}
}
