package casework

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/linkway/linkway/directory"
)

// What an organisation may know of someone referred to it. The inbox
// page, the inbox API, the referral pages and the notification all show
// [Person.Shared] and nothing else.

// SharedPerson is what an organisation may know of someone referred to
// it, and only when they agreed to share it: never their date of birth,
// NHS number, address, notes, contacts or outcomes.
type SharedPerson struct {
	Name             string
	PreferredContact string // phone, text, email, letter; empty if not said
	Phone            string
	Email            string
	Language         string
	Interpreter      bool
	AccessNeeds      []string // directory.ParseAccess values
	WhatMatters      string   // their priorities, in their words
}

// Shared returns what p agreed to share with an organisation they are
// referred to, or nil when they did not agree.
func (p *Person) Shared() *SharedPerson {
	if !p.Consent.Share {
		return nil
	}
	sp := &SharedPerson{Name: p.Name, PreferredContact: p.PreferredContact, Language: p.Language, Interpreter: p.Interpreter,
		AccessNeeds: slices.Clone(p.AccessNeeds), WhatMatters: p.WhatMatters.Priorities}
	if sp.AccessNeeds == nil {
		sp.AccessNeeds = []string{}
	}
	// The details for the way they prefer, not every one we hold. A
	// letter would need their address, which stays with the link worker.
	switch p.PreferredContact {
	case "phone", "text":
		sp.Phone = p.Phone
	case "email":
		sp.Email = p.Email
	case "":
		sp.Phone, sp.Email = p.Phone, p.Email
	}
	return sp
}

// AccessLabels names the access needs in words, for pages and messages.
func (sp *SharedPerson) AccessLabels() []string {
	var out []string
	for _, a := range sp.AccessNeeds {
		out = append(out, directory.AccessLabel(a))
	}
	return out
}

// Lines is sp as lines of plain text, for a message.
func (sp *SharedPerson) Lines() []string {
	out := []string{"Name: " + sp.Name}
	if sp.PreferredContact != "" {
		out = append(out, "Best way to get in touch: "+PreferredContactLabel(sp.PreferredContact))
	}
	if sp.Phone != "" {
		out = append(out, "Phone: "+sp.Phone)
	}
	if sp.Email != "" {
		out = append(out, "Email: "+sp.Email)
	}
	switch {
	case sp.Language != "" && sp.Interpreter:
		out = append(out, "Language: "+sp.Language+", needs an interpreter")
	case sp.Language != "":
		out = append(out, "Language: "+sp.Language)
	case sp.Interpreter:
		out = append(out, "Needs an interpreter")
	}
	if len(sp.AccessNeeds) > 0 {
		out = append(out, "Access needs: "+strings.Join(sp.AccessLabels(), ", "))
	}
	if sp.WhatMatters != "" {
		out = append(out, "What matters to them: "+sp.WhatMatters)
	}
	return out
}

// WorkerContact is how an organisation reaches the link worker.
type WorkerContact struct {
	Name  string
	Email string
}

// workerContactOf is u as an organisation may reach them; u is nil when
// the account is gone.
func workerContactOf(u *User) WorkerContact {
	if u == nil {
		return WorkerContact{Name: "the link worker"}
	}
	return WorkerContact{Name: cmp.Or(strings.TrimSpace(u.Name), "the link worker"), Email: u.Email}
}

// linkWorker is the person's link worker, or else whoever made the
// referral.
func (w *Workflow) linkWorker(ctx context.Context, ref *Referral, p *Person) (WorkerContact, error) {
	id := cmp.Or(p.LinkWorker, ref.CreatedBy)
	u, err := w.store.UserByID(ctx, id)
	switch {
	case directory.KindOf(err) == directory.NotFound:
		return workerContactOf(nil), nil
	case err != nil:
		return WorkerContact{}, err
	}
	return workerContactOf(&u), nil
}

// InboxRow is one referral to an organisation as the store reads it for
// the inbox, all rows in one query.
type InboxRow struct {
	Referral *Referral
	// Person holds only what [Person.Shared] may pass on, with the
	// consent that decides whether it does; the store reads nothing else
	// of the record.
	Person *Person
	// LinkWorker is the person's link worker, or else whoever made the
	// referral; nil when that account is gone.
	LinkWorker *User
}

// InboxEntry is a referral as the organisation it was made to sees it.
type InboxEntry struct {
	Referral *Referral
	Person   *SharedPerson // nil unless the person agreed to share
	// Note is the link worker's note with the referral. It is about the
	// person, so like Person it is empty unless they agreed to share.
	Note       string
	LinkWorker WorkerContact
	// Overdue is whether it has waited for the organisation's first
	// answer for more than [AwaitingResponseDays] working days.
	Overdue bool
}

// Inbox lists the referrals (not signposts) made to organisation orgID,
// those waiting for its answer first, each group newest first, with what
// it may know of each person.
func (w *Workflow) Inbox(ctx context.Context, orgID string) ([]InboxEntry, error) {
	rows, err := w.store.InboxReferrals(ctx, orgID)
	if err != nil {
		return nil, err
	}
	now := w.now()
	out := make([]InboxEntry, 0, len(rows))
	for _, row := range rows {
		shared := row.Person.Shared()
		out = append(out, InboxEntry{Referral: row.Referral, Person: shared, Note: sharedNote(row.Referral, shared), LinkWorker: workerContactOf(row.LinkWorker),
			Overdue: AwaitingResponse(*row.Referral, now, w.Holidays)})
	}
	slices.SortStableFunc(out, func(a, b InboxEntry) int {
		return cmp.Compare(answeredRank(a.Referral), answeredRank(b.Referral))
	})
	return out, nil
}

// sharedNote is ref's note as the organisation may read it: only beside
// the details the person agreed to share (shared is nil when they did
// not).
func sharedNote(ref *Referral, shared *SharedPerson) string {
	if shared == nil {
		return ""
	}
	return ref.Note()
}

func answeredRank(r *Referral) int {
	if r.Status == RefReferred {
		return 0
	}
	return 1
}

// InboxEntry is ref as the organisation it was made to sees it.
func (w *Workflow) InboxEntry(ctx context.Context, ref *Referral) (*InboxEntry, error) {
	p, err := w.store.Person(ctx, ref.PersonID)
	if err != nil {
		return nil, err
	}
	lw, err := w.linkWorker(ctx, ref, p)
	if err != nil {
		return nil, err
	}
	shared := p.Shared()
	return &InboxEntry{Referral: ref, Person: shared, Note: sharedNote(ref, shared), LinkWorker: lw, Overdue: AwaitingResponse(*ref, w.now(), w.Holidays)}, nil
}
