package openreferral

import (
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/linkway/linkway/directory"
)

// paging is a request's page and page size.
type paging struct {
	page, perPage int
}

func (p paging) offset() int { return (p.page - 1) * p.perPage }

// maxPage bounds page so that page × per_page stays far from overflow;
// a page past the end is simply empty.
const maxPage = 1_000_000

func invalid(format string, args ...any) error {
	return directory.Errorf(directory.Invalid, format, args...)
}

// parsePaging reads page (from 1) and per_page (1 to [MaxPerPage]; more
// is served at MaxPerPage).
func parsePaging(q url.Values) (paging, error) {
	p := paging{page: 1, perPage: DefaultPerPage}
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxPage {
			return p, invalid("page must be a whole number from 1 to %d, not %q", maxPage, v)
		}
		p.page = n
	}
	if v := q.Get("per_page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return p, invalid("per_page must be a whole number from 1 to %d, not %q", MaxPerPage, v)
		}
		p.perPage = min(n, MaxPerPage)
	}
	return p, nil
}

// parseBool reads a true/false parameter; absent is false.
func parseBool(q url.Values, name string) (bool, error) {
	v := q.Get(name)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, invalid("%s must be true or false, not %q", name, v)
	}
	return b, nil
}

// parseFormat reads format: json (the default) or ndjson.
func parseFormat(q url.Values) (string, error) {
	switch v := q.Get("format"); v {
	case "", "json":
		return "json", nil
	case "ndjson":
		return "ndjson", nil
	default:
		return "", invalid("format must be json or ndjson, not %q", v)
	}
}

// parseAge reads an age in years; HSDS ages are numbers, so 5.5 is 5.
func parseAge(q url.Values, name string) (*int, error) {
	v := q.Get(name)
	if v == "" {
		return nil, nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < 0 || f > 150 || math.IsNaN(f) {
		return nil, invalid("%s must be an age in years, not %q", name, v)
	}
	n := int(f)
	return &n, nil
}

// parseTime reads modified_after: an RFC 3339 date-time or a date.
func parseTime(q url.Values, name string) (time.Time, error) {
	v := q.Get(name)
	if v == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", time.DateOnly} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	return time.Time{}, invalid("%s must be a date-time such as 2026-01-31T09:00:00Z, not %q", name, v)
}

// days maps what day may say to iCal's weekday codes.
var days = map[string]string{
	"mo": "MO", "monday": "MO", "tu": "TU", "tuesday": "TU", "we": "WE", "wednesday": "WE",
	"th": "TH", "thursday": "TH", "fr": "FR", "friday": "FR", "sa": "SA", "saturday": "SA",
	"su": "SU", "sunday": "SU",
}

func parseDay(q url.Values) (string, error) {
	v := q.Get("day")
	if v == "" {
		return "", nil
	}
	if d, ok := days[strings.ToLower(strings.TrimSpace(v))]; ok {
		return d, nil
	}
	return "", invalid("day must be a weekday such as MO or Monday, not %q", v)
}

func parseClock(q url.Values, name string) (string, error) {
	v := q.Get(name)
	if v == "" {
		return "", nil
	}
	c, err := directory.ParseClock(v)
	if err != nil {
		return "", invalid("%s must be a time of day such as 09:30, not %q", name, v)
	}
	return c.String(), nil
}

// listingQuery is a /services or /service_at_locations request.
type listingQuery struct {
	filter   directory.ListingFilter
	paging   paging
	search   string
	postcode string
	radiusKm float64
	format   string
	minimal  bool
	full     bool
	// indexPaged: the search index pages the list, and indexTotal is
	// how many it found.
	indexPaged bool
	indexTotal int
}

// parseListing reads the filters both service lists share; places says
// whether postcode and proximity are read too (service_at_locations).
func (h *Handler) parseListing(q url.Values, places bool) (listingQuery, error) {
	var l listingQuery
	var err error
	if l.paging, err = parsePaging(q); err != nil {
		return l, err
	}
	if l.format, err = parseFormat(q); err != nil {
		return l, err
	}
	if l.minimal, err = parseBool(q, "minimal"); err != nil {
		return l, err
	}
	if l.full, err = parseBool(q, "full"); err != nil {
		return l, err
	}
	f := &l.filter
	if f.MinimumAge, err = parseAge(q, "minimum_age"); err != nil {
		return l, err
	}
	if f.MaximumAge, err = parseAge(q, "maximum_age"); err != nil {
		return l, err
	}
	if f.ModifiedAfter, err = parseTime(q, "modified_after"); err != nil {
		return l, err
	}
	if f.Day, err = parseDay(q); err != nil {
		return l, err
	}
	if f.Opens, err = parseClock(q, "start_time"); err != nil {
		return l, err
	}
	if f.Closes, err = parseClock(q, "end_time"); err != nil {
		return l, err
	}
	f.OrganizationID = strings.TrimSpace(q.Get("organization_id"))
	f.TermID = strings.TrimSpace(q.Get("taxonomy_term_id"))
	f.Taxonomy = strings.TrimSpace(q.Get("taxonomy_id"))
	l.search = strings.TrimSpace(q.Get("search"))
	if !places {
		return l, nil
	}
	l.postcode = strings.TrimSpace(q.Get("postcode"))
	if v := q.Get("proximity"); v != "" {
		m, err := strconv.ParseFloat(v, 64)
		if err != nil || m <= 0 || m > 1_000_000 || math.IsNaN(m) {
			return l, invalid("proximity must be a distance in metres, more than 0, not %q", v)
		}
		if l.postcode == "" {
			return l, invalid("proximity needs a postcode to measure from")
		}
		l.radiusKm = m / 1000
	}
	return l, nil
}
