package cases_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/linkway/linkway/internal/webtest"
	"github.com/linkway/linkway/sqlite"
)

// TestPrintableSummary: the summary a person takes home has each
// service's whole description (not cut short with "…"), and the name and
// phone number of their link worker, who may not be the one printing it.
func TestPrintableSummary(t *testing.T) {
	fx := webtest.New(t)
	ctx := context.Background()
	north := fx.As(t, "north@example.org")
	id := fx.MustPerson(t, north, webtest.AdaJSON)

	// A description longer than any card shows, ending in words a cut
	// would lose.
	walk := fx.Listing(t, "walk-1")
	walk.Description = strings.Repeat("We walk at an easy pace and wait for everyone at every gate. ", 6) + "Bring a waterproof: we go whatever the weather."
	if err := fx.DB.InTx(ctx, func(tx *sqlite.Tx) error { _, _, err := tx.PutService(ctx, walk); return err }); err != nil {
		t.Fatal(err)
	}
	fx.MustRefer(t, north, id, "walk-1", "signpost")

	users, err := fx.DB.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var colleague int64
	for _, u := range users {
		if u.Email == "north2@example.org" {
			colleague = u.ID
		}
	}
	if err := fx.DB.SetUserPhone(ctx, colleague, " 0113 496 0777 "); err != nil {
		t.Fatal(err)
	}
	st, _, _ := fx.Form(t, north, "/casework/people/"+id+"/edit", url.Values{"name": {"Ada Lovelace"}, "date_of_birth": {"1950-03-04"},
		"consent_hold": {"true"}, "status": {"active"}, "link_worker": {strconv.FormatInt(colleague, 10)}})
	if st != http.StatusSeeOther {
		t.Fatalf("assign the colleague: %d", st)
	}

	st, page := fx.Call(t, north, "GET", "/casework/people/"+id+"/summary", "")
	if st != http.StatusOK {
		t.Fatalf("summary: %d", st)
	}
	webtest.WantIn(t, "summary", page, "Bring a waterproof: we go whatever the weather.",
		"Your link worker", "North Colleague, phone", ">0113 496 0777</a>")
	if strings.Contains(page, "…") {
		t.Error("the summary cuts something short with …")
	}

	// With no phone given, the name stands alone.
	if err := fx.DB.SetUserPhone(ctx, colleague, ""); err != nil {
		t.Fatal(err)
	}
	_, page = fx.Call(t, north, "GET", "/casework/people/"+id+"/summary", "")
	if !strings.Contains(page, "North Colleague</p>") {
		t.Error("with no phone, the summary does not name the link worker on their own")
	}
	if err := fx.DB.SetUserPhone(ctx, colleague, "ring me"); err == nil {
		t.Error("a phone number with no digits was stored")
	}
}
