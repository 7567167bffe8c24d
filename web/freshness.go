package web

// Freshness: a listing nobody has confirmed for six months is stale, for
// twelve very stale (package freshness). Admins see where stale listings
// are; organisations are reminded (freshness.Reminders, run by cmd), with
// a one-click "still correct" link that needs no login.

import (
	"context"
	"net/http"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/freshness"
	"github.com/linkway/linkway/web/core"
)

// freshnessStore is what the stale report and the one-click links need
// from the store.
type freshnessStore interface {
	StaleServices(ctx context.Context, now time.Time, months int) ([]*directory.Service, error)
	VerifyService(ctx context.Context, id, by string, at time.Time) (*directory.Service, error)
}

type verifyPage struct {
	Service *directory.Service
	Done    bool
	Refused string // why the link cannot be used
}

// handleVerify confirms a listing is still correct from a reminder's
// link. A GET only looks at the token, because mail scanners follow
// links; the button's POST spends it.
func (s *Server) handleVerify(w http.ResponseWriter, r *http.Request) {
	ctx, token := r.Context(), core.PathVar(r, "token")
	refuse := func(err error) {
		if k := directory.KindOf(err); k != directory.NotFound && k != directory.Conflict {
			s.site.Fail(w, r, err)
			return
		}
		s.site.RenderPrivate(w, r, core.StatusOf(err), "verify", "This link cannot be used", verifyPage{Refused: directory.MessageOf(err)})
	}
	id, err := s.orgs.PeekToken(ctx, freshness.VerifyPurpose, token)
	if err != nil {
		refuse(err)
		return
	}
	if r.Method != http.MethodPost {
		svc, err := s.store.Service(ctx, id)
		if err != nil {
			refuse(err)
			return
		}
		s.site.RenderPrivate(w, r, http.StatusOK, "verify", "Is this listing still correct?", verifyPage{Service: svc})
		return
	}
	if id, err = s.orgs.UseToken(ctx, freshness.VerifyPurpose, token); err != nil {
		refuse(err)
		return
	}
	svc, err := s.orgs.VerifyService(ctx, id, "one-click link", s.site.Now())
	if err != nil {
		refuse(err)
		return
	}
	if err := s.site.Audit(r, "listing.verify", "", "service "+svc.ID+" by one-click link"); err != nil {
		s.site.Fail(w, r, err)
		return
	}
	s.site.RenderPrivate(w, r, http.StatusOK, "verify", "Thank you", verifyPage{Service: svc, Done: true})
}
