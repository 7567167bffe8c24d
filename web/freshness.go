package web

// Freshness: a listing nobody has confirmed for six months is stale, for
// twelve very stale (package freshness). Admins see where stale listings
// are; organisations are reminded (freshness.Reminders, run by cmd), with
// a one-click "still correct" link that needs no login.

import (
	"cmp"
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/freshness"
	"github.com/linkway/linkway/geo"
	"github.com/linkway/linkway/web/core"
)

// freshnessStore is what the stale report and the one-click links need
// from the store.
type freshnessStore interface {
	StaleServices(ctx context.Context, now time.Time, months int) ([]*directory.Service, error)
	VerifyService(ctx context.Context, id, by string, at time.Time) (*directory.Service, error)
}

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
func (s *Server) handleStale(w http.ResponseWriter, r *http.Request) {
	now := s.site.LocalNow()
	list, err := s.orgs.StaleServices(r.Context(), now, freshness.StaleMonths)
	if err != nil {
		s.site.Fail(w, r, err)
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
		for _, t := range svc.Terms {
			count(kinds, t.Name, l)
		}
		if len(svc.Terms) == 0 {
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
	s.site.RenderPrivate(w, r, http.StatusOK, "stale", "Stale listings", data)
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

type verifyPage struct {
	Service *directory.Service
	Done    bool
	Refused string // why the link cannot be used
}

// handleVerify confirms a listing is still correct from a reminder's
// link. A GET only looks at the token, because mail scanners follow
// links; the button's POST spends it.
func (s *Server) handleVerify(w http.ResponseWriter, r *http.Request) {
	ctx, token := r.Context(), core.PathVar(r, "token")
	refuse := func(err error) {
		if k := directory.KindOf(err); k != directory.NotFound && k != directory.Conflict {
			s.site.Fail(w, r, err)
			return
		}
		s.site.RenderPrivate(w, r, core.StatusOf(err), "verify", "This link cannot be used", verifyPage{Refused: directory.MessageOf(err)})
	}
	id, err := s.orgs.PeekToken(ctx, freshness.VerifyPurpose, token)
	if err != nil {
		refuse(err)
		return
	}
	if r.Method != http.MethodPost {
		svc, err := s.store.Service(ctx, id)
		if err != nil {
			refuse(err)
			return
		}
		s.site.RenderPrivate(w, r, http.StatusOK, "verify", "Is this listing still correct?", verifyPage{Service: svc})
		return
	}
	if id, err = s.orgs.UseToken(ctx, freshness.VerifyPurpose, token); err != nil {
		refuse(err)
		return
	}
	svc, err := s.orgs.VerifyService(ctx, id, "one-click link", s.site.Now())
	if err != nil {
		refuse(err)
		return
	}
	if err := s.site.Audit(r, "listing.verify", "", "service "+svc.ID+" by one-click link"); err != nil {
		s.site.Fail(w, r, err)
		return
	}
	s.site.RenderPrivate(w, r, http.StatusOK, "verify", "Thank you", verifyPage{Service: svc, Done: true})
}
