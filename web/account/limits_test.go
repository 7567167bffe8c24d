package account_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/linkway/linkway/internal/webtest"
	"github.com/linkway/linkway/web"
	"github.com/linkway/linkway/web/core"
)

// TestInstancesShareLoginThrottle builds two servers whose Limiters
// hand out one limiter per name, as instances on one database share
// counts: failures at either count against the address at both.
func TestInstancesShareLoginThrottle(t *testing.T) {
	var (
		mu     sync.Mutex
		shared = map[string]core.RateLimiter{}
	)
	limiters := func(name string, _ int, window time.Duration) core.RateLimiter {
		mu.Lock()
		defer mu.Unlock()
		if shared[name] == nil {
			shared[name] = core.NewLimiter(3, window) // few, to keep the test short
		}
		return shared[name]
	}
	configure := func(c *web.Config) { c.Limiters = limiters }
	a, b := mustAuthServer(t, configure), mustAuthServer(t, configure)
	c := webtest.Client()
	for i, f := range []*authFixture{a, b, a} {
		if r := f.apiLogin(t, c, "admin@example.org", "guess guess guess"); r.status != http.StatusUnauthorized {
			t.Fatalf("failure %d = %d, want 401", i+1, r.status)
		}
	}
	if r := b.apiLogin(t, c, "admin@example.org", webtest.Password); r.status != http.StatusTooManyRequests {
		t.Errorf("login at the second instance after 3 failures across both = %d, want 429", r.status)
	}
	for _, name := range []string{"login", "listing-request", "oruk"} {
		if shared[name] == nil {
			t.Errorf("no %q limiter was made through Limiters", name)
		}
	}
}

// failingLimiter is a shared limiter whose database is unreachable.
type failingLimiter struct{}

func (failingLimiter) Blocked(context.Context, string, time.Time) (bool, time.Duration, error) {
	return false, 0, errors.New("connection refused")
}

func (failingLimiter) Fail(context.Context, string, time.Time) (bool, error) {
	return false, errors.New("connection refused")
}

// TestLoginThrottleFailureRefusesLogin checks that a limiter that cannot
// count stops logins (an internal error) rather than letting guesses
// through unthrottled.
func TestLoginThrottleFailureRefusesLogin(t *testing.T) {
	f := mustAuthServer(t, func(c *web.Config) { c.LoginThrottle = failingLimiter{} })
	if r := f.apiLogin(t, webtest.Client(), "admin@example.org", webtest.Password); r.status != http.StatusInternalServerError {
		t.Errorf("login when the throttle fails = %d, want 500", r.status)
	}
}
