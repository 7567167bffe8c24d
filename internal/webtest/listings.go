package webtest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/sqlite"
)

// Organisations for listings a test adds with [Site.PutListing]: Walkers
// is org-1, which runs walk-1 in testdata/services.json; Knit is a group
// the file lacks, with an email and no editor.
var (
	Walkers = &directory.Organization{ID: "org-1", Name: "Meanwood Walkers"}
	Knit    = &directory.Organization{ID: "org-knit", Name: "Knit and Natter", Email: "knit@example.org"}
)

// WalkHSDS is walk-1 of testdata/services.json as an HSDS 3.0 service
// object, the body the listing API takes, named name with its session
// at opens–closes.
func WalkHSDS(name, opens, closes string) string {
	return `{"id": "walk-1", "name": "` + name + `", "status": "active",
		"description": "A gentle hour-long walk through Meanwood Park, led by trained volunteers.\nWe stop for a cuppa at the end.",
		"minimum_age": 18, "sp_referral_routes": ["drop-in", "self-referral"],
		"organization": {"id": "org-1", "name": "Meanwood Walkers"},
		"attributes": [{"taxonomy_term": {"id": "walking-groups"}}],
		"cost_options": [{"id": "c1", "amount": 0, "amount_description": "Free"}],
		"phones": [{"id": "p1", "number": "0113 496 0001"}],
		"service_at_locations": [{"id": "sal-1",
			"location": {"id": "loc-1", "location_type": "physical", "name": "Meanwood Park gates", "latitude": 53.8338, "longitude": -1.5776,
				"addresses": [{"id": "ad1", "address_1": "Green Road", "city": "Leeds", "postal_code": "LS6 4LD", "country": "GB", "address_type": "physical"}],
				"accessibility": [{"id": "ac1", "description": "Step-free access on the main path"}]},
			"schedules": [{"id": "s1", "freq": "WEEKLY", "byday": "TU", "opens_at": "` + opens + `", "closes_at": "` + closes + `"}]}]}`
}

// SearchUntil searches as a resident until the answer contains want,
// failing after a second: published changes must reach search by then.
func (s *Site) SearchUntil(tb testing.TB, query, want string) {
	tb.Helper()
	anon := s.As(tb, "")
	deadline := time.Now().Add(time.Second)
	for {
		st, out := s.Call(tb, anon, "GET", "/api/v1/search?"+query, "")
		if st == 200 && strings.Contains(out, want) {
			return
		}
		if time.Now().After(deadline) {
			tb.Fatalf("search %s did not show %q within a second: %d %s", query, want, st, out)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// PutListing stores a listed service of org checked months months before
// the site's clock (never when months < 0), of one kind, at postcode
// (none when empty).
func (s *Site) PutListing(tb testing.TB, id string, org *directory.Organization, months int, kind, postcode string) {
	tb.Helper()
	svc := &directory.Service{ID: id, Name: "Listing " + id, Status: directory.StatusActive, Organization: org}
	if months >= 0 {
		svc.LastVerified = time.Date(s.Now.Year(), s.Now.Month(), s.Now.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, -months, 0)
	}
	if kind != "" {
		svc.Terms = []directory.Term{{ID: kind, Name: kind}}
	}
	if postcode != "" {
		svc.Locations = []directory.ServiceAtLocation{{ID: "sal-" + id, Location: directory.Location{ID: "loc-" + id, Type: directory.Physical,
			Addresses: []directory.Address{{ID: "ad-" + id, Address1: "1 High Street", PostalCode: postcode}}}}}
	}
	err := s.DB.InTx(context.Background(), func(tx *sqlite.Tx) error {
		_, _, err := tx.PutService(context.Background(), svc)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
}
