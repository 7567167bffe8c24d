package web

import (
	"context"
	"net/http"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/web/core"
)

// caseStore is what casework pages read from the store. Every change goes
// through the casework workflows instead, which write it with its audit
// entry.
type caseStore interface {
	Person(ctx context.Context, id string) (*casework.Person, error)
	People(ctx context.Context, f casework.PeopleFilter) ([]casework.PersonSummary, error)
	Contacts(ctx context.Context, personID string) ([]casework.Contact, error)
	PersonCodedEvents(ctx context.Context, personID string) ([]casework.CodedEvent, error)
	CodedEvents(ctx context.Context, teamID string, from, to time.Time) ([]casework.CodedEventRow, error)
	Outcomes(ctx context.Context, personID string) ([]casework.ONS4, error)
	Referral(ctx context.Context, id string) (*casework.Referral, error)
	Referrals(ctx context.Context, f casework.ReferralFilter) ([]*casework.Referral, error)
	UptakeByService(ctx context.Context, serviceIDs []string) (map[string]casework.ServiceUptake, error)
	// AppendAudits records, with one write, the reads of several people's
	// details that one page shows.
	AppendAudits(ctx context.Context, entries []casework.AuditEntry) error
}

// overdue reports whether ref has waited more than 10 working days for
// its organisation's first answer.
func (s *Server) overdue(ref *casework.Referral) bool {
	return casework.AwaitingResponse(*ref, s.site.LocalNow(), s.work.Holidays)
}

// caseworker returns the logged-in user if they may keep a caseload: a
// link worker, or an admin who is also in a team. Anyone else is told
// the page does not exist.
func (s *Server) caseworker(r *http.Request) (*casework.User, error) {
	u := core.CurrentUser(r)
	if u == nil || u.TeamID == "" || (u.Role != casework.RoleLinkWorker && u.Role != casework.RoleAdmin) {
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

// referralFor reads a referral the user's team made. Another team's
// referral gets the same answer as an id that does not exist, so that
// nobody can learn which ids exist.
func (s *Server) referralFor(r *http.Request, id string) (*casework.Referral, *casework.User, error) {
	u, err := s.caseworker(r)
	if err != nil {
		return nil, nil, err
	}
	ref, err := s.cases.Referral(r.Context(), id)
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
