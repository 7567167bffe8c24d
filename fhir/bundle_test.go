package fhir_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/fhir"
	"github.com/linkway/linkway/internal/fhirtest"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// record is a person discharged after four contacts, three referrals (one
// attended, one declined, one signposted), two sets of ONS4 scores and
// the referral code.
func record() fhir.Record {
	p := &casework.Person{ID: "p-ada", TeamID: "north", LinkWorker: 7, Name: "Ada Lovelace",
		DateOfBirth: day("1950-03-04"), NHSNumber: "9434765919", Practice: "Meanwood Surgery",
		Status: casework.StatusDischarged, CreatedAt: day("2026-09-01"), DischargedAt: day("2026-11-20")}
	return fhir.Record{
		Person: p,
		Contacts: []casework.Contact{
			{ID: 11, PersonID: p.ID, Date: day("2026-09-03"), Kind: casework.ContactPhone, Minutes: 20, By: 7},
			{ID: 12, PersonID: p.ID, Date: day("2026-09-10"), Kind: casework.ContactHomeVisit, Minutes: 60, By: 7},
			{ID: 13, PersonID: p.ID, Date: day("2026-10-01"), Kind: casework.ContactMeeting, By: 8},
			{ID: 14, PersonID: p.ID, Date: day("2026-11-20"), Kind: casework.ContactVideo, Minutes: 30, By: 99},
		},
		Referrals: []*casework.Referral{
			{ID: "r-walk", ServiceName: "Meanwood Walkers", Mode: casework.ModeReferral, Status: casework.RefAttended, CreatedBy: 7, CreatedAt: day("2026-09-10")},
			{ID: "r-money", ServiceName: "Money Advice", Mode: casework.ModeReferral, Status: casework.RefDeclined, CreatedBy: 7, CreatedAt: day("2026-09-10")},
			{ID: "r-choir", ServiceName: "Community Choir", Mode: casework.ModeSignpost, Status: casework.RefSignposted, CreatedBy: 8, CreatedAt: day("2026-10-01")},
		},
		Outcomes: []casework.ONS4{
			{ID: 21, Date: day("2026-09-03"), Stage: casework.StageStart, Life: 3, Worthwhile: 4, Happy: 2, Anxious: 8, By: 7},
			{ID: 22, Date: day("2026-11-20"), Stage: casework.StageDischarge, Life: 6, Worthwhile: 7, Happy: 6, Anxious: 4, By: 7},
		},
		Coded: []casework.CodedEvent{
			{ID: 31, Date: day("2026-09-03"), Code: casework.CodeReferral, Term: "Referral to social prescribing service", By: 7},
		},
		Workers: map[int64]string{7: "North Worker", 8: "North Colleague"},
	}
}

// entry is a Bundle entry as a reader sees it.
type entry struct {
	FullURL  string         `json:"fullUrl"`
	Resource map[string]any `json:"resource"`
}

func mustEncode(tb testing.TB, b *fhir.Bundle) []byte {
	tb.Helper()
	body, err := json.Marshal(b)
	if err != nil {
		tb.Fatal(err)
	}
	return body
}

func TestBundleIsValidFHIR(t *testing.T) {
	fhirtest.MustValidate(t, mustEncode(t, fhir.Build(record(), day("2026-12-01"))))

	// A person with nothing yet recorded but their name and birth date
	// still gives a valid Bundle: no empty arrays or strings.
	bare := fhir.Record{Person: &casework.Person{ID: "p-new", Name: "New Person", DateOfBirth: day("1990-01-01"), Status: casework.StatusNew}}
	fhirtest.MustValidate(t, mustEncode(t, fhir.Build(bare, day("2026-12-01"))))
}

// TestSchemaRejectsBadBundle shows the schema check can fail: a Bundle
// with an unknown element and an Encounter without its class.
func TestSchemaRejectsBadBundle(t *testing.T) {
	for _, bad := range []string{
		`{"resourceType": "Bundle", "type": "collection", "entry": [{"fullUrl": "urn:uuid:x", "resource": {"resourceType": "Encounter", "status": "finished"}}]}`,
		`{"resourceType": "Bundle", "type": "collection", "colour": "red"}`,
		`{"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {"resourceType": "Patient", "birthDate": "4/3/1950"}}]}`,
	} {
		if fhirtest.Validate([]byte(bad)) == nil {
			t.Errorf("schema accepts %s", bad)
		}
	}
}

func TestBundleIsComplete(t *testing.T) {
	rec := record()
	body := mustEncode(t, fhir.Build(rec, day("2026-12-01")))
	var b struct {
		Type  string  `json:"type"`
		Entry []entry `json:"entry"`
	}
	if err := json.Unmarshal(body, &b); err != nil {
		t.Fatal(err)
	}
	if b.Type != "collection" {
		t.Errorf("type %q, want collection", b.Type)
	}
	byURL := map[string]map[string]any{}
	count := map[string]int{}
	for _, e := range b.Entry {
		if !strings.HasPrefix(e.FullURL, "urn:uuid:") || strings.TrimPrefix(e.FullURL, "urn:uuid:") != e.Resource["id"] {
			t.Errorf("fullUrl %q does not name resource id %v", e.FullURL, e.Resource["id"])
		}
		if byURL[e.FullURL] != nil {
			t.Errorf("fullUrl %s twice", e.FullURL)
		}
		byURL[e.FullURL] = e.Resource
		count[e.Resource["resourceType"].(string)]++
	}
	// One Patient, one episode, a Practitioner for each named worker, an
	// Encounter per contact, a ServiceRequest per referral, four
	// Observations per set of scores and the referral code as a Procedure.
	want := map[string]int{"Patient": 1, "EpisodeOfCare": 1, "Practitioner": 2, "Encounter": 4, "ServiceRequest": 3, "Observation": 8, "Procedure": 1}
	for typ, n := range want {
		if count[typ] != n {
			t.Errorf("%d %s, want %d", count[typ], typ, n)
		}
	}
	if len(count) != len(want) {
		t.Errorf("resource types %v, want %v", count, want)
	}

	// Every reference resolves inside the Bundle.
	var refs []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if s, ok := x.(string); ok && k == "reference" {
					refs = append(refs, s)
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	for _, e := range b.Entry {
		walk(e.Resource)
	}
	if len(refs) < 20 {
		t.Errorf("only %d references; the walk missed some", len(refs))
	}
	for _, r := range refs {
		if byURL[r] == nil {
			t.Errorf("reference %s resolves to nothing in the Bundle", r)
		}
	}

	text := string(body)
	for _, s := range []string{
		`"system":"https://fhir.nhs.uk/Id/nhs-number","value":"9434765919"`,
		`"birthDate":"1950-03-04"`,
		`"status":"finished","type":[{"text":"Social prescribing"}]`, // the episode
		`"period":{"start":"2026-09-01","end":"2026-11-20"}`,
		`"system":"http://snomed.info/sct","code":"871731000000106"`,
		`"https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient"`,
		`"code":"HH"`, `"code":"VR"`, `"code":"AMB"`,
		`"intent":"proposal"`,
	} {
		if !strings.Contains(text, s) {
			t.Errorf("bundle lacks %s", s)
		}
	}
	// Worker 99 has no name: their contact is there without a participant.
	if strings.Count(text, `"participant"`) != 3 {
		t.Errorf("%d encounters with a participant, want 3", strings.Count(text, `"participant"`))
	}

	// Each ONS4 score appears once, under its question's wording.
	for _, o := range rec.Outcomes {
		for _, q := range casework.Questions {
			n := 0
			for _, e := range b.Entry {
				r := e.Resource
				if r["resourceType"] == "Observation" && r["effectiveDateTime"] == o.Date.Format(time.DateOnly) &&
					r["code"].(map[string]any)["text"] == q.Text && r["valueInteger"] == float64(o.Score(q.Key)) {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%s on %s (%d): %d observations, want 1", q.Key, o.Date.Format(time.DateOnly), o.Score(q.Key), n)
			}
		}
	}
}

func TestBundleIdsAreStable(t *testing.T) {
	a := mustEncode(t, fhir.Build(record(), day("2026-12-01")))
	b := mustEncode(t, fhir.Build(record(), day("2026-12-01")))
	if !bytes.Equal(a, b) {
		t.Error("two Bundles of the same record differ")
	}
	other := record()
	other.Person.ID = "p-other"
	if c := mustEncode(t, fhir.Build(other, day("2026-12-01"))); bytes.Equal(a[:200], c[:200]) {
		t.Error("another person's Bundle has the same ids")
	}
}

func TestRequestStatus(t *testing.T) {
	for st, want := range map[casework.ReferralStatus]string{
		casework.RefSignposted: "active", casework.RefReferred: "active", casework.RefAccepted: "active", casework.RefWaitingList: "active",
		casework.RefAttended: "completed", casework.RefOngoing: "completed", casework.RefCompleted: "completed",
		casework.RefDeclined: "revoked", casework.RefPersonDeclined: "revoked", casework.RefDidNotAttend: "revoked", casework.RefWithdrawn: "revoked",
	} {
		if got := fhir.RequestStatus(st); got != want {
			t.Errorf("RequestStatus(%s) = %s, want %s", st, got, want)
		}
	}
}

// TestDeclinedIsAnObservation: "Social prescribing declined" is a
// situation, not something done, so it is a SNOMED-coded Observation.
func TestDeclinedIsAnObservation(t *testing.T) {
	rec := fhir.Record{Person: &casework.Person{ID: "p-d", Name: "D", DateOfBirth: day("1970-01-01"), Status: casework.StatusDischarged},
		Coded: []casework.CodedEvent{{ID: 41, Date: day("2026-10-01"), Code: casework.CodeDeclined, Term: "Social prescribing declined"}}}
	body := mustEncode(t, fhir.Build(rec, day("2026-12-01")))
	fhirtest.MustValidate(t, body)
	want := `"resourceType":"Observation","id":`
	if !strings.Contains(string(body), want) || !strings.Contains(string(body), `"system":"http://snomed.info/sct","code":"871711000000103"`) || strings.Contains(string(body), "Procedure") {
		t.Errorf("declined is not a SNOMED-coded Observation:\n%s", body)
	}
}
