// Package account lets people with an account in and out: the login
// page and API, logout, and who is logged in (/api/v1/me), with lockout
// after wrong passwords, a limit on failed logins per address, and every
// attempt in the audit log. It also hashes and makes up passwords, for
// the admins' and invitations' pages and the user command.
package account

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/mux"
	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/web/core"
)

// Store is what logging in needs of the account store.
type Store interface {
	// UserByEmail returns the account with email, in any case, and its
	// password hash.
	UserByEmail(ctx context.Context, email string) (casework.User, string, error)
	// LockedUntil is when the account's lockout ends (zero if none).
	LockedUntil(ctx context.Context, userID int64) (time.Time, error)
	// LoginFailed counts a wrong password at now and returns when the
	// account is locked until, if that failure locked it.
	LoginFailed(ctx context.Context, userID int64, now time.Time) (time.Time, error)
	LoginSucceeded(ctx context.Context, userID int64) error
	// SetUserPhone sets the work phone number on an account ("" for
	// none), refusing one that is not a phone number as Invalid.
	SetUserPhone(ctx context.Context, userID int64, phone string) error
}

// Deps is what the login pages are built from. Throttle and Limiters
// may be nil.
type Deps struct {
	Site  *core.Site
	Store Store
	// Throttle counts failed logins per client address (default: 30 in
	// 10 minutes, then that address waits for the rest of the 10).
	Throttle core.RateLimiter
	// Limiters makes the default Throttle (default
	// [core.MemoryLimiters]).
	Limiters core.Limiters
}

// Handler serves logging in and out.
type Handler struct {
	site     *core.Site
	store    Store
	throttle core.RateLimiter

	hashSlots chan struct{} // see maxConcurrentHashes
	dummyOnce sync.Once
	dummyHash string
	dummyErr  error
}

// New returns the login pages over d.
func New(d Deps) (*Handler, error) {
	if err := core.CheckDeps("account", d, "Throttle", "Limiters"); err != nil {
		return nil, err
	}
	h := &Handler{site: d.Site, store: d.Store, throttle: d.Throttle, hashSlots: make(chan struct{}, maxConcurrentHashes)}
	if h.throttle == nil {
		limiters := d.Limiters
		if limiters == nil {
			limiters = core.MemoryLimiters
		}
		h.throttle = limiters("login", loginFailures, loginWindow)
	}
	return h, nil
}

// Routes registers the login and logout pages on r and their API on api
// (the router for /api/v1).
func (h *Handler) Routes(r, api *mux.Router) {
	r.HandleFunc("/login", h.handleLoginPage).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/login", h.handleLogin).Methods(http.MethodPost)
	r.HandleFunc("/logout", h.handleLogout).Methods(http.MethodPost)
	api.HandleFunc("/login", h.handleAPILogin).Methods(http.MethodPost)
	api.HandleFunc("/logout", h.handleAPILogout).Methods(http.MethodPost)
	api.Handle("/me", h.site.RequireUser(http.HandlerFunc(h.handleAPIMe))).Methods(http.MethodGet)
	r.Handle("/account", h.site.RequireUser(http.HandlerFunc(h.handleAccountPage))).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/account", h.site.RequireUser(http.HandlerFunc(h.handleAccountPhone))).Methods(http.MethodPost)
}
