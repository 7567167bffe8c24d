// Package storedoc is what the SQL stores (package sqlite and package
// postgres) keep about a listing beyond its columns: the JSON documents
// of services, locations and organisations, the content hash that spots
// unchanged writes, how a write's kinds of support are chosen, and how
// taxonomy parents are resolved. Both stores must agree on these byte
// for byte (hashes cover the documents, and `linkway migrate-store`
// copies rows as they are), so there is one copy of them.
package storedoc

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/linkway/linkway/directory"
)

// Service is what a service row keeps as JSON: the fields that are
// always read with the service and never queried on their own.
type Service struct {
	AlternateName   string                    `json:"alternate_name,omitempty"`
	Description     string                    `json:"description,omitempty"`
	URL             string                    `json:"url,omitempty"`
	Email           string                    `json:"email,omitempty"`
	Alert           string                    `json:"alert,omitempty"`
	Eligibility     string                    `json:"eligibility,omitempty"`
	Application     string                    `json:"application,omitempty"`
	Fees            string                    `json:"fees,omitempty"`
	Interpretation  string                    `json:"interpretation,omitempty"`
	WaitTime        string                    `json:"wait_time,omitempty"`
	ReferralRoutes  []directory.ReferralRoute `json:"referral_routes,omitempty"`
	TypicalWaitDays int                       `json:"typical_wait_days,omitempty"`
	Languages       []directory.Language      `json:"languages,omitempty"`
	CostOptions     []directory.CostOption    `json:"cost_options,omitempty"`
	Phones          []directory.Phone         `json:"phones,omitempty"`
	Contacts        []directory.Contact       `json:"contacts,omitempty"`
	Schedules       []directory.Schedule      `json:"schedules,omitempty"`
	Areas           []directory.ServiceArea   `json:"areas,omitempty"`
	// Linkway's kinds of support with their provenance: given on every
	// write (see WithKinds), or set by an admin.
	Kinds []directory.ServiceKind `json:"kinds,omitempty"`
	// What feeds carry beyond the listing.
	Attributes        []directory.Attribute `json:"attributes,omitempty"`
	Funding           []string              `json:"funding,omitempty"`
	Program           *directory.Program    `json:"program,omitempty"`
	RequiredDocuments []directory.Document  `json:"required_documents,omitempty"`
	// Where a feed's listing came from (directory.Service.Source).
	Source    string `json:"source,omitempty"`
	SourceID  string `json:"source_id,omitempty"`
	FetchedAt string `json:"fetched_at,omitempty"`
}

// ServiceOf is what s's row keeps as JSON.
func ServiceOf(s *directory.Service) Service {
	return Service{
		AlternateName: s.AlternateName, Description: s.Description, URL: s.URL, Email: s.Email,
		Alert: s.Alert, Eligibility: s.Eligibility, Application: s.Application, Fees: s.Fees,
		Interpretation: s.Interpretation, WaitTime: s.WaitTime, ReferralRoutes: s.ReferralRoutes,
		TypicalWaitDays: s.TypicalWaitDays, Languages: s.Languages, CostOptions: s.CostOptions,
		Phones: s.Phones, Contacts: s.Contacts, Schedules: s.Schedules, Areas: s.Areas, Kinds: s.Kinds,
		Attributes: s.Attributes, Funding: s.Funding, Program: s.Program, RequiredDocuments: s.RequiredDocuments,
		Source: s.Source, SourceID: s.SourceID, FetchedAt: DateOrEmpty(s.FetchedAt, time.RFC3339),
	}
}

// ServiceText is s's row document as stored.
func ServiceText(s *directory.Service) string { return MustJSON(ServiceOf(s)) }

// ReadService fills s from its row document.
func ReadService(text string, s *directory.Service) error {
	var d Service
	if err := json.Unmarshal([]byte(text), &d); err != nil {
		return fmt.Errorf("service %s: %w", s.ID, err)
	}
	s.AlternateName, s.Description, s.URL, s.Email = d.AlternateName, d.Description, d.URL, d.Email
	s.Alert, s.Eligibility, s.Application, s.Fees = d.Alert, d.Eligibility, d.Application, d.Fees
	s.Interpretation, s.WaitTime, s.ReferralRoutes, s.TypicalWaitDays = d.Interpretation, d.WaitTime, d.ReferralRoutes, d.TypicalWaitDays
	s.Languages, s.CostOptions, s.Phones, s.Contacts = d.Languages, d.CostOptions, d.Phones, d.Contacts
	s.Schedules, s.Areas, s.Kinds = d.Schedules, d.Areas, d.Kinds
	s.Attributes, s.Funding, s.Program, s.RequiredDocuments = d.Attributes, d.Funding, d.Program, d.RequiredDocuments
	s.Source, s.SourceID = d.Source, d.SourceID
	s.FetchedAt, _ = time.Parse(time.RFC3339, d.FetchedAt)
	return nil
}

// Location is what a location row keeps as JSON.
type Location struct {
	Description    string                    `json:"description,omitempty"`
	URL            string                    `json:"url,omitempty"`
	Transportation string                    `json:"transportation,omitempty"`
	Addresses      []directory.Address       `json:"addresses,omitempty"`
	Accessibility  []directory.Accessibility `json:"accessibility,omitempty"`
	Schedules      []directory.Schedule      `json:"schedules,omitempty"` // the venue's own opening times
	ExternalID     string                    `json:"external_id,omitempty"`
	ExternalIDType string                    `json:"external_id_type,omitempty"`
	Confidential   bool                      `json:"confidential,omitempty"` // only its district is shown in public
}

// LocationText is l's row document as stored.
func LocationText(l *directory.Location) string {
	return MustJSON(Location{
		Description: l.Description, URL: l.URL, Transportation: l.Transportation,
		Addresses: l.Addresses, Accessibility: l.Accessibility, Schedules: l.Schedules,
		ExternalID: l.ExternalID, ExternalIDType: l.ExternalIDType,
		Confidential: l.Confidential,
	})
}

// ReadLocation fills l from its row document.
func ReadLocation(text string, l *directory.Location) error {
	var d Location
	if err := json.Unmarshal([]byte(text), &d); err != nil {
		return fmt.Errorf("location %s: %w", l.ID, err)
	}
	l.Description, l.URL, l.Transportation = d.Description, d.URL, d.Transportation
	l.Addresses, l.Accessibility, l.Schedules = d.Addresses, d.Accessibility, d.Schedules
	l.ExternalID, l.ExternalIDType = d.ExternalID, d.ExternalIDType
	l.Confidential = d.Confidential
	return nil
}

// serviceAtLocation is what a service_at_location row keeps as JSON.
type serviceAtLocation struct {
	Description string               `json:"description,omitempty"`
	Schedules   []directory.Schedule `json:"schedules,omitempty"`
	Phones      []directory.Phone    `json:"phones,omitempty"`
	Contacts    []directory.Contact  `json:"contacts,omitempty"`
}

// ServiceAtLocationText is sal's row document as stored.
func ServiceAtLocationText(sal *directory.ServiceAtLocation) string {
	return MustJSON(serviceAtLocation{sal.Description, sal.Schedules, sal.Phones, sal.Contacts})
}

// ReadServiceAtLocation fills sal from its row document.
func ReadServiceAtLocation(text string, sal *directory.ServiceAtLocation) error {
	var d serviceAtLocation
	if err := json.Unmarshal([]byte(text), &d); err != nil {
		return fmt.Errorf("service at location %s: %w", sal.ID, err)
	}
	sal.Description, sal.Schedules, sal.Phones, sal.Contacts = d.Description, d.Schedules, d.Phones, d.Contacts
	return nil
}

// organization is what an organisation row keeps as JSON.
type organization struct {
	Identifiers []directory.Identifier `json:"identifiers,omitempty"`
}

// OrganizationText is o's row document. An organisation with nothing in
// it is kept as "", as rows were before it existed, so that they read as
// unchanged.
func OrganizationText(o *directory.Organization) string {
	if len(o.Identifiers) == 0 {
		return ""
	}
	return MustJSON(organization{Identifiers: o.Identifiers})
}

// ReadOrganization fills o from its row document.
func ReadOrganization(text string, o *directory.Organization) error {
	if text == "" {
		return nil
	}
	var d organization
	if err := json.Unmarshal([]byte(text), &d); err != nil {
		return fmt.Errorf("organisation %s: %w", o.ID, err)
	}
	o.Identifiers = d.Identifiers
	return nil
}

// MustJSON marshals plain data, which cannot fail.
func MustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only plain data structs are marshalled here
	}
	return string(b)
}

// ContentHash fingerprints everything about a service, so re-importing an
// unchanged record writes nothing and adds nothing to the change log.
func ContentHash(s *directory.Service) string {
	// Terms are stored once for all services; a service holds only which
	// ones it has, so only their ids are part of its content.
	c := *s
	// When a feed's listing was fetched is not part of what it says: an
	// unchanged listing fetched again is not written again.
	c.FetchedAt = time.Time{}
	c.Terms = make([]directory.Term, len(s.Terms))
	for i, t := range s.Terms {
		c.Terms[i] = directory.Term{ID: t.ID}
	}
	sum := sha256.Sum256([]byte(MustJSON(&c)))
	return hex.EncodeToString(sum[:16])
}

// DateOrEmpty formats t in UTC, or gives "" for the zero time.
func DateOrEmpty(t time.Time, layout string) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(layout)
}

// StaleCutoff is the last_verified text on or before which a listing has
// gone months whole months or more unconfirmed as of now: exactly when
// [directory.Service.VerifiedMonthsAgo](now) >= months, so the stores
// and the pages never disagree about a listing. The day may not exist
// ("2026-02-31"), but as text it still sorts where it should.
func StaleCutoff(now time.Time, months int) string {
	y, m, d := now.Date()
	back := y*12 + int(m) - 1 - months
	return fmt.Sprintf("%04d-%02d-%02d", back/12, back%12+1, d)
}
