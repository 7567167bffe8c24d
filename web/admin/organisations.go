package admin

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/web/core"
)

// Organisations: admins see every organisation with its listings,
// editors and trust, mark it trusted (its editors publish without
// review), and invite editors by a single-use link.

// orgsPageSize is how many organisations a page of the list shows.
const orgsPageSize = 25

type organisationsPage struct {
	Query    string // the name searched for, "" for all
	Rows     []orgRow
	Pager    pager
	Here     string // this page of the list, to come back to after a change
	Form     inviteForm
	OrgField orgNameField // the invitation form's organisation
	Errors   []core.FormError
	// After an invitation: who was invited, and the link, shown this once
	// for groups that do not read mail.
	Invited  string
	Link     string
	SendFail bool
}

type orgRow struct {
	ID, Name string
	TrustURL string
	Listings int
	Editors  []string
	Trusted  bool
}

type inviteForm struct {
	Organization, Email, Name string
}

func (h *Handler) handleOrganisations(w http.ResponseWriter, r *http.Request) {
	h.showOrganisations(w, r, http.StatusOK, organisationsPage{})
}

// showOrganisations shows the page of organisations the query asks for
// (q, a name to search for, and page), with data's form and messages.
func (h *Handler) showOrganisations(w http.ResponseWriter, r *http.Request, status int, data organisationsPage) {
	ctx := r.Context()
	q := r.URL.Query()
	data.Query = strings.TrimSpace(q.Get("q"))
	page, err := pageOf(q)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	f := directory.OrganizationFilter{Name: data.Query, Limit: orgsPageSize, Offset: (page - 1) * orgsPageSize}
	orgs, total, err := h.store.FindOrganizations(ctx, f)
	if err == nil && len(orgs) == 0 && total > 0 {
		// Past the last page: show the last page.
		page = (total + orgsPageSize - 1) / orgsPageSize
		f.Offset = (page - 1) * orgsPageSize
		orgs, total, err = h.store.FindOrganizations(ctx, f)
	}
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	keep := url.Values{}
	if data.Query != "" {
		keep.Set("q", data.Query)
	}
	data.Pager = newPager("/admin/organisations", keep, page, orgsPageSize, total)
	data.Here = data.Pager.here
	if data.Rows, err = h.orgRows(r, orgs); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	if data.OrgField, err = h.orgNameField(ctx, "Organisation", data.Form.Organization, data.Errors); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	h.site.RenderPrivate(w, r, status, "organisations", core.ErrorTitle("Organisations", data.Errors), data)
}

// orgRows adds to each organisation of a page its listings, editors and
// trust.
func (h *Handler) orgRows(r *http.Request, orgs []directory.Organization) ([]orgRow, error) {
	ctx := r.Context()
	counts, err := h.store.OrganizationServiceCounts(ctx)
	if err != nil {
		return nil, err
	}
	users, err := h.store.Users(ctx)
	if err != nil {
		return nil, err
	}
	editors := map[string][]string{}
	for _, u := range users {
		if u.Role == casework.RoleEditor {
			who := directory.FirstNonBlank(u.Name, u.Email)
			if u.Disabled {
				who += " (access off)"
			}
			editors[u.OrganizationID] = append(editors[u.OrganizationID], who)
		}
	}
	var rows []orgRow
	for _, o := range orgs {
		trusted, err := h.store.IsTrusted(ctx, o.ID)
		if err != nil {
			return nil, err
		}
		rows = append(rows, orgRow{ID: o.ID, Name: o.Name, TrustURL: "/admin/organisations/" + core.PathEscape(o.ID) + "/trusted", Listings: counts[o.ID], Editors: editors[o.ID], Trusted: trusted})
	}
	return rows, nil
}

// handleTrusted marks an organisation trusted (its editors publish
// without review) or not.
func (h *Handler) handleTrusted(w http.ResponseWriter, r *http.Request) {
	if err := core.ParseForm(w, r); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	id, trusted := core.PathVar(r, "id"), r.PostForm.Get("trusted") == "true"
	if err := h.store.SetTrusted(r.Context(), id, trusted); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	if err := h.site.Audit(r, "organisation.trust", "", fmt.Sprintf("organisation %s trusted=%t", id, trusted)); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	back := "/admin/organisations"
	if from := r.PostForm.Get("from"); strings.HasPrefix(from, "/admin/organisations?") {
		back = from // the page of the list the admin was on
	}
	core.SeeOther(w, r, back)
}

func (h *Handler) handleInviteSend(w http.ResponseWriter, r *http.Request) {
	if err := core.ParseForm(w, r); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	f := inviteForm{Organization: r.PostForm.Get("organization"), Email: strings.TrimSpace(r.PostForm.Get("email")), Name: strings.TrimSpace(r.PostForm.Get("name"))}
	data := organisationsPage{Form: f}
	var errs []core.FormError
	org, problem, err := h.organisationNamed(r.Context(), f.Organization)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	if problem != "" {
		errs = append(errs, core.FormError{Field: "organization", Message: problem})
	}
	if msg := emailProblem(f.Email); msg != "" {
		errs = append(errs, core.FormError{Field: "email", Message: msg})
	} else if taken, err := h.invites.EmailTaken(r.Context(), f.Email); err != nil {
		h.site.Fail(w, r, err)
		return
	} else if taken {
		errs = append(errs, core.FormError{Field: "email", Message: "Someone already has an account with this email address"})
	}
	if len(errs) > 0 {
		data.Errors = errs
		h.showOrganisations(w, r, http.StatusBadRequest, data)
		return
	}
	link, sendErr, err := h.invites.Invite(r.Context(), org, f.Email, f.Name)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	if err := h.site.Audit(r, "editor.invite", "", "organisation "+org.ID); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	data = organisationsPage{Invited: f.Email, Link: link, SendFail: sendErr != nil}
	h.showOrganisations(w, r, http.StatusOK, data)
}

// emailProblem says what is wrong with an email address typed into a
// form, or "" if nothing is.
func emailProblem(email string) string {
	switch {
	case email == "":
		return "Enter their email address"
	case !strings.Contains(email, "@") || strings.ContainsAny(email, " \t\r\n"):
		return "Enter an email address like name@example.org"
	}
	return ""
}
