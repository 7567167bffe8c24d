package admin

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/web/account"
	"github.com/linkway/linkway/web/core"
)

type usersPage struct {
	Users    []userRow
	Teams    []core.Option
	Roles    []core.Option
	Form     userForm
	OrgField orgNameField // an editor's organisation
	Errors   []core.FormError
	Created  string // the new user's email, with Password shown once
	Password string
}

// userRow is a user with the name of their team or organisation.
type userRow struct {
	casework.User
	Of string
}

type userForm struct {
	Email, Name, Role, Team, Organization string
}

// handleUsers lets an admin see and add users. A new user's password is
// generated and shown once, here, to pass on privately.
func (h *Handler) handleUsers(w http.ResponseWriter, r *http.Request) {
	data := usersPage{}
	status := http.StatusOK
	if r.Method == http.MethodPost {
		if err := core.ParseForm(w, r); err != nil {
			h.site.Fail(w, r, err)
			return
		}
		f := r.PostForm
		data.Form = userForm{Email: strings.TrimSpace(f.Get("email")), Name: strings.TrimSpace(f.Get("name")), Role: f.Get("role"),
			Team: f.Get("team"), Organization: strings.TrimSpace(f.Get("organization"))}
		email, pw, err := h.addUser(r, data.Form)
		if err == nil {
			data.Created, data.Password, data.Form = email, pw, userForm{}
		} else {
			var fp *fieldProblem
			switch k := directory.KindOf(err); {
			case errors.As(err, &fp):
				status, data.Errors = http.StatusBadRequest, []core.FormError{fp.FormError}
			case k == directory.Invalid || k == directory.Conflict:
				status, data.Errors = http.StatusBadRequest, core.FormErrorsOf(err)
			default:
				h.site.Fail(w, r, err)
				return
			}
		}
	}
	users, err := h.store.Users(r.Context())
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	teams, err := h.store.Teams(r.Context())
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	if data.OrgField, err = h.orgNameField(r.Context(), "Organisation (editors)", data.Form.Organization, data.Errors); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	orgs, err := h.store.OrganizationNames(r.Context())
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	names := map[string]string{}
	for _, o := range orgs {
		names[o.ID] = o.Name
	}
	for _, t := range teams {
		names[t.ID] = t.Name
		data.Teams = append(data.Teams, core.Option{Value: t.ID, Label: t.Name, Selected: data.Form.Team == t.ID})
	}
	for _, u := range users {
		of := directory.FirstNonBlank(u.OrganizationID, u.TeamID)
		data.Users = append(data.Users, userRow{User: u, Of: directory.FirstNonBlank(names[of], of)})
	}
	for _, ro := range []struct{ v, l string }{{"linkworker", "Link worker"}, {"editor", "Organisation editor"}, {"admin", "Admin"}, {"commissioner", "Commissioner (reports only)"}} {
		data.Roles = append(data.Roles, core.Option{Value: ro.v, Label: ro.l, Selected: data.Form.Role == ro.v})
	}
	h.site.RenderPrivate(w, r, status, "users", core.ErrorTitle("Users", data.Errors), data)
}

func (h *Handler) addUser(r *http.Request, f userForm) (email, password string, err error) {
	role := casework.Role(f.Role)
	switch {
	case !strings.Contains(f.Email, "@"):
		return "", "", directory.Errorf(directory.Invalid, "email: give the person's work email address")
	case role != casework.RoleAdmin && role != casework.RoleLinkWorker && role != casework.RoleEditor && role != casework.RoleCommissioner:
		return "", "", directory.Errorf(directory.Invalid, "role: choose what they will do")
	case role == casework.RoleLinkWorker && f.Team == "":
		return "", "", directory.Errorf(directory.Invalid, "team: a link worker needs a team")
	}
	if role == casework.RoleEditor {
		org, problem, err := h.organisationNamed(r.Context(), f.Organization)
		if err != nil {
			return "", "", err
		}
		if problem != "" {
			return "", "", &fieldProblem{FormError: core.FormError{Field: "organization", Message: problem}}
		}
		f.Organization = org.ID
	}
	switch role {
	case casework.RoleEditor:
		f.Team = ""
	case casework.RoleCommissioner:
		// Commissioners read the whole scheme's figures: no team, no
		// organisation, whatever the form also held.
		f.Team, f.Organization = "", ""
	default:
		f.Organization = ""
	}
	pw, err := account.GeneratePassword(16)
	if err != nil {
		return "", "", err
	}
	hash, err := account.HashPassword(pw)
	if err != nil {
		return "", "", err
	}
	id, err := h.store.CreateUser(r.Context(), casework.User{Email: f.Email, Name: f.Name, Role: role, TeamID: f.Team, OrganizationID: f.Organization}, hash)
	if err != nil {
		return "", "", err
	}
	if err := h.site.Audit(r, "user.create", "", fmt.Sprintf("user %d as %s", id, role)); err != nil {
		return "", "", err
	}
	return f.Email, pw, nil
}

// fieldProblem is a mistake in one field of a form, already in words
// that stand on their own beside it.
type fieldProblem struct{ core.FormError }

func (p *fieldProblem) Error() string { return p.Field + ": " + p.Message }

// handleUserDisable turns a user's access off or back on. Their sessions
// end at their next request.
func (h *Handler) handleUserDisable(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(core.PathVar(r, "id"), 10, 64)
	if err != nil {
		h.site.Fail(w, r, directory.Errorf(directory.NotFound, "no user has this id"))
		return
	}
	if err := core.ParseForm(w, r); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	disabled := r.PostForm.Get("disabled") == "true"
	if me := core.CurrentUser(r); me != nil && me.ID == id && disabled {
		h.site.Fail(w, r, directory.Errorf(directory.Invalid, "you cannot turn off your own access"))
		return
	}
	if err := h.store.SetUserDisabled(r.Context(), id, disabled); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	if err := h.site.Audit(r, "user.disable", "", fmt.Sprintf("user %d disabled=%t", id, disabled)); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	core.SeeOther(w, r, "/admin/users")
}
