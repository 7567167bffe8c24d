package main

import "encoding/json"

// The output's shape: an HSDS 3.0 service, fully nested, plus Linkway's
// sp_* extension fields. These are not package hsds's types: hsds keeps
// its wire types unexported behind a reader and a writer of
// directory.Service, and its writer orders fields differently, adds
// organization_id and numbers attributes by position, so writing through
// it would change every record of data/demo/leeds.json. These types fix
// the demo file's exact bytes, which a test holds it to.

// Service is one HSDS 3.0 service with everything nested, as returned by
// GET /services/{id}.
type Service struct {
	ID                     string              `json:"id"`
	Name                   string              `json:"name"`
	Description            string              `json:"description"`
	URL                    string              `json:"url,omitempty"`
	Email                  string              `json:"email,omitempty"`
	Status                 string              `json:"status"`
	Alert                  string              `json:"alert,omitempty"`
	InterpretationServices string              `json:"interpretation_services,omitempty"`
	ApplicationProcess     string              `json:"application_process"`
	WaitTime               string              `json:"wait_time,omitempty"`
	EligibilityDescription string              `json:"eligibility_description,omitempty"`
	MinimumAge             *int                `json:"minimum_age,omitempty"`
	MaximumAge             *int                `json:"maximum_age,omitempty"`
	AssuredDate            string              `json:"assured_date"`
	AssurerEmail           string              `json:"assurer_email"`
	LastModified           string              `json:"last_modified"`
	Phones                 []Phone             `json:"phones,omitempty"`
	Schedules              []Schedule          `json:"schedules,omitempty"`
	ServiceAreas           []ServiceArea       `json:"service_areas,omitempty"`
	ServiceAtLocations     []ServiceAtLocation `json:"service_at_locations,omitempty"`
	Languages              []Language          `json:"languages"`
	Organization           *Organization       `json:"organization"`
	CostOptions            []CostOption        `json:"cost_options"`
	Contacts               []Contact           `json:"contacts,omitempty"`
	Attributes             []Attribute         `json:"attributes"`
	SPReferralRoutes       []string            `json:"sp_referral_routes"`
	SPAcceptingReferrals   string              `json:"sp_accepting_referrals"`
	SPTypicalWaitDays      int                 `json:"sp_typical_wait_days,omitempty"`
}

// Organization is the nested organisation of a service.
type Organization struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Email       string `json:"email"`
	Website     string `json:"website"`
}

// ServiceAtLocation links a service to one location, with its own times.
type ServiceAtLocation struct {
	ID        string     `json:"id"`
	Location  *Location  `json:"location"`
	Schedules []Schedule `json:"schedules,omitempty"`
}

// Location is a venue (physical) or an online meeting place (virtual).
type Location struct {
	ID             string          `json:"id"`
	LocationType   string          `json:"location_type"`
	URL            string          `json:"url,omitempty"`
	Name           string          `json:"name"`
	Description    string          `json:"description,omitempty"`
	Transportation string          `json:"transportation,omitempty"`
	Latitude       json.Number     `json:"latitude,omitempty"`
	Longitude      json.Number     `json:"longitude,omitempty"`
	Addresses      []Address       `json:"addresses,omitempty"`
	Accessibility  []Accessibility `json:"accessibility,omitempty"`
}

// Address is a postal address of a physical location.
type Address struct {
	ID            string `json:"id"`
	Address1      string `json:"address_1"`
	City          string `json:"city"`
	StateProvince string `json:"state_province"`
	PostalCode    string `json:"postal_code"`
	Country       string `json:"country"`
	AddressType   string `json:"address_type"`
}

// Accessibility describes one access feature of a location.
type Accessibility struct {
	ID          string `json:"id"`
	Description string `json:"description"`
	Details     string `json:"details,omitempty"`
}

// Schedule is an HSDS iCal-style recurring time.
type Schedule struct {
	ID            string `json:"id"`
	Freq          string `json:"freq"`
	Byday         string `json:"byday"`
	OpensAt       string `json:"opens_at"`
	ClosesAt      string `json:"closes_at"`
	Description   string `json:"description"`
	AttendingType string `json:"attending_type,omitempty"`
}

// Phone is a phone number.
type Phone struct {
	ID          string `json:"id"`
	Number      string `json:"number"`
	Type        string `json:"type,omitempty"`
	Description string `json:"description,omitempty"`
}

// Language is a language a service is offered in.
type Language struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Code string `json:"code"`
	Note string `json:"note,omitempty"`
}

// CostOption is one price.
type CostOption struct {
	ID                string  `json:"id"`
	Option            string  `json:"option"`
	Amount            float64 `json:"amount"`
	Currency          string  `json:"currency"`
	AmountDescription string  `json:"amount_description"`
}

// Contact is a named person to ask.
type Contact struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Title string `json:"title,omitempty"`
	Email string `json:"email,omitempty"`
}

// ServiceArea says where a non-venue service is available.
type ServiceArea struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

// Attribute links a service to a taxonomy term (a kind of support).
type Attribute struct {
	ID             string        `json:"id"`
	TaxonomyTermID string        `json:"taxonomy_term_id"`
	LinkType       string        `json:"link_type"`
	TaxonomyTerm   *TaxonomyTerm `json:"taxonomy_term"`
}

// TaxonomyTerm is a kind of support from data/taxonomy.json.
type TaxonomyTerm struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Taxonomy    string `json:"taxonomy"`
}
