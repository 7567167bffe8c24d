package web

// Freshness: a listing nobody has confirmed for six months is stale, for
// twelve very stale. Admins see where stale listings are; organisations
// are reminded, with a one-click "still correct" link that needs no login.

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/geo"
	"github.com/linkway/linkway/notify"
)

// freshnessStore is what freshness needs from the store.
type freshnessStore interface {
	StaleServices(ctx context.Context, now time.Time, months int) ([]*directory.Service, error)
	LastNotified(ctx context.Context, kind, about string) (time.Time, error)
	VerifyService(ctx context.Context, id, by string, at time.Time) (*directory.Service, error)
}

const (
	staleMonths     = 6
	veryStaleMonths = 12
	// reminderEvery is the least time between two reminders to one
	// organisation: volunteers who are nagged stop reading.
	reminderEvery = 30 * 24 * time.Hour
	// verifyValid is how long a "still correct" link works; a new
	// reminder brings a new one.
	verifyValid = 30 * 24 * time.Hour
	// staleReminder is the outbox kind of reminders, about an
	// organisation id.
	staleReminder = "stale-reminder"
)

// staleness is how out of date a listing is.
type staleness int

const (
	fresh     staleness = iota
	stale               // 6 to 11 months
	veryStale           // 12 months or more
	neverChecked
)

func stalenessOf(s *directory.Service, now time.Time) staleness {
	switch m := s.VerifiedMonthsAgo(now); {
	case m < 0:
		return neverChecked
	case m >= veryStaleMonths:
		return veryStale
	case m >= staleMonths:
		return stale
	}
	return fresh
}

// checkedAgo says how long ago a listing was checked, in words.
func checkedAgo(s *directory.Service, now time.Time) string {
	m := s.VerifiedMonthsAgo(now)
	if m < 0 {
		return "never checked"
	}
	return "checked " + pluralise(m, "month", "months") + " ago"
}

type stalePage struct {
	Stale, VeryStale, Never int
	ByKind, ByArea          []staleCount
	Listings                []staleRow
}

type staleCount struct {
	Label                   string
	Stale, VeryStale, Never int
}

func (c staleCount) total() int { return c.Stale + c.VeryStale + c.Never }

func (c *staleCount) add(l staleness) {
	switch l {
	case stale:
		c.Stale++
	case veryStale:
		c.VeryStale++
	case neverChecked:
		c.Never++
	}
}

type staleRow struct {
	ID, Name, Organization, Age string
	Level                       staleness
}

// outcode is the area a listing is in: the district of its first place's
// postcode ("LS6").
func outcode(s *directory.Service) string {
	if len(s.Locations) > 0 {
		if pc, err := geo.Normalize(s.Locations[0].Location.Address().PostalCode); err == nil {
			out, _, _ := strings.Cut(pc, " ")
			return out
		}
	}
	return "online or no place"
}

// handleStale shows the stale listings, counted by kind of support and by
// area, then one by one.
func (s *Server) handleStale(w http.ResponseWriter, r *http.Request) {
	now := s.now()
	list, err := s.orgs.StaleServices(r.Context(), now, staleMonths)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var data stalePage
	kinds, areas := map[string]*staleCount{}, map[string]*staleCount{}
	count := func(m map[string]*staleCount, label string, l staleness) {
		if m[label] == nil {
			m[label] = &staleCount{Label: label}
		}
		m[label].add(l)
	}
	var all staleCount
	for _, svc := range list {
		l := stalenessOf(svc, now)
		all.add(l)
		for _, t := range svc.Terms {
			count(kinds, t.Name, l)
		}
		if len(svc.Terms) == 0 {
			count(kinds, "no kind given", l)
		}
		count(areas, outcode(svc), l)
		row := staleRow{ID: svc.ID, Name: svc.Name, Age: strings.TrimPrefix(checkedAgo(svc, now), "checked "), Level: l}
		if svc.Organization != nil {
			row.Organization = svc.Organization.Name
		}
		data.Listings = append(data.Listings, row)
	}
	data.Stale, data.VeryStale, data.Never = all.Stale, all.VeryStale, all.Never
	data.ByKind, data.ByArea = sortedCounts(kinds), sortedCounts(areas)
	s.privatePage(w, r, http.StatusOK, "stale", "Stale listings", data)
}

// sortedCounts puts the most stale first.
func sortedCounts(m map[string]*staleCount) []staleCount {
	out := make([]staleCount, 0, len(m))
	for _, c := range m {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b staleCount) int {
		return cmp.Or(cmp.Compare(b.total(), a.total()), cmp.Compare(a.Label, b.Label))
	})
	return out
}

// SendStaleReminders reminds each organisation with stale listings, at
// most once in 30 days, to check them: its editors, or the organisation's
// own email when it has none. Each listing in a reminder has its own
// single-use "still correct" link. Run it daily.
func (s *Server) SendStaleReminders(ctx context.Context) error {
	if s.orgs == nil || s.notifier == nil {
		return nil
	}
	now := s.now()
	list, err := s.orgs.StaleServices(ctx, now, staleMonths)
	if err != nil {
		return err
	}
	byOrg := map[string][]*directory.Service{}
	var orgIDs []string
	for _, svc := range list {
		if svc.Organization == nil {
			continue // nobody to ask
		}
		id := svc.Organization.ID
		if byOrg[id] == nil {
			orgIDs = append(orgIDs, id)
		}
		byOrg[id] = append(byOrg[id], svc)
	}
	users, err := s.accounts.Users(ctx)
	if err != nil {
		return err
	}
	editors := map[string][]casework.User{}
	for _, u := range users {
		if u.Role == casework.RoleEditor && !u.Disabled {
			editors[u.OrganizationID] = append(editors[u.OrganizationID], u)
		}
	}
	var errs []error
	for _, id := range orgIDs {
		if err := s.remindOrganisation(ctx, byOrg[id], editors[id], now); err != nil {
			errs = append(errs, fmt.Errorf("web: stale reminder for organisation %s: %w", id, err))
		}
	}
	return errors.Join(errs...)
}

func (s *Server) remindOrganisation(ctx context.Context, services []*directory.Service, editors []casework.User, now time.Time) error {
	org := services[0].Organization
	last, err := s.orgs.LastNotified(ctx, staleReminder, org.ID)
	if err != nil {
		return err
	}
	if !last.IsZero() && now.Sub(last) < reminderEvery {
		return nil
	}
	var to []string
	for _, u := range editors {
		to = append(to, u.Email)
	}
	if len(to) == 0 && org.Email != "" {
		to = append(to, org.Email)
	}
	for _, addr := range to {
		var b strings.Builder
		fmt.Fprintf(&b, "Hello,\n\nResidents and link workers rely on %s's listings on Linkway. ", org.Name)
		these := "These have"
		if len(services) == 1 {
			these = "This one has"
		}
		fmt.Fprintf(&b, "%s not been checked for six months or more. If a listing is still right, follow its link and press the button: no login is needed.\n\n", these)
		for _, svc := range services {
			// Each address gets its own links: one person's click must
			// not use up another's.
			token, err := s.orgs.CreateToken(ctx, "verify", svc.ID, now.Add(verifyValid))
			if err != nil {
				return err
			}
			fmt.Fprintf(&b, "%s (%s)\nStill correct? %s/verify/%s\n\n", svc.Name, checkedAgo(svc, now), s.baseURL, token)
		}
		fmt.Fprintf(&b, "The links work once, for 30 days. If something has changed, log in to update it: %s/login\n", s.baseURL)
		err := s.notifier.Notify(ctx, notify.Message{
			To: addr, Subject: "Are your listings on Linkway still right?", Body: b.String(),
			Kind: staleReminder, About: org.ID,
		})
		if err != nil {
			return err
		}
	}
	return nil
}

type verifyPage struct {
	Service *directory.Service
	Done    bool
	Refused string // why the link cannot be used
}

// handleVerify confirms a listing is still correct from a reminder's
// link. A GET only looks at the token, because mail scanners follow
// links; the button's POST spends it.
func (s *Server) handleVerify(w http.ResponseWriter, r *http.Request) {
	ctx, token := r.Context(), pathVar(r, "token")
	refuse := func(err error) {
		if k := directory.KindOf(err); k != directory.NotFound && k != directory.Conflict {
			s.fail(w, r, err)
			return
		}
		s.privatePage(w, r, statusOf(err), "verify", "This link cannot be used", verifyPage{Refused: directory.MessageOf(err)})
	}
	id, err := s.orgs.PeekToken(ctx, "verify", token)
	if err != nil {
		refuse(err)
		return
	}
	if r.Method != http.MethodPost {
		svc, err := s.store.Service(ctx, id)
		if err != nil {
			refuse(err)
			return
		}
		s.privatePage(w, r, http.StatusOK, "verify", "Is this listing still correct?", verifyPage{Service: svc})
		return
	}
	if id, err = s.orgs.UseToken(ctx, "verify", token); err != nil {
		refuse(err)
		return
	}
	svc, err := s.orgs.VerifyService(ctx, id, "one-click link", s.Now())
	if err != nil {
		refuse(err)
		return
	}
	if err := s.audit(r, "listing.verify", "", "service "+svc.ID+" by one-click link"); err != nil {
		s.fail(w, r, err)
		return
	}
	s.privatePage(w, r, http.StatusOK, "verify", "Thank you", verifyPage{Service: svc, Done: true})
}
