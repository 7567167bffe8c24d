package account

import (
	"net/http"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/web/core"
)

// accountPage is the logged-in user's own account: who they are and the
// work phone number printed on the summaries they give people.
type accountPage struct {
	User   casework.User
	Phone  string // as typed, kept when it is refused
	Error  string // why the phone number was refused
	Saved  bool
	Limits struct{ Phone int }
}

func (h *Handler) handleAccountPage(w http.ResponseWriter, r *http.Request) {
	u := *core.CurrentUser(r)
	h.renderAccount(w, r, http.StatusOK, accountPage{User: u, Phone: u.Phone, Saved: r.URL.Query().Get("saved") == "phone"})
}

// handleAccountPhone saves the phone number on the user's own account.
func (h *Handler) handleAccountPhone(w http.ResponseWriter, r *http.Request) {
	u := *core.CurrentUser(r)
	if err := core.ParseForm(w, r); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	phone := r.PostForm.Get("phone")
	if err := h.store.SetUserPhone(r.Context(), u.ID, phone); err != nil {
		if directory.KindOf(err) != directory.Invalid {
			h.site.Fail(w, r, err)
			return
		}
		h.renderAccount(w, r, http.StatusBadRequest, accountPage{User: u, Phone: phone, Error: directory.MessageOf(err)})
		return
	}
	core.SeeOther(w, r, "/account?saved=phone")
}

func (h *Handler) renderAccount(w http.ResponseWriter, r *http.Request, status int, p accountPage) {
	p.Limits.Phone = casework.MaxPhoneLength
	title := "Your account"
	if p.Error != "" {
		title = "Error: " + title
	}
	h.site.RenderPrivate(w, r, status, "account", title, p)
}
