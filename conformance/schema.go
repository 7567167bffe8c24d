package conformance

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// schemaFS holds unchanged copies of the HSDS 3.0 and UK profile schemas;
// schema/SOURCES.md says where each came from and under which licence.
//
//go:embed schema
var schemaFS embed.FS

// The schemas' own addresses. The OpenAPI files refer to them by these
// URLs, and relative $refs inside them (taxonomy.json names
// "taxonomy_term.json") resolve against them, so each embedded file is
// registered under the URL it was published at and nothing is fetched.
const (
	hsdsBase = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
	orukBase = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
)

// A Standard is one of the two sets of schemas a feed is checked against.
type Standard string

// The standards every object is checked against.
const (
	HSDS Standard = "HSDS 3.0"
	ORUK Standard = "UK profile 3.0"
)

// schemaFiles names, for each kind of object an endpoint returns, the file
// that describes it in each standard, as the standards' OpenAPI files do.
// Two departures: HSDS's compiled service.json was not kept (it is 3 MB of
// expansions), so service_with_definitions.json, the same content with
// definitions, stands in for it; and both OpenAPI files name service.json
// for /service_at_locations/{id}, which the ORUK validator's own test
// profile corrects to service_at_location.json, as we do.
var schemaFiles = map[string]map[Standard]string{
	"api":                      {ORUK: orukBase + "api_details.json"},
	"service":                  {HSDS: hsdsBase + "compiled/service_with_definitions.json", ORUK: orukBase + "compiled/service.json"},
	"service_list":             {HSDS: hsdsBase + "compiled/service_list.json", ORUK: orukBase + "compiled/service_list.json"},
	"service_at_location":      {HSDS: hsdsBase + "service_at_location.json", ORUK: orukBase + "compiled/service_at_location.json"},
	"service_at_location_list": {HSDS: hsdsBase + "compiled/service_at_location_list.json", ORUK: orukBase + "compiled/service_at_location_list.json"},
	"organization":             {HSDS: hsdsBase + "organization.json", ORUK: orukBase + "compiled/organization.json"},
	"organization_list":        {HSDS: hsdsBase + "compiled/organization_list.json", ORUK: orukBase + "compiled/organization_list.json"},
	"taxonomy":                 {HSDS: hsdsBase + "taxonomy.json", ORUK: orukBase + "taxonomy.json"},
	"taxonomy_term":            {HSDS: hsdsBase + "taxonomy_term.json", ORUK: orukBase + "taxonomy_term.json"},
}

// schemas are the compiled schemas by object kind and standard.
type schemas map[string]map[Standard]*jsonschema.Schema

// loadSchemas compiles every schema in schemaFiles from the embedded
// copies. Formats (uuid, uri, email, date) are asserted so that a bad one
// can be reported, though only as a warning: see [schemaProblems].
func loadSchemas() (schemas, error) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	for dir, base := range map[string]string{"schema/hsds-3.0": hsdsBase, "schema/oruk-3.0": orukBase} {
		err := fs.WalkDir(schemaFS, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || path.Ext(p) != ".json" {
				return err
			}
			b, err := schemaFS.ReadFile(p)
			if err != nil {
				return err
			}
			doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
			if err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
			return c.AddResource(base+strings.TrimPrefix(p, dir+"/"), doc)
		})
		if err != nil {
			return nil, fmt.Errorf("conformance: schemas: %w", err)
		}
	}
	out := schemas{}
	for name, files := range schemaFiles {
		out[name] = map[Standard]*jsonschema.Schema{}
		for std, url := range files {
			s, err := c.Compile(url)
			if err != nil {
				return nil, fmt.Errorf("conformance: compile %s: %w", url, err)
			}
			out[name][std] = s
		}
	}
	return out, nil
}

// problem is one way an object departs from a schema.
type problem struct {
	Path    string // JSON pointer into the object, such as /contacts/0/name
	Message string
	Format  bool // only a format (uuid, uri, ...) is wrong
}

var printer = message.NewPrinter(language.English)

// schemaProblems validates v against s and returns the innermost errors,
// which name the field at fault rather than "allOf failed".
func schemaProblems(s *jsonschema.Schema, v any) []problem {
	err := s.Validate(v)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return []problem{{Path: "", Message: err.Error()}}
	}
	var out []problem
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			_, isFormat := e.ErrorKind.(*kind.Format)
			path := ""
			for _, part := range e.InstanceLocation {
				path += "/" + part
			}
			out = append(out, problem{
				Path:    path,
				Message: e.ErrorKind.LocalizedString(printer),
				Format:  isFormat,
			})
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	return out
}
