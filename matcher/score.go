package matcher

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/linkway/linkway/directory"
)

// candidate is a service being scored, with what the search said of it.
type candidate struct {
	s          *directory.Service
	text       float64 // relevance from the index, 0..1
	distanceKm float64 // to the nearest place, -1 when it has none
	// concepts are the priorities (phrases read as kinds) this service
	// serves, by index into the profile's concept list.
	concepts []int
	score    float64
	comp     map[string]float64
	reasons  []string
	warnings []string
}

// Uptake is how referrals to a service have gone.
type Uptake struct {
	Referred, Accepted, Attended int
}

// scoreDistance decays with distance at the pace of the travel mode: at
// the scale distance the score is 0.5, at twice that 0.2, so nearby
// places differ little and far ones fall away.
func (c *Config) scoreDistance(p *Profile, d float64) float64 {
	if p.Location == nil {
		return 1
	}
	if d < 0 {
		return c.RemoteDistanceScore
	}
	scale := c.DistanceScaleKm[p.Travel]
	if scale <= 0 {
		scale = 4
	}
	x := d / scale
	return 1 / (1 + x*x)
}

// sessions lists a service's timed sessions.
func sessions(s *directory.Service) []directory.Schedule {
	var out []directory.Schedule
	for _, sc := range s.AllSchedules() {
		if len(sc.Days()) > 0 {
			out = append(out, sc)
		}
	}
	return out
}

// scoreSchedule is 1 when a session falls in a time the person is free,
// 0.4 when the listing gives no times (ask), 0 when none fits; and 1
// when the person did not say when they are free.
func scoreSchedule(p *Profile, s *directory.Service) (float64, *directory.Schedule, *Window) {
	if len(p.Available) == 0 {
		return 1, nil, nil
	}
	scs := sessions(s)
	if len(scs) == 0 {
		return 0.4, nil, nil
	}
	for i := range scs {
		sc := &scs[i]
		opens, closes, timed := sc.Window()
		for j := range p.Available {
			w := &p.Available[j]
			for _, r := range sc.Days() {
				if r.Day != w.Day {
					continue
				}
				if !timed || opens < w.To && closes > w.From || closes <= opens {
					return 1, sc, w
				}
			}
		}
	}
	return 0, nil, nil
}

// scoreAccess averages, over the person's access needs, 1 for a need the
// venue states, 0 for one it rules out, and 0.5 when it does not say.
// Services with no venue need no access.
func scoreAccess(p *Profile, s *directory.Service) (float64, []string, []string) {
	if len(p.AccessNeeds) == 0 {
		return 1, nil, nil
	}
	if !slices.Contains(s.Attending(), "in_person") {
		return 1, nil, nil
	}
	has := s.AccessFeatures()
	denied := deniedAccess(s)
	total := 0.0
	var met, unknown []string
	for _, need := range p.AccessNeeds {
		switch {
		case slices.Contains(has, need):
			total += 1
			met = append(met, directory.AccessLabel(need))
		case denied[need]:
			unknown = append(unknown, "the venue says it has no "+directory.AccessLabel(need))
		default:
			total += 0.5
			unknown = append(unknown, directory.AccessLabel(need)+" not stated: check before referring")
		}
	}
	return total / float64(len(p.AccessNeeds)), met, unknown
}

// deniedAccess reads what a venue rules out: stairs with no lift deny
// wheelchair and step-free access.
func deniedAccess(s *directory.Service) map[string]bool {
	out := map[string]bool{}
	for _, sal := range s.Locations {
		for _, a := range sal.Location.Accessibility {
			t := strings.ToLower(a.Description + " " + a.Details)
			if strings.Contains(t, "no lift") || strings.Contains(t, "stairs") || strings.Contains(t, "steps at the entrance") || strings.Contains(t, "no wheelchair") || strings.Contains(t, "not wheelchair") {
				out["wheelchair"], out["step_free"] = true, true
			}
		}
	}
	return out
}

// scoreLanguage is 1 when the service offers one of the person's
// languages, 0.3 when not; 1 when the person named none.
func scoreLanguage(p *Profile, s *directory.Service) (float64, string) {
	if len(p.Languages) == 0 {
		return 1, ""
	}
	for _, want := range p.Languages {
		for _, l := range s.Languages {
			if strings.EqualFold(l.Code, want) || strings.EqualFold(l.Name, want) {
				return 1, directory.FirstNonBlank(l.Name, l.Code)
			}
		}
	}
	return 0.3, ""
}

func scoreCost(s *directory.Service) float64 {
	switch s.CostBand() {
	case "free":
		return 1
	case "paid":
		return 0.5
	}
	return 0.7
}

func scoreCapacity(s *directory.Service) float64 {
	if s.Accepting == directory.CapacityWaitingList {
		return 0.4
	}
	return 1
}

// scoreRecency trusts recently checked listings more.
func scoreRecency(s *directory.Service, now time.Time) (float64, int) {
	m := s.VerifiedMonthsAgo(now)
	switch {
	case m < 0:
		return 0.4, m
	case m < 6:
		return 1, m
	case m < 12:
		return 0.7, m
	}
	return 0.3, m
}

// scoreUptake is the share of referrals accepted and attended, shrunk
// towards the average for services with few referrals, so that one
// lucky referral does not outrank a long record.
func (c *Config) scoreUptake(u Uptake, avg float64) float64 {
	n := float64(u.Referred)
	if n <= 0 {
		return avg
	}
	rate := (float64(u.Accepted) + float64(u.Attended)) / (2 * n)
	k := c.UptakePriorReferrals
	return (rate*n + avg*k) / (n + k)
}

// travelTime describes how long a distance takes by the travel mode.
func travelTime(d float64, t Travel) string {
	switch t {
	case Walk, "":
		min := int(math.Round(d / 5 * 60)) // 5 km/h
		if t == "" && d > 3 {
			return ""
		}
		return fmt.Sprintf("about %s' walk", minutes(min))
	case Bus:
		return fmt.Sprintf("about %s by bus", minutes(int(math.Round(10+d/15*60))))
	case Car:
		return fmt.Sprintf("about %s by car", minutes(int(math.Round(3+d/30*60))))
	}
	return ""
}

func minutes(n int) string {
	n = max(n, 1)
	if n < 60 {
		if n >= 10 {
			n = (n + 2) / 5 * 5
		}
		return fmt.Sprintf("%d minutes", n)
	}
	return fmt.Sprintf("%dh%02d", n/60, n%60)
}
