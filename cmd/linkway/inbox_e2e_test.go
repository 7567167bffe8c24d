package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/browsertest"
	"github.com/linkway/linkway/notify"
	"github.com/linkway/linkway/sqlite"
)

// TestReferralInboxJourney closes the loop in a real browser: a link
// worker refers someone to a demo organisation; its editor accepts in the
// inbox and the link worker sees it accepted; a second referral is
// answered through the single-use link in the organisation's
// notification, without logging in. Each page is checked with axe-core.
func TestReferralInboxJourney(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	dir := filepath.Join(t.TempDir(), "data")
	base, stdout := mustServeOutput(t, "--data", dir)
	logins := demoLogins(t, stdout)

	// The editor's organisation and two of its services, read from the store.
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(dir, "linkway.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	editor, _, err := db.UserByEmail(ctx, "editor@example.org")
	if err != nil {
		t.Fatal(err)
	}
	all, _, err := db.FindServices(ctx, directory.ServiceFilter{Listed: true})
	if err != nil {
		t.Fatal(err)
	}
	var services []*directory.Service
	for _, s := range all {
		if s.Organization != nil && s.Organization.ID == editor.OrganizationID {
			services = append(services, s)
		}
	}
	if len(services) == 0 {
		t.Fatalf("the demo editor's organisation %s has no listed services", editor.OrganizationID)
	}

	// The north link worker records a person and refers them, over the API.
	worker := apiClient(t, base, "north.worker@example.org", logins["north.worker@example.org"].password)
	person := worker.post(t, "/api/v1/people", `{"name": "Maud Hartley", "date_of_birth": "1946-05-01", "postcode": "LS16 6AA",
		"nhs_number": "943 476 5919", "priorities": "I'd like to get outdoors with people", "consent": {"hold": true, "share": true}}`, http.StatusCreated)["id"]
	first := worker.post(t, "/api/v1/people/"+person+"/referrals", `{"service_id": "`+services[0].ID+`", "mode": "referral"}`, http.StatusCreated)["id"]

	// The editor accepts it in the inbox.
	editorTab := browsertest.New(t)
	tab := browsertest.Step(t, editorTab)
	if err := chromedp.Do(tab, chromedp.Navigate(base+"/login")); err != nil {
		t.Fatal(err)
	}
	mustLogin(t, tab, "editor@example.org", logins["editor@example.org"].password)
	mustSubmit(t, tab, "open the inbox from the menu", http.StatusOK, chromedp.Click(chromedp.CSS(`nav a[href="/org/inbox"]`)))
	mustAxe(t, tab, "referral inbox")
	tab = browsertest.Step(t, editorTab) // a fresh step deadline for the referral itself
	mustSubmit(t, tab, "open the referral", http.StatusOK, chromedp.Click(chromedp.CSS(`main a[href="/org/referrals/`+first+`"]`)))
	if got := mustText(t, tab, "main"); !strings.Contains(got, "Maud Hartley") || strings.Contains(got, "943 476 5919") || strings.Contains(got, "1946") {
		t.Errorf("the referral page should show the name the person agreed to share and nothing else:\n%s", got)
	}
	mustAxe(t, tab, "a referral in the inbox")
	mustSubmit(t, tab, "accept the referral", http.StatusOK, chromedp.Click(chromedp.CSS(`form input[name=status][value=accepted] ~ button`)))
	if got := mustText(t, tab, ".confirm"); !strings.Contains(got, "accepted") {
		t.Errorf("after accepting, the page says %q", got)
	}
	mustAxe(t, tab, "a referral just accepted")

	// The link worker sees it accepted on the person's page.
	lw := browsertest.Step(t, browsertest.New(t))
	if err := chromedp.Do(lw, chromedp.Navigate(base+"/login")); err != nil {
		t.Fatal(err)
	}
	mustLogin(t, lw, "north.worker@example.org", logins["north.worker@example.org"].password)
	if err := chromedp.Do(lw, chromedp.Navigate(base+"/casework/people/"+person)); err != nil {
		t.Fatal(err)
	}
	if got := mustText(t, lw, "#referrals + ul"); !strings.Contains(got, "Now: accepted") {
		t.Errorf("the link worker's view of the referral:\n%s", got)
	}

	// A second referral, answered through the link in the notification.
	// It may be to the same service, still open, so it is confirmed.
	second := worker.post(t, "/api/v1/people/"+person+"/referrals", `{"service_id": "`+services[len(services)-1].ID+`", "mode": "referral", "confirm_duplicate": true}`, http.StatusCreated)["id"]
	mail, err := db.Outbox(ctx, notify.OutboxFilter{Kind: "referral", About: second})
	if err != nil || len(mail) == 0 {
		t.Fatalf("no notification of the second referral in the outbox (%v)", err)
	}
	link := regexp.MustCompile(regexp.QuoteMeta(base) + `/answer/[A-Za-z0-9]+`).FindString(mail[0].Body)
	if link == "" {
		t.Fatalf("no answer link in the notification:\n%s", mail[0].Body)
	}
	anon := browsertest.Step(t, browsertest.New(t))
	mustSubmit(t, anon, "open the answer link", http.StatusOK, chromedp.Navigate(link))
	mustAxe(t, anon, "answer a referral by link")
	mustSubmit(t, anon, "accept by link", http.StatusOK, chromedp.Click(chromedp.CSS(`form input[name=status][value=accepted] ~ button`)))
	mustAxe(t, anon, "answered by link")
	mustSubmit(t, anon, "open the used link again", http.StatusConflict, chromedp.Navigate(link))
	if got := worker.get(t, "/api/v1/people/"+person); !strings.Contains(got, `"id":"`+second+`"`) || strings.Count(got, `"status":"accepted"`) < 2 {
		t.Errorf("after both answers the link worker's record is:\n%s", got)
	}
}

// apiTestClient is a logged-in JSON API client.
type apiTestClient struct {
	base string
	c    *http.Client
}

func apiClient(t *testing.T, base, email, password string) *apiTestClient {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	a := &apiTestClient{base: base, c: &http.Client{Jar: jar}}
	a.post(t, "/api/v1/login", `{"email": "`+email+`", "password": "`+password+`"}`, http.StatusOK)
	return a
}

func (a *apiTestClient) post(t *testing.T, path, body string, want int) map[string]string {
	t.Helper()
	resp, err := a.c.Post(a.base+path, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	json.NewDecoder(resp.Body).Decode(&out)
	if resp.StatusCode != want {
		t.Fatalf("POST %s: %d %v, want %d", path, resp.StatusCode, out, want)
	}
	strs := map[string]string{}
	for k, v := range out {
		if s, ok := v.(string); ok {
			strs[k] = s
		}
	}
	return strs
}

func (a *apiTestClient) get(t *testing.T, path string) string {
	t.Helper()
	resp, err := a.c.Get(a.base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
