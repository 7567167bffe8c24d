package web

import (
	"context"
	"time"

	"github.com/gorilla/mux"
)

// Community organisations: editors keep their listings up to date
// (listings.go), admins moderate and manage organisations (orgadmin.go),
// organisations answer referrals (inbox.go), and everyone is told what
// they need to know through one Notifier (outbox.go).

// orgStore is what the organisation pages need from the store; each part
// is declared beside the pages that use it.
type orgStore interface {
	tokenStore
	listingStore
	inboxStore
	orgAdminStore
}

// tokenStore makes and spends single-use links.
type tokenStore interface {
	CreateToken(ctx context.Context, purpose, subject string, expires time.Time) (string, error)
	UseToken(ctx context.Context, purpose, raw string) (string, error)
	PeekToken(ctx context.Context, purpose, raw string) (string, error)
}

// orgRoutes registers every organisation route.
func (s *Server) orgRoutes(r, api *mux.Router) {
	s.listingRoutes(r, api)
	s.inboxRoutes(r, api)
	s.orgAdminRoutes(r, api)
}
