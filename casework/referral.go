package casework

import "time"

// Mode says whether a service was referred to (the organisation is told)
// or signposted (the person gets the details only).
type Mode string

const (
	ModeReferral Mode = "referral"
	ModeSignpost Mode = "signpost"
)

// ReferralStatus is where a referral to a service has got to.
type ReferralStatus string

const (
	RefSignposted     ReferralStatus = "signposted"
	RefReferred       ReferralStatus = "referred"
	RefAccepted       ReferralStatus = "accepted"
	RefDeclined       ReferralStatus = "declined" // by the organisation, with a reason
	RefWaitingList    ReferralStatus = "waiting_list"
	RefAttended       ReferralStatus = "attended" // first session
	RefOngoing        ReferralStatus = "ongoing"
	RefCompleted      ReferralStatus = "completed"
	RefDidNotAttend   ReferralStatus = "did_not_attend"
	RefPersonDeclined ReferralStatus = "person_declined"
	RefWithdrawn      ReferralStatus = "withdrawn"
)

// Referral is a person's referral or signpost to one service.
type Referral struct {
	ID             string
	PersonID       string
	TeamID         string
	ServiceID      string // the directory id, as imported
	ServiceName    string // as it was when referred
	OrganizationID string // the directory organisation, for its inbox
	Mode           Mode
	Status         ReferralStatus
	CreatedBy      int64
	CreatedAt      time.Time
	UpdatedAt      time.Time
	History        []ReferralEvent // oldest first; the first is the creation
}

// ReferralEvent is one change of a referral's status.
type ReferralEvent struct {
	From ReferralStatus // empty for the creation
	To   ReferralStatus
	At   time.Time
	By   int64 // user id; 0 for a single-use link without a login
	Note string
}

// ReferralFilter chooses referrals. At least one of PersonID, TeamID and
// OrganizationID must be set: referral lists never cross teams or
// organisations.
type ReferralFilter struct {
	PersonID       string
	TeamID         string
	OrganizationID string
	ServiceIDs     []string
	Statuses       []ReferralStatus
}

// ServiceUptake counts the referrals made to a service (not signposts)
// and how many reached acceptance and a first attendance.
type ServiceUptake struct {
	Referred, Accepted, Attended int
}
