package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/linkway/linkway/internal/webtest"
	"github.com/linkway/linkway/web"
)

const testTiles = "https://tiles.example.org/{z}/{x}/{y}.png"

// mapPage fetches path as c and returns the content security policy and
// the tile template the page's map is given.
func mapPage(t *testing.T, c *http.Client, url string) (policy, tiles string) {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body := webtest.Body(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d\n%s", url, resp.StatusCode, body)
	}
	_, rest, ok := strings.Cut(body, `data-tiles="`)
	if !ok {
		t.Fatalf("GET %s draws no map", url)
	}
	tiles, _, _ = strings.Cut(rest, `"`)
	return resp.Header.Get("Content-Security-Policy"), tiles
}

// TestMapTiles: the residents' maps get the tiles, and the policy lets
// in images from the tile host alone; casework maps get neither unless
// CaseworkTiles is on, since a tile request tells the tile server where a
// person lives.
func TestMapTiles(t *testing.T) {
	for _, caseworkTiles := range []bool{false, true} {
		fx := webtest.NewWith(t, webtest.Options{Configure: func(c *web.Config) {
			c.TileURL, c.CaseworkTiles = testTiles, caseworkTiles
		}})
		policy, tiles := mapPage(t, fx.As(t, ""), fx.TS.URL+"/search?q=walk&postcode=LS6+3HN")
		if tiles != testTiles || !strings.Contains(policy, "img-src 'self' data: https://tiles.example.org;") {
			t.Errorf("public search: tiles %q, policy %q", tiles, policy)
		}
		if strings.Contains(policy, "https:;") || strings.Contains(policy, "https: ") {
			t.Errorf("public search lets in images from any https address: %q", policy)
		}

		north := fx.As(t, "north@example.org")
		id := fx.MustPerson(t, north, strings.Replace(webtest.AdaJSON, "lonely since my husband died", "I would like to go walking", 1))
		policy, tiles = mapPage(t, north, fx.TS.URL+"/casework/people/"+id+"/find-support")
		lets := strings.Contains(policy, "tiles.example.org")
		if caseworkTiles != (tiles == testTiles) || caseworkTiles != lets {
			t.Errorf("casework tiles %v: casework Find support gets tiles %q, policy %q", caseworkTiles, tiles, policy)
		}
	}
}

// TestNoMapTiles: without a tile URL no page's policy lets in images
// from elsewhere, and maps get no tiles.
func TestNoMapTiles(t *testing.T) {
	fx := webtest.New(t)
	policy, tiles := mapPage(t, fx.As(t, ""), fx.TS.URL+"/search?q=walk&postcode=LS6+3HN")
	if tiles != "" || !strings.Contains(policy, "img-src 'self' data:;") {
		t.Errorf("no tile URL: tiles %q, policy %q", tiles, policy)
	}
}
