package hsds

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/paulmach/orb"
)

// mapping carries the problems found while turning one HSDS record into a
// directory.Service: errors make the record invalid, warnings do not.
type mapping struct {
	errs     directory.ValidationError
	warnings []string
}

func (m *mapping) fail(field, format string, args ...any) {
	m.errs = append(m.errs, directory.FieldError{Field: field, Msg: fmt.Sprintf(format, args...)})
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

func (m *mapping) date(field, s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	for _, layout := range []string{time.DateOnly, time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	m.fail(field, "%s is not a date like 2025-03-31", directory.Quote(s))
	return time.Time{}
}

func (m *mapping) age(field string, n number) *int {
	if n.v == nil {
		return nil
	}
	if *n.v != math.Trunc(*n.v) {
		m.fail(field, "must be a whole number of years, not %g", *n.v)
		return nil
	}
	v := int(*n.v)
	return &v
}

// clock normalises a time of day to HH:MM; an unreadable one is kept as
// given so that validation names it.
func clock(s string) string {
	if s = strings.TrimSpace(s); s == "" {
		return ""
	}
	c, err := directory.ParseClock(s)
	if err != nil {
		return s
	}
	return c.String()
}

func toSchedules(in []schedule, owner string) []directory.Schedule {
	var out []directory.Schedule
	for i, s := range in {
		interval := 0
		if s.Interval.v != nil {
			interval = int(*s.Interval.v)
		}
		out = append(out, directory.Schedule{
			ID:            or(s.ID, fmt.Sprintf("%s-schedule-%d", owner, i)),
			Freq:          directory.Frequency(strings.ToUpper(strings.TrimSpace(s.Freq))),
			Interval:      interval,
			ByDay:         s.ByDay,
			ByMonthDay:    string(s.ByMonthDay),
			Opens:         clock(s.OpensAt),
			Closes:        clock(s.ClosesAt),
			ValidFrom:     s.ValidFrom,
			ValidTo:       s.ValidTo,
			DTStart:       s.DTStart,
			Description:   s.Description,
			AttendingType: s.AttendingType,
			Notes:         s.Notes,
		})
	}
	return out
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

func (m *mapping) toLocation(l *location, field, fallbackID string) directory.Location {
	id := or(l.ID, fallbackID)
	loc := directory.Location{
		ID:             id,
		Type:           directory.LocationType(strings.ToLower(strings.TrimSpace(l.LocationType))),
		Name:           l.Name,
		Description:    l.Description,
		URL:            l.URL,
		Transportation: l.Transportation,
	}
	if lat, lon := l.Latitude.v, l.Longitude.v; lat != nil && lon != nil {
		switch {
		case *lat < -90 || *lat > 90 || *lon < -180 || *lon > 180:
			// The HSDS and UK-profile examples carry 100, 101: keep the
			// record, drop the impossible point, and say so.
			m.warnings = append(m.warnings, fmt.Sprintf("%s: latitude %g, longitude %g is not a place on Earth; position ignored", field, *lat, *lon))
		case *lat == 0 && *lon == 0:
			m.warnings = append(m.warnings, fmt.Sprintf("%s: latitude and longitude are both 0; position ignored", field))
		default:
			loc.Point = &orb.Point{*lon, *lat}
		}
	} else if (lat == nil) != (lon == nil) {
		m.fail(field+".latitude", "latitude and longitude must be given together")
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
			ID: or(a.ID, fmt.Sprintf("%s-access-%d", id, i)), Description: a.Description, Details: a.Details, URL: a.URL,
		})
	}
	return loc
}

// toService maps one HSDS record onto the domain. It does not validate
// beyond what the mapping itself needs; the caller runs Validate.
func (m *mapping) toService(in *service) *directory.Service {
	id := strings.TrimSpace(string(in.ID))
	s := &directory.Service{
		ID:             id,
		Name:           strings.TrimSpace(in.Name),
		AlternateName:  in.AlternateName,
		Description:    in.Description,
		URL:            in.URL,
		Email:          in.Email,
		Status:         directory.Status(strings.ToLower(strings.TrimSpace(in.Status))),
		Alert:          in.Alert,
		Eligibility:    in.EligibilityDescription,
		Application:    in.ApplicationProcess,
		Fees:           directory.FirstNonBlank(in.FeesDescription, in.Fees),
		Interpretation: in.InterpretationServices,
		WaitTime:       string(in.WaitTime),
		MinimumAge:     m.age("minimum_age", in.MinimumAge),
		MaximumAge:     m.age("maximum_age", in.MaximumAge),
		Accepting:      directory.Capacity(strings.ToLower(strings.TrimSpace(in.AcceptingReferrals))),
		LastVerified:   m.date("assured_date", in.AssuredDate),
		VerifiedBy:     in.AssurerEmail,
		LastModified:   m.date("last_modified", in.LastModified),
		Phones:         toPhones(in.Phones, id),
		Contacts:       toContacts(in.Contacts, id),
		Schedules:      toSchedules(in.Schedules, id),
	}
	if in.TypicalWaitDays.v != nil {
		s.TypicalWaitDays = int(*in.TypicalWaitDays.v)
	}
	for _, r := range in.ReferralRoutes {
		s.ReferralRoutes = append(s.ReferralRoutes, directory.ReferralRoute(strings.ToLower(strings.TrimSpace(r))))
	}
	if o := in.Organization; o != nil {
		s.Organization = &directory.Organization{
			ID: strings.TrimSpace(string(o.ID)), Name: strings.TrimSpace(o.Name),
			Description: o.Description, Email: o.Email, Website: o.Website,
		}
	} else if oid := strings.TrimSpace(string(in.OrganizationID)); oid != "" {
		// A flat feed names the organisation only by id.
		s.Organization = &directory.Organization{ID: oid, Name: oid}
	}
	for i, l := range in.Languages {
		if strings.TrimSpace(l.Name) == "" && strings.TrimSpace(l.Code) == "" {
			// HSDS requires only the id, and the UK profile example lists
			// languages by id alone; there is nothing to show for one.
			m.warnings = append(m.warnings, fmt.Sprintf("languages[%d]: no name or code; language ignored", i))
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
			ID: or(a.ID, fmt.Sprintf("%s-area-%d", id, i)), Name: a.Name, Description: a.Description,
			Extent: a.Extent, ExtentType: a.ExtentType, URI: a.URI,
		})
	}
	seenTerm := map[string]bool{}
	for _, a := range in.Attributes {
		t := directory.Term{ID: strings.TrimSpace(string(a.TaxonomyTermID))}
		if tt := a.TaxonomyTerm; tt != nil {
			t.ID = or(tt.ID, t.ID)
			t.Name = directory.FirstNonBlank(tt.Name, tt.Term)
			t.Description = tt.Description
			t.Taxonomy = directory.FirstNonBlank(tt.Taxonomy, string(tt.TaxonomyID))
			t.ParentID = string(tt.ParentID)
		}
		if t.ID == "" || seenTerm[t.ID] {
			continue // an attribute that is not a taxonomy link
		}
		seenTerm[t.ID] = true
		s.Terms = append(s.Terms, t)
	}
	for i, sal := range in.ServiceAtLocations {
		field := fmt.Sprintf("service_at_locations[%d]", i)
		salID := or(sal.ID, fmt.Sprintf("%s-at-%d", id, i))
		if sal.Location == nil {
			m.fail(field+".location", "is required")
			continue
		}
		s.Locations = append(s.Locations, directory.ServiceAtLocation{
			ID:          salID,
			Description: sal.Description,
			Location:    m.toLocation(sal.Location, field+".location", salID+"-location"),
			Schedules:   toSchedules(sal.Schedules, salID),
			Phones:      toPhones(sal.Phones, salID),
			Contacts:    toContacts(sal.Contacts, salID),
		})
	}
	return s
}
