package hsds

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/ids"
)

// packageColumns are the tables a [PackageWriter] writes and their
// columns, in HSDS 3.0's names (schema/compiled/tabular.json), which the
// data package reader reads back. A service's plain taxonomy terms go in
// service_taxonomy, as HSDS 1.x has it, so that they come back as terms;
// attributes holds only the terms given with a value.
var packageColumns = []struct {
	table table
	cols  []string
}{
	{tableServices, []string{"id", "organization_id", "program_id", "name", "alternate_name", "description", "url", "email",
		"status", "interpretation_services", "application_process", "fees_description", "wait_time",
		"eligibility_description", "minimum_age", "maximum_age", "assured_date", "assurer_email", "alert", "last_modified",
		"sp_source", "sp_source_id", "sp_fetched_at"}},
	{tableOrganizations, []string{"id", "name", "description", "email", "website"}},
	{tableOrganizationIdentifiers, []string{"id", "organization_id", "identifier_scheme", "identifier_type", "identifier"}},
	{tablePrograms, []string{"id", "organization_id", "name", "alternate_name", "description"}},
	{tableServiceAtLocations, []string{"id", "service_id", "location_id", "description"}},
	{tableLocations, []string{"id", "location_type", "url", "name", "description", "transportation", "latitude", "longitude",
		"external_identifier", "external_identifier_type"}},
	{tableAddresses, []string{"id", "location_id", "attention", "address_1", "address_2", "city", "region", "state_province",
		"postal_code", "country", "address_type"}},
	{tableAccessibility, []string{"id", "location_id", "description", "details", "url"}},
	{tablePhones, []string{"id", "service_id", "service_at_location_id", "contact_id", "number", "extension", "type", "description"}},
	{tableContacts, []string{"id", "service_id", "service_at_location_id", "name", "title", "department", "email"}},
	{tableSchedules, []string{"id", "service_id", "location_id", "service_at_location_id", "freq", "interval", "byday",
		"bymonthday", "valid_from", "valid_to", "dtstart", "description", "opens_at", "closes_at", "attending_type", "notes"}},
	{tableLanguages, []string{"id", "service_id", "name", "code", "note"}},
	{tableServiceAreas, []string{"id", "service_id", "name", "description", "extent", "extent_type", "uri"}},
	{tableCostOptions, []string{"id", "service_id", "option", "amount", "currency", "amount_description", "valid_from", "valid_to"}},
	{tableFunding, []string{"id", "service_id", "source"}},
	{tableRequiredDocuments, []string{"id", "service_id", "document", "uri"}},
	{tableServiceTaxonomy, []string{"id", "service_id", "taxonomy_id"}},
	{tableAttributes, []string{"id", "link_id", "link_type", "link_entity", "taxonomy_term_id", "value", "label"}},
	{tableTaxonomyTerms, []string{"id", "code", "name", "description", "parent_id", "taxonomy", "taxonomy_id", "term_uri"}},
	{tableTaxonomies, []string{"id", "name", "description", "uri", "version"}},
}

// PackageWriter writes services as an HSDS 3.0 tabular data package: a
// folder of CSV tables and the datapackage.json that describes them. It
// streams: each service's rows are written as it comes, and only the ids
// of shared records (organisations, places, terms) are remembered, so
// that each is written once.
type PackageWriter struct {
	dir    string
	tables map[table]*csvTable
	seen   map[string]bool // table + "\x00" + id of shared rows written
	err    error
}

type csvTable struct {
	path string
	f    *os.File
	w    *csv.Writer
	cols []string
}

// NewPackageWriter creates the folder dir (which must not hold a data
// package already) and the tables in it.
func NewPackageWriter(dir string) (*PackageWriter, error) {
	if _, err := os.Stat(filepath.Join(dir, "datapackage.json")); err == nil {
		return nil, &directory.Error{Kind: directory.Invalid, Msg: fmt.Sprintf("%s already holds a data package; choose a new folder", dir)}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("hsds: data package folder: %w", err)
	}
	p := &PackageWriter{dir: dir, tables: map[table]*csvTable{}, seen: map[string]bool{}}
	for _, t := range packageColumns {
		path := filepath.Join(dir, string(t.table)+".csv")
		f, err := os.Create(path)
		if err != nil {
			p.closeFiles()
			return nil, fmt.Errorf("hsds: data package: %w", err)
		}
		ct := &csvTable{path: path, f: f, w: csv.NewWriter(f), cols: t.cols}
		p.tables[t.table] = ct
		ct.w.Write(t.cols)
	}
	return p, nil
}

func (p *PackageWriter) closeFiles() {
	for _, t := range p.tables {
		t.f.Close()
	}
}

// row writes one row of t, its cells given as column, value pairs.
func (p *PackageWriter) row(t table, cells ...string) {
	if p.err != nil {
		return
	}
	ct := p.tables[t]
	rec := make([]string, len(ct.cols))
	for i := 0; i+1 < len(cells); i += 2 {
		for j, c := range ct.cols {
			if c == cells[i] {
				rec[j] = cells[i+1]
				break
			}
		}
	}
	if err := ct.w.Write(rec); err != nil {
		p.err = fmt.Errorf("hsds: %s: %w", ct.path, err)
	}
}

// once reports whether the shared row t/id is yet to be written, and
// marks it written.
func (p *PackageWriter) once(t table, id string) bool {
	key := string(t) + "\x00" + id
	if p.seen[key] {
		return false
	}
	p.seen[key] = true
	return true
}

func formatFloat(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

func formatInt(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

// Write appends one service's rows.
func (p *PackageWriter) Write(s *directory.Service) error {
	if p.err != nil {
		return p.err
	}
	cells := []string{"id", s.ID, "name", s.Name, "alternate_name", s.AlternateName, "description", s.Description,
		"url", s.URL, "email", s.Email, "status", string(s.Status), "interpretation_services", s.Interpretation,
		"application_process", s.Application, "fees_description", s.Fees, "wait_time", s.WaitTime,
		"eligibility_description", s.Eligibility, "minimum_age", formatInt(s.MinimumAge), "maximum_age", formatInt(s.MaximumAge),
		"assurer_email", s.VerifiedBy, "alert", s.Alert, "organization_id", s.OrganizationID(),
		"sp_source", s.Source, "sp_source_id", s.SourceID}
	if !s.LastVerified.IsZero() {
		cells = append(cells, "assured_date", s.LastVerified.Format(time.DateOnly))
	}
	if !s.LastModified.IsZero() {
		cells = append(cells, "last_modified", s.LastModified.Format(time.RFC3339Nano))
	}
	if !s.FetchedAt.IsZero() {
		cells = append(cells, "sp_fetched_at", s.FetchedAt.UTC().Format(time.RFC3339))
	}
	if s.Program != nil {
		cells = append(cells, "program_id", s.Program.ID)
		if p.once(tablePrograms, s.Program.ID) {
			p.row(tablePrograms, "id", s.Program.ID, "organization_id", s.OrganizationID(), "name", s.Program.Name,
				"alternate_name", s.Program.AlternateName, "description", s.Program.Description)
		}
	}
	p.row(tableServices, cells...)
	if o := s.Organization; o != nil && p.once(tableOrganizations, o.ID) {
		p.row(tableOrganizations, "id", o.ID, "name", o.Name, "description", o.Description, "email", o.Email, "website", o.Website)
		for _, id := range o.Identifiers {
			p.row(tableOrganizationIdentifiers, "id", id.ID, "organization_id", o.ID, "identifier_scheme", id.Scheme,
				"identifier_type", id.Type, "identifier", id.Value)
		}
	}
	p.phones("service_id", s.ID, s.Phones)
	p.contacts("service_id", s.ID, s.Contacts)
	p.schedules("service_id", s.ID, s.Schedules)
	for _, l := range s.Languages {
		p.row(tableLanguages, "id", l.ID, "service_id", s.ID, "name", l.Name, "code", l.Code, "note", l.Note)
	}
	for _, a := range s.Areas {
		p.row(tableServiceAreas, "id", a.ID, "service_id", s.ID, "name", a.Name, "description", a.Description,
			"extent", a.Extent, "extent_type", a.ExtentType, "uri", a.URI)
	}
	for _, c := range s.CostOptions {
		p.row(tableCostOptions, "id", c.ID, "service_id", s.ID, "option", c.Option, "amount", formatFloat(c.Amount),
			"currency", c.Currency, "amount_description", c.Description, "valid_from", c.ValidFrom, "valid_to", c.ValidTo)
	}
	for i, f := range s.Funding {
		p.row(tableFunding, "id", ids.Derived("funding:"+s.ID+":"+strconv.Itoa(i)), "service_id", s.ID, "source", f)
	}
	for _, d := range s.RequiredDocuments {
		p.row(tableRequiredDocuments, "id", d.ID, "service_id", s.ID, "document", d.Name, "uri", d.URI)
	}
	valued := map[string]bool{}
	for _, a := range s.Attributes {
		valued[a.Term.ID] = true
		p.term(a.Term)
		p.row(tableAttributes, "id", a.ID, "link_id", s.ID, "link_type", "service", "link_entity", "service",
			"taxonomy_term_id", a.Term.ID, "value", a.Value, "label", a.Label)
	}
	for _, t := range s.Terms {
		if valued[t.ID] {
			continue
		}
		p.term(t)
		p.row(tableServiceTaxonomy, "id", ids.Derived("service_taxonomy:"+s.ID+":"+t.ID), "service_id", s.ID, "taxonomy_id", t.ID)
	}
	for _, sal := range s.Locations {
		p.row(tableServiceAtLocations, "id", sal.ID, "service_id", s.ID, "location_id", sal.Location.ID, "description", sal.Description)
		p.location(sal.Location)
		p.phones("service_at_location_id", sal.ID, sal.Phones)
		p.contacts("service_at_location_id", sal.ID, sal.Contacts)
		p.schedules("service_at_location_id", sal.ID, sal.Schedules)
	}
	return p.err
}

func (p *PackageWriter) location(l directory.Location) {
	if !p.once(tableLocations, l.ID) {
		return
	}
	var lat, lon string
	if l.Point != nil {
		lat, lon = strconv.FormatFloat(l.Point.Lat(), 'f', -1, 64), strconv.FormatFloat(l.Point.Lon(), 'f', -1, 64)
	}
	p.row(tableLocations, "id", l.ID, "location_type", string(l.Type), "url", l.URL, "name", l.Name, "description", l.Description,
		"transportation", l.Transportation, "latitude", lat, "longitude", lon,
		"external_identifier", l.ExternalID, "external_identifier_type", l.ExternalIDType)
	for _, a := range l.Addresses {
		p.row(tableAddresses, "id", a.ID, "location_id", l.ID, "attention", a.Attention, "address_1", a.Address1, "address_2", a.Address2,
			"city", a.City, "region", a.Region, "state_province", a.StateProvince, "postal_code", a.PostalCode,
			"country", a.Country, "address_type", a.Type)
	}
	for _, a := range l.Accessibility {
		p.row(tableAccessibility, "id", a.ID, "location_id", l.ID, "description", a.Description, "details", a.Details, "url", a.URL)
	}
	p.schedules("location_id", l.ID, l.Schedules)
}

func (p *PackageWriter) phones(owner, ownerID string, phones []directory.Phone) {
	for _, ph := range phones {
		p.row(tablePhones, "id", ph.ID, owner, ownerID, "number", ph.Number, "extension", ph.Extension, "type", ph.Type, "description", ph.Description)
	}
}

func (p *PackageWriter) contacts(owner, ownerID string, contacts []directory.Contact) {
	for _, c := range contacts {
		p.row(tableContacts, "id", c.ID, owner, ownerID, "name", c.Name, "title", c.Title, "department", c.Department, "email", c.Email)
		p.phones("contact_id", c.ID, c.Phones)
	}
}

func (p *PackageWriter) schedules(owner, ownerID string, schedules []directory.Schedule) {
	for _, sc := range schedules {
		interval := ""
		if sc.Interval > 0 {
			interval = strconv.Itoa(sc.Interval)
		}
		p.row(tableSchedules, "id", sc.ID, owner, ownerID, "freq", string(sc.Freq), "interval", interval, "byday", sc.ByDay,
			"bymonthday", sc.ByMonthDay, "valid_from", sc.ValidFrom, "valid_to", sc.ValidTo, "dtstart", sc.DTStart,
			"description", sc.Description, "opens_at", sc.Opens, "closes_at", sc.Closes, "attending_type", sc.AttendingType, "notes", sc.Notes)
	}
}

// term writes a taxonomy term, and its taxonomy, the first time.
func (p *PackageWriter) term(t directory.Term) {
	if !p.once(tableTaxonomyTerms, t.ID) {
		return
	}
	taxonomyID := ""
	if t.Taxonomy != "" {
		taxonomyID = ids.Taxonomy(t.Taxonomy)
		if p.once(tableTaxonomies, taxonomyID) {
			p.row(tableTaxonomies, "id", taxonomyID, "name", t.Taxonomy, "description", "Terms of the "+t.Taxonomy+" taxonomy", "version", t.Version)
		}
	}
	p.row(tableTaxonomyTerms, "id", t.ID, "code", t.Code, "name", t.Name, "description", t.Description, "parent_id", t.ParentID,
		"taxonomy", t.Taxonomy, "taxonomy_id", taxonomyID, "term_uri", t.URI)
}

// Close finishes every table and writes datapackage.json.
func (p *PackageWriter) Close() error {
	for _, t := range packageColumns {
		ct := p.tables[t.table]
		ct.w.Flush()
		if err := ct.w.Error(); err != nil && p.err == nil {
			p.err = err
		}
		if err := ct.f.Close(); err != nil && p.err == nil {
			p.err = err
		}
	}
	if p.err != nil {
		return p.err
	}
	type field struct {
		Name string `json:"name"`
		Type string `json:"type"`
	}
	type resource struct {
		Name    string `json:"name"`
		Path    string `json:"path"`
		Profile string `json:"profile"`
		Schema  struct {
			Fields []field `json:"fields"`
		} `json:"schema"`
	}
	desc := struct {
		Name      string     `json:"name"`
		Profile   string     `json:"profile"`
		Resources []resource `json:"resources"`
	}{Name: "linkway-export", Profile: "tabular-data-package"}
	for _, t := range packageColumns {
		r := resource{Name: string(t.table), Path: string(t.table) + ".csv", Profile: "tabular-data-resource"}
		for _, c := range t.cols {
			r.Schema.Fields = append(r.Schema.Fields, field{Name: c, Type: "string"})
		}
		desc.Resources = append(desc.Resources, r)
	}
	b, err := json.MarshalIndent(desc, "", "  ")
	if err != nil {
		return err
	}
	p.err = os.WriteFile(filepath.Join(p.dir, "datapackage.json"), append(b, '\n'), 0o644)
	return p.err
}
