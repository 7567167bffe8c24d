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

// TestServicePageNamesABankHoliday: walk-1 meets on Tuesdays, and
// Tuesday 28 December 2027 is the Boxing Day bank holiday. The service
// page and the search card say so; the Tuesday after does not.
func TestServicePageNamesABankHoliday(t *testing.T) {
	fx := webtest.New(t)
	const holiday = "Tuesday 28 December, 10:00 (Boxing Day substitute, a bank holiday: check it is on)"
	fx.Now = time.Date(2027, 12, 27, 9, 0, 0, 0, time.UTC)
	for _, path := range []string{"/services/walk-1", "/search?q=walk"} {
		if page := webtest.Body(t, webtest.Get(t, fx.Server, path)); !strings.Contains(page, holiday) {
			t.Errorf("%s does not say %q", path, holiday)
		}
	}
	fx.Now = time.Date(2027, 12, 29, 9, 0, 0, 0, time.UTC)
	if page := webtest.Body(t, webtest.Get(t, fx.Server, "/services/walk-1")); strings.Contains(page, "bank holiday") {
		t.Error("an ordinary Tuesday's session is called a bank holiday")
	}
}
