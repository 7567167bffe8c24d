package hsds

import "strings"

// table is an HSDS table, named as HSDS 3.0 names it.
type table string

// The tables a data package may hold. HSDS 1.x/2.0 names and the
// singular names some exports use map onto these through tableNames.
const (
	tableServices                table = "services"
	tableOrganizations           table = "organizations"
	tableOrganizationIdentifiers table = "organization_identifiers"
	tablePrograms                table = "programs"
	tableServiceAtLocations      table = "service_at_locations"
	tableLocations               table = "locations"
	tableAddresses               table = "addresses"
	tablePhysicalAddresses       table = "physical_addresses" // 1.x: addresses of type physical
	tablePostalAddresses         table = "postal_addresses"   // 1.x: addresses of type postal
	tablePhones                  table = "phones"
	tableContacts                table = "contacts"
	tableSchedules               table = "schedules"
	tableHolidaySchedules        table = "holiday_schedules" // 1.x: closures and special hours
	tableLanguages               table = "languages"
	tableAccessibility           table = "accessibility"
	tableServiceAreas            table = "service_areas"
	tableCostOptions             table = "cost_options"
	tableFunding                 table = "funding"
	tableRequiredDocuments       table = "required_documents"
	tableEligibility             table = "eligibility"      // 1.x: eligibility in words
	tableServiceTaxonomy         table = "service_taxonomy" // 1.x: links of services to terms
	tableTaxonomyTerms           table = "taxonomy_terms"
	tableTaxonomies              table = "taxonomies"
	tableAttributes              table = "attributes"
	tablePayments                table = "payments_accepted" // 1.x: kept as cost options' words
	tableMetadata                table = "metadata"
	tableMetaTableDescriptions   table = "meta_table_descriptions"
)

// tableNames maps every file or resource name seen in HSDS data packages
// (lower case, without ".csv") onto its table.
var tableNames = map[string]table{
	"services": tableServices, "service": tableServices,
	"organizations": tableOrganizations, "organization": tableOrganizations,
	"organisations": tableOrganizations, "organisation": tableOrganizations,
	"organization_identifiers": tableOrganizationIdentifiers, "organization_identifier": tableOrganizationIdentifiers,
	"programs": tablePrograms, "program": tablePrograms,
	"service_at_locations": tableServiceAtLocations, "service_at_location": tableServiceAtLocations,
	"services_at_location": tableServiceAtLocations, "services_at_locations": tableServiceAtLocations,
	"locations": tableLocations, "location": tableLocations,
	"addresses": tableAddresses, "address": tableAddresses,
	"physical_addresses": tablePhysicalAddresses, "physical_address": tablePhysicalAddresses,
	"postal_addresses": tablePostalAddresses, "postal_address": tablePostalAddresses,
	"mail_addresses": tablePostalAddresses, "mail_address": tablePostalAddresses, // Ohana
	"phones": tablePhones, "phone": tablePhones,
	"contacts": tableContacts, "contact": tableContacts,
	"schedules": tableSchedules, "schedule": tableSchedules,
	"regular_schedules": tableSchedules, "regular_schedule": tableSchedules,
	"holiday_schedules": tableHolidaySchedules, "holiday_schedule": tableHolidaySchedules,
	"languages": tableLanguages, "language": tableLanguages,
	"accessibility": tableAccessibility, "accessibilities": tableAccessibility,
	"accessibility_for_disabilities": tableAccessibility,
	"service_areas":                  tableServiceAreas, "service_area": tableServiceAreas,
	"cost_options": tableCostOptions, "cost_option": tableCostOptions,
	"funding": tableFunding, "fundings": tableFunding,
	"required_documents": tableRequiredDocuments, "required_document": tableRequiredDocuments,
	"eligibility": tableEligibility, "eligibilities": tableEligibility, "eligibilitys": tableEligibility,
	"service_taxonomy": tableServiceTaxonomy, "services_taxonomy": tableServiceTaxonomy,
	"service_taxonomies": tableServiceTaxonomy, "services_taxonomies": tableServiceTaxonomy,
	"taxonomy_terms": tableTaxonomyTerms, "taxonomy_term": tableTaxonomyTerms,
	// "taxonomy" is the 1.x term table, but the ORUK 3.0 examples also
	// use it for the 3.0 taxonomies table; the reader tells them apart
	// by their columns (see resolveTaxonomy).
	"taxonomy":   tableTaxonomyTerms,
	"taxonomies": tableTaxonomies,
	"attributes": tableAttributes, "attribute": tableAttributes,
	"payments_accepted": tablePayments, "payment_accepted": tablePayments,
	"metadata": tableMetadata, "meta_table_descriptions": tableMetaTableDescriptions,
	"meta_table_description": tableMetaTableDescriptions,
}

// tableOf returns the table a file or resource name stands for, or "".
func tableOf(name string) table {
	return tableNames[strings.ToLower(strings.TrimSpace(name))]
}

// fieldRef is what a column header stands for: a field Linkway reads
// (rank 0 for the standard's own name, then its aliases), or "" for a
// column that only repeats what another table holds.
type fieldRef struct {
	field string
	rank  int
}

// tableFields maps each table's column headers onto the fields Linkway
// reads. Each entry lists a field by its HSDS 3.0 name, then the names
// HSDS 1.x/2.0, the UK profile or Ohana exports give it; an entry
// starting with "-" is a column that only repeats another table (a
// parent's name beside its id). Any other column is counted in the
// report as not kept.
var tableFields = fieldTable(map[table][]string{
	tableServices: {"id", "organization_id", "program_id", "name", "alternate_name", "description",
		"url website", "email", "status", "interpretation_services", "application_process",
		"fees_description", "fees", "wait_time", "eligibility_description eligibility", "minimum_age",
		"maximum_age", "assured_date", "assurer_email", "alert", "last_modified",
		// Ohana's services name their location and hold lists that HSDS
		// puts in tables of their own.
		"location_id", "languages", "required_documents", "service_areas", "funding funding_sources",
		"taxonomy_ids"},
	tableOrganizations:           {"id", "name", "description", "email", "website url"},
	tableOrganizationIdentifiers: {"id", "organization_id", "identifier_scheme", "identifier_type", "identifier"},
	tablePrograms:                {"id", "organization_id", "name", "alternate_name", "description"},
	tableServiceAtLocations:      {"id", "service_id", "location_id", "description"},
	tableLocations: {"id", "organization_id", "location_type", "url website", "name", "description",
		"transportation", "latitude", "longitude", "external_identifier", "external_identifier_type",
		"virtual", "accessibility", "languages"},
	tableAddresses:         addressFields,
	tablePhysicalAddresses: addressFields,
	tablePostalAddresses:   addressFields,
	tablePhones: {"id", "location_id", "service_id", "organization_id", "contact_id", "service_at_location_id",
		"number", "extension", "type number_type", "description"},
	tableContacts: {"id", "organization_id", "service_id", "service_at_location_id", "location_id",
		"name", "title", "department", "email"},
	tableSchedules: {"id", "service_id", "location_id", "service_at_location_id", "weekday", "freq", "interval",
		"byday", "bymonthday", "valid_from", "valid_to", "dtstart", "description", "opens_at", "closes_at",
		"attending_type", "notes"},
	tableHolidaySchedules:  {"id", "service_id", "location_id", "service_at_location_id"},
	tableLanguages:         {"id", "service_id", "location_id", "phone_id", "name language", "code", "note"},
	tableAccessibility:     {"id", "location_id", "description accessibility", "details", "url"},
	tableServiceAreas:      {"id", "service_id", "name service_area", "description", "extent", "extent_type", "uri"},
	tableCostOptions:       {"id", "service_id", "option", "amount", "currency", "amount_description", "valid_from", "valid_to"},
	tableFunding:           {"id", "organization_id", "service_id", "source"},
	tableRequiredDocuments: {"id", "service_id", "document", "uri"},
	tableEligibility:       {"id", "service_id", "eligibility"},
	tableServiceTaxonomy:   {"id", "service_id", "taxonomy_id"},
	tableTaxonomyTerms: {"id", "code", "name term", "description", "parent_id", "taxonomy vocabulary", "taxonomy_id",
		"term_uri", "-parent_name"},
	tableTaxonomies:            {"id", "name", "description", "uri", "version"},
	tableAttributes:            {"id", "link_id", "link_type", "link_entity", "taxonomy_term_id", "value", "label"},
	tablePayments:              {"id", "service_id"},
	tableMetadata:              {"id"},
	tableMetaTableDescriptions: {"id"},
})

var addressFields = []string{"id", "location_id", "attention", "address_1", "address_2", "address_3", "address_4",
	"city", "region", "state_province", "postal_code", "country", "address_type"}

func fieldTable(spec map[table][]string) map[table]map[string]fieldRef {
	out := map[table]map[string]fieldRef{}
	for t, entries := range spec {
		m := map[string]fieldRef{}
		for _, e := range entries {
			if name, ok := strings.CutPrefix(e, "-"); ok {
				m[name] = fieldRef{}
				continue
			}
			names := strings.Fields(e)
			for rank, n := range names {
				m[n] = fieldRef{field: names[0], rank: rank}
			}
		}
		out[t] = m
	}
	return out
}
