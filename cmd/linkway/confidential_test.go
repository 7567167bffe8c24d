package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// refugeFeed is an HSDS 3.0 document whose one location a feed marks
// confidential with an attribute, as README's "Confidential locations"
// says.
const refugeFeed = `[{
  "id": "refuge-9", "name": "Harbour Women's Refuge", "status": "active",
  "description": "Safe housing for women escaping domestic abuse.",
  "service_at_locations": [{"id": "sal-9", "description": "Ring at the yellow gate",
    "location": {"id": "loc-9", "location_type": "physical", "name": "Larch Villa",
      "latitude": 53.8071, "longitude": -1.5487, "transportation": "Bus 2 to Quarry Mount",
      "attributes": [{"id": "attr-9", "taxonomy_term_id": "confidential"}],
      "addresses": [{"id": "ad-9", "address_1": "7 Quarry Mount", "city": "Leeds", "postal_code": "LS6 2JT", "country": "GB", "address_type": "physical"}]}}]
}]`

// TestImportedConfidentialLocationNeverExported: a feed's confidential
// place is kept as such on import, and no export format carries its
// name, street, full postcode, coordinates or directions; its district
// does.
func TestImportedConfidentialLocationNeverExported(t *testing.T) {
	dir := t.TempDir()
	feed := filepath.Join(t.TempDir(), "refuge.json")
	if err := os.WriteFile(feed, []byte(refugeFeed), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runCmd(t, "import", "--data", dir, feed); err != nil {
		t.Fatalf("import: %v\n%s", err, stderr)
	}
	for _, format := range []string{"hsds3", "ndjson", "datapackage"} {
		out := filepath.Join(t.TempDir(), "export."+format)
		if _, stderr, err := runCmd(t, "export", "--data", dir, "--format", format, out); err != nil {
			t.Fatalf("export %s: %v\n%s", format, err, stderr)
		}
		body := mustReadAll(t, out)
		if !strings.Contains(body, "Harbour Women") || !strings.Contains(body, "LS6") {
			t.Errorf("%s export lacks the refuge or its district", format)
		}
		for _, secret := range []string{"Larch Villa", "Quarry Mount", "LS6 2JT", "LS62JT", "53.8071", "-1.5487", "yellow gate"} {
			if strings.Contains(body, secret) {
				t.Errorf("%s export holds %q", format, secret)
			}
		}
	}
}
