package hsds

import (
	"encoding/json"
	"fmt"
	"maps"
	"path"
	"reflect"
	"slices"
	"strings"
	"sync"
)

// kind is what the objects of an HSDS 3.0 document are: the standard's
// API returns each of these, alone or as a list.
type kind uint8

const (
	kindUnknown kind = iota
	kindService
	kindOrganization
	kindServiceAtLocation
	kindLocation
	kindTaxonomy
	kindTaxonomyTerm
)

// kindOf tells what the JSON object raw is from its members. Most objects
// say it plainly (a service has a status, a location a location_type, a
// taxonomy term a parent_id or code); one that gives only what they
// share (an id, a name, a description) is taken for hint when the
// document's name says what it holds, and for a service otherwise.
func kindOf(raw json.RawMessage, hint kind) kind {
	var members map[string]json.RawMessage
	if err := json.Unmarshal(raw, &members); err != nil {
		return kindService // not an object: the record says so
	}
	has := func(keys ...string) bool {
		for _, k := range keys {
			if v, ok := members[k]; ok && string(v) != "null" {
				return true
			}
		}
		return false
	}
	switch {
	case has("services"):
		return kindOrganization
	case has("status"):
		return kindService
	case has("service") || has("location") || has("service_id") && has("location_id"):
		return kindServiceAtLocation
	case has("organization_identifiers", "website", "legal_status", "year_incorporated", "tax_status", "tax_id",
		"logo", "parent_organization_id", "programs", "locations"):
		return kindOrganization
	case has("location_type", "latitude", "longitude", "addresses", "accessibility", "external_identifier", "transportation"):
		return kindLocation
	case has("service_at_locations", "eligibility_description", "application_process", "fees", "fees_description",
		"cost_options", "service_areas", "minimum_age", "maximum_age", "assured_date", "organization", "organization_id"):
		return kindService
	case has("taxonomy_terms", "version"):
		return kindTaxonomy
	case has("code", "parent_id", "taxonomy", "taxonomy_id", "taxonomy_detail", "term_uri", "term", "language"):
		return kindTaxonomyTerm
	case has("uri") && !has("email", "url", "phones"):
		return kindTaxonomy
	case hint != kindUnknown:
		return hint
	}
	return kindService
}

// kindOfName tells what a document holds from its file name or URL path,
// as the standard's API names them ("taxonomy_terms", "service_list.json").
func kindOfName(name string) kind {
	n := strings.ToLower(path.Base(strings.ReplaceAll(name, "\\", "/")))
	n = strings.NewReplacer("-", "_", " ", "_").Replace(n)
	switch {
	case strings.Contains(n, "taxonomy_term"):
		return kindTaxonomyTerm
	case strings.Contains(n, "service_at_location") || strings.Contains(n, "services_at_location"):
		return kindServiceAtLocation
	case strings.Contains(n, "taxonom"):
		return kindTaxonomy
	case strings.Contains(n, "organization") || strings.Contains(n, "organisation"):
		return kindOrganization
	case strings.Contains(n, "location"):
		return kindLocation
	case strings.Contains(n, "service"):
		return kindService
	}
	return kindUnknown
}

// fieldTree holds the members Linkway reads from an object of one kind,
// nested as in the object, so that the members it has no place for can
// be reported rather than dropped unseen. A leaf has no children.
type fieldTree struct {
	children map[string]*fieldTree
}

var (
	fieldTreesOnce sync.Once
	fieldTrees     map[kind]*fieldTree
)

// fieldsOf returns the members read from a document's objects of kind k.
func fieldsOf(k kind) *fieldTree {
	fieldTreesOnce.Do(func() {
		fieldTrees = map[kind]*fieldTree{
			kindService:           treeOf(reflect.TypeFor[service](), true, 0),
			kindOrganization:      treeOf(reflect.TypeFor[organization](), true, 0),
			kindServiceAtLocation: treeOf(reflect.TypeFor[serviceAtLocation](), true, 0),
			kindLocation:          treeOf(reflect.TypeFor[location](), true, 0),
			kindTaxonomy:          treeOf(reflect.TypeFor[taxonomy](), true, 0),
			kindTaxonomyTerm:      treeOf(reflect.TypeFor[taxonomyTerm](), true, 0),
		}
	})
	return fieldTrees[k]
}

var unmarshaler = reflect.TypeFor[json.Unmarshaler]()

// treeOf builds the tree of a decoding type from its json tags. Members
// tagged hsds:"top" are read only at the top of a document (an
// organisation's services, a location's services), not where the object
// is nested in another.
func treeOf(t reflect.Type, top bool, depth int) *fieldTree {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || reflect.PointerTo(t).Implements(unmarshaler) || depth > 6 {
		return &fieldTree{}
	}
	tree := &fieldTree{children: map[string]*fieldTree{}}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" || f.Tag.Get("hsds") == "top" && !top {
			continue
		}
		tree.children[name] = treeOf(f.Type, false, depth+1)
	}
	return tree
}

// noteUnkept counts the members of the JSON object raw that Linkway has
// no place for and that hold something.
func (r *Reader) noteUnkept(raw []byte) {
	if r.fields == nil {
		return
	}
	r.scan.b, r.scan.i, r.scan.path = raw, 0, r.scan.path[:0]
	if r.scan.report == nil {
		r.scan.report = func(p [][]byte) { r.unkept[joinPath(p)]++ }
	}
	r.scan.value(r.fields)
}

// unkeptRecord returns the document's issues about members not kept, or
// nil when there are none.
func (r *Reader) unkeptRecord() *Record {
	if len(r.unkept) == 0 {
		return nil
	}
	rec := &Record{}
	for _, p := range slices.Sorted(maps.Keys(r.unkept)) {
		n := r.unkept[p]
		times := "once"
		if n > 1 {
			times = fmt.Sprintf("%d times", n)
		}
		rec.Warn(p, "", "not kept: Linkway has no place for this field (given "+times+")")
	}
	return rec
}

// arrayStep stands in a path for the elements of an array.
var arrayStep = []byte("[]")

// joinPath writes a member path, each member as written in the JSON (in
// quotes), as the report names fields:
// "service_at_locations[].location.alternate_name".
func joinPath(p [][]byte) string {
	var b strings.Builder
	for i, s := range p {
		if string(s) == "[]" {
			b.WriteString("[]")
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(unescape(s))
	}
	return b.String()
}

// scanner walks a JSON value that is known to be well formed (a decoder
// returned it), comparing its members with a fieldTree. It is a byte
// loop that allocates only to report, much cheaper than decoding the
// value again.
type scanner struct {
	b      []byte
	i      int
	path   [][]byte            // the members leading to the value at i, as written
	report func(path [][]byte) // a member not in the tree that holds something
}

func (s *scanner) space() {
	for s.i < len(s.b) && (s.b[s.i] == ' ' || s.b[s.i] == '\t' || s.b[s.i] == '\n' || s.b[s.i] == '\r') {
		s.i++
	}
}

// value scans the value at s.i, whose members are described by tree (nil
// when the value itself is not kept, so nothing inside it is reported),
// and reports whether it is empty: null, "", [] or {} (or an object or
// array of empty values).
func (s *scanner) value(tree *fieldTree) (empty bool) {
	s.space()
	if s.i >= len(s.b) {
		return true
	}
	switch s.b[s.i] {
	case '{':
		s.i++
		empty = true
		for {
			s.space()
			if s.i >= len(s.b) || s.b[s.i] == '}' {
				s.i++
				return empty
			}
			if s.b[s.i] == ',' {
				s.i++
				continue
			}
			key, escaped := s.str()
			s.space()
			s.i++ // ':'
			var child *fieldTree
			known := tree == nil || tree.children == nil
			if !known && !escaped {
				// Indexing with string(bytes) does not allocate.
				child, known = tree.children[string(key[1:len(key)-1])]
			} else if !known {
				child, known = tree.children[unescape(key)]
			}
			s.path = append(s.path, key)
			if known {
				if !s.value(child) {
					empty = false
				}
			} else if !s.value(nil) {
				empty = false
				s.report(s.path)
			}
			s.path = s.path[:len(s.path)-1]
		}
	case '[':
		s.i++
		empty = true
		s.path = append(s.path, arrayStep)
		defer func() { s.path = s.path[:len(s.path)-1] }()
		for {
			s.space()
			if s.i >= len(s.b) || s.b[s.i] == ']' {
				s.i++
				return empty
			}
			if s.b[s.i] == ',' {
				s.i++
				continue
			}
			if !s.value(tree) {
				empty = false
			}
		}
	case '"':
		text, _ := s.str()
		return len(text) == 2
	case 'n':
		s.i += 4
		return true
	}
	// A number, true or false.
	for s.i < len(s.b) && !strings.ContainsRune(",}] \t\n\r", rune(s.b[s.i])) {
		s.i++
	}
	return false
}

// str scans the string at s.i and returns it as written, quotes and
// all, and whether it holds escapes.
func (s *scanner) str() (raw []byte, escaped bool) {
	start := s.i
	s.i++
	for s.i < len(s.b) && s.b[s.i] != '"' {
		if s.b[s.i] == '\\' {
			escaped = true
			s.i++
		}
		s.i++
	}
	s.i++
	return s.b[start:min(s.i, len(s.b))], escaped
}

// unescape returns the text of a JSON string written raw.
func unescape(raw []byte) string {
	var out string
	if err := json.Unmarshal(raw, &out); err != nil && len(raw) >= 2 {
		return string(raw[1 : len(raw)-1])
	}
	return out
}
