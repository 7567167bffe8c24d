package admin

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/web/core"
)

// Organisations: admins see every organisation with its listings,
// editors and trust, mark it trusted (its editors publish without
// review), and invite editors by a single-use link.

type organisationsPage struct {
	Rows   []orgRow
	Orgs   []core.Option // for the invitation form
	Form   inviteForm
	Errors []core.FormError
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

func (h *Handler) showOrganisations(w http.ResponseWriter, r *http.Request, status int, data organisationsPage) {
	ctx := r.Context()
	orgs, err := h.store.Organizations(ctx)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	counts, err := h.store.OrganizationServiceCounts(ctx)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	users, err := h.store.Users(ctx)
	if err != nil {
		h.site.Fail(w, r, err)
		return
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
	for _, o := range orgs {
		trusted, err := h.store.IsTrusted(ctx, o.ID)
		if err != nil {
			h.site.Fail(w, r, err)
			return
		}
		data.Rows = append(data.Rows, orgRow{ID: o.ID, Name: o.Name, TrustURL: "/admin/organisations/" + core.PathEscape(o.ID) + "/trusted", Listings: counts[o.ID], Editors: editors[o.ID], Trusted: trusted})
		data.Orgs = append(data.Orgs, core.Option{Value: o.ID, Label: o.Name, Selected: o.ID == data.Form.Organization})
	}
	h.site.RenderPrivate(w, r, status, "organisations", core.ErrorTitle("Organisations", data.Errors), data)
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
	core.SeeOther(w, r, "/admin/organisations")
}

func (h *Handler) handleInviteSend(w http.ResponseWriter, r *http.Request) {
	if err := core.ParseForm(w, r); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	f := inviteForm{Organization: r.PostForm.Get("organization"), Email: strings.TrimSpace(r.PostForm.Get("email")), Name: strings.TrimSpace(r.PostForm.Get("name"))}
	data := organisationsPage{Form: f}
	var errs []core.FormError
	org, err := h.store.Organization(r.Context(), f.Organization)
	switch {
	case directory.KindOf(err) == directory.NotFound:
		errs = append(errs, core.FormError{Field: "organization", Message: "Choose the organisation they will look after"})
	case err != nil:
		h.site.Fail(w, r, err)
		return
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
