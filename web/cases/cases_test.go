package cases_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/data"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/webtest"
	"github.com/linkway/linkway/sqlite"
)

func TestCaseworkNeedsALogin(t *testing.T) {
	fx := webtest.New(t)
	anon := fx.As(t, "")
	for _, tt := range []struct{ method, path string }{
		{"POST", "/api/v1/people"}, {"GET", "/api/v1/people/x"}, {"POST", "/api/v1/people/x/contacts"},
		{"POST", "/api/v1/people/x/referrals"}, {"POST", "/api/v1/referrals/x/status"}, {"GET", "/api/v1/coded-events"}, {"GET", "/api/v1/audit"},
	} {
		if st, _ := fx.Call(t, anon, tt.method, tt.path, `{}`); st != http.StatusUnauthorized {
			t.Errorf("%s %s logged out: %d, want 401", tt.method, tt.path, st)
		}
	}
	for _, path := range []string{"/casework", "/casework/people", "/casework/people/x", "/casework/uptake", "/admin/audit"} {
		st, _ := fx.Call(t, anon, "GET", path, "")
		if st != http.StatusSeeOther {
			t.Errorf("GET %s logged out: %d, want a redirect to log in", path, st)
		}
	}
}

func TestCaseworkTeamIsolation(t *testing.T) {
	fx := webtest.New(t)
	north := fx.As(t, "north@example.org")
	id := fx.MustPerson(t, north, webtest.AdaJSON)
	// To org-2's service: the editor, of org-1, was not sent it.
	st, out := fx.Call(t, north, "POST", "/api/v1/people/"+id+"/referrals", `{"service_id": "money/advice 2", "mode": "referral"}`)
	if st != http.StatusCreated {
		t.Fatalf("refer: %d %s", st, out)
	}
	refID := webtest.Decode[map[string]string](t, out)["id"]

	// The whole team sees the record, including an admin in the team.
	for _, who := range []string{"north2@example.org", "teamadmin@example.org"} {
		if st, out := fx.Call(t, fx.As(t, who), "GET", "/api/v1/people/"+id, ""); st != 200 || !strings.Contains(out, "Ada Lovelace") {
			t.Errorf("%s reading a team member's person: %d", who, st)
		}
	}
	// Anyone else is told it does not exist, whatever they try.
	for _, who := range []string{"south@example.org", "admin@example.org", "editor@example.org"} {
		c := fx.As(t, who)
		for _, tt := range []struct{ method, path, body string }{
			{"GET", "/api/v1/people/" + id, ""},
			{"POST", "/api/v1/people/" + id + "/contacts", `{"kind": "phone"}`},
			{"POST", "/api/v1/people/" + id + "/outcomes", `{"stage": "start", "life_satisfaction": 5, "worthwhile": 5, "happy": 5, "anxious": 5}`},
			{"POST", "/api/v1/people/" + id + "/referrals", `{"service_id": "walk-1", "mode": "signpost"}`},
			{"POST", "/api/v1/referrals/" + refID + "/status", `{"status": "accepted"}`},
			{"GET", "/casework/people/" + id, ""},
			{"GET", "/casework/people/" + id + "/edit", ""},
			{"GET", "/casework/people/" + id + "/summary", ""},
			{"GET", "/casework/people/" + id + "/find-support", ""},
		} {
			st, out := fx.Call(t, c, tt.method, tt.path, tt.body)
			if st != http.StatusNotFound {
				t.Errorf("%s: %s %s = %d, want 404", who, tt.method, tt.path, st)
			}
			if strings.Contains(out, "Ada") {
				t.Errorf("%s: %s %s leaks the person's name", who, tt.method, tt.path)
			}
		}
	}
	// The south team's lists and exports hold nothing of north's.
	south := fx.As(t, "south@example.org")
	if _, out := fx.Call(t, south, "GET", "/casework/people", ""); strings.Contains(out, "Ada") {
		t.Error("south's caseload lists north's person")
	}
	if st, out := fx.Call(t, south, "GET", "/api/v1/coded-events?from=2026-01-01&to=2026-12-31", ""); st != 200 || strings.Contains(out, "9434765919") {
		t.Errorf("south's coded events: %d %s", st, out)
	}
	// Editors and admins without a team have no caseload at all.
	for _, who := range []string{"editor@example.org", "admin@example.org"} {
		if st, _ := fx.Call(t, fx.As(t, who), "GET", "/casework", ""); st != http.StatusNotFound {
			t.Errorf("%s: GET /casework = %d, want 404", who, st)
		}
	}
}

func TestCreatePersonValidation(t *testing.T) {
	fx := webtest.New(t)
	north := fx.As(t, "north@example.org")
	tests := []struct {
		name, body, field string
	}{
		{"no name", `{"date_of_birth": "1950-03-04", "consent": {"hold": true}}`, "name"},
		{"no date of birth", `{"name": "A", "consent": {"hold": true}}`, "date_of_birth"},
		{"date of birth not a date", `{"name": "A", "date_of_birth": "31/02/1950", "consent": {"hold": true}}`, "date_of_birth"},
		{"date of birth with a two-digit year", `{"name": "A", "date_of_birth": "4/3/50", "consent": {"hold": true}}`, "date_of_birth"},
		{"born in the future", `{"name": "A", "date_of_birth": "2030-01-01", "consent": {"hold": true}}`, "date_of_birth"},
		{"NHS number check digit", `{"name": "A", "date_of_birth": "1950-03-04", "nhs_number": "943 476 5918", "consent": {"hold": true}}`, "nhs_number"},
		{"NHS number too short", `{"name": "A", "date_of_birth": "1950-03-04", "nhs_number": "943476591", "consent": {"hold": true}}`, "nhs_number"},
		{"no consent to hold", `{"name": "A", "date_of_birth": "1950-03-04", "consent": {"hold": false}}`, "consent.hold"},
		{"unknown access need", `{"name": "A", "date_of_birth": "1950-03-04", "access_needs": ["jetpack"], "consent": {"hold": true}}`, "access_needs[0]"},
		{"unknown contact way", `{"name": "A", "date_of_birth": "1950-03-04", "preferred_contact": "pigeon", "consent": {"hold": true}}`, "preferred_contact"},
		{"unknown field", `{"name": "A", "date_of_birth": "1950-03-04", "nhs": "1", "consent": {"hold": true}}`, "nhs"},
		{"wrong type", `{"name": 7, "date_of_birth": "1950-03-04", "consent": {"hold": true}}`, "name"},
		{"not JSON", `{"name": `, "JSON"},
		{"born in year 0", `{"name": "A", "date_of_birth": "0000-01-01", "consent": {"hold": true}}`, "date_of_birth"},
		{"script for a postcode", `{"name": "A", "date_of_birth": "1950-03-04", "postcode": "<script>alert(1)</script>", "consent": {"hold": true}}`, "postcode"},
		{"5,000 digits for a postcode", `{"name": "A", "date_of_birth": "1950-03-04", "postcode": "` + strings.Repeat("9", 5000) + `", "consent": {"hold": true}}`, "postcode"},
		{"long name", `{"name": "` + strings.Repeat("a", 201) + `", "date_of_birth": "1950-03-04", "consent": {"hold": true}}`, "name"},
		{"long notes", `{"name": "A", "date_of_birth": "1950-03-04", "notes": "` + strings.Repeat("a", 10001) + `", "consent": {"hold": true}}`, "notes"},
		{"long address", `{"name": "A", "date_of_birth": "1950-03-04", "address": "` + strings.Repeat("a", 501) + `", "consent": {"hold": true}}`, "address"},
		{"long priorities", `{"name": "A", "date_of_birth": "1950-03-04", "priorities": "` + strings.Repeat("a", 10001) + `", "consent": {"hold": true}}`, "priorities"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, out := fx.Call(t, north, "POST", "/api/v1/people", tt.body)
			if st != http.StatusBadRequest || !strings.Contains(webtest.Decode[map[string]string](t, out)["error"], tt.field) {
				t.Errorf("%d %s, want 400 naming %s", st, out, tt.field)
			}
		})
	}
	if people, _ := fx.DB.People(context.Background(), casework.PeopleFilter{TeamID: "north"}); len(people) != 0 {
		t.Errorf("%d people stored from bad requests", len(people))
	}
	// The NHS number is kept as ten digits, the postcode written the
	// standard way.
	id := fx.MustPerson(t, north, strings.Replace(webtest.AdaJSON, `"LS6 1AA"`, `" ls61aa "`, 1))
	_, out := fx.Call(t, north, "GET", "/api/v1/people/"+id, "")
	if p := webtest.Decode[map[string]any](t, out); p["nhs_number"] != "9434765919" || p["status"] != "new" || p["team"] != "north" || p["postcode"] != "LS6 1AA" {
		t.Errorf("stored person %v", p)
	}
	// The form says the same, next to the field.
	st, _, page := fx.Form(t, north, "/casework/people/new", url.Values{"name": {"B"}, "date_of_birth": {"1950-03-04"}, "postcode": {"<script>"}, "consent_hold": {"true"}})
	if st != http.StatusBadRequest || !strings.Contains(page, "Postcode is not a UK postcode") || strings.Contains(page, "<script>") {
		t.Errorf("person form with a bad postcode: %d", st)
	}
}

func TestCodedEventsFollowTheRules(t *testing.T) {
	fx := webtest.New(t)
	north := fx.As(t, "north@example.org")
	ada := fx.MustPerson(t, north, webtest.AdaJSON)
	type contactAnswer struct {
		Status string `json:"person_status"`
		Coded  []struct {
			Code string `json:"code"`
		} `json:"coded_events"`
	}
	contact := func(id, body string) contactAnswer {
		st, out := fx.Call(t, north, "POST", "/api/v1/people/"+id+"/contacts", body)
		if st != http.StatusCreated {
			t.Fatalf("contact: %d %s", st, out)
		}
		return webtest.Decode[contactAnswer](t, out)
	}
	// The first contact of an episode: the person accepted referral to the link worker.
	if a := contact(ada, `{"kind": "phone", "minutes": 20}`); a.Status != "active" || len(a.Coded) != 1 || a.Coded[0].Code != casework.CodeReferral {
		t.Errorf("first contact: %+v, want active with %s", a, casework.CodeReferral)
	}
	// Later contacts are not coded again.
	if a := contact(ada, `{"kind": "meeting", "date": "2026-11-20"}`); len(a.Coded) != 0 {
		t.Errorf("second contact coded %+v", a.Coded)
	}
	// Declining at the first contact: coded as declined, and discharged.
	bob := fx.MustPerson(t, north, `{"name": "Bob", "date_of_birth": "1960-01-01", "nhs_number": "4010232137", "consent": {"hold": true}}`)
	if a := contact(bob, `{"kind": "phone", "declined": true}`); a.Status != "discharged" || len(a.Coded) != 1 || a.Coded[0].Code != casework.CodeDeclined {
		t.Errorf("declined: %+v, want discharged with %s", a, casework.CodeDeclined)
	}
	// Bad contacts change nothing.
	for _, body := range []string{`{"kind": "carrier pigeon"}`, `{"kind": "phone", "date": "2027-01-01"}`, `{"kind": "phone", "minutes": -5}`, `{"kind": "phone", "date": "yesterday"}`,
		`{"kind": "phone", "date": "0000-01-01"}`, `{"kind": "phone", "notes": "` + strings.Repeat("a", 10001) + `"}`} {
		if st, out := fx.Call(t, north, "POST", "/api/v1/people/"+ada+"/contacts", body); st != http.StatusBadRequest {
			t.Errorf("contact %s: %d %s, want 400", body[:min(len(body), 60)], st, out)
		}
	}
	// The export for the GP record, as CSV.
	st, out := fx.Call(t, north, "GET", "/api/v1/coded-events?from=2026-11-01&to=2026-11-30", "", "Accept", "text/csv")
	want := "nhs_number,date,code,term,practice\n" +
		"9434765919,2026-11-23,871731000000106,Referral to social prescribing service,Oak Surgery\n" +
		"4010232137,2026-11-23,871711000000103,Social prescribing declined,\n"
	if st != 200 || out != want {
		t.Errorf("CSV export: %d\n%s\nwant\n%s", st, out, want)
	}
	if _, out := fx.Call(t, north, "GET", "/api/v1/coded-events?from=2026-11-24&to=2026-11-30", ""); strings.Contains(out, "94347") {
		t.Errorf("date range ignored: %s", out)
	}
	for _, q := range []string{"from=yesterday", "from=2026-12-01&to=2026-11-01"} {
		if st, _ := fx.Call(t, north, "GET", "/api/v1/coded-events?"+q, ""); st != http.StatusBadRequest {
			t.Errorf("coded events ?%s: %d, want 400", q, st)
		}
	}
}

func TestReferralLifecycleAPI(t *testing.T) {
	fx := webtest.New(t)
	north := fx.As(t, "north@example.org")
	id := fx.MustPerson(t, north, webtest.AdaJSON)
	for _, tt := range []struct{ body, field string }{
		{`{"service_id": "walk-1", "mode": "email"}`, "mode"},
		{`{"service_id": "", "mode": "referral"}`, "service_id"},
		{`{"service_id": "no-such-service", "mode": "referral"}`, "service_id"},
	} {
		if st, out := fx.Call(t, north, "POST", "/api/v1/people/"+id+"/referrals", tt.body); st != http.StatusBadRequest || !strings.Contains(out, tt.field) {
			t.Errorf("refer %s: %d %s, want 400 naming %s", tt.body, st, out, tt.field)
		}
	}
	st, out := fx.Call(t, north, "POST", "/api/v1/people/"+id+"/referrals", `{"service_id": "money/advice 2", "mode": "signpost"}`)
	if st != http.StatusCreated || webtest.Decode[map[string]string](t, out)["status"] != "signposted" {
		t.Errorf("signpost: %d %s", st, out)
	}
	st, out = fx.Call(t, north, "POST", "/api/v1/people/"+id+"/referrals", `{"service_id": "walk-1", "mode": "referral"}`)
	ref := webtest.Decode[map[string]string](t, out)
	if st != http.StatusCreated || ref["status"] != "referred" || ref["id"] == "" {
		t.Fatalf("refer: %d %s", st, out)
	}
	move := func(status string) (int, string) {
		return fx.Call(t, north, "POST", "/api/v1/referrals/"+ref["id"]+"/status", `{"status": "`+status+`", "note": "called them"}`)
	}
	for _, step := range []struct {
		status string
		want   int
	}{
		{"attended", http.StatusConflict}, // not accepted yet
		{"accepted", http.StatusOK},
		{"accepted", http.StatusConflict}, // already
		{"referred", http.StatusConflict}, // no way back
		{"maybe", http.StatusBadRequest},
		{"attended", http.StatusOK},
		{"completed", http.StatusOK},
		{"withdrawn", http.StatusConflict}, // completed is final
	} {
		if st, out := move(step.status); st != step.want {
			t.Errorf("→ %s: %d %s, want %d", step.status, st, out, step.want)
		}
	}
	_, out = fx.Call(t, north, "GET", "/api/v1/people/"+id, "")
	p := webtest.Decode[struct {
		Referrals []struct {
			ID      string `json:"id"`
			Status  string `json:"status"`
			History []struct {
				To, Note string
			} `json:"history"`
		} `json:"referrals"`
	}](t, out)
	var got []string
	for _, r := range p.Referrals {
		if r.ID == ref["id"] {
			for _, e := range r.History {
				got = append(got, e.To)
			}
			if r.History[1].Note != "called them" {
				t.Errorf("note lost: %+v", r.History[1])
			}
		}
	}
	if strings.Join(got, " ") != "referred accepted attended completed" {
		t.Errorf("history %v", got)
	}
}

// TestReferralRules checks where a person may be referred: not to a
// listing that has closed down or is inactive (409 with a reason), but
// to one with a waiting list, with a warning on the API's answer and the
// page.
func TestReferralRules(t *testing.T) {
	fx := webtest.New(t)
	ctx := context.Background()
	err := fx.DB.InTx(ctx, func(tx *sqlite.Tx) error {
		for _, svc := range []*directory.Service{
			{ID: "gone", Name: "Old Café", Status: directory.StatusDefunct},
			{ID: "paused", Name: "Knit and Natter", Status: directory.StatusInactive},
			{ID: "choir", Name: "Community Choir", Status: directory.StatusActive, Accepting: directory.CapacityWaitingList, TypicalWaitDays: 30},
		} {
			if _, _, err := tx.PutService(ctx, svc); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	north := fx.As(t, "north@example.org")
	id := fx.MustPerson(t, north, webtest.AdaJSON)
	for _, svc := range []string{"gone", "paused"} {
		for _, mode := range []string{"referral", "signpost"} {
			st, out := fx.Call(t, north, "POST", "/api/v1/people/"+id+"/referrals", `{"service_id": "`+svc+`", "mode": "`+mode+`"}`)
			if st != http.StatusConflict || !strings.Contains(out, "is no longer running") {
				t.Errorf("%s to %s: %d %s, want 409 saying why", mode, svc, st, out)
			}
		}
		st, _, page := fx.Form(t, north, "/casework/people/"+id+"/referrals", url.Values{"service_id": {svc}, "mode": {"referral"}})
		if st != http.StatusConflict || !strings.Contains(page, "is no longer running") {
			t.Errorf("referral form to %s: %d, want 409 saying why", svc, st)
		}
	}
	if refs, _ := fx.DB.Referrals(ctx, casework.ReferralFilter{PersonID: id}); len(refs) != 0 {
		t.Errorf("%d referrals kept to listings that are not running", len(refs))
	}

	const warning = "Community Choir has a waiting list, so the person may wait before they can start (usually about 30 days)."
	st, out := fx.Call(t, north, "POST", "/api/v1/people/"+id+"/referrals", `{"service_id": "choir", "mode": "referral"}`)
	got := webtest.Decode[struct {
		ID       string   `json:"id"`
		Warnings []string `json:"warnings"`
	}](t, out)
	if st != http.StatusCreated || len(got.Warnings) != 1 || got.Warnings[0] != warning {
		t.Errorf("referral to a waiting list: %d %s, want 201 with the warning", st, out)
	}
	// No warnings, no field: the answer is as it always was.
	if _, out := fx.Call(t, north, "POST", "/api/v1/people/"+id+"/referrals", `{"service_id": "walk-1", "mode": "referral"}`); strings.Contains(out, "warnings") {
		t.Errorf("referral to an open service: %s", out)
	}
	st, to, _ := fx.Form(t, north, "/casework/people/"+id+"/referrals", url.Values{"service_id": {"choir"}, "mode": {"referral"}, "confirm_duplicate": {"true"}})
	if st != http.StatusSeeOther {
		t.Fatalf("referral form to a waiting list: %d", st)
	}
	if _, page := fx.Call(t, north, "GET", to, ""); !strings.Contains(page, warning) {
		t.Errorf("the person's page after the referral (%s) lacks the warning", to)
	}
	if _, page := fx.Call(t, north, "GET", "/casework/people/"+id, ""); strings.Contains(page, warning) {
		t.Error("the warning is still shown on a later visit")
	}
}

// TestUnknownAndOthersReferralsLookAlike checks that another team's
// referral, or one not sent to an editor's organisation, gets exactly the
// answer an id that does not exist gets.
func TestUnknownAndOthersReferralsLookAlike(t *testing.T) {
	fx := webtest.New(t)
	north := fx.As(t, "north@example.org")
	id := fx.MustPerson(t, north, webtest.AdaJSON)
	toWalk := fx.MustRefer(t, north, id, "walk-1", "referral")          // org-1's service
	toMoney := fx.MustRefer(t, north, id, "money/advice 2", "referral") // not org-1's
	for _, tt := range []struct {
		who, theirs string
	}{
		{"south@example.org", toWalk},   // another team's referral
		{"editor@example.org", toMoney}, // not sent to the editor's organisation
	} {
		c := fx.As(t, tt.who)
		for _, req := range []struct{ method, path, body string }{
			{"POST", "/api/v1/referrals/%s/status", `{"status": "accepted"}`},
			{"POST", "/casework/referrals/%s/status", ""},
			{"GET", "/org/referrals/%s", ""},
		} {
			var answers []string
			for _, ref := range []string{tt.theirs, "no-such-referral"} {
				path := strings.Replace(req.path, "%s", ref, 1)
				var st int
				var body string
				if strings.HasPrefix(path, "/api/") || req.method == "GET" {
					st, body = fx.Call(t, c, req.method, path, req.body)
				} else {
					st, _, body = fx.Form(t, c, path, url.Values{"status": {"accepted"}})
				}
				answers = append(answers, fmt.Sprintf("%d %s", st, body))
			}
			if answers[0] != answers[1] || !strings.HasPrefix(answers[0], "404 ") {
				t.Errorf("%s %s %s: someone else's referral answers\n%.300s\nand an unknown one\n%.300s", tt.who, req.method, req.path, answers[0], answers[1])
			}
		}
	}
}

func TestOutcomesAPIAndChart(t *testing.T) {
	fx := webtest.New(t)
	north := fx.As(t, "north@example.org")
	id := fx.MustPerson(t, north, webtest.AdaJSON)
	for _, tt := range []struct{ body, field string }{
		{`{"stage": "start", "worthwhile": 5, "happy": 5, "anxious": 5}`, "life_satisfaction"},
		{`{"stage": "start", "life_satisfaction": 11, "worthwhile": 5, "happy": 5, "anxious": 5}`, "life_satisfaction"},
		{`{"stage": "middle", "life_satisfaction": 1, "worthwhile": 5, "happy": 5, "anxious": 5}`, "stage"},
		{`{"date": "0000-01-01", "stage": "start", "life_satisfaction": 1, "worthwhile": 5, "happy": 5, "anxious": 5}`, "date"},
		{`{"date": "2027-01-01", "stage": "start", "life_satisfaction": 1, "worthwhile": 5, "happy": 5, "anxious": 5}`, "date"},
	} {
		if st, out := fx.Call(t, north, "POST", "/api/v1/people/"+id+"/outcomes", tt.body); st != http.StatusBadRequest || !strings.Contains(out, tt.field) {
			t.Errorf("outcome %s: %d %s, want 400 naming %s", tt.body, st, out, tt.field)
		}
	}
	for _, body := range []string{
		`{"date": "2026-09-01", "stage": "start", "life_satisfaction": 3, "worthwhile": 4, "happy": 3, "anxious": 8}`,
		`{"date": "2026-11-20", "stage": "review", "life_satisfaction": 6, "worthwhile": 7, "happy": 6, "anxious": 4}`,
	} {
		if st, out := fx.Call(t, north, "POST", "/api/v1/people/"+id+"/outcomes", body); st != http.StatusCreated {
			t.Fatalf("outcome: %d %s", st, out)
		}
	}
	st, page := fx.Call(t, north, "GET", "/casework/people/"+id, "")
	if st != 200 || !strings.Contains(page, "<svg") || !strings.Contains(page, "<td>Review</td>") {
		t.Errorf("person page: %d, no chart or scores table", st)
	}
	// The change since the start, in words, with the ONS band: anxiety
	// falling is the better way.
	for _, want := range []string{": 3 → 6, up 3 (better); now medium", ": 8 → 4, down 4 (better); now medium"} {
		if !strings.Contains(page, want) {
			t.Errorf("person page lacks the change %q", want)
		}
	}
}

func TestEveryReadAndWriteIsAudited(t *testing.T) {
	fx := webtest.New(t)
	north := fx.As(t, "north@example.org")
	id := fx.MustPerson(t, north, webtest.AdaJSON)
	fx.Call(t, north, "GET", "/api/v1/people/"+id, "")
	fx.Call(t, north, "GET", "/casework/people/"+id, "")
	fx.Call(t, north, "POST", "/api/v1/people/"+id+"/contacts", `{"kind": "phone"}`)
	fx.Call(t, north, "POST", "/api/v1/people/"+id+"/outcomes", `{"stage": "start", "life_satisfaction": 5, "worthwhile": 5, "happy": 5, "anxious": 5}`)
	_, out := fx.Call(t, north, "POST", "/api/v1/people/"+id+"/referrals", `{"service_id": "walk-1", "mode": "referral"}`)
	fx.Call(t, north, "POST", "/api/v1/referrals/"+webtest.Decode[map[string]string](t, out)["id"]+"/status", `{"status": "accepted"}`)
	fx.Form(t, north, "/casework/people/"+id+"/edit", url.Values{"name": {"Ada King"}, "date_of_birth": {"1950-03-04"}, "consent_hold": {"true"}, "status": {"active"}})

	if st, _ := fx.Call(t, north, "GET", "/api/v1/audit", ""); st != http.StatusNotFound {
		t.Errorf("a link worker read the audit log: %d", st)
	}
	admin := fx.As(t, "admin@example.org")
	st, out := fx.Call(t, admin, "GET", "/api/v1/audit?person="+id, "")
	if st != 200 {
		t.Fatalf("audit: %d %s", st, out)
	}
	log := webtest.Decode[struct {
		Entries []struct {
			Action   string `json:"action"`
			UserID   int64  `json:"user_id"`
			PersonID string `json:"person_id"`
			Detail   string `json:"detail"`
			Remote   string `json:"remote"`
		} `json:"entries"`
	}](t, out)
	seen := map[string]int{}
	for _, e := range log.Entries {
		seen[e.Action]++
		if e.UserID == 0 || e.PersonID != id || e.Remote == "" {
			t.Errorf("entry without who, whom or where: %+v", e)
		}
		if strings.Contains(e.Detail, "Ada") || strings.Contains(e.Detail, "9434765919") {
			t.Errorf("personal data in the audit detail: %+v", e)
		}
	}
	for action, n := range map[string]int{"person.create": 1, "person.read": 2, "contact.create": 1, "outcome.create": 1, "referral.create": 1, "referral.status": 1, "person.update": 1} {
		if seen[action] < n {
			t.Errorf("audit has %d %q, want at least %d (all: %v)", seen[action], action, n, seen)
		}
	}
	st, csv := fx.Call(t, admin, "GET", "/api/v1/audit", "", "Accept", "text/csv")
	if st != 200 || !strings.HasPrefix(csv, "at,user_id,action,person_id,detail,remote\n") || !strings.Contains(csv, "person.create") {
		t.Errorf("audit CSV: %d %.200s", st, csv)
	}
}

func TestCaseworkFormsAndCSRF(t *testing.T) {
	fx := webtest.New(t)
	north := fx.As(t, "north@example.org")
	// An empty form: 400, the problems listed and linked to their fields.
	st, _, page := fx.Form(t, north, "/casework/people/new", url.Values{})
	for _, want := range []string{`href="#name"`, `aria-invalid="true"`, "Full name is required", "Date of birth is required", "<title>Error: Add a person"} {
		if st != http.StatusBadRequest || !strings.Contains(page, want) {
			t.Errorf("empty person form: %d, lacking %s", st, want)
		}
	}
	// What was typed is kept on a failed submit.
	_, _, page = fx.Form(t, north, "/casework/people/new", url.Values{"name": {"Cy Twombly"}, "date_of_birth": {"not a date"}})
	if !strings.Contains(page, `value="Cy Twombly"`) {
		t.Error("the name typed was lost on a failed submit")
	}
	st, loc, _ := fx.Form(t, north, "/casework/people/new", url.Values{"name": {"Cy Twombly"}, "date_of_birth": {"1944-01-02"}, "consent_hold": {"true"}, "priorities": {"painting"}})
	if st != http.StatusSeeOther || !strings.HasPrefix(loc, "/casework/people/") {
		t.Fatalf("person form: %d → %q", st, loc)
	}
	if strings.Contains(loc, "Cy") {
		t.Errorf("personal data in the URL %q", loc)
	}
	// A cross-site form post is refused, and nothing is stored.
	req, _ := http.NewRequest("POST", fx.TS.URL+"/casework/people/new", strings.NewReader("name=Evil&date_of_birth=1950-01-01&consent_hold=true"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := north.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site post: %d, want 403", resp.StatusCode)
	}
	people, _ := fx.DB.People(context.Background(), casework.PeopleFilter{TeamID: "north"})
	if len(people) != 1 {
		t.Errorf("%d people, want only Cy", len(people))
	}
}

func TestDashboardFlagsUnansweredReferrals(t *testing.T) {
	fx := webtest.New(t)
	north := fx.As(t, "north@example.org")
	id := fx.MustPerson(t, north, webtest.AdaJSON)
	fx.Call(t, north, "POST", "/api/v1/people/"+id+"/referrals", `{"service_id": "walk-1", "mode": "referral"}`)
	_, page := fx.Call(t, north, "GET", "/casework", "")
	if strings.Contains(page, "Meanwood Valley Health Walk, referred") {
		t.Error("a referral made today is flagged as unanswered")
	}
	// Monday 23 November + 15 days is Tuesday 8 December: 11 working days.
	fx.Now = fx.Now.AddDate(0, 0, 15)
	north = fx.As(t, "north@example.org") // the session has idled out meanwhile
	_, page = fx.Call(t, north, "GET", "/casework", "")
	if !strings.Contains(page, "Meanwood Valley Health Walk, referred") {
		t.Error("a referral unanswered for 11 working days is not flagged")
	}
	if !strings.Contains(page, "with no contact for 4 weeks") {
		t.Error("dashboard has no no-contact count")
	}
}

func TestUptakeFiguresSuppressSmallNumbers(t *testing.T) {
	fx := webtest.New(t)
	north := fx.As(t, "north@example.org")
	id := fx.MustPerson(t, north, webtest.AdaJSON)
	refer := func(service string, steps ...string) {
		_, out := fx.Call(t, north, "POST", "/api/v1/people/"+id+"/referrals", `{"service_id": "`+service+`", "mode": "referral", "confirm_duplicate": true}`)
		rid := webtest.Decode[map[string]string](t, out)["id"]
		for _, s := range steps {
			if st, out := fx.Call(t, north, "POST", "/api/v1/referrals/"+rid+"/status", `{"status": "`+s+`"}`); st != 200 {
				t.Fatalf("→ %s: %d %s", s, st, out)
			}
		}
	}
	// Five to the walk: four accepted, three of them attended.
	refer("walk-1", "accepted", "attended")
	refer("walk-1", "accepted", "attended")
	refer("walk-1", "accepted", "attended")
	refer("walk-1", "accepted")
	refer("walk-1", "declined")
	// Two to the money advice: too few to show.
	refer("money/advice 2", "accepted")
	refer("money/advice 2")
	_, page := fx.Call(t, north, "GET", "/casework/uptake", "")
	for _, want := range []string{"<th scope=\"row\">Meanwood Valley Health Walk</th><td>5</td><td>80%</td><td>60%</td>", "<th scope=\"row\">Money Matters Drop-in</th><td>2</td><td colspan=\"3\">fewer than 5 referrals</td>"} {
		if !strings.Contains(page, want) {
			t.Errorf("uptake page lacks %s", want)
		}
	}
	// By kind: the walk's main kind of support as Linkway has it (here as
	// an admin set it), not the first term its feed filed it under.
	if _, err := fx.DB.SetServiceKinds(context.Background(), "walk-1", []string{"arts-and-crafts"}, 0, "kinds corrected"); err != nil {
		t.Fatal(err)
	}
	_, page = fx.Call(t, north, "GET", "/casework/uptake", "")
	if want := "<th scope=\"row\">arts-and-crafts</th><td>5</td>"; !strings.Contains(page, want) {
		t.Errorf("uptake page lacks the walk's kind: %s", want)
	}
	up, err := fx.DB.UptakeByService(context.Background(), []string{"walk-1"})
	if err != nil || up["walk-1"] != (casework.ServiceUptake{Referred: 5, Accepted: 4, Attended: 3}) {
		t.Errorf("uptake for the matcher: %+v %v", up, err)
	}
}

func TestSupportPlanForm(t *testing.T) {
	fx := webtest.New(t)
	north := fx.As(t, "north@example.org")
	id := fx.MustPerson(t, north, webtest.AdaJSON)
	base := url.Values{"name": {"Ada Lovelace"}, "date_of_birth": {"1950-03-04"}, "consent_hold": {"true"}, "status": {"active"},
		"goals": {"Get out twice a week\n\nSort the gas bill"}, "review_date": {"2026-11-27"},
		"action_text": {"Try the health walk", "", "Call the debt advice line"}, "action_owner": {"Ada", "", "Link worker"},
		"action_due": {"2026-12-01", "", "2026-11-27"}, "action_done": {"2"}}
	bad := url.Values{}
	for k, v := range base {
		bad[k] = v
	}
	bad["action_due"] = []string{"next week", "", ""}
	if st, _, page := fx.Form(t, north, "/casework/people/"+id+"/edit", bad); st != http.StatusBadRequest || !strings.Contains(page, `value="Try the health walk"`) {
		t.Errorf("bad due date: %d, or the actions typed were lost", st)
	}
	if st, loc, _ := fx.Form(t, north, "/casework/people/"+id+"/edit", base); st != http.StatusSeeOther {
		t.Fatalf("plan form: %d %s", st, loc)
	}
	_, out := fx.Call(t, north, "GET", "/api/v1/people/"+id, "")
	plan := webtest.Decode[struct {
		Plan struct {
			Goals   []string `json:"goals"`
			Actions []struct {
				Text, Owner, Due string
				Done             bool
			} `json:"actions"`
			ReviewDate string `json:"review_date"`
		} `json:"plan"`
	}](t, out).Plan
	if len(plan.Goals) != 2 || plan.ReviewDate != "2026-11-27" || len(plan.Actions) != 2 ||
		plan.Actions[0].Owner != "Ada" || plan.Actions[0].Done || !plan.Actions[1].Done || plan.Actions[1].Due != "2026-11-27" {
		t.Errorf("plan stored as %+v", plan)
	}
	// The edit form shows the due dates as people in the UK write them.
	if _, page := fx.Call(t, north, "GET", "/casework/people/"+id+"/edit", ""); !strings.Contains(page, `name="action_due" value="1/12/2026"`) {
		t.Error("the edit form does not show a due date as 1/12/2026")
	}
	_, page := fx.Call(t, north, "GET", "/casework", "")
	if !strings.Contains(page, "review 27 November 2026") {
		t.Error("the review due within a week is not on the dashboard")
	}
}

func TestAssignLinkWorker(t *testing.T) {
	fx := webtest.New(t)
	north := fx.As(t, "north@example.org")
	id := fx.MustPerson(t, north, webtest.AdaJSON)
	ids := map[string]int64{}
	users, _ := fx.DB.Users(context.Background())
	for _, u := range users {
		ids[u.Email] = u.ID
	}
	edit := func(worker int64) int {
		st, _, _ := fx.Form(t, north, "/casework/people/"+id+"/edit", url.Values{"name": {"Ada Lovelace"}, "date_of_birth": {"1950-03-04"},
			"consent_hold": {"true"}, "status": {"active"}, "link_worker": {strconv.FormatInt(worker, 10)}})
		return st
	}
	if st := edit(ids["south@example.org"]); st != http.StatusBadRequest {
		t.Errorf("assigning to another team's worker: %d, want 400", st)
	}
	if st := edit(ids["north2@example.org"]); st != http.StatusSeeOther {
		t.Fatalf("assigning to a colleague: %d", st)
	}
	_, out := fx.Call(t, north, "GET", "/api/v1/people/"+id, "")
	if got := int64(webtest.Decode[map[string]any](t, out)["link_worker"].(float64)); got != ids["north2@example.org"] {
		t.Errorf("link worker %d, want %d", got, ids["north2@example.org"])
	}
}

func TestWorkingDaysSkipBankHolidays(t *testing.T) {
	fx := webtest.New(t)
	fx.Now = time.Date(2026, 12, 17, 9, 0, 0, 0, time.UTC) // a Thursday
	north := fx.As(t, "north@example.org")
	id := fx.MustPerson(t, north, webtest.AdaJSON)
	fx.Call(t, north, "POST", "/api/v1/people/"+id+"/referrals", `{"service_id": "walk-1", "mode": "referral"}`)
	// Monday 4 January: 12 weekdays on, but only 9 working days once
	// Christmas, the Boxing Day substitute and New Year's Day are off.
	fx.Now = time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC)
	flagged := func() bool {
		_, page := fx.Call(t, fx.As(t, "north@example.org"), "GET", "/casework", "")
		return strings.Contains(page, "Meanwood Valley Health Walk, referred")
	}
	if !flagged() {
		t.Error("without bank holidays, 12 weekdays unanswered are not flagged")
	}
	holidays, err := data.BankHolidays(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	fx.Work.Holidays = holidays
	if flagged() {
		t.Error("9 working days over Christmas are flagged as more than 10")
	}
}

// TestSecondReferralAPI checks the API's side of the rule on referring
// someone twice to one service: 409 naming the open referral, nothing
// kept or sent, then "confirm_duplicate" lets it through; a signpost is
// never refused; the note is kept and shown.
func TestSecondReferralAPI(t *testing.T) {
	fx := webtest.New(t)
	north := fx.As(t, "north@example.org")
	id := fx.MustPerson(t, north, webtest.AdaJSON)
	refer := func(body string) (int, string) {
		return fx.Call(t, north, "POST", "/api/v1/people/"+id+"/referrals", body)
	}
	st, out := refer(`{"service_id": "walk-1", "mode": "referral", "note": "Mornings suit her best."}`)
	if st != http.StatusCreated {
		t.Fatalf("first referral: %d %s", st, out)
	}
	first := webtest.Decode[map[string]string](t, out)["id"]
	sent := len(fx.Outbox(t, "referral"))

	st, out = refer(`{"service_id": "walk-1", "mode": "referral", "note": "again"}`)
	refused := webtest.Decode[struct {
		Error    string `json:"error"`
		Existing struct {
			ID, Status, Note string
		} `json:"existing_referral"`
	}](t, out)
	if st != http.StatusConflict || refused.Existing.ID != first || refused.Existing.Status != "referred" || refused.Existing.Note != "Mornings suit her best." ||
		!strings.Contains(refused.Error, "already has an open referral to Meanwood Valley Health Walk (referral "+first) || !strings.Contains(refused.Error, "confirm_duplicate") {
		t.Errorf("second open referral: %d %s, want 409 naming %s", st, out, first)
	}
	if refs, _ := fx.DB.Referrals(context.Background(), casework.ReferralFilter{PersonID: id}); len(refs) != 1 {
		t.Errorf("%d referrals kept, want 1", len(refs))
	}
	if n := len(fx.Outbox(t, "referral")); n != sent {
		t.Errorf("the refused referral told the organisation (%d messages)", n-sent)
	}
	mustAuditedRead(t, fx, id, "api refer again")
	// "confirm_duplicate": false is no confirmation; a wrong type is a 400.
	if st, _ := refer(`{"service_id": "walk-1", "mode": "referral", "confirm_duplicate": false}`); st != http.StatusConflict {
		t.Errorf("confirm_duplicate false: %d, want 409", st)
	}
	if st, out := refer(`{"service_id": "walk-1", "mode": "referral", "confirm_duplicate": "yes"}`); st != http.StatusBadRequest || !strings.Contains(out, "confirm_duplicate") {
		t.Errorf("confirm_duplicate as a string: %d %s, want 400 naming it", st, out)
	}
	if st, out := refer(`{"service_id": "walk-1", "mode": "signpost"}`); st != http.StatusCreated {
		t.Errorf("signpost beside an open referral: %d %s", st, out)
	}
	st, out = refer(`{"service_id": "walk-1", "mode": "referral", "note": "She asked for the Thursday group.", "confirm_duplicate": true}`)
	if st != http.StatusCreated {
		t.Fatalf("confirmed second referral: %d %s", st, out)
	}
	second := webtest.Decode[map[string]string](t, out)["id"]
	if n := len(fx.Outbox(t, "referral")); n <= sent {
		t.Error("the confirmed referral did not tell the organisation")
	}
	_, out = fx.Call(t, north, "GET", "/api/v1/people/"+id, "")
	p := webtest.Decode[struct {
		Referrals []struct{ ID, Note string } `json:"referrals"`
	}](t, out)
	notes := map[string]string{}
	for _, r := range p.Referrals {
		notes[r.ID] = r.Note
	}
	if notes[first] != "Mornings suit her best." || notes[second] != "She asked for the Thursday group." {
		t.Errorf("notes in the record: %v", notes)
	}
	_, page := fx.Call(t, north, "GET", "/casework/people/"+id, "")
	if !strings.Contains(page, "Note with the referral: “She asked for the Thursday group.”") {
		t.Error("the person's page does not show the referral's note")
	}
}

// TestSecondReferralForm checks the same rule without JavaScript: the
// refused form answers 409 with a page asking to confirm, keeping the
// note, and its form makes the referral.
func TestSecondReferralForm(t *testing.T) {
	fx := webtest.New(t)
	north := fx.As(t, "north@example.org")
	id := fx.MustPerson(t, north, webtest.AdaJSON)
	path := "/casework/people/" + id + "/referrals"
	if st, _, _ := fx.Form(t, north, path, url.Values{"service_id": {"walk-1"}, "mode": {"referral"}}); st != http.StatusSeeOther {
		t.Fatalf("first referral: %d", st)
	}
	st, _, page := fx.Form(t, north, path, url.Values{"service_id": {"walk-1"}, "mode": {"referral"}, "note": {"Please call after 10"}})
	for _, want := range []string{"Refer Ada Lovelace again?", "already has an open referral to <strong>Meanwood Valley Health Walk</strong>", "now referred",
		`name="confirm_duplicate" value="true"`, `value="walk-1"`, "Please call after 10</textarea>", "Refer again anyway"} {
		if !strings.Contains(page, want) {
			t.Errorf("confirm page lacks %q", want)
		}
	}
	if st != http.StatusConflict {
		t.Errorf("second referral form: %d, want 409", st)
	}
	mustAuditedRead(t, fx, id, "refer again")
	st, to, _ := fx.Form(t, north, path, url.Values{"service_id": {"walk-1"}, "mode": {"referral"}, "note": {"Please call after 10"}, "confirm_duplicate": {"true"}})
	if st != http.StatusSeeOther || !strings.Contains(to, "done=referral") {
		t.Fatalf("confirmed: %d %s", st, to)
	}
	if refs, _ := fx.DB.Referrals(context.Background(), casework.ReferralFilter{PersonID: id}); len(refs) != 2 || refs[0].Note() != "Please call after 10" && refs[1].Note() != "Please call after 10" {
		t.Errorf("after confirming: %d referrals", len(refs))
	}
}

// TestStatusFormNeedsAChoice checks that the referral status form starts
// with nothing chosen, says statuses in words, and that an empty choice
// is refused with a message rather than taken as any status.
func TestStatusFormNeedsAChoice(t *testing.T) {
	fx := webtest.New(t)
	north := fx.As(t, "north@example.org")
	id := fx.MustPerson(t, north, webtest.AdaJSON)
	ref := fx.MustRefer(t, north, id, "walk-1", "referral")
	_, page := fx.Call(t, north, "GET", "/casework/people/"+id, "")
	form := page[strings.Index(page, `id="status-`+ref+`"`):]
	form = form[:strings.Index(form, "</select>")]
	if !strings.Contains(form, `name="status" required><option value="" selected>Choose…</option>`) || strings.Count(form, "selected") != 1 {
		t.Errorf("status form does not start on an empty, required choice: %s", form)
	}
	if !strings.Contains(form, ">On the waiting list</option>") || strings.Contains(form, ">waiting_list<") {
		t.Errorf("status choices not in words: %s", form)
	}
	if !strings.Contains(page, "Now: <strong>referred</strong>") {
		t.Error("the referral's status is not in words")
	}
	for _, status := range []string{"", "  "} {
		st, _, page := fx.Form(t, north, "/casework/referrals/"+ref+"/status", url.Values{"status": {status}, "note": {"x"}})
		if st != http.StatusBadRequest || !strings.Contains(page, "choose what the referral is now") {
			t.Errorf("status %q: %d, want 400 asking for a choice", status, st)
		}
	}
	if st, out := fx.Call(t, north, "POST", "/api/v1/referrals/"+ref+"/status", `{"note": "x"}`); st != http.StatusBadRequest || !strings.Contains(out, "status: choose") {
		t.Errorf("API without a status: %d %s", st, out)
	}
	if refs, _ := fx.DB.Referrals(context.Background(), casework.ReferralFilter{PersonID: id}); refs[0].Status != casework.RefReferred || len(refs[0].History) != 1 {
		t.Errorf("an empty choice changed the referral: %+v", refs[0])
	}
}

// mustAuditedRead fails t unless the person's record was audited as read
// with detail.
func mustAuditedRead(t *testing.T, fx *webtest.Site, personID, detail string) {
	t.Helper()
	entries, _, err := fx.DB.Audit(context.Background(), casework.AuditFilter{PersonID: personID})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Action == "person.read" && e.Detail == detail {
			return
		}
	}
	t.Errorf("no person.read %q in the audit log", detail)
}
