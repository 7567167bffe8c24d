package hsds

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/linkway/linkway/directory"
)

// mapping turns the HSDS 3.0 objects of one record into the domain. What
// cannot be used as given is dropped or normalised with a warning on rec;
// only what makes the record unusable (no id, no name, sizes over the
// limits) is left for Validate to refuse.
type mapping struct {
	rec *Record
}

// or returns id, or fallback when the feed left the id out: HSDS requires
// ids on nested objects but many feeds omit them, and a stable derived id
// keeps re-imports idempotent.
func or(id text, fallback string) string {
	if s := strings.TrimSpace(string(id)); s != "" {
		return s
	}
	return fallback
}

// join names member of the object at field, which is "" for the
// record's own object.
func join(field, member string) string {
	if field == "" {
		return member
	}
	return field + "." + member
}

// statusWords are status values feeds write that are not HSDS's but mean
// one of its statuses.
var statusWords = map[string]directory.Status{
	"open": directory.StatusActive, "live": directory.StatusActive, "available": directory.StatusActive,
	"closed": directory.StatusInactive, "suspended": directory.StatusTemporarilyClosed,
	"temporarily_closed": directory.StatusTemporarilyClosed, "temporarily-closed": directory.StatusTemporarilyClosed,
}

// status reads a service's status. HSDS requires one of four; a service
// without one is taken as active (a feed lists what it runs), and one
// with another value as inactive, so that nothing is shown to residents
// on a guess: both with a warning.
func (m *mapping) status(s string) directory.Status {
	v := directory.Status(strings.ToLower(strings.TrimSpace(s)))
	switch {
	case v.Valid():
		return v
	case v == "":
		m.rec.Warn("status", s, "missing: read as active")
		return directory.StatusActive
	case statusWords[string(v)] != "":
		m.rec.Warn("status", s, "read as "+string(statusWords[string(v)]))
		return statusWords[string(v)]
	}
	m.rec.Warn("status", s, "not an HSDS status: read as inactive, so not listed")
	return directory.StatusInactive
}

func (m *mapping) schedules(in []schedule, field, owner string) []directory.Schedule {
	var out []directory.Schedule
	for i, s := range in {
		// The path is written only for a warning: most schedules need none.
		at := func(member string) string { return field + "[" + strconv.Itoa(i) + "]." + member }
		sc := directory.Schedule{
			ID:            or(s.ID, owner+"-schedule-"+strconv.Itoa(i)),
			ByDay:         m.byDay(at, "byday", s.ByDay),
			ByMonthDay:    strings.TrimSpace(string(s.ByMonthDay)),
			Opens:         m.clock(at, "opens_at", s.OpensAt),
			Closes:        m.clock(at, "closes_at", s.ClosesAt),
			ValidFrom:     m.dateOnly(at, "valid_from", s.ValidFrom),
			ValidTo:       m.dateOnly(at, "valid_to", s.ValidTo),
			DTStart:       s.DTStart,
			Description:   s.Description,
			AttendingType: s.AttendingType,
			Notes:         s.Notes,
		}
		sc.Freq, sc.ByDay = m.rec.Frequency(at("freq"), s.Freq, sc.ByDay)
		if s.Interval.v != nil {
			if n := *s.Interval.v; n >= 1 && n == float64(int(n)) {
				sc.Interval = int(n)
			} else {
				m.rec.Warn(at("interval"), fmt.Sprint(n), "dropped: not a whole number of weeks or months")
			}
		}
		out = append(out, sc)
	}
	return out
}

// clock, byDay and dateOnly read a schedule's values as Record.Clock,
// ByDay and DateOnly do, naming the field (at(member)) only when there is
// something to say.
func (m *mapping) clock(at func(string) string, member, s string) string {
	if v, standard, ok := clockValue(s); ok && standard {
		return v
	}
	return m.rec.Clock(at(member), s)
}

func (m *mapping) byDay(at func(string) string, member, s string) string {
	if v, standard, ok := byDayValue(s); ok && standard {
		return v
	}
	return m.rec.ByDay(at(member), s)
}

func (m *mapping) dateOnly(at func(string) string, member, s string) string {
	if t := strings.TrimSpace(s); t == "" || len(t) == len(time.DateOnly) && isDate(t) {
		return t
	}
	return m.rec.DateOnly(at(member), s)
}

// isDate reports whether s is a YYYY-MM-DD date.
func isDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

func toPhones(in []phone, owner string) []directory.Phone {
	var out []directory.Phone
	for i, p := range in {
		// The HSDS example quotes its number inside the string.
		num := strings.Trim(strings.TrimSpace(string(p.Number)), `"`)
		out = append(out, directory.Phone{
			ID: or(p.ID, fmt.Sprintf("%s-phone-%d", owner, i)), Number: num,
			Extension: string(p.Extension), Type: p.Type, Description: p.Description,
		})
	}
	return out
}

func toContacts(in []contact, owner string) []directory.Contact {
	var out []directory.Contact
	for i, c := range in {
		id := or(c.ID, fmt.Sprintf("%s-contact-%d", owner, i))
		out = append(out, directory.Contact{
			ID: id, Name: c.Name, Title: c.Title, Department: c.Department,
			Email: c.Email, Phones: toPhones(c.Phones, id),
		})
	}
	return out
}

// locationType reads a location's type. HSDS requires one; a location
// without one, or with another word, is read as virtual when all it has
// is a web address and as physical otherwise, with a warning.
func (m *mapping) locationType(l *location, field string) directory.LocationType {
	v := directory.LocationType(strings.ToLower(strings.TrimSpace(l.LocationType)))
	switch v {
	case directory.Physical, directory.Postal, directory.Virtual:
		return v
	}
	guess := directory.Physical
	if l.URL != "" && len(l.Addresses) == 0 && l.Latitude.v == nil {
		guess = directory.Virtual
	}
	action := "not physical, postal or virtual: read as " + string(guess)
	if v == "" {
		action = "missing: read as " + string(guess)
	}
	m.rec.Warn(join(field, "location_type"), l.LocationType, action)
	return guess
}

// location maps a location found at field (its JSON path in the record).
func (m *mapping) location(l *location, field, fallbackID string) directory.Location {
	id := or(l.ID, fallbackID)
	loc := directory.Location{
		ID:             id,
		Type:           m.locationType(l, field),
		Name:           strings.TrimSpace(l.Name),
		Description:    l.Description,
		URL:            l.URL,
		Transportation: l.Transportation,
		Point:          m.rec.Point(field, l.Latitude.v, l.Longitude.v),
		Schedules:      m.schedules(l.Schedules, join(field, "schedules"), id),
		ExternalID:     strings.TrimSpace(string(l.ExternalIdentifier)),
		ExternalIDType: strings.ToLower(strings.TrimSpace(l.ExternalIdentifierType)),
		Confidential:   confidential(l.Attributes),
	}
	for i, a := range l.Addresses {
		loc.Addresses = append(loc.Addresses, directory.Address{
			ID: or(a.ID, fmt.Sprintf("%s-address-%d", id, i)), Attention: a.Attention,
			Address1: a.Address1, Address2: a.Address2, City: a.City, Region: a.Region,
			StateProvince: a.StateProvince, PostalCode: strings.TrimSpace(a.PostalCode),
			Country: a.Country, Type: a.AddressType,
		})
	}
	for i, a := range l.Accessibility {
		loc.Accessibility = append(loc.Accessibility, directory.Accessibility{
			ID: or(a.ID, fmt.Sprintf("%s-access-%d", id, i)), Description: directory.FirstNonBlank(a.Description, a.Accessibility),
			Details: a.Details, URL: a.URL,
		})
	}
	return loc
}

// ConfidentialTerm is the taxonomy term that marks a location as
// confidential (a refuge) in a feed: a location attribute whose
// taxonomy_term_id, or whose taxonomy_term's id, code or name, is
// "confidential" in any case. HSDS 3.0 and the UK profile both allow
// attributes on a location, so a feed says it without leaving the
// standard. Linkway then shows the place only by its postcode district
// (see [directory.Location.ForPublic]).
const ConfidentialTerm = "confidential"

// confidential reports whether a location's attributes mark it
// confidential.
func confidential(attrs []attribute) bool {
	for _, a := range attrs {
		names := []string{string(a.TaxonomyTermID)}
		if t := a.TaxonomyTerm; t != nil {
			names = append(names, string(t.ID), string(t.Code), t.Name)
		}
		for _, n := range names {
			if strings.EqualFold(strings.TrimSpace(n), ConfidentialTerm) {
				return true
			}
		}
	}
	return false
}

// organization maps an organisation found at field. HSDS requires its
// name; one without is named by its id, with a warning, rather than
// losing the service that names it.
func (m *mapping) organization(o *organization, field string) *directory.Organization {
	out := &directory.Organization{
		ID: strings.TrimSpace(string(o.ID)), Name: strings.TrimSpace(o.Name),
		Description: o.Description, Email: o.Email, Website: o.Website,
	}
	if out.Name == "" && out.ID != "" {
		m.rec.Warn(join(field, "name"), "", "missing: the organisation is named by its id")
		out.Name = out.ID
	}
	for i, id := range o.Identifiers {
		value := strings.TrimSpace(string(id.Identifier))
		if value == "" {
			m.rec.Warn(join(field, fmt.Sprintf("organization_identifiers[%d].identifier", i)), "", "missing: identifier dropped")
			continue
		}
		out.Identifiers = append(out.Identifiers, directory.Identifier{
			ID:     or(id.ID, fmt.Sprintf("%s-identifier-%d", out.ID, i)),
			Scheme: strings.ToUpper(strings.TrimSpace(id.Scheme)), Type: strings.TrimSpace(id.Type), Value: value,
		})
	}
	return out
}

func toProgram(p *program, owner string) *directory.Program {
	return &directory.Program{ID: or(p.ID, owner+"-program"), Name: strings.TrimSpace(p.Name), AlternateName: p.AlternateName, Description: p.Description}
}

// term maps a taxonomy term. The taxonomy it belongs to is named by the
// taxonomy's name when the term carries it, else by the id or name the
// term gives; tax is the taxonomy that lists the term, if any.
func toTerm(tt *taxonomyTerm, tax *taxonomy) directory.Term {
	t := directory.Term{
		ID:          strings.TrimSpace(string(tt.ID)),
		Name:        strings.TrimSpace(directory.FirstNonBlank(tt.Name, tt.Term)),
		Description: tt.Description,
		ParentID:    strings.TrimSpace(string(tt.ParentID)),
		Taxonomy:    directory.FirstNonBlank(tt.Taxonomy, string(tt.TaxonomyID)),
		Code:        strings.TrimSpace(string(tt.Code)),
		URI:         strings.TrimSpace(tt.TermURI),
	}
	if tax == nil {
		tax = tt.TaxonomyDetail
	}
	if tax != nil {
		t.Taxonomy = directory.FirstNonBlank(tax.Name, t.Taxonomy, string(tax.ID))
		t.Version = strings.TrimSpace(string(tax.Version))
	}
	return t
}

// service maps one HSDS service. It does not validate beyond what the
// mapping itself needs; the caller runs Validate.
func (m *mapping) service(in *service) *directory.Service {
	id := strings.TrimSpace(string(in.ID))
	minAge, maxAge := m.rec.Ages("minimum_age", in.MinimumAge.v, "maximum_age", in.MaximumAge.v)
	s := &directory.Service{
		ID:             id,
		Name:           strings.TrimSpace(in.Name),
		AlternateName:  in.AlternateName,
		Description:    in.Description,
		URL:            in.URL,
		Email:          in.Email,
		Status:         m.status(in.Status),
		Alert:          in.Alert,
		Eligibility:    in.EligibilityDescription,
		Application:    in.ApplicationProcess,
		Fees:           directory.FirstNonBlank(in.FeesDescription, in.Fees),
		Interpretation: in.InterpretationServices,
		WaitTime:       string(in.WaitTime),
		MinimumAge:     minAge,
		MaximumAge:     maxAge,
		LastVerified:   m.rec.Date("assured_date", in.AssuredDate),
		VerifiedBy:     in.AssurerEmail,
		LastModified:   m.rec.Date("last_modified", in.LastModified),
		Phones:         toPhones(in.Phones, id),
		Contacts:       toContacts(in.Contacts, id),
		Schedules:      m.schedules(in.Schedules, "schedules", id),
	}
	m.extensions(in, s)
	if o := in.Organization; o != nil {
		s.Organization = m.organization(o, "organization")
	} else if oid := strings.TrimSpace(string(in.OrganizationID)); oid != "" {
		// A flat feed names the organisation only by id.
		s.Organization = &directory.Organization{ID: oid, Name: oid}
	}
	for i, l := range in.Languages {
		if strings.TrimSpace(l.Name) == "" && strings.TrimSpace(l.Code) == "" {
			// HSDS requires only the id, and the UK profile example lists
			// languages by id alone; there is nothing to show for one.
			m.rec.Warn(fmt.Sprintf("languages[%d]", i), string(l.ID), "dropped: no name or code")
			continue
		}
		s.Languages = append(s.Languages, directory.Language{
			ID: or(l.ID, fmt.Sprintf("%s-language-%d", id, i)), Name: l.Name, Code: strings.ToLower(l.Code), Note: l.Note,
		})
	}
	for i, c := range in.CostOptions {
		s.CostOptions = append(s.CostOptions, directory.CostOption{
			ID: or(c.ID, fmt.Sprintf("%s-cost-%d", id, i)), Option: c.Option, Amount: c.Amount.v,
			Currency: c.Currency, Description: c.AmountDescription, ValidFrom: c.ValidFrom, ValidTo: c.ValidTo,
		})
	}
	for i, a := range in.ServiceAreas {
		s.Areas = append(s.Areas, directory.ServiceArea{
			ID: or(a.ID, fmt.Sprintf("%s-area-%d", id, i)), Name: directory.FirstNonBlank(a.Name, a.ServiceArea), Description: a.Description,
			Extent: a.Extent, ExtentType: a.ExtentType, URI: a.URI,
		})
	}
	m.attributes(in.Attributes, s)
	if p := in.Program; p != nil {
		s.Program = toProgram(p, id)
	}
	for i, f := range in.Funding {
		if src := strings.TrimSpace(f.Source); src != "" {
			s.Funding = append(s.Funding, src)
		} else {
			m.rec.Warn(fmt.Sprintf("funding[%d].source", i), "", "missing: funding dropped")
		}
	}
	for i, d := range in.RequiredDocuments {
		if strings.TrimSpace(d.Document) == "" && strings.TrimSpace(d.URI) == "" {
			m.rec.Warn(fmt.Sprintf("required_documents[%d]", i), string(d.ID), "dropped: no document named")
			continue
		}
		s.RequiredDocuments = append(s.RequiredDocuments, directory.Document{
			ID: or(d.ID, fmt.Sprintf("%s-document-%d", id, i)), Name: strings.TrimSpace(d.Document), URI: strings.TrimSpace(d.URI),
		})
	}
	for i, sal := range in.ServiceAtLocations {
		if at, ok := m.serviceAtLocation(&sal, fmt.Sprintf("service_at_locations[%d]", i), fmt.Sprintf("%s-at-%d", id, i)); ok {
			s.Locations = append(s.Locations, at)
		}
	}
	return s
}

// extensions reads Linkway's social prescribing fields ("sp_"), which
// only Linkway writes: a value it cannot use is dropped with a warning.
func (m *mapping) extensions(in *service, s *directory.Service) {
	for i, r := range in.ReferralRoutes {
		route := directory.ReferralRoute(strings.ToLower(strings.TrimSpace(r)))
		if !route.Valid() {
			m.rec.Warn(fmt.Sprintf("sp_referral_routes[%d]", i), r, "dropped: not self-referral, professional-referral or drop-in")
			continue
		}
		s.ReferralRoutes = append(s.ReferralRoutes, route)
	}
	if c := directory.Capacity(strings.ToLower(strings.TrimSpace(in.AcceptingReferrals))); c.Valid() {
		s.Accepting = c
	} else {
		m.rec.Warn("sp_accepting_referrals", in.AcceptingReferrals, "dropped: not yes, waiting_list or full")
	}
	if d := in.TypicalWaitDays.v; d != nil {
		if *d >= 0 && *d <= 730 {
			s.TypicalWaitDays = int(*d + 0.5)
		} else {
			m.rec.Warn("sp_typical_wait_days", fmt.Sprint(*d), "dropped: not between 0 and 730 days")
		}
	}
}

// attributes reads a service's attributes: each links a taxonomy term,
// kept as one of the service's terms; one with a value ("wheelchair
// access: partial") is kept with its value as well.
func (m *mapping) attributes(in []attribute, s *directory.Service) {
	seen := map[string]bool{}
	for i, a := range in {
		t := directory.Term{ID: strings.TrimSpace(string(a.TaxonomyTermID))}
		if tt := a.TaxonomyTerm; tt != nil {
			nested := toTerm(tt, nil)
			if nested.ID == "" {
				nested.ID = t.ID
			}
			t = nested
		}
		if t.ID == "" {
			m.rec.Warn(fmt.Sprintf("attributes[%d]", i), string(a.ID), "dropped: names no taxonomy term")
			continue
		}
		if v := strings.TrimSpace(string(a.Value)); v != "" {
			s.Attributes = append(s.Attributes, directory.Attribute{
				ID: or(a.ID, fmt.Sprintf("%s-attribute-%d", s.ID, i)), Term: t, Label: strings.TrimSpace(a.LinkType), Value: v,
			})
		}
		if !seen[t.ID] {
			seen[t.ID] = true
			s.Terms = append(s.Terms, t)
		}
	}
}

// serviceAtLocation maps one service_at_location found at field. It
// names its location in full, or by location_id alone (a reference to a
// location listed elsewhere, which the importer checks); with neither it
// is dropped with a warning.
func (m *mapping) serviceAtLocation(sal *serviceAtLocation, field, fallbackID string) (directory.ServiceAtLocation, bool) {
	id := or(sal.ID, fallbackID)
	at := directory.ServiceAtLocation{
		ID:          id,
		Description: sal.Description,
		Schedules:   m.schedules(sal.Schedules, field+".schedules", id),
		Phones:      toPhones(sal.Phones, id),
		Contacts:    toContacts(sal.Contacts, id),
	}
	switch {
	case sal.Location != nil:
		at.Location = m.location(sal.Location, field+".location", id+"-location")
	case strings.TrimSpace(string(sal.LocationID)) != "":
		at.Location = directory.Location{ID: strings.TrimSpace(string(sal.LocationID))}
	default:
		m.rec.Warn(field, string(sal.ID), "dropped: names no location (neither location nor location_id)")
		return at, false
	}
	return at, true
}
