package main

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/linkway/linkway/internal/browsertest"
)

// tileServer is a stand-in for a map tile server that counts what it is
// asked for, so a test can tell which pages reveal an area to it.
type tileServer struct {
	url      string // the --tile-url template
	requests atomic.Int64
}

func newTileServer(t *testing.T) *tileServer {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 256, 256))
	for x := range 256 {
		for y := range 256 {
			img.Set(x, y, color.RGBA{0xdd, 0xe8, 0xd0, 0xff})
		}
	}
	var tile bytes.Buffer
	if err := png.Encode(&tile, img); err != nil {
		t.Fatal(err)
	}
	ts := &tileServer{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ts.requests.Add(1)
		w.Header().Set("Content-Type", "image/png")
		w.Write(tile.Bytes())
	}))
	t.Cleanup(srv.Close)
	ts.url = srv.URL + "/{z}/{x}/{y}.png"
	return ts
}

// waitForTiles waits up to 10s for the tile server's first request.
func (ts *tileServer) waitForTiles() int64 {
	for range 100 {
		if n := ts.requests.Load(); n > 0 {
			return n
		}
		time.Sleep(100 * time.Millisecond)
	}
	return 0
}

// mapMarker is a numbered marker as the browser shows it.
type mapMarker struct {
	Label    string `json:"label"`
	TabIndex int    `json:"tabIndex"`
}

// mapState is what a drawn map shows, read in the browser.
type mapState struct {
	Markers     []mapMarker `json:"markers"`
	List        []string    `json:"list"` // "n. name" for each numbered result in the list
	Home        string      `json:"home"`
	Attribution string      `json:"attribution"`
	CopyrightAt string      `json:"copyrightAt"`
	Tiles       int         `json:"tiles"`
	Label       string      `json:"label"`
	Points      int         `json:"points"` // results with a place, from #map-data
	// Elsewhere are the addresses of other origins the page fetched.
	Elsewhere []string `json:"elsewhere"`
}

const readMap = `(() => {
  const text = e => e ? e.textContent.trim() : "";
  const attribution = document.querySelector("#map .leaflet-control-attribution");
  const copyright = attribution && [...attribution.querySelectorAll("a")].find(a => a.textContent.includes("OpenStreetMap"));
  return {
    markers: [...document.querySelectorAll("#map .map-marker")].map(m => ({label: m.getAttribute("aria-label"), tabIndex: m.tabIndex})),
    list: [...document.querySelectorAll(".results > li")].map(li =>
      text(li.querySelector(".result-number")).replace(/\.$/, "") + ". " + text(li.querySelector("h3 a"))),
    home: text(document.querySelector("#map .map-home-label")),
    attribution: text(attribution),
    copyrightAt: copyright ? copyright.href : "",
    tiles: document.querySelectorAll("#map img.leaflet-tile").length,
    label: document.getElementById("map").getAttribute("aria-label") || "",
    points: JSON.parse(document.getElementById("map-data").textContent).points.length,
    elsewhere: performance.getEntriesByType("resource").map(e => e.name).filter(u => new URL(u).origin !== location.origin),
  };
})()`

// mustReadMap waits up to 20s for the map's markers and reads the map;
// when none come, it says what the map box holds, leaving ctx time to.
func mustReadMap(t *testing.T, ctx context.Context) mapState {
	t.Helper()
	wait, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(wait, chromedp.WaitVisible(chromedp.CSS("#map .map-marker"))); err != nil {
		box, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`"Leaflet loaded: " + !!window.L + "; " + ((document.getElementById("map") || {}).outerHTML || "no #map")`))
		t.Fatalf("map not drawn: %v\n%s", err, box)
	}
	m, err := chromedp.Run(ctx, chromedp.Evaluate[mapState](readMap))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// checkMarkersMatchList checks each marker is focusable and named with
// the number and name its results have in the list ("1. Name", or
// "1. Name; 3. Other" for results that share a place), and that every
// result with a place is on the map.
func checkMarkersMatchList(t *testing.T, m mapState) {
	t.Helper()
	if len(m.Markers) == 0 || len(m.List) == 0 {
		t.Fatalf("%d markers for %d results", len(m.Markers), len(m.List))
	}
	inList := map[string]bool{}
	for _, l := range m.List {
		inList[l] = true
	}
	onMap := 0
	for _, mk := range m.Markers {
		for _, result := range markerResults(mk.Label) {
			onMap++
			if !inList[result] {
				t.Errorf("marker %q: %q is not a numbered result in the list %q", mk.Label, result, m.List)
			}
		}
		if mk.TabIndex != 0 {
			t.Errorf("marker %q has tabIndex %d, want 0 (reachable by Tab)", mk.Label, mk.TabIndex)
		}
	}
	if onMap != m.Points {
		t.Errorf("the markers show %d results, want the %d with a place", onMap, m.Points)
	}
	if !strings.HasPrefix(m.List[0], "1. ") {
		t.Errorf("first result is numbered %q, want 1", m.List[0])
	}
}

// sharedMarker is the start of the name of a marker for several results
// drawn as one, such as "2 +3: ", showing the first's number and how many
// more.
var sharedMarker = regexp.MustCompile(`^(\d+) \+(\d+): `)

// markerResults reads a marker's name as its results, each "n. name":
// a marker is named "1. Name", or "2 +1: 2. Name; 5. Other" for results
// drawn as one.
func markerResults(label string) []string {
	m := sharedMarker.FindStringSubmatch(label)
	if m == nil {
		return []string{label}
	}
	results := strings.Split(strings.TrimPrefix(label, m[0]), "; ")
	if more, _ := strconv.Atoi(m[2]); len(results) != more+1 || !strings.HasPrefix(results[0], m[1]+". ") {
		return []string{"marker " + label + " does not say what it shows"}
	}
	return results
}

// TestPublicSearchMapInBrowser searches near a postcode and checks the
// map: Leaflet, with tiles from the tile server, OpenStreetMap's
// attribution, numbered markers matching the numbered list, the postcode
// labelled, markers reachable and opened by keyboard, the first result
// above the map on a phone and beside it on a desktop, and no serious
// accessibility problem at either width.
func TestPublicSearchMapInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	tiles := newTileServer(t)
	base := mustServe(t, "--tile-url", tiles.url)
	tab := browsertest.New(t)
	ctx := browsertest.Step(t, tab)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/search?q=someone+to+talk+to&postcode=ls6+3hn&radius_km=5")); err != nil {
		t.Fatal(err)
	}
	m := mustReadMap(t, ctx)
	checkMarkersMatchList(t, m)
	if m.Home != "Your postcode LS6 3HN" {
		t.Errorf("the postcode's point is labelled %q", m.Home)
	}
	if !strings.Contains(m.Attribution, "© OpenStreetMap contributors") || m.CopyrightAt != "https://www.openstreetmap.org/copyright" {
		t.Errorf("attribution %q links to %q", m.Attribution, m.CopyrightAt)
	}
	if !strings.HasPrefix(m.Label, "Map of ") {
		t.Errorf("map's accessible name = %q", m.Label)
	}
	if n := tiles.waitForTiles(); n == 0 {
		t.Error("no tile was asked for on the public search page")
	}

	// By keyboard: Tab from the map reaches the first marker, and Enter
	// opens its popup with the link to the service focused.
	if err := chromedp.Do(ctx,
		chromedp.Focus(chromedp.CSS("#map")),
		chromedp.KeyEvent(kb.Tab),
	); err != nil {
		t.Fatal(err)
	}
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.getAttribute("aria-label") || ""`))
	if err != nil || focused != m.Markers[0].Label {
		t.Errorf("Tab from the map focuses %q (%v), want marker %q", focused, err, m.Markers[0].Label)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.CSS("#map .map-popup a"))); err != nil {
		t.Fatalf("Enter on a marker opens no popup: %v", err)
	}
	link, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.matches(".map-popup a") ? document.activeElement.textContent : ""`))
	if first := markerResults(m.Markers[0].Label)[0]; err != nil || link != first {
		t.Errorf("after Enter the focus is on %q (%v), want the popup's link %q", link, err, first)
	}

	// On a phone the first result comes before the map; on a desktop the
	// map is beside the list.
	firstAboveMap := `document.querySelector(".results > li").getBoundingClientRect().top < document.getElementById("map").getBoundingClientRect().top`
	if above, err := chromedp.Run(ctx, chromedp.Evaluate[bool](firstAboveMap)); err != nil || !above {
		t.Errorf("on a phone the map comes before the first result (%v)", err)
	}
	mustAxe(t, ctx, "search with a map on a phone")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	beside := `(() => { const f = document.querySelector(".results > li").getBoundingClientRect(), m = document.getElementById("map").getBoundingClientRect(); return m.left >= f.right && m.top < f.bottom; })()`
	if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](beside)); err != nil || !ok {
		t.Errorf("on a desktop the map is not beside the first result (%v)", err)
	}
	mustAxe(t, ctx, "search with a map on a desktop")
}

// TestCaseworkFindSupportAsksNoTiles opens Find support for a person
// with a postcode: the map shows where the person lives and the numbered
// suggestions, yet the tile server hears nothing and the page fetches
// nothing from anywhere else, while the public search on the same server
// does ask it for tiles (so the count can move).
func TestCaseworkFindSupportAsksNoTiles(t *testing.T) {
	tiles := newTileServer(t)
	base, tab, ctx := loggedInTabWith(t, "north.worker@example.org", "--tile-url", tiles.url)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/casework/people/new")); err != nil {
		t.Fatal(err)
	}
	mustSubmit(t, ctx, "add a person", http.StatusOK,
		chromedp.SendKeys(chromedp.CSS("#name"), "Arthur Pennington"),
		chromedp.SendKeys(chromedp.CSS("#date_of_birth"), "2"),
		chromedp.SendKeys(chromedp.CSS("#date_of_birth-month"), "3"),
		chromedp.SendKeys(chromedp.CSS("#date_of_birth-year"), "1948"),
		chromedp.SendKeys(chromedp.CSS("#postcode"), "LS6 3HN"),
		chromedp.Click(chromedp.CSS(`input[name=consent_hold]`)),
		chromedp.SendKeys(chromedp.CSS("#priorities"), "I am lonely since my wife died and would like some company"),
		chromedp.Click(chromedp.CSS(`form.case-form button[type=submit]`)),
	)
	ctx = browsertest.Step(t, tab)
	mustSubmit(t, ctx, "open Find support", http.StatusOK, chromedp.Click(chromedp.CSS(`main a.button[href$="/find-support"]`)))
	m := mustReadMap(t, ctx)
	checkMarkersMatchList(t, m)
	if m.Home != "Where the person lives" {
		t.Errorf("the person's point is labelled %q", m.Home)
	}
	if m.Tiles != 0 || m.Attribution != "" {
		t.Errorf("casework map draws %d tiles, attribution %q", m.Tiles, m.Attribution)
	}
	if len(m.Elsewhere) > 0 {
		t.Errorf("casework Find support fetched from other origins: %q", m.Elsewhere)
	}
	if err := chromedp.Do(ctx, chromedp.Sleep(time.Second)); err != nil {
		t.Fatal(err)
	}
	if n := tiles.requests.Load(); n != 0 {
		t.Errorf("casework Find support asked the tile server for %d tiles", n)
	}
	mustAxe(t, ctx, "casework Find support with a map on a phone")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	mustAxe(t, ctx, "casework Find support with a map on a desktop")

	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/search?q=company&postcode=LS6+3HN")); err != nil {
		t.Fatal(err)
	}
	mustReadMap(t, ctx)
	if n := tiles.waitForTiles(); n == 0 {
		t.Error("the public search on the same server asked for no tiles either: the casework check proves nothing")
	}
}

// TestCaseworkTilesFlag turns tiles on for casework with
// --casework-tiles: Find support then asks the tile server.
func TestCaseworkTilesFlag(t *testing.T) {
	tiles := newTileServer(t)
	base, _, ctx := loggedInTabWith(t, "north.worker@example.org", "--tile-url", tiles.url, "--casework-tiles")
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/casework/people/new")); err != nil {
		t.Fatal(err)
	}
	mustSubmit(t, ctx, "add a person", http.StatusOK,
		chromedp.SendKeys(chromedp.CSS("#name"), "Maud Ackroyd"),
		chromedp.SendKeys(chromedp.CSS("#date_of_birth"), "20"),
		chromedp.SendKeys(chromedp.CSS("#date_of_birth-month"), "11"),
		chromedp.SendKeys(chromedp.CSS("#date_of_birth-year"), "1950"),
		chromedp.SendKeys(chromedp.CSS("#postcode"), "LS6 3HN"),
		chromedp.Click(chromedp.CSS(`input[name=consent_hold]`)),
		chromedp.SendKeys(chromedp.CSS("#priorities"), "I would like to get out and meet people"),
		chromedp.Click(chromedp.CSS(`form.case-form button[type=submit]`)),
	)
	mustSubmit(t, ctx, "open Find support", http.StatusOK, chromedp.Click(chromedp.CSS(`main a.button[href$="/find-support"]`)))
	m := mustReadMap(t, ctx)
	if n := tiles.waitForTiles(); n == 0 {
		t.Error("with --casework-tiles, casework Find support asked for no tiles")
	}
	if !strings.Contains(m.Attribution, "© OpenStreetMap contributors") {
		t.Errorf("casework map with tiles has attribution %q", m.Attribution)
	}
}

// TestTileURLNoneInBrowser serves with --tile-url none: the public map
// still shows the numbered markers, on a plain background, and the page
// fetches nothing from any other origin.
func TestTileURLNoneInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	base := mustServe(t, "--tile-url", "none")
	ctx := browsertest.Step(t, browsertest.New(t))
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/search?"+url.Values{"q": {"walking"}, "postcode": {"LS6 3HN"}}.Encode())); err != nil {
		t.Fatal(err)
	}
	m := mustReadMap(t, ctx)
	checkMarkersMatchList(t, m)
	if m.Tiles != 0 || m.Attribution != "" || len(m.Elsewhere) > 0 {
		t.Errorf("--tile-url none: %d tiles, attribution %q, fetched from %q", m.Tiles, m.Attribution, m.Elsewhere)
	}
	mustAxe(t, ctx, "search with a plain map on a phone")
}
