package hsds

import (
	"strings"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/ids"
)

// The HSDS 3.0 objects the Open Referral API answers with, shaped as the
// OpenAPI files and the UK profile's compiled schemas say: a service
// fully nested (/services/{id}), a service list item with its one-to-one
// fields only (/services), and so on. Callers pass what the public may
// see ([directory.Service.ForPublic]).

// publishedService is a fully nested service with where a live feed's
// listing came from.
type publishedService struct {
	*service
	// Provenance of a live feed's listing (directory.Service.Source).
	Source    string `json:"sp_source,omitempty"`
	SourceID  string `json:"sp_source_id,omitempty"`
	FetchedAt string `json:"sp_fetched_at,omitempty"`
}

// ServiceObject returns s as a fully nested HSDS 3.0 service.
func ServiceObject(s *directory.Service) any {
	out := publishedService{service: fromService(s), Source: s.Source, SourceID: s.SourceID}
	if !s.FetchedAt.IsZero() {
		out.FetchedAt = s.FetchedAt.UTC().Format(time.RFC3339)
	}
	return out
}

// serviceListItem is compiled/service_list.json: a service's one-to-one
// fields and its organisation.
type serviceListItem struct {
	ID             text              `json:"id"`
	OrganizationID text              `json:"organization_id,omitempty"`
	Name           string            `json:"name"`
	AlternateName  string            `json:"alternate_name,omitempty"`
	Description    string            `json:"description,omitempty"`
	URL            string            `json:"url,omitempty"`
	Email          string            `json:"email,omitempty"`
	Status         string            `json:"status"`
	FeesDesc       string            `json:"fees_description,omitempty"`
	MinimumAge     number            `json:"minimum_age,omitzero"`
	MaximumAge     number            `json:"maximum_age,omitzero"`
	AssuredDate    string            `json:"assured_date,omitempty"`
	AssurerEmail   string            `json:"assurer_email,omitempty"`
	Alert          string            `json:"alert,omitempty"`
	LastModified   string            `json:"last_modified,omitempty"`
	Organization   *organizationItem `json:"organization,omitempty"`
}

// organizationItem is compiled/organization_list.json.
type organizationItem struct {
	ID          text   `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Email       string `json:"email,omitempty"`
	Website     string `json:"website,omitempty"`
}

// ServiceListObject returns s as an item of the /services list.
func ServiceListObject(s *directory.Service) any { return serviceListOf(s) }

func serviceListOf(s *directory.Service) *serviceListItem {
	f := fromService(s)
	out := &serviceListItem{
		ID: f.ID, OrganizationID: f.OrganizationID, Name: f.Name, AlternateName: f.AlternateName,
		Description: f.Description, URL: f.URL, Email: f.Email, Status: f.Status, FeesDesc: f.FeesDescription,
		MinimumAge: f.MinimumAge, MaximumAge: f.MaximumAge, AssuredDate: f.AssuredDate,
		AssurerEmail: f.AssurerEmail, Alert: f.Alert, LastModified: f.LastModified,
	}
	if o := s.Organization; o != nil {
		out.Organization = organizationItemOf(o)
	}
	return out
}

func organizationItemOf(o *directory.Organization) *organizationItem {
	return &organizationItem{ID: text(o.ID), Name: o.Name, Description: o.Description, Email: o.Email, Website: o.Website}
}

// MinimalServiceObject returns s as the API's minimal list asks: its id
// and when it last changed.
func MinimalServiceObject(s *directory.Service) any {
	out := struct {
		ID           string `json:"id"`
		LastModified string `json:"last_modified,omitempty"`
	}{ID: s.ID}
	if !s.LastModified.IsZero() {
		out.LastModified = s.LastModified.Format(time.RFC3339Nano)
	}
	return out
}

// OrganizationListObject returns o as an item of the /organizations list.
func OrganizationListObject(o *directory.Organization) any { return organizationItemOf(o) }

// OrganizationObject returns o fully nested (compiled/organization.json)
// with the services it runs: their list items, or fully nested services
// when full is set.
func OrganizationObject(o *directory.Organization, services []*directory.Service, full bool) any {
	out := struct {
		organizationItem
		Identifiers []organizationIdentifier `json:"organization_identifiers"`
		Services    []any                    `json:"services"`
	}{organizationItem: *organizationItemOf(o), Identifiers: []organizationIdentifier{}, Services: []any{}}
	for _, id := range o.Identifiers {
		out.Identifiers = append(out.Identifiers, organizationIdentifier{ID: text(id.ID), Scheme: id.Scheme, Type: id.Type, Identifier: text(id.Value)})
	}
	for _, s := range services {
		if full {
			out.Services = append(out.Services, ServiceObject(s))
		} else {
			out.Services = append(out.Services, ServiceListObject(s))
		}
	}
	return out
}

// serviceAtLocationItem is compiled/service_at_location_list.json: the
// link with its location's and service's one-to-one fields.
type serviceAtLocationItem struct {
	ID          text             `json:"id"`
	ServiceID   text             `json:"service_id"`
	LocationID  text             `json:"location_id"`
	Description string           `json:"description,omitempty"`
	Location    *location        `json:"location"`
	Service     *serviceListItem `json:"service"`
}

// ServiceAtLocationListObject returns at as an item of the
// /service_at_locations list.
func ServiceAtLocationListObject(at directory.ServiceAt) any {
	loc := fromLocation(at.At.Location)
	loc.Addresses, loc.Accessibility, loc.Schedules = nil, nil, nil
	return serviceAtLocationItem{
		ID: text(at.At.ID), ServiceID: text(at.Service.ID), LocationID: text(at.At.Location.ID),
		Description: at.At.Description, Location: loc, Service: serviceListOf(at.Service),
	}
}

// ServiceAtLocationObject returns at fully nested (compiled/
// service_at_location.json): its location in full and its service in
// full.
func ServiceAtLocationObject(at directory.ServiceAt) any {
	sal := fromServiceAtLocation(at.At)
	return struct {
		serviceAtLocation
		Service any `json:"service"`
	}{serviceAtLocation: sal, Service: ServiceObject(at.Service)}
}

func fromServiceAtLocation(sal directory.ServiceAtLocation) serviceAtLocation {
	return serviceAtLocation{
		ID: text(sal.ID), Description: sal.Description, LocationID: text(sal.Location.ID), Location: fromLocation(sal.Location),
		Schedules: fromSchedules(sal.Schedules), Phones: fromPhones(sal.Phones), Contacts: fromContacts(sal.Contacts),
	}
}

// TaxonomyObject returns t as an HSDS 3.0 taxonomy.
func TaxonomyObject(t directory.Taxonomy) any {
	return taxonomy{ID: text(t.ID), Name: t.Name, Description: "Terms of the " + t.Name + " taxonomy", Version: text(t.Version)}
}

// TermObject returns t as an HSDS 3.0 taxonomy term.
func TermObject(t directory.Term) any { return fromTerm(t) }

// OriginalIDs returns s as its live feed gave it, with the feed's own
// ids for the service, its organisation and its places, so that an
// export carries the ids the feed's other users know (provenance stays
// in Source and SourceID). A listing kept here is returned as it is.
func OriginalIDs(s *directory.Service) *directory.Service {
	if s.Source == "" {
		return s
	}
	prefix := directory.FeedID(s.Source, "")
	orig := func(id string) string { return strings.TrimPrefix(id, prefix) }
	c := *s
	c.ID = orig(s.ID)
	if s.Organization != nil {
		o := *s.Organization
		o.ID = orig(o.ID)
		c.Organization = &o
	}
	c.Locations = make([]directory.ServiceAtLocation, len(s.Locations))
	for i, sal := range s.Locations {
		sal.ID = orig(sal.ID)
		sal.Location.ID = orig(sal.Location.ID)
		c.Locations[i] = sal
	}
	return &c
}

// taxonomyIDOf is the id of the taxonomy a term names, or "".
func taxonomyIDOf(name string) text {
	if name == "" {
		return ""
	}
	return text(ids.Taxonomy(name))
}
