package cases_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/linkway/linkway/internal/webtest"
)

// personWithDOB is the person form with a date of birth typed into its
// day, month and year boxes.
func personWithDOB(day, month, year string) url.Values {
	return url.Values{"name": {"Cy Twombly"}, "consent_hold": {"true"},
		"date_of_birth": {day}, "date_of_birth-month": {month}, "date_of_birth-year": {year}}
}

func TestDateOfBirthBoxes(t *testing.T) {
	fx := webtest.New(t)
	north := fx.As(t, "north@example.org")

	// The empty form draws the pattern: a fieldset with a past example,
	// three numeric boxes that a browser may fill from a birthday.
	_, page := fx.Call(t, north, "GET", "/casework/people/new", "")
	for _, want := range []string{"<legend>Date of birth</legend>", "For example, 27 3 1950",
		`inputmode="numeric" class="width-2" id="date_of_birth" name="date_of_birth" value="" autocomplete="bday-day"`,
		`id="date_of_birth-month" name="date_of_birth-month" value="" autocomplete="bday-month"`,
		`id="date_of_birth-year" name="date_of_birth-year" value="" autocomplete="bday-year"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the person form lacks %s", want)
		}
	}
	if strings.Contains(page, "YYYY") || strings.Contains(page, "2026-03-31") {
		t.Error("the person form still asks for an ISO date")
	}

	for _, c := range []struct {
		name             string
		day, month, year string
		want             []string
	}{
		{"no year", "4", "3", "", []string{"Date of birth must include a year", `href="#date_of_birth-year"`, `name="date_of_birth-year" value="" autocomplete="bday-year" aria-invalid="true"`}},
		{"31 February", "31", "2", "1950", []string{"Date of birth must be a real date", `href="#date_of_birth"`, `name="date_of_birth" value="31" autocomplete="bday-day" aria-invalid="true"`}},
		{"in the future", "1", "1", "2030", []string{"Date of birth must be in the past", `href="#date_of_birth"`, `value="2030"`}},
		{"a two-digit year", "4", "3", "50", []string{"Date of birth must include the year in full, with 4 numbers, like 1950", `href="#date_of_birth-year"`}},
	} {
		st, _, page := fx.Form(t, north, "/casework/people/new", personWithDOB(c.day, c.month, c.year))
		for _, want := range append(c.want, `value="Cy Twombly"`) {
			if st != http.StatusBadRequest || !strings.Contains(page, want) {
				t.Errorf("%s: %d, lacking %s", c.name, st, want)
			}
		}
		if strings.Contains(page, "Date of birth is required") {
			t.Errorf("%s: also says the date of birth is required", c.name)
		}
	}

	// A date the boxes make is stored, and shown in UK style.
	st, loc, _ := fx.Form(t, north, "/casework/people/new", personWithDOB("04", "03", "1950"))
	if st != http.StatusSeeOther {
		t.Fatalf("a good date of birth: %d", st)
	}
	if _, page := fx.Call(t, north, "GET", loc, ""); !strings.Contains(page, "born 4 March 1950") {
		t.Error("the person's page does not say they were born 4 March 1950")
	}
	_, out := fx.Call(t, north, "GET", "/api/v1"+strings.TrimPrefix(loc, "/casework"), "")
	if got := webtest.Decode[struct {
		DOB string `json:"date_of_birth"`
	}](t, out).DOB; got != "1950-03-04" {
		t.Errorf("the API gives the date of birth as %q, want ISO 1950-03-04", got)
	}
	// The edit form shows it in the boxes.
	if _, page := fx.Call(t, north, "GET", loc+"/edit", ""); !strings.Contains(page, `name="date_of_birth" value="4"`) || !strings.Contains(page, `name="date_of_birth-year" value="1950"`) {
		t.Error("the edit form does not show the date of birth in its boxes")
	}
}

func TestOneDateOfBirthStillTaken(t *testing.T) {
	fx := webtest.New(t)
	north := fx.As(t, "north@example.org")
	// Scripts and older clients post one date_of_birth; UK and ISO both do.
	for _, dob := range []string{"04/03/1950", "4 March 1950", "1950-03-04"} {
		st, _, _ := fx.Form(t, north, "/casework/people/new", url.Values{"name": {"Cy Twombly"}, "consent_hold": {"true"}, "date_of_birth": {dob}})
		if st != http.StatusSeeOther {
			t.Errorf("one date of birth %q: %d", dob, st)
		}
	}
	// The JSON API takes a UK date too, and answers in ISO, its contract.
	st, out := fx.Call(t, north, "POST", "/api/v1/people", `{"name": "Cy Twombly", "date_of_birth": "04/03/1950", "consent": {"hold": true}}`)
	if st != http.StatusCreated {
		t.Fatalf("API with a UK date: %d %s", st, out)
	}
	id := webtest.Decode[struct{ ID string }](t, out).ID
	if _, out := fx.Call(t, north, "GET", "/api/v1/people/"+id, ""); !strings.Contains(out, `"date_of_birth":"1950-03-04"`) {
		t.Errorf("the API did not answer in ISO: %s", out)
	}
}

func TestReviewDateBoxes(t *testing.T) {
	fx := webtest.New(t)
	north := fx.As(t, "north@example.org")
	id := fx.MustPerson(t, north, webtest.AdaJSON)
	edit := url.Values{"name": {"Ada Lovelace"}, "date_of_birth": {"4"}, "date_of_birth-month": {"3"}, "date_of_birth-year": {"1950"},
		"consent_hold": {"true"}, "status": {"active"}, "review_date": {"27"}, "review_date-month": {"13"}, "review_date-year": {"2026"}}
	st, _, page := fx.Form(t, north, "/casework/people/"+id+"/edit", edit)
	if st != http.StatusBadRequest || !strings.Contains(page, "Review date must be a real date") || !strings.Contains(page, "For example, 27 3 2027") {
		t.Errorf("review in month 13: %d", st)
	}
	edit["review_date-month"] = []string{"11"}
	if st, _, _ := fx.Form(t, north, "/casework/people/"+id+"/edit", edit); st != http.StatusSeeOther {
		t.Fatalf("review on 27 11 2026: %d", st)
	}
	if _, page := fx.Call(t, north, "GET", "/casework/people/"+id, ""); !strings.Contains(page, "Review on 27 November 2026") {
		t.Error("the review date is not shown in UK style")
	}
}

func TestContactAndWellbeingDateBoxes(t *testing.T) {
	fx := webtest.New(t)
	north := fx.As(t, "north@example.org")
	id := fx.MustPerson(t, north, webtest.AdaJSON)
	// The person's page offers today (Monday 23 November 2026) in the
	// boxes of both forms, with a past example.
	_, page := fx.Call(t, north, "GET", "/casework/people/"+id, "")
	for _, want := range []string{`id="contact-date" name="date" value="23"`, `id="contact-date-month" name="date-month" value="11"`,
		`id="ons-date-year" name="date-year" value="2026"`, "For example, 27 3 2025"} {
		if !strings.Contains(page, want) {
			t.Errorf("the person's page lacks %s", want)
		}
	}
	contact := func(day, month, year string) (int, string) {
		st, _, page := fx.Form(t, north, "/casework/people/"+id+"/contacts", url.Values{"kind": {"phone"}, "date": {day}, "date-month": {month}, "date-year": {year}})
		return st, page
	}
	if st, page := contact("31", "11", "2026"); st != http.StatusBadRequest || !strings.Contains(page, "Date must be a real date") {
		t.Errorf("a contact on 31 November: %d", st)
	}
	if st, page := contact("20", "11", ""); st != http.StatusBadRequest || !strings.Contains(page, "Date must include a year") {
		t.Errorf("a contact with no year: %d", st)
	}
	if st, _ := contact("20", "11", "2026"); st != http.StatusSeeOther {
		t.Fatalf("a contact on 20 November 2026: %d", st)
	}
	st, _, _ := fx.Form(t, north, "/casework/people/"+id+"/outcomes", url.Values{"stage": {"start"}, "date": {"21"}, "date-month": {"11"}, "date-year": {"2026"},
		"life_satisfaction": {"3"}, "worthwhile": {"4"}, "happy": {"2"}, "anxious": {"8"}})
	if st != http.StatusSeeOther {
		t.Fatalf("wellbeing on 21 November 2026: %d", st)
	}
	_, page = fx.Call(t, north, "GET", "/casework/people/"+id, "")
	for _, want := range []string{"20 November 2026: Phone call", "<td>21 November 2026</td>"} {
		if !strings.Contains(page, want) {
			t.Errorf("the person's page lacks %q", want)
		}
	}
}
