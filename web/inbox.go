package web

// The referral inbox closes the loop between a link worker and the
// organisation they referred someone to. The organisation answers from
// its inbox (editors), over the API, or with a single-use link from the
// notification (groups without a login); each answer moves the same
// referral row the link worker reads, through casework's state machine
// as casework.ActorOrganisation. An organisation sees only what the
// person agreed to share.

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/gorilla/mux"
	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/notify"
)

// inboxStore is what the inbox needs beyond the referrals it shares with
// casework (caseStore) and the single-use links (tokenStore).
type inboxStore interface {
	Organization(ctx context.Context, id string) (*directory.Organization, error)
	OrganizationEditors(ctx context.Context, orgID string) ([]casework.User, error)
	UnansweredReferrals(ctx context.Context) ([]*casework.Referral, error)
	ReferralsToServices(ctx context.Context, serviceIDs []string) ([]*casework.Referral, error)
	// LastNotified is when a message of kind about about was last kept in
	// the outbox (zero if never), not counting mail the server refused.
	LastNotified(ctx context.Context, kind, about string) (time.Time, error)
}

const (
	// answerPurpose is the token purpose of a link that answers a referral.
	answerPurpose = "referral-answer"
	// answerLinkDays is how long an answer link works: long enough for a
	// volunteer who checks the group's email once a week.
	answerLinkDays = 14
	// Outbox kinds, so that reminders are sent once per referral.
	referralKind = "referral"
	reminderKind = "referral-reminder"
)

func (s *Server) inboxRoutes(r, api *mux.Router) {
	editor := func(h http.HandlerFunc) http.Handler { return s.requireRole(casework.RoleEditor)(h) }
	r.Handle("/org/inbox", editor(s.handleInbox)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/org/referrals/{id}", editor(s.handleInboxReferral)).Methods(http.MethodGet, http.MethodHead, http.MethodPost)
	// No login: the token in the link is the permission.
	r.HandleFunc("/answer/{token}", s.handleAnswerLink).Methods(http.MethodGet, http.MethodHead, http.MethodPost)
	api.Handle("/inbox", editor(s.handleAPIInbox)).Methods(http.MethodGet)
}

func inboxReferralURL(id string) string { return "/org/referrals/" + pathEscape(id) }

// inboxEditor returns the logged-in editor while the inbox is on; anyone
// else is told the page does not exist.
func (s *Server) inboxEditor(r *http.Request) (*casework.User, error) {
	u := s.currentUser(r)
	if s.orgs == nil || s.cases == nil || u == nil || u.Role != casework.RoleEditor || u.OrganizationID == "" {
		return nil, directory.Errorf(directory.NotFound, "page not found")
	}
	return u, nil
}

// inboxReferral reads a referral made to the editor's organisation. Any
// other, or a signpost (the organisation was never told of it), is not
// found, so that nobody can learn which ids exist.
func (s *Server) inboxReferral(r *http.Request, id string) (*casework.Referral, *casework.User, error) {
	u, err := s.inboxEditor(r)
	if err != nil {
		return nil, nil, err
	}
	ref, err := s.cases.Referral(r.Context(), id)
	if err == nil && (ref.OrganizationID != u.OrganizationID || ref.Mode != casework.ModeReferral) {
		err = directory.Errorf(directory.NotFound, "no referral with this id was sent to your organisation")
	}
	if directory.KindOf(err) == directory.NotFound {
		err = directory.Errorf(directory.NotFound, "no referral with this id was sent to your organisation")
	}
	return ref, u, err
}

// sharedPerson is what an organisation may know of someone referred to
// it, and only when they agreed to share it: never their date of birth,
// NHS number, address, notes, contacts or outcomes.
type sharedPerson struct {
	Name             string   `json:"name"`
	PreferredContact string   `json:"preferred_contact,omitempty"` // phone, text, email, letter
	Phone            string   `json:"phone,omitempty"`
	Email            string   `json:"email,omitempty"`
	Language         string   `json:"language,omitempty"`
	Interpreter      bool     `json:"interpreter"`
	AccessNeeds      []string `json:"access_needs"`
	WhatMatters      string   `json:"what_matters,omitempty"`
}

// sharedPersonOf returns what p agreed to share, or nil.
func sharedPersonOf(p *casework.Person) *sharedPerson {
	if !p.Consent.Share {
		return nil
	}
	sp := &sharedPerson{Name: p.Name, PreferredContact: p.PreferredContact, Language: p.Language, Interpreter: p.Interpreter,
		AccessNeeds: nonNil(p.AccessNeeds), WhatMatters: p.WhatMatters.Priorities}
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
func (sp *sharedPerson) AccessLabels() []string {
	var out []string
	for _, a := range sp.AccessNeeds {
		out = append(out, directory.AccessLabel(a))
	}
	return out
}

// lines is sp as lines of plain text, for a notification.
func (sp *sharedPerson) lines() []string {
	out := []string{"Name: " + sp.Name}
	if sp.PreferredContact != "" {
		out = append(out, "Best way to get in touch: "+contactWayLabel(sp.PreferredContact))
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

// workerContact is how an organisation reaches the link worker.
type workerContact struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

// linkWorkerOf is the person's link worker, or else whoever made the
// referral.
func (s *Server) linkWorkerOf(ctx context.Context, ref *casework.Referral, p *casework.Person) (workerContact, error) {
	id := p.LinkWorker
	if id == 0 {
		id = ref.CreatedBy
	}
	u, err := s.accounts.UserByID(ctx, id)
	if directory.KindOf(err) == directory.NotFound {
		return workerContact{Name: "the link worker"}, nil
	}
	if err != nil {
		return workerContact{}, err
	}
	return workerContact{Name: firstNonEmpty(u.Name, "the link worker"), Email: u.Email}, nil
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

// inboxRows lists the organisation's referrals, those waiting for its
// answer first, each group newest first.
func (s *Server) inboxRows(ctx context.Context, orgID string) ([]*casework.Referral, error) {
	all, err := s.cases.Referrals(ctx, casework.ReferralFilter{OrganizationID: orgID})
	if err != nil {
		return nil, err
	}
	var refs []*casework.Referral
	for _, ref := range all {
		if ref.Mode == casework.ModeReferral {
			refs = append(refs, ref)
		}
	}
	sort.SliceStable(refs, func(i, j int) bool {
		return refs[i].Status == casework.RefReferred && refs[j].Status != casework.RefReferred
	})
	return refs, nil
}

func (s *Server) handleInbox(w http.ResponseWriter, r *http.Request) {
	u, err := s.inboxEditor(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	refs, err := s.inboxRows(ctx, u.OrganizationID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data := inboxPage{Organization: "your organisation"}
	if org, err := s.orgs.Organization(ctx, u.OrganizationID); err == nil {
		data.Organization = org.Name
	}
	now := s.now()
	for _, ref := range refs {
		p, err := s.cases.Person(ctx, ref.PersonID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		data.Rows = append(data.Rows, inboxRow{Referral: ref, Overdue: casework.AwaitingResponse(*ref, now, s.Holidays),
			Shared: p.Consent.Share, URL: inboxReferralURL(ref.ID)})
	}
	// The list shows no one's details, so one entry covers it.
	if err := s.audit(r, "inbox.list", "", fmt.Sprintf("%d referrals", len(refs))); err != nil {
		s.fail(w, r, err)
		return
	}
	s.privatePage(w, r, http.StatusOK, "inbox", "Referral inbox", data)
}

type inboxItemJSON struct {
	ID          string                  `json:"id"`
	ServiceID   string                  `json:"service_id"`
	ServiceName string                  `json:"service_name"`
	Status      casework.ReferralStatus `json:"status"`
	CreatedAt   string                  `json:"created_at"`
	// AwaitingResponse is whether the organisation still owes its first
	// answer; Overdue, whether for more than 10 working days.
	AwaitingResponse bool          `json:"awaiting_response"`
	Overdue          bool          `json:"overdue"`
	Person           *sharedPerson `json:"person"`
	LinkWorker       workerContact `json:"link_worker"`
}

func (s *Server) handleAPIInbox(w http.ResponseWriter, r *http.Request) {
	u, err := s.inboxEditor(r)
	if err != nil {
		s.failJSON(w, r, err)
		return
	}
	ctx := r.Context()
	refs, err := s.inboxRows(ctx, u.OrganizationID)
	if err != nil {
		s.failJSON(w, r, err)
		return
	}
	now := s.now()
	out := []inboxItemJSON{}
	for _, ref := range refs {
		p, err := s.cases.Person(ctx, ref.PersonID)
		if err != nil {
			s.failJSON(w, r, err)
			return
		}
		lw, err := s.linkWorkerOf(ctx, ref, p)
		if err != nil {
			s.failJSON(w, r, err)
			return
		}
		if err := s.audit(r, "inbox.read", p.ID, "api "+ref.ID); err != nil {
			s.failJSON(w, r, err)
			return
		}
		out = append(out, inboxItemJSON{ID: ref.ID, ServiceID: ref.ServiceID, ServiceName: ref.ServiceName, Status: ref.Status,
			CreatedAt: ref.CreatedAt.Format(time.RFC3339), AwaitingResponse: ref.Status == casework.RefReferred,
			Overdue: casework.AwaitingResponse(*ref, now, s.Holidays), Person: sharedPersonOf(p), LinkWorker: lw})
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]any{"referrals": out})
}

// handleAPIInboxStatus is POST /api/v1/referrals/{id}/status for an
// editor: the link workers' endpoint, limited to what an organisation may
// set.
func (s *Server) handleAPIInboxStatus(w http.ResponseWriter, r *http.Request) {
	ref, u, err := s.inboxReferral(r, pathVar(r, "id"))
	if err != nil {
		s.failJSON(w, r, err)
		return
	}
	var in statusInput
	if err := decodeBody(w, r, &in); err != nil {
		s.failJSON(w, r, err)
		return
	}
	if err := s.answerAsOrganisation(r, ref, u.ID, in, nil); err != nil {
		s.failJSON(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": ref.ID, "status": ref.Status})
}

// answerAsOrganisation moves ref as its organisation (user by, or 0 for
// a single-use link) and audits it. spend, when given, runs after the
// answer is checked and before it is saved, so that a refused answer
// does not use up a link.
func (s *Server) answerAsOrganisation(r *http.Request, ref *casework.Referral, by int64, in statusInput, spend func() error) error {
	to, ok := casework.ParseReferralStatus(in.Status)
	if !ok {
		return directory.Errorf(directory.Invalid, "status: %q is not a referral status", in.Status)
	}
	if err := ref.Move(to, casework.ActorOrganisation, by, in.Note, s.Now().UTC()); err != nil {
		if directory.KindOf(err) == directory.Forbidden {
			// The organisation can see this referral, so "not found" would
			// mislead: it is the status that is refused.
			return directory.Errorf(directory.Invalid, "status: %s", directory.MessageOf(err))
		}
		return err
	}
	if spend != nil {
		if err := spend(); err != nil {
			return err
		}
	}
	if err := s.cases.SaveReferralMove(r.Context(), ref); err != nil {
		return err
	}
	return s.audit(r, "referral.status", ref.PersonID, fmt.Sprintf("%s → %s by the organisation", ref.ID, to))
}

// ---- answering from a page: the inbox or a single-use link ----

// declineReasons are the reasons an organisation gives for declining;
// the link worker reads them to find the person somewhere else.
var declineReasons = []option{
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
func answerOf(f url.Values) (statusInput, answerForm, error) {
	form := answerForm{Reason: f.Get("reason"), Note: strings.TrimSpace(f.Get("note"))}
	in := statusInput{Status: f.Get("status"), Note: form.Note}
	if in.Status != string(casework.RefDeclined) {
		return in, form, nil
	}
	i := slices.IndexFunc(declineReasons, func(o option) bool { return o.Value == form.Reason })
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
	Person     *sharedPerson
	LinkWorker workerContact
	Overdue    bool
	Action     string // where the answer forms post
	Buttons    []option
	CanDecline bool
	Reasons    []option
	Form       answerForm
	Errors     []formError
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
func (s *Server) answerViewOf(ctx context.Context, ref *casework.Referral, action string, allowed []casework.ReferralStatus, form answerForm, errs []formError) (*answerView, error) {
	p, err := s.cases.Person(ctx, ref.PersonID)
	if err != nil {
		return nil, err
	}
	lw, err := s.linkWorkerOf(ctx, ref, p)
	if err != nil {
		return nil, err
	}
	v := &answerView{Ref: ref, Person: sharedPersonOf(p), LinkWorker: lw, Overdue: casework.AwaitingResponse(*ref, s.now(), s.Holidays),
		Action: action, Form: form, Errors: errs}
	for _, st := range casework.NextStatuses(ref.Status, casework.ActorOrganisation) {
		if allowed != nil && !slices.Contains(allowed, st) {
			continue
		}
		if st == casework.RefDeclined {
			v.CanDecline = true
			continue
		}
		v.Buttons = append(v.Buttons, option{Value: string(st), Label: answerButtons[st]})
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

func (s *Server) handleInboxReferral(w http.ResponseWriter, r *http.Request) {
	ref, u, err := s.inboxReferral(r, pathVar(r, "id"))
	if err == nil && r.Method == http.MethodPost {
		err = parseForm(w, r)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	status, form, errs := http.StatusOK, answerForm{}, []formError(nil)
	if r.Method == http.MethodPost {
		in, f, err := answerOf(r.PostForm)
		if err == nil {
			err = checkSeen(r.PostForm, ref)
		}
		if err == nil {
			err = s.answerAsOrganisation(r, ref, u.ID, in, nil)
		}
		if err == nil {
			seeOther(w, r, inboxReferralURL(ref.ID)+"?done="+url.QueryEscape(string(ref.Status)))
			return
		}
		if k := directory.KindOf(err); k != directory.Invalid && k != directory.Conflict {
			s.fail(w, r, err)
			return
		}
		status, form, errs = statusOf(err), f, formErrorsOf(err)
		// Show the referral as it is now, not as the refused answer left it.
		if ref, err = s.cases.Referral(r.Context(), ref.ID); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	v, err := s.answerViewOf(r.Context(), ref, inboxReferralURL(ref.ID), nil, form, errs)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data := inboxReferralPage{answerView: v}
	if st, ok := casework.ParseReferralStatus(r.URL.Query().Get("done")); ok && r.Method != http.MethodPost {
		data.Done = st.Label()
	}
	if err := s.audit(r, "inbox.read", ref.PersonID, "page "+ref.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	s.privatePage(w, r, status, "inboxreferral", errorTitle("Referral to "+ref.ServiceName, errs), data)
}

type answerPage struct {
	*answerView
	Problem string                  // why the link cannot be used
	Done    casework.ReferralStatus // the answer just saved
}

// handleAnswerLink shows (GET) and takes (POST) an answer through a
// single-use link, without a login. Looking does not use the link up;
// answering does.
func (s *Server) handleAnswerLink(w http.ResponseWriter, r *http.Request) {
	if s.orgs == nil || s.cases == nil {
		s.fail(w, r, directory.Errorf(directory.NotFound, "page not found"))
		return
	}
	ctx := r.Context()
	token := pathVar(r, "token")
	id, err := s.orgs.PeekToken(ctx, answerPurpose, token)
	if err != nil {
		s.answerLinkFailed(w, r, err)
		return
	}
	ref, err := s.cases.Referral(ctx, id)
	if err == nil && r.Method == http.MethodPost {
		err = parseForm(w, r)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	action := "/answer/" + pathEscape(token)
	links := []casework.ReferralStatus{casework.RefAccepted, casework.RefDeclined}
	status, form, errs := http.StatusOK, answerForm{}, []formError(nil)
	if r.Method == http.MethodPost {
		in, f, err := answerOf(r.PostForm)
		if err == nil && !slices.Contains(links, casework.ReferralStatus(in.Status)) {
			err = directory.Errorf(directory.Invalid, "status: this link can only accept or decline; log in to record anything else")
		}
		if err == nil {
			err = checkSeen(r.PostForm, ref)
		}
		if err == nil {
			err = s.answerAsOrganisation(r, ref, 0, in, func() error {
				_, err := s.orgs.UseToken(ctx, answerPurpose, token)
				return err
			})
		}
		if err == nil {
			v, err := s.answerViewOf(ctx, ref, action, links, answerForm{}, nil)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			s.privatePage(w, r, http.StatusOK, "answer", "Thank you", answerPage{answerView: v, Done: ref.Status})
			return
		}
		if k := directory.KindOf(err); k != directory.Invalid && k != directory.Conflict {
			s.fail(w, r, err)
			return
		}
		status, form, errs = statusOf(err), f, formErrorsOf(err)
		if ref, err = s.cases.Referral(ctx, ref.ID); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	v, err := s.answerViewOf(ctx, ref, action, links, form, errs)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.audit(r, "inbox.read", ref.PersonID, "link "+ref.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	s.privatePage(w, r, status, "answer", errorTitle("Referral to "+ref.ServiceName, errs), answerPage{answerView: v})
}

// answerLinkFailed explains a link that is unknown (404), used or
// expired (409), and what to do instead.
func (s *Server) answerLinkFailed(w http.ResponseWriter, r *http.Request, err error) {
	k := directory.KindOf(err)
	if k != directory.NotFound && k != directory.Conflict {
		s.fail(w, r, err)
		return
	}
	s.privatePage(w, r, statusOf(err), "answer", "This link cannot be used", answerPage{answerView: &answerView{}, Problem: directory.MessageOf(err)})
}

// ---- notifications ----

// notifyReferral tells the organisation of a new referral. Failures are
// logged, not returned: the referral is made and recorded either way,
// the link worker sees it waiting, and the reminder sweep tries again.
func (s *Server) notifyReferral(r *http.Request, ref *casework.Referral, p *casework.Person) {
	n, err := s.sendReferral(r.Context(), ref, p, referralKind)
	if err != nil {
		s.log.ErrorContext(r.Context(), "could not notify the organisation of a referral", "sent", n, "err", err)
	}
	if n > 0 {
		if err := s.audit(r, "referral.notify", p.ID, fmt.Sprintf("%s to %s", ref.ID, pluralise(n, "address", "addresses"))); err != nil {
			s.log.ErrorContext(r.Context(), "could not audit a referral notification", "err", err)
		}
	}
}

// sendReferral sends one message about ref of the given kind to the
// organisation's directory email and to each of its editors, each with
// its own answer link, and returns how many went. One address failing
// does not stop the others. It sends nothing when notifications are off
// or the service has no organisation.
func (s *Server) sendReferral(ctx context.Context, ref *casework.Referral, p *casework.Person, kind string) (int, error) {
	if s.notifier == nil || s.orgs == nil || ref.OrganizationID == "" {
		return 0, nil
	}
	to, err := s.recipients(ctx, ref.OrganizationID)
	if err != nil || len(to) == 0 {
		return 0, err
	}
	lw, err := s.linkWorkerOf(ctx, ref, p)
	if err != nil {
		return 0, err
	}
	expires := s.Now().Add(answerLinkDays * 24 * time.Hour)
	sent := 0
	var errs []error
	for _, addr := range to {
		token, err := s.orgs.CreateToken(ctx, answerPurpose, ref.ID, expires)
		if err != nil {
			return sent, errors.Join(append(errs, err)...)
		}
		m := notify.Message{To: addr, Kind: kind, About: ref.ID,
			Subject: "New referral to " + ref.ServiceName,
			Body:    s.referralBody(ref, sharedPersonOf(p), lw, kind, token, expires)}
		if kind == reminderKind {
			m.Subject = "Reminder: a referral to " + ref.ServiceName + " is waiting for your answer"
		}
		if err := s.notifier.Notify(ctx, m); err != nil {
			errs = append(errs, err)
			continue
		}
		sent++
	}
	return sent, errors.Join(errs...)
}

// recipients are the organisation's directory email and its editors'
// emails, each once.
func (s *Server) recipients(ctx context.Context, orgID string) ([]string, error) {
	var to []string
	add := func(addr string) {
		addr = strings.TrimSpace(addr)
		if addr != "" && !slices.ContainsFunc(to, func(a string) bool { return strings.EqualFold(a, addr) }) {
			to = append(to, addr)
		}
	}
	org, err := s.orgs.Organization(ctx, orgID)
	switch {
	case err == nil:
		add(org.Email)
	case directory.KindOf(err) != directory.NotFound:
		return nil, err
	}
	editors, err := s.orgs.OrganizationEditors(ctx, orgID)
	if err != nil {
		return nil, err
	}
	for _, e := range editors {
		add(e.Email)
	}
	return to, nil
}

// referralBody is a notification's text: only what the person agreed to
// share, the link worker, and the links.
func (s *Server) referralBody(ref *casework.Referral, sp *sharedPerson, lw workerContact, kind, token string, expires time.Time) string {
	var b strings.Builder
	created := ref.CreatedAt.In(s.zone).Format("2 January 2006")
	if kind == reminderKind {
		fmt.Fprintf(&b, "A referral to %s, made on %s, is still waiting for your answer. Please accept or decline it, so that the link worker can find the person something else if need be.\n\n", ref.ServiceName, created)
	} else {
		fmt.Fprintf(&b, "A social prescribing link worker has referred someone to %s (on %s).\n\n", ref.ServiceName, created)
	}
	if sp != nil {
		b.WriteString("About them, shared with their agreement (please keep it safe and use it only to arrange their place):\n")
		for _, l := range sp.lines() {
			b.WriteString("  " + l + "\n")
		}
	} else {
		b.WriteString("They did not agree to share their details with you. To arrange their place, please contact the link worker.\n")
	}
	fmt.Fprintf(&b, "\nLink worker: %s", lw.Name)
	if lw.Email != "" {
		fmt.Fprintf(&b, ", %s", lw.Email)
	}
	fmt.Fprintf(&b, "\n\nTo accept or decline, open this link. No login is needed; it works once, until %s:\n%s\n",
		expires.In(s.zone).Format("2 January 2006"), s.baseURL+"/answer/"+url.PathEscape(token))
	fmt.Fprintf(&b, "\nIf you have a Linkway login, your referral inbox is at %s\n", s.baseURL+"/org/inbox")
	return b.String()
}

// SendReferralReminders reminds organisations of each referral still
// waiting for their first answer after [casework.AwaitingResponseDays]
// working days, once per referral, with fresh answer links. The link
// worker's dashboard flags the same referrals. It does nothing until
// casework and organisations are enabled; run it every hour or so.
func (s *Server) SendReferralReminders(ctx context.Context) error {
	if s.orgs == nil || s.cases == nil || s.notifier == nil {
		return nil
	}
	refs, err := s.orgs.UnansweredReferrals(ctx)
	if err != nil {
		return err
	}
	now := s.now()
	var errs []error
	for _, ref := range refs {
		if !casework.AwaitingResponse(*ref, now, s.Holidays) {
			continue
		}
		// One reminder per referral; one the mail server refused for every
		// address is tried again at the next sweep.
		last, err := s.orgs.LastNotified(ctx, reminderKind, ref.ID)
		if err != nil || !last.IsZero() {
			errs = append(errs, err)
			continue
		}
		p, err := s.cases.Person(ctx, ref.PersonID)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		n, err := s.sendReferral(ctx, ref, p, reminderKind)
		errs = append(errs, err)
		if n > 0 {
			errs = append(errs, s.auditAs(ctx, casework.AuditEntry{At: s.Now(), Action: "referral.remind", PersonID: p.ID,
				Detail: fmt.Sprintf("%s to %s", ref.ID, pluralise(n, "address", "addresses"))}))
		}
	}
	return errors.Join(errs...)
}

// ---- responsiveness ----

// responsiveness is how an organisation answers the referrals made to
// one of its services, for link workers choosing where to refer.
type responsiveness struct {
	Counted    int // referrals it has had the time to answer
	Answered   int
	Accepted   int
	MedianDays int // from referral to first answer, rounded up
}

// orgAnswers are the statuses that answer a referral.
var orgAnswers = []casework.ReferralStatus{casework.RefAccepted, casework.RefDeclined, casework.RefWaitingList}

// responsivenessOf sums up referrals to one service as of now. A
// referral counts once answered, or once its wait passes
// [casework.AwaitingResponseDays] working days unanswered; one still
// within its time, or withdrawn before any answer, says nothing about
// the organisation.
func responsivenessOf(refs []*casework.Referral, now time.Time, holidays map[string]bool) responsiveness {
	var res responsiveness
	var days []float64
	for _, ref := range refs {
		if ref.Mode != casework.ModeReferral {
			continue
		}
		i := slices.IndexFunc(ref.History, func(e casework.ReferralEvent) bool { return slices.Contains(orgAnswers, e.To) })
		switch {
		case i >= 0:
			res.Counted++
			res.Answered++
			days = append(days, ref.History[i].At.Sub(ref.CreatedAt).Hours()/24)
		case casework.AwaitingResponse(*ref, now, holidays):
			res.Counted++
		}
		if slices.ContainsFunc(ref.History, func(e casework.ReferralEvent) bool { return e.To == casework.RefAccepted }) {
			res.Accepted++
		}
	}
	if n := len(days); n > 0 {
		sort.Float64s(days)
		median := days[n/2]
		if n%2 == 0 {
			median = (days[n/2-1] + days[n/2]) / 2
		}
		res.MedianDays = max(1, int(math.Ceil(median)))
	}
	return res
}

// Text says it in a sentence, or "" when there are too few referrals
// ([casework.SmallNumber]) to say anything fair.
func (res responsiveness) Text() string {
	switch {
	case res.Counted < casework.SmallNumber:
		return ""
	case res.Answered == 0:
		return fmt.Sprintf("No answer yet to any of %d referrals.", res.Counted)
	}
	return fmt.Sprintf("Usually replies within %s; %d of %d referrals accepted.", pluralise(res.MedianDays, "day", "days"), res.Accepted, res.Counted)
}

// responsivenessFor is the responsiveness sentence for a service, for a
// logged-in link worker only; "" for anyone else or too few referrals.
func (s *Server) responsivenessFor(r *http.Request, serviceID string) (string, error) {
	if s.orgs == nil {
		return "", nil
	}
	if _, err := s.caseworker(r); err != nil {
		return "", nil
	}
	refs, err := s.orgs.ReferralsToServices(r.Context(), []string{serviceID})
	if err != nil {
		return "", err
	}
	return responsivenessOf(refs, s.now(), s.Holidays).Text(), nil
}
