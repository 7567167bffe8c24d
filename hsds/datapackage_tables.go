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
