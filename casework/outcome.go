package casework

import "time"

// Stage is when in the person's time a wellbeing score was taken.
type Stage string

const (
	StageStart     Stage = "start"
	StageReview    Stage = "review"
	StageDischarge Stage = "discharge"
)

// ONS4 is one set of answers to the ONS personal wellbeing questions,
// each 0 to 10. For anxiety, lower is better.
type ONS4 struct {
	ID         int64
	PersonID   string
	Date       time.Time // a date, in UTC
	Stage      Stage
	Life       int // satisfied with life nowadays
	Worthwhile int // things done in life are worthwhile
	Happy      int // happy yesterday
	Anxious    int // anxious yesterday
	By         int64
}

// CodedEvent is a SNOMED CT coded event for entry into the GP record.
type CodedEvent struct {
	ID       int64
	PersonID string
	TeamID   string
	Date     time.Time
	Code     string
	Term     string
	By       int64
}

// AuditEntry is one read or write of a person's record, or another
// action an admin may need to account for (a login, a purge).
type AuditEntry struct {
	ID       int64
	At       time.Time
	UserID   int64  // 0 for the system (a purge) or an anonymous attempt
	Action   string // "person.read", "person.update", "referral.create", "login.failed"…
	PersonID string // empty when not about a person
	Detail   string // what changed, never the personal data itself
	Remote   string // where from: the client address
}

// AuditFilter selects audit entries. Zero fields select everything.
type AuditFilter struct {
	From, To time.Time // From inclusive, To exclusive
	UserID   int64
	PersonID string
	Action   string // an action code such as "person.read"
	Limit    int    // page size; 0 means all
	Offset   int
	// CountUpTo stops counting the matching entries there, when above 0:
	// a log that grows for years need not be counted to the end for a
	// page of it.
	CountUpTo int
}
