package web

import (
	"context"
	"net/http"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
)

// caseStore is what casework pages need from the store.
type caseStore interface {
	CreatePerson(ctx context.Context, p *casework.Person) error
	UpdatePerson(ctx context.Context, p *casework.Person) error
	Person(ctx context.Context, id string) (*casework.Person, error)
	People(ctx context.Context, f casework.PeopleFilter) ([]casework.PersonSummary, error)
	RecordContact(ctx context.Context, c *casework.Contact, events []casework.CodedEvent, p *casework.Person) error
	Contacts(ctx context.Context, personID string) ([]casework.Contact, error)
	PersonCodedEvents(ctx context.Context, personID string) ([]casework.CodedEvent, error)
	CodedEvents(ctx context.Context, teamID string, from, to time.Time) ([]casework.CodedEventRow, error)
	AddOutcome(ctx context.Context, o *casework.ONS4) error
	Outcomes(ctx context.Context, personID string) ([]casework.ONS4, error)
	CreateReferral(ctx context.Context, r *casework.Referral) error
	SaveReferralMove(ctx context.Context, r *casework.Referral) error
	Referral(ctx context.Context, id string) (*casework.Referral, error)
	Referrals(ctx context.Context, f casework.ReferralFilter) ([]*casework.Referral, error)
	UptakeByService(ctx context.Context, serviceIDs []string) (map[string]casework.ServiceUptake, error)
}

// EnableCasework turns on the link workers' casework pages and API,
// keeping people and referrals in cases and coding events with codes
// (from data/snomed.json). Call it before serving.
func (s *Server) EnableCasework(cases caseStore, codes map[string]casework.Code) {
	s.cases, s.codes = cases, codes
}

// fieldView is a form field for the textfield and textarea partials.
type fieldView struct {
	ID, Label, Value, Autocomplete, Error string
}

// newFieldView builds a field, picking its error out of the form's.
func newFieldView(id, label, value, autocomplete string, errs []formError) fieldView {
	f := fieldView{ID: id, Label: label, Value: value, Autocomplete: autocomplete}
	for _, e := range errs {
		if e.Field == id {
			f.Error = e.Message
		}
	}
	return f
}

// caseworker returns the logged-in user if they may keep a caseload: a
// link worker, or an admin who is also in a team. Anyone else is told
// the page does not exist.
func (s *Server) caseworker(r *http.Request) (*casework.User, error) {
	u := s.currentUser(r)
	if s.cases == nil || u == nil || u.TeamID == "" || (u.Role != casework.RoleLinkWorker && u.Role != casework.RoleAdmin) {
		return nil, directory.Errorf(directory.NotFound, "page not found")
	}
	return u, nil
}

// personFor reads the person with the given id if the user's team holds
// their record; otherwise it answers not found, so that nobody can learn
// which ids exist. Every successful read is audited.
func (s *Server) personFor(r *http.Request, id string) (*casework.Person, *casework.User, error) {
	u, err := s.caseworker(r)
	if err != nil {
		return nil, nil, err
	}
	p, err := s.cases.Person(r.Context(), id)
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

// referralFor reads a referral the user's team made.
func (s *Server) referralFor(r *http.Request, id string) (*casework.Referral, *casework.User, error) {
	u, err := s.caseworker(r)
	if err != nil {
		return nil, nil, err
	}
	ref, err := s.cases.Referral(r.Context(), id)
	if err == nil && ref.TeamID != u.TeamID {
		err = directory.Errorf(directory.NotFound, "no referral with this id in your team")
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

func (s *Server) loadRecord(ctx context.Context, p *casework.Person) (*personRecord, error) {
	rec := &personRecord{Person: p}
	var err error
	if rec.Contacts, err = s.cases.Contacts(ctx, p.ID); err != nil {
		return nil, err
	}
	if rec.Referrals, err = s.cases.Referrals(ctx, casework.ReferralFilter{PersonID: p.ID}); err != nil {
		return nil, err
	}
	if rec.Outcomes, err = s.cases.Outcomes(ctx, p.ID); err != nil {
		return nil, err
	}
	if rec.Coded, err = s.cases.PersonCodedEvents(ctx, p.ID); err != nil {
		return nil, err
	}
	return rec, nil
}

// recordContact applies the coding rules and the status change a contact
// brings, and stores it all at once.
func (s *Server) recordContact(ctx context.Context, p *casework.Person, c *casework.Contact, u *casework.User) ([]casework.CodedEvent, error) {
	if err := c.Validate(s.now()); err != nil {
		return nil, err
	}
	// An episode is coded once: at its first contact, while the person is
	// still new.
	events := casework.EventsForContact(p, c, s.codes, p.Status != casework.StatusNew)
	for i := range events {
		events[i].PersonID, events[i].TeamID, events[i].By = p.ID, p.TeamID, u.ID
	}
	updated := *p
	switch {
	case c.Declined && p.Status == casework.StatusNew:
		updated.Status, updated.DischargeReason, updated.DischargedAt = casework.StatusDischarged, "declined social prescribing", c.Date
	case p.Status == casework.StatusNew:
		updated.Status = casework.StatusActive
	}
	if err := s.cases.RecordContact(ctx, c, events, &updated); err != nil {
		return nil, err
	}
	*p = updated
	return events, nil
}
