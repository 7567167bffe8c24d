package web

// Organisations admin: admins see every organisation with its listings,
// editors and trust, and invite editors by a single-use link; community
// groups ask, without an account, to claim a listing or add a new group,
// and admins approve (inviting the contact) or reject with a reason.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"
	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/geo"
	"github.com/linkway/linkway/notify"
	"github.com/linkway/linkway/web/account"
	"github.com/linkway/linkway/web/core"
)

// orgAdminStore is what these pages need from the store.
type orgAdminStore interface {
	freshnessStore
	Organizations(ctx context.Context) ([]directory.Organization, error)
	Organization(ctx context.Context, id string) (*directory.Organization, error)
	OrganizationServiceCounts(ctx context.Context) (map[string]int, error)
	SetTrusted(ctx context.Context, orgID string, trusted bool) error
	IsTrusted(ctx context.Context, orgID string) (bool, error)
	CreateListingRequest(ctx context.Context, r *directory.ListingRequest) error
	ListingRequests(ctx context.Context, status directory.RequestStatus) ([]directory.ListingRequest, error)
	ListingRequest(ctx context.Context, id int64) (*directory.ListingRequest, error)
	ApproveListingRequest(ctx context.Context, id int64, orgID string, by int64) (string, error)
	RejectListingRequest(ctx context.Context, id int64, reason string, by int64) error
}

// Requests from the public listing form allowed from one client address
// per window: enough for a volunteer adding a few groups, too few to
// flood the admins' queue and mail.
const (
	listingRequests      = 10
	listingRequestWindow = time.Hour
)

// inviteValid is how long an editor invitation works: long enough for a
// volunteer who reads mail weekly.
const inviteValid = 7 * 24 * time.Hour

func (s *Server) orgAdminRoutes(r, api *mux.Router) {
	get := []string{http.MethodGet, http.MethodHead}
	both := append(get, http.MethodPost)

	r.Handle("/invite/{token}", http.HandlerFunc(s.handleInviteAccept)).Methods(both...)

	r.Handle("/organisations/request", http.HandlerFunc(s.handleRequestForm)).Methods(both...)
	r.Handle("/organisations/request/sent", http.HandlerFunc(s.handleRequestSent)).Methods(get...)
	r.Handle("/verify/{token}", http.HandlerFunc(s.handleVerify)).Methods(both...)
}

// ---- organisations and invitations ----

// EmailTaken reports whether someone has an account with email.
func (s *Server) EmailTaken(ctx context.Context, email string) (bool, error) {
	_, _, err := s.accounts.UserByEmail(ctx, email)
	if directory.KindOf(err) == directory.NotFound {
		return false, nil
	}
	return err == nil, err
}

// invitation is what an invite token stands for. It is kept in the
// token's row, never in the link.
type invitation struct {
	Org   string `json:"org"`
	Email string `json:"email"`
	Name  string `json:"name"`
}

// Invite makes a single-use link for email to become an editor of org
// and sends it. It returns the link; sendErr says the message could not
// be sent (the admin can pass the link on), err that nothing was made.
func (s *Server) Invite(ctx context.Context, org *directory.Organization, email, name string) (link string, sendErr, err error) {
	subject, err := json.Marshal(invitation{Org: org.ID, Email: email, Name: name})
	if err != nil {
		return "", nil, err
	}
	expires := s.site.Now().Add(inviteValid)
	token, err := s.orgs.CreateToken(ctx, "invite", string(subject), expires)
	if err != nil {
		return "", nil, err
	}
	link = s.baseURL + "/invite/" + token
	hello := "Hello,"
	if name != "" {
		hello = "Hello " + name + ","
	}
	sendErr = s.notifier.Notify(ctx, notify.Message{
		To:      email,
		Subject: "Look after " + org.Name + " on Linkway",
		Body: hello + "\n\nYou are invited to keep " + org.Name + "'s listings on Linkway up to date, so that residents and link workers find the right times and places.\n\n" +
			"Choose a password to set up your account:\n" + link + "\n\n" +
			"The link works once and until " + expires.In(s.site.Zone()).Format("2 January 2006") + ". If you were not expecting this, you can ignore it.\n",
		Kind:  "invite",
		About: org.ID,
	})
	if sendErr != nil {
		s.site.Log().ErrorContext(ctx, "could not send an invitation", "organisation", org.ID, "err", sendErr)
	}
	return link, sendErr, nil
}

type invitePage struct {
	Organization string
	Email        string
	Name         string
	Errors       []core.FormError
	Done         bool
	Refused      string // why the link cannot be used
}

// handleInviteAccept lets an invited person choose a password and become
// an editor. A GET only looks at the token: mail scanners follow links.
func (s *Server) handleInviteAccept(w http.ResponseWriter, r *http.Request) {
	ctx, token := r.Context(), core.PathVar(r, "token")
	refuse := func(err error) {
		if k := directory.KindOf(err); k != directory.NotFound && k != directory.Conflict {
			s.site.Fail(w, r, err)
			return
		}
		s.site.RenderPrivate(w, r, core.StatusOf(err), "invite", "This invitation cannot be used", invitePage{Refused: directory.MessageOf(err)})
	}
	subject, err := s.orgs.PeekToken(ctx, "invite", token)
	if err != nil {
		refuse(err)
		return
	}
	var inv invitation
	if err := json.Unmarshal([]byte(subject), &inv); err != nil {
		s.site.Fail(w, r, fmt.Errorf("web: invitation: %w", err))
		return
	}
	org, err := s.orgs.Organization(ctx, inv.Org)
	if err != nil {
		refuse(directory.Errorf(directory.NotFound, "the organisation this invitation was for is no longer listed"))
		return
	}
	data := invitePage{Organization: org.Name, Email: inv.Email, Name: inv.Name}
	if r.Method != http.MethodPost {
		s.site.RenderPrivate(w, r, http.StatusOK, "invite", "Set up your account", data)
		return
	}
	if err := core.ParseForm(w, r); err != nil {
		s.site.Fail(w, r, err)
		return
	}
	data.Name = strings.TrimSpace(r.PostForm.Get("name"))
	password, confirm := r.PostForm.Get("password"), r.PostForm.Get("confirm")
	if data.Name == "" {
		data.Errors = append(data.Errors, core.FormError{Field: "name", Message: "Enter your name"})
	}
	hash, err := account.HashPassword(password)
	switch {
	case directory.KindOf(err) == directory.Invalid:
		data.Errors = append(data.Errors, core.FormError{Field: "password", Message: core.Capitalise(directory.MessageOf(err))})
	case err != nil:
		s.site.Fail(w, r, err)
		return
	case confirm != password:
		data.Errors = append(data.Errors, core.FormError{Field: "confirm", Message: "Type the same password again"})
	}
	if len(data.Errors) > 0 {
		s.site.RenderPrivate(w, r, http.StatusBadRequest, "invite", "Error: Set up your account", data)
		return
	}
	// Checked before spending the link, so that the common mistake leaves
	// it working.
	if taken, err := s.EmailTaken(ctx, inv.Email); err != nil || taken {
		if err == nil {
			err = directory.Errorf(directory.Conflict, "you already have an account with this email: log in instead")
		}
		refuse(err)
		return
	}
	if _, err := s.orgs.UseToken(ctx, "invite", token); err != nil {
		refuse(err)
		return
	}
	id, err := s.accounts.CreateUser(ctx, casework.User{Email: inv.Email, Name: data.Name, Role: casework.RoleEditor, OrganizationID: org.ID}, hash)
	if err != nil {
		s.site.Fail(w, r, err)
		return
	}
	if err := s.site.Audit(r, "user.create", "", fmt.Sprintf("user %d as editor of organisation %s by invitation", id, org.ID)); err != nil {
		s.site.Fail(w, r, err)
		return
	}
	s.site.RenderPrivate(w, r, http.StatusOK, "invite", "Your account is ready", invitePage{Organization: org.Name, Email: inv.Email, Done: true})
}

// ---- requests from groups ----

type requestPage struct {
	Form    directory.ListingRequest
	Service *directory.Service // the listing a claim came from
	Errors  []core.FormError
	Sent    bool
}

// GroupLabel labels the group's name, which a claim from a listing's
// page may leave out.
func (p requestPage) GroupLabel() string {
	if p.Service != nil {
		return "Your group’s name (if it is not the one above)"
	}
	return "Your group’s name"
}

// handleRequestForm is the public form where a group asks to look after
// its listing, or to be added.
func (s *Server) handleRequestForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	data := requestPage{Form: directory.ListingRequest{Kind: directory.RequestClaim}}
	if r.Method == http.MethodPost {
		if err := core.ParseForm(w, r); err != nil {
			s.site.Fail(w, r, err)
			return
		}
		data.Form = requestFormOf(r)
	} else if id := r.URL.Query().Get("service"); id != "" {
		data.Form.ServiceID = id
	}
	if data.Form.ServiceID != "" {
		svc, err := s.store.Service(ctx, data.Form.ServiceID)
		switch {
		case err == nil:
			data.Service = svc
		case directory.KindOf(err) == directory.NotFound:
			data.Form.ServiceID = ""
		default:
			s.site.Fail(w, r, err)
			return
		}
	}
	if r.Method != http.MethodPost {
		s.site.Render(w, r, http.StatusOK, "request", "Look after your group's listing", data)
		return
	}
	if data.Service == nil {
		data.Form.ServiceID = ""
	}
	data.Errors = requestErrors(&data.Form)
	if len(data.Errors) > 0 {
		s.site.Render(w, r, http.StatusBadRequest, "request", "Error: Look after your group's listing", data)
		return
	}
	key := core.LimiterKey(core.ClientAddr(r))
	if blocked, retry := s.requestLimiter.Blocked(key, s.site.Now()); blocked {
		w.Header().Set("Retry-After", strconv.Itoa(int(retry.Seconds())+1))
		data.Errors = []core.FormError{{Message: fmt.Sprintf("We have had many requests from your connection; please try again in %d minutes.", int(retry.Minutes())+1)}}
		s.site.Render(w, r, http.StatusTooManyRequests, "request", "Error: Look after your group's listing", data)
		return
	}
	if err := s.orgs.CreateListingRequest(ctx, &data.Form); err != nil {
		s.site.Fail(w, r, err)
		return
	}
	s.requestLimiter.Fail(key, s.site.Now())
	// The request is kept whatever happens to the message: admins see it
	// on their requests page.
	if err := s.notifyAdmins(ctx, &data.Form, data.Service); err != nil {
		s.site.Log().ErrorContext(ctx, "could not tell admins of a listing request", "request", data.Form.ID, "err", err)
	}
	core.SeeOther(w, r, "/organisations/request/sent")
}

func requestFormOf(r *http.Request) directory.ListingRequest {
	f := r.PostForm
	get := func(k string) string { return strings.TrimSpace(f.Get(k)) }
	return directory.ListingRequest{
		Kind: directory.RequestKind(f.Get("kind")), ServiceID: f.Get("service_id"), GroupName: get("group_name"),
		Description: get("description"), Postcode: get("postcode"), ContactName: get("contact_name"), Email: get("email"),
		Phone: get("phone"), Message: get("message"),
	}
}

// requestErrors checks a request as the form shows it, normalising its
// postcode.
func requestErrors(req *directory.ListingRequest) []core.FormError {
	var out []core.FormError
	var ve directory.ValidationError
	if err := req.Validate(); errors.As(err, &ve) {
		for _, fe := range ve {
			out = append(out, core.FormError{Field: fe.Field, Message: fe.Msg})
		}
	}
	if req.Kind == directory.RequestNew && req.Postcode != "" {
		pc, err := geo.Normalize(req.Postcode)
		if err != nil {
			out = append(out, core.FormError{Field: "postcode", Message: "Enter a postcode like LS6 1AA, or leave it out if your group does not meet in one place"})
		} else {
			req.Postcode = pc
		}
	}
	return out
}

// notifyAdmins tells every admin a request is waiting, without the
// contact's details: those stay behind the admin's login.
func (s *Server) notifyAdmins(ctx context.Context, req *directory.ListingRequest, svc *directory.Service) error {
	users, err := s.accounts.Users(ctx)
	if err != nil {
		return err
	}
	what := "A group asks to be added to Linkway: " + req.GroupName + "."
	if req.Kind == directory.RequestClaim {
		name := req.GroupName
		if svc != nil {
			name = svc.Name
		}
		what = "A group asks to look after its listing on Linkway: " + name + "."
	}
	var errs []error
	for _, u := range users {
		if u.Role != casework.RoleAdmin || u.Disabled {
			continue
		}
		errs = append(errs, s.notifier.Notify(ctx, notify.Message{
			To: u.Email, Subject: "A group is waiting for an answer on Linkway",
			Body:  what + "\n\nApprove or reject it:\n" + s.baseURL + "/admin/requests\n",
			Kind:  "listing-request",
			About: strconv.FormatInt(req.ID, 10),
		}))
	}
	return errors.Join(errs...)
}

func (s *Server) handleRequestSent(w http.ResponseWriter, r *http.Request) {
	s.site.Render(w, r, http.StatusOK, "request", "Thank you", requestPage{Sent: true})
}
