package sqlite_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/hsds"
)

// TestListingEditsShareSizeLimits: a listing edited through the web
// (published at once, or sent for review) meets the same size limits as
// an import, because both validate through directory.
func TestListingEditsShareSizeLimits(t *testing.T) {
	ctx := context.Background()
	db := mustOpenAt(t, filepath.Join(t.TempDir(), "linkway.db"))
	if _, err := stagedImport(ctx, db, &hsds.Importer{}, stagedFeed(t, "s", 1, "")); err != nil {
		t.Fatal(err)
	}
	edited := stagedService("s", 0, strings.Repeat("x", directory.MaxDescriptionLength))
	if _, err := db.Publish(ctx, edited, 1, ""); directory.KindOf(err) != directory.Invalid ||
		!strings.Contains(directory.MessageOf(err), `field "description": is 20,043 characters long, over the limit of 20,000`) {
		t.Errorf("Publish of an oversized description = %v, want it refused naming the field", err)
	}
	if _, err := db.SubmitReview(ctx, edited, 1); directory.KindOf(err) != directory.Invalid {
		t.Errorf("SubmitReview of an oversized description = %v, want Invalid", err)
	}
	s, err := db.Service(ctx, "s-0")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Description) > directory.MaxDescriptionLength {
		t.Errorf("the oversized description was stored")
	}
}
