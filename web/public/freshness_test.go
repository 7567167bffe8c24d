package public_test

import (
	"strings"
	"testing"

	"github.com/linkway/linkway/internal/webtest"
)

func TestServicePageSaysHowStale(t *testing.T) {
	fx := webtest.New(t)
	fx.PutListing(t, "five", webtest.Walkers, 5, "", "")
	fx.PutListing(t, "seven", webtest.Walkers, 7, "", "")
	fx.PutListing(t, "thirteen", webtest.Walkers, 13, "", "")
	fx.PutListing(t, "never", webtest.Walkers, -1, "", "")
	anon := fx.As(t, "")
	for _, tt := range []struct {
		id        string
		want, not string
	}{
		{"five", "(5 months ago).", "may be out of date"},
		{"seven", "(7 months ago). It may be out of date", "over a year"},
		{"thirteen", "(13 months ago). Nobody has confirmed it for over a year", "may be out of date"},
		{"never", "has not been checked yet", "ago"},
	} {
		st, body := fx.Call(t, anon, "GET", "/services/"+tt.id, "")
		if st != 200 {
			t.Fatalf("GET /services/%s = %d", tt.id, st)
		}
		i := strings.Index(body, `class="verified`)
		if i < 0 {
			t.Fatalf("%s: no verified line", tt.id)
		}
		line := body[i:]
		line = line[:strings.Index(line, "</p>")]
		if !strings.Contains(line, tt.want) || strings.Contains(line, tt.not) {
			t.Errorf("%s: %q, want %q and not %q", tt.id, line, tt.want, tt.not)
		}
	}
}
