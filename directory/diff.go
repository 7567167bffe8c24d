package directory

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// FieldChange is one difference between two versions of a listing, told
// in the words a moderator reads: which part changed and what it said
// before and after ("" when it said nothing).
type FieldChange struct {
	Field  string
	Before string
	After  string
}

// Diff lists, part by part, what differs between two versions of a
// listing: what residents and link workers rely on (name, description,
// who it is for, sessions, places, cost, how to join, capacity,
// languages, contact details, status). Bookkeeping that changes on every
// save, such as when it was last verified, is left out. A nil before is
// an empty listing, so Diff(nil, s) describes s.
func Diff(before, after *Service) []FieldChange {
	if before == nil {
		before = &Service{}
	}
	if after == nil {
		after = &Service{}
	}
	var out []FieldChange
	add := func(field, b, a string) {
		if b != a {
			out = append(out, FieldChange{Field: field, Before: b, After: a})
		}
	}
	add("Name", before.Name, after.Name)
	add("Description", before.Description, after.Description)
	add("Who it is for", before.Eligibility, after.Eligibility)
	add("Ages", ageWords(before), ageWords(after))
	if gone, came := setDiff(scheduleWords(before), scheduleWords(after)); gone != "" || came != "" {
		out = append(out, FieldChange{Field: "Sessions", Before: gone, After: came})
	}
	for i := range max(len(before.Locations), len(after.Locations)) {
		prefix := "Place"
		if len(before.Locations) > 1 || len(after.Locations) > 1 {
			prefix = "Place " + strconv.Itoa(i+1)
		}
		var b, a *Location
		if i < len(before.Locations) {
			b = &before.Locations[i].Location
		}
		if i < len(after.Locations) {
			a = &after.Locations[i].Location
		}
		switch {
		case b == nil:
			add(prefix, "", placeWords(a))
		case a == nil:
			add(prefix, placeWords(b), "")
		default:
			add(prefix+" name", b.Name, a.Name)
			add(prefix+" address", addressWords(b.Address()), addressWords(a.Address()))
			add(prefix+" postcode", b.Address().PostalCode, a.Address().PostalCode)
			add(prefix+" access", accessText(b), accessText(a))
			add(prefix+" address private", privacyWords(b), privacyWords(a))
		}
	}
	add("Cost", costWords(before), costWords(after))
	add("How to join", routeWords(before.ReferralRoutes), routeWords(after.ReferralRoutes))
	add("How to join, in words", before.Application, after.Application)
	add("Taking new people", capacityWords(before), capacityWords(after))
	add("Languages", languageWords(before), languageWords(after))
	add("Phone", phoneWords(before), phoneWords(after))
	add("Email", emailWords(before), emailWords(after))
	add("Website", before.URL, after.URL)
	add("Status", statusWords(before.Status), statusWords(after.Status))
	add("Notice", before.Alert, after.Alert)
	return out
}

// privacyWords says whether a place's address is kept from the public.
func privacyWords(l *Location) string {
	if l.Confidential {
		return "yes: only the postcode district is shown"
	}
	return "no"
}

func ageWords(s *Service) string {
	switch {
	case s.MinimumAge != nil && s.MaximumAge != nil:
		return fmt.Sprintf("%d to %d", *s.MinimumAge, *s.MaximumAge)
	case s.MinimumAge != nil:
		return fmt.Sprintf("%d and over", *s.MinimumAge)
	case s.MaximumAge != nil:
		return fmt.Sprintf("up to %d", *s.MaximumAge)
	}
	return "any age"
}

// scheduleWords describes every session, service-wide and at each place:
// a session moved from the listing to its venue is not a change anyone
// would notice, so only the words are compared.
func scheduleWords(s *Service) []string {
	var out []string
	for _, sc := range s.AllSchedules() {
		if w := sc.Summary(); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// setDiff returns, joined, the items only in before and those only in
// after, each in its own order. Repeats count: a listing that had the
// same session twice and now has it once has lost one.
func setDiff(before, after []string) (gone, came string) {
	left := map[string]int{}
	for _, a := range after {
		left[a]++
	}
	var g []string
	for _, b := range before {
		if left[b] > 0 {
			left[b]--
		} else {
			g = append(g, b)
		}
	}
	var c []string
	for _, a := range after {
		if left[a] > 0 {
			left[a]--
			c = append(c, a)
		}
	}
	return strings.Join(g, "; "), strings.Join(c, "; ")
}

func addressWords(a Address) string {
	var parts []string
	for _, p := range []string{a.Address1, a.Address2, a.City} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

func placeWords(l *Location) string {
	var parts []string
	for _, p := range []string{l.Name, addressWords(l.Address()), l.Address().PostalCode, accessText(l)} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 && l.Type == Virtual {
		return "online"
	}
	return strings.Join(parts, ", ")
}

func accessText(l *Location) string {
	var parts []string
	for _, a := range l.Accessibility {
		for _, p := range []string{a.Description, a.Details} {
			if p = strings.TrimSpace(p); p != "" {
				parts = append(parts, p)
			}
		}
	}
	return strings.Join(parts, "; ")
}

func costWords(s *Service) string {
	if s.IsFree() {
		return "free"
	}
	var parts []string
	for _, c := range s.CostOptions {
		var p []string
		if c.Option != "" {
			p = append(p, c.Option)
		}
		if c.Amount != nil {
			p = append(p, "£"+strconv.FormatFloat(*c.Amount, 'f', -1, 64))
		}
		if c.Description != "" {
			p = append(p, c.Description)
		}
		if len(p) > 0 {
			parts = append(parts, strings.Join(p, " "))
		}
	}
	if s.Fees != "" {
		parts = append(parts, s.Fees)
	}
	return strings.Join(parts, "; ")
}

var routeNames = map[ReferralRoute]string{
	DropIn: "drop in", SelfReferral: "self-referral", ProfessionalReferral: "professional referral",
}

// routeWords names the ways in, in a fixed order: the order a listing
// gives them in means nothing.
func routeWords(rs []ReferralRoute) string {
	var parts []string
	for _, r := range rs {
		if n, ok := routeNames[r]; ok {
			parts = append(parts, n)
		} else {
			parts = append(parts, string(r))
		}
	}
	slices.Sort(parts)
	return strings.Join(parts, ", ")
}

func capacityWords(s *Service) string {
	switch s.Accepting {
	case CapacityWaitingList:
		if s.TypicalWaitDays > 0 {
			return fmt.Sprintf("waiting list (typical wait %d days)", s.TypicalWaitDays)
		}
		return "waiting list"
	case CapacityFull:
		return "full"
	}
	return "taking people"
}

func languageWords(s *Service) string {
	var parts []string
	for _, l := range s.Languages {
		if n := strings.TrimSpace(l.Name); n != "" {
			parts = append(parts, n)
		} else {
			parts = append(parts, l.Code)
		}
	}
	return strings.Join(parts, ", ")
}

func phoneWords(s *Service) string {
	var parts []string
	for _, p := range s.Phones {
		parts = append(parts, p.Number)
	}
	return strings.Join(parts, ", ")
}

func emailWords(s *Service) string {
	parts := []string{}
	if s.Email != "" {
		parts = append(parts, s.Email)
	}
	for _, c := range s.Contacts {
		if c.Email != "" && !slices.Contains(parts, c.Email) {
			parts = append(parts, c.Email)
		}
	}
	return strings.Join(parts, ", ")
}

func statusWords(st Status) string {
	if st == "" {
		return ""
	}
	return string(st)
}

// ReviewStatus is where a proposed change to a listing stands.
type ReviewStatus string

// Review statuses: a change waits for an admin, who approves (publishes)
// or rejects it with a reason the organisation sees.
const (
	ReviewPending  ReviewStatus = "pending"
	ReviewApproved ReviewStatus = "approved"
	ReviewRejected ReviewStatus = "rejected"
)

// Review is a change to a listing sent by an organisation's editor,
// waiting for (or past) an admin's decision. Base is the listing as it
// was published when the change was made, so the admin sees what the
// editor changed even if the listing has changed since.
type Review struct {
	ID             int64
	ServiceID      string
	OrganizationID string
	SubmittedBy    int64 // user id
	SubmittedAt    time.Time
	Base           *Service
	Proposed       *Service
	Status         ReviewStatus
	Reason         string // why it was rejected
	DecidedBy      int64
	DecidedAt      time.Time
}

// Approved returns the listing that approving r publishes when the
// listing is now current. If it changed after the review was sent, the
// proposal wins (the review page shows the admin what that undoes),
// except for what the quick actions set and the proposal left alone:
// whether it is open, whether it is taking people, and a newer "still
// correct" date. Those are facts about today, published at once, and an
// older edit must not quietly undo them.
func (r *Review) Approved(current *Service) *Service {
	s, base := *r.Proposed, r.Base
	if current.LastVerified.After(s.LastVerified) {
		s.LastVerified, s.VerifiedBy = current.LastVerified, current.VerifiedBy
	}
	if s.Status == base.Status && s.Alert == base.Alert {
		s.Status, s.Alert = current.Status, current.Alert
	}
	if s.Accepting == base.Accepting && s.TypicalWaitDays == base.TypicalWaitDays {
		s.Accepting, s.TypicalWaitDays = current.Accepting, current.TypicalWaitDays
	}
	return &s
}

// Version is one published version of a listing. Version 0 is the listing
// as it was before its first change through Linkway (as imported).
type Version struct {
	ServiceID   string
	Version     int
	PublishedAt time.Time
	PublishedBy int64 // user id, or 0 for the import
	Content     *Service
	Note        string
}
