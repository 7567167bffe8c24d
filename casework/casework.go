// Package casework holds a link worker's records of the people they
// support: the person, what matters to them, their plan, contacts,
// referrals to services with their history, wellbeing scores, and the
// SNOMED CT coded events that go back to the GP record. It knows nothing
// of storage or HTTP; it says what a valid record is and which changes
// are allowed.
//
// Everything here is special-category health data. Ids are opaque
// (random), so no personal data ever appears in a URL.
package casework

import (
	"time"
)

// Role is what a user may do.
type Role string

const (
	// RoleAdmin manages users and reads the audit log; they read case
	// records only when they are also in the person's team.
	RoleAdmin Role = "admin"
	// RoleLinkWorker keeps a caseload in one team.
	RoleLinkWorker Role = "linkworker"
	// RoleEditor edits one organisation's listings and answers its
	// referrals; they never read case records.
	RoleEditor Role = "editor"
	// RoleCommissioner reads the scheme's reports: aggregated figures
	// with small numbers suppressed, never a person's record. They have
	// no team and no organisation.
	RoleCommissioner Role = "commissioner"
)

// User is someone who logs in.
type User struct {
	ID             int64
	Email          string
	Name           string
	Role           Role
	TeamID         string // link workers (and admins who also do casework)
	OrganizationID string // editors: the directory organisation id
	// Phone is a work number people can reach them on, printed on the
	// summary a link worker gives a person; empty when not given.
	Phone     string
	Disabled  bool
	CreatedAt time.Time
}

// Team is a group of link workers sharing a caseload, such as a primary
// care network.
type Team struct {
	ID   string // short slug, as given: "leeds-north-pcn"
	Name string
}

// Status is where a person is in their time with the link worker.
type Status string

const (
	StatusNew        Status = "new"
	StatusActive     Status = "active"
	StatusOnHold     Status = "on_hold"
	StatusDischarged Status = "discharged"
)

// Person is someone referred to a link worker.
type Person struct {
	ID          string
	TeamID      string
	LinkWorker  int64 // user id; 0 when not yet assigned
	Name        string
	DateOfBirth time.Time // a date, in UTC
	NHSNumber   string    // ten digits with no spaces, or empty

	Phone            string
	Email            string
	Address          string
	PreferredContact string // phone, text, email, letter
	Postcode         string
	Language         string // as the person says it: "Punjabi"
	Interpreter      bool
	AccessNeeds      []string // directory.ParseAccess values: wheelchair, hearing_loop…

	Practice       string // GP practice, for the coded-events export
	ReferralSource string // gp, self, agency, other
	ReferralReason string

	Consent Consent

	Status          Status
	DischargeReason string
	DischargedAt    time.Time // zero unless discharged

	WhatMatters WhatMatters
	Plan        Plan

	CreatedAt time.Time
	UpdatedAt time.Time
}

// Consent records what the person agreed to, when and with whom.
type Consent struct {
	Hold       bool // to hold their data at all
	Share      bool // to share their details with organisations they are referred to
	RecordedAt time.Time
	RecordedBy int64
}

// WhatMatters is the "what matters to me" conversation.
type WhatMatters struct {
	Notes      string
	Priorities string   // in the person's words; feeds the matcher
	Needs      []string // kinds of support (taxonomy ids)
	Strengths  string   // strengths and interests
}

// Plan is a personalised care and support plan.
type Plan struct {
	Goals      []string
	Actions    []Action
	ReviewDate time.Time // zero when none set
}

// Action is an agreed step with an owner and a date.
type Action struct {
	Text  string
	Owner string // "Person", "Link worker", a named organisation
	Due   time.Time
	Done  bool
}

// ContactKind is how a contact happened.
type ContactKind string

const (
	ContactPhone     ContactKind = "phone"
	ContactMeeting   ContactKind = "meeting"
	ContactHomeVisit ContactKind = "home_visit"
	ContactVideo     ContactKind = "video"
	ContactGroup     ContactKind = "group"
)

// ContactKinds lists every contact kind, in the order forms show them.
var ContactKinds = []ContactKind{ContactPhone, ContactMeeting, ContactHomeVisit, ContactVideo, ContactGroup}

// Contact is one conversation with the person.
type Contact struct {
	ID       int64
	PersonID string
	Date     time.Time // a date, in UTC
	Kind     ContactKind
	Minutes  int
	Notes    string
	By       int64 // user id
	// Declined records that, at this contact, the person declined social
	// prescribing (coded 871711000000103 and discharged).
	Declined bool
}

// UsualContacts is the usual number of contacts over a person's time
// with a link worker, shown against their count.
const UsualContactsMin, UsualContactsMax = 6, 12

// PeopleFilter chooses people for a caseload list, and their order and
// page. Its zero values mean everyone in the team, by name, all at once.
type PeopleFilter struct {
	TeamID     string // required: lists never cross teams
	LinkWorker int64  // 0 for the whole team
	Statuses   []Status
	Search     CaseloadSearch
	// ReviewDue keeps the people whose review is overdue or soon, as of
	// Today; discharged people have no review due.
	ReviewDue ReviewDue
	Today     time.Time // a date; required with ReviewDue
	Sort      CaseloadSort
	Limit     int // 0 for no limit
	Offset    int
}

// PersonSummary is a person with their contact count and last contact,
// for caseload lists and the dashboard.
type PersonSummary struct {
	*Person
	Contacts    int
	LastContact time.Time // zero when none
}
