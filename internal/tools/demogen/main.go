// Command demogen writes Linkway's demo directory for Leeds: an HSDS 3.0
// JSON array of fully nested service objects, each shaped like the
// response to GET /services/{id}. It builds [directory.Service] values and
// writes them with [hsds.ArrayWriter], as Linkway exports a directory, so
// the file reads back through the importer as the services were built.
//
//	go run ./internal/tools/demogen -o data/demo/leeds.json
//
// What it says (places, venues, kinds of support and their sentence
// banks, organisations) is in prose.json beside it; this code only puts
// it together. Its other inputs are the kinds of support in
// data/taxonomy.json and the Leeds postcodes in leeds-postcodes-wards.csv.gz
// (see SOURCES.md), so it needs nothing outside the repository.
//
// Every organisation, service, venue, street, person and phone number is
// invented. The postcodes and their coordinates are real, from OS
// Code-Point Open, which carries these attribution lines:
//
//	Contains OS data © Crown copyright and database right 2025
//	Contains Royal Mail data © Royal Mail copyright and database right 2025
//	Contains National Statistics data © Crown copyright and database right 2025
//
// Phone numbers are Ofcom's drama ranges (0113 496 0000–0999 and
// 0808 157 0000–0999); email and web addresses use the reserved
// example.org domain.
//
// The output is deterministic: the same inputs give byte-identical output,
// and a test checks that they give data/demo/leeds.json. Randomness comes
// from a fixed seed and ids are derived from a salted hash of each
// record's path, so editing one organisation's entry leaves the ids of the
// others unchanged. The program checks its own output (counts, unique ids,
// coordinates inside Leeds, postcodes present in the CSV) and exits
// non-zero if a check fails; a summary goes to standard error.
//
// Besides HSDS 3.0 fields each service carries Linkway's social-prescribing
// extension fields: sp_referral_routes, sp_accepting_referrals and
// sp_typical_wait_days.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"time"

	"github.com/linkway/linkway/data"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/hsds"
)

const (
	seed1, seed2  = 20261125, 0x4c454544 // "LEED"
	idSalt        = "linkway-demo-leeds/v1"
	listingsEmail = "listings@linkway-leeds.example.org"
	taxonomyID    = "linkway-support"
)

// refDay is "today" for the demo: verification dates are spread before it.
var refDay = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "demogen:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("demogen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "write the JSON to this file instead of standard output")
	if err := fs.Parse(args); err != nil {
		return err
	}
	b, err := generate(stderr)
	if err != nil {
		return err
	}
	if *out == "" {
		_, err = stdout.Write(b)
		return err
	}
	return os.WriteFile(*out, b, 0o644)
}

// generate returns the demo directory as HSDS 3.0 JSON, written as
// Linkway exports it, after checking it, and writes a summary to log.
func generate(log io.Writer) ([]byte, error) {
	services, g, err := buildDirectory(log)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	w := hsds.NewArrayWriter(&buf)
	for _, s := range services {
		if err := w.Write(s); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	report(log, services, g, buf.Len())
	return buf.Bytes(), nil
}

// buildDirectory returns the demo directory's services, checked, and the
// generator that made them. When the checks fail it writes a summary to
// log, to help see why.
func buildDirectory(log io.Writer) ([]*directory.Service, *generator, error) {
	p, err := loadProse()
	if err != nil {
		return nil, nil, err
	}
	terms, err := loadTaxonomy(data.FS)
	if err != nil {
		return nil, nil, err
	}
	// The demo covers the kinds prose.json describes; kinds added later for
	// imported directories (legal-advice, transport…) have no demo listings.
	inDemo := map[string]bool{}
	for _, k := range p.Kinds {
		inDemo[k.ID] = true
	}
	maps.DeleteFunc(terms, func(id string, _ *directory.Term) bool { return !inDemo[id] })
	pcs, err := loadPostcodes()
	if err != nil {
		return nil, nil, err
	}
	g, err := newGenerator(p, terms, pcs)
	if err != nil {
		return nil, nil, err
	}
	services, err := g.build()
	if err != nil {
		return nil, nil, err
	}
	if err := validate(services, terms, pcs); err != nil {
		report(log, services, g, 0)
		return nil, nil, fmt.Errorf("output failed its checks: %w", err)
	}
	return services, g, nil
}
