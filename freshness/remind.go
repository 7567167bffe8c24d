package freshness

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/notify"
)

const (
	// VerifyPurpose is the token purpose of a one-click "still correct"
	// link.
	VerifyPurpose = "verify"
	// reminderEvery is the least time between two reminders to one
	// organisation: volunteers who are nagged stop reading.
	reminderEvery = 30 * 24 * time.Hour
	// verifyValid is how long a "still correct" link works; a new
	// reminder brings a new one.
	verifyValid = 30 * 24 * time.Hour
	// reminderKind is the outbox kind of reminders, about an
	// organisation id.
	reminderKind = "stale-reminder"
)

// Store is what the reminders need from the store.
type Store interface {
	// StaleServices are the listed services nobody has confirmed for
	// months whole months or more as of now, or ever, by organisation.
	StaleServices(ctx context.Context, now time.Time, months int) ([]*directory.Service, error)
	// LastNotified is when a message of kind about about was last kept
	// in the outbox (zero if never), not counting mail the server refused.
	LastNotified(ctx context.Context, kind, about string) (time.Time, error)
	// OrganizationEditors are the editors of an organisation who may
	// still log in.
	OrganizationEditors(ctx context.Context, orgID string) ([]casework.User, error)
	CreateToken(ctx context.Context, purpose, subject string, expires time.Time) (string, error)
}

// Reminders reminds organisations of their stale listings.
type Reminders struct {
	store    Store
	notifier notify.Notifier

	// BaseURL starts the links in reminders, such as
	// "https://linkway.example.org".
	BaseURL string
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Zone is where months are counted (default UTC; Linkway runs in
	// Europe/London).
	Zone *time.Location
}

// NewReminders returns reminders for the listings in st, sent through n.
func NewReminders(st Store, n notify.Notifier) *Reminders {
	return &Reminders{store: st, notifier: n, Now: time.Now, Zone: time.UTC}
}

// Send reminds each organisation with stale listings, at most once in 30
// days, to check them: its editors, or the organisation's own email when
// it has none. Each listing in a reminder has its own single-use "still
// correct" link. Run it daily.
func (r *Reminders) Send(ctx context.Context) error {
	now := r.Now().In(r.Zone)
	list, err := r.store.StaleServices(ctx, now, StaleMonths)
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
	var errs []error
	for _, id := range orgIDs {
		if err := r.remind(ctx, byOrg[id], now); err != nil {
			errs = append(errs, fmt.Errorf("freshness: reminder for organisation %s: %w", id, err))
		}
	}
	return errors.Join(errs...)
}

// remind sends one organisation's reminder about services, all of which
// are its own.
func (r *Reminders) remind(ctx context.Context, services []*directory.Service, now time.Time) error {
	org := services[0].Organization
	last, err := r.store.LastNotified(ctx, reminderKind, org.ID)
	if err != nil {
		return err
	}
	if !last.IsZero() && now.Sub(last) < reminderEvery {
		return nil
	}
	editors, err := r.store.OrganizationEditors(ctx, org.ID)
	if err != nil {
		return err
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
			token, err := r.store.CreateToken(ctx, VerifyPurpose, svc.ID, now.Add(verifyValid))
			if err != nil {
				return err
			}
			fmt.Fprintf(&b, "%s (%s)\nStill correct? %s/verify/%s\n\n", svc.Name, CheckedAgo(svc, now), r.BaseURL, token)
		}
		fmt.Fprintf(&b, "The links work once, for 30 days. If something has changed, log in to update it: %s/login\n", r.BaseURL)
		err := r.notifier.Notify(ctx, notify.Message{
			To: addr, Subject: "Are your listings on Linkway still right?", Body: b.String(),
			Kind: reminderKind, About: org.ID,
		})
		if err != nil {
			return err
		}
	}
	return nil
}
