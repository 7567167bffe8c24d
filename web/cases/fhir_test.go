package cases_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/internal/fhirtest"
	"github.com/linkway/linkway/internal/webtest"
)

// mustGPRecord gives Ada (north's) three contacts, two sets of wellbeing
// scores, a referral taken to attended and a signpost, and returns her
// id.
func mustGPRecord(t *testing.T, fx *webtest.Site, north *http.Client) string {
	t.Helper()
	id := fx.MustPerson(t, north, webtest.AdaJSON)
	for _, body := range []string{
		`{"date": "2026-11-02", "kind": "phone", "minutes": 20}`,
		`{"date": "2026-11-09", "kind": "home_visit", "minutes": 60}`,
		`{"date": "2026-11-16", "kind": "meeting"}`,
	} {
		if st, out := fx.Call(t, north, "POST", "/api/v1/people/"+id+"/contacts", body); st != http.StatusCreated {
			t.Fatalf("contact: %d %s", st, out)
		}
	}
	for _, body := range []string{
		`{"date": "2026-11-02", "stage": "start", "life_satisfaction": 3, "worthwhile": 4, "happy": 2, "anxious": 8}`,
		`{"date": "2026-11-16", "stage": "review", "life_satisfaction": 6, "worthwhile": 7, "happy": 6, "anxious": 4}`,
	} {
		if st, out := fx.Call(t, north, "POST", "/api/v1/people/"+id+"/outcomes", body); st != http.StatusCreated {
			t.Fatalf("outcome: %d %s", st, out)
		}
	}
	ref := fx.MustRefer(t, north, id, "walk-1", "referral")
	for _, status := range []string{"accepted", "attended"} {
		if st, out := fx.Call(t, north, "POST", "/api/v1/referrals/"+ref+"/status", `{"status": "`+status+`"}`); st != http.StatusOK {
			t.Fatalf("→ %s: %d %s", status, st, out)
		}
	}
	fx.MustRefer(t, north, id, "money/advice 2", "signpost")
	return id
}

func TestPersonFHIR(t *testing.T) {
	fx := webtest.New(t)
	north := fx.As(t, "north@example.org")
	id := mustGPRecord(t, fx, north)

	resp, err := north.Get(fx.TS.URL + "/api/v1/people/" + id + "/fhir")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET fhir: %d %s", resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/fhir+json") {
		t.Errorf("Content-Type %q, want application/fhir+json", ct)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control %q, want no-store", cc)
	}
	fhirtest.MustValidate(t, body)

	var b struct {
		Entry []struct {
			FullURL  string         `json:"fullUrl"`
			Resource map[string]any `json:"resource"`
		} `json:"entry"`
	}
	if err := json.Unmarshal(body, &b); err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	urls := map[string]bool{}
	for _, e := range b.Entry {
		count[e.Resource["resourceType"].(string)]++
		urls[e.FullURL] = true
	}
	// The first contact coded the referral to social prescribing: a
	// Procedure. Eight Observations are the two sets of four scores.
	want := map[string]int{"Patient": 1, "Practitioner": 1, "EpisodeOfCare": 1, "Encounter": 3, "ServiceRequest": 2, "Observation": 8, "Procedure": 1}
	for typ, n := range want {
		if count[typ] != n {
			t.Errorf("%d %s, want %d", count[typ], typ, n)
		}
	}
	text := string(body)
	for _, s := range []string{`"value":"9434765919"`, `"display":"North Worker"`, `"code":"` + casework.CodeReferral + `"`,
		`"status":"completed","intent":"order"`, `"status":"active","intent":"proposal"`, `"display":"Oak Surgery"`} {
		if !strings.Contains(text, s) {
			t.Errorf("bundle lacks %s", s)
		}
	}
	for _, ref := range strings.Split(text, `"reference":"`)[1:] {
		if u := ref[:strings.IndexByte(ref, '"')]; !urls[u] {
			t.Errorf("reference %s is not in the bundle", u)
		}
	}
	if n := fx.AuditCount(t, "person.fhir", "api"); n != 1 {
		t.Errorf("%d person.fhir audit entries, want 1", n)
	}

	// The team reads it too; nobody else learns anything, and a refusal
	// is not a read.
	if st, _ := fx.Call(t, fx.As(t, "north2@example.org"), "GET", "/api/v1/people/"+id+"/fhir", ""); st != http.StatusOK {
		t.Errorf("a team colleague: %d, want 200", st)
	}
	fx.AddUser(t, casework.User{Email: "commissioner@example.org", Name: "Commissioner", Role: casework.RoleCommissioner})
	for _, tt := range []struct {
		who  string
		want int
	}{
		{"south@example.org", http.StatusNotFound},
		{"admin@example.org", http.StatusNotFound},
		{"editor@example.org", http.StatusForbidden},
		{"commissioner@example.org", http.StatusForbidden},
		{"", http.StatusUnauthorized},
	} {
		st, out := fx.Call(t, fx.As(t, tt.who), "GET", "/api/v1/people/"+id+"/fhir", "")
		if st != tt.want {
			t.Errorf("%q: %d, want %d", tt.who, st, tt.want)
		}
		if strings.Contains(out, "Ada") || strings.Contains(out, "9434765919") {
			t.Errorf("%q: the answer leaks the person", tt.who)
		}
	}
	// Editors and commissioners are refused whatever the id, so the 403
	// says nothing about which ids exist.
	if st, _ := fx.Call(t, fx.As(t, "editor@example.org"), "GET", "/api/v1/people/no-such-id/fhir", ""); st != http.StatusForbidden {
		t.Errorf("editor, unknown id: %d, want 403", st)
	}
	if n := fx.AuditCount(t, "person.fhir", "api"); n != 2 {
		t.Errorf("%d person.fhir audit entries, want 2 (north and north2)", n)
	}
}

func TestLetterForTheGP(t *testing.T) {
	fx := webtest.New(t)
	north := fx.As(t, "north@example.org")
	id := mustGPRecord(t, fx, north)

	if _, page := fx.Call(t, north, "GET", "/casework/people/"+id, ""); !strings.Contains(page, `href="/casework/people/`+id+`/letter"`) {
		t.Error("the person's page does not link to the letter")
	}
	st, page := fx.Call(t, north, "GET", "/casework/people/"+id+"/letter", "")
	if st != http.StatusOK {
		t.Fatalf("letter: %d", st)
	}
	for _, want := range []string{
		"Social prescribing summary for the GP",
		"<dd>Oak Surgery</dd>", "North Worker, social prescribing link worker",
		// The person.
		"Ada Lovelace", "4 March 1950", "943 476 5919",
		// What matters, in their words.
		"“lonely since my husband died”",
		// Support offered: contacts against the usual, and each service with where it stands.
		"3 contacts with the link worker, from 2 November 2026 to 16 November 2026 (most people have 6 to 12)",
		`<th scope="row">Meanwood Valley Health Walk</th><td>Referred</td><td>23 November 2026</td><td>Attended</td>`,
		`<th scope="row">Money Matters Drop-in</th><td>Signposted</td><td>23 November 2026</td><td>Signposted</td>`,
		// Outcomes: first and latest wellbeing, and the code for the GP record.
		`<th scope="row">Life satisfaction</th><td>3</td><td>6</td><td>up 3 (better)</td>`,
		`<th scope="row">Anxious</th><td>8</td><td>4</td><td>down 4 (better)</td>`,
		"871731000000106", "Referral to social prescribing service",
		// Next steps.
		"Still working with their link worker.",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("letter lacks %q", want)
		}
	}
	for _, heading := range []string{"The person", "Their referral to social prescribing", "What matters to them", "Support offered", "Outcomes", "Plan and next steps"} {
		if !strings.Contains(page, ">"+heading+"</h2>") {
			t.Errorf("letter lacks the heading %q", heading)
		}
	}
	// Someone just referred, with nothing recorded yet, still gets a
	// letter that says so.
	bare := fx.MustPerson(t, north, `{"name": "Cecil Brown", "date_of_birth": "1960-01-02", "referral_source": "self", "consent": {"hold": true}}`)
	st, page = fx.Call(t, north, "GET", "/casework/people/"+bare+"/letter", "")
	for _, want := range []string{"Referred by themselves. With the link worker since 23 November 2026.", "<dd>Not recorded</dd>",
		"0 contacts with the link worker (most people have 6 to 12)", "No community services yet.", "No wellbeing scores recorded.",
		"Waiting for a first contact with their link worker."} {
		if st != http.StatusOK || !strings.Contains(page, want) {
			t.Errorf("letter for someone just referred: %d, lacks %q", st, want)
		}
	}
	if !fx.Audited(t, "person.letter", "page") {
		t.Error("reading the letter was not audited")
	}
	for _, who := range []string{"south@example.org", "editor@example.org", "admin@example.org"} {
		if st, page := fx.Call(t, fx.As(t, who), "GET", "/casework/people/"+id+"/letter", ""); st != http.StatusNotFound || strings.Contains(page, "Ada") {
			t.Errorf("%s: letter %d, want 404 without the person", who, st)
		}
	}
}
