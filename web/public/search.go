package public

import (
	"cmp"
	"context"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/geo"
	"github.com/linkway/linkway/web/core"
	"github.com/paulmach/orb"
)

// Limits on search parameters: generous for people, bounded for the server.
// sortNext orders results by their next session, soonest first.
const sortNext = "next"

// nextSessionWindow is how many of the best matches a next-session sort
// orders: their schedules are read from the store, so it is bounded.
const nextSessionWindow = 200

const (
	maxQueryLen    = 500
	maxRadiusKm    = 200
	defaultPerPage = 20
	maxPerPage     = 100
)

// searchParams is a parsed search request, kept alongside the query so
// pages can refill their form.
type searchParams struct {
	Query    directory.Query
	Text     string
	Postcode string
	Place    *geo.Place
	Radius   string
	Kinds    []string
	Day      string
	Time     string
	Free     bool
	Online   bool
	Age      string
	Access   []string
	Language string
	Closed   bool
	Sort     string
	Page     int
	PerPage  int
}

// parseSearch validates search parameters at the edge. Every error is an
// Invalid *directory.Error naming the parameter.
func (h *Handler) parseSearch(ctx context.Context, v url.Values) (*searchParams, error) {
	p := &searchParams{Page: 1, PerPage: defaultPerPage}
	bad := func(format string, args ...any) error { return directory.Errorf(directory.Invalid, format, args...) }
	p.Text = strings.TrimSpace(v.Get("q"))
	if len(p.Text) > maxQueryLen {
		return nil, bad("q is too long: keep it under %d characters", maxQueryLen)
	}
	p.Query.Text = p.Text
	p.Postcode = strings.TrimSpace(v.Get("postcode"))
	lat, lon := strings.TrimSpace(v.Get("lat")), strings.TrimSpace(v.Get("lon"))
	switch {
	case p.Postcode != "":
		place, err := h.places.Lookup(p.Postcode)
		if err != nil {
			return nil, err
		}
		p.Place = &place
		p.Query.Near = &place.Point
	case lat != "" || lon != "":
		pt, err := parseLatLon(lat, lon)
		if err != nil {
			return nil, err
		}
		p.Query.Near = &pt
	}
	if p.Radius = strings.TrimSpace(v.Get("radius_km")); p.Radius != "" {
		r, err := strconv.ParseFloat(p.Radius, 64)
		if err != nil || math.IsNaN(r) || r <= 0 || r > maxRadiusKm {
			return nil, bad("radius_km must be a distance in km above 0 and up to %d", maxRadiusKm)
		}
		if p.Query.Near == nil {
			return nil, bad("radius_km needs a postcode, or lat and lon, to measure from")
		}
		p.Query.RadiusKm = r
	}
	if cats := v["category"]; len(cats) > 0 {
		for _, c := range cats {
			if c = strings.TrimSpace(c); c == "" {
				continue
			}
			// One of Linkway's kinds, or a term's id or a feed's own
			// code for it.
			ids, err := h.categories.resolve(ctx, h.store, c)
			if err != nil {
				return nil, err
			}
			if _, own := h.ownKinds[c]; own && !slices.Contains(ids, c) {
				ids = append(ids, c)
			}
			if len(ids) == 0 {
				return nil, bad("category %q is not a kind of support we know", c)
			}
			p.Kinds = append(p.Kinds, c)
			p.Query.Kinds = append(p.Query.Kinds, ids...)
		}
	}
	if p.Day = strings.TrimSpace(v.Get("day")); p.Day != "" {
		d, ok := directory.ParseWeekday(p.Day)
		if !ok {
			return nil, bad("day must be a day of the week, such as tuesday, not %q", p.Day)
		}
		p.Query.Day = &d
	}
	if p.Time = strings.TrimSpace(v.Get("time")); p.Time != "" {
		c, err := directory.ParseClock(p.Time)
		if err != nil || c >= 24*60 {
			return nil, bad("time must be a time of day like 10:30, not %q", p.Time)
		}
		p.Query.At = &c
	}
	var err error
	if p.Free, err = parseBool(v, "free"); err != nil {
		return nil, err
	}
	if p.Online, err = parseBool(v, "online"); err != nil {
		return nil, err
	}
	if p.Closed, err = parseBool(v, "include_closed"); err != nil {
		return nil, err
	}
	p.Query.Free, p.Query.Online, p.Query.IncludeTemporarilyClosed = p.Free, p.Online, p.Closed
	if p.Age = strings.TrimSpace(v.Get("age")); p.Age != "" {
		a, err := strconv.Atoi(p.Age)
		if err != nil || a < 0 || a > 130 {
			return nil, bad("age must be a whole number of years from 0 to 130")
		}
		p.Query.Age = &a
	}
	for _, a := range v["accessible"] {
		a = strings.ToLower(strings.TrimSpace(a))
		if a == "" {
			continue
		}
		f, ok := directory.ParseAccess(a)
		if !ok {
			return nil, bad("accessible must be one of wheelchair, step-free, hearing-loop, accessible-toilet, large-print, bsl, quiet-space; not %q", a)
		}
		p.Access = append(p.Access, a)
		p.Query.Access = append(p.Query.Access, f)
	}
	if p.Language = strings.TrimSpace(v.Get("language")); p.Language != "" {
		if len(p.Language) > 40 {
			return nil, bad("language is too long")
		}
		p.Query.Languages = []string{p.Language}
	}
	p.Sort = strings.TrimSpace(v.Get("sort"))
	if p.Sort == "" {
		// A place and no words asks "what is near me": nearest first.
		p.Sort = "relevance"
		if p.Query.Near != nil && p.Text == "" {
			p.Sort = "distance"
		}
	}
	switch p.Sort {
	case "relevance", sortNext:
		p.Query.Sort = directory.ByRelevance
	case "distance":
		if p.Query.Near == nil {
			return nil, bad("sort=distance needs a postcode, or lat and lon")
		}
		p.Query.Sort = directory.ByDistance
	case "name":
		p.Query.Sort = directory.ByName
	default:
		return nil, bad("sort must be relevance, distance, next (next session) or name")
	}
	if p.Page, err = parseInt(v, "page", 1, 1, 100000); err != nil {
		return nil, err
	}
	if p.PerPage, err = parseInt(v, "per_page", defaultPerPage, 1, maxPerPage); err != nil {
		return nil, err
	}
	p.Query.Offset, p.Query.Limit = (p.Page-1)*p.PerPage, p.PerPage
	if p.Sort == sortNext {
		if p.Query.Offset >= nextSessionWindow {
			return nil, bad("sorted by next session, only the first %d results are listed: narrow the search", nextSessionWindow)
		}
		// Read the best matches whole, then order them by when they
		// next meet (runSearch); the index knows days, not dates.
		p.Query.Offset, p.Query.Limit = 0, nextSessionWindow
		if p.Query.Near != nil && p.Text == "" {
			p.Query.Sort = directory.ByDistance
		}
	}
	return p, nil
}

func parseLatLon(lat, lon string) (orb.Point, error) {
	if lat == "" || lon == "" {
		return orb.Point{}, directory.Errorf(directory.Invalid, "give both lat and lon, or a postcode")
	}
	la, err1 := strconv.ParseFloat(lat, 64)
	lo, err2 := strconv.ParseFloat(lon, 64)
	if err1 != nil || err2 != nil || math.IsNaN(la) || math.IsNaN(lo) || la < -90 || la > 90 || lo < -180 || lo > 180 {
		return orb.Point{}, directory.Errorf(directory.Invalid, "lat must be -90 to 90 and lon -180 to 180, in decimal degrees")
	}
	return orb.Point{lo, la}, nil
}

func parseBool(v url.Values, name string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(v.Get(name))) {
	case "", "false", "0", "no", "off":
		return false, nil
	case "true", "1", "yes", "on":
		return true, nil
	}
	return false, directory.Errorf(directory.Invalid, "%s must be true or false", name)
}

func parseInt(v url.Values, name string, def, lo, hi int) (int, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, directory.Errorf(directory.Invalid, "%s must be a whole number from %d to %d", name, lo, hi)
	}
	return n, nil
}

// searchResult is one service in a search answer.
type searchResult struct {
	ID           string   `json:"id"`
	Name         string   `json:"name"`
	Organization string   `json:"organization"`
	Summary      string   `json:"summary"`
	DistanceKm   *float64 `json:"distance_km,omitempty"`
	NextSession  string   `json:"next_session"`
	NextText     string   `json:"next_session_text,omitempty"`
	Cost         string   `json:"cost"`
	Categories   []string `json:"categories"`
	// Kinds are Linkway's kinds of support, with where each came from.
	Kinds     []kindJSON `json:"kinds"`
	Attending []string   `json:"attending,omitempty"`
	Status    string     `json:"status"`
	Accepting string     `json:"accepting_referrals,omitempty"`
	URL       string     `json:"url"`
	Lat       *float64   `json:"lat,omitempty"`
	Lon       *float64   `json:"lon,omitempty"`
	Place     string     `json:"-"`
	Notice    string     `json:"-"`
	Checked   string     `json:"-"`
	Score     float64    `json:"score"`
}

type facetValue struct {
	Value string `json:"value"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

type searchAnswer struct {
	Total    int                     `json:"total"`
	Page     int                     `json:"page"`
	PerPage  int                     `json:"per_page"`
	Pages    int                     `json:"pages"`
	Results  []searchResult          `json:"results"`
	Facets   map[string][]facetValue `json:"facets"`
	Concepts []conceptJSON           `json:"understood,omitempty"`
	// AlsoLookedFor are the kinds of support the words were read as, by
	// name, leaving out any the person typed themselves: the page's "We
	// also looked for" must tell them something they did not say.
	AlsoLookedFor []string `json:"-"`
	// LeftOut are the phrases the person turned down ("not one for
	// coffee mornings"), which count against a listing.
	LeftOut []string `json:"-"`
	// Sort is the order used: relevance, distance, next or name.
	Sort string `json:"sort"`
	// DidYouMean is the words corrected for spelling, when any look
	// misspelt (the results may already be for the corrected words).
	DidYouMean string        `json:"did_you_mean,omitempty"`
	Location   *locationJSON `json:"location,omitempty"`
}

// FacetCount is the count of one facet value, or nil when there is no
// answer or no such value (the templates' "facet").
func (a *searchAnswer) FacetCount(facet, value string) any {
	if a == nil {
		return nil
	}
	for _, f := range a.Facets[facet] {
		if f.Value == value {
			return f.Count
		}
	}
	return nil
}

type conceptJSON struct {
	Phrase string   `json:"phrase"`
	Kinds  []string `json:"categories"`
	// Refused means the words turned the phrase down ("not one for coffee
	// mornings"): it counts against, not for.
	Refused bool `json:"refused,omitempty"`
}

type locationJSON struct {
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	Postcode  string  `json:"postcode,omitempty"`
	Precision string  `json:"precision,omitempty"`
}

// runSearch searches, checks the page exists, and fills each hit from the
// store (the index holds only what it searches by).
func (h *Handler) runSearch(ctx context.Context, p *searchParams) (*searchAnswer, error) {
	p.Query.Facets = true
	res, err := h.search.Search(ctx, p.Query)
	if err != nil {
		return nil, err
	}
	pages := max(1, (res.Total+p.PerPage-1)/p.PerPage)
	if p.Page > pages {
		return nil, directory.Errorf(directory.Invalid, "page %d is beyond the end: there are %d pages of results", p.Page, pages)
	}
	ans := &searchAnswer{Total: res.Total, Page: p.Page, PerPage: p.PerPage, Pages: pages, Sort: p.Sort, Results: []searchResult{}}
	ids := make([]string, len(res.Hits))
	for i, hit := range res.Hits {
		ids[i] = hit.ID
	}
	services, err := h.store.ServicesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	now := h.site.LocalNow()
	for _, hit := range res.Hits {
		svc, ok := services[hit.ID]
		if !ok {
			continue // withdrawn since the index last caught up
		}
		r := newSearchResult(svc, hit, p.Query.Near != nil, now, h.site.BankHoliday)
		r.Kinds = h.kindsJSON(svc)
		ans.Results = append(ans.Results, r)
	}
	if p.Sort == sortNext {
		ans.Results = pageByNextSession(ans.Results, p)
		ans.Pages = max(1, (min(res.Total, nextSessionWindow)+p.PerPage-1)/p.PerPage)
		if p.Page > ans.Pages {
			return nil, directory.Errorf(directory.Invalid, "page %d is beyond the end: there are %d pages of results", p.Page, ans.Pages)
		}
	}
	if p.Text != "" {
		if s, ok := h.search.Suggest(ctx, p.Text); ok {
			ans.DidYouMean = s
		}
	}
	ans.Facets = h.facets(ctx, res.Facets)
	for _, c := range res.Concepts {
		ans.Concepts = append(ans.Concepts, conceptJSON{Phrase: c.Phrase, Kinds: c.Kinds, Refused: c.Negated})
	}
	ans.AlsoLookedFor, ans.LeftOut = h.readingText(p.Text, res.Concepts)
	if p.Query.Near != nil {
		ans.Location = &locationJSON{Lat: p.Query.Near.Lat(), Lon: p.Query.Near.Lon()}
		if p.Place != nil {
			ans.Location.Postcode, ans.Location.Precision = p.Place.Postcode, p.Place.Precision.String()
		}
	}
	return ans, nil
}

func newSearchResult(svc *directory.Service, h directory.Hit, located bool, now time.Time, holiday holidayOf) searchResult {
	card := newServiceCard(svc, now, holiday)
	r := searchResult{
		ID: svc.ID, Name: svc.Name, Organization: card.Organization, Summary: card.Summary,
		Cost: svc.CostBand(), Categories: svc.TermIDs(), Status: string(svc.Status),
		Accepting: string(svc.Accepting), URL: core.ServiceURL(svc.ID), Place: card.Place, Notice: card.Notice, Checked: card.Checked,
		Attending: svc.Attending(), Score: math.Round(h.Score*1000) / 1000,
	}
	if located && h.DistanceKm >= 0 {
		d := math.Round(h.DistanceKm*100) / 100
		r.DistanceKm = &d
	}
	if next, ok := svc.NextSession(now); ok {
		r.NextSession = next.Format(time.RFC3339)
		r.NextText = card.NextSession
	}
	for _, sal := range svc.Locations {
		if p := sal.Location.Point; p != nil {
			lat, lon := p.Lat(), p.Lon()
			r.Lat, r.Lon = &lat, &lon
			break
		}
	}
	return r
}

// readingText says in words how the search read what was typed: the
// kinds of support it added, by name, and the phrases turned down. A kind
// whose name is only words already typed ("debt advice" for "debt
// advice") is not news, so it is left out.
func (h *Handler) readingText(typed string, concepts []directory.ConceptMatch) (also, leftOut []string) {
	said := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(typed), notLetterOrDigit) {
		said[w] = true
	}
	added := map[string]bool{}
	for _, c := range concepts {
		if c.Negated {
			leftOut = append(leftOut, c.Phrase)
			continue
		}
		for _, id := range c.Kinds {
			name, own := h.ownKinds[id]
			if !own || added[name] || onlyWordsSaid(name, said) {
				continue
			}
			added[name] = true
			also = append(also, name)
		}
	}
	return also, leftOut
}

func notLetterOrDigit(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// onlyWordsSaid reports whether every word of name is among said.
func onlyWordsSaid(name string, said map[string]bool) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(name), notLetterOrDigit) {
		if !said[w] {
			return false
		}
	}
	return true
}

// kindJSON is one of a service's kinds of support in the API.
type kindJSON struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	Source     string   `json:"source"` // tagged, crosswalk, inferred or moderated
	Confidence float64  `json:"confidence"`
	Why        []string `json:"why"` // the feed's terms or the words that led to it
}

func (h *Handler) kindsJSON(svc *directory.Service) []kindJSON {
	out := make([]kindJSON, 0, len(svc.Kinds))
	for _, k := range svc.Kinds {
		out = append(out, kindJSON{ID: k.ID, Name: cmp.Or(h.ownKinds[k.ID], k.ID), Source: string(k.Source),
			Confidence: k.Confidence, Why: append([]string{}, k.Why...)})
	}
	return out
}

var distanceLabels = map[string]string{"1": "Within 1 km", "2": "Within 2 km", "5": "Within 5 km", "10": "Within 10 km", "25": "Within 25 km"}

func (h *Handler) facets(ctx context.Context, in map[string][]directory.FacetCount) map[string][]facetValue {
	names := map[string]string{}
	if terms, err := h.store.TaxonomyTerms(ctx); err == nil {
		for _, t := range terms {
			names[t.ID] = t.Name
		}
	}
	labels := map[string]map[string]string{
		"cost":      {"free": "Free", "paid": "Costs money", "unknown": "Cost not stated"},
		"attending": {"in_person": "In person", "online": "Online", "phone": "By phone"},
		"distance":  distanceLabels,
		"category":  names,
	}
	out := map[string][]facetValue{"category": {}, "cost": {}, "attending": {}, "distance": {}}
	for name, counts := range in {
		for _, c := range counts {
			label := labels[name][c.Value]
			if label == "" {
				label = c.Value
			}
			out[name] = append(out[name], facetValue{Value: c.Value, Label: label, Count: c.Count})
		}
	}
	return out
}

func (h *Handler) handleAPISearch(w http.ResponseWriter, r *http.Request) {
	p, err := h.parseSearch(r.Context(), r.URL.Query())
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	ans, err := h.runSearch(r.Context(), p)
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	core.WriteJSON(w, http.StatusOK, ans)
}

// pageByNextSession orders results by their next session, soonest first
// (those with no times listed last, in relevance order), and returns the
// requested page of them.
func pageByNextSession(results []searchResult, p *searchParams) []searchResult {
	slices.SortStableFunc(results, func(a, b searchResult) int {
		switch {
		case a.NextSession == b.NextSession:
			return 0
		case a.NextSession == "":
			return 1
		case b.NextSession == "":
			return -1
		}
		ta, _ := time.Parse(time.RFC3339, a.NextSession)
		tb, _ := time.Parse(time.RFC3339, b.NextSession)
		return ta.Compare(tb)
	})
	from := min((p.Page-1)*p.PerPage, len(results))
	return results[from:min(from+p.PerPage, len(results))]
}
