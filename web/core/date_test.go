package core

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
)

func TestParseDate(t *testing.T) {
	march4 := time.Date(1950, time.March, 4, 0, 0, 0, 0, time.UTC)
	for _, in := range []string{"1950-03-04", "1950-3-4", "04/03/1950", "4/3/1950", " 4/3/1950 ", "4.3.1950", "4-3-1950", "4 3 1950",
		"4 March 1950", "4 march 1950", "4 Mar 1950", "4th March 1950", "4 MARCH, 1950", "04 Mar. 1950"} {
		got, err := casework.ParseDate("date_of_birth", in)
		if err != nil || !got.Equal(march4) {
			t.Errorf("casework.ParseDate(%q) = %v, %v; want 4 March 1950", in, got, err)
		}
	}
	if got, err := casework.ParseDate("from", "27 Sept 2026"); err != nil || got.Month() != time.September {
		t.Errorf("Sept: %v, %v", got, err)
	}
	if got, err := casework.ParseDate("from", ""); err != nil || !got.IsZero() {
		t.Errorf("empty: %v, %v; want the zero time", got, err)
	}
}

func TestParseDateRefuses(t *testing.T) {
	for _, c := range []struct{ in, field, want string }{
		{"31/02/1950", "date_of_birth", "Date of birth must be a real date"},
		{"1950-02-30", "date_of_birth", "Date of birth must be a real date"},
		{"0/3/1950", "date_of_birth", "Date of birth must be a real date"},
		{"4/13/1950", "date_of_birth", "Date of birth must be a real date"},
		{"4/3/50", "date_of_birth", "Date of birth must include the year in full, with 4 numbers, like 1950"},
		{"4 March 50", "date_of_birth", "Date of birth must include the year in full"},
		{"yesterday", "date_of_birth", "Date of birth must be a real date, written like 27/3/1950 or 27 March 1950"},
		{"4 Marchember 1950", "date_of_birth", "Date of birth must be a real date, written like 27/3/1950"},
		{"next week", "from", "From date must be a real date, written like 27/3/2027"},
	} {
		_, err := casework.ParseDate(c.field, c.in)
		if err == nil {
			t.Errorf("casework.ParseDate(%q) took it", c.in)
			continue
		}
		errs := FormErrorsOf(err)
		if len(errs) != 1 || errs[0].Field != c.field || !strings.HasPrefix(errs[0].Message, c.want) {
			t.Errorf("casework.ParseDate(%q): %+v; want field %s, message starting %q", c.in, errs, c.field, c.want)
		}
	}
}

// postedDate reads name from a posted form of values.
func postedDate(t *testing.T, name string, values url.Values) (DateField, time.Time, error) {
	t.Helper()
	r := httptest.NewRequest("POST", "/", strings.NewReader(values.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if err := r.ParseForm(); err != nil {
		t.Fatal(err)
	}
	return FormDate(r, name)
}

func TestFormDate(t *testing.T) {
	boxes, got, err := postedDate(t, "date_of_birth", url.Values{"date_of_birth": {" 4 "}, "date_of_birth-month": {"03"}, "date_of_birth-year": {"1950"}})
	if err != nil || !got.Equal(time.Date(1950, 3, 4, 0, 0, 0, 0, time.UTC)) || boxes != (DateField{"4", "03", "1950"}) {
		t.Errorf("three boxes: %v %+v %v", got, boxes, err)
	}
	if _, got, err = postedDate(t, "date_of_birth", url.Values{"date_of_birth": {"4"}, "date_of_birth-month": {"March"}, "date_of_birth-year": {"1950"}}); err != nil || got.Month() != time.March {
		t.Errorf("a month's name in the month box: %v %v", got, err)
	}
	// One posted date, as scripts and older clients send, ISO or UK.
	for _, whole := range []string{"1950-03-04", "04/03/1950"} {
		boxes, got, err = postedDate(t, "date_of_birth", url.Values{"date_of_birth": {whole}})
		if err != nil || got.Day() != 4 || got.Month() != time.March || boxes != (DateField{"4", "3", "1950"}) {
			t.Errorf("one date %q: %v %+v %v", whole, got, boxes, err)
		}
	}
	if _, got, err = postedDate(t, "review_date", url.Values{"review_date": {""}, "review_date-month": {""}, "review_date-year": {""}}); err != nil || !got.IsZero() {
		t.Errorf("all empty: %v %v; want the zero time and no error", got, err)
	}
}

func TestFormDateSaysWhichBox(t *testing.T) {
	for _, c := range []struct {
		day, month, year string
		field, message   string
	}{
		{"4", "3", "", "date_of_birth-year", "Date of birth must include a year"},
		{"4", "", "1950", "date_of_birth-month", "Date of birth must include a month"},
		{"", "3", "1950", "date_of_birth", "Date of birth must include a day"},
		{"4", "", "", "date_of_birth", "Date of birth must include a month and a year"},
		{"31", "2", "1950", "date_of_birth", "Date of birth must be a real date"},
		{"4", "three", "1950", "date_of_birth", "Date of birth must be a real date"},
		{"4", "3", "50", "date_of_birth-year", "Date of birth must include the year in full, with 4 numbers, like 1950"},
	} {
		boxes, _, err := postedDate(t, "date_of_birth", url.Values{"date_of_birth": {c.day}, "date_of_birth-month": {c.month}, "date_of_birth-year": {c.year}})
		errs := FormErrorsOf(err)
		if len(errs) != 1 || errs[0].Field != c.field || errs[0].Message != c.message {
			t.Errorf("%s/%s/%s: %+v; want %s %q", c.day, c.month, c.year, errs, c.field, c.message)
		}
		if boxes != (DateField{c.day, c.month, c.year}) {
			t.Errorf("%s/%s/%s: kept %+v, not what was typed", c.day, c.month, c.year, boxes)
		}
	}
}

func TestDateViewMarksTheWrongBoxes(t *testing.T) {
	year := newDateView("reopen-2", "reopen", "Reopening date", "", DateField{}, "", []FormError{{Field: "reopen-2-year", Message: "no year"}})
	if year.Error != "no year" || year.BadDay || year.BadMonth || !year.BadYear {
		t.Errorf("a year's error: %+v", year)
	}
	whole := newDateView("reopen-2", "reopen", "Reopening date", "", DateField{}, "", []FormError{{Field: "reopen-2", Message: "not real"}})
	if !whole.BadDay || !whole.BadMonth || !whole.BadYear {
		t.Errorf("a whole date's error marks all three boxes: %+v", whole)
	}
	other := newDateView("reopen-2", "reopen", "Reopening date", "", DateField{}, "", []FormError{{Field: "reopen-1", Message: "another listing's"}})
	if other.Error != "" || other.BadDay {
		t.Errorf("another form's error: %+v", other)
	}
}
