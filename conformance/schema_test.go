package conformance

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

func mustSchemas(tb testing.TB) schemas {
	tb.Helper()
	s, err := loadSchemas()
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func mustJSONFile(tb testing.TB, name string) any {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "openreferral", name))
	if err != nil {
		tb.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	return v
}

// The standards' own examples pass their own schemas; a checker that
// rejected them would be wrong, not the examples.
func TestSchemasAcceptTheUKExamples(t *testing.T) {
	s := mustSchemas(t)
	for file, kind := range map[string]string{
		"service_full.json":             "service",
		"service_at_location_full.json": "service_at_location",
		"organization_full.json":        "organization",
		"taxonomy.json":                 "taxonomy",
		"taxonomy_term.json":            "taxonomy_term",
	} {
		v := mustJSONFile(t, "oruk-3.0-uk-profile-examples/"+file)
		for std, sch := range s[kind] {
			for _, p := range schemaProblems(sch, v) {
				t.Errorf("%s against %s %s: %s: %s", file, std, kind, p.Path, p.Message)
			}
		}
	}
}
