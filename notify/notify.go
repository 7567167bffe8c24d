// Package notify sends messages to people: editors reminded to check a
// listing, organisations told of a referral. One interface, two ways: an
// outbox table admins can read (the default, needing nothing set up) and
// SMTP mail.
package notify

import (
	"context"
	"time"
)

// Message is one notification.
type Message struct {
	To      string // an email address
	Subject string
	Body    string // plain text; links in it are whole URLs
	// Kind and About say what it is for ("referral", referral id), so that
	// reminders are not sent twice and admins can find them.
	Kind  string
	About string
}

// Notifier sends messages.
type Notifier interface {
	Notify(ctx context.Context, m Message) error
}

// Entry is a message as the outbox keeps it.
type Entry struct {
	ID      int64
	Created time.Time
	Message
	Sent  time.Time // zero while not sent by mail
	Error string    // the last failure to send by mail
}

// OutboxCount is how many messages of one kind the outbox holds, by
// what became of them.
type OutboxCount struct {
	Kind   string
	Sent   int // went by mail
	Failed int // could not be sent by mail
	Kept   int // kept for an admin to pass on: no mail server
}

// OutboxStore keeps messages (implemented by the sqlite store).
type OutboxStore interface {
	AddToOutbox(ctx context.Context, m Message, sent time.Time, sendErr string) (int64, error)
}

// Outbox is the Notifier that keeps messages in the outbox table for
// admins to read and pass on.
type Outbox struct {
	Store OutboxStore
}

// Notify stores m.
func (o Outbox) Notify(ctx context.Context, m Message) error {
	_, err := o.Store.AddToOutbox(ctx, m, time.Time{}, "")
	return err
}

// OutboxFilter chooses outbox entries; zero fields choose all.
type OutboxFilter struct {
	Kind, About, To string
	// Before chooses entries older than the entry with this id, for
	// paging back through the outbox.
	Before int64
	Limit  int
	// Unsent chooses only the messages that did not go by mail: those
	// that failed and those kept for an admin to pass on.
	Unsent bool
	// Failed chooses only the messages that could not be sent by mail.
	Failed bool
	// ExceptKinds leaves out messages of these kinds, such as the many
	// reminders that would hide everything else.
	ExceptKinds []string
}
