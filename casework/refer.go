package casework

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/linkway/linkway/directory"
)

// Referred is what [Workflow.Refer] made.
type Referred struct {
	Referral *Referral
	// Warnings are things the link worker should know about the service
	// that do not stop the referral, such as a waiting list.
	Warnings []string
	// NotifyErr is why the organisation could not be told, if it could
	// not. The referral stands either way: the link worker sees it
	// waiting, and the reminder sweep writes again.
	NotifyErr error
}

// ReferralRequest is what a link worker asks [Workflow.Refer] to make.
type ReferralRequest struct {
	ServiceID string // the directory id
	Mode      Mode
	// Note goes with the referral for the record and the organisation; it
	// is kept as the note of the referral's first history event.
	Note string
	// ConfirmDuplicate is the link worker's yes to referring again to a
	// service the person already has an open referral to; see
	// [DuplicateReferral].
	ConfirmDuplicate bool
}

// DuplicateReferral is why [Workflow.Refer] refused a referral: the
// person already has Existing, an open referral to the same service, and
// the link worker did not confirm a second one. It is wrapped in a
// Conflict [directory.Error] whose message names Existing.
type DuplicateReferral struct {
	Existing *Referral
}

func (d *DuplicateReferral) Error() string {
	return "casework: open referral " + d.Existing.ID + " to the same service"
}

// Refer refers (mode [ModeReferral]) or signposts ([ModeSignpost])
// person p to the directory service req.ServiceID, as user who.
//
// It refuses, with a message for the link worker:
//   - a mode other than those two, or no service (Invalid);
//   - a service not in the directory (Invalid, naming service_id);
//   - a service that is inactive or closed down (Conflict): nobody
//     there will answer;
//   - a person who has been discharged (Conflict);
//   - a referral to a service the person already has an open referral
//     to (Conflict wrapping a [DuplicateReferral]), unless
//     req.ConfirmDuplicate: the organisation would be told twice about
//     one person. Signposts are never refused for this: they tell nobody.
//
// A service with a waiting list, that says it is full, or that is
// temporarily closed may still be referred to, with a warning.
//
// The referral and its audit entry (referral.create) are kept in one
// transaction, which is also where an open referral is looked for, so
// that two clicks at once cannot both get through. A referral (not a
// signpost) is then shared with the organisation; see [Workflow.share].
// A refused one is not.
func (w *Workflow) Refer(ctx context.Context, who Who, p *Person, req ReferralRequest) (*Referred, error) {
	mode := req.Mode
	if mode != ModeReferral && mode != ModeSignpost {
		return nil, directory.Errorf(directory.Invalid, "mode: choose referral or signpost")
	}
	serviceID := strings.TrimSpace(req.ServiceID)
	if serviceID == "" {
		return nil, directory.Errorf(directory.Invalid, "service_id: say which service")
	}
	svc, err := w.store.Service(ctx, serviceID)
	if directory.KindOf(err) == directory.NotFound {
		return nil, directory.Errorf(directory.Invalid, "service_id: no service in the directory has this id")
	}
	if err != nil {
		return nil, err
	}
	if p.Status == StatusDischarged {
		return nil, directory.Errorf(directory.Conflict, "this person has been discharged; reopen their record to refer them")
	}
	if svc.Status != directory.StatusActive && svc.Status != directory.StatusTemporarilyClosed {
		return nil, directory.Errorf(directory.Conflict, "service_id: %s is no longer running (the directory lists it as %s); choose another service", svc.Name, svc.Status)
	}
	out := &Referred{Warnings: ReferralWarnings(svc)}
	ref, err := NewReferral(Referral{PersonID: p.ID, TeamID: p.TeamID, ServiceID: svc.ID, ServiceName: svc.Name, OrganizationID: svc.OrganizationID(), Mode: mode},
		who.UserID, req.Note, w.Now().UTC())
	if err != nil {
		return nil, err
	}
	var share *outgoing
	if mode == ModeReferral {
		// Who to tell is read before the transaction, which holds the
		// only writer and should hold it for a moment only.
		if share, err = w.prepare(ctx, ref, p, referralKind); err != nil {
			out.NotifyErr = err
		}
	}
	err = w.store.Atomically(ctx, func(tx Tx) error {
		if mode == ModeReferral && !req.ConfirmDuplicate {
			if err := w.refuseDuplicate(ctx, tx, p.ID, svc); err != nil {
				return err
			}
		}
		if err := tx.CreateReferral(ctx, ref); err != nil {
			return err
		}
		if err := w.audit(ctx, tx, who, "referral.create", p.ID, fmt.Sprintf("%s %s to service %s", ref.ID, mode, svc.ID)); err != nil {
			return err
		}
		return share.record(ctx, w, tx, who)
	})
	if err != nil {
		return nil, err
	}
	out.Referral = ref
	if err := share.send(ctx, w); err != nil {
		out.NotifyErr = err
	}
	return out, nil
}

// refuseDuplicate returns a Conflict wrapping a [DuplicateReferral] if
// the person personID already has an open referral to svc, read in tx.
func (w *Workflow) refuseDuplicate(ctx context.Context, tx Tx, personID string, svc *directory.Service) error {
	earlier, err := tx.ReferralsTo(ctx, personID, svc.ID)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(earlier, (*Referral).OpenReferral)
	if i < 0 {
		return nil
	}
	open := earlier[i]
	return &directory.Error{Kind: directory.Conflict,
		Msg: fmt.Sprintf("service_id: this person already has an open referral to %s (referral %s, made %s, now %s), and the organisation was told; to refer them again, confirm it (confirm_duplicate in the API)",
			svc.Name, open.ID, open.CreatedAt.In(w.Zone).Format("2 January 2006"), open.Status.Label()),
		Err: &DuplicateReferral{Existing: open}}
}

// ReferralWarnings are what a link worker referring someone to svc
// should know before the organisation answers: it may be a while, or a
// no. None of them stops a referral.
func ReferralWarnings(svc *directory.Service) []string {
	var out []string
	switch svc.Accepting {
	case directory.CapacityWaitingList:
		w := svc.Name + " has a waiting list, so the person may wait before they can start"
		if svc.TypicalWaitDays > 0 {
			w += fmt.Sprintf(" (usually about %d days)", svc.TypicalWaitDays)
		}
		out = append(out, w+".")
	case directory.CapacityFull:
		out = append(out, svc.Name+" says it is full at the moment; it may decline the referral.")
	}
	if svc.Status == directory.StatusTemporarilyClosed {
		w := svc.Name + " is temporarily closed"
		if svc.Alert != "" {
			w += ": " + strings.TrimSuffix(svc.Alert, ".")
		}
		out = append(out, w+".")
	}
	return out
}

// MoveReferral changes ref's status to status (its stored name, such as
// "did_not_attend") with a note, as actor: the link worker's team, or the
// organisation answering from its inbox. The change and its audit entry
// (referral.status) are kept in one transaction. On failure ref is
// unchanged; see [Referral.Move] for what is refused.
func (w *Workflow) MoveReferral(ctx context.Context, who Who, ref *Referral, actor Actor, status, note string) error {
	return w.move(ctx, who, ref, actor, status, note, nil)
}

// AnswerWithLink is [Workflow.MoveReferral] for an organisation answering
// through the single-use link token from a notification. The link is
// spent in the same transaction as the answer, so a refused answer does
// not use it up and an answer is never saved with the link still
// working.
func (w *Workflow) AnswerWithLink(ctx context.Context, who Who, token string, ref *Referral, status, note string) error {
	return w.move(ctx, who, ref, ActorOrganisation, status, note, func(tx Tx) error {
		id, err := tx.UseToken(ctx, AnswerPurpose, token)
		if err == nil && id != ref.ID {
			err = directory.Errorf(directory.NotFound, "this link is not valid")
		}
		return err
	})
}

func (w *Workflow) move(ctx context.Context, who Who, ref *Referral, actor Actor, status, note string, spend func(Tx) error) error {
	if strings.TrimSpace(status) == "" {
		// A form with nothing chosen: no status is ever assumed.
		return directory.Errorf(directory.Invalid, "status: choose what the referral is now")
	}
	to, ok := ParseReferralStatus(status)
	if !ok {
		return directory.Errorf(directory.Invalid, "status: %q is not a referral status", status)
	}
	moved := *ref
	moved.History = slices.Clone(ref.History)
	if err := moved.Move(to, actor, who.UserID, note, w.Now().UTC()); err != nil {
		if actor == ActorOrganisation && directory.KindOf(err) == directory.Forbidden {
			// The organisation can see this referral, so "not found" would
			// mislead: it is the status that is refused.
			return directory.Errorf(directory.Invalid, "status: %s", directory.MessageOf(err))
		}
		return err
	}
	detail := fmt.Sprintf("%s → %s", ref.ID, to)
	if actor == ActorOrganisation {
		detail += " by the organisation"
	}
	err := w.store.Atomically(ctx, func(tx Tx) error {
		if spend != nil {
			if err := spend(tx); err != nil {
				return err
			}
		}
		if err := tx.SaveReferralMove(ctx, &moved); err != nil {
			return err
		}
		return w.audit(ctx, tx, who, "referral.status", ref.PersonID, detail)
	})
	if err != nil {
		return err
	}
	*ref = moved
	return nil
}
