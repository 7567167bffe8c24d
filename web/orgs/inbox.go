package orgs

// The referral inbox closes the loop between a link worker and the
// organisation they referred someone to. The organisation answers from
// its inbox (editors), over the API, or with a single-use link from the
// notification (groups without a login); each answer moves the same
// referral row the link worker reads, through casework's state machine
// as casework.ActorOrganisation. An organisation sees only what the
// person agreed to share.

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/web/core"
)

func inboxReferralURL(id string) string { return "/org/referrals/" + core.PathEscape(id) }

// inboxEditor returns the logged-in editor; anyone else is told the page
// does not exist.
func (h *Handler) inboxEditor(r *http.Request) (*casework.User, error) {
	u := core.CurrentUser(r)
	if u == nil || u.Role != casework.RoleEditor || u.OrganizationID == "" {
		return nil, directory.Errorf(directory.NotFound, "page not found")
	}
	return u, nil
}

// inboxReferral reads a referral made to the editor's organisation. Any
// other, or a signpost (the organisation was never told of it), is not
// found, so that nobody can learn which ids exist.
func (h *Handler) inboxReferral(r *http.Request, id string) (*casework.Referral, *casework.User, error) {
	u, err := h.inboxEditor(r)
	if err != nil {
		return nil, nil, err
	}
	ref, err := h.store.Referral(r.Context(), id)
	if err == nil && (ref.OrganizationID != u.OrganizationID || ref.Mode != casework.ModeReferral) {
		err = directory.Errorf(directory.NotFound, "no referral with this id was sent to your organisation")
	}
	if directory.KindOf(err) == directory.NotFound {
		err = directory.Errorf(directory.NotFound, "no referral with this id was sent to your organisation")
	}
	return ref, u, err
}

// sharedPersonJSON is casework.SharedPerson in the inbox API.
type sharedPersonJSON struct {
	Name             string   `json:"name"`
	PreferredContact string   `json:"preferred_contact,omitempty"` // phone, text, email, letter
	Phone            string   `json:"phone,omitempty"`
	Email            string   `json:"email,omitempty"`
	Language         string   `json:"language,omitempty"`
	Interpreter      bool     `json:"interpreter"`
	AccessNeeds      []string `json:"access_needs"`
	WhatMatters      string   `json:"what_matters,omitempty"`
}

func sharedPersonJSONOf(sp *casework.SharedPerson) *sharedPersonJSON {
	if sp == nil {
		return nil
	}
	return &sharedPersonJSON{Name: sp.Name, PreferredContact: sp.PreferredContact, Phone: sp.Phone, Email: sp.Email,
		Language: sp.Language, Interpreter: sp.Interpreter, AccessNeeds: core.NonNil(sp.AccessNeeds), WhatMatters: sp.WhatMatters}
}

// workerContactJSON is how an organisation reaches the link worker.
type workerContactJSON struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

// ---- the inbox page and API ----

type inboxRow struct {
	*casework.Referral
	Overdue bool
	Shared  bool
	URL     string
}

type inboxPage struct {
	Organization string
	Rows         []inboxRow
}

func (h *Handler) handleInbox(w http.ResponseWriter, r *http.Request) {
	u, err := h.inboxEditor(r)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	ctx := r.Context()
	entries, err := h.work.Inbox(ctx, u.OrganizationID)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	data := inboxPage{Organization: "your organisation"}
	if org, err := h.store.Organization(ctx, u.OrganizationID); err == nil {
		data.Organization = org.Name
	}
	for _, e := range entries {
		data.Rows = append(data.Rows, inboxRow{Referral: e.Referral, Overdue: e.Overdue, Shared: e.Person != nil, URL: inboxReferralURL(e.Referral.ID)})
	}
	// The list shows no one's details, so one entry covers it.
	if err := h.site.Audit(r, "inbox.list", "", fmt.Sprintf("%d referrals", len(entries))); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	h.site.RenderPrivate(w, r, http.StatusOK, "inbox", "Referral inbox", data)
}

type inboxItemJSON struct {
	ID          string                  `json:"id"`
	ServiceID   string                  `json:"service_id"`
	ServiceName string                  `json:"service_name"`
	Status      casework.ReferralStatus `json:"status"`
	CreatedAt   string                  `json:"created_at"`
	// AwaitingResponse is whether the organisation still owes its first
	// answer; Overdue, whether for more than 10 working days.
	AwaitingResponse bool              `json:"awaiting_response"`
	Overdue          bool              `json:"overdue"`
	Person           *sharedPersonJSON `json:"person"`
	// Note is the link worker's note with the referral, when the person
	// agreed to share their details.
	Note       string            `json:"note,omitempty"`
	LinkWorker workerContactJSON `json:"link_worker"`
}

func (h *Handler) handleAPIInbox(w http.ResponseWriter, r *http.Request) {
	u, err := h.inboxEditor(r)
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	entries, err := h.work.Inbox(r.Context(), u.OrganizationID)
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	out := []inboxItemJSON{}
	// Each person whose referral is listed is audited as read, all with
	// one write.
	var reads []casework.AuditEntry
	who := core.Who(r)
	for _, e := range entries {
		ref := e.Referral
		out = append(out, inboxItemJSON{ID: ref.ID, ServiceID: ref.ServiceID, ServiceName: ref.ServiceName, Status: ref.Status,
			CreatedAt: ref.CreatedAt.Format(time.RFC3339), AwaitingResponse: ref.Status == casework.RefReferred,
			Overdue: e.Overdue, Person: sharedPersonJSONOf(e.Person), Note: e.Note, LinkWorker: workerContactJSON(e.LinkWorker)})
		reads = append(reads, casework.AuditEntry{At: h.site.Now(), UserID: who.UserID, Remote: who.Remote, Action: "inbox.read", PersonID: ref.PersonID, Detail: "api " + ref.ID})
	}
	if err := h.store.AppendAudits(r.Context(), reads); err != nil {
		h.site.FailJSON(w, r, fmt.Errorf("web: audit inbox.read: %w", err))
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	core.WriteJSON(w, http.StatusOK, map[string]any{"referrals": out})
}

// answerInput is an organisation's answer to a referral, as the API and
// the answer forms take it.
type answerInput struct {
	Status string `json:"status"`
	Note   string `json:"note"`
}

// HandleReferralAnswer is POST /api/v1/referrals/{id}/status for an
// editor: the link workers' endpoint, limited to what an organisation may
// set. (web routes the editors' requests there.)
func (h *Handler) HandleReferralAnswer(w http.ResponseWriter, r *http.Request) {
	ref, _, err := h.inboxReferral(r, core.PathVar(r, "id"))
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	var in answerInput
	if err := core.DecodeBody(w, r, &in); err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	if err := h.work.MoveReferral(r.Context(), core.Who(r), ref, casework.ActorOrganisation, in.Status, in.Note); err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	core.WriteJSON(w, http.StatusOK, map[string]any{"id": ref.ID, "status": ref.Status})
}

// ---- answering from a page: the inbox or a single-use link ----

// declineReasons are the reasons an organisation gives for declining;
// the link worker reads them to find the person somewhere else.
var declineReasons = []core.Option{
	{Value: "full", Label: "Full"},
	{Value: "not_suitable", Label: "Not suitable for their needs"},
	{Value: "outside_area", Label: "Outside our area"},
	{Value: "no_contact", Label: "Could not contact them"},
	{Value: "other", Label: "Other"},
}

// answerButtons label the answers other than a decline, as buttons.
var answerButtons = map[casework.ReferralStatus]string{
	casework.RefAccepted:     "Accept",
	casework.RefWaitingList:  "Put on the waiting list",
	casework.RefAttended:     "Came to their first session",
	casework.RefDidNotAttend: "Did not attend",
	casework.RefOngoing:      "Still coming",
	casework.RefCompleted:    "Completed",
}

// answerForm is a posted answer, kept to refill the form.
type answerForm struct {
	Reason, Note string
}

// answerOf reads an answer from a posted form. A decline carries its
// reason from the list, then any words added; "other" needs the words.
func answerOf(f url.Values) (answerInput, answerForm, error) {
	form := answerForm{Reason: f.Get("reason"), Note: strings.TrimSpace(f.Get("note"))}
	in := answerInput{Status: f.Get("status"), Note: form.Note}
	if in.Status != string(casework.RefDeclined) {
		return in, form, nil
	}
	i := slices.IndexFunc(declineReasons, func(o core.Option) bool { return o.Value == form.Reason })
	switch {
	case i < 0:
		return in, form, directory.Errorf(directory.Invalid, "reason: choose why you cannot take them")
	case form.Reason == "other" && form.Note == "":
		return in, form, directory.Errorf(directory.Invalid, "note: say why you cannot take them")
	case form.Note != "":
		in.Note = declineReasons[i].Label + ": " + form.Note
	default:
		in.Note = declineReasons[i].Label
	}
	return in, form, nil
}

// checkSeen refuses an answer given on a page showing an older status:
// a move that is still legal (waiting list → accepted) would otherwise
// overwrite what someone else recorded meanwhile.
func checkSeen(f url.Values, ref *casework.Referral) error {
	if seen := f.Get("seen"); seen != "" && seen != string(ref.Status) {
		return directory.Errorf(directory.Conflict, "someone else answered this referral while you had it open: it is now %s; check it and answer again if you need to", ref.Status.Label())
	}
	return nil
}

// answerView is what the referral pages show of a referral, for the
// editor's inbox and the single-use link alike.
type answerView struct {
	Ref        *casework.Referral
	Person     *casework.SharedPerson
	Note       string // the link worker's, shown only behind the inbox's login
	LinkWorker casework.WorkerContact
	Overdue    bool
	Action     string // where the answer forms post
	Buttons    []core.Option
	CanDecline bool
	Reasons    []core.Option
	Form       answerForm
	Errors     []core.FormError
}

// ReasonError is the error for the reason radios, if any.
func (v answerView) ReasonError() string {
	for _, e := range v.Errors {
		if e.Field == "reason" {
			return e.Message
		}
	}
	return ""
}

// answerViewOf reads what the referral pages show, offering the answers
// in allowed (nil for all an organisation may give now).
func (h *Handler) answerViewOf(ctx context.Context, ref *casework.Referral, action string, allowed []casework.ReferralStatus, form answerForm, errs []core.FormError) (*answerView, error) {
	e, err := h.work.InboxEntry(ctx, ref)
	if err != nil {
		return nil, err
	}
	v := &answerView{Ref: ref, Person: e.Person, Note: e.Note, LinkWorker: e.LinkWorker, Overdue: e.Overdue, Action: action, Form: form, Errors: errs}
	for _, st := range casework.NextStatuses(ref.Status, casework.ActorOrganisation) {
		if allowed != nil && !slices.Contains(allowed, st) {
			continue
		}
		if st == casework.RefDeclined {
			v.CanDecline = true
			continue
		}
		v.Buttons = append(v.Buttons, core.Option{Value: string(st), Label: answerButtons[st]})
	}
	for _, o := range declineReasons {
		o.Selected = o.Value == form.Reason
		v.Reasons = append(v.Reasons, o)
	}
	return v, nil
}

type inboxReferralPage struct {
	*answerView
	Done string // the status just saved, for the confirmation
}

func (h *Handler) handleInboxReferral(w http.ResponseWriter, r *http.Request) {
	ref, _, err := h.inboxReferral(r, core.PathVar(r, "id"))
	if err == nil && r.Method == http.MethodPost {
		err = core.ParseForm(w, r)
	}
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	status, form, errs := http.StatusOK, answerForm{}, []core.FormError(nil)
	if r.Method == http.MethodPost {
		in, f, err := answerOf(r.PostForm)
		if err == nil {
			err = checkSeen(r.PostForm, ref)
		}
		if err == nil {
			err = h.work.MoveReferral(r.Context(), core.Who(r), ref, casework.ActorOrganisation, in.Status, in.Note)
		}
		if err == nil {
			core.SeeOther(w, r, inboxReferralURL(ref.ID)+"?done="+url.QueryEscape(string(ref.Status)))
			return
		}
		if k := directory.KindOf(err); k != directory.Invalid && k != directory.Conflict {
			h.site.Fail(w, r, err)
			return
		}
		status, form, errs = core.StatusOf(err), f, core.FormErrorsOf(err)
		// Show the referral as it is now, not as the refused answer left it.
		if ref, err = h.store.Referral(r.Context(), ref.ID); err != nil {
			h.site.Fail(w, r, err)
			return
		}
	}
	v, err := h.answerViewOf(r.Context(), ref, inboxReferralURL(ref.ID), nil, form, errs)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	data := inboxReferralPage{answerView: v}
	if st, ok := casework.ParseReferralStatus(r.URL.Query().Get("done")); ok && r.Method != http.MethodPost {
		data.Done = st.Label()
	}
	if err := h.site.Audit(r, "inbox.read", ref.PersonID, "page "+ref.ID); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	h.site.RenderPrivate(w, r, status, "inboxreferral", core.ErrorTitle("Referral to "+ref.ServiceName, errs), data)
}

type answerPage struct {
	*answerView
	Problem string                  // why the link cannot be used
	Done    casework.ReferralStatus // the answer just saved
}

// handleAnswerLink shows (GET) and takes (POST) an answer through a
// single-use link, without a login. Looking does not use the link up;
// answering does.
func (h *Handler) handleAnswerLink(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	token := core.PathVar(r, "token")
	id, err := h.store.PeekToken(ctx, casework.AnswerPurpose, token)
	if err != nil {
		h.answerLinkFailed(w, r, err)
		return
	}
	ref, err := h.store.Referral(ctx, id)
	if err == nil && r.Method == http.MethodPost {
		err = core.ParseForm(w, r)
	}
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	action := "/answer/" + core.PathEscape(token)
	links := []casework.ReferralStatus{casework.RefAccepted, casework.RefDeclined}
	status, form, errs := http.StatusOK, answerForm{}, []core.FormError(nil)
	if r.Method == http.MethodPost {
		in, f, err := answerOf(r.PostForm)
		if err == nil && !slices.Contains(links, casework.ReferralStatus(in.Status)) {
			err = directory.Errorf(directory.Invalid, "status: this link can only accept or decline; log in to record anything else")
		}
		if err == nil {
			err = checkSeen(r.PostForm, ref)
		}
		if err == nil {
			// The link is the permission, not any login the browser has.
			err = h.work.AnswerWithLink(ctx, casework.Who{Remote: core.ClientAddr(r)}, token, ref, in.Status, in.Note)
		}
		if err == nil {
			v, err := h.answerViewOf(ctx, ref, action, links, answerForm{}, nil)
			if err != nil {
				h.site.Fail(w, r, err)
				return
			}
			v.Note = "" // see below
			h.site.RenderPrivate(w, r, http.StatusOK, "answer", "Thank you", answerPage{answerView: v, Done: ref.Status})
			return
		}
		if k := directory.KindOf(err); k != directory.Invalid && k != directory.Conflict {
			h.site.Fail(w, r, err)
			return
		}
		status, form, errs = core.StatusOf(err), f, core.FormErrorsOf(err)
		if ref, err = h.store.Referral(ctx, ref.ID); err != nil {
			h.site.Fail(w, r, err)
			return
		}
	}
	v, err := h.answerViewOf(ctx, ref, action, links, form, errs)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	// The link goes to the organisation's own address as well as its
	// editors, so the link worker's note stays behind the inbox's login.
	v.Note = ""
	if err := h.site.Audit(r, "inbox.read", ref.PersonID, "link "+ref.ID); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	h.site.RenderPrivate(w, r, status, "answer", core.ErrorTitle("Referral to "+ref.ServiceName, errs), answerPage{answerView: v})
}

// answerLinkFailed explains a link that is unknown (404), used or
// expired (409), and what to do instead.
func (h *Handler) answerLinkFailed(w http.ResponseWriter, r *http.Request, err error) {
	h.refuseLink(w, r, err, "answer", "This link cannot be used", func(why string) any {
		return answerPage{answerView: &answerView{}, Problem: why}
	})
}

// refuseLink shows page saying why an emailed link cannot be used when
// err says it is unknown (404) or used or expired (409); view builds the
// page's data from that reason. Any other error is the error page.
func (h *Handler) refuseLink(w http.ResponseWriter, r *http.Request, err error, page, title string, view func(why string) any) {
	if k := directory.KindOf(err); k != directory.NotFound && k != directory.Conflict {
		h.site.Fail(w, r, err)
		return
	}
	h.site.RenderPrivate(w, r, core.StatusOf(err), page, title, view(directory.MessageOf(err)))
}

// ---- responsiveness ----
