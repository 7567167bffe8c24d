package web

// Accounts and access. Casework is special-category health data, so every
// page or API route that shows or changes it goes through these helpers:
//
//   - s.currentUser(r) returns the logged-in user, or nil. A disabled user
//     counts as logged out from their next request.
//   - s.requireUser(next) lets only logged-in users through: others get a
//     JSON 401 under /api/ and a 303 redirect to /login elsewhere. It also
//     marks the answer Cache-Control: no-store.
//   - s.requireRole(roles...) is requireUser that also checks the role. The
//     wrong role gets 404, never 403: a page someone may not use should
//     not even be known to exist. Use it on a subrouter:
//     sub.Use(s.requireRole(casework.RoleAdmin)).
//   - s.audit(r, action, personID, detail) appends to the audit log, with
//     the user and client address. Call it for every read and write of a
//     person's record, before answering; if it fails, fail the request
//     (s.fail), so nothing is shown that was not recorded. detail says what
//     happened, never the personal data itself.
//
// Team and organisation scoping (a link worker sees only their team's
// people) is the casework handlers' job; these helpers only say who is
// asking.

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/alexedwards/argon2id"
	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
)

// accounts is what the web layer needs from the account store.
type accounts interface {
	UserByEmail(ctx context.Context, email string) (casework.User, string, error)
	UserByID(ctx context.Context, id int64) (casework.User, error)
	LockedUntil(ctx context.Context, userID int64) (time.Time, error)
	LoginFailed(ctx context.Context, userID int64, now time.Time) (time.Time, error)
	LoginSucceeded(ctx context.Context, userID int64) error
	AppendAudit(ctx context.Context, e casework.AuditEntry) error
	Audit(ctx context.Context, f casework.AuditFilter) ([]casework.AuditEntry, int, error)
	// For admins managing users.
	Users(ctx context.Context) ([]casework.User, error)
	CreateUser(ctx context.Context, u casework.User, passwordHash string) (int64, error)
	SetUserDisabled(ctx context.Context, userID int64, disabled bool) error
	Teams(ctx context.Context) ([]casework.Team, error)
	// SessionDB is the database holding the sessions table.
	SessionDB() *sql.DB
}

// MinPasswordLength is the shortest password [HashPassword] accepts, in
// characters. Length, not character rules, is what makes a password hard
// to guess (NCSC and NIST guidance).
const MinPasswordLength = 12

// HashPassword returns an argon2id hash of pw for storing, refusing a
// password shorter than [MinPasswordLength] characters with an Invalid
// error.
func HashPassword(pw string) (string, error) {
	if n := utf8.RuneCountInString(pw); n < MinPasswordLength {
		return "", directory.Errorf(directory.Invalid, "a password needs at least %d characters; this one has %d", MinPasswordLength, n)
	}
	h, err := argon2id.CreateHash(pw, argon2id.DefaultParams)
	if err != nil {
		return "", fmt.Errorf("web: hash password: %w", err)
	}
	return h, nil
}

// maxConcurrentHashes bounds how many password checks run at once: each
// takes 64 MiB, so a burst of logins must not take the server's memory.
const maxConcurrentHashes = 4

// checkPassword reports whether pw matches hash, waiting for a free slot
// first. An empty hash (an unknown email) is checked against a dummy
// hash, so that a wrong email takes as long as a wrong password and the
// timing does not tell which emails have accounts.
func (s *Server) checkPassword(ctx context.Context, pw, hash string) (bool, error) {
	select {
	case s.hashSlots <- struct{}{}:
		defer func() { <-s.hashSlots }()
	case <-ctx.Done():
		return false, ctx.Err()
	}
	if hash == "" {
		s.dummyOnce.Do(func() {
			s.dummyHash, s.dummyErr = argon2id.CreateHash("not a password anyone has", argon2id.DefaultParams)
		})
		if s.dummyErr != nil {
			return false, s.dummyErr
		}
		_, err := argon2id.ComparePasswordAndHash(pw, s.dummyHash)
		return false, err
	}
	ok, err := argon2id.ComparePasswordAndHash(pw, hash)
	if err != nil {
		return false, fmt.Errorf("web: check password: %w", err)
	}
	return ok, nil
}

// userKey is the context key for the logged-in user.
type userKey struct{}

// currentUser returns the logged-in user, or nil when nobody is.
func (s *Server) currentUser(r *http.Request) *casework.User {
	u, _ := r.Context().Value(userKey{}).(*casework.User)
	return u
}

// isAPI reports whether r is for the JSON API, which answers in JSON
// rather than with pages and redirects.
func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// requireUser lets only logged-in users reach next.
func (s *Server) requireUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.currentUser(r) == nil {
			if isAPI(r) {
				writeJSON(w, http.StatusUnauthorized, apiError{Error: "log in first"})
				return
			}
			http.Redirect(w, r, loginPath, http.StatusSeeOther)
			return
		}
		// Pages behind a login may carry personal data: no browser or
		// proxy may keep a copy.
		w.Header().Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// requireRole returns middleware that lets only logged-in users with one
// of roles reach next, answering 404 to other users.
func (s *Server) requireRole(roles ...casework.Role) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return s.requireUser(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			u := s.currentUser(r)
			for _, role := range roles {
				if u.Role == role {
					next.ServeHTTP(w, r)
					return
				}
			}
			err := directory.Errorf(directory.NotFound, "we could not find that page")
			if isAPI(r) {
				s.failJSON(w, r, err)
				return
			}
			s.fail(w, r, err)
		}))
	}
}

// audit appends an entry to the audit log for the current user (0 when
// nobody is logged in) from r's client address.
func (s *Server) audit(r *http.Request, action, personID, detail string) error {
	e := casework.AuditEntry{At: s.Now(), Action: action, PersonID: personID, Detail: detail, Remote: clientAddr(r)}
	if u := s.currentUser(r); u != nil {
		e.UserID = u.ID
	}
	return s.auditAs(r.Context(), e)
}

// auditAs appends e as it is, for logins, where the user is known before
// the session is.
func (s *Server) auditAs(ctx context.Context, e casework.AuditEntry) error {
	if err := s.accounts.AppendAudit(ctx, e); err != nil {
		return fmt.Errorf("web: audit %s: %w", e.Action, err)
	}
	return nil
}

// clientAddr is the client's IP address from the connection. Behind a
// reverse proxy it is the proxy's address: Linkway does not trust
// X-Forwarded-For, which any client can set.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
