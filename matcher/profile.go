package matcher

import (
	"fmt"
	"strings"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/paulmach/orb"
)

// Travel is how a person gets about; it sets how fast nearness matters.
type Travel string

// Ways of travelling.
const (
	Walk Travel = "walk"
	Bus  Travel = "bus"
	Car  Travel = "car"
)

// Window is a time a person is free: a day and a span of hours.
type Window struct {
	Day      time.Weekday
	From, To directory.Clock
}

// Profile is what the matcher knows about a person. Only Priorities is
// required.
type Profile struct {
	Priorities string   // what matters, in the person's words
	Needs      []string // kinds of support, as taxonomy ids
	Location   *orb.Point
	// MaxDistanceKm bounds in-person services; 0 means the default for
	// the travel mode.
	MaxDistanceKm float64
	Travel        Travel
	Available     []Window // empty: any time
	Age           *int
	FreeOnly      bool
	AccessNeeds   []string // access features: wheelchair, step_free, hearing_loop, …
	Languages     []string // ISO 639 codes or names
	OnlineOK      bool     // online and telephone services are acceptable
	Limit         int      // how many matches; 0 means 10
}

// defaultDistanceKm is how far people are assumed to go when they do not
// say, by travel mode.
var defaultDistanceKm = map[Travel]float64{Walk: 5, Bus: 10, Car: 20, "": 10}

// Radius returns the distance limit for in-person services.
func (p *Profile) Radius() float64 {
	if p.MaxDistanceKm > 0 {
		return p.MaxDistanceKm
	}
	return defaultDistanceKm[p.Travel]
}

func (p *Profile) limit() int {
	if p.Limit <= 0 {
		return 10
	}
	return p.Limit
}

// Request is a profile as the JSON API (and the evaluation set) writes
// it. Postcodes are looked up by the caller's function.
type Request struct {
	Priorities    string       `json:"priorities"`
	Location      *LatLon      `json:"location,omitempty"`
	Postcode      string       `json:"postcode,omitempty"`
	MaxDistanceKm *float64     `json:"max_distance_km,omitempty"`
	Travel        string       `json:"travel,omitempty"`
	Age           *int         `json:"age,omitempty"`
	FreeOnly      bool         `json:"free_only,omitempty"`
	Available     []WindowJSON `json:"available,omitempty"`
	AccessNeeds   []string     `json:"access_needs,omitempty"`
	Languages     []string     `json:"languages,omitempty"`
	OnlineOK      bool         `json:"online_ok,omitempty"`
	Needs         []string     `json:"needs,omitempty"`
	Limit         *int         `json:"limit,omitempty"`
}

// LatLon is a point as JSON writes it.
type LatLon struct {
	Lat *float64 `json:"lat"`
	Lon *float64 `json:"lon"`
}

// WindowJSON is a free time as JSON writes it.
type WindowJSON struct {
	Day  string `json:"day"`
	From string `json:"from"`
	To   string `json:"to"`
}

// Limits on a request, generous for people and bounded for the server.
const (
	maxPriorities = 2000
	maxDistanceKm = 100
	maxLimit      = 50
)

// Profile validates r and returns the profile. geocode turns a postcode
// into a point. Every problem is an Invalid *directory.Error naming the
// field; kinds lists the known kinds of support.
func (r *Request) Profile(geocode func(string) (orb.Point, error), kinds map[string]bool) (Profile, error) {
	bad := func(field, format string, args ...any) error {
		return &directory.Error{Kind: directory.Invalid, Msg: field + ": " + fmt.Sprintf(format, args...)}
	}
	var p Profile
	p.Priorities = strings.TrimSpace(r.Priorities)
	switch {
	case p.Priorities == "":
		return p, bad("priorities", "say what matters to the person, in their words")
	case len(p.Priorities) > maxPriorities:
		return p, bad("priorities", "keep it under %d characters", maxPriorities)
	}
	switch {
	case r.Location != nil:
		if r.Location.Lat == nil || r.Location.Lon == nil {
			return p, bad("location", "give both lat and lon")
		}
		lat, lon := *r.Location.Lat, *r.Location.Lon
		if lat < -90 || lat > 90 || lon < -180 || lon > 180 || lat != lat || lon != lon {
			return p, bad("location", "lat must be -90 to 90 and lon -180 to 180")
		}
		p.Location = &orb.Point{lon, lat}
	case strings.TrimSpace(r.Postcode) != "":
		pt, err := geocode(r.Postcode)
		if err != nil {
			return p, bad("postcode", "%s", directory.MessageOf(err))
		}
		p.Location = &pt
	}
	if r.MaxDistanceKm != nil {
		d := *r.MaxDistanceKm
		if !(d > 0 && d <= maxDistanceKm) {
			return p, bad("max_distance_km", "must be above 0 and at most %d", maxDistanceKm)
		}
		p.MaxDistanceKm = d
	}
	switch t := Travel(strings.ToLower(strings.TrimSpace(r.Travel))); t {
	case "", Walk, Bus, Car:
		p.Travel = t
	default:
		return p, bad("travel", "must be walk, bus or car, not %q", r.Travel)
	}
	if r.Age != nil {
		if *r.Age < 0 || *r.Age > 130 {
			return p, bad("age", "must be 0 to 130")
		}
		a := *r.Age
		p.Age = &a
	}
	p.FreeOnly, p.OnlineOK = r.FreeOnly, r.OnlineOK
	for i, w := range r.Available {
		field := fmt.Sprintf("available[%d]", i)
		d, ok := directory.ParseWeekday(w.Day)
		if !ok {
			return p, bad(field+".day", "must be a day of the week, such as tuesday")
		}
		from, err1 := directory.ParseClock(w.From)
		to, err2 := directory.ParseClock(w.To)
		if err1 != nil {
			return p, bad(field+".from", "must be a time like 10:00")
		}
		if err2 != nil {
			return p, bad(field+".to", "must be a time like 12:00")
		}
		if to <= from {
			return p, bad(field+".to", "must be after from")
		}
		p.Available = append(p.Available, Window{Day: d, From: from, To: to})
	}
	for i, a := range r.AccessNeeds {
		f, ok := directory.ParseAccess(a)
		if !ok {
			return p, bad(fmt.Sprintf("access_needs[%d]", i), "%q is not one we know: use wheelchair, step-free, hearing-loop, accessible-toilet, large-print, bsl or quiet-space", a)
		}
		p.AccessNeeds = append(p.AccessNeeds, f)
	}
	for i, l := range r.Languages {
		l = strings.ToLower(strings.TrimSpace(l))
		if l == "" || len(l) > 40 {
			return p, bad(fmt.Sprintf("languages[%d]", i), "must be a language code or name")
		}
		p.Languages = append(p.Languages, l)
	}
	for i, n := range r.Needs {
		if !kinds[n] {
			return p, bad(fmt.Sprintf("needs[%d]", i), "%q is not a kind of support we know", n)
		}
		p.Needs = append(p.Needs, n)
	}
	if r.Limit != nil {
		if *r.Limit < 1 || *r.Limit > maxLimit {
			return p, bad("limit", "must be 1 to %d", maxLimit)
		}
		p.Limit = *r.Limit
	}
	return p, nil
}
