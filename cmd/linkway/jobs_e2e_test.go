package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/linkway/linkway/internal/browsertest"
)

// slowFeed serves six services over three ORUK v1 pages, each after a
// pause, so that a sync of it takes long enough to be seen running.
func slowFeed(t *testing.T, pause time.Duration) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(pause):
		case <-r.Context().Done():
			return
		}
		page := r.URL.Query().Get("page")
		if page != "1" && page != "2" && page != "3" {
			http.Error(w, "no such page", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"totalElements": 6, "totalPages": 3, "content": [
			{"id": "%[1]s-a", "name": "Lunch club %[1]s", "status": "active"},
			{"id": "%[1]s-b", "name": "Walking group %[1]s", "status": "active"}]}`, page)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestSyncAndImportShowProgressInBrowser starts a sync of a live feed
// from the feeds page in a real browser and sees it running, then its
// report, without reloading; then uploads an Open Referral example file
// and sees its report. Every page passes axe-core on a phone and on a
// desktop.
func TestSyncAndImportShowProgressInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	dir := filepath.Join(t.TempDir(), "data")
	// No scheduled syncs: the admin starts this one.
	base, stdout := mustServeOutput(t, "--data", dir, "--feed-sync-interval", "0")
	feed := slowFeed(t, 700*time.Millisecond)
	if _, _, err := runCmd(t, "feed", "add", "--data", dir, "--name", "leeds", feed.URL+"/o/ServiceDirectoryService/v2"); err != nil {
		t.Fatal(err)
	}
	tab := browsertest.New(t)
	ctx := browsertest.Step(t, tab)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/login")); err != nil {
		t.Fatal(err)
	}
	mustLogin(t, ctx, "admin@example.org", demoLogins(t, stdout)["admin@example.org"].password)

	desktop := func(on bool) {
		t.Helper()
		w, h := int64(390), int64(844)
		if on {
			w, h = 1280, 900
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, h)); err != nil {
			t.Fatal(err)
		}
	}
	axeBoth := func(page string) {
		t.Helper()
		desktop(false)
		mustAxe(t, ctx, page+" on a phone")
		desktop(true)
		mustAxe(t, ctx, page+" on a desktop")
		desktop(false)
	}

	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/admin/feeds")); err != nil {
		t.Fatal(err)
	}
	axeBoth("feeds page")
	mustSubmit(t, ctx, "Sync now", http.StatusOK, chromedp.Click(chromedp.CSS(`form[action="/admin/feeds/leeds/sync"] button`)))
	if got := mustText(t, ctx, "h1"); got != "Sync of feed leeds" {
		t.Fatalf("after Sync now, h1 = %q", got)
	}
	// The script shows the pages as they come, on the same page.
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`/Running: [1-3] pages? fetched/.test(document.getElementById("job-now").textContent)`)); err != nil {
		t.Fatalf("no progress shown: %v (%q)", err, mustText(t, ctx, "#job-now"))
	}
	if label := mustText(t, ctx, `label[for="job-progress"]`); label != "Progress" {
		t.Errorf("the progress bar's label = %q", label)
	}
	axeBoth("a running sync's page")
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector(".job-counts") !== null`)); err != nil {
		t.Fatalf("the report did not come: %v (%q)", err, mustText(t, ctx, "#job-now"))
	}
	if got, want := mustText(t, ctx, "#job-now"), "Finished: 6 records read; 6 added, 0 updated, 0 removed, 0 invalid."; got != want {
		t.Errorf("the finished sync says %q, want %q", got, want)
	}
	// The end is announced, politely.
	if got := mustTextContent(t, ctx, "#job-status[role=status]"); !strings.HasPrefix(got, "Finished: 6 records read") {
		t.Errorf("the live region says %q at the end", got)
	}
	if counts := mustText(t, ctx, ".job-counts"); !strings.Contains(counts, "Added\n6") && !strings.Contains(counts, "Added 6") && !strings.Contains(counts, "Added\t6") {
		t.Errorf("the report's counts: %q", counts)
	}
	if exists, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("job-progress") !== null`)); exists {
		t.Error("the finished sync's page still shows a progress bar")
	}
	axeBoth("a finished sync's page")

	// An upload of an Open Referral example.
	ctx = browsertest.Step(t, tab)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/admin/import")); err != nil {
		t.Fatal(err)
	}
	axeBoth("import form")
	example, err := filepath.Abs("../../testdata/openreferral/hsds-3.0-examples/service_full.json")
	if err != nil {
		t.Fatal(err)
	}
	mustSubmit(t, ctx, "import a file", http.StatusOK,
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{example}),
		chromedp.Click(chromedp.CSS(`form[action="/admin/import"] button[type=submit]`)),
	)
	if got := mustText(t, ctx, "h1"); got != "Import of service_full.json" {
		t.Fatalf("after the upload, h1 = %q", got)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector(".job-counts") !== null`)); err != nil {
		t.Fatalf("the import's report did not come: %v (%q)", err, mustText(t, ctx, "#job-now"))
	}
	if got := mustText(t, ctx, "#job-now"); !strings.HasPrefix(got, "Finished: ") || !strings.Contains(got, "1 added") {
		t.Errorf("the finished import says %q", got)
	}
	axeBoth("a finished import's page")
}
