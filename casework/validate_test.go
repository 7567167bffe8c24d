package casework

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
)

var testNow = time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// fieldsOf returns the fields named in err, which must be an Invalid
// *directory.Error wrapping a directory.ValidationError, or nil.
func fieldsOf(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	if k := directory.KindOf(err); k != directory.Invalid {
		t.Fatalf("kind = %v, want invalid (%v)", k, err)
	}
	var ve directory.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("%v does not wrap a ValidationError", err)
	}
	var fields []string
	for _, fe := range ve {
		fields = append(fields, fe.Field)
	}
	return fields
}

func validPerson() Person {
	return Person{
		TeamID: "leeds-north-pcn", Name: "Ada Example", DateOfBirth: date(1950, 3, 1),
		Status: StatusNew, Consent: Consent{Hold: true},
	}
}

func TestPersonValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(p *Person)
		want []string // fields named, in order; nil for valid
	}{
		{"valid", func(p *Person) {}, nil},
		{"everything optional filled in", func(p *Person) {
			p.NHSNumber, p.Postcode, p.Email = "943 476 5919", "ls6 1aa", "ada@example.org"
			p.PreferredContact, p.ReferralSource = "text", "gp"
		}, nil},
		{"no team", func(p *Person) { p.TeamID = " " }, []string{"team_id"}},
		{"no name", func(p *Person) { p.Name = "  " }, []string{"name"}},
		{"long name", func(p *Person) { p.Name = strings.Repeat("é", 201) }, []string{"name"}},
		{"name of 200 characters", func(p *Person) { p.Name = strings.Repeat("é", 200) }, nil},
		{"no date of birth", func(p *Person) { p.DateOfBirth = time.Time{} }, []string{"date_of_birth"}},
		{"born tomorrow", func(p *Person) { p.DateOfBirth = date(2025, 6, 3) }, []string{"date_of_birth"}},
		{"born today", func(p *Person) { p.DateOfBirth = date(2025, 6, 2) }, nil},
		{"120 years old today", func(p *Person) { p.DateOfBirth = date(1905, 6, 2) }, nil},
		{"over 120 years ago", func(p *Person) { p.DateOfBirth = date(1905, 6, 1) }, []string{"date_of_birth"}},
		{"bad NHS number", func(p *Person) { p.NHSNumber = "9434765918" }, []string{"nhs_number"}},
		{"short NHS number", func(p *Person) { p.NHSNumber = "943476" }, []string{"nhs_number"}},
		{"email without @", func(p *Person) { p.Email = "ada.example.org" }, []string{"email"}},
		{"unknown preferred contact", func(p *Person) { p.PreferredContact = "pigeon" }, []string{"preferred_contact"}},
		{"unknown referral source", func(p *Person) { p.ReferralSource = "GP" }, []string{"referral_source"}},
		{"no status", func(p *Person) { p.Status = "" }, []string{"status"}},
		{"unknown status", func(p *Person) { p.Status = "closed" }, []string{"status"}},
		{"discharged without a reason", func(p *Person) { p.Status = StatusDischarged }, []string{"discharge_reason"}},
		{"discharged with a reason", func(p *Person) { p.Status, p.DischargeReason = StatusDischarged, "goals met" }, nil},
		{"no consent to hold", func(p *Person) { p.Consent.Hold = false }, []string{"consent.hold"}},
		{"empty goal in the plan", func(p *Person) { p.Plan.Goals = []string{"walk daily", ""} }, []string{"plan.goals[1]"}},
		{"several at once", func(p *Person) { p.Name, p.Email, p.Consent.Hold = "", "x", false },
			[]string{"name", "email", "consent.hold"}},
		{"born in year 0", func(p *Person) { p.DateOfBirth = date(0, 1, 1) }, []string{"date_of_birth"}},
		{"postcode with no space", func(p *Person) { p.Postcode = "ls61aa" }, nil},
		{"postcode district alone", func(p *Person) { p.Postcode = "LS6" }, nil},
		{"London postcode", func(p *Person) { p.Postcode = "EC1A 1BB" }, nil},
		{"postcode of spaces", func(p *Person) { p.Postcode = "   " }, nil},
		{"script for a postcode", func(p *Person) { p.Postcode = "<script>alert(1)</script>" }, []string{"postcode"}},
		{"5,000 digits for a postcode", func(p *Person) { p.Postcode = strings.Repeat("9", 5000) }, []string{"postcode"}},
		{"postcode back to front", func(p *Person) { p.Postcode = "1AA LS6" }, []string{"postcode"}},
		{"long phone", func(p *Person) { p.Phone = strings.Repeat("0", 41) }, []string{"phone"}},
		{"long email", func(p *Person) { p.Email = strings.Repeat("a", 250) + "@x.org" }, []string{"email"}},
		{"long address", func(p *Person) { p.Address = strings.Repeat("a", 501) }, []string{"address"}},
		{"long language", func(p *Person) { p.Language = strings.Repeat("a", 201) }, []string{"language"}},
		{"long practice", func(p *Person) { p.Practice = strings.Repeat("a", 201) }, []string{"practice"}},
		{"long referral reason", func(p *Person) { p.ReferralReason = strings.Repeat("a", 10001) }, []string{"referral_reason"}},
		{"long priorities", func(p *Person) { p.WhatMatters.Priorities = strings.Repeat("a", 10001) }, []string{"priorities"}},
		{"priorities at the limit", func(p *Person) { p.WhatMatters.Priorities = strings.Repeat("é", 10000) }, nil},
		{"long strengths", func(p *Person) { p.WhatMatters.Strengths = strings.Repeat("a", 10001) }, []string{"strengths"}},
		{"long notes", func(p *Person) { p.WhatMatters.Notes = strings.Repeat("a", 10001) }, []string{"notes"}},
		{"long discharge reason", func(p *Person) { p.Status, p.DischargeReason = StatusDischarged, strings.Repeat("a", 10001) }, []string{"discharge_reason"}},
		{"too many needs", func(p *Person) { p.WhatMatters.Needs = make([]string, 51) }, []string{"needs"}},
		{"long need", func(p *Person) { p.WhatMatters.Needs = []string{"walking", strings.Repeat("a", 201)} }, []string{"needs[1]"}},
		{"long action owner", func(p *Person) { p.Plan.Actions = []Action{{Text: "ring", Owner: strings.Repeat("a", 201)}} }, []string{"plan.actions[0].owner"}},
		{"review last year", func(p *Person) { p.Plan.ReviewDate = date(2024, 6, 2) }, nil},
		{"review in year 0", func(p *Person) { p.Plan.ReviewDate = date(0, 1, 1) }, []string{"review_date"}},
		{"review in 2099", func(p *Person) { p.Plan.ReviewDate = date(2099, 1, 1) }, []string{"review_date"}},
		{"action due in year 2", func(p *Person) { p.Plan.Actions = []Action{{Text: "ring", Due: date(2, 1, 1)}} }, []string{"plan.actions[0].due"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := validPerson()
			tt.edit(&p)
			got := fieldsOf(t, p.Validate(testNow))
			if !slices.Equal(got, tt.want) {
				t.Errorf("Validate() names %v, want %v", got, tt.want)
			}
		})
	}
}

func TestPersonValidateTidies(t *testing.T) {
	p := validPerson()
	p.Name, p.NHSNumber, p.Postcode, p.Email = " Ada Example ", "401-023-2137", "  ls6   1aa ", " ada@example.org "
	if err := p.Validate(testNow); err != nil {
		t.Fatal(err)
	}
	if p.Name != "Ada Example" || p.NHSNumber != "4010232137" || p.Postcode != "LS6 1AA" || p.Email != "ada@example.org" {
		t.Errorf("after Validate: %q %q %q %q", p.Name, p.NHSNumber, p.Postcode, p.Email)
	}
	for in, want := range map[string]string{"ls61aa": "LS6 1AA", "ec1a1bb": "EC1A 1BB", "ls 6": "LS6", " w1a  0ax ": "W1A 0AX", " ": ""} {
		p.Postcode = in
		if err := p.Validate(testNow); err != nil || p.Postcode != want {
			t.Errorf("postcode %q: Validate() = %v, gives %q, want %q", in, err, p.Postcode, want)
		}
	}
}

func TestPersonValidateMessages(t *testing.T) {
	p := validPerson()
	p.Consent.Hold = false
	p.NHSNumber = "9434765918"
	err := p.Validate(testNow)
	var ve directory.ValidationError
	if !errors.As(err, &ve) || len(ve) != 2 {
		t.Fatalf("Validate() = %v", err)
	}
	if ve[0].Msg != "the check digit does not match; please check the number" {
		t.Errorf("nhs_number message = %q", ve[0].Msg)
	}
	if got := ve[1].Field + ": " + ve[1].Msg; got != "consent.hold: the person must agree to us holding their record" {
		t.Errorf("consent message = %q", got)
	}
}

func TestContactValidate(t *testing.T) {
	valid := Contact{Date: date(2025, 6, 2), Kind: ContactPhone, Minutes: 30}
	tests := []struct {
		name string
		edit func(c *Contact)
		want []string
	}{
		{"valid", func(c *Contact) {}, nil},
		{"every kind", func(c *Contact) { c.Kind = ContactHomeVisit }, nil},
		{"no date", func(c *Contact) { c.Date = time.Time{} }, []string{"date"}},
		{"tomorrow", func(c *Contact) { c.Date = date(2025, 6, 3) }, []string{"date"}},
		{"no kind", func(c *Contact) { c.Kind = "" }, []string{"kind"}},
		{"unknown kind", func(c *Contact) { c.Kind = "email" }, []string{"kind"}},
		{"negative minutes", func(c *Contact) { c.Minutes = -1 }, []string{"minutes"}},
		{"zero minutes", func(c *Contact) { c.Minutes = 0 }, nil},
		{"600 minutes", func(c *Contact) { c.Minutes = 600 }, nil},
		{"601 minutes", func(c *Contact) { c.Minutes = 601 }, []string{"minutes"}},
		{"long notes", func(c *Contact) { c.Notes = strings.Repeat("a", 10001) }, []string{"notes"}},
		{"notes at the limit", func(c *Contact) { c.Notes = strings.Repeat("a", 10000) }, nil},
		{"dated 0000-01-01", func(c *Contact) { c.Date = date(0, 1, 1) }, []string{"date"}},
		{"ten years ago", func(c *Contact) { c.Date = date(2015, 6, 2) }, nil},
		{"over ten years ago", func(c *Contact) { c.Date = date(2015, 6, 1) }, []string{"date"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := valid
			tt.edit(&c)
			if got := fieldsOf(t, c.Validate(testNow)); !slices.Equal(got, tt.want) {
				t.Errorf("Validate() names %v, want %v", got, tt.want)
			}
		})
	}
}

func TestONS4Validate(t *testing.T) {
	valid := ONS4{Date: date(2025, 6, 1), Stage: StageStart, Life: 0, Worthwhile: 10, Happy: 5, Anxious: 7}
	tests := []struct {
		name string
		edit func(o *ONS4)
		want []string
	}{
		{"valid", func(o *ONS4) {}, nil},
		{"life -1", func(o *ONS4) { o.Life = -1 }, []string{"life_satisfaction"}},
		{"worthwhile 11", func(o *ONS4) { o.Worthwhile = 11 }, []string{"worthwhile"}},
		{"happy 11", func(o *ONS4) { o.Happy = 11 }, []string{"happy"}},
		{"anxious -1", func(o *ONS4) { o.Anxious = -1 }, []string{"anxious"}},
		{"no stage", func(o *ONS4) { o.Stage = "" }, []string{"stage"}},
		{"unknown stage", func(o *ONS4) { o.Stage = "middle" }, []string{"stage"}},
		{"future date", func(o *ONS4) { o.Date = date(2025, 6, 3) }, []string{"date"}},
		{"no date", func(o *ONS4) { o.Date = time.Time{} }, []string{"date"}},
		{"dated 0000-01-01", func(o *ONS4) { o.Date = date(0, 1, 1) }, []string{"date"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := valid
			tt.edit(&o)
			if got := fieldsOf(t, o.Validate(testNow)); !slices.Equal(got, tt.want) {
				t.Errorf("Validate() names %v, want %v", got, tt.want)
			}
		})
	}
}

func TestPlanValidate(t *testing.T) {
	tests := []struct {
		name string
		plan Plan
		want []string
	}{
		{"empty plan", Plan{}, nil},
		{"valid", Plan{Goals: []string{"Get out twice a week"}, Actions: []Action{{Text: "Ring the walking group"}}}, nil},
		{"blank goal", Plan{Goals: []string{"ok", "  "}}, []string{"goals[1]"}},
		{"long goal", Plan{Goals: []string{strings.Repeat("a", 1001)}}, []string{"goals[0]"}},
		{"blank action", Plan{Actions: []Action{{Text: "ok"}, {Text: ""}}}, []string{"actions[1].text"}},
		{"long action", Plan{Actions: []Action{{Text: strings.Repeat("a", 1001)}}}, []string{"actions[0].text"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fieldsOf(t, tt.plan.Validate()); !slices.Equal(got, tt.want) {
				t.Errorf("Validate() names %v, want %v", got, tt.want)
			}
		})
	}
}
