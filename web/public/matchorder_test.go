package public_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/linkway/linkway/internal/webtest"
)

// demoDirectory is the directory `linkway demo` loads: hundreds of
// listings, enough for diversifying to reorder what scoring ranked.
const demoDirectory = "../../data/demo/leeds.json"

// orderSentences are things people say that ask for one thing and for
// several, near and far.
var orderSentences = []struct{ priorities, postcode string }{
	{"I feel lonely and the bailiffs have been round", "LS6 3HN"},
	{"I'm in debt and can't pay the rent", "LS9 8AU"},
	{"I want to get fitter and meet people", "LS11 5QN"},
	{"since my wife died I don't see anyone", "LS6 3HN"},
	{"I'm struggling with money and feel low", "LS12 3QE"},
	{"I'd like a walking group or a choir", "LS8 2QZ"},
}

// TestMatchScoresShownInOrder checks, over the demo directory, that the
// suggestions come best score first, in the API and on the Find support
// page (where scores show to two places): a list that reads 0.93, 0.91,
// 0.92 makes people doubt all of it.
func TestMatchScoresShownInOrder(t *testing.T) {
	srv := webtest.NewWith(t, webtest.Options{Feed: demoDirectory}).Server
	shown := regexp.MustCompile(`Score (\d\.\d\d): how it was worked out`)
	for _, s := range orderSentences {
		t.Run(s.priorities, func(t *testing.T) {
			code, out := postJSON(t, srv, "/api/v1/match", fmt.Sprintf(`{"priorities": %q, "postcode": %q, "travel": "bus", "online_ok": true}`, s.priorities, s.postcode))
			if code != http.StatusOK {
				t.Fatalf("status %d: %v", code, out)
			}
			matches, _ := out["matches"].([]any)
			if len(matches) < 3 {
				t.Fatalf("%d matches: too few to show an order", len(matches))
			}
			var scores []float64
			for _, m := range matches {
				scores = append(scores, m.(map[string]any)["score"].(float64))
			}
			assertNonIncreasing(t, "API scores", scores)

			form := url.Values{"priorities": {s.priorities}, "postcode": {s.postcode}, "travel": {"bus"}, "online_ok": {"true"}}
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(http.MethodPost, "/find-support", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			srv.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				t.Fatalf("POST /find-support = %d", rec.Code)
			}
			var page []float64
			for _, m := range shown.FindAllStringSubmatch(rec.Body.String(), -1) {
				v, _ := strconv.ParseFloat(m[1], 64)
				page = append(page, v)
			}
			if len(page) != len(scores) {
				t.Fatalf("the page shows %d scores, the API %d", len(page), len(scores))
			}
			assertNonIncreasing(t, "Find support page scores", page)
		})
	}
}

func assertNonIncreasing(t *testing.T, what string, xs []float64) {
	t.Helper()
	for i := 1; i < len(xs); i++ {
		if xs[i] > xs[i-1] {
			t.Errorf("%s out of order at %d: %v", what, i, xs)
			return
		}
	}
}
