package public

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"strings"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/matcher"
	"github.com/linkway/linkway/web/core"
	"github.com/paulmach/orb"
)

// maxMatchBody bounds a match request: a profile is a few hundred bytes.
const maxMatchBody = 64 << 10

type matchServiceJSON struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Organization string `json:"organization"`
	URL          string `json:"url"`
}

type matchJSON struct {
	Service     matchServiceJSON   `json:"service"`
	Score       float64            `json:"score"`
	DistanceKm  *float64           `json:"distance_km,omitempty"`
	Reasons     []string           `json:"reasons"`
	Warnings    []string           `json:"warnings"`
	Components  map[string]float64 `json:"components"`
	NextSession string             `json:"next_session,omitempty"`
	NextText    string             `json:"next_session_text,omitempty"`
	Lat         *float64           `json:"lat,omitempty"`
	Lon         *float64           `json:"lon,omitempty"`
	Summary     string             `json:"summary"`
	Cost        string             `json:"cost"`
}

type matchAnswer struct {
	Matches         []matchJSON          `json:"matches"`
	TotalCandidates int                  `json:"total_candidates"`
	Relaxations     []matcher.Relaxation `json:"relaxations"`
	Understood      []conceptJSON        `json:"understood,omitempty"`
	Location        *locationJSON        `json:"location,omitempty"`
}

// profileOf validates a match request into a profile.
func (f *Finder) profileOf(ctx context.Context, req *matcher.Request) (matcher.Profile, error) {
	kinds := map[string]bool{}
	terms, err := f.store.TaxonomyTerms(ctx)
	if err != nil {
		return matcher.Profile{}, err
	}
	for _, t := range terms {
		kinds[t.ID] = true
	}
	return req.Profile(func(pc string) (orb.Point, error) {
		p, err := f.places.Lookup(pc)
		return p.Point, err
	}, kinds)
}

// match runs the matcher on a request, for the API and the form alike.
func (f *Finder) match(ctx context.Context, req *matcher.Request) (*matchAnswer, error) {
	p, err := f.profileOf(ctx, req)
	if err != nil {
		return nil, err
	}
	res, err := f.matcher.Match(ctx, p)
	if err != nil {
		return nil, err
	}
	now := f.site.LocalNow()
	ans := &matchAnswer{TotalCandidates: res.TotalCandidates, Relaxations: res.Relaxations, Matches: []matchJSON{}}
	if ans.Relaxations == nil {
		ans.Relaxations = []matcher.Relaxation{}
	}
	for _, m := range res.Matches {
		// The matcher reads the store itself; link workers' Find support
		// shows districts too, and the address on its own page.
		svc := m.Service.ForPublic()
		card := newServiceCard(svc, now, f.site.BankHoliday)
		j := matchJSON{
			Service:    matchServiceJSON{ID: svc.ID, Name: svc.Name, Organization: card.Organization, URL: core.ServiceURL(svc.ID)},
			Score:      m.Score,
			Reasons:    core.NonNil(m.Reasons),
			Warnings:   core.NonNil(m.Warnings),
			Components: m.Components,
			Summary:    card.Summary,
			Cost:       svc.CostBand(),
		}
		if m.DistanceKm >= 0 && p.Location != nil {
			d := math.Round(m.DistanceKm*100) / 100
			j.DistanceKm = &d
		}
		if !m.Next.IsZero() {
			j.NextSession = m.Next.Format(time.RFC3339)
			j.NextText = card.NextSession
		}
		for _, sal := range svc.Locations {
			if pt := sal.Location.Point; pt != nil {
				lat, lon := pt.Lat(), pt.Lon()
				j.Lat, j.Lon = &lat, &lon
				break
			}
		}
		ans.Matches = append(ans.Matches, j)
	}
	for _, c := range res.Understood {
		ans.Understood = append(ans.Understood, conceptJSON{Phrase: c.Phrase, Kinds: c.Kinds, Refused: c.Negated})
	}
	if p.Location != nil {
		ans.Location = &locationJSON{Lat: p.Location.Lat(), Lon: p.Location.Lon()}
	}
	return ans, nil
}

// handleAPIMatch answers POST /api/v1/match. It needs no login and
// stores nothing about the person: the profile lives only in this request.
func (h *Handler) handleAPIMatch(w http.ResponseWriter, r *http.Request) {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		h.site.FailJSON(w, r, directory.Errorf(directory.Invalid, "send the profile as JSON (Content-Type: application/json)"))
		return
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxMatchBody))
	dec.DisallowUnknownFields()
	var req matcher.Request
	if err := dec.Decode(&req); err != nil {
		h.site.FailJSON(w, r, jsonError(err))
		return
	}
	if dec.More() {
		h.site.FailJSON(w, r, directory.Errorf(directory.Invalid, "send one JSON object"))
		return
	}
	ans, err := h.finder.match(r.Context(), &req)
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	core.WriteJSON(w, http.StatusOK, ans)
}

// jsonError explains a JSON decoding error, naming the field.
func jsonError(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &typeErr):
		return directory.Errorf(directory.Invalid, "%s: expected %s", typeErr.Field, typeErr.Type)
	case errors.As(err, &syntaxErr):
		return directory.Errorf(directory.Invalid, "the body is not valid JSON (near byte %d)", syntaxErr.Offset)
	case errors.As(err, &tooBig):
		return directory.Errorf(directory.Invalid, "the body is too large")
	case errors.Is(err, io.EOF):
		return directory.Errorf(directory.Invalid, "send a JSON object with at least priorities")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return directory.Errorf(directory.Invalid, "%s: not a field we know", strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`))
	}
	return directory.Errorf(directory.Invalid, "the body could not be read: %v", fmt.Sprint(err))
}
