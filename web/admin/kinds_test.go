package admin_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/webtest"
)

// TestAdminCorrectsKinds: an admin sets a listing's kinds of support,
// which are published as moderated at once, kept as a version, audited,
// found by search, and kept through an editor's change; "automatic"
// gives the listing its classified kinds again.
func TestAdminCorrectsKinds(t *testing.T) {
	fx := webtest.New(t)
	admin, editor := fx.As(t, "admin@example.org"), fx.As(t, "editor@example.org")
	before := fx.Listing(t, "walk-1").KindIDs()

	st, page := fx.Call(t, admin, "GET", "/admin/services/walk-1/kinds", "")
	if st != http.StatusOK {
		t.Fatalf("kinds page: %d", st)
	}
	webtest.WantIn(t, "kinds page", page, "Kinds of support of Meanwood Valley Health Walk", "Choose its kinds of support",
		`<label for="kind-befriending">Befriending</label>`, `<label for="kind-arts-and-crafts">Arts and crafts</label>`)

	st, loc, _ := fx.Form(t, admin, "/admin/services/walk-1/kinds", url.Values{"kind": {"arts-and-crafts", "befriending"}})
	if st != http.StatusSeeOther || !strings.HasSuffix(loc, "/kinds?done=set") {
		t.Fatalf("set kinds: %d %s", st, loc)
	}
	got := fx.Listing(t, "walk-1")
	if strings.Join(got.KindIDs(), ",") != "arts-and-crafts,befriending" || got.Kinds[0].Source != directory.KindModerated {
		t.Fatalf("after the correction: kinds %+v, want arts-and-crafts and befriending, moderated", got.Kinds)
	}
	if fx.AuditCount(t, "listing.kinds", "service walk-1 kinds arts-and-crafts,befriending") != 1 {
		t.Error("the correction is not audited as listing.kinds")
	}
	_, page = fx.Call(t, admin, "GET", "/admin/services/walk-1/kinds?done=set", "")
	webtest.WantIn(t, "kinds page after the correction", page, "published as you chose them", "Arts and crafts: set by an admin",
		"Give its kinds automatically again")
	if _, page := fx.Call(t, admin, "GET", "/admin/services/walk-1/history", ""); !strings.Contains(page, "Kinds of support corrected") {
		t.Error("the correction is not a version in the listing's history")
	}
	fx.SearchUntil(t, "category=arts-and-crafts", `"id":"walk-1"`)

	// An editor's change keeps the admin's kinds.
	if st, out := fx.Call(t, editor, "PUT", "/api/v1/services/walk-1", webtest.WalkHSDS("Meanwood Mud Walk", "10:00", "11:00")); st != 200 && st != 202 {
		t.Fatalf("editor PUT: %d %s", st, out)
	}
	if got := fx.Listing(t, "walk-1"); strings.Join(got.KindIDs(), ",") != "arts-and-crafts,befriending" {
		t.Errorf("after an editor's change: kinds %v, want the admin's", got.KindIDs())
	}

	// Refused: nothing chosen, or a kind that is not Linkway's.
	if st, _, body := fx.Form(t, admin, "/admin/services/walk-1/kinds", url.Values{}); st != http.StatusUnprocessableEntity || !strings.Contains(body, "Choose at least one kind of support") {
		t.Errorf("no kind chosen: %d", st)
	}
	if st, _, _ := fx.Form(t, admin, "/admin/services/walk-1/kinds", url.Values{"kind": {"bd-1800"}}); st != http.StatusBadRequest {
		t.Errorf("an unknown kind: %d, want 400", st)
	}
	if st, _, _ := fx.Form(t, editor, "/admin/services/walk-1/kinds", url.Values{"kind": {"befriending"}}); st != http.StatusNotFound {
		t.Errorf("an editor setting kinds: %d, want 404", st)
	}

	st, loc, _ = fx.Form(t, admin, "/admin/services/walk-1/kinds", url.Values{"automatic": {"true"}})
	if st != http.StatusSeeOther || !strings.HasSuffix(loc, "/kinds?done=automatic") {
		t.Fatalf("automatic: %d %s", st, loc)
	}
	if got := fx.Listing(t, "walk-1"); got.Moderated() || len(got.Kinds) == 0 || !slices.Contains(got.KindIDs(), before[0]) {
		t.Errorf("given automatically again: kinds %+v, want classified ones, %s among them as before", got.Kinds, before[0])
	}
	if fx.AuditCount(t, "listing.kinds", "service walk-1 kinds automatic") != 1 {
		t.Error("returning to automatic is not audited")
	}
}
