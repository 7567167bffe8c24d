package public_test

import (
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/internal/webtest"
)

// TestCardsSayWhenAListingIsStale: lists of services say how long ago a
// listing was checked once it is 6 months or more, and not before.
func TestCardsSayWhenAListingIsStale(t *testing.T) {
	fx := webtest.New(t)
	srv := fx.Server
	const stale = "Last checked 8 months ago"
	for _, path := range []string{"/browse/walking-groups", "/search?q=walk"} {
		if page := webtest.Body(t, webtest.Get(t, srv, path)); strings.Contains(page, "Last checked") {
			t.Errorf("%s: a listing checked last month is marked stale", path)
		}
	}
	fx.Now = time.Date(2027, 6, 2, 9, 0, 0, 0, time.UTC)
	for _, path := range []string{"/browse/walking-groups", "/search?q=walk"} {
		if page := webtest.Body(t, webtest.Get(t, srv, path)); !strings.Contains(page, stale) {
			t.Errorf("%s: the card of a listing last checked in October 2026 does not say %q", path, stale)
		}
	}
}
