package orgs

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/notify"
	"github.com/linkway/linkway/web/account"
	"github.com/linkway/linkway/web/core"
)

// Invitations: an admin invites someone to edit for an organisation
// (web/admin); the single-use link lets them choose a password and
// become its editor.

// inviteValid is how long an editor invitation works: long enough for a
// volunteer who reads mail weekly.
const inviteValid = 7 * 24 * time.Hour

// EmailTaken reports whether someone has an account with email.
func (h *Handler) EmailTaken(ctx context.Context, email string) (bool, error) {
	_, _, err := h.store.UserByEmail(ctx, email)
	if directory.KindOf(err) == directory.NotFound {
		return false, nil
	}
	return err == nil, err
}

// invitation is what an invite token stands for. It is kept in the
// token's row, never in the link.
type invitation struct {
	Org   string `json:"org"`
	Email string `json:"email"`
	Name  string `json:"name"`
}

// Invite makes a single-use link for email to become an editor of org
// and sends it. It returns the link; sendErr says the message could not
// be sent (the admin can pass the link on), err that nothing was made.
func (h *Handler) Invite(ctx context.Context, org *directory.Organization, email, name string) (link string, sendErr, err error) {
	subject, err := json.Marshal(invitation{Org: org.ID, Email: email, Name: name})
	if err != nil {
		return "", nil, err
	}
	expires := h.site.Now().Add(inviteValid)
	token, err := h.store.CreateToken(ctx, "invite", string(subject), expires)
	if err != nil {
		return "", nil, err
	}
	link = h.baseURL + "/invite/" + token
	hello := "Hello,"
	if name != "" {
		hello = "Hello " + name + ","
	}
	sendErr = h.notifier.Notify(ctx, notify.Message{
		To:      email,
		Subject: "Look after " + org.Name + " on Linkway",
		Body: hello + "\n\nYou are invited to keep " + org.Name + "'s listings on Linkway up to date, so that residents and link workers find the right times and places.\n\n" +
			"Choose a password to set up your account:\n" + link + "\n\n" +
			"The link works once and until " + expires.In(h.site.Zone()).Format("2 January 2006") + ". If you were not expecting this, you can ignore it.\n",
		Kind:  "invite",
		About: org.ID,
	})
	if sendErr != nil {
		h.site.Log().ErrorContext(ctx, "could not send an invitation", "organisation", org.ID, "err", sendErr)
	}
	return link, sendErr, nil
}

type invitePage struct {
	Organization string
	Email        string
	Name         string
	Errors       []core.FormError
	Done         bool
	Refused      string // why the link cannot be used
}

// handleInviteAccept lets an invited person choose a password and become
// an editor. A GET only looks at the token: mail scanners follow links.
func (h *Handler) handleInviteAccept(w http.ResponseWriter, r *http.Request) {
	ctx, token := r.Context(), core.PathVar(r, "token")
	refuse := func(err error) {
		h.refuseLink(w, r, err, "invite", "This invitation cannot be used", func(why string) any { return invitePage{Refused: why} })
	}
	subject, err := h.store.PeekToken(ctx, "invite", token)
	if err != nil {
		refuse(err)
		return
	}
	var inv invitation
	if err := json.Unmarshal([]byte(subject), &inv); err != nil {
		h.site.Fail(w, r, fmt.Errorf("web: invitation: %w", err))
		return
	}
	org, err := h.store.Organization(ctx, inv.Org)
	if err != nil {
		refuse(directory.Errorf(directory.NotFound, "the organisation this invitation was for is no longer listed"))
		return
	}
	data := invitePage{Organization: org.Name, Email: inv.Email, Name: inv.Name}
	if r.Method != http.MethodPost {
		h.site.RenderPrivate(w, r, http.StatusOK, "invite", "Set up your account", data)
		return
	}
	if err := core.ParseForm(w, r); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	data.Name = strings.TrimSpace(r.PostForm.Get("name"))
	password, confirm := r.PostForm.Get("password"), r.PostForm.Get("confirm")
	if data.Name == "" {
		data.Errors = append(data.Errors, core.FormError{Field: "name", Message: "Enter your name"})
	}
	hash, err := account.HashPassword(password)
	switch {
	case directory.KindOf(err) == directory.Invalid:
		data.Errors = append(data.Errors, core.FormError{Field: "password", Message: core.Capitalise(directory.MessageOf(err))})
	case err != nil:
		h.site.Fail(w, r, err)
		return
	case confirm != password:
		data.Errors = append(data.Errors, core.FormError{Field: "confirm", Message: "Type the same password again"})
	}
	if len(data.Errors) > 0 {
		h.site.RenderPrivate(w, r, http.StatusBadRequest, "invite", "Error: Set up your account", data)
		return
	}
	// Checked before spending the link, so that the common mistake leaves
	// it working.
	if taken, err := h.EmailTaken(ctx, inv.Email); err != nil || taken {
		if err == nil {
			err = directory.Errorf(directory.Conflict, "you already have an account with this email: log in instead")
		}
		refuse(err)
		return
	}
	if _, err := h.store.UseToken(ctx, "invite", token); err != nil {
		refuse(err)
		return
	}
	id, err := h.store.CreateUser(ctx, casework.User{Email: inv.Email, Name: data.Name, Role: casework.RoleEditor, OrganizationID: org.ID}, hash)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	if err := h.site.Audit(r, "user.create", "", fmt.Sprintf("user %d as editor of organisation %s by invitation", id, org.ID)); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	h.site.RenderPrivate(w, r, http.StatusOK, "invite", "Your account is ready", invitePage{Organization: org.Name, Email: inv.Email, Done: true})
}
