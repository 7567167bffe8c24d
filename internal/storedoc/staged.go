package storedoc

import (
	"encoding/json"
	"fmt"

	"github.com/linkway/linkway/directory"
)

// What an import stages before applying it, and the whole listings that
// reviews and versions keep, as both stores write and read them.

// The kinds of records an import stages (import_staged.kind).
const (
	StagedService      = "service"
	StagedOrganization = "organization"
	StagedLocation     = "location"
	StagedTerms        = "terms"
)

// Staged is a staged record read back, decoded: one of Service, Org, Loc
// and Terms is set, as Kind says.
type Staged struct {
	Seq     int64
	Kind    string
	ID      string
	Service *directory.Service
	Org     *directory.Organization
	Loc     *directory.Location
	Terms   []directory.Term
}

// DecodeStaged decodes a staged record's body (its JSON) by its kind.
func DecodeStaged(seq int64, kind, id, body string) (Staged, error) {
	r := Staged{Seq: seq, Kind: kind, ID: id}
	var err error
	switch kind {
	case StagedOrganization:
		err = json.Unmarshal([]byte(body), &r.Org)
	case StagedLocation:
		err = json.Unmarshal([]byte(body), &r.Loc)
	case StagedTerms:
		err = json.Unmarshal([]byte(body), &r.Terms)
	default:
		r.Service, err = ServiceOfJSON(body)
	}
	if err != nil {
		return r, fmt.Errorf("staged %s %s: %w", kind, id, err)
	}
	return r, nil
}

// What names the record's kind for a message.
func (r *Staged) What() string {
	switch r.Kind {
	case StagedOrganization:
		return "organisation"
	case StagedLocation:
		return "location"
	case StagedTerms:
		return "taxonomy terms from"
	}
	return "service"
}

// LocationLinksTaken refuses s when one of its service-at-location ids
// is held by another service, as taken reports (with the owner's id):
// writing s would break the id's uniqueness, and an import must find that
// while staging. It returns a Conflict naming each such id, or nil.
func LocationLinksTaken(s *directory.Service, taken func(salID string) (owner string, ok bool)) error {
	var errs directory.ValidationError
	for i, sal := range s.Locations {
		if owner, ok := taken(sal.ID); ok {
			errs = append(errs, directory.FieldError{
				Field: fmt.Sprintf("service_at_locations[%d].id", i),
				Msg:   fmt.Sprintf("%s is already used by service %s", directory.Quote(sal.ID), directory.Quote(owner)),
			})
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return &directory.Error{Kind: directory.Conflict, Msg: errs.Error(), Err: errs}
}

// ServiceJSON is a whole listing as reviews, versions and staged imports
// keep it.
func ServiceJSON(s *directory.Service) (string, error) {
	b, err := json.Marshal(s)
	if err != nil {
		return "", fmt.Errorf("service %s as JSON: %w", s.ID, err)
	}
	return string(b), nil
}

// ServiceOfJSON reads a listing kept by [ServiceJSON].
func ServiceOfJSON(text string) (*directory.Service, error) {
	var s directory.Service
	if err := json.Unmarshal([]byte(text), &s); err != nil {
		return nil, fmt.Errorf("service from JSON: %w", err)
	}
	return &s, nil
}
