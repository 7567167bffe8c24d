package casework

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/linkway/linkway/directory"
)

// Actor is who is changing a referral's status. It decides which
// statuses they may set; see [Referral.Move].
type Actor string

const (
	// ActorLinkWorker is the link worker who made the referral, or one in
	// their team. They may record any legal change, including what an
	// organisation told them by phone.
	ActorLinkWorker Actor = "linkworker"
	// ActorOrganisation is the organisation the person was referred to,
	// answering from its inbox or a single-use link.
	ActorOrganisation Actor = "organisation"
)

// ReferralStatuses lists every [ReferralStatus] in the order a referral
// usually moves through them, for filters and forms.
var ReferralStatuses = []ReferralStatus{
	RefSignposted, RefReferred, RefWaitingList, RefAccepted, RefDeclined,
	RefAttended, RefDidNotAttend, RefOngoing, RefCompleted,
	RefPersonDeclined, RefWithdrawn,
}

// transitions is the referral state machine: the statuses each status
// may become. A status with no entry is final. The order of each list is
// the order forms offer them.
var transitions = map[ReferralStatus][]ReferralStatus{
	// A link worker may decide a signpost was not enough and refer after all.
	RefSignposted:   {RefAttended, RefReferred, RefPersonDeclined, RefWithdrawn},
	RefReferred:     {RefAccepted, RefWaitingList, RefDeclined, RefPersonDeclined, RefWithdrawn},
	RefWaitingList:  {RefAccepted, RefDeclined, RefPersonDeclined, RefWithdrawn},
	RefAccepted:     {RefAttended, RefDidNotAttend, RefPersonDeclined, RefWithdrawn},
	RefDidNotAttend: {RefAttended, RefPersonDeclined, RefWithdrawn},
	// Once a person has attended, the referral has done its job; only
	// they can end it early, and "did not attend" covers a later no-show.
	RefAttended: {RefOngoing, RefCompleted, RefDidNotAttend, RefPersonDeclined},
	RefOngoing:  {RefCompleted, RefPersonDeclined},
}

// organisationMay is what an organisation may set: its own answer and
// what happened at its sessions. Whether the person declined or the
// referral was withdrawn is the link worker's to record, with the person.
var organisationMay = []ReferralStatus{
	RefAccepted, RefDeclined, RefWaitingList, RefAttended, RefDidNotAttend, RefOngoing, RefCompleted,
}

var labels = map[ReferralStatus]string{
	RefSignposted:     "signposted",
	RefReferred:       "referred",
	RefAccepted:       "accepted",
	RefDeclined:       "declined by the service",
	RefWaitingList:    "on the waiting list",
	RefAttended:       "attended",
	RefOngoing:        "ongoing",
	RefCompleted:      "completed",
	RefDidNotAttend:   "did not attend",
	RefPersonDeclined: "declined by the person",
	RefWithdrawn:      "withdrawn",
}

// ParseReferralStatus returns the status named s (its stored value, such
// as "did_not_attend"), and whether there is one.
func ParseReferralStatus(s string) (ReferralStatus, bool) {
	st := ReferralStatus(s)
	_, ok := labels[st]
	return st, ok
}

// Label returns s in plain English, lower case, for a sentence or a form
// ("did not attend", "on the waiting list"). An unknown status is
// returned as stored, with underscores as spaces.
func (s ReferralStatus) Label() string {
	if l, ok := labels[s]; ok {
		return l
	}
	return strings.ReplaceAll(string(s), "_", " ")
}

// Final reports whether a referral with status s can change no more.
func (s ReferralStatus) Final() bool {
	_, known := labels[s]
	return known && len(transitions[s]) == 0
}

// OpenReferral reports whether r is a referral still under way: made as
// a referral (a signpost tells the organisation nothing) and not yet at a
// final status. "Did not attend" and "waiting list" are open: the
// organisation still has the person on its books.
func (r *Referral) OpenReferral() bool {
	return r.Mode == ModeReferral && !r.Status.Final()
}

// Note is the note the link worker wrote when making r, if any.
func (r *Referral) Note() string {
	if len(r.History) == 0 || r.History[0].From != "" {
		return ""
	}
	return r.History[0].Note
}

// may reports whether actor is allowed to set status to, whatever the
// referral's status now.
func (a Actor) may(to ReferralStatus) bool {
	switch a {
	case ActorLinkWorker:
		return true
	case ActorOrganisation:
		return slices.Contains(organisationMay, to)
	}
	return false
}

// NextStatuses returns the statuses actor may move a referral from from
// to, in the order a form should offer them; nil when there are none.
func NextStatuses(from ReferralStatus, actor Actor) []ReferralStatus {
	var next []ReferralStatus
	for _, to := range transitions[from] {
		if actor.may(to) {
			next = append(next, to)
		}
	}
	return next
}

// NewReferral returns r as a new referral made by user by at time at:
// status referred for [ModeReferral] and signposted for [ModeSignpost],
// with the creation as the first event of its history. The caller fills
// in who and what r is about (ids, service); any status or history in r
// is replaced. It returns an error of kind Invalid for any other mode,
// or for a note longer than [MaxNoteLength].
func NewReferral(r Referral, by int64, note string, at time.Time) (*Referral, error) {
	switch r.Mode {
	case ModeReferral:
		r.Status = RefReferred
	case ModeSignpost:
		r.Status = RefSignposted
	default:
		return nil, directory.Errorf(directory.Invalid, "mode: must be referral or signpost, not %q", r.Mode)
	}
	note = strings.TrimSpace(note)
	if utf8.RuneCountInString(note) > MaxNoteLength {
		return nil, directory.Errorf(directory.Invalid, "note: is longer than %d characters", MaxNoteLength)
	}
	r.CreatedBy, r.CreatedAt, r.UpdatedAt = by, at, at
	r.History = []ReferralEvent{{To: r.Status, At: at, By: by, Note: note}}
	return &r, nil
}

// Move changes r's status to to, on behalf of actor (user by, or 0 for a
// single-use link), recording the change and its note in r's history.
//
// It returns an error, and leaves r unchanged, when:
//   - to is not a referral status (Invalid);
//   - actor may not set to at all (Forbidden), checked first because it
//     does not depend on where the referral has got to;
//   - the state machine does not allow from → to (Conflict), which also
//     catches two people answering the same referral at once;
//   - the note is longer than [MaxNoteLength] (Invalid);
//   - an organisation declines without a reason (Invalid): the link
//     worker needs it to find the person somewhere else.
func (r *Referral) Move(to ReferralStatus, actor Actor, by int64, note string, at time.Time) error {
	if _, ok := labels[to]; !ok {
		return directory.Errorf(directory.Invalid, "status: %q is not a referral status", to)
	}
	if !actor.may(to) {
		return directory.Errorf(directory.Forbidden, "only the link worker can mark a referral %s", to.Label())
	}
	from := r.Status
	if !slices.Contains(transitions[from], to) {
		return directory.Errorf(directory.Conflict, "a referral that is %s cannot become %s", from.Label(), to.Label())
	}
	note = strings.TrimSpace(note)
	if utf8.RuneCountInString(note) > MaxNoteLength {
		return directory.Errorf(directory.Invalid, "note: is longer than %d characters", MaxNoteLength)
	}
	if to == RefDeclined && actor == ActorOrganisation && note == "" {
		return directory.Errorf(directory.Invalid, "note: please say why the referral is declined")
	}
	r.History = append(r.History, ReferralEvent{From: from, To: to, At: at, By: by, Note: note})
	r.Status, r.UpdatedAt = to, at
	return nil
}

// AwaitingResponseDays is how many working days a referral may wait for
// the organisation's answer before the link worker is prompted to chase it.
const AwaitingResponseDays = 10

// AwaitingResponse reports whether r has been waiting for the
// organisation's first answer for more than [AwaitingResponseDays]
// working days as of now. Only status referred counts: a waiting list is
// an answer. The clock starts when r last changed status (the last event
// in its history, else UpdatedAt), so editing a note does not reset it.
// holidays holds bank holidays as "YYYY-MM-DD"; see [WorkingDaysBetween].
func AwaitingResponse(r Referral, now time.Time, holidays map[string]bool) bool {
	if r.Status != RefReferred {
		return false
	}
	since := r.UpdatedAt
	if n := len(r.History); n > 0 {
		since = r.History[n-1].At
	}
	return WorkingDaysBetween(since, now, holidays) > AwaitingResponseDays
}
