package casework

import (
	"context"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/notify"
)

// Store is what the workflows need from where casework is kept. Every
// change goes through Atomically, so that a change to a person's record
// and its audit entry are kept together or not at all.
type Store interface {
	// Atomically runs fn in one transaction: what fn writes through tx,
	// audit entries included, is kept if fn returns nil and discarded
	// otherwise. fn must write only through tx.
	Atomically(ctx context.Context, fn func(tx Tx) error) error

	Person(ctx context.Context, id string) (*Person, error)
	Referral(ctx context.Context, id string) (*Referral, error)
	UserByID(ctx context.Context, id int64) (User, error)
	// Service is the directory's listing, for the rules on where a person
	// may be referred.
	Service(ctx context.Context, id string) (*directory.Service, error)

	// For organisations' inboxes and telling them of referrals:
	Organization(ctx context.Context, id string) (*directory.Organization, error)
	// OrganizationEditors are the editors of an organisation who may
	// still log in.
	OrganizationEditors(ctx context.Context, orgID string) ([]User, error)
	// UnansweredReferrals are the referrals (not signposts), across every
	// team, still waiting for the organisation's first answer.
	UnansweredReferrals(ctx context.Context) ([]*Referral, error)
	// InboxReferrals are the referrals (not signposts) made to an
	// organisation, newest first, read in one go; see [InboxRow].
	InboxReferrals(ctx context.Context, orgID string) ([]InboxRow, error)
	// LastNotified is when a message of kind about about was last kept
	// in the outbox (zero if never), not counting mail the server refused.
	LastNotified(ctx context.Context, kind, about string) (time.Time, error)
}

// Tx is one transaction's writes. A PostgreSQL store implements it on
// its own transaction just as the SQLite one does.
type Tx interface {
	// CreatePerson stores a new person, giving them an id.
	CreatePerson(ctx context.Context, p *Person) error
	// UpdatePerson writes a person's whole record back.
	UpdatePerson(ctx context.Context, p *Person) error
	// RecordContact stores a contact, the coded events it brings and, when
	// p is not nil, the person's record as the contact leaves it.
	RecordContact(ctx context.Context, c *Contact, events []CodedEvent, p *Person) error
	AddOutcome(ctx context.Context, o *ONS4) error
	// ReferralsTo reads, in the transaction, person personID's referrals
	// and signposts to service serviceID, newest first, each with its
	// history.
	ReferralsTo(ctx context.Context, personID, serviceID string) ([]*Referral, error)
	// CreateReferral stores a new referral with its history, giving it an id.
	CreateReferral(ctx context.Context, r *Referral) error
	// SaveReferralMove stores the last event of r's history, failing with
	// a Conflict if the referral's status is no longer that event's From.
	SaveReferralMove(ctx context.Context, r *Referral) error
	// PurgeDischarged deletes everyone discharged before cutoff, with all
	// that hangs off their records, and returns their ids.
	PurgeDischarged(ctx context.Context, cutoff time.Time) ([]string, error)
	// CreateToken makes a single-use link token for purpose about
	// subject; UseToken spends one and returns its subject.
	CreateToken(ctx context.Context, purpose, subject string, expires time.Time) (string, error)
	UseToken(ctx context.Context, purpose, raw string) (string, error)
	AppendAudit(ctx context.Context, e AuditEntry) error
}

// Who is who makes a change and from where, as the audit log records it.
type Who struct {
	UserID int64  // 0 for the system or someone with a single-use link
	Remote string // the client's address; empty for the system
}

// Workflow carries out the changes to casework records and the messages
// they bring: adding and changing a person's record, contacts, wellbeing
// scores, referrals and their answers, telling organisations, reminders
// and the retention purge. Each applies the domain's rules, then writes
// the change and its audit entry in one transaction.
type Workflow struct {
	store Store
	codes map[string]Code

	// Notifier tells organisations of referrals; nil sends nothing.
	Notifier notify.Notifier
	// BaseURL starts the links in messages, such as
	// "https://linkway.example.org".
	BaseURL string
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Zone is where dates in messages are written and where working days
	// are counted (default UTC; Linkway runs in Europe/London).
	Zone *time.Location
	// Holidays are bank holidays ("YYYY-MM-DD") skipped when counting
	// the working days a referral may wait; see [WorkingDaysBetween].
	Holidays map[string]bool
}

// NewWorkflow returns the workflows over st, coding contacts with codes
// (see [LoadCodes]).
func NewWorkflow(st Store, codes map[string]Code) *Workflow {
	return &Workflow{store: st, codes: codes, Now: time.Now, Zone: time.UTC}
}

// now is the time where the people reading it are.
func (w *Workflow) now() time.Time { return w.Now().In(w.Zone) }

// audit appends an audit entry in tx, so that it is kept exactly when
// the change it records is.
func (w *Workflow) audit(ctx context.Context, tx Tx, who Who, action, personID, detail string) error {
	return tx.AppendAudit(ctx, AuditEntry{At: w.Now(), UserID: who.UserID, Remote: who.Remote,
		Action: action, PersonID: personID, Detail: detail})
}
