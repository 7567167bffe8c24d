package admin_test

import (
	"strings"
	"testing"

	"github.com/linkway/linkway/internal/webtest"
)

func TestStaleReport(t *testing.T) {
	fx := webtest.New(t)
	fx.PutListing(t, "five", webtest.Walkers, 5, "walking-groups", "LS6 1AA")
	fx.PutListing(t, "seven", webtest.Walkers, 7, "walking-groups", "ls6 2bb")
	fx.PutListing(t, "thirteen", webtest.Knit, 13, "arts-and-crafts", "LS11 5AB")
	fx.PutListing(t, "never", webtest.Knit, -1, "walking-groups", "LS11 6CD")

	st, body := fx.Call(t, fx.As(t, "admin@example.org"), "GET", "/admin/stale", "")
	if st != 200 {
		t.Fatalf("GET /admin/stale = %d", st)
	}
	for _, want := range []string{
		`<span class="stat">1</span> stale`, `<span class="stat">1</span> very stale`, `<span class="stat">2</span> never checked`,
		// Stale, very stale, never: by Linkway's kind of support (by its
		// name), then by area.
		`<th scope="row">Walking groups</th><td>1</td><td>0</td><td>1</td>`,
		`<th scope="row">Arts and crafts</th><td>0</td><td>1</td><td>0</td>`,
		`<th scope="row">Debt advice</th><td>0</td><td>0</td><td>1</td>`,
		`<th scope="row">LS6</th><td>1</td><td>0</td><td>0</td>`,
		`<th scope="row">LS11</th><td>0</td><td>1</td><td>1</td>`,
		`<th scope="row">online or no place</th><td>0</td><td>0</td><td>1</td>`,
		// The listings, with organisation and age.
		`Listing seven</a></th><td>Meanwood Walkers</td><td>7 months ago</td>`,
		`Listing thirteen</a></th><td>Knit and Natter</td><td>13 months ago</td>`,
		`Listing never</a></th><td>Knit and Natter</td><td>Never checked</td>`,
		`Money Matters Drop-in</a></th><td>Holbeck Advice</td><td>Never checked</td>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("stale report lacks %s", want)
		}
	}
	for _, fresh := range []string{"Listing five", "Meanwood Valley Health Walk", "Old Lunch Club"} {
		if strings.Contains(body, fresh) {
			t.Errorf("stale report lists %s", fresh)
		}
	}
}
