package fhir

// The FHIR R4 data types and resources a social prescribing record
// needs, with only the elements Linkway fills. Field names and JSON keys
// are FHIR's; every optional element is omitted when empty, because FHIR
// JSON forbids empty strings, arrays and objects.

// Meta carries the profiles a resource claims to meet.
type Meta struct {
	Profile []string `json:"profile,omitempty"`
}

// Coding is one code from a code system.
type Coding struct {
	System  string `json:"system,omitempty"`
	Code    string `json:"code,omitempty"`
	Display string `json:"display,omitempty"`
}

// CodeableConcept is a concept as codes and, or only, text.
type CodeableConcept struct {
	Coding []Coding `json:"coding,omitempty"`
	Text   string   `json:"text,omitempty"`
}

// Reference points at another resource: by its fullUrl inside the
// Bundle, or by display alone for something Linkway holds no record of.
type Reference struct {
	Reference string `json:"reference,omitempty"`
	Display   string `json:"display,omitempty"`
}

// Identifier is a business identifier such as the NHS number.
type Identifier struct {
	System string `json:"system"`
	Value  string `json:"value"`
}

// Period is a span of dates; End is empty while it lasts.
type Period struct {
	Start string `json:"start,omitempty"`
	End   string `json:"end,omitempty"`
}

// HumanName is a person's name. Linkway keeps a name as the person gives
// it, in one field, so only the text is sent: splitting it into given
// and family names would guess.
type HumanName struct {
	Use  string `json:"use,omitempty"`
	Text string `json:"text"`
}

// Annotation is a note.
type Annotation struct {
	Text string `json:"text"`
}

// Duration is a length of time in UCUM units.
type Duration struct {
	Value  int    `json:"value"`
	Unit   string `json:"unit"`
	System string `json:"system"`
	Code   string `json:"code"`
}

// Patient is the person supported.
type Patient struct {
	ResourceType        string       `json:"resourceType"`
	ID                  string       `json:"id"`
	Meta                *Meta        `json:"meta,omitempty"`
	Identifier          []Identifier `json:"identifier,omitempty"`
	Name                []HumanName  `json:"name,omitempty"`
	BirthDate           string       `json:"birthDate,omitempty"`
	GeneralPractitioner []Reference  `json:"generalPractitioner,omitempty"`
}

// Practitioner is a link worker.
type Practitioner struct {
	ResourceType string      `json:"resourceType"`
	ID           string      `json:"id"`
	Meta         *Meta       `json:"meta,omitempty"`
	Name         []HumanName `json:"name,omitempty"`
}

// EpisodeOfCare is the person's time with the link worker.
type EpisodeOfCare struct {
	ResourceType string            `json:"resourceType"`
	ID           string            `json:"id"`
	Meta         *Meta             `json:"meta,omitempty"`
	Status       string            `json:"status"`
	Type         []CodeableConcept `json:"type,omitempty"`
	Patient      Reference         `json:"patient"`
	Period       *Period           `json:"period,omitempty"`
	CareManager  *Reference        `json:"careManager,omitempty"`
}

// EncounterParticipant is who took part in an encounter.
type EncounterParticipant struct {
	Individual Reference `json:"individual"`
}

// Encounter is one contact with the person.
type Encounter struct {
	ResourceType  string                 `json:"resourceType"`
	ID            string                 `json:"id"`
	Meta          *Meta                  `json:"meta,omitempty"`
	Status        string                 `json:"status"`
	Class         Coding                 `json:"class"`
	Type          []CodeableConcept      `json:"type,omitempty"`
	Subject       Reference              `json:"subject"`
	EpisodeOfCare []Reference            `json:"episodeOfCare,omitempty"`
	Participant   []EncounterParticipant `json:"participant,omitempty"`
	Period        *Period                `json:"period,omitempty"`
	Length        *Duration              `json:"length,omitempty"`
}

// ServiceRequest is a referral or signpost to a community service.
type ServiceRequest struct {
	ResourceType string           `json:"resourceType"`
	ID           string           `json:"id"`
	Meta         *Meta            `json:"meta,omitempty"`
	Status       string           `json:"status"`
	Intent       string           `json:"intent"`
	Code         *CodeableConcept `json:"code,omitempty"`
	Subject      Reference        `json:"subject"`
	AuthoredOn   string           `json:"authoredOn,omitempty"`
	Requester    *Reference       `json:"requester,omitempty"`
	Performer    []Reference      `json:"performer,omitempty"`
	Note         []Annotation     `json:"note,omitempty"`
}

// Observation is one wellbeing answer or a coded finding.
type Observation struct {
	ResourceType      string            `json:"resourceType"`
	ID                string            `json:"id"`
	Meta              *Meta             `json:"meta,omitempty"`
	Status            string            `json:"status"`
	Category          []CodeableConcept `json:"category,omitempty"`
	Code              CodeableConcept   `json:"code"`
	Subject           Reference         `json:"subject"`
	EffectiveDateTime string            `json:"effectiveDateTime,omitempty"`
	Performer         []Reference       `json:"performer,omitempty"`
	ValueInteger      *int              `json:"valueInteger,omitempty"`
	Note              []Annotation      `json:"note,omitempty"`
}

// Procedure is a coded procedure, such as the referral to social
// prescribing.
type Procedure struct {
	ResourceType      string          `json:"resourceType"`
	ID                string          `json:"id"`
	Meta              *Meta           `json:"meta,omitempty"`
	Status            string          `json:"status"`
	Code              CodeableConcept `json:"code"`
	Subject           Reference       `json:"subject"`
	PerformedDateTime string          `json:"performedDateTime,omitempty"`
	Recorder          *Reference      `json:"recorder,omitempty"`
}

// Entry is one resource in a [Bundle].
type Entry struct {
	FullURL  string `json:"fullUrl"`
	Resource any    `json:"resource"`
}

// Bundle is a collection of resources.
type Bundle struct {
	ResourceType string  `json:"resourceType"`
	ID           string  `json:"id"`
	Type         string  `json:"type"`
	Timestamp    string  `json:"timestamp,omitempty"`
	Entry        []Entry `json:"entry"`
}
