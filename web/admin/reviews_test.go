package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/linkway/linkway/internal/webtest"
)

func TestHistoryAndRestore(t *testing.T) {
	fx := webtest.New(t)
	if err := fx.DB.SetTrusted(context.Background(), "org-1", true); err != nil {
		t.Fatal(err)
	}
	editor, admin := fx.As(t, "editor@example.org"), fx.As(t, "admin@example.org")
	if st, out := fx.Call(t, editor, "PUT", "/api/v1/services/walk-1", webtest.WalkHSDS("Meanwood Mud Walk", "10:00", "11:00")); st != 200 {
		t.Fatalf("PUT: %d %s", st, out)
	}
	if st, _ := fx.Call(t, editor, "PUT", "/api/v1/services/walk-1", webtest.WalkHSDS("Meanwood Moonlit Walk", "19:00", "20:00")); st != 200 {
		t.Fatal("second PUT")
	}
	st, page := fx.Call(t, admin, "GET", "/admin/services/walk-1/history", "")
	if st != 200 {
		t.Fatalf("history: %d", st)
	}
	for _, want := range []string{"Version 2 (published now)", "Version 1", "Version 0", "Walks Editor", "Meanwood Mud Walk", "Meanwood Moonlit Walk",
		"Tuesdays 19:00–20:00", "Restore version 0", "Restore version 1"} {
		if !strings.Contains(page, want) {
			t.Errorf("history lacks %q", want)
		}
	}
	if strings.Contains(page, "Restore version 2") {
		t.Error("history offers to restore the version already published")
	}
	st, loc, _ := fx.Form(t, admin, "/admin/services/walk-1/restore", url.Values{"version": {"0"}})
	if st != http.StatusSeeOther || !strings.HasSuffix(loc, "/history?done=restored") {
		t.Fatalf("restore: %d %s", st, loc)
	}
	got := fx.Listing(t, "walk-1")
	if got.Name != "Meanwood Valley Health Walk" || got.Locations[0].Schedules[0].Opens != "10:00" {
		t.Errorf("restored: %q opens %s", got.Name, got.Locations[0].Schedules[0].Opens)
	}
	fx.SearchUntil(t, "q=meanwood", `"next_session":"2026-11-24T10:00:00Z"`)
	if _, page := fx.Call(t, admin, "GET", "/admin/services/walk-1/history", ""); !strings.Contains(page, "Version 3 (published now)") || !strings.Contains(page, "Version 0 restored") {
		t.Error("the restore is not in the history")
	}
	if st, _, _ := fx.Form(t, admin, "/admin/services/walk-1/restore", url.Values{"version": {"42"}}); st != http.StatusNotFound {
		t.Errorf("restoring a version that does not exist: %d", st)
	}
	if st, _, _ := fx.Form(t, editor, "/admin/services/walk-1/restore", url.Values{"version": {"1"}}); st != http.StatusNotFound {
		t.Errorf("an editor restoring: %d, want 404", st)
	}
	if fx.AuditCount(t, "listing.restore", "service walk-1 version 0") != 1 {
		t.Error("restore not audited")
	}
}
