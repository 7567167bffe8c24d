package core

import (
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// DefaultMaxConcurrentRequests is how many requests serve admits at once
// unless told otherwise ([Config.MaxConcurrentRequests]): enough to keep
// two cores and the database busy, few enough that each admitted request
// still gets its answer in good time.
const DefaultMaxConcurrentRequests = 64

// overloadRetryAfter is how long a refused client is asked to wait, in
// whole seconds as Retry-After takes it.
const overloadRetryAfter = 2 * time.Second

// overloadWarnEvery bounds how often refusals are logged: one line per
// refused request would add to the load that caused them.
const overloadWarnEvery = time.Minute

// concurrencyLimit is the state of [Site.LimitConcurrency]. It lives
// in the Site because gorilla/mux builds the middleware chain afresh
// for every request.
type concurrencyLimit struct {
	slots   chan struct{} // nil: no limit
	refused atomic.Int64  // since the last warning
	warned  atomic.Int64  // when, in Unix nanoseconds by the site's clock
}

// LimitConcurrency admits at most [Config.MaxConcurrentRequests]
// requests at once and refuses the rest at once with 503 and
// Retry-After. Without it an overloaded server keeps taking requests it
// cannot answer, and every client waits until its own time runs out.
// Health checks and static files are cheap and needed to see the server
// is up, so they are always admitted.
func (s *Site) LimitConcurrency(next http.Handler) http.Handler {
	l := &s.concurrency
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if l.slots == nil || r.URL.Path == "/healthz" || strings.HasPrefix(r.URL.Path, s.staticPrefix) {
			next.ServeHTTP(w, r)
			return
		}
		select {
		case l.slots <- struct{}{}:
			defer func() { <-l.slots }()
			next.ServeHTTP(w, r)
			return
		default:
		}
		l.refused.Add(1)
		now := s.Now().UnixNano()
		if last := l.warned.Load(); now-last >= int64(overloadWarnEvery) && l.warned.CompareAndSwap(last, now) {
			s.log.WarnContext(r.Context(), "server full: refusing requests", "max_concurrent_requests", cap(l.slots), "refused", l.refused.Swap(0))
		}
		s.refuseOverloaded(w, r)
	})
}

// refuseOverloaded answers 503 with Retry-After, in JSON under /api/ and
// as a page elsewhere.
func (s *Site) refuseOverloaded(w http.ResponseWriter, r *http.Request) {
	const msg = "Linkway is busy right now. Please try again in a moment."
	w.Header().Set("Retry-After", strconv.Itoa(int(overloadRetryAfter/time.Second)))
	if IsAPI(r) {
		WriteJSON(w, http.StatusServiceUnavailable, APIError{Error: msg})
		return
	}
	s.Render(w, r, http.StatusServiceUnavailable, "error", "Busy", errorPage{http.StatusServiceUnavailable, msg})
}
