package public_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/webtest"
	"github.com/linkway/linkway/sqlite"
)

func TestServicePageSaysWhichFeed(t *testing.T) {
	fx := webtest.New(t)
	ctx := context.Background()
	// 23:30 UTC on 6 July is already 7 July in London (summer time).
	fed := &directory.Service{ID: directory.FeedID("camden", "123"), Name: "Camden Walk", Status: directory.StatusActive,
		Organization: webtest.Walkers, Source: "camden", SourceID: "123", FetchedAt: time.Date(2026, 7, 6, 23, 30, 0, 0, time.UTC)}
	err := fx.DB.InTx(ctx, func(tx *sqlite.Tx) error {
		_, _, err := tx.PutService(ctx, fed)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	fx.PutListing(t, "own", webtest.Walkers, 1, "", "")
	anon := fx.As(t, "")

	st, body := fx.Call(t, anon, "GET", "/services/camden:123", "")
	if st != 200 {
		t.Fatalf("GET the feed's listing = %d", st)
	}
	if want := "From the feed ‘camden’ (original id 123), fetched 7 July 2026."; !strings.Contains(body, want) {
		t.Errorf("the feed's listing does not say %q", want)
	}

	st, body = fx.Call(t, anon, "GET", "/services/own", "")
	if st != 200 {
		t.Fatalf("GET /services/own = %d", st)
	}
	if strings.Contains(body, "From the feed") || strings.Contains(body, "provenance") {
		t.Error("a listing kept here says it came from a feed")
	}
}
