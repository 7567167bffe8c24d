package hsds

import (
	"fmt"

	"github.com/linkway/linkway/directory"
)

// Source yields the records of one feed document, whatever its shape
// (HSDS 3.0 JSON, ORUK v1 JSON, a tabular data package). Each reader of a
// shape is a Source, so the importer, the report and the staged write
// path are the same for all of them.
type Source interface {
	// Next returns the next record, or io.EOF after the last. An error is
	// fatal (broken JSON or CSV, a document of the wrong shape): the
	// stream cannot go on, and the import changes nothing.
	Next() (*Record, error)
	// Offset is how many bytes of input have been consumed, for progress.
	Offset() int64
}

// Record is one thing read from a feed: usually a service. A feed's
// other shapes give records of other kinds, each holding exactly one of
// Service, Organization, Location or Terms:
//
//   - Organization: an organisation listed without services (services
//     carry their organisation in Service.Organization);
//   - Location: a venue listed without services, kept so that services
//     can name it later by its id;
//   - Terms: taxonomy terms, written as a vocabulary (ID is then the
//     taxonomy's id or the first term's).
//
// A record holding none of them carries only Issues about the document
// as a whole (Index 0), such as rows that point at nothing.
//
// When Err is set the record is unusable (its parts may then be partly
// filled). Issues are what was done to values that could not be used as
// given: each becomes a line of the import report, so nothing is dropped
// without saying so.
type Record struct {
	Index        int // 1-based position in the document; 0 for the document itself
	ID           string
	Service      *directory.Service
	Organization *directory.Organization
	Location     *directory.Location
	Terms        []directory.Term
	Issues       []Issue
	Err          error
}

// Kind names what the record holds, for messages: "service",
// "organisation", "location", "taxonomy terms" or "document".
func (r *Record) Kind() string {
	switch {
	case r.Service != nil:
		return "service"
	case r.Organization != nil:
		return "organisation"
	case r.Location != nil:
		return "location"
	case r.Terms != nil:
		return "taxonomy terms"
	}
	return "document"
}

// Label names the record for a person: "record 12 (id "abc")".
func (r *Record) Label() string {
	if r.ID == "" {
		return fmt.Sprintf("record %d (no id)", r.Index)
	}
	return fmt.Sprintf("record %d (id %s)", r.Index, directory.Quote(r.ID))
}

// Warn records that the value of field was dropped or normalised;
// action says what was done, such as "dropped" or "read as 09:00".
func (r *Record) Warn(field, value, action string) {
	r.Issues = append(r.Issues, Issue{Level: Warning, Index: r.Index, ID: r.ID,
		Field: field, Value: clip(value), Action: action})
}

// Level says whether an issue was worked around or made its record
// unusable.
type Level string

const (
	Warning Level = "warning"
	Error   Level = "error"
)

// Issue is one line of an import report.
type Issue struct {
	Level  Level  `json:"level"`
	Index  int    `json:"record"`          // the record's position; 0 for the document itself
	ID     string `json:"id,omitempty"`    // the record's id as given
	Field  string `json:"field,omitempty"` // a JSON path or CSV table.column, such as "schedules[0].byday"
	Value  string `json:"value,omitempty"` // the value as given, clipped
	Action string `json:"action"`          // what was done, in words
}

// maxIssueValue bounds how much of a value an issue repeats: enough to
// recognise it, not a copy of a 10 MiB description.
const maxIssueValue = 200

func clip(v string) string {
	if r := []rune(v); len(r) > maxIssueValue {
		return string(r[:maxIssueValue]) + "…"
	}
	return v
}
