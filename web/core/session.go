package core

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
)

// Session defaults: a link worker who walks away from a shared practice
// computer is logged out after half an hour; nobody stays logged in past
// a long working day.
const (
	DefaultSessionIdleTimeout = 30 * time.Minute
	DefaultSessionLifetime    = 12 * time.Hour
)

// SessionCookie names the session cookie.
const SessionCookie = "linkway_session"

// Session keys: the logged-in user's id, and when that session last
// served a request (Unix nanoseconds by the site's clock), for the idle
// timeout. Beyond these, a session keeps only what [Site.Remember]
// puts there.
const (
	sessionUserID   = "user_id"
	sessionLastSeen = "last_seen"
	sessionLoggedIn = "logged_in"
)

// sessions holds two session managers that differ only in the cookie's
// Secure flag. scs sets that flag once per manager, while we want it per
// request: always when [Config.SecureCookies] says the site is served
// over HTTPS (the usual case, behind a TLS-terminating proxy, where the
// request itself looks plain), and also whenever a request did arrive
// over TLS. Both managers use the same store, so a session is the same
// whichever one wrote it.
type sessions struct {
	plain, secure *scs.SessionManager
	alwaysSecure  bool
	idleTimeout   time.Duration
	lifetime      time.Duration
}

func (s *Site) newSessions(c Config) sessions {
	idle, lifetime := c.SessionIdleTimeout, c.SessionLifetime
	if idle == 0 {
		idle = DefaultSessionIdleTimeout
	}
	if lifetime == 0 {
		lifetime = DefaultSessionLifetime
	}
	manager := func(secure bool) *scs.SessionManager {
		m := scs.New()
		// The store is cmd's: it keeps sessions in the database, and serve
		// deletes expired ones on its own schedule, while expired ones are
		// never honoured meanwhile.
		m.Store = c.Sessions
		// The table holds a hash of each token, so a copy of the database
		// (a backup) cannot be used to take over a live session.
		m.HashTokenInStore = true
		// scs measures idleness and lifetime by the wall clock and only to
		// decide when the store may forget a session; whether a session is
		// still honoured is decided in withUser by the site's clock, so
		// that tests can move the clock instead of sleeping. Both agree
		// when the clock is time.Now.
		m.IdleTimeout = idle
		m.Lifetime = lifetime
		m.Cookie = scs.SessionCookie{
			Name:     SessionCookie,
			Path:     "/",
			HttpOnly: true,
			SameSite: http.SameSiteLaxMode,
			Secure:   secure,
			// A browser session cookie: closing the browser on a shared
			// computer ends it on that computer too.
			Persist: false,
		}
		m.ErrorFunc = func(w http.ResponseWriter, r *http.Request, err error) {
			s.FailAny(w, r, fmt.Errorf("web: session: %w", err))
		}
		return m
	}
	return sessions{plain: manager(false), secure: manager(true), alwaysSecure: c.SecureCookies, idleTimeout: idle, lifetime: lifetime}
}

func (s *Site) sessionsFor(r *http.Request) *scs.SessionManager {
	if s.sessions.alwaysSecure || r.TLS != nil {
		return s.sessions.secure
	}
	return s.sessions.plain
}

// WithSession loads the session and the logged-in user for every request
// but static files and health checks, and saves the session after.
func (s *Site) WithSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, s.staticPrefix) || r.URL.Path == "/healthz" {
			next.ServeHTTP(w, r)
			return
		}
		sm := s.sessionsFor(r)
		sm.LoadAndSave(s.withUser(sm, next)).ServeHTTP(w, r)
	})
}

// withUser puts the session's user, when there is one and they may still
// log in, in the request's context for [CurrentUser]. A session idle for
// the idle timeout or longer, or older than its lifetime, is ended
// instead. It reads the user afresh
// on every request, so disabling an account ends its sessions at once.
func (s *Site) withUser(sm *scs.SessionManager, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		id := sm.GetInt64(ctx, sessionUserID)
		if id == 0 {
			next.ServeHTTP(w, r)
			return
		}
		now := s.Now()
		last, since := sm.GetInt64(ctx, sessionLastSeen), sm.GetInt64(ctx, sessionLoggedIn)
		idle := last != 0 && now.Sub(time.Unix(0, last)) >= s.sessions.idleTimeout
		expired := since != 0 && now.Sub(time.Unix(0, since)) >= s.sessions.lifetime
		if idle || expired {
			if err := sm.Destroy(ctx); err != nil {
				s.FailAny(w, r, fmt.Errorf("web: end an idle or expired session: %w", err))
				return
			}
			next.ServeHTTP(w, r)
			return
		}
		sm.Put(ctx, sessionLastSeen, now.UnixNano())
		u, err := s.accounts.UserByID(ctx, id)
		switch {
		case err == nil && !u.Disabled:
			r = r.WithContext(context.WithValue(ctx, userKey{}, &u))
		case err == nil || directory.KindOf(err) == directory.NotFound:
			if err := sm.Destroy(ctx); err != nil {
				s.FailAny(w, r, fmt.Errorf("web: end session of a disabled user: %w", err))
				return
			}
		default:
			s.FailAny(w, r, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// LogIn starts a new session for u. The token changes, so a token
// planted before login (session fixation) is worth nothing after it.
func (s *Site) LogIn(r *http.Request, u casework.User) error {
	sm := s.sessionsFor(r)
	if err := sm.RenewToken(r.Context()); err != nil {
		return fmt.Errorf("web: renew session: %w", err)
	}
	now := s.Now().UnixNano()
	sm.Put(r.Context(), sessionUserID, u.ID)
	sm.Put(r.Context(), sessionLastSeen, now)
	sm.Put(r.Context(), sessionLoggedIn, now)
	return nil
}

// LogOut ends the session, here and in the store.
func (s *Site) LogOut(r *http.Request) error {
	if err := s.sessionsFor(r).Destroy(r.Context()); err != nil {
		return fmt.Errorf("web: end session: %w", err)
	}
	return nil
}

// rememberPrefix keeps [Site.Remember]'s keys apart from the session's
// own.
const rememberPrefix = "remember:"

// Remember keeps value under key in the user's session, or forgets it
// when value is "". It is for what must not go in a URL, where access
// logs and browser history would keep it: a search for a person by
// name, NHS number or date of birth. It goes when the session does.
func (s *Site) Remember(r *http.Request, key, value string) {
	sm := s.sessionsFor(r)
	if value == "" {
		sm.Remove(r.Context(), rememberPrefix+key)
		return
	}
	sm.Put(r.Context(), rememberPrefix+key, value)
}

// Remembered is what [Site.Remember] kept under key, or "".
func (s *Site) Remembered(r *http.Request, key string) string {
	return s.sessionsFor(r).GetString(r.Context(), rememberPrefix+key)
}
