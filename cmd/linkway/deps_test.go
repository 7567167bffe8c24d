package main

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/linkway/linkway/"

// TestDependencyDirection fails on any import edge that DESIGN.md forbids:
// domain packages stay free of I/O libraries, each third-party library
// has one home, and nothing imports web or cmd.
func TestDependencyDirection(t *testing.T) {
	out, err := exec.Command("go", "list", "-json=ImportPath,Imports", "../../...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	// allowed lists, for each of our packages, the module packages and
	// third-party prefixes it may import; the standard library is always
	// allowed.
	allowed := map[string][]string{
		"directory": {"github.com/paulmach/orb"},
		"casework":  {"directory", "notify"},
		"freshness": {"directory", "casework", "notify"},
		"geo":       {"directory", "github.com/paulmach/orb"},
		"hsds":      {"directory", "github.com/paulmach/orb"},
		"data":      {"directory"},
		"static":    {},
		"matcher":   {"directory", "geo", "github.com/paulmach/orb"},
		"indexer":   {"directory", "geo", "github.com/blevesearch/bleve/v2", "github.com/blevesearch/bleve_index_api", "github.com/paulmach/orb"},
		"notify":    {},
		"sqlite":    {"directory", "casework", "notify", "github.com/mattn/go-sqlite3", "github.com/paulmach/orb"},
		// The benchmark's FTS5 baseline is a second home for mattn: a
		// database of its own, never linked into the server.
		"bench/fts5": {"directory", "github.com/mattn/go-sqlite3", "github.com/paulmach/orb"},
		"web":        {"directory", "casework", "freshness", "matcher", "geo", "notify", "hsds", "github.com/gorilla/mux", "github.com/paulmach/orb", "github.com/alexedwards/argon2id", "github.com/alexedwards/scs/v2", "github.com/alexedwards/scs/sqlite3store"},
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		name := strings.TrimPrefix(p.ImportPath, module)
		for _, imp := range p.Imports {
			if !strings.HasPrefix(name, "cmd/") && (strings.HasPrefix(imp, module+"web") || strings.HasPrefix(imp, module+"cmd")) {
				t.Errorf("%s imports %s: nothing may import web or cmd", name, imp)
			}
			rules, ok := allowed[name]
			if !ok || !strings.Contains(imp, ".") {
				continue // unlisted packages (cmd, tools) and the standard library
			}
			if !permitted(strings.TrimPrefix(imp, module), rules) {
				t.Errorf("%s imports %s, which DESIGN.md does not allow", name, imp)
			}
		}
	}
}

func permitted(imp string, rules []string) bool {
	for _, r := range rules {
		if imp == r || strings.HasPrefix(imp, r+"/") {
			return true
		}
	}
	return false
}
