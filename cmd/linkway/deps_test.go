package main

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/linkway/linkway/"

// allowed lists, for every package of the module, the module packages
// and third-party prefixes it may import; the standard library is always
// allowed. A package missing from it fails TestDependencyDirection: a new
// package says where it sits.
var allowed = map[string][]string{
	// The domain: no I/O libraries.
	"directory": {"github.com/paulmach/orb"},
	"casework":  {"directory", "notify"},
	// The reports' figures: pure, over counts the store makes.
	"reports":   {"directory"},
	"fhir":      {"casework", "ids"},
	"freshness": {"directory", "casework", "notify"},
	"geo":       {"directory", "github.com/paulmach/orb"},
	"hsds":      {"directory", "ids", "github.com/paulmach/orb"},
	"matcher":   {"directory", "geo", "lexicon", "github.com/paulmach/orb"},
	"notify":    {},
	"data":      {"directory"},
	"static":    {},
	// Linkway's kinds of support for any service: crosswalks and the
	// classifier, read from the data folder.
	"kinds": {"data", "directory"},
	// What Linkway knows of English words: no-signal words, UK and US
	// spellings, typo distance.
	"lexicon": {},

	// Adapters, each the one home of its library.
	"indexer": {"directory", "geo", "lexicon", "github.com/blevesearch/bleve/v2", "github.com/blevesearch/bleve_index_api", "github.com/paulmach/orb"},
	"sqlite":  {"directory", "casework", "ids", "notify", "reports", "internal/dbtext", "internal/like", "internal/storedoc", "internal/casestore", "github.com/mattn/go-sqlite3", "github.com/paulmach/orb"},
	// The shared store for several instances: pgx's home (and scs's
	// session store over it), beside sqlite and satisfying the same
	// interfaces.
	"postgres": {"directory", "casework", "ids", "notify", "reports", "internal/dbtext", "internal/like", "internal/storedoc", "internal/casestore", "internal/tablecopy", "github.com/jackc/pgx/v5", "github.com/alexedwards/scs/pgxstore", "github.com/paulmach/orb"},
	// What both stores must agree on, so they read and write alike: how
	// instants are written as text, LIKE patterns, the listing documents
	// and their hashes, and casework rows.
	"internal/dbtext":    {},
	"internal/like":      {},
	"internal/storedoc":  {"directory"},
	"internal/casestore": {"casework", "directory", "ids", "internal/dbtext"},
	// The tables migrate-store copies and the hash both sides compare.
	"internal/tablecopy": {},
	// Copying a SQLite store into PostgreSQL: migrate-store, the benchmark.
	"internal/storecopy": {"internal/tablecopy", "postgres", "sqlite"},
	// UUIDs for records made here: google/uuid's one home.
	"ids": {"github.com/google/uuid"},

	// The web layer reaches the stores and the index only through
	// interfaces it declares, and imports nothing of SQLite: cmd gives it
	// its session store.
	"web":      {"web/core", "web/public", "web/account", "web/cases", "web/orgs", "web/admin", "web/openreferral", "web/reports", "directory", "casework", "notify", "github.com/gorilla/mux", "github.com/alexedwards/scs/v2"},
	"web/core": {"directory", "casework", "github.com/gorilla/mux", "github.com/alexedwards/scs/v2"},
	// Residents' pages reach the directory only: no casework at all.
	"web/public": {"web/core", "directory", "geo", "matcher", "github.com/gorilla/mux", "github.com/paulmach/orb"},
	// Logging in and passwords: argon2id's one home.
	"web/account": {"web/core", "directory", "casework", "github.com/gorilla/mux", "github.com/alexedwards/argon2id"},
	"web/cases":   {"web/core", "web/public", "directory", "casework", "fhir", "github.com/gorilla/mux"},
	"web/orgs":    {"web/core", "web/public", "web/account", "directory", "casework", "freshness", "geo", "hsds", "ids", "notify", "github.com/gorilla/mux"},
	// The Open Referral API: public directory data only, no casework.
	"web/openreferral": {"web/core", "directory", "geo", "hsds", "github.com/gorilla/mux"},
	"web/admin":        {"web/core", "web/account", "directory", "casework", "freshness", "geo", "hsds", "notify", "github.com/gorilla/mux"},
	// Reports: aggregated figures only, never a person's record.
	"web/reports": {"web/core", "reports", "directory", "casework", "geo", "github.com/gorilla/mux"},

	// The ORUK conformance checker: the JSON Schema library's one home.
	"conformance": {"github.com/santhosh-tekuri/jsonschema/v6", "golang.org/x/text"},

	// The commands wire everything together.
	"cmd/linkway":       {"bench", "bench/benchcmd", "conformance", "directory", "casework", "freshness", "geo", "hsds", "matcher", "notify", "data", "static", "indexer", "kinds", "sqlite", "postgres", "internal/tablecopy", "internal/storecopy", "web", "web/core", "internal/demoenv", "github.com/alexedwards/scs/v2", "github.com/alexedwards/scs/sqlite3store", "github.com/paulmach/orb", "golang.org/x/term"},
	"cmd/linkway-bench": {"bench/benchcmd"},

	// Research code and tools, never linked into the server, apart from
	// the benchmark, which `linkway bench` runs (issues 15 and 17 name
	// it). The benchmark's FTS5 baseline is a second home for mattn: a
	// database of its own.
	"bench":       {"bench/fts5", "bench/synth", "directory", "indexer", "internal/storecopy", "matcher", "postgres", "sqlite", "github.com/paulmach/orb"},
	"bench/fts5":  {"directory", "github.com/mattn/go-sqlite3", "github.com/paulmach/orb"},
	"bench/synth": {"directory", "github.com/paulmach/orb"},
	// The benchmark's command line, which both commands run.
	"bench/benchcmd":            {"bench", "data", "indexer", "internal/demoenv", "kinds", "sqlite"},
	"geo/internal/mkgeo":        {},
	"internal/tools/demogen":    {"data", "directory", "hsds", "github.com/paulmach/orb"},
	"internal/tools/synthfeed":  {"bench/synth", "data", "hsds"},
	"internal/tools/trainkinds": {"kinds"},
	"internal/schemegen":        {"casework", "directory", "sqlite"},

	// Test helpers. pgtest makes throwaway PostgreSQL databases;
	// storetest is the one suite both stores' tests run.
	"internal/pgtest":      {"github.com/jackc/pgx/v5"},
	"internal/storetest":   {"casework", "directory", "hsds", "ids", "notify", "reports", "github.com/paulmach/orb"},
	"internal/browsertest": {"github.com/chromedp/chromedp"},
	"internal/smtptest":    {},
	"internal/fhirtest":    {"github.com/santhosh-tekuri/jsonschema/v6"},
	"internal/demoenv":     {"data", "directory", "geo", "hsds", "indexer", "kinds", "matcher", "sqlite", "github.com/paulmach/orb"},
	"internal/webtest":     {"web", "web/core", "casework", "data", "directory", "freshness", "geo", "hsds", "indexer", "kinds", "matcher", "notify", "sqlite", "static", "github.com/alexedwards/scs/sqlite3store", "github.com/paulmach/orb"},
}

// sqliteImports are what no package under web/ may import, whatever the
// lists above say: the web layer knows no database.
var sqliteImports = []string{"sqlite", "github.com/mattn/go-sqlite3", "github.com/alexedwards/scs/sqlite3store"}

// TestDependencyDirection fails on any import edge that DESIGN.md forbids:
// domain packages stay free of I/O libraries, each third-party library
// has one home, the web layer imports nothing of SQLite, nothing but the
// commands (and the web tests' fixture) imports web or cmd, and every
// package is listed.
func TestDependencyDirection(t *testing.T) {
	out, err := exec.Command("go", "list", "-json=ImportPath,Imports", "../../...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	seen := map[string]bool{}
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
		seen[name] = true
		rules, listed := allowed[name]
		if !listed {
			t.Errorf("package %s is not in the dependency test: add it to allowed with what it may import", name)
		}
		for _, imp := range p.Imports {
			if !strings.Contains(strings.Split(imp, "/")[0], ".") {
				continue // the standard library
			}
			imp = strings.TrimPrefix(imp, module)
			if (within(imp, "web") || within(imp, "cmd")) && !within(name, "web") && !within(name, "cmd") && name != "internal/webtest" {
				t.Errorf("%s imports %s: nothing but the commands imports web or cmd", name, imp)
			}
			if within(name, "web") && permitted(imp, sqliteImports) {
				t.Errorf("%s imports %s: the web layer imports nothing of SQLite", name, imp)
			}
			if listed && !permitted(imp, rules) {
				t.Errorf("%s imports %s, which DESIGN.md does not allow", name, imp)
			}
		}
	}
	for name := range allowed {
		if !seen[name] {
			t.Errorf("allowed lists %s, which is no package: remove it", name)
		}
	}
}

// within reports whether package name is dir or under it.
func within(name, dir string) bool { return name == dir || strings.HasPrefix(name, dir+"/") }

func permitted(imp string, rules []string) bool {
	for _, r := range rules {
		if within(imp, r) {
			return true
		}
	}
	return false
}
