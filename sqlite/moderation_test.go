package sqlite_test

import (
	"context"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/sqlite"
)

// mustModerationDB is a store holding the test feed, on a fixed clock
// that tests may move.
func mustModerationDB(t *testing.T) (*sqlite.DB, *time.Time) {
	t.Helper()
	db := mustOpenDB(t)
	data, err := os.ReadFile("testdata/services.json")
	if err != nil {
		t.Fatal(err)
	}
	mustImportFile(t, db, data)
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	return db, &now
}

// Reviews and versions keep services as JSON: every field must come back.
func TestServiceJSONRoundTrip(t *testing.T) {
	db, _ := mustModerationDB(t)
	list, _, err := db.FindServices(context.Background(), directory.ServiceFilter{})
	if err != nil || len(list) < 4 {
		t.Fatalf("services: %d, %v", len(list), err)
	}
	for _, s := range list {
		s.LastVerified = time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var back directory.Service
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		b2, _ := json.Marshal(&back)
		if string(b) != string(b2) || !back.LastVerified.Equal(s.LastVerified) {
			t.Errorf("service %s does not survive JSON:\n%s\n%s", s.ID, b, b2)
		}
		if len(s.Locations) > 0 && s.Locations[0].Location.Point != nil && *back.Locations[0].Location.Point != *s.Locations[0].Location.Point {
			t.Errorf("service %s: point %v came back as %v", s.ID, s.Locations[0].Location.Point, back.Locations[0].Location.Point)
		}
	}
}
