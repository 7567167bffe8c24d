// Package data holds the data Linkway ships: the Leeds demo directory,
// the kinds-of-support taxonomy and the postcode tables. See README.md in
// this folder for sources and licences.
package data

import "embed"

// FS is the data folder: taxonomy.json, concepts.json, matcher.json,
// snomed.json, demo/leeds.json, geo/*.csv.gz, the crosswalks from open
// vocabularies to Linkway's kinds (crosswalks/*.json) and the kinds
// classifier with its written examples (kinds/*.json).
//
//go:embed taxonomy.json concepts.json matcher.json snomed.json bank-holidays.json demo/leeds.json geo/*.csv.gz crosswalks/*.json kinds/*.json
var FS embed.FS
