package directory

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// Size limits for a listing, in characters. Every path that stores a
// listing (import, the listing form, the API) validates through
// [Service.Validate], so they all share these. They are generous for real
// directories; their job is to stop one oversized value (a 10 MiB
// description once made every start take 18 s and 1.6 GB) from reaching
// the store, the index and every page that shows it.
const (
	// MaxNameLength bounds names: of a service, organisation, location,
	// contact, kind of support, language or area, and a service's
	// alternate name.
	MaxNameLength = 500
	// MaxDescriptionLength bounds descriptions of a service,
	// organisation, location, service at a location, kind of support or
	// area.
	MaxDescriptionLength = 20_000
	// MaxTextLength bounds the other sentences: eligibility, how to
	// apply, fees, interpretation, alert, wait time, transport, access
	// details, notes on sessions, costs, phones and languages.
	MaxTextLength = 4_000
	// MaxURLLength bounds web addresses.
	MaxURLLength = 2_000
	// MaxShortLength bounds short values: emails, phone numbers, address
	// lines, postcodes, codes, types, dates and times as written.
	MaxShortLength = 500
	// MaxExtentLength bounds a service area's extent, which may be a
	// GeoJSON shape.
	MaxExtentLength = 100_000
	// MaxItems bounds each list in a listing (locations, schedules,
	// phones, kinds of support…).
	MaxItems = 1_000
)

// maxLen adds an error when v has more than max characters.
func (c *checker) maxLen(field, v string, max int) {
	// A string has at least as many bytes as characters: most values
	// need no counting.
	if len(v) <= max {
		return
	}
	if n := utf8.RuneCountInString(v); n > max {
		c.add(field, "is %s characters long, over the limit of %s", thousands(n), thousands(max))
	}
}

// maxItems adds an error when a list holds more than [MaxItems].
func (c *checker) maxItems(field string, n int) {
	if n > MaxItems {
		c.add(field, "has %s entries, over the limit of %s", thousands(n), thousands(MaxItems))
	}
}

// thousands writes n with commas, as people read large numbers.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// checkSizes checks every text field and list of s against the limits,
// naming each field by its HSDS path.
func (s *Service) checkSizes(c *checker) {
	for _, f := range []struct {
		field string
		v     string
		max   int
	}{
		{"name", s.Name, MaxNameLength},
		{"alternate_name", s.AlternateName, MaxNameLength},
		{"description", s.Description, MaxDescriptionLength},
		{"url", s.URL, MaxURLLength},
		{"email", s.Email, MaxShortLength},
		{"alert", s.Alert, MaxTextLength},
		{"eligibility_description", s.Eligibility, MaxTextLength},
		{"application_process", s.Application, MaxTextLength},
		{"fees_description", s.Fees, MaxTextLength},
		{"interpretation_services", s.Interpretation, MaxTextLength},
		{"wait_time", s.WaitTime, MaxTextLength},
		{"assurer_email", s.VerifiedBy, MaxShortLength},
	} {
		c.maxLen(f.field, f.v, f.max)
	}
	if o := s.Organization; o != nil {
		c.maxLen("organization.name", o.Name, MaxNameLength)
		c.maxLen("organization.description", o.Description, MaxDescriptionLength)
		c.maxLen("organization.email", o.Email, MaxShortLength)
		c.maxLen("organization.website", o.Website, MaxURLLength)
		c.maxItems("organization.organization_identifiers", len(o.Identifiers))
		for i, id := range o.Identifiers {
			p := fmt.Sprintf("organization.organization_identifiers[%d].", i)
			c.maxLen(p+"id", id.ID, MaxIDLength)
			c.maxLen(p+"identifier_scheme", id.Scheme, MaxShortLength)
			c.maxLen(p+"identifier_type", id.Type, MaxShortLength)
			c.maxLen(p+"identifier", id.Value, MaxShortLength)
		}
	}
	if pr := s.Program; pr != nil {
		c.maxLen("program.id", pr.ID, MaxIDLength)
		c.maxLen("program.name", pr.Name, MaxNameLength)
		c.maxLen("program.alternate_name", pr.AlternateName, MaxNameLength)
		c.maxLen("program.description", pr.Description, MaxDescriptionLength)
	}
	c.maxItems("funding", len(s.Funding))
	for i, f := range s.Funding {
		c.maxLen(fmt.Sprintf("funding[%d].source", i), f, MaxTextLength)
	}
	c.maxItems("required_documents", len(s.RequiredDocuments))
	for i, d := range s.RequiredDocuments {
		p := fmt.Sprintf("required_documents[%d].", i)
		c.maxLen(p+"id", d.ID, MaxIDLength)
		c.maxLen(p+"document", d.Name, MaxTextLength)
		c.maxLen(p+"uri", d.URI, MaxURLLength)
	}
	c.maxItems("attributes", len(s.Attributes))
	for i, a := range s.Attributes {
		p := fmt.Sprintf("attributes[%d].", i)
		c.maxLen(p+"id", a.ID, MaxIDLength)
		c.maxLen(p+"label", a.Label, MaxNameLength)
		c.maxLen(p+"value", a.Value, MaxTextLength)
		c.maxLen(p+"taxonomy_term.id", a.Term.ID, MaxIDLength)
		checkTerm(c, p+"taxonomy_term.", a.Term)
	}
	c.maxItems("sp_referral_routes", len(s.ReferralRoutes))
	c.maxItems("attributes", len(s.Terms))
	for i, t := range s.Terms {
		checkTerm(c, fmt.Sprintf("attributes[%d].taxonomy_term.", i), t)
	}
	c.maxItems("languages", len(s.Languages))
	for i, l := range s.Languages {
		p := fmt.Sprintf("languages[%d].", i)
		c.maxLen(p+"id", l.ID, MaxIDLength)
		c.maxLen(p+"name", l.Name, MaxNameLength)
		c.maxLen(p+"code", l.Code, MaxShortLength)
		c.maxLen(p+"note", l.Note, MaxTextLength)
	}
	c.maxItems("cost_options", len(s.CostOptions))
	for i, o := range s.CostOptions {
		p := fmt.Sprintf("cost_options[%d].", i)
		c.maxLen(p+"id", o.ID, MaxIDLength)
		c.maxLen(p+"option", o.Option, MaxTextLength)
		c.maxLen(p+"currency", o.Currency, MaxShortLength)
		c.maxLen(p+"amount_description", o.Description, MaxTextLength)
		c.maxLen(p+"valid_from", o.ValidFrom, MaxShortLength)
		c.maxLen(p+"valid_to", o.ValidTo, MaxShortLength)
	}
	c.maxItems("service_areas", len(s.Areas))
	for i, a := range s.Areas {
		p := fmt.Sprintf("service_areas[%d].", i)
		c.maxLen(p+"id", a.ID, MaxIDLength)
		c.maxLen(p+"name", a.Name, MaxNameLength)
		c.maxLen(p+"description", a.Description, MaxDescriptionLength)
		c.maxLen(p+"extent", a.Extent, MaxExtentLength)
		c.maxLen(p+"extent_type", a.ExtentType, MaxShortLength)
		c.maxLen(p+"uri", a.URI, MaxURLLength)
	}
	checkPhones(c, "phones", s.Phones)
	checkContacts(c, "contacts", s.Contacts)
	checkScheduleSizes(c, "schedules", s.Schedules)
	c.maxItems("service_at_locations", len(s.Locations))
	for i, sal := range s.Locations {
		p := fmt.Sprintf("service_at_locations[%d]", i)
		c.maxLen(p+".id", sal.ID, MaxIDLength)
		c.maxLen(p+".description", sal.Description, MaxDescriptionLength)
		checkScheduleSizes(c, p+".schedules", sal.Schedules)
		checkPhones(c, p+".phones", sal.Phones)
		checkContacts(c, p+".contacts", sal.Contacts)
		sal.Location.checkSizes(c, p+".location.")
	}
}

// checkTerm checks a term's text; its id is checked with the ids.
func checkTerm(c *checker, p string, t Term) {
	c.maxLen(p+"name", t.Name, MaxNameLength)
	c.maxLen(p+"description", t.Description, MaxDescriptionLength)
	c.maxLen(p+"taxonomy", t.Taxonomy, MaxShortLength)
	c.maxLen(p+"parent_id", t.ParentID, MaxIDLength)
	c.maxLen(p+"code", t.Code, MaxShortLength)
	c.maxLen(p+"term_uri", t.URI, MaxURLLength)
	c.maxLen(p+"version", t.Version, MaxShortLength)
}

func (l *Location) checkSizes(c *checker, p string) {
	c.maxLen(p+"name", l.Name, MaxNameLength)
	c.maxLen(p+"external_identifier", l.ExternalID, MaxShortLength)
	c.maxLen(p+"external_identifier_type", l.ExternalIDType, MaxShortLength)
	checkScheduleSizes(c, p+"schedules", l.Schedules)
	c.maxLen(p+"description", l.Description, MaxDescriptionLength)
	c.maxLen(p+"url", l.URL, MaxURLLength)
	c.maxLen(p+"transportation", l.Transportation, MaxTextLength)
	c.maxItems(p+"addresses", len(l.Addresses))
	for i, a := range l.Addresses {
		ap := fmt.Sprintf("%saddresses[%d].", p, i)
		c.maxLen(ap+"id", a.ID, MaxIDLength)
		for _, f := range []struct{ field, v string }{
			{"attention", a.Attention}, {"address_1", a.Address1}, {"address_2", a.Address2},
			{"city", a.City}, {"region", a.Region}, {"state_province", a.StateProvince},
			{"postal_code", a.PostalCode}, {"country", a.Country}, {"address_type", a.Type},
		} {
			c.maxLen(ap+f.field, f.v, MaxShortLength)
		}
	}
	c.maxItems(p+"accessibility", len(l.Accessibility))
	for i, a := range l.Accessibility {
		ap := fmt.Sprintf("%saccessibility[%d].", p, i)
		c.maxLen(ap+"id", a.ID, MaxIDLength)
		c.maxLen(ap+"description", a.Description, MaxTextLength)
		c.maxLen(ap+"details", a.Details, MaxTextLength)
		c.maxLen(ap+"url", a.URL, MaxURLLength)
	}
}

func checkPhones(c *checker, p string, phones []Phone) {
	c.maxItems(p, len(phones))
	for i, ph := range phones {
		pp := fmt.Sprintf("%s[%d].", p, i)
		c.maxLen(pp+"id", ph.ID, MaxIDLength)
		c.maxLen(pp+"number", ph.Number, MaxShortLength)
		c.maxLen(pp+"extension", ph.Extension, MaxShortLength)
		c.maxLen(pp+"type", ph.Type, MaxShortLength)
		c.maxLen(pp+"description", ph.Description, MaxTextLength)
	}
}

func checkContacts(c *checker, p string, contacts []Contact) {
	c.maxItems(p, len(contacts))
	for i, ct := range contacts {
		cp := fmt.Sprintf("%s[%d]", p, i)
		c.maxLen(cp+".id", ct.ID, MaxIDLength)
		c.maxLen(cp+".name", ct.Name, MaxNameLength)
		c.maxLen(cp+".title", ct.Title, MaxShortLength)
		c.maxLen(cp+".department", ct.Department, MaxShortLength)
		c.maxLen(cp+".email", ct.Email, MaxShortLength)
		checkPhones(c, cp+".phones", ct.Phones)
	}
}

func checkScheduleSizes(c *checker, p string, schedules []Schedule) {
	c.maxItems(p, len(schedules))
	for i, s := range schedules {
		sp := fmt.Sprintf("%s[%d].", p, i)
		c.maxLen(sp+"id", s.ID, MaxIDLength)
		for _, f := range []struct{ field, v string }{
			{"byday", s.ByDay}, {"bymonthday", s.ByMonthDay}, {"opens_at", s.Opens}, {"closes_at", s.Closes},
			{"valid_from", s.ValidFrom}, {"valid_to", s.ValidTo}, {"dtstart", s.DTStart}, {"attending_type", s.AttendingType},
		} {
			c.maxLen(sp+f.field, f.v, MaxShortLength)
		}
		c.maxLen(sp+"description", s.Description, MaxTextLength)
		c.maxLen(sp+"notes", s.Notes, MaxTextLength)
	}
}

// shortenMax is how much of a bad value a message repeats.
const shortenMax = 60

// Shorten returns v cut to a few dozen characters, for a message: a
// message names a bad value, it never repeats an oversized one.
func Shorten(v string) string {
	if utf8.RuneCountInString(v) <= shortenMax {
		return v
	}
	return string([]rune(v)[:shortenMax-1]) + "…"
}

// Quote returns [Shorten](v) in double quotes.
func Quote(v string) string { return strconv.Quote(Shorten(v)) }
