package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
)

// proseJSON is what the demo directory says, apart from the code that
// puts it together: see [prose].
//
//go:embed prose.json
var proseJSON []byte

// prose is every name and sentence the generator draws on: the places and
// venues, the kinds of support with their sentence banks, the
// organisations, and a few word lists. All of it is invented, apart from
// the names of Leeds neighbourhoods, wards, streets and stations.
//
// Sentence banks may use these placeholders: {name} the service's name,
// {org} its organisation, {place} its neighbourhood, {venue} its first
// venue, {where} "at <venue>", "online" or "by phone", {when} such as
// "every Tuesday morning", {ages} such as "11 to 18", {culture} the
// community an organisation comes from. A sentence starting "t:" is used
// only for telephone services, "o:" only for online ones, and "[a,b]" only
// for a service whose name contains a or b.
type prose struct {
	Areas             []area              `json:"areas"`
	Venues            []venueSpec         `json:"venues"`
	Kinds             []*kindSpec         `json:"kinds"`
	Organisations     []orgSpec           `json:"organisations"`
	Closers           []string            `json:"closers"`            // may end any in-person description
	RemoteClosers     []string            `json:"remote_closers"`     // may end a phone or online one
	HybridSentences   []string            `json:"hybrid_sentences"`   // end a service both in person and online
	VenueDescriptions map[string][]string `json:"venue_descriptions"` // by venue type
	Features          features            `json:"access_features"`
	FirstNames        []string            `json:"first_names"` // of contacts
	LastNames         []string            `json:"last_names"`
	Languages         map[string]string   `json:"languages"` // names by code
}

// area is a Leeds neighbourhood: its postcode district, ward (GSS code,
// 2018 boundaries) and, where known, the postcode sectors it sits in.
// Venues are placed at real postcodes inside it.
type area struct {
	Name      string `json:"name"`
	Outcode   string `json:"outcode"`
	Ward      string `json:"ward"`
	Sectors   string `json:"sectors,omitempty"`   // space-separated sector digits, e.g. "2 3" for LS12 2, LS12 3
	Station   string `json:"station,omitempty"`   // nearby railway station, if any
	Languages string `json:"languages,omitempty"` // community languages heard locally, for interpreters

	// Worked out from the postcodes.
	lat  float64
	lon  float64
	pool []*postcode
}

// venueSpec is a venue in an area. Types: H hall, L library, S sport or
// leisure centre, P park meeting point, G garden or allotment, W workshop,
// Y youth centre, F family hub, R faith building, M health centre, C café,
// O office or advice centre, A arts space, K social club. Flag U: the
// room is upstairs with no lift.
type venueSpec struct {
	Area   string `json:"area"`
	Type   string `json:"type"`
	Name   string `json:"name"`
	Street string `json:"street"`
	Flags  string `json:"flags,omitempty"`
}

// kindSpec says how services of one kind of support are named,
// described, timed, priced and reached. In names, {P} is the place, {D}
// the day and {O} the organisation; a name starting "[c:a,b]" suits only
// organisations from those communities, "[o:a,b]" only organisations
// whose name contains a or b.
type kindSpec struct {
	Code          string   `json:"code"`                   // as organisations list their services
	ID            string   `json:"id"`                     // in the taxonomy
	Names         []string `json:"names,omitempty"`        // in person
	RemoteNames   []string `json:"remote_names,omitempty"` // phone or online
	Openers       []string `json:"openers,omitempty"`
	Details       []string `json:"details,omitempty"`
	Closers       []string `json:"closers,omitempty"`
	RemoteOpeners []string `json:"remote_openers,omitempty"`
	RemoteDetails []string `json:"remote_details,omitempty"`
	Days          string   `json:"days"`                  // days a "*" slot may fall on
	Slots         []string `json:"slots"`                 // "[BYDAY@]HH:MM-HH:MM"; BYDAY "*" or absent means one day from days
	PhoneSlots    []string `json:"phone_slots,omitempty"` // for phone lines and some online services
	Monthly       float64  `json:"monthly,omitempty"`     // share of group sessions that meet monthly
	Free          float64  `json:"free"`                  // share that cost nothing
	PayWhatYouCan float64  `json:"pay_what_you_can,omitempty"`
	Charges       []charge `json:"charges,omitempty"`
	Ages          []string `json:"ages"`                   // "60-", "11-18", "" (none); repeat an entry to weight it
	Who           []string `json:"who"`                    // eligibility, who it is for
	Routes        []string `json:"routes"`                 // referral routes always offered
	ExtraRoutes   []string `json:"extra_routes,omitempty"` // offered by about half
	VenueTypes    string   `json:"venue_types"`            // in order of preference
	Secondary     []string `json:"secondary,omitempty"`    // kinds often given as a second attribute
	Mail          string   `json:"mail"`                   // local part of a service email address
	Phrase        string   `json:"phrase"`                 // how an organisation description names it
	WaitList      bool     `json:"wait_list,omitempty"`    // may have a waiting list
	ContactTitles []string `json:"contact_titles,omitempty"`
}

// charge is what a service that is not free costs.
type charge struct {
	Option      string  `json:"option"`
	Amount      float64 `json:"amount"`
	Description string  `json:"description"`
}

// orgSpec is an organisation. Services lists each of its services as
// kind[+second kind][@mode], kinds by code: mode p (in person, the
// default), p2 (in person at two venues), o (online only), t (telephone
// only), m (in person and online). Area "Leeds" means city-wide, "WY"
// West Yorkshire-wide.
type orgSpec struct {
	Name       string `json:"name"`
	Area       string `json:"area"`
	Services   string `json:"services"`
	Culture    string `json:"culture,omitempty"`     // community the organisation grew from, if any
	Languages  string `json:"languages,omitempty"`   // languages other than English its services offer
	NumericIDs bool   `json:"numeric_ids,omitempty"` // its feed uses plain numeric ids
}

// features are the access features a venue may have.
type features struct {
	Wheelchair  feature `json:"wheelchair"`
	StepFree    feature `json:"step_free"`
	HearingLoop feature `json:"hearing_loop"`
	Toilet      feature `json:"accessible_toilet"`
	LargePrint  feature `json:"large_print"`
	BSL         feature `json:"bsl"`
	Quiet       feature `json:"quiet_space"`
}

// feature is one access feature: its name in a listing, and details to
// pick from.
type feature struct {
	Phrase  string   `json:"phrase"`
	Details []string `json:"details"`
}

// loadProse reads prose.json. Each call gives a new copy, since the
// generator fills in the areas.
func loadProse() (*prose, error) {
	dec := json.NewDecoder(bytes.NewReader(proseJSON))
	dec.DisallowUnknownFields()
	var p prose
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("prose.json: %w", err)
	}
	return &p, nil
}
