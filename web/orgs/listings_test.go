package orgs_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/webtest"
	"github.com/linkway/linkway/notify"
	"github.com/linkway/linkway/sqlite"
)

// mustListingServer is a site where org-2 (Holbeck Advice) has an editor
// too.
func mustListingServer(t *testing.T) *webtest.Site {
	t.Helper()
	fx := webtest.New(t)
	fx.AddUser(t, casework.User{Email: "advice@example.org", Name: "Advice Editor", Role: casework.RoleEditor, OrganizationID: "org-2"})
	return fx
}

func TestListingsNeedTheRightUser(t *testing.T) {
	fx := mustListingServer(t)
	anon := fx.As(t, "")
	for _, tt := range []struct{ method, path string }{
		{"PUT", "/api/v1/services/walk-1"}, {"POST", "/api/v1/services/walk-1/verify"},
		{"POST", "/api/v1/reviews/1/approve"}, {"POST", "/api/v1/reviews/1/reject"},
	} {
		if st, _ := fx.Call(t, anon, tt.method, tt.path, `{}`); st != http.StatusUnauthorized {
			t.Errorf("%s %s logged out: %d, want 401", tt.method, tt.path, st)
		}
	}
	for _, path := range []string{"/org", "/org/services/walk-1/edit", "/admin/reviews", "/admin/services/walk-1/history"} {
		if st, _ := fx.Call(t, anon, "GET", path, ""); st != http.StatusSeeOther {
			t.Errorf("GET %s logged out: %d, want a redirect to log in", path, st)
		}
	}
	// A link worker has no listings, and no review queue.
	north := fx.As(t, "north@example.org")
	for _, tt := range []struct{ method, path, body string }{
		{"GET", "/org", ""}, {"GET", "/org/services/walk-1/edit", ""}, {"GET", "/admin/reviews", ""},
		{"GET", "/admin/services/walk-1/history", ""},
		{"PUT", "/api/v1/services/walk-1", webtest.WalkHSDS("Mine now", "10:00", "11:00")},
		{"POST", "/api/v1/services/walk-1/verify", ""}, {"POST", "/api/v1/reviews/1/approve", ""},
	} {
		if st, _ := fx.Call(t, north, tt.method, tt.path, tt.body); st != http.StatusNotFound {
			t.Errorf("link worker: %s %s = %d, want 404", tt.method, tt.path, st)
		}
	}
	// Editors are not admins.
	editor := fx.As(t, "editor@example.org")
	for _, path := range []string{"/admin/reviews", "/admin/reviews/1", "/admin/services/walk-1/history"} {
		if st, _ := fx.Call(t, editor, "GET", path, ""); st != http.StatusNotFound {
			t.Errorf("editor: GET %s = %d, want 404", path, st)
		}
	}
	if st, _ := fx.Call(t, editor, "POST", "/api/v1/reviews/1/approve", ""); st != http.StatusNotFound {
		t.Errorf("editor approving: %d, want 404", st)
	}
}

// An editor sees and changes only their own organisation's listings;
// everything else answers 404, whether or not it exists.
func TestEditorCannotTouchAnotherOrganisation(t *testing.T) {
	fx := mustListingServer(t)
	advice := fx.As(t, "advice@example.org")
	st, out := fx.Call(t, advice, "GET", "/org", "")
	if st != 200 || !strings.Contains(out, "Money Matters Drop-in") || strings.Contains(out, "Meanwood Valley Health Walk") {
		t.Fatalf("advice editor's listings: %d, shows walk-1 = %v", st, strings.Contains(out, "Meanwood"))
	}
	for _, id := range []string{"walk-1", "closed-3", "no-such-listing"} {
		esc := url.PathEscape(id)
		for _, tt := range []struct{ method, path, body string }{
			{"GET", "/org/services/" + esc + "/edit", ""},
			{"PUT", "/api/v1/services/" + esc, webtest.WalkHSDS("Taken over", "10:00", "11:00")},
			{"POST", "/api/v1/services/" + esc + "/verify", ""},
		} {
			if st, out := fx.Call(t, advice, tt.method, tt.path, tt.body); st != http.StatusNotFound || strings.Contains(out, "Meanwood") {
				t.Errorf("%s %s = %d, want 404 that names nothing", tt.method, tt.path, st)
			}
		}
		for _, action := range []string{"edit", "verify", "status", "capacity"} {
			v := url.Values{"name": {"Taken over"}, "status": {"open"}, "accepting": {"full"}}
			if st, _, _ := fx.Form(t, advice, "/org/services/"+esc+"/"+action, v); st != http.StatusNotFound {
				t.Errorf("POST %s for %s = %d, want 404", action, id, st)
			}
		}
	}
	if got := fx.Listing(t, "walk-1"); got.Name != "Meanwood Valley Health Walk" || got.Accepting != "" || !got.LastVerified.Equal(time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("walk-1 changed by another organisation's editor: %q %q %v", got.Name, got.Accepting, got.LastVerified)
	}
	if pending, _ := fx.DB.Reviews(context.Background(), "", ""); len(pending) != 0 {
		t.Errorf("%d reviews made by another organisation's editor", len(pending))
	}
}

// The whole moderation flow over the API: submit, see the diff, approve,
// and a resident's search shows the new session time within a second.
func TestSubmitDiffApproveIsSearchable(t *testing.T) {
	fx := mustListingServer(t)
	editor, admin := fx.As(t, "editor@example.org"), fx.As(t, "admin@example.org")
	st, out := fx.Call(t, editor, "PUT", "/api/v1/services/walk-1", webtest.WalkHSDS("Meanwood Valley Sunrise Walk", "10:30", "11:30"))
	if st != http.StatusAccepted {
		t.Fatalf("editor PUT: %d %s, want 202", st, out)
	}
	res := webtest.Decode[map[string]any](t, out)
	if res["status"] != "pending" {
		t.Errorf("PUT answer %v", res)
	}
	reviewID := strconv.Itoa(int(res["review_id"].(float64)))
	if got := fx.Listing(t, "walk-1"); got.Name != "Meanwood Valley Health Walk" {
		t.Fatal("a change waiting for review was published")
	}

	// The editor's page says it is waiting; the queue and the diff show it.
	if _, page := fx.Call(t, editor, "GET", "/org", ""); !strings.Contains(page, "waiting for review") {
		t.Error("the editor's page does not say the change is waiting")
	}
	st, queue := fx.Call(t, admin, "GET", "/admin/reviews", "")
	if st != 200 || !strings.Contains(queue, "/admin/reviews/"+reviewID) || !strings.Contains(queue, "Walks Editor") {
		t.Fatalf("review queue: %d %s", st, queue)
	}
	st, diff := fx.Call(t, admin, "GET", "/admin/reviews/"+reviewID, "")
	if st != 200 {
		t.Fatalf("review page: %d", st)
	}
	for _, want := range []string{"Meanwood Valley Health Walk", "Meanwood Valley Sunrise Walk", "Tuesdays 10:00–11:00", "Tuesdays 10:30–11:30", "Approve and publish", `name="reason"`} {
		if !strings.Contains(diff, want) {
			t.Errorf("review page lacks %q", want)
		}
	}
	if strings.Contains(diff, "Published since this was sent") {
		t.Error("review page warns of changes since, but there were none")
	}

	st, out = fx.Call(t, admin, "POST", "/api/v1/reviews/"+reviewID+"/approve", "")
	if st != 200 || webtest.Decode[map[string]string](t, out)["status"] != "approved" {
		t.Fatalf("approve: %d %s", st, out)
	}
	got := fx.Listing(t, "walk-1")
	if got.Name != "Meanwood Valley Sunrise Walk" || got.Locations[0].Schedules[0].Opens != "10:30" {
		t.Errorf("published: %q opens %s", got.Name, got.Locations[0].Schedules[0].Opens)
	}
	if got.VerifiedBy != "editor@example.org" || !got.LastVerified.Equal(time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("an editor's change is a check of the listing: %v by %q", got.LastVerified, got.VerifiedBy)
	}
	fx.SearchUntil(t, "q=sunrise", `"next_session":"2026-11-24T10:30:00Z"`)
	if st, page := fx.Call(t, fx.As(t, ""), "GET", "/services/walk-1", ""); st != 200 || !strings.Contains(page, "Tuesdays 10:30–11:30") {
		t.Errorf("service page after approval: %d", st)
	}

	if st, _ := fx.Call(t, admin, "POST", "/api/v1/reviews/"+reviewID+"/approve", ""); st != http.StatusConflict {
		t.Errorf("approving twice: %d, want 409", st)
	}
	if st, _ := fx.Call(t, admin, "POST", "/api/v1/reviews/999/approve", ""); st != http.StatusNotFound {
		t.Errorf("approving an unknown review: %d, want 404", st)
	}
	if fx.AuditCount(t, "listing.submit", "review "+reviewID) != 1 || fx.AuditCount(t, "review.approve", "review "+reviewID) != 1 {
		t.Error("submit and approve are not both audited")
	}
	if msgs, _ := fx.DB.Outbox(context.Background(), notify.OutboxFilter{Kind: "review", To: "editor@example.org"}); len(msgs) != 1 || !strings.Contains(msgs[0].Subject, "published") {
		t.Errorf("the editor was not told of the approval: %+v", msgs)
	}
}

func TestRejectWithReasonTheEditorSees(t *testing.T) {
	fx := mustListingServer(t)
	editor, admin := fx.As(t, "editor@example.org"), fx.As(t, "admin@example.org")
	_, out := fx.Call(t, editor, "PUT", "/api/v1/services/walk-1", webtest.WalkHSDS("Walk for Walkers", "10:00", "11:00"))
	reviewID := strconv.Itoa(int(webtest.Decode[map[string]any](t, out)["review_id"].(float64)))

	// A reason is required, on the page and in the API.
	st, _, page := fx.Form(t, admin, "/admin/reviews/"+reviewID+"/reject", url.Values{"reason": {"  "}})
	if st != http.StatusBadRequest || !strings.Contains(page, "Reason is required") || !strings.Contains(page, `aria-invalid="true"`) || !strings.Contains(page, "<title>Error: ") {
		t.Errorf("reject without a reason: %d", st)
	}
	if st, out := fx.Call(t, admin, "POST", "/api/v1/reviews/"+reviewID+"/reject", `{"reason": ""}`); st != http.StatusBadRequest || !strings.Contains(out, "reason") {
		t.Errorf("API reject without a reason: %d %s", st, out)
	}
	if st, out := fx.Call(t, admin, "POST", "/api/v1/reviews/"+reviewID+"/reject", `{"why": "x"}`); st != http.StatusBadRequest || !strings.Contains(out, "why") {
		t.Errorf("API reject with an unknown field: %d %s", st, out)
	}
	st, loc, _ := fx.Form(t, admin, "/admin/reviews/"+reviewID+"/reject", url.Values{"reason": {"Please keep the group's usual name"}})
	if st != http.StatusSeeOther || loc != "/admin/reviews?done=rejected" {
		t.Fatalf("reject: %d %s", st, loc)
	}
	if got := fx.Listing(t, "walk-1"); got.Name != "Meanwood Valley Health Walk" {
		t.Errorf("rejected change published: %q", got.Name)
	}
	if _, page := fx.Call(t, editor, "GET", "/org", ""); !strings.Contains(page, "was not published") || !strings.Contains(page, "Please keep the group&#39;s usual name") {
		t.Error("the editor does not see why their change was rejected")
	}
	if st, _ := fx.Call(t, admin, "POST", "/api/v1/reviews/"+reviewID+"/reject", `{"reason": "again"}`); st != http.StatusConflict {
		t.Errorf("rejecting twice: %d, want 409", st)
	}
	if fx.AuditCount(t, "review.reject", "review "+reviewID) != 1 {
		t.Error("rejection not audited once")
	}
	if msgs, _ := fx.DB.Outbox(context.Background(), notify.OutboxFilter{Kind: "review"}); len(msgs) != 1 || !strings.Contains(msgs[0].Body, "usual name") {
		t.Errorf("the editor was not told the reason: %+v", msgs)
	}
}

// A trusted organisation's changes, and an admin's, are published at once.
func TestTrustedPublishesAtOnce(t *testing.T) {
	fx := mustListingServer(t)
	editor := fx.As(t, "editor@example.org")
	st, out := fx.Call(t, editor, "PUT", "/api/v1/services/walk-1", webtest.WalkHSDS("Meanwood Untrusted Walk", "10:00", "11:00"))
	if st != http.StatusAccepted {
		t.Fatalf("untrusted PUT: %d %s", st, out)
	}
	oldReview := int64(webtest.Decode[map[string]any](t, out)["review_id"].(float64))
	if err := fx.DB.SetTrusted(context.Background(), "org-1", true); err != nil {
		t.Fatal(err)
	}
	st, out = fx.Call(t, editor, "PUT", "/api/v1/services/walk-1", webtest.WalkHSDS("Meanwood Trusted Walk", "10:00", "11:00"))
	if st != 200 || webtest.Decode[map[string]string](t, out)["status"] != "published" {
		t.Fatalf("trusted PUT: %d %s, want 200 published", st, out)
	}
	if got := fx.Listing(t, "walk-1"); got.Name != "Meanwood Trusted Walk" {
		t.Errorf("not published: %q", got.Name)
	}
	fx.SearchUntil(t, "q=trusted", `"id":"walk-1"`)
	if pending, _ := fx.DB.Reviews(context.Background(), directory.ReviewPending, ""); len(pending) != 0 {
		t.Errorf("a trusted change went to review, or left an older one waiting: %d", len(pending))
	}
	// The change sent before is out of date: approving it would undo this.
	if rv, _ := fx.DB.Review(context.Background(), oldReview); rv.Status != directory.ReviewRejected || !strings.Contains(rv.Reason, "Replaced") {
		t.Errorf("the older change is %s %q, want replaced", rv.Status, rv.Reason)
	}
	// The same listing again is not a change.
	if st, out := fx.Call(t, editor, "PUT", "/api/v1/services/walk-1", webtest.WalkHSDS("Meanwood Trusted Walk", "10:00", "11:00")); st != 200 || !strings.Contains(out, "unchanged") {
		t.Errorf("unchanged PUT: %d %s", st, out)
	}
	// An admin's change is published, whichever organisation.
	admin := fx.As(t, "admin@example.org")
	if st, out := fx.Call(t, admin, "PUT", "/api/v1/services/walk-1", webtest.WalkHSDS("Meanwood Admin Walk", "10:00", "11:00")); st != 200 || !strings.Contains(out, "published") {
		t.Errorf("admin PUT: %d %s", st, out)
	}
	if fx.AuditCount(t, "listing.publish", "service walk-1") != 2 {
		t.Error("published changes not audited")
	}
	versions, _ := fx.DB.ServiceVersions(context.Background(), "walk-1")
	if len(versions) != 3 {
		t.Errorf("versions = %d, want the original and two published", len(versions))
	}
}

func TestServiceAPIValidation(t *testing.T) {
	fx := mustListingServer(t)
	editor := fx.As(t, "editor@example.org")
	good := webtest.WalkHSDS("Meanwood Valley Health Walk", "10:00", "11:00")
	tests := []struct{ name, body, field string }{
		{"not JSON", `{"id": `, "HSDS"},
		{"a list", `[` + good + `]`, "HSDS"},
		{"no name", `{"id": "walk-1", "status": "active"}`, `"name"`},
		{"no id", `{"name": "x", "status": "active"}`, `"id"`},
		{"empty name", strings.Replace(good, `"name": "Meanwood Valley Health Walk"`, `"name": ""`, 1), `"name"`},
		{"another id", strings.Replace(good, `"id": "walk-1"`, `"id": "walk-2"`, 1), `"id"`},
		{"bad status", strings.Replace(good, `"status": "active"`, `"status": "sleeping"`, 1), `"status"`},
		{"age of the wrong type", strings.Replace(good, `"minimum_age": 18`, `"minimum_age": "adults"`, 1), `"minimum_age"`},
		{"bad time", webtest.WalkHSDS("Walk", "25:00", "11:00"), "opens_at"},
		{"another organisation", strings.Replace(good, `"id": "org-1"`, `"id": "org-2"`, 1), `"organization.id"`},
		{"unknown kind of support", strings.Replace(good, `"id": "walking-groups"`, `"id": "skydiving"`, 1), "taxonomy_term.id"},
		{"unknown postcode", strings.Replace(strings.Replace(good, `"latitude": 53.8338, "longitude": -1.5776,`, ``, 1), "LS6 4LD", "ZZ9 9ZZ", 1), "postal_code"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, out := fx.Call(t, editor, "PUT", "/api/v1/services/walk-1", tt.body)
			if st != http.StatusBadRequest || !strings.Contains(webtest.Decode[map[string]string](t, out)["error"], tt.field) {
				t.Errorf("%d %s, want 400 naming %s", st, out, tt.field)
			}
		})
	}
	if reviews, _ := fx.DB.Reviews(context.Background(), "", ""); len(reviews) != 0 {
		t.Errorf("%d reviews stored from bad requests", len(reviews))
	}
	// A location given only a known postcode is placed from it.
	placed := strings.Replace(good, `"latitude": 53.8338, "longitude": -1.5776,`, ``, 1)
	placed = strings.Replace(placed, "Meanwood Park gates", "Meanwood Park top gate", 1)
	if st, out := fx.Call(t, editor, "PUT", "/api/v1/services/walk-1", placed); st != http.StatusAccepted {
		t.Fatalf("PUT with a postcode only: %d %s", st, out)
	}
	reviews, _ := fx.DB.Reviews(context.Background(), directory.ReviewPending, "org-1")
	if len(reviews) != 1 || reviews[0].Proposed.Locations[0].Location.Point == nil {
		t.Errorf("the place was not put on the map from its postcode: %+v", reviews)
	}
}

func TestVerifyAPI(t *testing.T) {
	fx := mustListingServer(t)
	st, out := fx.Call(t, fx.As(t, "editor@example.org"), "POST", "/api/v1/services/walk-1/verify", "")
	if st != 200 || webtest.Decode[map[string]string](t, out)["last_verified"] != "2026-11-23" {
		t.Fatalf("verify: %d %s", st, out)
	}
	if got := fx.Listing(t, "walk-1"); got.VerifiedBy != "editor@example.org" || got.LastVerified.Format(time.DateOnly) != "2026-11-23" {
		t.Errorf("verified %v by %q", got.LastVerified, got.VerifiedBy)
	}
	if st, _ := fx.Call(t, fx.As(t, "admin@example.org"), "POST", "/api/v1/services/"+url.PathEscape("money/advice 2")+"/verify", ""); st != 200 {
		t.Errorf("admin verify: %d", st)
	}
	if fx.AuditCount(t, "listing.verify", "service walk-1") != 1 || fx.AuditCount(t, "listing.verify", "service money/advice 2") != 1 {
		t.Error("verification not audited")
	}
}

// The form keeps what was typed when something is wrong, says what next
// to the field, and sends a good change for review.
var uuidShape = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestListingForm(t *testing.T) {
	fx := mustListingServer(t)
	editor := fx.As(t, "editor@example.org")
	st, page := fx.Call(t, editor, "GET", "/org/services/walk-1/edit", "")
	if st != 200 {
		t.Fatalf("edit form: %d", st)
	}
	for _, want := range []string{`value="Meanwood Valley Health Walk"`, `name="session-0-repeat"`, `id="session-0-days-TU" name="session-0-days" value="TU" checked`,
		`name="session-0-opens" value="10:00"`, `value="Meanwood Park gates"`, `value="LS6 4LD"`, `id="access-step-free" name="access" value="step-free" checked`,
		`id="cost" name="cost" value="free" checked`, `value="drop-in" checked`, `value="self-referral" checked`, `value="0113 496 0001"`,
		`name="session-1-repeat"`, `name="session-2-repeat"`, "Send for review", "<h1>Change Meanwood Valley Health Walk</h1>"} {
		if !strings.Contains(page, want) {
			t.Errorf("edit form lacks %s", want)
		}
	}
	form := url.Values{
		"name": {""}, "description": {"A brisk walk."}, "minimum_age": {"eighteen"},
		"session-0-id": {"s1"}, "session-0-repeat": {"weekly"}, "session-0-days": {"TU"}, "session-0-opens": {"10:30"}, "session-0-closes": {"10:00"},
		"session-1-id": {""}, "session-1-repeat": {"1"}, "session-1-days": {"TH"}, "session-1-opens": {"18:30"}, "session-1-closes": {"20:00"},
		"session-2-id": {""}, "session-2-repeat": {"weekly"}, "session-2-opens": {""}, "session-2-closes": {""},
		"place_name": {"Meanwood Park gates"}, "address": {"Green Road"}, "postcode": {"ZZ9 9ZZ"}, "access": {"step-free"},
		"cost": {"paid"}, "fees": {""}, "routes": {"drop-in"}, "languages": {"English, Punjabi"},
		"phone": {"0113 496 0001"}, "email": {"not an email"}, "accepting": {"waiting_list"}, "wait_days": {"lots"},
	}
	st, _, page = fx.Form(t, editor, "/org/services/walk-1/edit", form)
	if st != http.StatusBadRequest {
		t.Fatalf("bad form: %d, want 400", st)
	}
	for _, want := range []string{
		"<title>Error: ", `class="error-summary"`,
		`href="#name"`, `id="name-error"`, `href="#minimum_age"`, `href="#session-0-closes"`, "end time must be after the start time",
		`href="#postcode"`, `href="#fees"`, `href="#email"`, `href="#wait_days"`,
		// What was typed is all still there.
		`value="eighteen"`, "A brisk walk.", `name="session-0-opens" value="10:30"`, `name="session-1-opens" value="18:30"`,
		`value="1" selected`, `id="session-1-days-TH" name="session-1-days" value="TH" checked`, `value="ZZ9 9ZZ"`,
		`value="English, Punjabi"`, `value="not an email"`, `value="waiting_list" checked`, `value="lots"`, `id="cost-paid" name="cost" value="paid" checked`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("failed form lacks %s", want)
		}
	}
	if !strings.Contains(page, `id="name" name="name" value="" autocomplete="off" aria-invalid="true" aria-describedby="name-error"`) {
		t.Error("the name field is not marked invalid and tied to its message")
	}

	form.Set("name", "Meanwood Valley Health Walk")
	form.Set("minimum_age", "18")
	form.Set("session-0-closes", "11:30")
	form.Set("postcode", "LS6 4LD")
	form.Set("cost", "free")
	form.Set("email", "walks@example.org")
	form.Set("wait_days", "14")
	st, loc, _ := fx.Form(t, editor, "/org/services/walk-1/edit", form)
	if st != http.StatusSeeOther || loc != "/org?done=review" {
		t.Fatalf("good form: %d %s", st, loc)
	}
	reviews, _ := fx.DB.Reviews(context.Background(), directory.ReviewPending, "org-1")
	if len(reviews) != 1 {
		t.Fatalf("reviews = %d", len(reviews))
	}
	changes := map[string]directory.FieldChange{}
	for _, c := range directory.Diff(reviews[0].Base, reviews[0].Proposed) {
		changes[c.Field] = c
	}
	if c := changes["Sessions"]; c.Before != "Tuesdays 10:00–11:00" || c.After != "Tuesdays 10:30–11:30; first Thursday of the month 18:30–20:00" {
		t.Errorf("sessions change = %+v", c)
	}
	for _, f := range []string{"Description", "Languages", "Email", "Taking new people", "How to join"} {
		if _, ok := changes[f]; !ok {
			t.Errorf("the change to %s was lost", f)
		}
	}
	for _, f := range []string{"Name", "Place name", "Place postcode", "Place access", "Cost", "Phone", "Ages"} {
		if c, ok := changes[f]; ok {
			t.Errorf("%s changed though the form left it: %+v", f, c)
		}
	}
	p := reviews[0].Proposed
	// A session added by the form is a record made here: it gets a UUID
	// (Open Referral ids), while the existing one keeps its id.
	if sc := p.Locations[0].Schedules; len(sc) != 2 || sc[0].ID != "s1" || !uuidShape.MatchString(sc[1].ID) {
		t.Errorf("schedule ids = %+v, want s1 kept and a UUID for the new session", p.Locations[0].Schedules)
	}
	if p.Locations[0].Location.Accessibility[0].Description != "Step-free access on the main path" || p.Locations[0].Location.Point == nil {
		t.Error("an untouched place lost its own words or its position")
	}
	// The form now starts from the change waiting for review.
	if _, page := fx.Call(t, editor, "GET", "/org/services/walk-1/edit", ""); !strings.Contains(page, "still waiting for review") || !strings.Contains(page, `value="walks@example.org"`) {
		t.Error("the edit form does not show the change waiting for review")
	}
	if fx.AuditCount(t, "listing.submit", "service walk-1") != 1 {
		t.Error("the form's submission is not audited")
	}
}

func TestQuickActions(t *testing.T) {
	fx := mustListingServer(t)
	editor := fx.As(t, "editor@example.org")

	st, loc, _ := fx.Form(t, editor, "/org/services/walk-1/verify", nil)
	if st != http.StatusSeeOther || loc != "/org?done=verified" {
		t.Fatalf("still correct: %d %s", st, loc)
	}
	if got := fx.Listing(t, "walk-1"); got.LastVerified.Format(time.DateOnly) != "2026-11-23" || got.VerifiedBy != "editor@example.org" {
		t.Errorf("still correct: verified %v by %q", got.LastVerified, got.VerifiedBy)
	}

	// Closing needs a reopening date in the future, typed into the day,
	// month and year boxes, and kept if refused.
	closeOn := func(day, month, year string) url.Values {
		return url.Values{"status": {"closed"}, "reopen": {day}, "reopen-month": {month}, "reopen-year": {year}}
	}
	st, _, page := fx.Form(t, editor, "/org/services/walk-1/status", closeOn("1", "11", "2026"))
	for _, want := range []string{"Reopening date must be after today", `href="#reopen-0"`, `id="reopen-0" name="reopen" value="1"`, `name="reopen-month" value="11"`, `name="reopen-year" value="2026"`} {
		if st != http.StatusBadRequest || !strings.Contains(page, want) {
			t.Errorf("closing with a past date: %d, lacking %s", st, want)
		}
	}
	st, _, page = fx.Form(t, editor, "/org/services/walk-1/status", closeOn("5", "1", ""))
	for _, want := range []string{"Reopening date must include a year", `href="#reopen-0-year"`, `name="reopen-year" value="" aria-invalid="true"`} {
		if st != http.StatusBadRequest || !strings.Contains(page, want) {
			t.Errorf("closing with no year: %d, lacking %s", st, want)
		}
	}
	if strings.Contains(page, `name="reopen" value="5" aria-invalid`) {
		t.Error("the day box is marked wrong when only the year is missing")
	}
	st, _, page = fx.Form(t, editor, "/org/services/walk-1/status", closeOn("31", "2", "2027"))
	if st != http.StatusBadRequest || !strings.Contains(page, "Reopening date must be a real date") {
		t.Errorf("closing until 31 February: %d", st)
	}
	if st, _, _ := fx.Form(t, editor, "/org/services/walk-1/status", url.Values{"status": {"closed"}}); st != http.StatusBadRequest {
		t.Errorf("closing without a date: %d", st)
	}
	if st, loc, _ := fx.Form(t, editor, "/org/services/walk-1/status", closeOn("5", "1", "2027")); st != http.StatusSeeOther || loc != "/org?done=status" {
		t.Fatalf("closing: %d %s", st, loc)
	}
	got := fx.Listing(t, "walk-1")
	if got.Status != directory.StatusTemporarilyClosed || !strings.Contains(got.Alert, "Tuesday 5 January 2027") {
		t.Errorf("closed: %s %q", got.Status, got.Alert)
	}
	if _, page := fx.Call(t, editor, "GET", "/org", ""); !strings.Contains(page, "reopening on 5 January 2027") || !strings.Contains(page, `name="reopen-year" value="2027"`) {
		t.Error("the listings page does not show the reopening date")
	}
	if _, page := fx.Call(t, fx.As(t, ""), "GET", "/services/walk-1", ""); !strings.Contains(page, "Temporarily closed") || !strings.Contains(page, "5 January 2027") {
		t.Error("residents are not told it is closed until when")
	}
	if st, _, _ := fx.Form(t, editor, "/org/services/walk-1/status", url.Values{"status": {"open"}}); st != http.StatusSeeOther {
		t.Errorf("reopening: %d", st)
	}
	if got := fx.Listing(t, "walk-1"); got.Status != directory.StatusActive || got.Alert != "" {
		t.Errorf("reopened: %s %q", got.Status, got.Alert)
	}

	// A listing that has stopped running is not brought back by a click.
	stopped := fx.Listing(t, "walk-1")
	stopped.ID, stopped.Name, stopped.Status, stopped.Locations = "walk-old", "Old walk", directory.StatusDefunct, nil
	if err := fx.DB.InTx(context.Background(), func(tx *sqlite.Tx) error {
		_, _, err := tx.PutService(context.Background(), stopped)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if st, _, _ := fx.Form(t, editor, "/org/services/walk-old/status", url.Values{"status": {"open"}}); st != http.StatusConflict {
		t.Errorf("reopening a defunct listing: %d, want 409", st)
	}
	if got := fx.Listing(t, "walk-old"); got.Status != directory.StatusDefunct {
		t.Errorf("defunct listing became %s", got.Status)
	}

	// Capacity.
	st, _, page = fx.Form(t, editor, "/org/services/walk-1/capacity", url.Values{"accepting": {"waiting_list"}, "wait_days": {"forever"}})
	if st != http.StatusBadRequest || !strings.Contains(page, "Typical wait must be") || !strings.Contains(page, `value="forever"`) {
		t.Errorf("capacity with a bad wait: %d", st)
	}
	if st, _, _ := fx.Form(t, editor, "/org/services/walk-1/capacity", url.Values{"accepting": {"waiting_list"}, "wait_days": {"21"}}); st != http.StatusSeeOther {
		t.Fatalf("waiting list: %d", st)
	}
	if got := fx.Listing(t, "walk-1"); got.Accepting != directory.CapacityWaitingList || got.TypicalWaitDays != 21 {
		t.Errorf("capacity = %s %d", got.Accepting, got.TypicalWaitDays)
	}
	if _, page := fx.Call(t, editor, "GET", "/org", ""); !strings.Contains(page, "Waiting list (typical wait 21 days)") {
		t.Error("the listings page does not show the waiting list")
	}
	if st, _, _ := fx.Form(t, editor, "/org/services/walk-1/capacity", url.Values{"accepting": {"full"}}); st != http.StatusSeeOther {
		t.Fatal("full")
	}
	// Search says it is full within a second.
	fx.SearchUntil(t, "q=meanwood", `"accepting_referrals":"full"`)

	// None of this waited for review, all of it is in the history and
	// the audit log.
	if reviews, _ := fx.DB.Reviews(context.Background(), "", ""); len(reviews) != 0 {
		t.Errorf("quick actions went to review: %d", len(reviews))
	}
	versions, _ := fx.DB.ServiceVersions(context.Background(), "walk-1")
	if len(versions) != 5 {
		t.Errorf("versions = %d, want the original and four quick actions", len(versions))
	}
	for action, n := range map[string]int{"listing.verify": 1, "listing.status": 2, "listing.capacity": 2} {
		if got := fx.AuditCount(t, action, "service walk-1"); got != n {
			t.Errorf("audit %s = %d, want %d", action, got, n)
		}
	}
}

// A listing sent with standard HSDS fields Linkway does not keep is still
// a valid service object: those fields are left out, not refused.
func TestListingAPIAcceptsFieldsNotKept(t *testing.T) {
	fx := mustListingServer(t)
	editor := fx.As(t, "editor@example.org")
	body := strings.Replace(webtest.WalkHSDS("Meanwood Accredited Walk", "10:00", "11:00"),
		`"status": "active",`, `"status": "active", "accreditations": "Walking for Health", "licenses": "none",`, 1)
	if st, out := fx.Call(t, editor, "PUT", "/api/v1/services/walk-1", body); st != http.StatusAccepted {
		t.Fatalf("PUT with fields Linkway does not keep: %d %s, want 202", st, out)
	}
}

// TestListingFormConfidentialPlace: an organisation ticks "Keep the
// address private"; the reviewer sees the change, and once published the
// place is confidential, and unticking makes it public again.
func TestListingFormConfidentialPlace(t *testing.T) {
	fx := mustListingServer(t)
	editor := fx.As(t, "editor@example.org")
	st, page := fx.Call(t, editor, "GET", "/org/services/walk-1/edit", "")
	if st != 200 || !strings.Contains(page, `<label for="confidential">Keep the address private</label>`) || !strings.Contains(page, `id="confidential-hint"`) {
		t.Fatalf("edit form (%d) lacks the labelled, hinted private-address box", st)
	}
	if strings.Contains(page, `name="confidential" value="yes" checked`) {
		t.Fatal("the box is ticked for a public place")
	}
	form := url.Values{
		"name": {"Meanwood Valley Health Walk"}, "minimum_age": {"18"},
		"description":  {"A gentle hour-long walk through Meanwood Park, led by trained volunteers.\nWe stop for a cuppa at the end."},
		"session-0-id": {"s1"}, "session-0-repeat": {"weekly"}, "session-0-days": {"TU"}, "session-0-opens": {"10:00"}, "session-0-closes": {"11:00"},
		"place_name": {"Meanwood Park gates"}, "address": {"Green Road"}, "postcode": {"LS6 4LD"}, "access": {"step-free"}, "confidential": {"yes"},
		"cost": {"free"}, "routes": {"drop-in", "self-referral"}, "phone": {"0113 496 0001"}, "accepting": {"yes"},
	}
	if st, loc, page := fx.Form(t, editor, "/org/services/walk-1/edit", form); st != http.StatusSeeOther {
		t.Fatalf("form: %d %s %s", st, loc, page)
	}
	reviews, _ := fx.DB.Reviews(context.Background(), directory.ReviewPending, "org-1")
	if len(reviews) != 1 {
		t.Fatalf("reviews = %d", len(reviews))
	}
	var private *directory.FieldChange
	for _, c := range directory.Diff(reviews[0].Base, reviews[0].Proposed) {
		if c.Field == "Place address private" {
			private = &c
		}
	}
	if private == nil || private.Before != "no" || !strings.HasPrefix(private.After, "yes") {
		t.Errorf("the reviewer sees the change as %+v, want no → yes", private)
	}
	if !reviews[0].Proposed.Locations[0].Location.Confidential {
		t.Error("the proposed place is not confidential")
	}
	if _, page := fx.Call(t, editor, "GET", "/org/services/walk-1/edit", ""); !strings.Contains(page, `name="confidential" value="yes" checked`) {
		t.Error("the form, starting from the change waiting for review, does not show the box ticked")
	}
}
