package core

import (
	"context"
	"math"
	"net/http"
	"net/netip"
	"strconv"
	"sync"
	"time"
)

// RateLimiter counts failures (or any events) per key, such as a client
// address, in fixed windows, and says when a key has used up its
// allowance. Handlers take one through this interface: a [Limiter]
// counts in one process's memory, which is right for one instance;
// instances that share a database share counts kept there.
type RateLimiter interface {
	// Blocked reports whether key has used up its allowance at now, and
	// if so how long until it may try again.
	Blocked(ctx context.Context, key string, now time.Time) (bool, time.Duration, error)
	// Fail counts a failure by key at now. It returns true for the
	// failure that uses up the allowance, so that it is logged once per
	// window.
	Fail(ctx context.Context, key string, now time.Time) (bool, error)
}

// Limiters makes the site's rate limiters: one allowing max events per
// key in each window. Name ("login", "oruk"…) tells apart limiters
// that keep their counts in one place.
type Limiters func(name string, max int, window time.Duration) RateLimiter

// MemoryLimiters is [Limiters] for a single instance: each limiter is a
// [Limiter] in memory.
func MemoryLimiters(_ string, max int, window time.Duration) RateLimiter {
	return NewLimiter(max, window)
}

// Limiter is the in-memory [RateLimiter]. A restart forgets it, which
// gives an attacker one more window at most, while each account's
// lockout is kept in the database.
type Limiter struct {
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

// NewLimiter returns a limiter allowing max events per key in each
// window.
func NewLimiter(max int, window time.Duration) *Limiter {
	return &Limiter{max: max, window: window, hits: map[string]*failures{}}
}

// current returns key's window at now, or nil when it has none running.
func (l *Limiter) current(key string, now time.Time) *failures {
	f := l.hits[key]
	if f == nil || now.Sub(f.start) >= l.window || now.Before(f.start) {
		return nil
	}
	return f
}

// Blocked reports whether key has used up its allowance, and if so how
// long until it may try again.
func (l *Limiter) Blocked(_ context.Context, key string, now time.Time) (bool, time.Duration, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	f := l.current(key, now)
	if f == nil || f.n < l.max {
		return false, 0, nil
	}
	return true, f.start.Add(l.window).Sub(now), nil
}

// Fail counts a failure by key at now. It returns true for the failure
// that uses up the allowance, so that it is logged once per window.
func (l *Limiter) Fail(_ context.Context, key string, now time.Time) (bool, error) {
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
	return f.n == l.max, nil
}

func (l *Limiter) sweep(now time.Time) {
	for k, f := range l.hits {
		if now.Sub(f.start) >= l.window || now.Before(f.start) {
			delete(l.hits, k)
		}
	}
}

// LimiterKey is the key to count a client address by: an IPv6 client
// usually holds a whole /64, so that counts as one address.
func LimiterKey(addr string) string {
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

// SetRetryAfter tells a refused client how long to wait, in whole
// seconds rounded up.
func SetRetryAfter(w http.ResponseWriter, d time.Duration) {
	if d > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(d.Seconds()))))
	}
}
