package orgs

// "Still correct": a stale listing's organisation is reminded
// (freshness.Reminders, run by cmd) with a one-click link per listing
// that needs no login.

import (
	"net/http"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/freshness"
	"github.com/linkway/linkway/web/core"
)

type verifyPage struct {
	Service *directory.Service
	Done    bool
	Refused string // why the link cannot be used
}

// handleVerify confirms a listing is still correct from a reminder's
// link. A GET only looks at the token, because mail scanners follow
// links; the button's POST spends it.
func (h *Handler) handleVerify(w http.ResponseWriter, r *http.Request) {
	ctx, token := r.Context(), core.PathVar(r, "token")
	refuse := func(err error) {
		h.refuseLink(w, r, err, "verify", "This link cannot be used", func(why string) any { return verifyPage{Refused: why} })
	}
	id, err := h.store.PeekToken(ctx, freshness.VerifyPurpose, token)
	if err != nil {
		refuse(err)
		return
	}
	if r.Method != http.MethodPost {
		svc, err := h.store.Service(ctx, id)
		if err != nil {
			refuse(err)
			return
		}
		h.site.RenderPrivate(w, r, http.StatusOK, "verify", "Is this listing still correct?", verifyPage{Service: svc})
		return
	}
	if id, err = h.store.UseToken(ctx, freshness.VerifyPurpose, token); err != nil {
		refuse(err)
		return
	}
	svc, err := h.store.VerifyService(ctx, id, "one-click link", h.site.Now())
	if err != nil {
		refuse(err)
		return
	}
	if err := h.site.Audit(r, "listing.verify", "", "service "+svc.ID+" by one-click link"); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	h.site.RenderPrivate(w, r, http.StatusOK, "verify", "Thank you", verifyPage{Service: svc, Done: true})
}
