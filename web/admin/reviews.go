package admin

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/notify"
	"github.com/linkway/linkway/web/core"
)

// The review queue and each listing's history: admins publish or reject
// an editor's change, telling the editor, and can publish an earlier
// version again.

// tell sends a notification; a failure is logged, never shown, since
// what it reports has already happened.
func (h *Handler) tell(ctx context.Context, m notify.Message) {
	if m.To == "" {
		return
	}
	if err := h.notifier.Notify(ctx, m); err != nil {
		h.site.Log().ErrorContext(ctx, "notification failed", "kind", m.Kind, "err", err)
	}
}

// userName names a user for a page, remembering names in seen.
func (h *Handler) userName(ctx context.Context, id int64, seen map[int64]string) string {
	if id == 0 {
		return "Linkway (as first listed)"
	}
	if n, ok := seen[id]; ok {
		return n
	}
	n := fmt.Sprintf("user %d", id)
	if u, err := h.store.UserByID(ctx, id); err == nil {
		n = directory.FirstNonBlank(u.Name, u.Email)
	}
	seen[id] = n
	return n
}

// doneMessages confirm what an admin just did, on the page they come
// back to.
var doneMessages = map[string]string{
	"approved": "The change is published.",
	"rejected": "The change was rejected; the organisation will see your reason.",
	"restored": "That version is published again.",
}

type reviewsPage struct {
	Done    string
	Reviews []reviewRow
}

type reviewRow struct {
	URL, Service, Org, SentBy string
	SentAt                    time.Time
	Changes                   int
}

func orgName(svc *directory.Service) string {
	if svc == nil || svc.Organization == nil {
		return ""
	}
	return svc.Organization.Name
}

func (h *Handler) handleReviews(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	pending, err := h.store.Reviews(ctx, directory.ReviewPending, "")
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	data := reviewsPage{Done: doneMessages[r.URL.Query().Get("done")]}
	names := map[int64]string{}
	for _, rv := range pending {
		data.Reviews = append(data.Reviews, reviewRow{
			URL: fmt.Sprintf("/admin/reviews/%d", rv.ID), Service: rv.Proposed.Name, Org: orgName(rv.Base),
			SentBy: h.userName(ctx, rv.SubmittedBy, names), SentAt: rv.SubmittedAt.In(h.site.Zone()), Changes: len(directory.Diff(rv.Base, rv.Proposed)),
		})
	}
	h.site.RenderPrivate(w, r, http.StatusOK, "reviews", "Changes waiting for review", data)
}

type reviewPage struct {
	R                 *directory.Review
	Service, Org      string
	SentBy, DecidedBy string
	SentAt, DecidedAt time.Time
	Changes           []directory.FieldChange
	Since             []directory.FieldChange // published after the change was sent
	Reason            string
	Errors            []core.FormError
	History           string
	Public            string
}

func (h *Handler) reviewFor(r *http.Request) (*directory.Review, error) {
	id, err := strconv.ParseInt(core.PathVar(r, "id"), 10, 64)
	if err != nil {
		return nil, directory.Errorf(directory.NotFound, "no change waiting for review has this id")
	}
	return h.store.Review(r.Context(), id)
}

func (h *Handler) handleReviewShow(w http.ResponseWriter, r *http.Request) {
	rv, err := h.reviewFor(r)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	h.showReview(w, r, rv, http.StatusOK, "", nil)
}

func (h *Handler) showReview(w http.ResponseWriter, r *http.Request, rv *directory.Review, status int, reason string, errs []core.FormError) {
	ctx := r.Context()
	names := map[int64]string{}
	data := reviewPage{R: rv, Service: rv.Proposed.Name, Org: orgName(rv.Base), SentBy: h.userName(ctx, rv.SubmittedBy, names),
		SentAt: rv.SubmittedAt.In(h.site.Zone()), Changes: directory.Diff(rv.Base, rv.Proposed), Reason: reason, Errors: errs,
		History: "/admin/services/" + core.PathEscape(rv.ServiceID) + "/history", Public: core.ServiceURL(rv.ServiceID)}
	if rv.Status != directory.ReviewPending {
		data.DecidedBy, data.DecidedAt = h.userName(ctx, rv.DecidedBy, names), rv.DecidedAt.In(h.site.Zone())
	} else if current, err := h.store.Service(ctx, rv.ServiceID); err == nil {
		data.Since = directory.Diff(rv.Base, current)
	} else {
		h.site.Fail(w, r, err)
		return
	}
	h.site.RenderPrivate(w, r, status, "review", core.ErrorTitle("Change to "+data.Service, errs), data)
}

func (h *Handler) handleReviewApprove(w http.ResponseWriter, r *http.Request) {
	rv, err := h.reviewFor(r)
	if err == nil {
		err = h.approve(r, rv)
	}
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	core.SeeOther(w, r, "/admin/reviews?done=approved")
}

func (h *Handler) handleReviewReject(w http.ResponseWriter, r *http.Request) {
	rv, err := h.reviewFor(r)
	if err == nil {
		err = core.ParseForm(w, r)
	}
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	reason := r.PostForm.Get("reason")
	if err := h.reject(r, rv, reason); err != nil {
		if directory.KindOf(err) != directory.Invalid {
			h.site.Fail(w, r, err)
			return
		}
		h.showReview(w, r, rv, http.StatusBadRequest, reason, []core.FormError{{Field: "reason", Message: "Reason is required, so the organisation knows what to change"}})
		return
	}
	core.SeeOther(w, r, "/admin/reviews?done=rejected")
}

// approve publishes a review, audits it and tells the editor.
func (h *Handler) approve(r *http.Request, rv *directory.Review) error {
	v, err := h.store.ApproveReview(r.Context(), rv.ID, core.CurrentUser(r).ID)
	if err != nil {
		return err
	}
	if err := h.site.Audit(r, "review.approve", "", fmt.Sprintf("service %s review %d version %d", rv.ServiceID, rv.ID, v)); err != nil {
		return err
	}
	h.tellEditor(r.Context(), rv, "Your change to "+rv.Proposed.Name+" is published",
		"An admin approved your change to "+rv.Proposed.Name+". It is now what residents and link workers see.")
	return nil
}

// reject turns a review down with a reason, audits it and tells the editor.
func (h *Handler) reject(r *http.Request, rv *directory.Review, reason string) error {
	if err := h.store.RejectReview(r.Context(), rv.ID, core.CurrentUser(r).ID, reason); err != nil {
		return err
	}
	if err := h.site.Audit(r, "review.reject", "", fmt.Sprintf("service %s review %d", rv.ServiceID, rv.ID)); err != nil {
		return err
	}
	h.tellEditor(r.Context(), rv, "Your change to "+rv.Proposed.Name+" was not published",
		"An admin did not publish your change to "+rv.Proposed.Name+", and said:\n\n"+strings.TrimSpace(reason)+"\n\nYou can change the listing again at "+h.baseURL+"/org")
	return nil
}

func (h *Handler) tellEditor(ctx context.Context, rv *directory.Review, subject, body string) {
	u, err := h.store.UserByID(ctx, rv.SubmittedBy)
	if err != nil {
		return
	}
	h.tell(ctx, notify.Message{To: u.Email, Subject: subject, Body: body, Kind: "review", About: strconv.FormatInt(rv.ID, 10)})
}

type historyPage struct {
	Service  *directory.Service
	Done     string
	Versions []versionRow // newest first
	Restore  string
	Kinds    string // the page of its kinds of support
}

type versionRow struct {
	Version  int
	At       time.Time
	By, Note string
	Changes  []directory.FieldChange // from the version before
	Latest   bool
}

func (h *Handler) handleHistory(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	svc, err := h.store.Service(ctx, core.PathVar(r, "id"))
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	versions, err := h.store.ServiceVersions(ctx, svc.ID)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	base := "/admin/services/" + core.PathEscape(svc.ID)
	data := historyPage{Service: svc, Done: doneMessages[r.URL.Query().Get("done")], Restore: base + "/restore", Kinds: base + "/kinds"}
	names := map[int64]string{}
	for i := len(versions) - 1; i >= 0; i-- {
		v := versions[i]
		row := versionRow{Version: v.Version, At: v.PublishedAt.In(h.site.Zone()), By: h.userName(ctx, v.PublishedBy, names), Note: v.Note, Latest: i == len(versions)-1}
		if i > 0 {
			row.Changes = directory.Diff(versions[i-1].Content, v.Content)
		}
		data.Versions = append(data.Versions, row)
	}
	h.site.RenderPrivate(w, r, http.StatusOK, "history", "History of "+svc.Name, data)
}

func (h *Handler) handleRestore(w http.ResponseWriter, r *http.Request) {
	if err := core.ParseForm(w, r); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	id := core.PathVar(r, "id")
	version, err := strconv.Atoi(r.PostForm.Get("version"))
	if err != nil {
		h.site.Fail(w, r, directory.Errorf(directory.Invalid, "version: choose a version to restore"))
		return
	}
	v, err := h.store.RestoreVersion(r.Context(), id, version, core.CurrentUser(r).ID)
	if err == nil {
		err = h.site.Audit(r, "listing.restore", "", fmt.Sprintf("service %s version %d as version %d", id, version, v))
	}
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	core.SeeOther(w, r, "/admin/services/"+core.PathEscape(id)+"/history?done=restored")
}

func (h *Handler) handleAPIReviewApprove(w http.ResponseWriter, r *http.Request) {
	rv, err := h.reviewFor(r)
	if err == nil {
		err = h.approve(r, rv)
	}
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	core.WriteJSON(w, http.StatusOK, map[string]string{"status": "approved"})
}

func (h *Handler) handleAPIReviewReject(w http.ResponseWriter, r *http.Request) {
	rv, err := h.reviewFor(r)
	var in struct {
		Reason string `json:"reason"`
	}
	if err == nil {
		err = core.DecodeBody(w, r, &in)
	}
	if err == nil {
		err = h.reject(r, rv, in.Reason)
	}
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	core.WriteJSON(w, http.StatusOK, map[string]string{"status": "rejected"})
}
