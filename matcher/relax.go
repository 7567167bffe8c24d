package matcher

import (
	"context"
	"fmt"
	"sync"

	"github.com/linkway/linkway/directory"
)

// relaxations says, for each hard constraint that can be eased, how many
// more services easing it would give: "3 more within 8 km". now is how
// many the person's constraints allow; the counts run side by side.
func (m *Matcher) relaxations(ctx context.Context, p *Profile, base directory.Query, now int) ([]Relaxation, error) {
	type option struct {
		constraint string
		q          directory.Query
		say        func(more int) string
	}
	var options []option
	if base.Near != nil {
		q := base
		q.RadiusKm = farther(base.RadiusKm)
		options = append(options, option{"max_distance_km", q, func(n int) string { return fmt.Sprintf("%d more within %g km", n, q.RadiusKm) }})
	}
	if p.FreeOnly {
		q := base
		q.Free = false
		options = append(options, option{"free_only", q, func(n int) string { return fmt.Sprintf("%d more if services that charge are fine", n) }})
	}
	if !p.OnlineOK {
		q := base
		q.Remote = directory.RemoteIncluded
		options = append(options, option{"online_ok", q, func(n int) string { return fmt.Sprintf("%d more online or by phone", n) }})
	}
	totals := make([]int, len(options))
	errs := make([]error, len(options))
	var wg sync.WaitGroup
	for i, o := range options {
		wg.Add(1)
		go func() {
			defer wg.Done()
			q := o.q
			q.Text, q.BoostKinds, q.Limit, q.Sort = p.Priorities, p.Needs, 1, directory.ByScore
			res, err := m.search.Search(ctx, q)
			totals[i], errs[i] = res.Total, err
		}()
	}
	wg.Wait()
	var out []Relaxation
	for i, o := range options {
		if errs[i] != nil {
			return nil, errs[i]
		}
		if more := totals[i] - now; more > 0 {
			out = append(out, Relaxation{Constraint: o.constraint, More: more, Suggestion: o.say(more)})
		}
	}
	return out, nil
}

// farther is the next distance worth suggesting.
func farther(km float64) float64 {
	switch {
	case km < 2:
		return 3
	case km < 5:
		return 8
	case km < 10:
		return 15
	}
	return km * 2
}
