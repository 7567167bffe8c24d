package admin

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/notify"
	"github.com/linkway/linkway/web/core"
)

// Requests from groups (web/orgs takes them): admins approve one,
// inviting its contact to edit the organisation (created first for a new
// group), or reject it with a reason the group is sent.

type requestsPage struct {
	Requests []requestRow
	Errors   []core.FormError
	// After an approval: who was invited, and the link, shown this once.
	Approved string
	Link     string
	SendFail bool
	Rejected bool
}

type requestRow struct {
	directory.ListingRequest
	Service     *directory.Service
	Orgs        []core.Option // for a claim: which organisation it is
	Reason      string
	ReasonError string
}

func (h *Handler) handleRequests(w http.ResponseWriter, r *http.Request) {
	h.showRequests(w, r, http.StatusOK, requestsPage{}, 0, "", "")
}

// showRequests shows the pending requests; reasonError goes beside the
// reason field of request failed.
func (h *Handler) showRequests(w http.ResponseWriter, r *http.Request, status int, data requestsPage, failed int64, reason, reasonError string) {
	ctx := r.Context()
	pending, err := h.store.ListingRequests(ctx, directory.RequestPending)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	orgs, err := h.store.Organizations(ctx)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	for _, req := range pending {
		row := requestRow{ListingRequest: req}
		if req.ID == failed {
			row.Reason, row.ReasonError = reason, reasonError
		}
		if req.Kind == directory.RequestClaim {
			if req.ServiceID != "" {
				if svc, err := h.store.Service(ctx, req.ServiceID); err == nil {
					row.Service = svc
				} else if directory.KindOf(err) != directory.NotFound {
					h.site.Fail(w, r, err)
					return
				}
			}
			guess := ""
			if row.Service != nil && row.Service.Organization != nil {
				guess = row.Service.Organization.ID
			}
			for _, o := range orgs {
				row.Orgs = append(row.Orgs, core.Option{Value: o.ID, Label: o.Name, Selected: o.ID == guess})
			}
		}
		data.Requests = append(data.Requests, row)
	}
	if reasonError != "" {
		data.Errors = append(data.Errors, core.FormError{Field: fmt.Sprintf("reason-%d", failed), Message: reasonError})
	}
	h.site.RenderPrivate(w, r, status, "requests", core.ErrorTitle("Requests from groups", data.Errors), data)
}

// requestFor reads the request named in the path, refusing one already
// answered.
func (h *Handler) requestFor(w http.ResponseWriter, r *http.Request) (*directory.ListingRequest, bool) {
	id, err := strconv.ParseInt(core.PathVar(r, "id"), 10, 64)
	if err != nil {
		h.site.Fail(w, r, directory.Errorf(directory.NotFound, "no request has this id"))
		return nil, false
	}
	req, err := h.store.ListingRequest(r.Context(), id)
	if err == nil && req.Status != directory.RequestPending {
		err = directory.Errorf(directory.Conflict, "this request has already been answered")
	}
	if err == nil {
		err = core.ParseForm(w, r)
	}
	if err != nil {
		h.site.Fail(w, r, err)
		return nil, false
	}
	return req, true
}

// handleRequestApprove approves a request: for a claim, the contact is
// invited to edit the organisation the admin chose; for a new group, the
// organisation is created first.
func (h *Handler) handleRequestApprove(w http.ResponseWriter, r *http.Request) {
	req, ok := h.requestFor(w, r)
	if !ok {
		return
	}
	ctx, me := r.Context(), core.CurrentUser(r)
	// An invitation to someone who already has an account could not be
	// used: say so before anything changes.
	if taken, err := h.invites.EmailTaken(ctx, req.Email); err != nil {
		h.site.Fail(w, r, err)
		return
	} else if taken {
		h.showRequests(w, r, http.StatusConflict, requestsPage{Errors: []core.FormError{{Message: "The contact for request " + strconv.FormatInt(req.ID, 10) +
			" already has a Linkway account, so they cannot be invited with that email: reject the request saying so."}}}, 0, "", "")
		return
	}
	orgID, err := h.store.ApproveListingRequest(ctx, req.ID, r.PostForm.Get("organization"), me.ID)
	if directory.KindOf(err) == directory.Invalid {
		h.showRequests(w, r, http.StatusBadRequest, requestsPage{Errors: []core.FormError{{Message: "Choose the organisation request " + strconv.FormatInt(req.ID, 10) + " is about."}}}, 0, "", "")
		return
	}
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	org, err := h.store.Organization(ctx, orgID)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	link, sendErr, err := h.invites.Invite(ctx, org, req.Email, req.ContactName)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	if err := h.site.Audit(r, "request.approve", "", fmt.Sprintf("request %d (%s) for organisation %s", req.ID, req.Kind, orgID)); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	h.showRequests(w, r, http.StatusOK, requestsPage{Approved: req.Email, Link: link, SendFail: sendErr != nil}, 0, "", "")
}

// handleRequestReject turns a request down, telling the group why.
func (h *Handler) handleRequestReject(w http.ResponseWriter, r *http.Request) {
	req, ok := h.requestFor(w, r)
	if !ok {
		return
	}
	ctx, me := r.Context(), core.CurrentUser(r)
	reason := strings.TrimSpace(r.PostForm.Get("reason"))
	if reason == "" {
		h.showRequests(w, r, http.StatusBadRequest, requestsPage{}, req.ID, reason, "Say why, so the group knows what to do next")
		return
	}
	if err := h.store.RejectListingRequest(ctx, req.ID, reason, me.ID); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	if err := h.site.Audit(r, "request.reject", "", fmt.Sprintf("request %d (%s)", req.ID, req.Kind)); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	err := h.notifier.Notify(ctx, notify.Message{
		To: req.Email, Subject: "Your request to Linkway",
		Body: "Hello " + req.ContactName + ",\n\nThank you for asking to look after " + directory.FirstNonBlank(req.GroupName, "your group") + "'s listing on Linkway. " +
			"We cannot go ahead with it at the moment:\n\n" + reason + "\n",
		Kind: "listing-request-rejected", About: strconv.FormatInt(req.ID, 10),
	})
	if err != nil {
		h.site.Log().ErrorContext(ctx, "could not tell a group its request was rejected", "request", req.ID, "err", err)
	}
	h.showRequests(w, r, http.StatusOK, requestsPage{Rejected: true}, 0, "", "")
}
