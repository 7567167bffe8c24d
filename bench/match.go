package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/matcher"
	"github.com/paulmach/orb"
)

// TimeMatches runs n matches for seeded profiles (everyday words for one
// or two kinds of support, a place, a travel mode, sometimes an age, free
// only or online) against env's index and store, and reports p50 and p95.
func TimeMatches(ctx context.Context, env *Env, m *matcher.Matcher, kinds []string, n int) error {
	ocs := env.Gen.Outcodes()
	travel := []matcher.Travel{matcher.Walk, matcher.Bus, matcher.Car}
	r := rand.New(rand.NewPCG(7, 11))
	var lat []float64
	for i := 0; i < n; i++ {
		words := ""
		for j := 0; j < 1+r.IntN(2); j++ {
			ws := env.Gen.QueryWords(kinds[r.IntN(len(kinds))])
			if len(ws) > 0 {
				words += ws[r.IntN(len(ws))] + " "
			}
		}
		if words == "" {
			words = "lonely"
		}
		pt := ocs[r.IntN(len(ocs))].Point
		p := matcher.Profile{Priorities: words, Location: &orb.Point{pt[0], pt[1]}, Travel: travel[r.IntN(3)], OnlineOK: r.IntN(2) == 0, FreeOnly: r.IntN(4) == 0}
		if r.IntN(2) == 0 {
			age := 18 + r.IntN(70)
			p.Age = &age
		}
		if r.IntN(4) == 0 {
			p.Available = []matcher.Window{{Day: time.Weekday(r.IntN(7)), From: 9 * 60, To: 17 * 60}}
		}
		start := time.Now()
		if _, err := m.Match(ctx, p); err != nil {
			if directory.KindOf(err) == directory.Invalid {
				continue
			}
			return err
		}
		lat = append(lat, float64(time.Since(start).Microseconds())/1000)
	}
	sort.Float64s(lat)
	p := percentiles(lat)
	fmt.Fprintf(env.Out, "match: %d profiles, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms\n", len(lat), p[0], p[1], p[2])
	env.Set("match_p50_ms", fmt.Sprintf("%.1f", p[0]))
	env.Set("match_p95_ms", fmt.Sprintf("%.1f", p[1]))
	return nil
}
