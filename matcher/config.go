package matcher

import (
	"encoding/json"
	"fmt"
	"io"
)

// Component names, in the order explanations list them.
const (
	CText     = "text"
	CKind     = "kind"
	CDistance = "distance"
	CSchedule = "schedule"
	CAccess   = "access"
	CLanguage = "language"
	CCost     = "cost"
	CCapacity = "capacity"
	CRecency  = "recency"
	CUptake   = "uptake"
)

// Components lists every scoring component.
var Components = []string{CText, CKind, CDistance, CSchedule, CAccess, CLanguage, CCost, CCapacity, CRecency, CUptake}

// Config holds every number that tunes matching, read from one file
// (data/matcher.json) so that none is scattered through the code.
type Config struct {
	Weights             map[string]float64 `json:"weights"`
	DistanceScaleKm     map[Travel]float64 `json:"distance_scale_km"`
	RemoteDistanceScore float64            `json:"remote_distance_score"`
	// AtHomeRemoteDistanceScore replaces RemoteDistanceScore when the
	// person says getting out is hard: then coming to them is a plus.
	AtHomeRemoteDistanceScore float64 `json:"at_home_remote_distance_score"`
	// RefusedFactor scales the score of a service that is what the person
	// said is not for them ("not one for coffee mornings").
	RefusedFactor float64 `json:"refused_factor"`
	Diversity     struct {
		Lambda           float64 `json:"lambda"`
		SameKind         float64 `json:"same_kind"`
		SameOrganization float64 `json:"same_organization"`
	} `json:"diversity"`
	UptakePriorReferrals float64 `json:"uptake_prior_referrals"`
	Candidates           int     `json:"candidates"`
}

// LoadConfig reads and checks a matcher config.
func LoadConfig(r io.Reader) (*Config, error) {
	var c Config
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var doc struct {
		About string `json:"about"`
		Config
	}
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("matcher: config: %w", err)
	}
	c = doc.Config
	total := 0.0
	for _, name := range Components {
		w, ok := c.Weights[name]
		if !ok || w < 0 {
			return nil, fmt.Errorf("matcher: config: weight %q missing or negative", name)
		}
		total += w
	}
	for name := range c.Weights {
		if !isComponent(name) {
			return nil, fmt.Errorf("matcher: config: unknown weight %q", name)
		}
	}
	if total <= 0 {
		return nil, fmt.Errorf("matcher: config: weights add up to nothing")
	}
	if c.Candidates <= 0 || c.Candidates > 2000 {
		return nil, fmt.Errorf("matcher: config: candidates must be 1 to 2000")
	}
	for name, x := range map[string]float64{
		"remote_distance_score": c.RemoteDistanceScore, "at_home_remote_distance_score": c.AtHomeRemoteDistanceScore, "refused_factor": c.RefusedFactor,
	} {
		if x < 0 || x > 1 {
			return nil, fmt.Errorf("matcher: config: %s must be 0 to 1", name)
		}
	}
	if c.Diversity.Lambda <= 0 || c.Diversity.Lambda > 1 {
		return nil, fmt.Errorf("matcher: config: diversity.lambda must be in (0, 1]")
	}
	return &c, nil
}

func isComponent(name string) bool {
	for _, c := range Components {
		if c == name {
			return true
		}
	}
	return false
}
