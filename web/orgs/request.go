package orgs

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/geo"
	"github.com/linkway/linkway/notify"
	"github.com/linkway/linkway/web/core"
)

// Requests from groups: without an account, a group asks to look after
// its listing or to be added; admins are told and answer (web/admin).

// Requests from the public listing form allowed from one client address
// per window: enough for a volunteer adding a few groups, too few to
// flood the admins' queue and mail.
const (
	listingRequests      = 10
	listingRequestWindow = time.Hour
)

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
func (h *Handler) handleRequestForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	data := requestPage{Form: directory.ListingRequest{Kind: directory.RequestClaim}}
	if r.Method == http.MethodPost {
		if err := core.ParseForm(w, r); err != nil {
			h.site.Fail(w, r, err)
			return
		}
		data.Form = requestFormOf(r)
	} else if id := r.URL.Query().Get("service"); id != "" {
		data.Form.ServiceID = id
	}
	if data.Form.ServiceID != "" {
		svc, err := h.store.Service(ctx, data.Form.ServiceID)
		switch {
		case err == nil:
			data.Service = svc
		case directory.KindOf(err) == directory.NotFound:
			data.Form.ServiceID = ""
		default:
			h.site.Fail(w, r, err)
			return
		}
	}
	if r.Method != http.MethodPost {
		h.site.Render(w, r, http.StatusOK, "request", "Look after your group's listing", data)
		return
	}
	if data.Service == nil {
		data.Form.ServiceID = ""
	}
	data.Errors = requestErrors(&data.Form)
	if len(data.Errors) > 0 {
		h.site.Render(w, r, http.StatusBadRequest, "request", "Error: Look after your group's listing", data)
		return
	}
	key := core.LimiterKey(core.ClientAddr(r))
	blocked, retry, err := h.requestLimiter.Blocked(ctx, key, h.site.Now())
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	if blocked {
		w.Header().Set("Retry-After", strconv.Itoa(int(retry.Seconds())+1))
		data.Errors = []core.FormError{{Message: fmt.Sprintf("We have had many requests from your connection; please try again in %d minutes.", int(retry.Minutes())+1)}}
		h.site.Render(w, r, http.StatusTooManyRequests, "request", "Error: Look after your group's listing", data)
		return
	}
	if err := h.store.CreateListingRequest(ctx, &data.Form); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	if _, err := h.requestLimiter.Fail(ctx, key, h.site.Now()); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	// The request is kept whatever happens to the message: admins see it
	// on their requests page.
	if err := h.notifyAdmins(ctx, &data.Form, data.Service); err != nil {
		h.site.Log().ErrorContext(ctx, "could not tell admins of a listing request", "request", data.Form.ID, "err", err)
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
func (h *Handler) notifyAdmins(ctx context.Context, req *directory.ListingRequest, svc *directory.Service) error {
	users, err := h.store.Users(ctx)
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
		errs = append(errs, h.notifier.Notify(ctx, notify.Message{
			To: u.Email, Subject: "A group is waiting for an answer on Linkway",
			Body:  what + "\n\nApprove or reject it:\n" + h.baseURL + "/admin/requests\n",
			Kind:  "listing-request",
			About: strconv.FormatInt(req.ID, 10),
		}))
	}
	return errors.Join(errs...)
}

func (h *Handler) handleRequestSent(w http.ResponseWriter, r *http.Request) {
	h.site.Render(w, r, http.StatusOK, "request", "Thank you", requestPage{Sent: true})
}
