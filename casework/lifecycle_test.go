package casework

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
)

// legalMoves is the referral state machine written out again, apart from
// lifecycle.go, as the brief states it: "from: to to to". The tests build
// their expectations from this text, so a slip in the map in
// lifecycle.go shows up as a failure rather than being copied.
const legalMoves = `
signposted:     attended person_declined withdrawn referred
referred:       accepted declined waiting_list person_declined withdrawn
waiting_list:   accepted declined person_declined withdrawn
accepted:       attended did_not_attend person_declined withdrawn
did_not_attend: attended person_declined withdrawn
attended:       ongoing completed did_not_attend person_declined
ongoing:        completed person_declined
declined:
completed:
person_declined:
withdrawn:
`

// orgMaySet is, again independently, what an organisation may set.
var orgMaySet = strings.Fields("accepted declined waiting_list attended did_not_attend ongoing completed")

func parseLegalMoves(t *testing.T) (all []ReferralStatus, legal map[[2]ReferralStatus]bool) {
	t.Helper()
	legal = map[[2]ReferralStatus]bool{}
	for line := range strings.Lines(strings.TrimSpace(legalMoves)) {
		from, tos, ok := strings.Cut(line, ":")
		if !ok {
			t.Fatalf("bad line %q", line)
		}
		all = append(all, ReferralStatus(from))
		for _, to := range strings.Fields(tos) {
			legal[[2]ReferralStatus{ReferralStatus(from), ReferralStatus(to)}] = true
		}
	}
	if len(all) != 11 {
		t.Fatalf("table has %d statuses, want 11", len(all))
	}
	return all, legal
}

func mustNewReferral(t *testing.T, status ReferralStatus) *Referral {
	t.Helper()
	// Build a referral already at status without going through Move, so
	// each cell of the matrix tests exactly one move.
	at := time.Date(2025, 4, 7, 10, 0, 0, 0, time.UTC)
	return &Referral{ID: "r1", Mode: ModeReferral, Status: status, CreatedAt: at, UpdatedAt: at,
		History: []ReferralEvent{{To: status, At: at, By: 1}}}
}

// TestMoveMatrix tries every status to every status for both actors and
// checks the outcome against the independent table above.
func TestMoveMatrix(t *testing.T) {
	all, legal := parseLegalMoves(t)
	if !slices.Equal(sortedCopy(all), sortedCopy(ReferralStatuses)) {
		t.Fatalf("ReferralStatuses = %v, want the statuses %v", ReferralStatuses, all)
	}
	at := time.Date(2025, 5, 1, 9, 30, 0, 0, time.UTC)
	nLegal := 0
	for _, from := range all {
		for _, to := range all {
			for _, actor := range []Actor{ActorLinkWorker, ActorOrganisation} {
				want := directory.Kind(255) // success
				switch {
				case actor == ActorOrganisation && !slices.Contains(orgMaySet, string(to)):
					want = directory.Forbidden
				case !legal[[2]ReferralStatus{from, to}]:
					want = directory.Conflict
				}
				name := fmt.Sprintf("%s/%s_to_%s", actor, from, to)
				t.Run(name, func(t *testing.T) {
					r := mustNewReferral(t, from)
					before := len(r.History)
					err := r.Move(to, actor, 42, "they rang to say", at)
					if want == 255 {
						nLegal++
						if err != nil {
							t.Fatalf("Move() = %v, want nil", err)
						}
						if r.Status != to || !r.UpdatedAt.Equal(at) || len(r.History) != before+1 {
							t.Fatalf("after Move: status %s, updated %v, %d events", r.Status, r.UpdatedAt, len(r.History))
						}
						e := r.History[len(r.History)-1]
						if e != (ReferralEvent{From: from, To: to, At: at, By: 42, Note: "they rang to say"}) {
							t.Errorf("event = %+v", e)
						}
						return
					}
					if got := directory.KindOf(err); got != want {
						t.Fatalf("Move() error = %v (kind %v), want kind %v", err, got, want)
					}
					if r.Status != from || len(r.History) != before {
						t.Errorf("a refused Move changed the referral: status %s, %d events", r.Status, len(r.History))
					}
					if want == directory.Conflict {
						msg := fmt.Sprintf("a referral that is %s cannot become %s", from.Label(), to.Label())
						if directory.MessageOf(err) != msg {
							t.Errorf("message = %q, want %q", directory.MessageOf(err), msg)
						}
					}
				})
			}
		}
	}
	// 26 legal moves for the link worker, and the 13 of them whose target
	// an organisation may set: counted by hand from the brief.
	if nLegal != 26+13 {
		t.Errorf("%d moves succeeded, want 39", nLegal)
	}
}

func TestNextStatuses(t *testing.T) {
	all, legal := parseLegalMoves(t)
	for _, from := range all {
		for _, actor := range []Actor{ActorLinkWorker, ActorOrganisation} {
			var want []ReferralStatus
			for _, to := range all {
				if legal[[2]ReferralStatus{from, to}] && (actor == ActorLinkWorker || slices.Contains(orgMaySet, string(to))) {
					want = append(want, to)
				}
			}
			got := NextStatuses(from, actor)
			if !slices.Equal(sortedCopy(got), sortedCopy(want)) {
				t.Errorf("NextStatuses(%s, %s) = %v, want %v", from, actor, got, want)
			}
			if final := len(want) == 0 && actor == ActorLinkWorker; final != from.Final() && actor == ActorLinkWorker {
				t.Errorf("%s.Final() = %v, want %v", from, from.Final(), final)
			}
		}
	}
	if got := NextStatuses(RefReferred, Actor("stranger")); got != nil {
		t.Errorf("NextStatuses for an unknown actor = %v, want none", got)
	}
}

func TestMoveRules(t *testing.T) {
	at := time.Date(2025, 5, 1, 9, 30, 0, 0, time.UTC)
	tests := []struct {
		name  string
		from  ReferralStatus
		to    ReferralStatus
		actor Actor
		note  string
		want  directory.Kind // Internal means success here
	}{
		{"organisation declines with a reason", RefReferred, RefDeclined, ActorOrganisation, "over 65s only", directory.Internal},
		{"organisation declines without a reason", RefReferred, RefDeclined, ActorOrganisation, "", directory.Invalid},
		{"organisation declines with only spaces", RefWaitingList, RefDeclined, ActorOrganisation, "   ", directory.Invalid},
		{"link worker records a decline", RefReferred, RefDeclined, ActorLinkWorker, "", directory.Internal},
		{"organisation withdraws", RefReferred, RefWithdrawn, ActorOrganisation, "x", directory.Forbidden},
		{"organisation records the person declined", RefAccepted, RefPersonDeclined, ActorOrganisation, "x", directory.Forbidden},
		{"organisation refers a signpost", RefSignposted, RefReferred, ActorOrganisation, "", directory.Forbidden},
		{"unknown actor", RefReferred, RefAccepted, Actor(""), "", directory.Forbidden},
		{"unknown status", RefReferred, ReferralStatus("lost"), ActorLinkWorker, "", directory.Invalid},
		{"same status again", RefAccepted, RefAccepted, ActorLinkWorker, "", directory.Conflict},
		{"back to referred", RefAccepted, RefReferred, ActorLinkWorker, "", directory.Conflict},
		{"from nothing", ReferralStatus(""), RefAccepted, ActorLinkWorker, "", directory.Conflict},
		{"note at the limit", RefReferred, RefAccepted, ActorOrganisation, strings.Repeat("é", MaxNoteLength), directory.Internal},
		{"note too long", RefReferred, RefAccepted, ActorOrganisation, strings.Repeat("a", MaxNoteLength+1), directory.Invalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustNewReferral(t, tt.from)
			err := r.Move(tt.to, tt.actor, 7, tt.note, at)
			if tt.want == directory.Internal {
				if err != nil {
					t.Fatalf("Move() = %v, want nil", err)
				}
				return
			}
			if got := directory.KindOf(err); got != tt.want {
				t.Fatalf("Move() = %v (kind %v), want kind %v", err, got, tt.want)
			}
		})
	}
}

func TestNewReferral(t *testing.T) {
	at := time.Date(2025, 4, 7, 10, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		mode Mode
		want ReferralStatus
	}{{ModeReferral, RefReferred}, {ModeSignpost, RefSignposted}} {
		r, err := NewReferral(Referral{ID: "r", PersonID: "p", Mode: tt.mode, Status: RefCompleted}, 3, "first", at)
		if err != nil {
			t.Fatalf("NewReferral(%s) = %v", tt.mode, err)
		}
		if r.Status != tt.want || r.CreatedBy != 3 || !r.CreatedAt.Equal(at) || !r.UpdatedAt.Equal(at) || r.PersonID != "p" {
			t.Errorf("NewReferral(%s) = %+v", tt.mode, r)
		}
		if len(r.History) != 1 || r.History[0] != (ReferralEvent{To: tt.want, At: at, By: 3, Note: "first"}) {
			t.Errorf("NewReferral(%s) history = %+v", tt.mode, r.History)
		}
	}
	if _, err := NewReferral(Referral{Mode: "email"}, 3, "", at); directory.KindOf(err) != directory.Invalid {
		t.Errorf("NewReferral with a bad mode = %v, want invalid", err)
	}
	if _, err := NewReferral(Referral{Mode: ModeReferral}, 3, strings.Repeat("a", MaxNoteLength+1), at); directory.KindOf(err) != directory.Invalid {
		t.Errorf("NewReferral with a long note = %v, want invalid", err)
	}
}

func TestReferralStatusWords(t *testing.T) {
	all, _ := parseLegalMoves(t)
	seen := map[string]bool{}
	for _, s := range all {
		got, ok := ParseReferralStatus(string(s))
		if !ok || got != s {
			t.Errorf("ParseReferralStatus(%q) = %q, %v", s, got, ok)
		}
		l := s.Label()
		if l == "" || strings.Contains(l, "_") || seen[l] {
			t.Errorf("%s.Label() = %q: want plain, distinct English", s, l)
		}
		seen[l] = true
	}
	if RefDidNotAttend.Label() != "did not attend" {
		t.Errorf("did_not_attend label = %q", RefDidNotAttend.Label())
	}
	for _, s := range []string{"", "Referred", "lost", " referred"} {
		if _, ok := ParseReferralStatus(s); ok {
			t.Errorf("ParseReferralStatus(%q) ok, want not", s)
		}
	}
	if ReferralStatus("lost").Final() {
		t.Error("an unknown status is final")
	}
}

func TestAwaitingResponse(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, 4, d, 15, 0, 0, 0, time.UTC) }
	easter := map[string]bool{"2025-04-18": true, "2025-04-21": true}
	referredOn7th := Referral{Status: RefReferred, UpdatedAt: day(7), History: []ReferralEvent{{To: RefReferred, At: day(7)}}}
	// Signposted on the 1st, referred on the 7th: the clock starts on the 7th.
	signpostedFirst := Referral{Status: RefReferred, UpdatedAt: day(7), History: []ReferralEvent{
		{To: RefSignposted, At: day(1)}, {From: RefSignposted, To: RefReferred, At: day(7)}}}
	// A note edited on the 20th bumps UpdatedAt but is not an answer.
	noteEdited := referredOn7th
	noteEdited.UpdatedAt = day(20)
	waiting := referredOn7th
	waiting.Status = RefWaitingList

	tests := []struct {
		name     string
		r        Referral
		now      time.Time
		holidays map[string]bool
		want     bool
	}{
		// 8–11, 14–17 April are 8 working days; Good Friday and Easter Monday are not.
		{"ten working days", referredOn7th, day(23), easter, false},
		{"eleven working days", referredOn7th, day(24), easter, true},
		{"without the bank holidays", referredOn7th, day(22), nil, true},
		{"with the bank holidays", referredOn7th, day(22), easter, false},
		{"clock from the last status change", signpostedFirst, day(23), easter, false},
		{"a note edit does not reset it", noteEdited, day(24), easter, true},
		{"a waiting list is an answer", waiting, day(30), easter, false},
		{"no history uses UpdatedAt", Referral{Status: RefReferred, UpdatedAt: day(7)}, day(24), easter, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AwaitingResponse(tt.r, tt.now, tt.holidays); got != tt.want {
				t.Errorf("AwaitingResponse() = %v, want %v", got, tt.want)
			}
		})
	}
}

func sortedCopy(s []ReferralStatus) []ReferralStatus {
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}

// TestOpenReferral checks which referrals count as still under way for
// the rule on referring someone twice: every referral not at a final
// status, and never a signpost.
func TestOpenReferral(t *testing.T) {
	open := map[ReferralStatus]bool{
		RefReferred: true, RefWaitingList: true, RefAccepted: true, RefAttended: true, RefDidNotAttend: true, RefOngoing: true,
		RefDeclined: false, RefCompleted: false, RefPersonDeclined: false, RefWithdrawn: false,
	}
	for _, st := range ReferralStatuses {
		if st == RefSignposted {
			continue
		}
		r := Referral{Mode: ModeReferral, Status: st}
		if got := r.OpenReferral(); got != open[st] {
			t.Errorf("a referral %s: open %t, want %t", st.Label(), got, open[st])
		}
		r.Mode = ModeSignpost
		if r.OpenReferral() {
			t.Errorf("a signpost now %s counts as an open referral", st.Label())
		}
	}
}
