package casework

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/linkway/linkway/directory"
)

// Limits on free text, in characters. They are generous: they stop a
// pasted document or a runaway script, not a link worker writing at
// length.
const (
	MaxNameLength     = 200   // a name, a language, a GP practice, an action's owner
	MaxPhoneLength    = 40    // room for "0113 496 0123 ext 1234 (evenings)"
	MaxEmailLength    = 254   // the longest address SMTP carries
	MaxAddressLength  = 500   // a postal address, several lines
	MaxNoteLength     = 10000 // notes, what matters, strengths, reasons, a referral's note
	MaxContactNotes   = MaxNoteLength
	MaxPlanTextLength = 1000
	MaxNeeds          = 50 // kinds of support on one record
	MaxContactMinutes = 600
	MaxAgeYears       = 120
	// MaxRecordYears is how far back a contact or wellbeing score may be
	// dated, and how far either way a plan's dates may be: a record
	// typed in late is months old, never decades.
	MaxRecordYears = 10
)

// PreferredContacts lists the ways a person may ask to be contacted, in
// the order forms show them. Empty means they have not said.
var PreferredContacts = []string{"phone", "text", "email", "letter"}

// preferredContactLabels name [PreferredContacts] for forms and messages.
var preferredContactLabels = map[string]string{"phone": "Phone call", "text": "Text message", "email": "Email", "letter": "Letter"}

// PreferredContactLabel names a way of getting in touch in words ("Text
// message"); an unknown way is returned as it is.
func PreferredContactLabel(way string) string {
	if l, ok := preferredContactLabels[way]; ok {
		return l
	}
	return way
}

// ReferralSources lists who referred a person to the link worker. Empty
// means not recorded.
var ReferralSources = []string{"gp", "self", "agency", "other"}

// Statuses lists every [Status], in the order a person moves through them.
var Statuses = []Status{StatusNew, StatusActive, StatusOnHold, StatusDischarged}

// Stages lists every [Stage] at which wellbeing is scored.
var Stages = []Stage{StageStart, StageReview, StageDischarge}

// Valid reports whether s is one of [Statuses].
func (s Status) Valid() bool { return slices.Contains(Statuses, s) }

// checker collects every problem with a record, so a form can show them
// all at once rather than one per submission.
type checker struct{ errs directory.ValidationError }

func (c *checker) add(field, format string, args ...any) {
	c.errs = append(c.errs, directory.FieldError{Field: field, Msg: fmt.Sprintf(format, args...)})
}

func (c *checker) maxLen(field, v string, n int) {
	if utf8.RuneCountInString(v) > n {
		c.add(field, "is longer than %d characters", n)
	}
}

// date checks a calendar date that is required and may be neither after
// today as seen from now nor more than [MaxRecordYears] before it, which
// catches a mistyped year such as 0025.
func (c *checker) date(field string, d, now time.Time) {
	switch {
	case d.IsZero():
		c.add(field, "is required")
	case directory.Day(d).After(directory.Day(now)):
		c.add(field, "is in the future")
	case directory.Day(d).Before(directory.Day(now).AddDate(-MaxRecordYears, 0, 0)):
		c.add(field, "is more than %d years ago; please check the year", MaxRecordYears)
	}
}

// nearDate checks an optional date that may be in the past or the future
// (a review, an action's due date), but not by more than
// [MaxRecordYears].
func (c *checker) nearDate(field string, d, now time.Time) {
	if d.IsZero() {
		return
	}
	today := directory.Day(now)
	if directory.Day(d).Before(today.AddDate(-MaxRecordYears, 0, 0)) || directory.Day(d).After(today.AddDate(MaxRecordYears, 0, 0)) {
		c.add(field, "is more than %d years from today; please check the year", MaxRecordYears)
	}
}

func (c *checker) oneOf(field, v string, allowed []string) {
	if v != "" && !slices.Contains(allowed, v) {
		c.add(field, "must be one of %s, not %q", strings.Join(allowed, ", "), v)
	}
}

// err returns the collected problems as a *directory.Error of kind
// Invalid wrapping a [directory.ValidationError], the shape
// directory.Service.Validate returns, so the web layer handles both alike.
func (c *checker) err() error {
	if len(c.errs) == 0 {
		return nil
	}
	return &directory.Error{Kind: directory.Invalid, Msg: c.errs.Error(), Err: c.errs}
}

// postcodeShape is a UK postcode with its space taken out: an outward
// code (A9, A99, A9A, AA9, AA99 or AA9A), then optionally an inward code
// (9AA). A district on its own is allowed: someone with no fixed address
// may have only an area, and matching works from either.
var postcodeShape = regexp.MustCompile(`^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})?$`)

// normalizePostcode returns s upper case with one space before the inward
// code ("ls61aa" and " Ls6  1AA " give "LS6 1AA"), and whether it has the
// shape of a UK postcode or district. It checks the shape only, not that
// the postcode exists.
func normalizePostcode(s string) (string, bool) {
	compact := strings.ToUpper(strings.Join(strings.Fields(s), ""))
	m := postcodeShape.FindStringSubmatch(compact)
	switch {
	case m == nil:
		return strings.TrimSpace(s), false
	case m[2] == "":
		return m[1], true
	}
	return m[1] + " " + m[2], true
}

// Validate checks p as of now and returns a *directory.Error of kind
// Invalid wrapping a [directory.ValidationError] naming every bad field by
// its JSON name, or nil. It tidies p in place first: the name, email,
// phone and postcode are trimmed, the postcode written the standard way
// ("LS6 1AA") and the NHS number normalised by [NormalizeNHSNumber], so
// what is stored is what is checked.
func (p *Person) Validate(now time.Time) error {
	var c checker
	p.Name = strings.TrimSpace(p.Name)
	p.Email = strings.TrimSpace(p.Email)
	p.Phone = strings.TrimSpace(p.Phone)
	p.Postcode = strings.TrimSpace(p.Postcode)

	if strings.TrimSpace(p.TeamID) == "" {
		c.add("team_id", "is required")
	}
	if p.Name == "" {
		c.add("name", "is required")
	}
	c.maxLen("name", p.Name, MaxNameLength)

	switch dob := directory.Day(p.DateOfBirth); {
	case p.DateOfBirth.IsZero():
		c.add("date_of_birth", "is required")
	case dob.After(directory.Day(now)):
		c.add("date_of_birth", "must be in the past")
	case dob.Before(directory.Day(now).AddDate(-MaxAgeYears, 0, 0)):
		c.add("date_of_birth", "is more than %d years ago; please check the year", MaxAgeYears)
	}

	if p.Postcode != "" {
		pc, ok := normalizePostcode(p.Postcode)
		if ok {
			p.Postcode = pc
		} else {
			c.add("postcode", "is not a UK postcode; write one like LS6 1AA, or leave it empty")
		}
	}

	if p.NHSNumber != "" {
		if n, problem := normalizeNHS(p.NHSNumber); problem != "" {
			c.add("nhs_number", "%s", problem)
		} else {
			p.NHSNumber = n
		}
	}
	if p.Email != "" && !strings.Contains(p.Email, "@") {
		c.add("email", "must be an email address, with an @")
	}
	c.maxLen("email", p.Email, MaxEmailLength)
	c.maxLen("phone", p.Phone, MaxPhoneLength)
	c.maxLen("address", p.Address, MaxAddressLength)
	c.maxLen("language", p.Language, MaxNameLength)
	c.maxLen("practice", p.Practice, MaxNameLength)
	c.maxLen("referral_reason", p.ReferralReason, MaxNoteLength)
	c.maxLen("priorities", p.WhatMatters.Priorities, MaxNoteLength)
	c.maxLen("strengths", p.WhatMatters.Strengths, MaxNoteLength)
	c.maxLen("notes", p.WhatMatters.Notes, MaxNoteLength)
	c.maxLen("discharge_reason", p.DischargeReason, MaxNoteLength)
	if len(p.WhatMatters.Needs) > MaxNeeds {
		c.add("needs", "has more than %d kinds of support", MaxNeeds)
	}
	for i, n := range p.WhatMatters.Needs {
		c.maxLen(fmt.Sprintf("needs[%d]", i), n, MaxNameLength)
	}
	c.oneOf("preferred_contact", p.PreferredContact, PreferredContacts)
	c.oneOf("referral_source", p.ReferralSource, ReferralSources)

	switch {
	case p.Status == "":
		c.add("status", "is required")
	case !p.Status.Valid():
		c.add("status", "must be one of new, active, on_hold, discharged, not %q", p.Status)
	}
	if p.Status == StatusDischarged && strings.TrimSpace(p.DischargeReason) == "" {
		c.add("discharge_reason", "is required when the person is discharged")
	}
	// Holding someone's health record needs their agreement; without it
	// there is nothing lawful to save.
	if !p.Consent.Hold {
		c.add("consent.hold", "the person must agree to us holding their record")
	}
	p.Plan.validate(&c, "plan.")
	c.nearDate("review_date", p.Plan.ReviewDate, now)
	for i, a := range p.Plan.Actions {
		c.nearDate(fmt.Sprintf("plan.actions[%d].due", i), a.Due, now)
	}
	return c.err()
}

// Validate checks c as of now: a date that is not in the future, a known
// kind, a plausible length and notes of a sane size.
func (ct *Contact) Validate(now time.Time) error {
	var c checker
	c.date("date", ct.Date, now)
	switch {
	case ct.Kind == "":
		c.add("kind", "is required")
	case !slices.Contains(ContactKinds, ct.Kind):
		c.add("kind", "must be one of phone, meeting, home_visit, video, group, not %q", ct.Kind)
	}
	if ct.Minutes < 0 || ct.Minutes > MaxContactMinutes {
		c.add("minutes", "must be between 0 and %d, not %d", MaxContactMinutes, ct.Minutes)
	}
	c.maxLen("notes", ct.Notes, MaxContactNotes)
	return c.err()
}

// Validate checks o as of now: each answer 0 to 10, a known stage and a
// date that is not in the future.
func (o *ONS4) Validate(now time.Time) error {
	var c checker
	c.date("date", o.Date, now)
	for _, q := range Questions {
		if v := o.Score(q.Key); v < 0 || v > MaxScore {
			c.add(q.Key, "must be between 0 and 10, not %d", v)
		}
	}
	switch {
	case o.Stage == "":
		c.add("stage", "is required")
	case !slices.Contains(Stages, o.Stage):
		c.add("stage", "must be one of start, review, discharge, not %q", o.Stage)
	}
	return c.err()
}

// Validate checks that every goal and action says something, briefly.
// Field names are relative to the plan: goals[0], actions[1].text.
func (pl *Plan) Validate() error {
	var c checker
	pl.validate(&c, "")
	return c.err()
}

func (pl *Plan) validate(c *checker, prefix string) {
	text := func(field, v string) {
		if strings.TrimSpace(v) == "" {
			c.add(field, "is empty")
		}
		c.maxLen(field, v, MaxPlanTextLength)
	}
	for i, g := range pl.Goals {
		text(fmt.Sprintf("%sgoals[%d]", prefix, i), g)
	}
	for i, a := range pl.Actions {
		text(fmt.Sprintf("%sactions[%d].text", prefix, i), a.Text)
		c.maxLen(fmt.Sprintf("%sactions[%d].owner", prefix, i), a.Owner, MaxNameLength)
	}
}

// ValidatePhone checks a work phone number on an account: empty, or up to
// [MaxPhoneLength] characters on one line with at least one digit
// ("0113 496 0123 ext 1234" is fine; a name typed in the wrong box is not).
func ValidatePhone(phone string) error {
	if phone == "" {
		return nil
	}
	if n := utf8.RuneCountInString(phone); n > MaxPhoneLength {
		return directory.Errorf(directory.Invalid, "a phone number has at most %d characters; this one has %d", MaxPhoneLength, n)
	}
	if strings.ContainsAny(phone, "\r\n\t") || !strings.ContainsAny(phone, "0123456789") {
		return directory.Errorf(directory.Invalid, "%s is not a phone number: write it as digits, such as 0113 496 0123", directory.Quote(phone))
	}
	return nil
}
