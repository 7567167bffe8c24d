// Package cases serves link workers: their caseload and each person's
// record (details and consent, what matters, the plan, contacts,
// wellbeing scores, referrals), Find support for a person with refer and
// signpost, a printable summary, the team's uptake and coded events, and
// the same over the JSON API. Only a link worker, or an admin in a team,
// gets past caseworker(); everyone else is told a page does not exist,
// and nobody sees another team's people. Every read of a record is
// audited before the answer goes out; changes go through the casework
// workflows, which audit them in their own transaction.
package cases

import (
	"context"
	"net/http"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/web/core"
	"github.com/linkway/linkway/web/public"
)

// Store is what the link workers' pages read. Every change goes through
// the casework workflows instead, which write it with its audit entry.
type Store interface {
	Person(ctx context.Context, id string) (*casework.Person, error)
	People(ctx context.Context, f casework.PeopleFilter) ([]casework.PersonSummary, error)
	CountPeople(ctx context.Context, f casework.PeopleFilter) (int, error)
	Contacts(ctx context.Context, personID string) ([]casework.Contact, error)
	PersonCodedEvents(ctx context.Context, personID string) ([]casework.CodedEvent, error)
	CodedEvents(ctx context.Context, teamID string, from, to time.Time) ([]casework.CodedEventRow, error)
	Outcomes(ctx context.Context, personID string) ([]casework.ONS4, error)
	Referral(ctx context.Context, id string) (*casework.Referral, error)
	Referrals(ctx context.Context, f casework.ReferralFilter) ([]*casework.Referral, error)
	// ReferralsToServices are the referrals made to any of the services,
	// across teams, for how their organisations answer.
	ReferralsToServices(ctx context.Context, serviceIDs []string) ([]*casework.Referral, error)

	// The directory, for what a person was referred to.
	Service(ctx context.Context, id string) (*directory.Service, error)
	ServicesByID(ctx context.Context, ids []string) (map[string]*directory.Service, error)
	TaxonomyTerms(ctx context.Context) ([]directory.Term, error)

	// Accounts: the team's link workers, and what the user did lately.
	Users(ctx context.Context) ([]casework.User, error)
	UserByID(ctx context.Context, id int64) (casework.User, error)
	Audit(ctx context.Context, f casework.AuditFilter) ([]casework.AuditEntry, int, error)
}

// Deps is what the link workers' pages are built from; all of it is
// needed.
type Deps struct {
	Site  *core.Site
	Store Store
	// Work changes people's records and referrals, and tells
	// organisations of referrals; its Holidays are skipped when counting
	// the working days a referral may wait.
	Work *casework.Workflow
	// Finder is Find support, for a person on the caseload.
	Finder *public.Finder
	// TileURL is the map tiles drawn behind casework maps: "" (no tiles,
	// and none let in by the pages' content security policy) unless an
	// admin turned them on, since a tile request tells the tile server
	// the area a person lives in.
	TileURL string
}

// Handler serves the link workers' pages and API.
type Handler struct {
	site   *core.Site
	store  Store
	work   *casework.Workflow
	finder *public.Finder
	// tileURL is Deps.TileURL.
	tileURL string
}

// New returns the link workers' pages over d.
func New(d Deps) (*Handler, error) {
	if err := core.CheckDeps("cases", d); err != nil {
		return nil, err
	}
	return &Handler{site: d.Site, store: d.Store, work: d.Work, finder: d.Finder, tileURL: d.TileURL}, nil
}

// overdue reports whether ref has waited more than 10 working days for
// its organisation's first answer.
func (h *Handler) overdue(ref *casework.Referral) bool {
	return casework.AwaitingResponse(*ref, h.site.LocalNow(), h.work.Holidays)
}

// caseworker returns the logged-in user if they may keep a caseload: a
// link worker, or an admin who is also in a team. Anyone else is told
// the page does not exist.
func (h *Handler) caseworker(r *http.Request) (*casework.User, error) {
	u := core.CurrentUser(r)
	if u == nil || u.TeamID == "" || (u.Role != casework.RoleLinkWorker && u.Role != casework.RoleAdmin) {
		return nil, directory.Errorf(directory.NotFound, "page not found")
	}
	return u, nil
}

// personFor reads the person with the given id if the user's team holds
// their record; otherwise it answers not found, so that nobody can learn
// which ids exist. Every successful read is audited.
func (h *Handler) personFor(r *http.Request, id string) (*casework.Person, *casework.User, error) {
	u, err := h.caseworker(r)
	if err != nil {
		return nil, nil, err
	}
	p, err := h.store.Person(r.Context(), id)
	if err != nil {
		if directory.KindOf(err) == directory.NotFound {
			err = directory.Errorf(directory.NotFound, "no person with this id in your team")
		}
		return nil, nil, err
	}
	if p.TeamID != u.TeamID {
		return nil, nil, directory.Errorf(directory.NotFound, "no person with this id in your team")
	}
	return p, u, nil
}

// referralFor reads a referral the user's team made. Another team's
// referral gets the same answer as an id that does not exist, so that
// nobody can learn which ids exist.
func (h *Handler) referralFor(r *http.Request, id string) (*casework.Referral, *casework.User, error) {
	u, err := h.caseworker(r)
	if err != nil {
		return nil, nil, err
	}
	ref, err := h.store.Referral(r.Context(), id)
	if directory.KindOf(err) == directory.NotFound || (err == nil && ref.TeamID != u.TeamID) {
		return nil, nil, directory.Errorf(directory.NotFound, "no referral with this id in your team")
	}
	return ref, u, err
}

// personRecord is everything a person's page and API show.
type personRecord struct {
	Person    *casework.Person
	Contacts  []casework.Contact
	Referrals []*casework.Referral
	Outcomes  []casework.ONS4
	Coded     []casework.CodedEvent
}

// recordFor reads the person id names, as personFor allows, with their
// whole record.
func (h *Handler) recordFor(r *http.Request, id string) (*personRecord, error) {
	p, _, err := h.personFor(r, id)
	if err != nil {
		return nil, err
	}
	return h.loadRecord(r.Context(), p)
}

func (h *Handler) loadRecord(ctx context.Context, p *casework.Person) (*personRecord, error) {
	rec := &personRecord{Person: p}
	var err error
	if rec.Contacts, err = h.store.Contacts(ctx, p.ID); err != nil {
		return nil, err
	}
	if rec.Referrals, err = h.store.Referrals(ctx, casework.ReferralFilter{PersonID: p.ID}); err != nil {
		return nil, err
	}
	if rec.Outcomes, err = h.store.Outcomes(ctx, p.ID); err != nil {
		return nil, err
	}
	if rec.Coded, err = h.store.PersonCodedEvents(ctx, p.ID); err != nil {
		return nil, err
	}
	return rec, nil
}
