package public

import (
	"cmp"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/web/core"
)

// serviceCard is a service as a line in a list.
type serviceCard struct {
	ID           string
	Name         string
	Organization string
	Summary      string
	Cost         string
	NextSession  string
	Place        string
	Notice       string // "Temporarily closed", "Waiting list", …
	Checked      string // "Last checked 8 months ago", only once a listing is stale
}

// ServiceView is everything the service page shows of a listing; a
// link worker's printable summary for a person shows the same.
type ServiceView struct {
	serviceCard
	S             *directory.Service
	Description   []string // paragraphs
	Ages          string
	HowToJoin     []string
	Sessions      []sessionView
	Places        []placeView
	Online        bool
	Phone         bool
	Languages     []string
	Costs         []string
	Verified      string
	VerifiedStale bool
	// VerifiedVeryStale marks a listing nobody has confirmed for a year.
	VerifiedVeryStale bool
	// KindsOfSupport name Linkway's kinds of support the listing has,
	// each with where it came from: "Befriending (from the feed's term
	// ‘Friendly Visiting’)".
	KindsOfSupport []string
	// FeedTerms name the terms of a feed's own vocabulary the listing is
	// filed under, shown as detail apart from Linkway's kinds of support.
	FeedTerms []string
	// Provenance says which live feed the listing came from and when it
	// was fetched; "" for a listing kept here.
	Provenance string
}

// describeKinds names the listing's kinds of support in KindsOfSupport,
// from the names of Linkway's own kinds (own, by id), and the feed's own
// terms in FeedTerms.
func (v *ServiceView) describeKinds(own map[string]string) {
	for _, k := range v.S.Kinds {
		v.KindsOfSupport = append(v.KindsOfSupport, kindPhrase(k, cmp.Or(own[k.ID], k.ID)))
	}
	for _, t := range v.S.Terms {
		if _, ok := own[t.ID]; !ok {
			v.FeedTerms = append(v.FeedTerms, cmp.Or(t.Name, t.ID))
		}
	}
}

// kindPhrase names one of a listing's kinds of support with a short plain
// phrase saying where it came from.
func kindPhrase(k directory.ServiceKind, name string) string {
	switch k.Source {
	case directory.KindCrosswalk:
		if len(k.Why) == 1 {
			return fmt.Sprintf("%s (from the feed's term %s)", name, quoteAll(k.Why))
		}
		if len(k.Why) > 1 {
			return fmt.Sprintf("%s (from the feed's terms %s)", name, quoteAll(k.Why))
		}
		return name + " (from the feed's terms)"
	case directory.KindInferred:
		if len(k.Why) > 0 {
			return fmt.Sprintf("%s (inferred from %s)", name, quoteAll(k.Why))
		}
		return name + " (inferred from its description)"
	case directory.KindModerated:
		return name + " (set by our directory team)"
	}
	return name + " (as the feed lists it)"
}

// quoteAll quotes each of words as the pages quote a person's words.
func quoteAll(words []string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = "‘" + w + "’"
	}
	return strings.Join(quoted, ", ")
}

type sessionView struct {
	When  string
	Where string
	Note  string
}

type placeView struct {
	// Confidential places (refuges) show only their district; the page
	// says why, and link workers follow a link to the address.
	Confidential  bool
	Name          string
	Address       []string
	Postcode      string
	Accessibility []string
	Transport     string
	Sessions      []string
}

// holidayOf names the bank holiday on a date, or is "" (core.Site's
// BankHoliday).
type holidayOf func(time.Time) string

func newServiceCard(s *directory.Service, now time.Time, holiday holidayOf) serviceCard {
	c := serviceCard{ID: s.ID, Name: s.Name, Summary: summarise(s.Description, 180), Cost: CostText(s)}
	if s.Organization != nil {
		c.Organization = s.Organization.Name
	}
	if next, ok := s.NextSession(now); ok {
		c.NextSession = sessionText(next, holiday(next))
	}
	c.Place = placeText(s)
	if months := s.VerifiedMonthsAgo(now); months >= 6 {
		c.Checked = fmt.Sprintf("Last checked %s ago: check with them before you go", core.Pluralise(months, "month", "months"))
	}
	switch {
	case s.Status == directory.StatusTemporarilyClosed:
		c.Notice = "Temporarily closed"
	case s.Accepting == directory.CapacityFull:
		c.Notice = "Full at the moment"
	case s.Accepting == directory.CapacityWaitingList:
		c.Notice = "Waiting list"
	}
	return c
}

// sessionText is when a session starts, as people read it. A session on
// a bank holiday says which, for schedules rarely say whether a group
// meets on Christmas Day: the person should check before going.
func sessionText(start time.Time, holiday string) string {
	when := start.Format("Monday 2 January, 15:04")
	if holiday == "" {
		return when
	}
	return when + " (" + holiday + ", a bank holiday: check it is on)"
}

// NewServiceView is the view of s as of now; holiday names bank holidays.
func NewServiceView(s *directory.Service, now time.Time, holiday func(time.Time) string) ServiceView {
	v := ServiceView{serviceCard: newServiceCard(s, now, holiday), S: s, Ages: ageText(s), Provenance: provenance(s, now.Location())}
	for _, p := range strings.Split(s.Description, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			v.Description = append(v.Description, p)
		}
	}
	for _, r := range s.ReferralRoutes {
		switch r {
		case directory.DropIn:
			v.HowToJoin = append(v.HowToJoin, "Just turn up: no need to book.")
		case directory.SelfReferral:
			v.HowToJoin = append(v.HowToJoin, "You can contact them yourself to join.")
		case directory.ProfessionalReferral:
			v.HowToJoin = append(v.HowToJoin, "A link worker, GP or other professional can refer you.")
		}
	}
	for _, sc := range s.Schedules {
		v.Sessions = append(v.Sessions, sessionView{When: sc.Summary(), Where: attendingText(s), Note: sc.Notes})
	}
	for _, sal := range s.Locations {
		l := sal.Location
		if l.Type == directory.Virtual {
			v.Online = true
			for _, sc := range sal.Schedules {
				v.Sessions = append(v.Sessions, sessionView{When: sc.Summary(), Where: "Online", Note: sc.Notes})
			}
			continue
		}
		pv := placeView{Name: l.Name, Transport: l.Transportation, Confidential: l.Confidential}
		a := l.Address()
		for _, line := range []string{a.Address1, a.Address2, a.City} {
			if strings.TrimSpace(line) != "" {
				pv.Address = append(pv.Address, line)
			}
		}
		pv.Postcode = a.PostalCode
		for _, ac := range l.Accessibility {
			if ac.Description != "" {
				pv.Accessibility = append(pv.Accessibility, ac.Description)
			}
			if ac.Details != "" {
				pv.Accessibility = append(pv.Accessibility, ac.Details)
			}
		}
		for _, sc := range sal.Schedules {
			pv.Sessions = append(pv.Sessions, sc.Summary())
			where := directory.FirstNonBlank(l.Name, a.Address1)
			if l.Confidential && where == "" {
				where = strings.TrimSpace(a.PostalCode + " (address private)")
			}
			v.Sessions = append(v.Sessions, sessionView{When: sc.Summary(), Where: where, Note: sc.Notes})
		}
		v.Places = append(v.Places, pv)
	}
	v.Phone = len(s.Locations) == 0 && len(s.Phones) > 0
	for _, l := range s.Languages {
		v.Languages = append(v.Languages, directory.FirstNonBlank(l.Name, l.Code))
	}
	for _, c := range s.CostOptions {
		v.Costs = append(v.Costs, costOptionText(c))
	}
	if months := s.VerifiedMonthsAgo(now); months >= 0 {
		v.VerifiedStale, v.VerifiedVeryStale = months >= 6, months >= 12
		v.Verified = s.LastVerified.Format("2 January 2006")
		if months >= 1 {
			v.Verified += fmt.Sprintf(" (%s ago)", core.Pluralise(months, "month", "months"))
		}
	}
	return v
}

// CostText says what s costs, in words.
func CostText(s *directory.Service) string {
	if s.IsFree() {
		return "Free"
	}
	if len(s.CostOptions) == 0 {
		return s.Fees
	}
	var amounts []float64
	for _, c := range s.CostOptions {
		if c.Amount != nil {
			amounts = append(amounts, *c.Amount)
		}
	}
	if len(amounts) == 0 {
		return directory.FirstNonBlank(s.CostOptions[0].Description, s.Fees)
	}
	sort.Float64s(amounts)
	if amounts[0] == 0 {
		return "Free for some; from " + money(amounts[len(amounts)-1])
	}
	return "From " + money(amounts[0])
}

func costOptionText(c directory.CostOption) string {
	var parts []string
	if c.Option != "" {
		parts = append(parts, c.Option)
	}
	if c.Amount != nil {
		if *c.Amount == 0 {
			parts = append(parts, "free")
		} else {
			parts = append(parts, money(*c.Amount))
		}
	}
	if c.Description != "" && !strings.EqualFold(c.Description, "free") {
		parts = append(parts, c.Description)
	}
	return strings.Join(parts, ": ")
}

func money(v float64) string {
	if v == math.Trunc(v) {
		return fmt.Sprintf("£%.0f", v)
	}
	return fmt.Sprintf("£%.2f", v)
}

func ageText(s *directory.Service) string {
	switch {
	case s.MinimumAge != nil && s.MaximumAge != nil:
		return fmt.Sprintf("Ages %d to %d", *s.MinimumAge, *s.MaximumAge)
	case s.MinimumAge != nil:
		return fmt.Sprintf("Ages %d and over", *s.MinimumAge)
	case s.MaximumAge != nil:
		return fmt.Sprintf("Up to age %d", *s.MaximumAge)
	}
	return ""
}

func attendingText(s *directory.Service) string {
	if len(s.Locations) == 0 && len(s.Phones) > 0 {
		return "By phone"
	}
	return ""
}

func placeText(s *directory.Service) string {
	var names []string
	online := false
	for _, sal := range s.Locations {
		l := sal.Location
		if l.Type == directory.Virtual {
			online = true
			continue
		}
		a := l.Address()
		names = append(names, strings.TrimSpace(strings.Join(directory.NonBlank(l.Name, a.PostalCode), ", ")))
	}
	if online {
		names = append(names, "Online")
	}
	if len(names) == 0 && len(s.Phones) > 0 {
		return "By phone"
	}
	if len(names) > 2 {
		return fmt.Sprintf("%s and %d more places", names[0], len(names)-1)
	}
	return strings.Join(names, "; ")
}

func summarise(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if len(text) <= n {
		return text
	}
	cut := strings.LastIndex(text[:n], " ")
	if cut < n/2 {
		cut = n
	}
	return strings.TrimRight(text[:cut], ",.;:") + "…"
}

// provenance says where a feed's listing came from, in the zone of the
// site: "From the feed ‘camden’ (original id 123), fetched 7 December
// 2026."
func provenance(s *directory.Service, zone *time.Location) string {
	if s.Source == "" {
		return ""
	}
	text := "From the feed ‘" + s.Source + "’"
	if s.SourceID != "" {
		text += " (original id " + s.SourceID + ")"
	}
	if !s.FetchedAt.IsZero() {
		text += ", fetched " + s.FetchedAt.In(zone).Format("2 January 2006")
	}
	return text + "."
}
