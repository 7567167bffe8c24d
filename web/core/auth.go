package core

// Who is asking, and the audit log. Casework is special-category health
// data, so every page or API route that shows or changes it goes through
// these helpers:
//
//   - CurrentUser(r) returns the logged-in user, or nil. A disabled user
//     counts as logged out from their next request.
//   - site.RequireUser(next) lets only logged-in users through: others
//     get a JSON 401 under /api/ and a 303 redirect to /login elsewhere.
//     It also marks the answer Cache-Control: no-store.
//   - site.RequireRole(roles...) is RequireUser that also checks the
//     role. The wrong role gets 404, never 403: a page someone may not
//     use should not even be known to exist.
//   - site.Audit(r, action, personID, detail) appends to the audit log,
//     with the user and client address. Call it for every read of a
//     person's record, before answering; if it fails, fail the request,
//     so nothing is shown that was not recorded. detail says what
//     happened, never the personal data itself. Changes are audited by
//     the casework workflows, in the change's own transaction, with
//     Who(r).
//
// Team and organisation scoping (a link worker sees only their team's
// people) is the audiences' job; these helpers only say who is asking.

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
)

// LoginPath is the login page, where RequireUser sends whoever is not
// logged in.
const LoginPath = "/login"

// userKey is the context key for the logged-in user.
type userKey struct{}

// CurrentUser returns the logged-in user, or nil when nobody is.
func CurrentUser(r *http.Request) *casework.User {
	u, _ := r.Context().Value(userKey{}).(*casework.User)
	return u
}

// Who is who makes the request and from where, for the audit entries the
// casework workflows write.
func Who(r *http.Request) casework.Who {
	who := casework.Who{Remote: ClientAddr(r)}
	if u := CurrentUser(r); u != nil {
		who.UserID = u.ID
	}
	return who
}

// IsAPI reports whether r is for the JSON API, which answers in JSON
// rather than with pages and redirects.
func IsAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// RequireUser lets only logged-in users reach next.
func (s *Site) RequireUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if CurrentUser(r) == nil {
			if IsAPI(r) {
				WriteJSON(w, http.StatusUnauthorized, APIError{Error: "log in first"})
				return
			}
			http.Redirect(w, r, LoginPath, http.StatusSeeOther)
			return
		}
		// Pages behind a login may carry personal data: no browser or
		// proxy may keep a copy.
		w.Header().Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// RequireRole returns middleware that lets only logged-in users with one
// of roles reach next, answering 404 to other users.
func (s *Site) RequireRole(roles ...casework.Role) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return s.RequireUser(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			u := CurrentUser(r)
			for _, role := range roles {
				if u.Role == role {
					next.ServeHTTP(w, r)
					return
				}
			}
			s.FailAny(w, r, directory.Errorf(directory.NotFound, "we could not find that page"))
		}))
	}
}

// Audit appends an entry to the audit log for the current user (0 when
// nobody is logged in) from r's client address.
func (s *Site) Audit(r *http.Request, action, personID, detail string) error {
	e := casework.AuditEntry{At: s.Now(), Action: action, PersonID: personID, Detail: detail, Remote: ClientAddr(r)}
	if u := CurrentUser(r); u != nil {
		e.UserID = u.ID
	}
	return s.AuditAs(r.Context(), e)
}

// AuditAs appends e as it is, for logins, where the user is known before
// the session is.
func (s *Site) AuditAs(ctx context.Context, e casework.AuditEntry) error {
	if err := s.accounts.AppendAudit(ctx, e); err != nil {
		return fmt.Errorf("web: audit %s: %w", e.Action, err)
	}
	return nil
}

// ClientAddr is the client's IP address from the connection. Behind a
// reverse proxy it is the proxy's address: Linkway does not trust
// X-Forwarded-For, which any client can set.
func ClientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
