// Package fhirtest checks, in tests, that JSON is valid FHIR R4: it
// validates against HL7's FHIR R4 JSON schema kept in testdata/fhir (see
// SOURCE.md there). It is the test suite's one home of the JSON schema
// validator for FHIR.
package fhirtest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schema is compiled once per test binary: the file is 3 MB.
var schema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	_, here, _, _ := runtime.Caller(0)
	path := filepath.Join(filepath.Dir(here), "..", "..", "testdata", "fhir", "fhir.schema.json")
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("fhirtest: %w", err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return nil, fmt.Errorf("fhirtest: %s: %w", path, err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("fhir.schema.json", doc); err != nil {
		return nil, fmt.Errorf("fhirtest: %w", err)
	}
	return c.Compile("fhir.schema.json")
})

// Validate returns why body is not a valid FHIR R4 resource, or nil.
func Validate(body []byte) error {
	sch, err := schema()
	if err != nil {
		return err
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	return sch.Validate(doc)
}

// MustValidate fails the test unless body is a valid FHIR R4 resource.
func MustValidate(tb testing.TB, body []byte) {
	tb.Helper()
	if err := Validate(body); err != nil {
		tb.Fatalf("not valid FHIR R4: %v", err)
	}
}
