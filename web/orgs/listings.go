package orgs

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/hsds"
	"github.com/linkway/linkway/web/core"
)

// Listings: organisation editors keep their own listings up to date;
// admins moderate the changes and keep every published version
// (web/admin).
//
// An editor's change goes to the review queue unless their organisation
// is trusted. The quick actions ("still correct", "temporarily closed",
// capacity) publish at once, without review: they are facts about today,
// and a group with a waiting list cannot wait for an admin to say so.
// Everything published goes through the store's change log, so search
// shows it within a second.

func notFoundListing() error {
	return directory.Errorf(directory.NotFound, "no listing of yours has this id")
}

// listingFor returns the listing with id if the user may change it: an
// editor their own organisation's, an admin (when admins is set) any.
// Everything else, including a listing that exists elsewhere, is not
// found, so editors cannot learn what other organisations have.
func (h *Handler) listingFor(r *http.Request, id string, admins bool) (*directory.Service, *casework.User, error) {
	u := core.CurrentUser(r)
	if u == nil {
		return nil, nil, notFoundListing()
	}
	if u.Role != casework.RoleEditor && !(admins && u.Role == casework.RoleAdmin) {
		return nil, nil, notFoundListing()
	}
	svc, err := h.store.Service(r.Context(), id)
	if err != nil {
		if directory.KindOf(err) == directory.NotFound {
			err = notFoundListing()
		}
		return nil, nil, err
	}
	if u.Role == casework.RoleEditor && (svc.Organization == nil || u.OrganizationID == "" || svc.Organization.ID != u.OrganizationID) {
		return nil, nil, notFoundListing()
	}
	return svc, u, nil
}

// today is the date where the listings are, as a date.
func (h *Handler) today() time.Time { return directory.Day(h.site.LocalNow()) }

// sameContent reports whether two versions of a listing say the same,
// leaving aside bookkeeping (when it was verified or changed), how its
// shared parts are named elsewhere, and its kinds of support, which the
// store gives (editors do not send them).
func sameContent(a, b *directory.Service) bool {
	norm := func(s *directory.Service) string {
		c := cloneService(s)
		c.LastVerified, c.VerifiedBy, c.LastModified, c.Organization = time.Time{}, "", time.Time{}, nil
		c.Kinds = nil
		for i := range c.Terms {
			c.Terms[i] = directory.Term{ID: c.Terms[i].ID}
		}
		out, _ := json.Marshal(c)
		return string(out)
	}
	return norm(a) == norm(b)
}

// saveResult is what became of a change.
type saveResult struct {
	Done     string // "published", "review" or "unchanged"
	ReviewID int64
}

// saveListing publishes proposed at once (publish) or sends it for
// review, audited either way. start is what the editor started from: a
// change that leaves it as it was is not a change.
func (h *Handler) saveListing(r *http.Request, u *casework.User, start, proposed *directory.Service, publish bool) (saveResult, error) {
	if sameContent(start, proposed) {
		return saveResult{Done: "unchanged"}, nil
	}
	if u.Role == casework.RoleEditor {
		// The organisation has just looked the listing over.
		proposed.LastVerified, proposed.VerifiedBy = h.today(), u.Email
	}
	ctx := r.Context()
	if publish {
		v, err := h.store.Publish(ctx, proposed, u.ID, "Changed by "+string(u.Role))
		if err != nil {
			return saveResult{}, err
		}
		if err := h.site.Audit(r, "listing.publish", "", fmt.Sprintf("service %s version %d", proposed.ID, v)); err != nil {
			return saveResult{}, err
		}
		// A change still waiting for this listing is out of date now:
		// approving it later would quietly undo this one.
		pending, err := h.store.Reviews(ctx, directory.ReviewPending, proposed.OrganizationID())
		if err != nil {
			return saveResult{}, err
		}
		for _, rv := range pending {
			if rv.ServiceID != proposed.ID {
				continue
			}
			if err := h.store.RejectReview(ctx, rv.ID, u.ID, "Replaced by a change published since."); err != nil && directory.KindOf(err) != directory.Conflict {
				return saveResult{}, err
			}
		}
		return saveResult{Done: "published"}, nil
	}
	id, err := h.store.SubmitReview(ctx, proposed, u.ID)
	if err != nil {
		return saveResult{}, err
	}
	return saveResult{Done: "review", ReviewID: id}, h.site.Audit(r, "listing.submit", "", fmt.Sprintf("service %s review %d", proposed.ID, id))
}

// publishesAtOnce says whether u's changes skip review: admins' do, and
// trusted organisations' editors'.
func (h *Handler) publishesAtOnce(ctx context.Context, u *casework.User) (bool, error) {
	if u.Role == casework.RoleAdmin {
		return true, nil
	}
	return h.store.IsTrusted(ctx, u.OrganizationID)
}

// ---- the editor's listings ----

type orgHomePage struct {
	Org      *directory.Organization
	Trusted  bool
	Done     string
	Listings []listingRow
	Errors   []core.FormError
	// ReopenHint gives an example reopening date, next year's so it is one
	// an editor could choose.
	ReopenHint string
}

// listingRow is one listing on the editor's page with its quick actions.
type listingRow struct {
	Index    int
	S        *directory.Service
	Public   string // the public page
	Base     string // /org/services/{id}
	Verified string
	Stale    bool
	Status   string
	Taking   string
	Pending  *directory.Review
	Rejected *directory.Review
	// The quick-action forms, as sent or as typed.
	Closed        bool
	Reopen        core.DateField
	ReopenID      string // the reopening date's day box; its other boxes add -month and -year
	Capacity      []core.Option
	WaitDays      string
	WaitError     string
	CapacityError string
}

var doneMessages = map[string]string{
	"published": "Your changes are published. Search shows them straight away.",
	"review":    "Your changes were sent for review. An admin will check them; this page shows when they are published, or why not.",
	"unchanged": "Nothing was changed.",
	"verified":  "Thank you: the listing now says it was checked today.",
	"status":    "The listing now says whether it is open.",
	"capacity":  "The listing now says whether you are taking new people.",
}

// quickInput is what was typed into one listing's quick-action form that
// failed, to show again with its error.
type quickInput struct {
	ServiceID      string
	Field, Message string
	Reopen         core.DateField
	Accepting      string
	WaitDays       string
}

func (h *Handler) handleOrgHome(w http.ResponseWriter, r *http.Request) {
	h.showOrgHome(w, r, http.StatusOK, nil)
}

func (h *Handler) showOrgHome(w http.ResponseWriter, r *http.Request, status int, bad *quickInput) {
	u := core.CurrentUser(r)
	if u == nil || u.Role != casework.RoleEditor {
		h.site.Fail(w, r, directory.Errorf(directory.NotFound, "page not found"))
		return
	}
	ctx := r.Context()
	org, err := h.store.Organization(ctx, u.OrganizationID)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	list, err := h.store.OrganizationServices(ctx, org.ID)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	reviews, err := h.store.Reviews(ctx, "", org.ID)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	latest := map[string]*directory.Review{}
	for i := range reviews {
		latest[reviews[i].ServiceID] = &reviews[i] // oldest first, so the last wins
	}
	data := orgHomePage{Org: org, Done: doneMessages[r.URL.Query().Get("done")]}
	if data.Trusted, err = h.store.IsTrusted(ctx, org.ID); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	now := h.site.LocalNow()
	data.ReopenHint = fmt.Sprintf("For example, 27 3 %d", now.Year()+1)
	for i, svc := range list {
		row := listingRow{Index: i, S: svc, Public: core.ServiceURL(svc.ID), Base: "/org/services/" + core.PathEscape(svc.ID), ReopenID: fmt.Sprintf("reopen-%d", i),
			Status: statusWords(svc), Taking: takingWords(svc), Closed: svc.Status == directory.StatusTemporarilyClosed}
		switch m := svc.VerifiedMonthsAgo(now); {
		case m < 0:
			row.Verified, row.Stale = "Never checked", true
		case m == 0:
			row.Verified = "Checked on " + svc.LastVerified.Format("2 January 2006")
		default:
			row.Verified, row.Stale = fmt.Sprintf("Checked %s ago, on %s", core.Pluralise(m, "month", "months"), svc.LastVerified.Format("2 January 2006")), m >= 6
		}
		if t, ok := reopeningOf(svc.Alert); ok {
			row.Reopen = core.DateFieldOf(t)
		}
		accepting := string(svc.Accepting)
		if svc.TypicalWaitDays > 0 {
			row.WaitDays = strconv.Itoa(svc.TypicalWaitDays)
		}
		if bad != nil && bad.ServiceID == svc.ID {
			accepting, row.WaitDays = bad.Accepting, bad.WaitDays
			if core.DateOwner(bad.Field) == "reopen" {
				row.Reopen = bad.Reopen
			}
			switch bad.Field {
			case "wait_days":
				row.WaitError = bad.Message
			case "accepting":
				row.CapacityError = bad.Message
			}
			// The page has one form per listing, so a field's id carries the
			// listing's index, before a date box's -month or -year.
			base := core.DateOwner(bad.Field)
			data.Errors = []core.FormError{{Field: fmt.Sprintf("%s-%d%s", base, i, strings.TrimPrefix(bad.Field, base)), Message: bad.Message}}
		}
		if accepting == "" {
			accepting = string(directory.CapacityOpen)
		}
		for _, o := range capacityOptions {
			o.Selected = o.Value == accepting
			row.Capacity = append(row.Capacity, o)
		}
		if rv := latest[svc.ID]; rv != nil {
			switch rv.Status {
			case directory.ReviewPending:
				row.Pending = rv
			case directory.ReviewRejected:
				row.Rejected = rv
			}
		}
		data.Listings = append(data.Listings, row)
	}
	h.site.RenderPrivate(w, r, status, "orghome", core.ErrorTitle("Your listings", data.Errors), data)
}

func statusWords(svc *directory.Service) string {
	switch svc.Status {
	case directory.StatusActive:
		return "Open"
	case directory.StatusTemporarilyClosed:
		if t, ok := reopeningOf(svc.Alert); ok {
			return "Temporarily closed, reopening on " + t.Format("2 January 2006")
		}
		return "Temporarily closed"
	case directory.StatusInactive:
		return "Not running (hidden from residents)"
	case directory.StatusDefunct:
		return "Closed for good (hidden from residents)"
	}
	return string(svc.Status)
}

func takingWords(svc *directory.Service) string {
	switch svc.Accepting {
	case directory.CapacityWaitingList:
		if svc.TypicalWaitDays > 0 {
			return fmt.Sprintf("Waiting list (typical wait %s)", core.Pluralise(svc.TypicalWaitDays, "day", "days"))
		}
		return "Waiting list"
	case directory.CapacityFull:
		return "Full"
	}
	return "Taking new people"
}

// editStart is what the edit form starts from: the change still waiting
// for review, if there is one (so nothing sent is lost), or the listing.
func (h *Handler) editStart(ctx context.Context, svc *directory.Service) (*directory.Service, *directory.Review, error) {
	pending, err := h.store.Reviews(ctx, directory.ReviewPending, svc.OrganizationID())
	if err != nil {
		return nil, nil, err
	}
	for i := len(pending) - 1; i >= 0; i-- {
		if pending[i].ServiceID == svc.ID {
			return pending[i].Proposed, &pending[i], nil
		}
	}
	return svc, nil, nil
}

func (h *Handler) handleListingEdit(w http.ResponseWriter, r *http.Request) {
	svc, u, err := h.listingFor(r, core.PathVar(r, "id"), false)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	ctx := r.Context()
	start, pending, err := h.editStart(ctx, svc)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	publish, err := h.publishesAtOnce(ctx, u)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	data := serviceFormPage{Action: "/org/services/" + core.PathEscape(svc.ID) + "/edit", Service: svc, Form: serviceFormOf(start), Pending: pending, Trusted: publish}
	status := http.StatusOK
	if r.Method == http.MethodPost {
		if err := core.ParseForm(w, r); err != nil {
			h.site.Fail(w, r, err)
			return
		}
		data.Form = serviceFormFrom(r)
		proposed, errs := data.Form.apply(start, h.places)
		if errs == nil {
			res, err := h.saveListing(r, u, start, proposed, publish)
			if err == nil {
				core.SeeOther(w, r, "/org?done="+res.Done)
				return
			}
			if directory.KindOf(err) != directory.Invalid {
				h.site.Fail(w, r, err)
				return
			}
			errs = listingErrorsOf(err)
		}
		status, data.Errors = http.StatusBadRequest, errs
	}
	data.fill()
	h.site.RenderPrivate(w, r, status, "serviceform", core.ErrorTitle("Change "+svc.Name, data.Errors), data)
}

// ---- quick actions ----

func (h *Handler) handleListingVerify(w http.ResponseWriter, r *http.Request) {
	if _, err := h.verifyListing(r, false); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	core.SeeOther(w, r, "/org?done=verified")
}

// postedListing loads the listing named in the path for a quick change
// and reads the posted form, showing the error page itself and answering
// false when either fails.
func (h *Handler) postedListing(w http.ResponseWriter, r *http.Request) (*directory.Service, *casework.User, bool) {
	svc, u, err := h.listingFor(r, core.PathVar(r, "id"), false)
	if err == nil {
		err = core.ParseForm(w, r)
	}
	if err != nil {
		h.site.Fail(w, r, err)
		return nil, nil, false
	}
	return svc, u, true
}

func (h *Handler) handleListingStatus(w http.ResponseWriter, r *http.Request) {
	svc, u, ok := h.postedListing(w, r)
	if !ok {
		return
	}
	if !svc.Listed() {
		// Bringing back a listing that has stopped is a change to check.
		h.site.Fail(w, r, directory.Errorf(directory.Conflict, "this listing is not running; ask an admin to bring it back"))
		return
	}
	f := r.PostForm
	changed := cloneService(svc)
	var note string
	switch f.Get("status") {
	case "closed":
		typed, reopen, err := core.FormDate(r, "reopen")
		bad := quickInput{ServiceID: svc.ID, Field: "reopen", Reopen: typed, Accepting: string(svc.Accepting)}
		switch {
		case err != nil:
			fe := core.FormErrorsOf(err)[0]
			bad.Field, bad.Message = fe.Field, fe.Message
		case reopen.IsZero():
			bad.Message = "Enter the date you expect to reopen"
		case !reopen.After(h.today()):
			bad.Message = "Reopening date must be after today"
		}
		if bad.Message != "" {
			h.showOrgHome(w, r, http.StatusBadRequest, &bad)
			return
		}
		changed.Status, changed.Alert = directory.StatusTemporarilyClosed, closureAlert(reopen)
		note = "Temporarily closed until " + reopen.Format("2 January 2006")
	case "open":
		changed.Status = directory.StatusActive
		if strings.HasPrefix(changed.Alert, closureNotice) {
			changed.Alert = ""
		}
		note = "Open again"
	default:
		h.site.Fail(w, r, directory.Errorf(directory.Invalid, "status: choose open or temporarily closed"))
		return
	}
	h.quickPublish(w, r, u, changed, note, "status")
}

func (h *Handler) handleListingCapacity(w http.ResponseWriter, r *http.Request) {
	svc, u, ok := h.postedListing(w, r)
	if !ok {
		return
	}
	f := r.PostForm
	var errs formProblems
	accepting, wait := capacityOf(&errs, strings.TrimSpace(f.Get("accepting")), strings.TrimSpace(f.Get("wait_days")))
	if len(errs) > 0 {
		h.showOrgHome(w, r, http.StatusBadRequest, &quickInput{ServiceID: svc.ID, Field: errs[0].Field, Message: errs[0].Message,
			Accepting: f.Get("accepting"), WaitDays: f.Get("wait_days")})
		return
	}
	changed := cloneService(svc)
	changed.Accepting, changed.TypicalWaitDays = accepting, wait
	h.quickPublish(w, r, u, changed, "Taking new people: "+strings.ToLower(takingWords(changed)), "capacity")
}

// quickPublish publishes a quick action's change without review.
func (h *Handler) quickPublish(w http.ResponseWriter, r *http.Request, u *casework.User, changed *directory.Service, note, done string) {
	v, err := h.store.Publish(r.Context(), changed, u.ID, note)
	if err == nil {
		err = h.site.Audit(r, "listing."+done, "", fmt.Sprintf("service %s version %d", changed.ID, v))
	}
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	core.SeeOther(w, r, "/org?done="+done)
}

// ---- the review queue ----

// ---- history ----

// ---- JSON API ----

// maxListingBody bounds a listing sent to the API: a service with many
// places and sessions fits many times over.
const maxListingBody = 1 << 20

// decodeListing reads one HSDS 3.0 service object, the shape the importer
// reads and the export writes, as the new version of current. The
// listing stays with its organisation, and kinds of support must be ones
// Linkway knows.
func (h *Handler) decodeListing(w http.ResponseWriter, r *http.Request, current *directory.Service) (*directory.Service, error) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxListingBody))
	if err != nil {
		return nil, directory.Errorf(directory.Invalid, "the request body is too large or could not be read")
	}
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(body, &probe); err != nil {
		return nil, directory.Errorf(directory.Invalid, "the request body must be one HSDS 3.0 service object")
	}
	for _, f := range []string{"id", "name"} {
		if _, ok := probe[f]; !ok {
			return nil, directory.Errorf(directory.Invalid, "field %q: is required", f)
		}
	}
	rd := hsds.NewReader(bytes.NewReader(body))
	rec, err := rd.Next()
	if err != nil {
		return nil, err
	}
	if rec.Err != nil {
		return nil, directory.Errorf(directory.Invalid, "%s", strings.TrimPrefix(directory.MessageOf(rec.Err), rec.Label()+": "))
	}
	// An import reads what it can of a feed and reports the rest; one
	// listing sent here is the client's to put right, so a value the
	// reader had to guess at or drop is refused, naming the field.
	for _, is := range rec.Issues {
		if is.Value == "" {
			return nil, directory.Errorf(directory.Invalid, "field %q: missing (%s)", is.Field, is.Action)
		}
		return nil, directory.Errorf(directory.Invalid, "field %q: %q is not as HSDS 3.0 writes it (%s)", is.Field, is.Value, is.Action)
	}
	// After the service the reader may add one record about the document
	// as a whole, listing standard fields Linkway does not keep: those are
	// valid HSDS, so they are left out rather than refused.
	for {
		next, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil || next.Index != 0 || next.Service != nil || next.Organization != nil || next.Location != nil || len(next.Terms) > 0 {
			return nil, directory.Errorf(directory.Invalid, "send one service object")
		}
	}
	svc := rec.Service
	if svc.ID != current.ID {
		return nil, directory.Errorf(directory.Invalid, "field \"id\": must be %q, the listing in the address", current.ID)
	}
	if svc.Organization != nil && current.Organization != nil && svc.Organization.ID != current.Organization.ID {
		return nil, directory.Errorf(directory.Invalid, "field \"organization.id\": must be %q: a listing stays with its organisation", current.Organization.ID)
	}
	svc.Organization = current.Organization
	known, err := h.store.TaxonomyTerms(r.Context())
	if err != nil {
		return nil, err
	}
	for i, t := range svc.Terms {
		found := false
		for _, k := range known {
			found = found || k.ID == t.ID
		}
		if !found {
			return nil, directory.Errorf(directory.Invalid, "field \"attributes[%d].taxonomy_term.id\": %q is not a kind of support Linkway knows", i, t.ID)
		}
		svc.Terms[i] = directory.Term{ID: t.ID}
	}
	for i := range svc.Locations {
		l := &svc.Locations[i].Location
		pc := strings.TrimSpace(l.Address().PostalCode)
		if l.Point != nil || l.Type == directory.Virtual || pc == "" {
			continue
		}
		place, err := h.places.Lookup(pc)
		if err != nil {
			return nil, directory.Errorf(directory.Invalid, "field \"service_at_locations[%d].location.addresses.postal_code\": %s", i, directory.MessageOf(err))
		}
		pt := place.Point
		l.Point = &pt
	}
	// When it was last checked is not the client's to say: saving checks
	// it (see saveListing), and an admin's edit keeps the last check.
	svc.LastVerified, svc.VerifiedBy = current.LastVerified, current.VerifiedBy
	return svc, nil
}

func (h *Handler) handleAPIServicePut(w http.ResponseWriter, r *http.Request) {
	current, u, err := h.listingFor(r, core.PathVar(r, "id"), true)
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	proposed, err := h.decodeListing(w, r, current)
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	publish, err := h.publishesAtOnce(r.Context(), u)
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	res, err := h.saveListing(r, u, current, proposed, publish)
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	switch res.Done {
	case "review":
		core.WriteJSON(w, http.StatusAccepted, struct {
			ReviewID int64  `json:"review_id"`
			Status   string `json:"status"`
		}{res.ReviewID, "pending"})
	default:
		core.WriteJSON(w, http.StatusOK, map[string]string{"status": res.Done})
	}
}

// verifyListing records "still correct" for the listing in the path, by
// the user, for the page or (api) the JSON API, and audits it.
func (h *Handler) verifyListing(r *http.Request, api bool) (*directory.Service, error) {
	svc, u, err := h.listingFor(r, core.PathVar(r, "id"), api)
	if err != nil {
		return nil, err
	}
	if svc, err = h.store.VerifyService(r.Context(), svc.ID, u.Email, h.today()); err != nil {
		return nil, err
	}
	return svc, h.site.Audit(r, "listing.verify", "", "service "+svc.ID)
}

func (h *Handler) handleAPIServiceVerify(w http.ResponseWriter, r *http.Request) {
	svc, err := h.verifyListing(r, true)
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	core.WriteJSON(w, http.StatusOK, map[string]string{"last_verified": svc.LastVerified.Format(time.DateOnly)})
}
