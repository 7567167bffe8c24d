package directory

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxIDLength is the longest id accepted. Feeds use UUIDs, numbers and
// other strings; ids are kept as given.
const MaxIDLength = 200

// FieldError is one problem with one field, named by its JSON path
// (for example "service_at_locations[0].location.latitude").
type FieldError struct {
	Field string
	Msg   string
}

func (e FieldError) Error() string { return fmt.Sprintf("field %q: %s", e.Field, e.Msg) }

// ValidationError lists every problem found in a record.
type ValidationError []FieldError

func (v ValidationError) Error() string {
	msgs := make([]string, len(v))
	for i, e := range v {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "; ")
}

type checker struct{ errs ValidationError }

func (c *checker) add(field, format string, args ...any) {
	c.errs = append(c.errs, FieldError{Field: field, Msg: fmt.Sprintf(format, args...)})
}

func (c *checker) id(field, id string) {
	switch {
	case strings.TrimSpace(id) == "":
		c.add(field, "is required")
	case utf8.RuneCountInString(id) > MaxIDLength:
		c.add(field, "is longer than %d characters", MaxIDLength)
	}
}

func (c *checker) required(field, v string) {
	if strings.TrimSpace(v) == "" {
		c.add(field, "is required")
	}
}

// Validate checks s and returns a *[Error] of kind Invalid wrapping a
// [ValidationError] that names every bad field, or nil.
func (s *Service) Validate() error {
	var c checker
	c.id("id", s.ID)
	c.required("name", s.Name)
	if !s.Status.Valid() {
		if s.Status == "" {
			c.add("status", "is required (active, inactive, defunct or temporarily closed)")
		} else {
			c.add("status", "must be active, inactive, defunct or temporarily closed, not %s", Quote(string(s.Status)))
		}
	}
	if o := s.Organization; o != nil {
		c.id("organization.id", o.ID)
		c.required("organization.name", o.Name)
	}
	for _, a := range []struct {
		field string
		v     *int
	}{{"minimum_age", s.MinimumAge}, {"maximum_age", s.MaximumAge}} {
		if a.v != nil && (*a.v < 0 || *a.v > 130) {
			c.add(a.field, "must be an age between 0 and 130, not %d", *a.v)
		}
	}
	if s.MinimumAge != nil && s.MaximumAge != nil && *s.MinimumAge > *s.MaximumAge {
		c.add("maximum_age", "is %d, below the minimum age %d", *s.MaximumAge, *s.MinimumAge)
	}
	for i, r := range s.ReferralRoutes {
		if !r.Valid() {
			c.add(fmt.Sprintf("sp_referral_routes[%d]", i), "must be self-referral, professional-referral or drop-in, not %s", Quote(string(r)))
		}
	}
	if !s.Accepting.Valid() {
		c.add("sp_accepting_referrals", "must be yes, waiting_list or full, not %s", Quote(string(s.Accepting)))
	}
	if s.TypicalWaitDays < 0 || s.TypicalWaitDays > 730 {
		c.add("sp_typical_wait_days", "must be between 0 and 730 days, not %d", s.TypicalWaitDays)
	}
	for i, t := range s.Terms {
		c.id(fmt.Sprintf("attributes[%d].taxonomy_term.id", i), t.ID)
	}
	for i, l := range s.Languages {
		if l.Name == "" && l.Code == "" {
			c.add(fmt.Sprintf("languages[%d]", i), "needs a name or a code")
		}
	}
	for i, sc := range s.Schedules {
		sc.validate(&c, fmt.Sprintf("schedules[%d]", i))
	}
	for i, sal := range s.Locations {
		p := fmt.Sprintf("service_at_locations[%d]", i)
		c.id(p+".location.id", sal.Location.ID)
		sal.Location.validate(&c, p+".location")
		for j, sc := range sal.Schedules {
			sc.validate(&c, fmt.Sprintf("%s.schedules[%d]", p, j))
		}
	}
	s.checkSizes(&c)
	if len(c.errs) == 0 {
		return nil
	}
	return &Error{Kind: Invalid, Msg: c.errs.Error(), Err: c.errs}
}

// Validate checks an organisation listed on its own, as [Service.Validate]
// checks one that runs a service.
func (o *Organization) Validate() error {
	s := Service{ID: "-", Name: "-", Status: StatusActive, Organization: o}
	return s.Validate()
}

// Validate checks a location listed on its own, naming fields by their
// path in an HSDS location.
func (l *Location) Validate() error {
	var c checker
	c.id("id", l.ID)
	if l.IsReference() {
		c.add("location_type", "is required (physical, postal or virtual)")
	} else {
		l.validate(&c, "")
	}
	l.checkSizes(&c, "")
	if len(c.errs) == 0 {
		return nil
	}
	for i := range c.errs {
		c.errs[i].Field = strings.TrimPrefix(c.errs[i].Field, ".")
	}
	return &Error{Kind: Invalid, Msg: c.errs.Error(), Err: c.errs}
}

// Validate checks a taxonomy term listed in a vocabulary.
func (t *Term) Validate() error {
	var c checker
	c.id("id", t.ID)
	c.required("name", t.Name)
	c.maxLen("id", t.ID, MaxIDLength)
	checkTerm(&c, "", *t)
	if len(c.errs) == 0 {
		return nil
	}
	return &Error{Kind: Invalid, Msg: c.errs.Error(), Err: c.errs}
}

// IsReference reports whether l names a location by its id alone, as an
// HSDS service_at_location with a location_id and no nested location
// does: storing the service links it to the location held under that id,
// which must be stored already. A location described at all must have a
// type.
func (l *Location) IsReference() bool {
	return l.Type == "" && l.Name == "" && l.Description == "" && l.URL == "" && l.Transportation == "" &&
		l.Point == nil && len(l.Addresses) == 0 && len(l.Accessibility) == 0 && len(l.Schedules) == 0 &&
		l.ExternalID == "" && l.ExternalIDType == ""
}

func (l *Location) validate(c *checker, p string) {
	if l.IsReference() {
		return
	}
	for i, sc := range l.Schedules {
		sc.validate(c, fmt.Sprintf("%s.schedules[%d]", p, i))
	}
	switch l.Type {
	case Physical, Postal, Virtual:
	case "":
		c.add(p+".location_type", "is required (physical, postal or virtual)")
	default:
		c.add(p+".location_type", "must be physical, postal or virtual, not %s", Quote(string(l.Type)))
	}
	if pt := l.Point; pt != nil {
		if pt.Lat() < -90 || pt.Lat() > 90 {
			c.add(p+".latitude", "must be between -90 and 90, not %g", pt.Lat())
		}
		if pt.Lon() < -180 || pt.Lon() > 180 {
			c.add(p+".longitude", "must be between -180 and 180, not %g", pt.Lon())
		}
	}
}

func (s *Schedule) validate(c *checker, p string) {
	if s.Freq != "" && s.Freq != Weekly && s.Freq != Monthly {
		c.add(p+".freq", "must be WEEKLY or MONTHLY, not %s", Quote(string(s.Freq)))
	}
	if _, err := ParseByDay(s.ByDay); err != nil {
		c.add(p+".byday", "%v", err)
	}
	for _, f := range []struct{ name, v string }{{"opens_at", s.Opens}, {"closes_at", s.Closes}} {
		if f.v == "" {
			continue
		}
		if _, err := ParseClock(f.v); err != nil {
			c.add(p+"."+f.name, "%v", err)
		}
	}
}
