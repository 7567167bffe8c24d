package casework

import (
	"context"
	"fmt"
)

// CreatePerson checks p and stores it as a new record, audited as
// person.create. p gets its id.
func (w *Workflow) CreatePerson(ctx context.Context, who Who, p *Person) error {
	if err := p.Validate(w.now()); err != nil {
		return err
	}
	return w.store.Atomically(ctx, func(tx Tx) error {
		if err := tx.CreatePerson(ctx, p); err != nil {
			return err
		}
		return w.audit(ctx, tx, who, "person.create", p.ID, "")
	})
}

// UpdatePerson checks p and writes the whole record back, audited as
// person.update.
func (w *Workflow) UpdatePerson(ctx context.Context, who Who, p *Person) error {
	if err := p.Validate(w.now()); err != nil {
		return err
	}
	return w.store.Atomically(ctx, func(tx Tx) error {
		if err := tx.UpdatePerson(ctx, p); err != nil {
			return err
		}
		return w.audit(ctx, tx, who, "person.update", p.ID, "")
	})
}

// RecordContact checks contact c with person p and stores it with the
// coded events it brings ([EventsForContact]) and the status change it
// makes: a new person becomes active, or discharged if they declined at
// that first contact. It is audited as contact.create. On success p is
// the record as the contact left it; on failure p is unchanged.
func (w *Workflow) RecordContact(ctx context.Context, who Who, p *Person, c *Contact) ([]CodedEvent, error) {
	if err := c.Validate(w.now()); err != nil {
		return nil, err
	}
	c.PersonID, c.By = p.ID, who.UserID
	// An episode is coded once: at its first contact, while the person is
	// still new.
	events := EventsForContact(p, c, w.codes, p.Status != StatusNew)
	updated := *p
	switch {
	case c.Declined && p.Status == StatusNew:
		updated.Status, updated.DischargeReason, updated.DischargedAt = StatusDischarged, "declined social prescribing", c.Date
	case p.Status == StatusNew:
		updated.Status = StatusActive
	}
	err := w.store.Atomically(ctx, func(tx Tx) error {
		if err := tx.RecordContact(ctx, c, events, &updated); err != nil {
			return err
		}
		return w.audit(ctx, tx, who, "contact.create", p.ID, fmt.Sprintf("contact %d", c.ID))
	})
	if err != nil {
		return nil, err
	}
	*p = updated
	return events, nil
}

// AddOutcome checks a person's wellbeing scores and stores them, audited
// as outcome.create.
func (w *Workflow) AddOutcome(ctx context.Context, who Who, o *ONS4) error {
	if err := o.Validate(w.now()); err != nil {
		return err
	}
	o.By = who.UserID
	return w.store.Atomically(ctx, func(tx Tx) error {
		if err := tx.AddOutcome(ctx, o); err != nil {
			return err
		}
		return w.audit(ctx, tx, who, "outcome.create", o.PersonID, string(o.Stage))
	})
}
