package web

import (
	"net/netip"
	"sync"
	"time"
)

// Failed logins allowed from one client address per window. Account
// lockout stops guessing one account's password; this stops one client
// trying many accounts (and locking them all). Only failures count, so
// the people of one practice behind one address can all log in.
const (
	loginFailures = 30
	loginWindow   = 10 * time.Minute
)

// Requests from the public listing form allowed from one client address
// per window: enough for a volunteer adding a few groups, too few to
// flood the admins' queue and mail.
const (
	listingRequests      = 10
	listingRequestWindow = time.Hour
)

// limiter counts failures per key (a client address) in fixed windows.
// It lives in memory: a restart forgets it, which gives an attacker one
// more window at most, while each account's lockout is kept in the
// database.
type limiter struct {
	max    int
	window time.Duration

	mu   sync.Mutex
	hits map[string]*failures
}

type failures struct {
	start time.Time
	n     int
}

// limiterSweepAt is how many keys the limiter holds before it drops
// finished windows, bounding its memory however many addresses try.
const limiterSweepAt = 10000

func newLimiter(max int, window time.Duration) *limiter {
	return &limiter{max: max, window: window, hits: map[string]*failures{}}
}

// current returns key's window at now, or nil when it has none running.
func (l *limiter) current(key string, now time.Time) *failures {
	f := l.hits[key]
	if f == nil || now.Sub(f.start) >= l.window || now.Before(f.start) {
		return nil
	}
	return f
}

// blocked reports whether key has used up its failures, and if so how
// long until it may try again.
func (l *limiter) blocked(key string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	f := l.current(key, now)
	if f == nil || f.n < l.max {
		return false, 0
	}
	return true, f.start.Add(l.window).Sub(now)
}

// fail counts a failure by key at now. It returns true for the failure
// that uses up the allowance, so that it is logged once per window.
func (l *limiter) fail(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	f := l.current(key, now)
	if f == nil {
		if len(l.hits) >= limiterSweepAt {
			l.sweep(now)
		}
		f = &failures{start: now}
		l.hits[key] = f
	}
	f.n++
	return f.n == l.max
}

func (l *limiter) sweep(now time.Time) {
	for k, f := range l.hits {
		if now.Sub(f.start) >= l.window || now.Before(f.start) {
			delete(l.hits, k)
		}
	}
}

// limiterKey is the address failures are counted by: an IPv6 client
// usually holds a whole /64, so that counts as one address.
func limiterKey(addr string) string {
	ip, err := netip.ParseAddr(addr)
	if err != nil || ip.Is4() || ip.Is4In6() {
		return addr
	}
	p, err := ip.Prefix(64)
	if err != nil {
		return addr
	}
	return p.String()
}
