package directory

import (
	"strings"
	"time"
	"unicode/utf8"
)

// RequestKind says what a community group asks for in a [ListingRequest].
type RequestKind string

// The kinds of request.
const (
	RequestClaim RequestKind = "claim" // to look after a listing already here
	RequestNew   RequestKind = "new"   // to add a group not listed yet
)

// RequestStatus is where an admin has got to with a [ListingRequest].
type RequestStatus string

// The request statuses.
const (
	RequestPending  RequestStatus = "pending"
	RequestApproved RequestStatus = "approved"
	RequestRejected RequestStatus = "rejected"
)

// ListingRequest is a community group asking, without an account, to look
// after its listing: to claim one already in the directory or to add a
// new group. An admin approves it (inviting the contact as an editor) or
// rejects it with a reason.
type ListingRequest struct {
	ID        int64
	Kind      RequestKind
	ServiceID string // a claim made from a listing's page
	// GroupName is the group's name: the organisation a claim is about
	// (when no ServiceID says so), or the new group.
	GroupName   string
	Description string // a new group: what it does
	Postcode    string // a new group: where it meets, if anywhere
	ContactName string
	Email       string
	Phone       string
	Message     string

	Status RequestStatus
	Reason string // why it was rejected
	// OrganizationID is the organisation the contact was invited to edit,
	// once approved.
	OrganizationID string
	CreatedAt      time.Time
	DecidedAt      time.Time
	DecidedBy      int64 // the admin's user id
}

// maxRequestText bounds each field of a request: the form is public.
const maxRequestText = 4000

// Validate checks what a group must tell us and returns a *[Error] of kind
// Invalid wrapping a [ValidationError] whose messages can be shown beside
// the form's fields as they are, or nil. It does not check the postcode's
// shape, which is the geo package's job.
func (r *ListingRequest) Validate() error {
	var c checker
	switch r.Kind {
	case RequestClaim:
		if strings.TrimSpace(r.ServiceID) == "" && strings.TrimSpace(r.GroupName) == "" {
			c.add("group_name", "Enter the name of your group, so we can find its listing")
		}
	case RequestNew:
		if strings.TrimSpace(r.GroupName) == "" {
			c.add("group_name", "Enter the name of your group")
		}
		if strings.TrimSpace(r.Description) == "" {
			c.add("description", "Say in a sentence or two what your group does")
		}
	default:
		c.add("kind", "Choose whether you look after a listing already here or want to add a new group")
	}
	if strings.TrimSpace(r.ContactName) == "" {
		c.add("contact_name", "Enter your name")
	}
	switch e := strings.TrimSpace(r.Email); {
	case e == "":
		c.add("email", "Enter your email address, so we can send you a link to look after the listing")
	case !strings.Contains(e, "@") || strings.ContainsAny(e, " \t\r\n") || strings.HasPrefix(e, "@") || strings.HasSuffix(e, "@"):
		c.add("email", "Enter an email address like name@example.org")
	}
	for _, f := range []struct{ field, v string }{{"group_name", r.GroupName}, {"description", r.Description}, {"postcode", r.Postcode},
		{"contact_name", r.ContactName}, {"email", r.Email}, {"phone", r.Phone}, {"message", r.Message}} {
		if utf8.RuneCountInString(f.v) > maxRequestText {
			c.add(f.field, "Shorten this to %d characters or fewer", maxRequestText)
		}
	}
	if len(c.errs) > 0 {
		return &Error{Kind: Invalid, Msg: c.errs.Error(), Err: c.errs}
	}
	return nil
}
