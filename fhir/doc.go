// Package fhir writes a person's social prescribing record as a FHIR R4
// Bundle for their GP practice: the Patient with their NHS number, the
// EpisodeOfCare of their time with the link worker, an Encounter for each
// contact, a ServiceRequest for each referral or signpost to a community
// service, an Observation for each ONS4 wellbeing answer, and the SNOMED
// CT coded events. Resources claim the UK Core profiles that fit them.
//
// The handful of resources are small typed structs of our own rather than
// a generated model of all of FHIR: see README, "Dependencies". The
// package is pure: it reads casework records and returns a [Bundle] to
// encode; tests validate that against HL7's FHIR R4 JSON schema.
package fhir
