package casework

import (
	"slices"
	"strings"
	"testing"

	"github.com/linkway/linkway/directory"
)

func TestParseCaseloadSearch(t *testing.T) {
	tests := []struct {
		q, words, nhs, dob string // dob as YYYY-MM-DD
		invalid            bool
	}{
		{q: "  Zoë   ÅNGSTRÖM ", words: "zoe angstrom"},
		{q: "O'Brien-Smith", words: "o'brien-smith"},
		{q: "Chloe\u0301", words: "chloe"}, // a decomposed é
		{q: "943 476 5919", nhs: "9434765919"},
		{q: "943-476-5919", nhs: "9434765919"},
		{q: "9434765919", nhs: "9434765919"},
		{q: "943 476 5918", invalid: true}, // check digit
		{q: "04/03/1950", dob: "1950-03-04"},
		{q: "4/3/1950", dob: "1950-03-04"},
		{q: "04.03.1950", dob: "1950-03-04"},
		{q: "04-03-1950", dob: "1950-03-04"},
		{q: "4 March 1950", dob: "1950-03-04"},
		{q: "4th march 1950", dob: "1950-03-04"},
		{q: "4 Mar 1950", dob: "1950-03-04"},
		{q: "March 4, 1950", dob: "1950-03-04"},
		{q: "1950-03-04", dob: "1950-03-04"},
		{q: "04/03/50", invalid: true}, // two-digit year: 1950 or 2050?
		{q: "31/02/1950", invalid: true},
		{q: "03/13/1950", invalid: true}, // US order
		{q: "flat 4", invalid: true},
		{q: strings.Repeat("a", MaxCaseloadSearch+1), invalid: true},
		{q: ""},
	}
	for _, tt := range tests {
		got, err := ParseCaseloadSearch(tt.q)
		if tt.invalid {
			if directory.KindOf(err) != directory.Invalid {
				t.Errorf("ParseCaseloadSearch(%q) = %+v, %v; want Invalid", tt.q, got, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseCaseloadSearch(%q): %v", tt.q, err)
			continue
		}
		if !slices.Equal(got.NameWords, strings.Fields(tt.words)) || got.NHSNumber != tt.nhs || dateOrEmpty(got) != tt.dob {
			t.Errorf("ParseCaseloadSearch(%q) = %q %q %q, want %q %q %q", tt.q, got.NameWords, got.NHSNumber, dateOrEmpty(got), strings.Fields(tt.words), tt.nhs, tt.dob)
		}
	}
}

func dateOrEmpty(s CaseloadSearch) string {
	if s.DateOfBirth.IsZero() {
		return ""
	}
	return s.DateOfBirth.Format("2006-01-02")
}
