package directory

import (
	"strings"

	"github.com/paulmach/orb"
)

// ForPublic returns s as anyone may see it: a copy in which every
// confidential location is reduced to its postcode district by
// [Location.ForPublic]. A service with no confidential location is
// returned as it is. The copy shares everything it does not change with
// s, so neither may be modified afterwards.
//
// Public pages, the public and Open Referral APIs and exports call it on
// every service they show; only casework pages show s itself.
func (s *Service) ForPublic() *Service {
	if s == nil || !s.HasConfidential() {
		return s
	}
	c := *s
	c.Locations = make([]ServiceAtLocation, len(s.Locations))
	for i, sl := range s.Locations {
		if sl.Location.Confidential {
			// What the service says about one place (a description of
			// the way in, staff to ask for) can give the place away.
			sl.Description = ""
			sl.Contacts = nil
			sl.Location = sl.Location.ForPublic()
		}
		c.Locations[i] = sl
	}
	return &c
}

// HasConfidential reports whether any of the service's locations is
// confidential.
func (s *Service) HasConfidential() bool {
	for _, sl := range s.Locations {
		if sl.Location.Confidential {
			return true
		}
	}
	return false
}

// ForPublic returns l as anyone may see it. A confidential location keeps
// its id, type, opening times and the town, region and country of its
// addresses; its postcode becomes the district ("LS6 1AA" becomes "LS6")
// and everything that could lead someone to the door goes: the name,
// street lines, description, directions, website, accessibility notes,
// register id (a UPRN is an address) and its point. With no point, the
// place is left out of distance searches rather than placed near the door.
// A location that is not confidential is returned unchanged.
func (l Location) ForPublic() Location {
	if !l.Confidential {
		return l
	}
	p := Location{
		ID:           l.ID,
		Type:         l.Type,
		Schedules:    l.Schedules,
		Confidential: true,
	}
	for _, a := range l.Addresses {
		p.Addresses = append(p.Addresses, Address{
			ID:            a.ID,
			City:          a.City,
			Region:        a.Region,
			StateProvince: a.StateProvince,
			PostalCode:    PostcodeDistrict(a.PostalCode),
			Country:       a.Country,
			Type:          a.Type,
		})
	}
	return p
}

// PostcodeDistrict returns the district (outward code) of the UK postcode
// pc: "LS6 1AA", "ls61aa" and "LS6" all give "LS6". Anything that does not
// end in an inward code (a digit and two letters) and is too long to be a
// district itself gives "", so that a mistyped postcode is dropped rather
// than shown whole. It checks the shape only, as package geo needs
// directory and so cannot be used here.
func PostcodeDistrict(pc string) string {
	c := strings.ToUpper(strings.Join(strings.Fields(pc), ""))
	if n := len(c); n >= 5 && n <= 7 && isDigit(c[n-3]) && isLetter(c[n-2]) && isLetter(c[n-1]) {
		return c[:n-3]
	}
	if n := len(c); n >= 2 && n <= 4 && isLetter(c[0]) && isDigit(c[n-1]) || n >= 3 && n <= 4 && isLetter(c[0]) && isLetter(c[n-1]) && isDigit(c[n-2]) {
		return c
	}
	return ""
}

func isDigit(b byte) bool  { return '0' <= b && b <= '9' }
func isLetter(b byte) bool { return 'A' <= b && b <= 'Z' }

// PublicPoint is the point searches may measure distances to: l's own,
// or nil for a confidential location, whose distance from a few
// postcodes would give away where it is.
func (l *Location) PublicPoint() *orb.Point {
	if l.Confidential {
		return nil
	}
	return l.Point
}
