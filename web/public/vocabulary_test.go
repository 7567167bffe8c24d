package public_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/linkway/linkway/internal/webtest"
)

// vocabularyFixture is a feed filed under its own vocabulary (codes and
// parents as in the 211 LA County taxonomy the Miami data uses), with
// one service also under a Linkway kind. Written for these tests.
const vocabularyFixture = "testdata/feed-vocabulary.json"

// TestSearchAPICategoryFeedTerms: category takes a feed's own term ids
// and codes as well as Linkway's kinds, a broader term finds the
// services under its narrower ones, and anything else is still refused.
func TestSearchAPICategoryFeedTerms(t *testing.T) {
	srv := webtest.NewWith(t, webtest.Options{Feed: vocabularyFixture}).Server
	for _, tt := range []struct {
		name, query string
		want        []string
	}{
		{"feed term id", "category=t-lunch", []string{"miami-lunch"}},
		{"feed code", "category=lunch-club", []string{"miami-lunch"}},
		{"feed code in another case", "category=LUNCH-CLUB", []string{"miami-lunch"}},
		{"dotted code", "category=BD-1800.2000", []string{"miami-pantry"}},
		{"broader code takes in narrower terms", "category=BD-1800", []string{"miami-food-top", "miami-lunch", "miami-pantry"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, ans := apiSearch(t, srv, tt.query)
			if code != http.StatusOK {
				t.Fatalf("%s: status %d: %s", tt.query, code, ans.Error)
			}
			if got := resultIDs(ans); strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("%s found %v, want %v", tt.query, got, tt.want)
			}
		})
	}
	// A Linkway kind finds the service the feed tagged with it and those
	// the classifier gave it, whichever they are.
	_, ans := apiSearch(t, srv, "category=food-support")
	if !slices.Contains(resultIDs(ans), "miami-pantry") {
		t.Errorf("category=food-support found %v, want miami-pantry, tagged with it", resultIDs(ans))
	}
	for _, id := range resultIDs(ans) {
		if !slices.Contains(apiKindIDs(t, srv, id), "food-support") {
			t.Errorf("category=food-support found %s, whose kinds are %v", id, apiKindIDs(t, srv, id))
		}
	}
	code, ans := apiSearch(t, srv, "category=no-such-code")
	if code != http.StatusBadRequest || !strings.Contains(ans.Error, `category "no-such-code" is not a kind of support we know`) {
		t.Errorf("an unknown category: status %d, error %q", code, ans.Error)
	}
}

// TestPublicPagesOfferLinkwayKinds: with a feed's own vocabulary
// imported, the home page, the browse index and the search form offer
// Linkway's kinds of support only, and the service page shows the feed's
// terms as detail.
func TestPublicPagesOfferLinkwayKinds(t *testing.T) {
	srv := webtest.NewWith(t, webtest.Options{Feed: vocabularyFixture}).Server
	for _, path := range []string{"/", "/browse", "/search", "/search?q=food"} {
		b := webtest.Body(t, webtest.Get(t, srv, path))
		if strings.Contains(b, "Food Pantries") || strings.Contains(b, "Lunch Club") || strings.Contains(b, ">Food<") {
			t.Errorf("%s offers a feed's own terms:\n%s", path, b)
		}
		// The test site stores Linkway's kinds as feeds name them, by id.
		if path != "/search?q=food" && !strings.Contains(b, "food-support") {
			t.Errorf("%s does not offer Linkway's kind food-support:\n%s", path, b)
		}
	}
	b := webtest.Body(t, webtest.Get(t, srv, "/services/miami-pantry"))
	webtest.WantIn(t, "service page", b, "Kinds of support: Food support (as the feed lists it).", "Listed by the feed under: Food Pantries.")
}

// TestHomePageFeedTermsOnly: services filed only under a feed's own
// terms are counted on the home page, which neither lists those terms
// nor says that no services are listed.
func TestHomePageFeedTermsOnly(t *testing.T) {
	srv := webtest.NewWith(t, webtest.Options{Feed: "testdata/feed-vocabulary-only.json"}).Server
	b := webtest.Body(t, webtest.Get(t, srv, "/"))
	webtest.WantIn(t, "home page", b, "1 services are listed")
	for _, wrong := range []string{"Lunch Club", "No services are listed yet"} {
		if strings.Contains(b, wrong) {
			t.Errorf("home page shows %q:\n%s", wrong, b)
		}
	}
}
