package matcher_test

import (
	"context"
	"strings"
	"testing"

	"github.com/linkway/linkway/matcher"
)

// TestMatchExplains checks that suggestions carry reasons a person can
// read and the score of every component.
func TestMatchExplains(t *testing.T) {
	env := mustDemo(t)
	lat, lon := 53.8190, -1.5780
	req := matcher.Request{
		Priorities: "I feel lonely and the bailiffs have been round",
		Location:   &matcher.LatLon{Lat: &lat, Lon: &lon},
		Travel:     "bus",
		Available:  []matcher.WindowJSON{{Day: "tuesday", From: "09:00", To: "17:00"}},
	}
	p, err := req.Profile(env.Geocode, env.Kinds)
	if err != nil {
		t.Fatal(err)
	}
	res, err := env.Matcher.Match(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Matches) != 10 {
		t.Fatalf("%d matches, want 10", len(res.Matches))
	}
	var all []string
	kinds := map[string]bool{}
	for _, m := range res.Matches {
		if len(m.Reasons) == 0 {
			t.Errorf("%s has no reasons", m.Service.Name)
		}
		if len(m.Components) != len(matcher.Components) {
			t.Errorf("%s has %d components, want %d", m.Service.Name, len(m.Components), len(matcher.Components))
		}
		if m.Score <= 0 || m.Score > 1 {
			t.Errorf("%s score %v out of 0..1", m.Service.Name, m.Score)
		}
		all = append(all, m.Reasons...)
		for _, k := range m.Service.TermIDs() {
			kinds[k] = true
		}
	}
	text := strings.Join(all, "\n")
	for _, want := range []string{"matches ‘lonely’ →", "matches ‘bailiffs’ → Debt advice", " km, about ", "by bus", "free"} {
		if !strings.Contains(text, want) {
			t.Errorf("no reason says %q:\n%s", want, text)
		}
	}
	if !kinds["debt-advice"] || !(kinds["befriending"] || kinds["social-groups"] || kinds["lunch-clubs"]) {
		t.Errorf("both asks are not covered: kinds %v", kinds)
	}
}

// TestMatchRelaxations asks for something the directory cannot give
// under the constraints, and expects to be told what to ease.
func TestMatchRelaxations(t *testing.T) {
	env := mustDemo(t)
	lat, lon := 53.8190, -1.5780
	d := 0.5
	req := matcher.Request{
		Priorities:    "help with debts and bailiffs",
		Location:      &matcher.LatLon{Lat: &lat, Lon: &lon},
		MaxDistanceKm: &d,
	}
	p, err := req.Profile(env.Geocode, env.Kinds)
	if err != nil {
		t.Fatal(err)
	}
	res, err := env.Matcher.Match(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	var constraints []string
	for _, r := range res.Relaxations {
		constraints = append(constraints, r.Constraint)
		if r.More <= 0 || !strings.Contains(r.Suggestion, "more") {
			t.Errorf("relaxation %+v", r)
		}
	}
	joined := strings.Join(constraints, " ")
	if !strings.Contains(joined, "max_distance_km") || !strings.Contains(joined, "online_ok") {
		t.Errorf("relaxations %+v: want distance and online suggestions", res.Relaxations)
	}
	for _, m := range res.Matches {
		if m.DistanceKm > 0.5 {
			t.Errorf("%s is %.2f km away, beyond the 0.5 km asked", m.Service.Name, m.DistanceKm)
		}
	}
}
