package hsds

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
)

// text is a JSON string that real feeds sometimes write as a number (ids,
// phone extensions). It decodes either, and encodes as a string.
type text string

func (t *text) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*t = ""
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*t = text(s)
	case len(b) > 0 && (b[0] == '-' || b[0] >= '0' && b[0] <= '9'):
		*t = text(b)
	case bytes.Equal(b, []byte("true")), bytes.Equal(b, []byte("false")):
		*t = text(b)
	default:
		// An *UnmarshalTypeError gets the field's path from the decoder and
		// tells the Reader that the record is bad but the file is not.
		return &json.UnmarshalTypeError{Value: fmt.Sprintf("%.20s", b), Type: reflect.TypeFor[string]()}
	}
	return nil
}

// number is a JSON number that some feeds quote ("53.8"). Absent or null
// leaves it nil.
type number struct{ v *float64 }

func (n *number) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	given := b
	if bytes.Equal(b, []byte("null")) {
		n.v = nil
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		if s == "" {
			n.v = nil
			return nil
		}
		b = []byte(s)
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return &json.UnmarshalTypeError{Value: fmt.Sprintf("%.40s", given), Type: reflect.TypeFor[float64]()}
	}
	n.v = &f
	return nil
}

func (n number) MarshalJSON() ([]byte, error) {
	if n.v == nil {
		return []byte("null"), nil
	}
	return json.Marshal(*n.v)
}

// The structs below follow the HSDS 3.0 objects (schema/*.json), nested
// as the API returns them, and the UK profile's additions. Only fields
// Linkway uses are kept; others are ignored on import.

type organization struct {
	ID          text                     `json:"id"`
	Name        string                   `json:"name"`
	Description string                   `json:"description"`
	Email       string                   `json:"email,omitempty"`
	Website     string                   `json:"website,omitempty"`
	Identifiers []organizationIdentifier `json:"organization_identifiers,omitempty"`

	// Read at the top of an organisation document (GET
	// /organizations/{id}) only, and never written: a service carries its
	// own organisation without them.
	Services  []service  `json:"services,omitempty" hsds:"top"`
	Locations []location `json:"locations,omitempty" hsds:"top"`
	Programs  []program  `json:"programs,omitempty" hsds:"top"`
}

type organizationIdentifier struct {
	ID         text   `json:"id"`
	Scheme     string `json:"identifier_scheme,omitempty"`
	Type       string `json:"identifier_type"`
	Identifier text   `json:"identifier"`
}

type program struct {
	ID            text   `json:"id"`
	Name          string `json:"name"`
	AlternateName string `json:"alternate_name,omitempty"`
	Description   string `json:"description"`
}

type funding struct {
	ID     text   `json:"id"`
	Source string `json:"source,omitempty"`
}

type requiredDocument struct {
	ID       text   `json:"id"`
	Document string `json:"document,omitempty"`
	URI      string `json:"uri,omitempty"`
}

type taxonomy struct {
	ID          text           `json:"id"`
	Name        string         `json:"name"`
	Description string         `json:"description"`
	URI         string         `json:"uri,omitempty"`
	Version     text           `json:"version,omitempty"`
	Terms       []taxonomyTerm `json:"taxonomy_terms,omitempty" hsds:"top"` // UK profile
}

type language struct {
	ID   text   `json:"id"`
	Name string `json:"name,omitempty"`
	Code string `json:"code,omitempty"`
	Note string `json:"note,omitempty"`
}

type phone struct {
	ID          text       `json:"id"`
	Number      text       `json:"number"`
	Extension   text       `json:"extension,omitempty"`
	Type        string     `json:"type,omitempty"`
	Description string     `json:"description,omitempty"`
	Languages   []language `json:"languages,omitempty"`
}

type contact struct {
	ID         text    `json:"id"`
	Name       string  `json:"name,omitempty"`
	Title      string  `json:"title,omitempty"`
	Department string  `json:"department,omitempty"`
	Email      string  `json:"email,omitempty"`
	Phones     []phone `json:"phones,omitempty"`
}

type schedule struct {
	ID            text   `json:"id"`
	Freq          string `json:"freq,omitempty"`
	Interval      number `json:"interval,omitzero"`
	ByDay         string `json:"byday,omitempty"`
	ByMonthDay    text   `json:"bymonthday,omitempty"`
	OpensAt       string `json:"opens_at,omitempty"`
	ClosesAt      string `json:"closes_at,omitempty"`
	ValidFrom     string `json:"valid_from,omitempty"`
	ValidTo       string `json:"valid_to,omitempty"`
	DTStart       string `json:"dtstart,omitempty"`
	Description   string `json:"description,omitempty"`
	AttendingType string `json:"attending_type,omitempty"`
	Notes         string `json:"notes,omitempty"`
}

type costOption struct {
	ID                text   `json:"id"`
	Option            string `json:"option,omitempty"`
	Amount            number `json:"amount,omitzero"`
	Currency          string `json:"currency,omitempty"`
	AmountDescription string `json:"amount_description,omitempty"`
	ValidFrom         string `json:"valid_from,omitempty"`
	ValidTo           string `json:"valid_to,omitempty"`
}

type serviceArea struct {
	ID          text   `json:"id"`
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
	Extent      string `json:"extent,omitempty"`
	ExtentType  string `json:"extent_type,omitempty"`
	URI         string `json:"uri,omitempty"`
	ServiceArea string `json:"service_area,omitempty"` // UK profile: the name
}

type taxonomyTerm struct {
	ID             text      `json:"id"`
	Code           text      `json:"code,omitempty"`
	Name           string    `json:"name"`
	Description    string    `json:"description"`
	ParentID       text      `json:"parent_id,omitempty"`
	Taxonomy       string    `json:"taxonomy,omitempty"`
	TaxonomyDetail *taxonomy `json:"taxonomy_detail,omitempty"`
	TaxonomyID     text      `json:"taxonomy_id,omitempty"`
	TermURI        string    `json:"term_uri,omitempty"`
	Term           string    `json:"term,omitempty"` // UK profile
}

type attribute struct {
	ID             text          `json:"id"`
	TaxonomyTermID text          `json:"taxonomy_term_id,omitempty"`
	LinkType       string        `json:"link_type,omitempty"`
	Value          text          `json:"value,omitempty"`
	TaxonomyTerm   *taxonomyTerm `json:"taxonomy_term,omitempty"`
}

type address struct {
	ID            text   `json:"id"`
	Attention     string `json:"attention,omitempty"`
	Address1      string `json:"address_1"`
	Address2      string `json:"address_2,omitempty"`
	City          string `json:"city"`
	Region        string `json:"region,omitempty"`
	StateProvince string `json:"state_province"`
	PostalCode    string `json:"postal_code"`
	Country       string `json:"country"`
	AddressType   string `json:"address_type"`
}

type accessibility struct {
	ID            text   `json:"id"`
	Description   string `json:"description,omitempty"`
	Details       string `json:"details,omitempty"`
	URL           string `json:"url,omitempty"`
	Accessibility string `json:"accessibility,omitempty"` // UK profile: the description
}

type location struct {
	ID                     text            `json:"id"`
	LocationType           string          `json:"location_type"`
	URL                    string          `json:"url,omitempty"`
	Name                   string          `json:"name,omitempty"`
	Description            string          `json:"description,omitempty"`
	Transportation         string          `json:"transportation,omitempty"`
	Latitude               number          `json:"latitude,omitzero"`
	Longitude              number          `json:"longitude,omitzero"`
	ExternalIdentifier     text            `json:"external_identifier,omitempty"`
	ExternalIdentifierType string          `json:"external_identifier_type,omitempty"`
	Addresses              []address       `json:"addresses,omitempty"`
	Accessibility          []accessibility `json:"accessibility,omitempty"`
	Schedules              []schedule      `json:"schedules,omitempty"`
	// Attributes mark a confidential location (see ConfidentialTerm).
	Attributes []attribute `json:"attributes,omitempty"`

	// Services at a venue, in a location document that nests them (not
	// in the standard's location object, but some feeds send them).
	ServiceAtLocations []serviceAtLocation `json:"service_at_locations,omitempty" hsds:"top"`
	Services           []service           `json:"services,omitempty" hsds:"top"`
}

type serviceAtLocation struct {
	ID          text       `json:"id"`
	Description string     `json:"description,omitempty"`
	LocationID  text       `json:"location_id,omitempty"`
	Location    *location  `json:"location,omitempty"`
	Schedules   []schedule `json:"schedules,omitempty"`
	Phones      []phone    `json:"phones,omitempty"`
	Contacts    []contact  `json:"contacts,omitempty"`

	// In a service-at-location document (GET /service_at_locations/{id}),
	// never written: the service that is at the location.
	ServiceID text     `json:"service_id,omitempty" hsds:"top"`
	Service   *service `json:"service,omitempty" hsds:"top"`
}

// service is the HSDS 3.0 fully nested service, plus Linkway's social
// prescribing extensions, prefixed "sp_" so they never clash with the
// standard (as the UK profile recommends).
type service struct {
	ID                     text                `json:"id"`
	Name                   string              `json:"name"`
	AlternateName          string              `json:"alternate_name,omitempty"`
	Description            string              `json:"description,omitempty"`
	URL                    string              `json:"url,omitempty"`
	Email                  string              `json:"email,omitempty"`
	Status                 string              `json:"status"`
	InterpretationServices string              `json:"interpretation_services,omitempty"`
	ApplicationProcess     string              `json:"application_process,omitempty"`
	FeesDescription        string              `json:"fees_description,omitempty"`
	Fees                   string              `json:"fees,omitempty"`
	WaitTime               text                `json:"wait_time,omitempty"`
	EligibilityDescription string              `json:"eligibility_description,omitempty"`
	MinimumAge             number              `json:"minimum_age,omitzero"`
	MaximumAge             number              `json:"maximum_age,omitzero"`
	AssuredDate            string              `json:"assured_date,omitempty"`
	AssurerEmail           string              `json:"assurer_email,omitempty"`
	Alert                  string              `json:"alert,omitempty"`
	LastModified           string              `json:"last_modified,omitempty"`
	Phones                 []phone             `json:"phones,omitempty"`
	Schedules              []schedule          `json:"schedules,omitempty"`
	ServiceAreas           []serviceArea       `json:"service_areas,omitempty"`
	ServiceAtLocations     []serviceAtLocation `json:"service_at_locations,omitempty"`
	Languages              []language          `json:"languages,omitempty"`
	Organization           *organization       `json:"organization,omitempty"`
	OrganizationID         text                `json:"organization_id,omitempty"`
	CostOptions            []costOption        `json:"cost_options,omitempty"`
	Contacts               []contact           `json:"contacts,omitempty"`
	Attributes             []attribute         `json:"attributes,omitempty"`
	ProgramID              text                `json:"program_id,omitempty"`
	Program                *program            `json:"program,omitempty"`
	Funding                []funding           `json:"funding,omitempty"`
	RequiredDocuments      []requiredDocument  `json:"required_documents,omitempty"`

	ReferralRoutes     []string `json:"sp_referral_routes,omitempty"`
	AcceptingReferrals string   `json:"sp_accepting_referrals,omitempty"`
	TypicalWaitDays    number   `json:"sp_typical_wait_days,omitzero"`
}
