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

// Refer refers (mode [ModeReferral]) or signposts ([ModeSignpost])
// person p to the directory service serviceID, as user who.
//
// It refuses, with a message for the link worker:
//   - a mode other than those two, or no service (Invalid);
//   - a service not in the directory (Invalid, naming service_id);
//   - a service that is inactive or closed down (Conflict): nobody
//     there will answer;
//   - a person who has been discharged (Conflict).
//
// A service with a waiting list, that says it is full, or that is
// temporarily closed may still be referred to, with a warning.
//
// The referral and its audit entry (referral.create) are kept in one
// transaction. A referral (not a signpost) is then shared with the
// organisation; see [Workflow.share].
func (w *Workflow) Refer(ctx context.Context, who Who, p *Person, serviceID string, mode Mode, note string) (*Referred, error) {
	if mode != ModeReferral && mode != ModeSignpost {
		return nil, directory.Errorf(directory.Invalid, "mode: choose referral or signpost")
	}
	serviceID = strings.TrimSpace(serviceID)
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
		who.UserID, note, w.Now().UTC())
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
