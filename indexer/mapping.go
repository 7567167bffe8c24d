package indexer

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/linkway/linkway/directory"
)

// MappingVersion names the shape of the index. Change it whenever the
// mapping or the document built from a service changes: an index built
// with another version is rebuilt at start.
const MappingVersion = "9"

// docType is the bleve document type of a service.
const docType = "service"

// Field names, shared by the mapping, the documents and the queries.
const (
	fName      = "name"
	fSortName  = "sort_name"
	fText      = "text"          // everything else worth matching words in: description, kinds, organisation
	fKinds     = "kinds"         // Linkway's kinds of support and the feed's own terms
	fUnder     = "under"         // the kinds and every broader term: what a filter on a kind matches
	fLinkway   = "linkway_kinds" // Linkway's kinds alone: what kind facets count
	fOrgID     = "organization_id"
	fCost      = "cost"
	fRoutes    = "routes"
	fAccepting = "accepting"
	fAttending = "attending"
	fLanguages = "languages"
	fAccess    = "access"
	fStatus    = "status"
	fGeo       = "geo"
	fCell      = "cell" // the grid cells the places are in, at each size (cellTokens)
	fMinAge    = "min_age"
	fMaxAge    = "max_age"
	fWhen      = "when"
)

// Sentinel age limits for services that state none, so one numeric range
// filter handles both.
const (
	noMinAge = 0
	noMaxAge = 200
)

// doc is what the index holds for one service: a flat document made for
// searching, never the domain struct.
type doc struct {
	Type      string      `json:"type"`
	Name      string      `json:"name"`
	SortName  string      `json:"sort_name"`
	Text      string      `json:"text"`
	Kinds     []string    `json:"kinds"`
	Under     []string    `json:"under"`
	Linkway   []string    `json:"linkway_kinds"`
	OrgID     string      `json:"organization_id"`
	Cost      string      `json:"cost"`
	Routes    []string    `json:"routes"`
	Accepting string      `json:"accepting"`
	Attending []string    `json:"attending"`
	Languages []string    `json:"languages"`
	Access    []string    `json:"access"`
	Status    string      `json:"status"`
	Geo       [][]float64 `json:"geo,omitempty"` // {lon, lat} per location: bleve skips orb.Point
	Cells     []string    `json:"cell,omitempty"`
	MinAge    float64     `json:"min_age"`
	MaxAge    float64     `json:"max_age"`
	When      []string    `json:"when"`
}

// Mapping returns the index mapping: English analysis for words (US
// spellings folded to UK, [AnalyzerName]), keyword
// fields for filters and facets, a geopoint for distance.
func Mapping() mapping.IndexMapping {
	// Nothing is stored: a search answers with ids, and the page reads
	// the services from the store. Only the fields that sort, count
	// facets or measure distance keep doc values, and no field goes into
	// the composite _all field, which no query reads: each costs build
	// time, memory and disk for every service.
	text := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = AnalyzerName
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	kw := func(docValues bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = docValues
		return f
	}
	num := func() *mapping.FieldMapping {
		f := bleve.NewNumericFieldMapping()
		f.Store = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	svc := bleve.NewDocumentStaticMapping()
	svc.AddFieldMappingsAt(fName, text())
	svc.AddFieldMappingsAt(fText, text())
	for _, f := range []string{fSortName, fLinkway, fCost, fAttending} {
		svc.AddFieldMappingsAt(f, kw(true)) // sorted on or counted as facets
	}
	for _, f := range []string{fKinds, fUnder, fOrgID, fRoutes, fAccepting, fLanguages, fAccess, fStatus, fWhen, fCell} {
		svc.AddFieldMappingsAt(f, kw(false)) // only filtered on
	}
	geo := bleve.NewGeoPointFieldMapping()
	geo.Store = false
	geo.IncludeInAll = false
	svc.AddFieldMappingsAt(fGeo, geo) // doc values: distance filter and sort
	svc.AddFieldMappingsAt(fMinAge, num())
	svc.AddFieldMappingsAt(fMaxAge, num())

	m := bleve.NewIndexMapping()
	m.TypeField = "type"
	m.DefaultType = docType
	m.DefaultAnalyzer = AnalyzerName
	m.AddDocumentMapping(docType, svc)
	m.DefaultMapping = bleve.NewDocumentDisabledMapping()
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m
}

// newDoc flattens a service for the index. parents maps a taxonomy term
// to its broader term, so that a filter on a term finds the services
// tagged with any narrower one.
func newDoc(s *directory.Service, parents map[string]string) *doc {
	d := &doc{
		Type:      docType,
		Name:      s.Name,
		SortName:  strings.ToLower(s.Name),
		Cost:      s.CostBand(),
		Accepting: string(s.Accepting),
		Status:    string(s.Status),
		MinAge:    noMinAge,
		MaxAge:    noMaxAge,
		Attending: s.Attending(),
		Access:    s.AccessFeatures(),
		When:      whenTokens(s),
	}
	if d.Accepting == "" {
		d.Accepting = string(directory.CapacityOpen)
	}
	// One text field rather than one per part: a query then reads two
	// postings lists per word (name and text) instead of four.
	parts := []string{s.AlternateName, s.Description, s.Eligibility}
	if s.Organization != nil {
		d.OrgID = s.Organization.ID
		parts = append(parts, s.Organization.Name)
	}
	// A filter on a kind finds services by Linkway's kinds and by the
	// feed's own terms, so a feed's codes keep working beside Linkway's.
	d.Linkway = s.KindIDs()
	d.Kinds = slices.Clone(d.Linkway)
	for _, t := range s.Terms {
		if !slices.Contains(d.Kinds, t.ID) {
			d.Kinds = append(d.Kinds, t.ID)
		}
		parts = append(parts, t.Name)
	}
	d.Under = withBroader(d.Kinds, parents)
	d.Text = strings.Join(directory.NonBlank(parts...), "\n")
	for _, r := range s.ReferralRoutes {
		d.Routes = append(d.Routes, string(r))
	}
	for _, l := range s.Languages {
		for _, v := range []string{l.Code, l.Name} {
			if v = strings.ToLower(strings.TrimSpace(v)); v != "" {
				d.Languages = append(d.Languages, v)
			}
		}
	}
	if s.MinimumAge != nil {
		d.MinAge = float64(*s.MinimumAge)
	}
	if s.MaximumAge != nil {
		d.MaxAge = float64(*s.MaximumAge)
	}
	for _, sal := range s.Locations {
		if p := sal.Location.PublicPoint(); p != nil {
			d.Geo = append(d.Geo, []float64{p.Lon(), p.Lat()})
			for _, c := range cellTokens(p.Lat(), p.Lon()) {
				if !slices.Contains(d.Cells, c) {
					d.Cells = append(d.Cells, c)
				}
			}
		}
	}
	return d
}

// maxTermDepth bounds the walk up a taxonomy, so that a feed whose
// terms name each other as parents cannot loop.
const maxTermDepth = 32

// withBroader is kinds and every term broader than any of them, once each.
func withBroader(kinds []string, parents map[string]string) []string {
	out := make([]string, 0, len(kinds))
	seen := make(map[string]bool, len(kinds))
	for _, k := range kinds {
		for range maxTermDepth {
			if k == "" || seen[k] {
				break
			}
			seen[k] = true
			out = append(out, k)
			k = parents[k]
		}
	}
	return out
}

var dayTokens = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// WhenToken is the index token for an hour of a day: "tue-10" means a
// session is running at some time between 10:00 and 10:59 on Tuesdays.
// day -1 means any day ("any-10"); hour -1 means any time that day
// ("tue"). Opening times are tokens, not numeric ranges, because a
// "Tuesday at 10:30" question is then one term lookup.
func WhenToken(day time.Weekday, hour int) string {
	switch {
	case hour < 0:
		return dayTokens[day]
	case day < 0:
		return fmt.Sprintf("any-%02d", hour)
	}
	return fmt.Sprintf("%s-%02d", dayTokens[day], hour)
}

func whenTokens(s *directory.Service) []string {
	seen := map[string]bool{}
	var out []string
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	for _, sc := range s.AllSchedules() {
		opens, closes, timed := sc.Window()
		for _, r := range sc.Days() {
			add(WhenToken(r.Day, -1))
			if !timed {
				continue
			}
			last := closes - 1
			if closes <= opens { // past midnight or 00:00–00:00: all day
				last = 24*60 - 1
			}
			for h := int(opens) / 60; h <= int(last)/60; h++ {
				add(WhenToken(r.Day, h))
				add(WhenToken(-1, h))
			}
		}
	}
	return out
}
