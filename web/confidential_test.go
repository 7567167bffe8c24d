package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/webtest"
	"github.com/linkway/linkway/sqlite"
)

// refugeID is the confidential service putRefuge stores.
const refugeID = "refuge-1"

// refugeSecrets are what must never leave Linkway except to a link
// worker: the street, the name that gives the place away, the full
// postcode in both spellings, the coordinates, the register id and the
// directions.
var refugeSecrets = []string{"Hidden Lane", "Ivy House", "LS6 3QX", "LS63QX", "53.8195", "-1.5712", "72700001", "the green door"}

// putRefuge stores a listed domestic abuse service at a confidential
// location and waits for search to find it.
func putRefuge(tb testing.TB, site *webtest.Site) {
	tb.Helper()
	svc := &directory.Service{
		ID: refugeID, Name: "Safe Haven Women's Aid", Status: directory.StatusActive,
		Description:  "Safe accommodation and support for women and children escaping domestic abuse.",
		LastVerified: site.Now.AddDate(0, -1, 0),
		Terms:        []directory.Term{{ID: "domestic-abuse-support", Name: "Domestic abuse support"}},
		Phones:       []directory.Phone{{ID: "ph1", Number: "0113 496 0999"}},
		Locations: []directory.ServiceAtLocation{{
			ID: "sal-refuge", Description: "Ring at the green door",
			Location: directory.Location{
				ID: "loc-refuge", Type: directory.Physical, Name: "Ivy House", Confidential: true,
				Point: &orb.Point{-1.5712, 53.8195}, Transportation: "Bus 56 to Hidden Lane",
				ExternalID: "72700001", ExternalIDType: "uprn",
				Addresses: []directory.Address{{ID: "ad-refuge", Address1: "12 Hidden Lane", City: "Leeds", PostalCode: "LS6 3QX", Country: "GB", Type: "physical"}},
			},
			Schedules: []directory.Schedule{{ID: "sch-refuge", Freq: directory.Weekly, ByDay: "MO,TU,WE,TH,FR", Opens: "09:00", Closes: "17:00"}},
		}},
	}
	err := site.DB.InTx(context.Background(), func(tx *sqlite.Tx) error {
		_, _, err := tx.PutService(context.Background(), svc)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	site.SearchUntil(tb, "q=Safe+Haven", refugeID)
}

// wantNoSecrets fails if body, which is what, holds any of refugeSecrets.
func wantNoSecrets(tb testing.TB, what, body string) {
	tb.Helper()
	for _, s := range refugeSecrets {
		if strings.Contains(body, s) {
			tb.Errorf("%s gives away the confidential address: it holds %q", what, s)
		}
	}
}

func TestConfidentialLocationOnlyDistrictInPublic(t *testing.T) {
	site := webtest.New(t)
	putRefuge(t, site)
	anon := site.As(t, "")

	// Each answer lists the refuge (by name), so each check below looks
	// at what it says about it.
	for _, path := range []string{
		"/services/" + refugeID,
		"/search?q=Safe+Haven",
		"/search?q=Safe+Haven&postcode=LS6+3HN",
		"/browse/domestic-abuse-support",
		"/api/v1/search?q=Safe+Haven",
		"/api/v1/search?q=domestic+abuse&postcode=LS6+3HN&distance=25",
		"/openreferral/services/" + refugeID,
		"/openreferral/services?per_page=1000&full=true",
		"/openreferral/services?format=ndjson",
		"/openreferral/service_at_locations/sal-refuge",
		"/openreferral/service_at_locations?per_page=1000&full=true",
	} {
		st, body := site.Call(t, anon, "GET", path, "")
		if st != http.StatusOK || !strings.Contains(body, "Safe Haven") {
			t.Errorf("GET %s = %d, want 200 listing the refuge", path, st)
		}
		wantNoSecrets(t, "GET "+path, body)
	}
	_, page := site.Call(t, anon, "GET", "/services/"+refugeID, "")
	webtest.WantIn(t, "the service page", page, "LS6", "kept private", "/casework/services/"+refugeID+"/address")

	// Distances near the door would triangulate it: the refuge has none.
	for _, path := range []string{"/api/v1/search?q=Safe+Haven&postcode=LS6+3HN", "/api/v1/search?lat=53.8196&lon=-1.5711"} {
		_, body := site.Call(t, anon, "GET", path, "")
		found := false
		for _, r := range webtest.Decode[struct {
			Results []struct {
				ID         string   `json:"id"`
				DistanceKm *float64 `json:"distance_km"`
			} `json:"results"`
		}](t, body).Results {
			if r.ID == refugeID {
				found = true
				if r.DistanceKm != nil {
					t.Errorf("GET %s gives the refuge a distance of %v km", path, *r.DistanceKm)
				}
			}
		}
		if !found {
			t.Errorf("GET %s does not list the refuge: %s", path, body)
		}
	}

	st, match := site.Call(t, anon, "POST", "/api/v1/match", `{"priorities": "domestic abuse", "needs": ["domestic-abuse-support"], "limit": 20}`)
	if st != http.StatusOK {
		t.Fatalf("POST /api/v1/match = %d %s", st, match)
	}
	webtest.WantIn(t, "POST /api/v1/match", match, refugeID)
	wantNoSecrets(t, "POST /api/v1/match", match)
	st, _, form := site.Form(t, anon, "/find-support", url.Values{"priorities": {"domestic abuse"}, "needs": {"domestic-abuse-support"}})
	if st != http.StatusOK {
		t.Errorf("POST /find-support = %d", st)
	}
	webtest.WantIn(t, "POST /find-support", form, "Safe Haven")
	wantNoSecrets(t, "POST /find-support", form)
}

func TestConfidentialAddressForLinkWorkersAudited(t *testing.T) {
	site := webtest.New(t)
	putRefuge(t, site)
	path := "/casework/services/" + refugeID + "/address"

	worker := site.As(t, "north@example.org")
	st, body := site.Call(t, worker, "GET", path, "")
	if st != http.StatusOK {
		t.Fatalf("a link worker GET %s = %d", path, st)
	}
	webtest.WantIn(t, "the address page", body, "12 Hidden Lane", "LS6 3QX", "Ivy House")
	if n := site.AuditCount(t, "location.confidential.read", "loc-refuge"); n != 1 {
		t.Errorf("%d audit rows for the view, want 1", n)
	}

	// Nobody else sees it, and a refused look writes no audit row.
	for _, who := range []string{"", "editor@example.org"} {
		st, body := site.Call(t, site.As(t, who), "GET", path, "")
		if st == http.StatusOK && strings.Contains(body, "Hidden Lane") {
			t.Errorf("%q was shown the address", who)
		}
	}
	if n := site.AuditCount(t, "location.confidential.read", "loc-refuge"); n != 1 {
		t.Errorf("%d audit rows after refused looks, want still 1", n)
	}

	// A service with no confidential place has no such page.
	if st, _ := site.Call(t, worker, "GET", "/casework/services/walk-1/address", ""); st != http.StatusNotFound {
		t.Errorf("address page of an open service = %d, want 404", st)
	}
}
