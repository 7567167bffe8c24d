package account

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strings"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/web/core"
)

// maxLoginBody bounds a login request: an email and a password.
const maxLoginBody = 8 << 10

// Failed logins allowed from one client address per window. Account
// lockout stops guessing one account's password; this stops one client
// trying many accounts (and locking them all). Only failures count, so
// the people of one practice behind one address can all log in.
const (
	loginFailures = 30
	loginWindow   = 10 * time.Minute
)

// msgWrongLogin is the one answer to a wrong email and to a wrong
// password, so that nobody can learn which emails have accounts.
const msgWrongLogin = "email or password is wrong"

// loginRefused is a login that did not succeed, with the status and
// message to answer.
type loginRefused struct {
	status int
	msg    string
	retry  time.Duration // for 429: when to try again
}

func (e *loginRefused) Error() string { return e.msg }

func tryAgainIn(d time.Duration) string {
	mins := int(math.Ceil(d.Minutes()))
	if mins < 1 {
		mins = 1
	}
	return core.Pluralise(mins, "minute", "minutes")
}

// authenticate checks an email and password, counting failures, locking
// accounts and writing the audit log, and on success starts the session.
// A refusal is a *loginRefused; any other error is internal.
func (h *Handler) authenticate(r *http.Request, email, password string) (casework.User, error) {
	ctx, now, addr := r.Context(), h.site.Now(), core.ClientAddr(r)
	key := core.LimiterKey(addr)
	record := func(userID int64, action, detail string) error {
		return h.site.AuditAs(ctx, casework.AuditEntry{At: now, UserID: userID, Action: action, Detail: detail, Remote: addr})
	}
	// refuse audits a failed attempt, counts it against the client's
	// address, and returns the refusal to answer.
	refuse := func(userID int64, action, detail string, refusal *loginRefused) error {
		if err := record(userID, action, detail); err != nil {
			return err
		}
		throttled, err := h.throttle.Fail(ctx, key, now)
		if err != nil {
			return err
		}
		if throttled {
			if err := record(0, "login.throttled", fmt.Sprintf("%d failed logins from this address within %s", loginFailures, loginWindow)); err != nil {
				return err
			}
		}
		return refusal
	}
	wrong := &loginRefused{http.StatusUnauthorized, msgWrongLogin, 0}

	blocked, retry, err := h.throttle.Blocked(ctx, key, now)
	if err != nil {
		return casework.User{}, err
	}
	if blocked {
		// Not audited one by one: the throttle was, once, when it began.
		return casework.User{}, &loginRefused{http.StatusTooManyRequests, "too many failed logins from here; try again in " + tryAgainIn(retry), retry}
	}
	u, hash, err := h.store.UserByEmail(ctx, email)
	if directory.KindOf(err) == directory.NotFound {
		if _, err := h.checkPassword(ctx, password, ""); err != nil {
			return casework.User{}, err
		}
		return casework.User{}, refuse(0, "login.failed", "no account with this email", wrong)
	}
	if err != nil {
		return casework.User{}, err
	}
	until, err := h.store.LockedUntil(ctx, u.ID)
	if err != nil {
		return casework.User{}, err
	}
	if now.Before(until) {
		return casework.User{}, refuse(u.ID, "login.locked", "attempt while locked", lockedRefusal(until.Sub(now)))
	}
	ok, err := h.checkPassword(ctx, password, hash)
	if err != nil {
		return casework.User{}, err
	}
	if !ok {
		until, err := h.store.LoginFailed(ctx, u.ID, now)
		if err != nil {
			return casework.User{}, err
		}
		if until.IsZero() {
			return casework.User{}, refuse(u.ID, "login.failed", "wrong password", wrong)
		}
		if err := record(u.ID, "login.failed", "wrong password"); err != nil {
			return casework.User{}, err
		}
		return casework.User{}, refuse(u.ID, "login.locked", "too many wrong passwords; locked until "+until.UTC().Format(time.RFC3339), lockedRefusal(until.Sub(now)))
	}
	if u.Disabled {
		// The same answer as a wrong password: whether an account exists
		// and is disabled is for admins to know.
		return casework.User{}, refuse(u.ID, "login.failed", "account disabled", wrong)
	}

	if err := h.store.LoginSucceeded(ctx, u.ID); err != nil {
		return casework.User{}, err
	}
	if err := h.site.LogIn(r, u); err != nil {
		return casework.User{}, err
	}
	if err := record(u.ID, "login", ""); err != nil {
		return casework.User{}, err
	}
	return u, nil
}

func lockedRefusal(d time.Duration) *loginRefused {
	return &loginRefused{http.StatusTooManyRequests, "this account is locked after too many wrong passwords; try again in " + tryAgainIn(d), d}
}

type loginPage struct {
	Email  string
	Errors []core.FormError // in the summary (linking to the field) and beside it
}

// FieldError returns the message for field, or "".
func (p loginPage) FieldError(field string) string {
	for _, e := range p.Errors {
		if e.Field == field {
			return e.Message
		}
	}
	return ""
}

func (h *Handler) handleLoginPage(w http.ResponseWriter, r *http.Request) {
	if u := core.CurrentUser(r); u != nil {
		http.Redirect(w, r, homeOf(u), http.StatusSeeOther)
		return
	}
	h.renderLogin(w, r, http.StatusOK, loginPage{})
}

func (h *Handler) renderLogin(w http.ResponseWriter, r *http.Request, status int, p loginPage) {
	w.Header().Set("Cache-Control", "no-store")
	title := "Log in"
	if len(p.Errors) > 0 {
		title = "Error: " + title
	}
	h.site.Render(w, r, status, "login", title, p)
}

func (h *Handler) handleLogin(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxLoginBody)
	if err := r.ParseForm(); err != nil {
		h.site.Fail(w, r, directory.Errorf(directory.Invalid, "the login form could not be read"))
		return
	}
	p := loginPage{Email: strings.TrimSpace(r.PostFormValue("email"))}
	password := r.PostFormValue("password")
	if p.Email == "" {
		p.Errors = append(p.Errors, core.FormError{Field: "email", Message: "Enter your email address"})
	}
	if password == "" {
		p.Errors = append(p.Errors, core.FormError{Field: "password", Message: "Enter your password"})
	}
	if len(p.Errors) > 0 {
		h.renderLogin(w, r, http.StatusBadRequest, p)
		return
	}
	u, err := h.authenticate(r, p.Email, password)
	var refused *loginRefused
	switch {
	case errors.As(err, &refused):
		core.SetRetryAfter(w, refused.retry)
		msg := refused.msg
		p.Errors = []core.FormError{{Field: "email", Message: core.Capitalise(msg)}}
		h.renderLogin(w, r, refused.status, p)
	case err != nil:
		h.site.Fail(w, r, err)
	default:
		http.Redirect(w, r, homeOf(&u), http.StatusSeeOther)
	}
}

func (h *Handler) handleLogout(w http.ResponseWriter, r *http.Request) {
	if !h.endSession(w, r) {
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// endSession logs out and audits it, answering with an error itself when
// that fails.
func (h *Handler) endSession(w http.ResponseWriter, r *http.Request) bool {
	if core.CurrentUser(r) != nil {
		if err := h.site.Audit(r, "logout", "", ""); err != nil {
			h.site.FailAny(w, r, err)
			return false
		}
	}
	if err := h.site.LogOut(r); err != nil {
		h.site.FailAny(w, r, err)
		return false
	}
	return true
}

// apiUser is a user as the API shows them.
type apiUser struct {
	ID           int64  `json:"id"`
	Email        string `json:"email"`
	Name         string `json:"name"`
	Role         string `json:"role"`
	Team         string `json:"team"`
	Organization string `json:"organization,omitempty"`
}

type apiUserAnswer struct {
	User apiUser `json:"user"`
}

func newAPIUser(u casework.User) apiUserAnswer {
	return apiUserAnswer{apiUser{ID: u.ID, Email: u.Email, Name: u.Name, Role: string(u.Role), Team: u.TeamID, Organization: u.OrganizationID}}
}

func (h *Handler) handleAPILogin(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Email    string `json:"email"`
		Password string `json:"password"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxLoginBody)).Decode(&req); err != nil {
		core.WriteJSON(w, http.StatusBadRequest, core.APIError{Error: `send a JSON object: {"email": "...", "password": "..."}`})
		return
	}
	req.Email = strings.TrimSpace(req.Email)
	if req.Email == "" || req.Password == "" {
		core.WriteJSON(w, http.StatusBadRequest, core.APIError{Error: "email and password are both required"})
		return
	}
	u, err := h.authenticate(r, req.Email, req.Password)
	var refused *loginRefused
	switch {
	case errors.As(err, &refused):
		core.SetRetryAfter(w, refused.retry)
		core.WriteJSON(w, refused.status, core.APIError{Error: refused.msg})
	case err != nil:
		h.site.FailJSON(w, r, err)
	default:
		w.Header().Set("Cache-Control", "no-store")
		core.WriteJSON(w, http.StatusOK, newAPIUser(u))
	}
}

func (h *Handler) handleAPILogout(w http.ResponseWriter, r *http.Request) {
	if h.endSession(w, r) {
		w.WriteHeader(http.StatusNoContent)
	}
}

// handleAPIMe answers who is logged in (behind RequireUser).
func (h *Handler) handleAPIMe(w http.ResponseWriter, r *http.Request) {
	core.WriteJSON(w, http.StatusOK, newAPIUser(*core.CurrentUser(r)))
}

// homeOf is where a user starts after logging in, by what they do. It is
// fixed, never taken from the request, so a login link cannot send anyone
// to another site.
func homeOf(u *casework.User) string {
	switch {
	case u.TeamID != "":
		return "/casework"
	case u.Role == casework.RoleAdmin:
		return "/admin/users"
	case u.Role == casework.RoleEditor:
		return "/org"
	case u.Role == casework.RoleCommissioner:
		return "/reports"
	}
	return "/"
}
