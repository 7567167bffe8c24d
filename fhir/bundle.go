package fhir

import (
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/ids"
)

// Code systems and identifier systems the Bundle uses.
const (
	// SystemNHSNumber is the identifier system of the NHS number.
	SystemNHSNumber = "https://fhir.nhs.uk/Id/nhs-number"
	// SystemSNOMED is SNOMED CT.
	SystemSNOMED      = "http://snomed.info/sct"
	systemActCode     = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
	systemObsCategory = "http://terminology.hl7.org/CodeSystem/observation-category"
	systemUCUM        = "http://unitsofmeasure.org"
	ukCore            = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-"
)

// ONS4Note is the note on every ONS4 Observation. No LOINC or SNOMED CT
// code for the four ONS personal wellbeing questions was found in any
// source we could check (shared/standards/outcome-measures.md), so each
// answer is coded by the question's exact wording instead of by a code
// we would have had to guess.
const ONS4Note = "ONS personal wellbeing question (ONS4), answered from 0 to 10. Coded by its wording: no LOINC or SNOMED CT code for this question was found."

// Record is everything of one person that goes into their Bundle.
type Record struct {
	Person    *casework.Person
	Contacts  []casework.Contact
	Referrals []*casework.Referral
	Outcomes  []casework.ONS4
	Coded     []casework.CodedEvent
	// Workers names the users who appear in the record (the assigned
	// link worker, who made each contact and referral); a user missing
	// from it is left out rather than sent without a name.
	Workers map[int64]string
}

// Build returns r as a FHIR R4 collection Bundle made at now. Every
// fullUrl is a urn:uuid derived from Linkway's own id of the record, so
// the same record gives the same ids in every export and a receiving
// system can tell an update from a new entry.
func Build(r Record, now time.Time) *Bundle {
	p := r.Person
	b := &Bundle{ResourceType: "Bundle", ID: uuidFor("bundle", p.ID), Type: "collection",
		Timestamp: now.UTC().Format(time.RFC3339)}
	add := func(id string, res any) { b.Entry = append(b.Entry, Entry{FullURL: urn(id), Resource: res}) }

	pat := patientOf(p)
	add(pat.ID, pat)
	patient := Reference{Reference: urn(pat.ID)}

	// One Practitioner for each named user, in id order so that the
	// Bundle reads the same every time.
	workers := map[int64]*Reference{}
	for _, user := range slices.Sorted(maps.Keys(r.Workers)) {
		pr := &Practitioner{ResourceType: "Practitioner", ID: uuidFor("practitioner", strconv.FormatInt(user, 10)),
			Meta: profile("Practitioner"), Name: []HumanName{{Text: r.Workers[user]}}}
		add(pr.ID, pr)
		workers[user] = &Reference{Reference: urn(pr.ID), Display: r.Workers[user]}
	}
	// performer is who did something, or nobody when they are not named.
	performer := func(user int64) []Reference {
		if w := workers[user]; w != nil {
			return []Reference{*w}
		}
		return nil
	}

	ep := episodeOf(p, patient, workers[p.LinkWorker])
	add(ep.ID, ep)

	for _, c := range r.Contacts {
		enc := &Encounter{ResourceType: "Encounter", ID: uuidFor("encounter", strconv.FormatInt(c.ID, 10)), Meta: profile("Encounter"),
			Status: "finished", Class: EncounterClass(c.Kind), Type: []CodeableConcept{{Text: contactKindText(c.Kind)}},
			Subject: patient, EpisodeOfCare: []Reference{{Reference: urn(ep.ID)}}, Period: &Period{Start: day(c.Date), End: day(c.Date)}}
		if c.Minutes > 0 {
			enc.Length = &Duration{Value: c.Minutes, Unit: "min", System: systemUCUM, Code: "min"}
		}
		for _, who := range performer(c.By) {
			enc.Participant = append(enc.Participant, EncounterParticipant{Individual: who})
		}
		add(enc.ID, enc)
	}

	for _, ref := range r.Referrals {
		sr := serviceRequestOf(ref, patient, workers[ref.CreatedBy])
		add(sr.ID, sr)
	}

	for _, o := range r.Outcomes {
		for _, q := range casework.Questions {
			score := o.Score(q.Key)
			obs := &Observation{ResourceType: "Observation", ID: uuidFor("ons4", strconv.FormatInt(o.ID, 10)+"/"+q.Key),
				Meta: profile("Observation"), Status: "final",
				Category: []CodeableConcept{{Coding: []Coding{{System: systemObsCategory, Code: "survey", Display: "Survey"}}}},
				Code:     CodeableConcept{Text: q.Text}, Subject: patient, EffectiveDateTime: day(o.Date),
				Performer: performer(o.By), ValueInteger: &score,
				Note: []Annotation{{Text: ONS4Note + " Taken at the " + string(o.Stage) + "."}}}
			add(obs.ID, obs)
		}
	}

	for _, ev := range r.Coded {
		id := uuidFor("coded", strconv.FormatInt(ev.ID, 10))
		code := CodeableConcept{Coding: []Coding{{System: SystemSNOMED, Code: ev.Code, Display: ev.Term}}, Text: ev.Term}
		if ev.Code == casework.CodeReferral {
			// The referral is something done: a procedure. Every other
			// code (declined is a situation) is a finding.
			add(id, &Procedure{ResourceType: "Procedure", ID: id, Meta: profile("Procedure"), Status: "completed",
				Code: code, Subject: patient, PerformedDateTime: day(ev.Date), Recorder: workers[ev.By]})
			continue
		}
		add(id, &Observation{ResourceType: "Observation", ID: id, Meta: profile("Observation"), Status: "final",
			Code: code, Subject: patient, EffectiveDateTime: day(ev.Date), Performer: performer(ev.By)})
	}
	return b
}

// patientOf is the person as a Patient: NHS number, name, birth date and
// GP practice, each only when recorded.
func patientOf(p *casework.Person) *Patient {
	pat := &Patient{ResourceType: "Patient", ID: uuidFor("patient", p.ID), Meta: profile("Patient"),
		Name: []HumanName{{Use: "official", Text: p.Name}}}
	if p.NHSNumber != "" {
		pat.Identifier = []Identifier{{System: SystemNHSNumber, Value: p.NHSNumber}}
	}
	if !p.DateOfBirth.IsZero() {
		pat.BirthDate = day(p.DateOfBirth)
	}
	if p.Practice != "" {
		pat.GeneralPractitioner = []Reference{{Display: p.Practice}}
	}
	return pat
}

// episodeOf is the person's time with the link worker, from when their
// record was opened to their discharge.
func episodeOf(p *casework.Person, patient Reference, linkWorker *Reference) *EpisodeOfCare {
	ep := &EpisodeOfCare{ResourceType: "EpisodeOfCare", ID: uuidFor("episode", p.ID), Meta: profile("EpisodeOfCare"),
		Status: EpisodeStatus(p.Status), Type: []CodeableConcept{{Text: "Social prescribing"}}, Patient: patient,
		CareManager: linkWorker}
	if !p.CreatedAt.IsZero() {
		ep.Period = &Period{Start: day(p.CreatedAt)}
		if p.Status == casework.StatusDischarged && !p.DischargedAt.IsZero() {
			ep.Period.End = day(p.DischargedAt)
		}
	}
	return ep
}

// serviceRequestOf is a referral or signpost to a community service.
func serviceRequestOf(ref *casework.Referral, patient Reference, requester *Reference) *ServiceRequest {
	sr := &ServiceRequest{ResourceType: "ServiceRequest", ID: uuidFor("servicerequest", ref.ID), Meta: profile("ServiceRequest"),
		Status: RequestStatus(ref.Status), Intent: "order", Code: &CodeableConcept{Text: "Referral to " + ref.ServiceName},
		Subject: patient, AuthoredOn: ref.CreatedAt.UTC().Format(time.RFC3339), Requester: requester,
		Performer: []Reference{{Display: ref.ServiceName}},
		Note:      []Annotation{{Text: "Linkway status: " + ref.Status.Label() + "."}}}
	if ref.Mode == casework.ModeSignpost {
		// A signpost gives the person the service's details; nobody is
		// asked to act, so it is a proposal, not an order.
		sr.Intent = "proposal"
		sr.Code.Text = "Signposted to " + ref.ServiceName
	}
	return sr
}

// EpisodeStatus maps a person's status to the EpisodeOfCare's. A new
// person is waiting for their first contact: the waitlist.
func EpisodeStatus(s casework.Status) string {
	switch s {
	case casework.StatusActive:
		return "active"
	case casework.StatusOnHold:
		return "onhold"
	case casework.StatusDischarged:
		return "finished"
	}
	return "waitlist"
}

// RequestStatus maps a referral's status to the ServiceRequest's:
//   - signposted, referred, accepted and on a waiting list are active:
//     the request still stands;
//   - attended, ongoing and completed are completed: the person was seen,
//     which is what was asked for;
//   - declined by the organisation or the person, did not attend and
//     withdrawn are revoked: the request ended without being met.
//
// entered-in-error is never used. FHIR keeps it for a record that should
// not exist; a referral that was declined or missed really happened and
// stays in the GP record as such, its reason in the note.
func RequestStatus(s casework.ReferralStatus) string {
	switch s {
	case casework.RefAttended, casework.RefOngoing, casework.RefCompleted:
		return "completed"
	case casework.RefDeclined, casework.RefPersonDeclined, casework.RefDidNotAttend, casework.RefWithdrawn:
		return "revoked"
	case casework.RefSignposted, casework.RefReferred, casework.RefAccepted, casework.RefWaitingList:
		return "active"
	}
	return "unknown"
}

// EncounterClass is the HL7 v3 ActCode class of a contact: a home visit
// is home health, a call or video call is virtual, and a meeting or group
// in person is ambulatory.
func EncounterClass(k casework.ContactKind) Coding {
	switch k {
	case casework.ContactHomeVisit:
		return Coding{System: systemActCode, Code: "HH", Display: "home health"}
	case casework.ContactPhone, casework.ContactVideo:
		return Coding{System: systemActCode, Code: "VR", Display: "virtual"}
	}
	return Coding{System: systemActCode, Code: "AMB", Display: "ambulatory"}
}

func contactKindText(k casework.ContactKind) string {
	switch k {
	case casework.ContactPhone:
		return "Social prescribing contact by phone"
	case casework.ContactMeeting:
		return "Social prescribing meeting"
	case casework.ContactHomeVisit:
		return "Social prescribing home visit"
	case casework.ContactVideo:
		return "Social prescribing video call"
	case casework.ContactGroup:
		return "Social prescribing group session"
	}
	return "Social prescribing contact"
}

func profile(name string) *Meta { return &Meta{Profile: []string{ukCore + name}} }

// day writes a date as FHIR's date: YYYY-MM-DD.
func day(t time.Time) string { return t.Format(time.DateOnly) }

// uuidFor is the stable UUID of Linkway's record of the given kind and
// id in a Bundle.
func uuidFor(kind, id string) string { return ids.Derived("fhir/" + kind + "/" + id) }

// urn is the fullUrl of the resource with the given id.
func urn(id string) string { return "urn:uuid:" + id }
