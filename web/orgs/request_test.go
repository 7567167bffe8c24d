package orgs_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/webtest"
)

// TestListingRequestsAreLimited: the public request form takes a few
// requests from one address, then refuses more for the hour, keeping
// nothing of the refused one.
func TestListingRequestsAreLimited(t *testing.T) {
	fx := webtest.New(t)
	anon := fx.As(t, "")
	send := func(i int) (int, string) {
		st, _, body := fx.Form(t, anon, "/organisations/request", url.Values{"kind": {"new"}, "group_name": {fmt.Sprint("Group ", i)},
			"description": {"A friendly group"}, "contact_name": {"Jo"}, "email": {"jo@example.org"}})
		return st, body
	}
	for i := range 10 {
		if st, _ := send(i); st != http.StatusSeeOther {
			t.Fatalf("request %d: %d", i+1, st)
		}
	}
	st, body := send(10)
	if st != http.StatusTooManyRequests || !strings.Contains(body, "please try again in") {
		t.Errorf("eleventh request: %d, want 429 saying when to try again", st)
	}
	if pending, _ := fx.DB.ListingRequests(context.Background(), directory.RequestPending); len(pending) != 10 {
		t.Errorf("%d requests kept, want 10", len(pending))
	}
	fx.Now = fx.Now.Add(61 * 60e9) // an hour on
	if st, _ := send(11); st != http.StatusSeeOther {
		t.Errorf("a request an hour later: %d", st)
	}
}
