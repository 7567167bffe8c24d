// Package fhirtest checks, in tests, that JSON is valid FHIR R4: it
// validates against HL7's FHIR R4 JSON schema kept in testdata/fhir (see
// SOURCE.md there). It is the test suite's one home of the JSON schema
// validator for FHIR.
package fhirtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

const schemaURL = "fhir.schema.json"

// validator holds the compiled schema and the compiler, which compiles
// one resource type's definition on demand to explain a failure.
type validator struct {
	mu       sync.Mutex
	compiler *jsonschema.Compiler
	whole    *jsonschema.Schema
}

// load compiles the schema once per test binary: the file is 3 MB.
var load = sync.OnceValues(func() (*validator, error) {
	path, err := schemaPath()
	if err != nil {
		return nil, err
	}
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
	if err := c.AddResource(schemaURL, doc); err != nil {
		return nil, fmt.Errorf("fhirtest: %w", err)
	}
	whole, err := c.Compile(schemaURL)
	if err != nil {
		return nil, fmt.Errorf("fhirtest: %w", err)
	}
	return &validator{compiler: c, whole: whole}, nil
})

// schemaPath finds testdata/fhir/fhir.schema.json under the module root,
// the first folder up from the test's own (where go test runs it) that
// holds go.mod.
func schemaPath() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("fhirtest: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "testdata", "fhir", "fhir.schema.json"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("fhirtest: no go.mod above the test's folder")
		}
		dir = parent
	}
}

// Validate returns why body is not a valid FHIR R4 resource, or nil.
//
// The schema accepts a resource when exactly one of its ~145 resource
// definitions does, so its own error lists every one that did not. To
// say what is actually wrong, a failing Bundle's entries are checked one
// by one against the definition of their own resourceType, and the
// first that fails is reported alone.
func Validate(body []byte) error {
	v, err := load()
	if err != nil {
		return err
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	whole := v.whole.Validate(doc)
	if whole == nil {
		return nil
	}
	var b struct {
		Entry []struct {
			Resource json.RawMessage `json:"resource"`
		} `json:"entry"`
	}
	if json.Unmarshal(body, &b) == nil {
		for i, e := range b.Entry {
			if err := v.validateAs(e.Resource); err != nil {
				return fmt.Errorf("entry %d: %w", i, err)
			}
		}
		if err := v.validateAs(body); err != nil {
			return err
		}
	}
	return whole
}

// validateAs checks one resource against its resourceType's definition.
func (v *validator) validateAs(resource []byte) error {
	var head struct {
		ResourceType string `json:"resourceType"`
	}
	if err := json.Unmarshal(resource, &head); err != nil || head.ResourceType == "" {
		return fmt.Errorf("no resourceType")
	}
	v.mu.Lock()
	sch, err := v.compiler.Compile(schemaURL + "#/definitions/" + head.ResourceType)
	v.mu.Unlock()
	if err != nil {
		return fmt.Errorf("resourceType %q: %w", head.ResourceType, err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(resource))
	if err != nil {
		return err
	}
	if m, ok := doc.(map[string]any); ok && head.ResourceType == "Bundle" {
		// The entries were checked on their own; this checks the rest.
		delete(m, "entry")
	}
	if err := sch.Validate(doc); err != nil {
		return fmt.Errorf("%s: %v", head.ResourceType, err)
	}
	return nil
}

// MustValidate fails the test unless body is a valid FHIR R4 resource.
func MustValidate(tb testing.TB, body []byte) {
	tb.Helper()
	if err := Validate(body); err != nil {
		tb.Fatalf("not valid FHIR R4: %v", err)
	}
}
