package directory

import (
	"strings"
	"time"
)

// CostBand is "free", "paid" or "unknown".
func (s *Service) CostBand() string {
	switch {
	case s.IsFree():
		return "free"
	case len(s.CostOptions) > 0 || strings.Contains(s.Fees, "£"):
		return "paid"
	}
	return "unknown"
}

// Attending lists how people take part: "in_person", "online", "phone".
func (s *Service) Attending() []string {
	modes := map[string]bool{}
	for _, sal := range s.Locations {
		if sal.Location.Type == Virtual {
			modes["online"] = true
		} else {
			modes["in_person"] = true
		}
	}
	if len(s.Locations) == 0 && len(s.Phones) > 0 {
		modes["phone"] = true
	}
	for _, sc := range s.AllSchedules() {
		t := strings.ToLower(sc.AttendingType)
		if strings.Contains(t, "online") || strings.Contains(t, "video") || strings.Contains(t, "remote") {
			modes["online"] = true
		}
		if strings.Contains(t, "phone") {
			modes["phone"] = true
		}
	}
	var out []string
	for _, m := range []string{"in_person", "online", "phone"} {
		if modes[m] {
			out = append(out, m)
		}
	}
	return out
}

// accessWords maps an access feature to the phrases listings use for it.
var accessWords = []struct {
	feature string
	phrases []string
}{
	{"wheelchair", []string{"wheelchair accessible", "wheelchair access", "wheelchair users", "wheelchair friendly"}},
	{"step_free", []string{"step-free", "step free", "level access", "ramp", "ground floor", "lift to all"}},
	{"hearing_loop", []string{"hearing loop", "induction loop", "loop system"}},
	{"accessible_toilet", []string{"accessible toilet", "disabled toilet", "accessible loo"}},
	{"large_print", []string{"large print"}},
	{"bsl", []string{"bsl", "british sign language"}},
	{"quiet_space", []string{"quiet space", "quiet room"}},
}

// AccessFeatures reads the access features a service's venues state
// ("wheelchair", "step_free", "hearing_loop", …) from their descriptions,
// ignoring ones that are denied ("no wheelchair access"). A wheelchair
// accessible venue is step-free too.
func (s *Service) AccessFeatures() []string {
	var texts []string
	for _, sal := range s.Locations {
		for _, a := range sal.Location.Accessibility {
			texts = append(texts, strings.ToLower(a.Description+" . "+a.Details))
		}
	}
	if len(texts) == 0 {
		return nil
	}
	found := map[string]bool{}
	for _, t := range texts {
		for _, aw := range accessWords {
			for _, p := range aw.phrases {
				if stated(t, p) {
					found[aw.feature] = true
				}
			}
		}
	}
	if found["wheelchair"] {
		found["step_free"] = true
	}
	var out []string
	for _, aw := range accessWords {
		if found[aw.feature] {
			out = append(out, aw.feature)
		}
	}
	return out
}

// stated reports whether phrase occurs in text without a denial just
// before it ("no", "not", "without").
func stated(text, phrase string) bool {
	for from := 0; ; {
		i := strings.Index(text[from:], phrase)
		if i < 0 {
			return false
		}
		i += from
		before := text[max(0, i-12):i]
		if !strings.Contains(before, "no ") && !strings.Contains(before, "not ") && !strings.Contains(before, "without ") {
			return true
		}
		from = i + len(phrase)
	}
}

// AllSchedules returns the service-wide schedules followed by those of
// each location.
func (s *Service) AllSchedules() []Schedule {
	out := append([]Schedule(nil), s.Schedules...)
	for _, sal := range s.Locations {
		out = append(out, sal.Schedules...)
	}
	return out
}

// accessAliases maps what people and clients write to the access
// features [Service.AccessFeatures] reports.
var accessAliases = map[string]string{
	"wheelchair": "wheelchair",
	"step-free":  "step_free", "step_free": "step_free", "stepfree": "step_free",
	"hearing-loop": "hearing_loop", "hearing_loop": "hearing_loop", "hearing loop": "hearing_loop", "loop": "hearing_loop",
	"accessible-toilet": "accessible_toilet", "accessible_toilet": "accessible_toilet", "toilet": "accessible_toilet",
	"large-print": "large_print", "large_print": "large_print",
	"bsl":         "bsl",
	"quiet-space": "quiet_space", "quiet_space": "quiet_space",
}

// accessLabels name access features in plain words.
var accessLabels = map[string]string{
	"wheelchair": "wheelchair accessible", "step_free": "step-free access", "hearing_loop": "hearing loop",
	"accessible_toilet": "accessible toilet", "large_print": "large print", "bsl": "British Sign Language",
	"quiet_space": "a quiet space",
}

// ParseAccess reads an access need as people and clients write it
// ("step-free", "Hearing loop") and returns the feature name.
func ParseAccess(s string) (string, bool) {
	f, ok := accessAliases[strings.ToLower(strings.TrimSpace(s))]
	return f, ok
}

// AccessLabel names an access feature in plain words.
func AccessLabel(feature string) string {
	if l, ok := accessLabels[feature]; ok {
		return l
	}
	return feature
}

// VerifiedMonthsAgo returns how many whole months before now the listing
// was last verified, or -1 when it never was.
func (s *Service) VerifiedMonthsAgo(now time.Time) int {
	if s.LastVerified.IsZero() {
		return -1
	}
	a := s.LastVerified
	m := (now.Year()-a.Year())*12 + int(now.Month()) - int(a.Month())
	if now.Day() < a.Day() {
		m--
	}
	return max(m, 0)
}
