package main

import (
	"strings"
	"testing"
)

// TestEditorLandsOnOrgInBrowser logs the demo organisation editor in
// through the real form and checks they land on their listings, /org,
// not on the residents' home page.
func TestEditorLandsOnOrgInBrowser(t *testing.T) {
	_, _, ctx := loggedInTab(t, "editor@example.org")
	if loc := mustLocation(t, ctx); !strings.HasSuffix(loc, "/org") {
		t.Errorf("after logging in, the editor is at %s, want /org", loc)
	}
	if h1 := mustText(t, ctx, "h1"); h1 == "" {
		t.Error("the editor's landing page has no heading")
	}
}
