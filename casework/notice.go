package casework

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/notify"
)

// Telling an organisation of a referral shares the person's details
// outside Linkway, so it is audited like a read: the audit entry is kept,
// with the answer links the messages carry, before anything is sent. A
// mail cannot be taken back, so this is the only order in which no
// message goes out unrecorded.

const (
	// AnswerPurpose is the token purpose of a link that answers a
	// referral.
	AnswerPurpose = "referral-answer"
	// answerLinkDays is how long an answer link works: long enough for a
	// volunteer who checks the group's email once a week.
	answerLinkDays = 14
	// Outbox kinds, so that reminders are sent once per referral.
	referralKind = "referral"
	reminderKind = "referral-reminder"
)

// outgoing is one message about a referral for each of its
// organisation's addresses, made ready before the transaction that
// records it. A nil *outgoing sends nothing.
type outgoing struct {
	ref     *Referral
	kind    string
	to      []string
	shared  *SharedPerson
	lw      WorkerContact
	expires time.Time
	tokens  []string // one per address, made by record
}

// prepare reads who to tell of ref and what they may know. It returns
// nil when notifications are off, the service has no organisation or the
// organisation has no address.
func (w *Workflow) prepare(ctx context.Context, ref *Referral, p *Person, kind string) (*outgoing, error) {
	if w.Notifier == nil || ref.OrganizationID == "" {
		return nil, nil
	}
	to, err := w.recipients(ctx, ref.OrganizationID)
	if err != nil || len(to) == 0 {
		return nil, err
	}
	lw, err := w.linkWorker(ctx, ref, p)
	if err != nil {
		return nil, err
	}
	return &outgoing{ref: ref, kind: kind, to: to, shared: p.Shared(), lw: lw, expires: w.Now().Add(answerLinkDays * 24 * time.Hour)}, nil
}

// recipients are the organisation's directory email and its editors'
// emails, each once.
func (w *Workflow) recipients(ctx context.Context, orgID string) ([]string, error) {
	var to []string
	add := func(addr string) {
		addr = strings.TrimSpace(addr)
		if addr != "" && !slices.ContainsFunc(to, func(a string) bool { return strings.EqualFold(a, addr) }) {
			to = append(to, addr)
		}
	}
	org, err := w.store.Organization(ctx, orgID)
	switch {
	case err == nil:
		add(org.Email)
	case directory.KindOf(err) != directory.NotFound:
		return nil, err
	}
	editors, err := w.store.OrganizationEditors(ctx, orgID)
	if err != nil {
		return nil, err
	}
	for _, e := range editors {
		add(e.Email)
	}
	return to, nil
}

// record makes each address its answer link and audits the sharing
// (referral.notify, or referral.remind for a reminder), in tx.
func (o *outgoing) record(ctx context.Context, w *Workflow, tx Tx, who Who) error {
	if o == nil {
		return nil
	}
	o.tokens = o.tokens[:0]
	for range o.to {
		token, err := tx.CreateToken(ctx, AnswerPurpose, o.ref.ID, o.expires)
		if err != nil {
			return err
		}
		o.tokens = append(o.tokens, token)
	}
	action := "referral.notify"
	if o.kind == reminderKind {
		action = "referral.remind"
	}
	return w.audit(ctx, tx, who, action, o.ref.PersonID, fmt.Sprintf("%s to %s", o.ref.ID, addresses(len(o.to))))
}

// send sends the recorded messages. One address failing does not stop
// the others.
func (o *outgoing) send(ctx context.Context, w *Workflow) error {
	if o == nil {
		return nil
	}
	var errs []error
	for i, addr := range o.to {
		m := notify.Message{To: addr, Kind: o.kind, About: o.ref.ID,
			Subject: "New referral to " + o.ref.ServiceName,
			Body:    o.body(w, o.tokens[i])}
		if o.kind == reminderKind {
			m.Subject = "Reminder: a referral to " + o.ref.ServiceName + " is waiting for your answer"
		}
		if err := w.Notifier.Notify(ctx, m); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// body is a message's text: only what the person agreed to share, the
// link worker, and the links.
func (o *outgoing) body(w *Workflow, token string) string {
	var b strings.Builder
	created := o.ref.CreatedAt.In(w.Zone).Format("2 January 2006")
	if o.kind == reminderKind {
		fmt.Fprintf(&b, "A referral to %s, made on %s, is still waiting for your answer. Please accept or decline it, so that the link worker can find the person something else if need be.\n\n", o.ref.ServiceName, created)
	} else {
		fmt.Fprintf(&b, "A social prescribing link worker has referred someone to %s (on %s).\n\n", o.ref.ServiceName, created)
	}
	if o.shared != nil {
		b.WriteString("About them, shared with their agreement (please keep it safe and use it only to arrange their place):\n")
		for _, l := range o.shared.Lines() {
			b.WriteString("  " + l + "\n")
		}
	} else {
		b.WriteString("They did not agree to share their details with you. To arrange their place, please contact the link worker.\n")
	}
	fmt.Fprintf(&b, "\nLink worker: %s", o.lw.Name)
	if o.lw.Email != "" {
		fmt.Fprintf(&b, ", %s", o.lw.Email)
	}
	fmt.Fprintf(&b, "\n\nTo accept or decline, open this link. No login is needed; it works once, until %s:\n%s\n",
		o.expires.In(w.Zone).Format("2 January 2006"), w.BaseURL+"/answer/"+url.PathEscape(token))
	fmt.Fprintf(&b, "\nIf you have a Linkway login, your referral inbox is at %s\n", w.BaseURL+"/org/inbox")
	return b.String()
}

func addresses(n int) string {
	if n == 1 {
		return "1 address"
	}
	return fmt.Sprintf("%d addresses", n)
}

// SendReferralReminders reminds organisations of each referral still
// waiting for their first answer after [AwaitingResponseDays] working
// days, once per referral, with fresh answer links. The link worker's
// dashboard flags the same referrals. Run it every hour or so.
func (w *Workflow) SendReferralReminders(ctx context.Context) error {
	if w.Notifier == nil {
		return nil
	}
	refs, err := w.store.UnansweredReferrals(ctx)
	if err != nil {
		return err
	}
	now := w.now()
	var errs []error
	for _, ref := range refs {
		if !AwaitingResponse(*ref, now, w.Holidays) {
			continue
		}
		// One reminder per referral; one the mail server refused for every
		// address is tried again at the next sweep.
		last, err := w.store.LastNotified(ctx, reminderKind, ref.ID)
		if err != nil || !last.IsZero() {
			errs = append(errs, err)
			continue
		}
		if err := w.remind(ctx, ref); err != nil {
			errs = append(errs, fmt.Errorf("casework: reminder for referral %s: %w", ref.ID, err))
		}
	}
	return errors.Join(errs...)
}

func (w *Workflow) remind(ctx context.Context, ref *Referral) error {
	p, err := w.store.Person(ctx, ref.PersonID)
	if err != nil {
		return err
	}
	out, err := w.prepare(ctx, ref, p, reminderKind)
	if err != nil || out == nil {
		return err
	}
	if err := w.store.Atomically(ctx, func(tx Tx) error { return out.record(ctx, w, tx, Who{}) }); err != nil {
		return err
	}
	return out.send(ctx, w)
}
