package matcher

import (
	"context"
	"fmt"

	"github.com/linkway/linkway/directory"
)

// relaxations says, for each hard constraint that can be eased, how many
// more services easing it would give: "3 more within 8 km".
func (m *Matcher) relaxations(ctx context.Context, p *Profile, base directory.Query, groups []group) ([]Relaxation, error) {
	count := func(q directory.Query) (int, error) {
		q.Text, q.BoostKinds, q.Limit = p.Priorities, p.Needs, 1
		res, err := m.search.Search(ctx, q)
		return res.Total, err
	}
	now, err := count(base)
	if err != nil {
		return nil, err
	}
	var out []Relaxation
	try := func(constraint string, q directory.Query, say func(more int) string) error {
		n, err := count(q)
		if err != nil {
			return err
		}
		if more := n - now; more > 0 {
			out = append(out, Relaxation{Constraint: constraint, More: more, Suggestion: say(more)})
		}
		return nil
	}
	if base.Near != nil {
		q := base
		q.RadiusKm = farther(base.RadiusKm)
		if err := try("max_distance_km", q, func(n int) string { return fmt.Sprintf("%d more within %g km", n, q.RadiusKm) }); err != nil {
			return nil, err
		}
	}
	if p.FreeOnly {
		q := base
		q.Free = false
		if err := try("free_only", q, func(n int) string { return fmt.Sprintf("%d more if services that charge are fine", n) }); err != nil {
			return nil, err
		}
	}
	if !p.OnlineOK {
		q := base
		q.Remote = directory.RemoteIncluded
		if err := try("online_ok", q, func(n int) string { return fmt.Sprintf("%d more online or by phone", n) }); err != nil {
			return nil, err
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
