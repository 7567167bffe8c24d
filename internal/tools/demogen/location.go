package main

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/linkway/linkway/directory"
	"github.com/paulmach/orb"
)

const stairsOnly = "No lift; the room is up one flight of stairs"

func (g *generator) makeLocation(v *venue, r *rand.Rand) *directory.Location {
	vs := v.spec
	feat := &g.prose.Features
	id := uuidFor("location", vs.Name)
	addr := vs.Street
	if !strings.Contains("PG", vs.Type) && r.Float64() < 0.6 {
		addr = fmt.Sprintf("%d %s", 1+r.IntN(240), vs.Street)
	}
	loc := &directory.Location{
		ID:          id,
		Type:        directory.Physical,
		Name:        vs.Name,
		Description: g.prose.VenueDescriptions[vs.Type][r.IntN(len(g.prose.VenueDescriptions[vs.Type]))],
		Point:       &orb.Point{v.pc.lon, v.pc.lat},
		Addresses: []directory.Address{{
			ID: uuidFor("address", vs.Name), Address1: addr, City: "Leeds", StateProvince: "West Yorkshire",
			PostalCode: v.pc.code, Country: "GB", Type: "physical",
		}},
	}
	var tr []string
	if v.area.Station != "" {
		tr = append(tr, []string{"About ten minutes' walk from %s station.", "A short walk from %s station."}[r.IntN(2)])
		tr[0] = fmt.Sprintf(tr[0], v.area.Station)
	}
	tr = append(tr, []string{"Buses stop nearby on " + vs.Street + ".", "Free parking on site.", "On-street parking nearby.", "Small car park; blue badge spaces by the door.", "Several bus routes stop within a few minutes' walk."}[r.IntN(5)])
	loc.Transportation = strings.Join(tr, " ")

	add := func(f feature, detail string) {
		if detail == "" {
			detail = f.Details[r.IntN(len(f.Details))]
		}
		loc.Accessibility = append(loc.Accessibility, directory.Accessibility{
			ID:          uuidFor("accessibility", vs.Name, f.Phrase),
			Description: f.Phrase,
			Details:     detail,
		})
	}
	p := func(x float64) bool { return r.Float64() < x }
	k := vs.Type
	if strings.Contains(vs.Flags, "U") {
		loc.Accessibility = append(loc.Accessibility, directory.Accessibility{
			ID:          uuidFor("accessibility", vs.Name, "stairs"),
			Description: stairsOnly,
			Details:     []string{"There are 14 steps with a handrail on one side. Please ring if you need help.", "The ground floor is not used by the group; ring us and we can suggest somewhere step-free nearby.", "Steep stairs with a handrail; volunteers can carry bags up for you."}[r.IntN(3)],
		})
		if p(0.4) {
			add(feat.HearingLoop, "")
		}
		if p(0.3) {
			add(feat.LargePrint, "")
		}
		return loc
	}
	switch k {
	case "P":
		add(feat.StepFree, []string{"The meeting point is on a level path next to the car park.", "Tarmac paths from the car park; the short route avoids all steps."}[r.IntN(2)])
		if p(0.5) {
			add(feat.Wheelchair, "Firm, level paths on the short route are suitable for wheelchairs and mobility scooters.")
		}
		if p(0.4) {
			add(feat.Toilet, "Accessible toilet in the visitor centre or café nearby.")
		}
		return loc
	case "G":
		if p(0.5) {
			add(feat.Wheelchair, "Firm, level paths to the raised beds.")
		}
		add(feat.StepFree, "Level entrance from the lane; some paths are grass and can be muddy.")
		if p(0.25) {
			add(feat.Toilet, "Accessible compost toilet by the shelter.")
		}
		if p(0.3) {
			add(feat.Quiet, "A quiet seating area away from the main beds.")
		}
		return loc
	}
	wheel := map[string]float64{"H": 0.75, "L": 0.9, "S": 0.95, "W": 0.55, "Y": 0.8, "F": 0.95, "R": 0.65, "M": 0.95, "C": 0.6, "O": 0.8, "A": 0.6, "K": 0.6}[k]
	loop := map[string]float64{"L": 0.7, "M": 0.8, "O": 0.6, "H": 0.4, "R": 0.4}[k]
	large := map[string]float64{"L": 0.8, "O": 0.6, "M": 0.5}[k]
	bsl := map[string]float64{"O": 0.3, "M": 0.4, "L": 0.2}[k]
	quiet := map[string]float64{"L": 0.5, "M": 0.5, "O": 0.4, "F": 0.4, "H": 0.2, "Y": 0.3}[k]
	if large == 0 {
		large = 0.1
	}
	if bsl == 0 {
		bsl = 0.05
	}
	if quiet == 0 {
		quiet = 0.1
	}
	if loop == 0 {
		loop = 0.15
	}
	isWheel := p(wheel)
	if isWheel {
		add(feat.Wheelchair, "")
		if p(0.8) {
			add(feat.StepFree, "")
		}
		if p(0.85) {
			add(feat.Toilet, "")
		}
	} else {
		if p(0.35) {
			add(feat.StepFree, "The entrance is step-free, but doors are narrow and there's no accessible toilet.")
		} else {
			loc.Accessibility = append(loc.Accessibility, directory.Accessibility{
				ID:          uuidFor("accessibility", vs.Name, "steps"),
				Description: "Two steps at the entrance",
				Details:     "There are two steps up to the front door with a handrail; there is no ramp.",
			})
		}
	}
	if p(loop) {
		add(feat.HearingLoop, "")
	}
	if p(large) {
		add(feat.LargePrint, "")
	}
	if p(bsl) {
		add(feat.BSL, "")
	}
	if p(quiet) {
		add(feat.Quiet, "")
	}
	return loc
}

func slugify(s string) string {
	s = strings.NewReplacer("é", "e", "ę", "e", "&", "and", "+", "plus").Replace(strings.ToLower(s))
	var b strings.Builder
	dash := false
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteRune(c)
			dash = false
		case c == '\'' || c == '\u2019':
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
