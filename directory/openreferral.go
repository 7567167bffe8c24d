package directory

import "time"

// ListingFilter selects listed services for the Open Referral API: the
// filters the ORUK 3.0 API offers on /services and /service_at_locations
// that the store answers itself. Zero fields do not filter.
type ListingFilter struct {
	// Among, when not nil, limits the result to these ids and orders it
	// as they are ordered (the hits of a search); an empty, non-nil slice
	// selects nothing.
	Among          []string
	OrganizationID string
	TermID         string // a taxonomy term's id or its code
	Taxonomy       string // a taxonomy's name
	ModifiedAfter  time.Time
	// MinimumAge keeps services whose minimum age is at least this;
	// MaximumAge those whose maximum age is at most this.
	MinimumAge, MaximumAge *int
	// Day ("MO".."SU"), Opens and Closes ("HH:MM") select services with a
	// schedule, their own or at one of their locations, on that day,
	// opening at or after Opens and closing at or before Closes.
	Day           string
	Opens, Closes string
	// After, with Among nil, starts after this id: the services come in
	// id order, so a long read pages by id rather than by offset.
	After         string
	Limit, Offset int
}

// Taxonomy is a vocabulary of taxonomy terms, named as its terms name it.
type Taxonomy struct {
	ID      string
	Name    string
	Version string
}

// TermFilter selects taxonomy terms for the Open Referral API.
type TermFilter struct {
	Taxonomy string // a taxonomy's name
	ParentID string
	TopOnly  bool // only terms with no broader term
	Search   string
	Limit    int
	Offset   int
}

// ServiceAt is one service at one of its locations: an Open Referral
// service_at_location with the service it belongs to.
type ServiceAt struct {
	Service *Service
	At      ServiceAtLocation
}

// AtLocation returns s at the service_at_location with the given id, and
// whether s has it; a nil s has none.
func (s *Service) AtLocation(salID string) (ServiceAt, bool) {
	if s == nil {
		return ServiceAt{}, false
	}
	for _, at := range s.Locations {
		if at.ID == salID {
			return ServiceAt{Service: s, At: at}, true
		}
	}
	return ServiceAt{}, false
}
