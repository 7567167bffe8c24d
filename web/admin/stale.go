package admin

import (
	"cmp"
	"net/http"
	"slices"
	"strings"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/freshness"
	"github.com/linkway/linkway/geo"
)

// Freshness: a listing nobody has confirmed for six months is stale, for
// twelve very stale (package freshness). Admins see where stale listings
// are, by kind of support and by area.

type stalePage struct {
	Stale, VeryStale, Never int
	ByKind, ByArea          []staleCount
	Listings                []staleRow
}

type staleCount struct {
	Label                   string
	Stale, VeryStale, Never int
}

func (c staleCount) total() int { return c.Stale + c.VeryStale + c.Never }

func (c *staleCount) add(l freshness.Level) {
	switch l {
	case freshness.Stale:
		c.Stale++
	case freshness.VeryStale:
		c.VeryStale++
	case freshness.NeverChecked:
		c.Never++
	}
}

type staleRow struct {
	ID, Name, Organization, Age string
	Level                       freshness.Level
}

// outcode is the area a listing is in: the district of its first place's
// postcode ("LS6").
func outcode(s *directory.Service) string {
	if len(s.Locations) > 0 {
		if pc, err := geo.Normalize(s.Locations[0].Location.Address().PostalCode); err == nil {
			out, _, _ := strings.Cut(pc, " ")
			return out
		}
	}
	return "online or no place"
}

// handleStale shows the stale listings, counted by kind of support and by
// area, then one by one.
func (h *Handler) handleStale(w http.ResponseWriter, r *http.Request) {
	now := h.site.LocalNow()
	list, err := h.store.StaleServices(r.Context(), now, freshness.StaleMonths)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	var data stalePage
	kinds, areas := map[string]*staleCount{}, map[string]*staleCount{}
	count := func(m map[string]*staleCount, label string, l freshness.Level) {
		if m[label] == nil {
			m[label] = &staleCount{Label: label}
		}
		m[label].add(l)
	}
	var all staleCount
	for _, svc := range list {
		l := freshness.Of(svc, now)
		all.add(l)
		// By Linkway's kinds of support, so listings from every feed count
		// together.
		for _, k := range svc.Kinds {
			count(kinds, h.kindName(k.ID), l)
		}
		if len(svc.Kinds) == 0 {
			count(kinds, "no kind given", l)
		}
		count(areas, outcode(svc), l)
		row := staleRow{ID: svc.ID, Name: svc.Name, Age: strings.TrimPrefix(freshness.CheckedAgo(svc, now), "checked "), Level: l}
		if svc.Organization != nil {
			row.Organization = svc.Organization.Name
		}
		data.Listings = append(data.Listings, row)
	}
	data.Stale, data.VeryStale, data.Never = all.Stale, all.VeryStale, all.Never
	data.ByKind, data.ByArea = sortedCounts(kinds), sortedCounts(areas)
	h.site.RenderPrivate(w, r, http.StatusOK, "stale", "Stale listings", data)
}

// sortedCounts puts the most stale first.
func sortedCounts(m map[string]*staleCount) []staleCount {
	out := make([]staleCount, 0, len(m))
	for _, c := range m {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b staleCount) int {
		return cmp.Or(cmp.Compare(b.total(), a.total()), cmp.Compare(a.Label, b.Label))
	})
	return out
}
