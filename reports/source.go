package reports

import "context"

// Source is what reports read from the store: counts made by the
// store, never people's records. *sqlite.DB is one.
//
// Unless said otherwise, each method counts people chosen by f's team,
// practice, link worker and area, and things dated within f's period.
// The kind of support chooses people by what matters to them (their
// needs) for the person-level counts, and is applied by this package to
// the service-level ones.
type Source interface {
	// Intake counts the people referred to the scheme in the period, by
	// where the referral came from and its reason (trimmed, lower case).
	Intake(ctx context.Context, f Filter) ([]IntakeCount, error)
	// ContactsPerPerson counts the people supported in the period (a
	// contact in it) by their number of contacts up to its end.
	ContactsPerPerson(ctx context.Context, f Filter) ([]ContactCount, error)
	// ReferralFlows counts the referrals and signposts made in the
	// period, per service and mode, by what became of them by its end.
	ReferralFlows(ctx context.Context, f Filter) ([]ReferralFlow, error)
	// DeclineReasons counts the referrals made in the period that a
	// service declined by its end, per service and the reason the
	// service chose (the part of its note before any colon).
	DeclineReasons(ctx context.Context, f Filter) ([]ReasonCount, error)
	// FirstAttendances gives, for each referral made in the period and
	// attended by its end, the days from referral to first attendance.
	FirstAttendances(ctx context.Context, f Filter) ([]ServiceDays, error)
	// Waiting gives, for each referral on a waiting list at the end of
	// the period, the days since it was made.
	Waiting(ctx context.Context, f Filter) ([]ServiceDays, error)
	// WellbeingPairs gives, for each person with ONS4 scores at least
	// twice by the end of the period, the latest within it, their first
	// and latest scores and the services they were referred to.
	WellbeingPairs(ctx context.Context, f Filter) ([]WellbeingPair, error)
	// Needs counts the people on the caseload during the period by
	// postcode district and the kinds of support they need (from
	// "what matters").
	Needs(ctx context.Context, f Filter) ([]NeedCount, error)
	// CodedEventCounts counts the SNOMED CT coded events dated in the
	// period by practice, month and code.
	CodedEventCounts(ctx context.Context, f Filter) ([]CodedCount, error)
	// ServiceKinds gives each service's kinds of support, primary first.
	ServiceKinds(ctx context.Context, ids []string) (map[string][]string, error)
}

// Reach says whether a service of a kind of support can be reached from
// a postcode district: one in that district's reach, or one anyone can
// use from home. known is false when the district cannot be placed. The
// search index answers it.
type Reach interface {
	Reachable(ctx context.Context, district, kind string) (ok, known bool, err error)
}

// IntakeCount is a number of people referred to the scheme.
type IntakeCount struct {
	Source string // gp, self, agency, other, or ""
	Reason string // as written, trimmed and in lower case
	People int
}

// ContactCount is how many people had Contacts contacts.
type ContactCount struct {
	Contacts, People int
}

// ReferralFlow counts what became of the referrals (or signposts) made
// to one service. A referral counts at every stage it ever reached.
type ReferralFlow struct {
	ServiceID string
	Signpost  bool
	Made      int
	Accepted  int // accepted, or further
	Attended  int // came at least once (attended, ongoing or completed)
	Continued int // ongoing or completed
	Declined  int // by the service
	NotCome   int // did not attend
	Refused   int // the person declined
	Withdrawn int
}

// ReasonCount is a number of referrals declined for one reason.
type ReasonCount struct {
	ServiceID, Reason string
	Referrals         int
}

// ServiceDays is a number of days about one referral to a service.
type ServiceDays struct {
	ServiceID string
	Days      float64
}

// Scores are one set of ONS4 answers: life satisfaction, worthwhile,
// happy and anxious, in that order.
type Scores [4]int

// WellbeingPair is one person's first and latest ONS4 scores.
type WellbeingPair struct {
	First, Latest Scores
	ServiceIDs    []string // services they were referred to
}

// NeedCount is a number of people in an area needing a kind of support.
type NeedCount struct {
	Area   string // postcode district; "" when not known
	Kind   string
	People int
}

// CodedCount is a number of coded events of one code, for one practice
// in one month.
type CodedCount struct {
	Practice string
	Month    string // YYYY-MM
	Code     string
	Term     string
	Events   int
}
