// Command demogen writes Linkway's demo directory for Leeds: an HSDS 3.0
// JSON array of fully nested service objects, each shaped like the
// response to GET /services/{id}.
//
//	go run ./internal/tools/demogen -o data/demo/leeds.json
//	go run ./internal/tools/demogen > data/demo/leeds.json
//
// Every organisation, service, venue, street, person and phone number is
// invented. The postcodes and their coordinates are real: they are read at
// generation time from OS Code-Point Open (see -postcodes), which carries
// these attribution lines:
//
//	Contains OS data © Crown copyright and database right 2025
//	Contains Royal Mail data © Royal Mail copyright and database right 2025
//	Contains National Statistics data © Crown copyright and database right 2025
//
// Phone numbers are Ofcom's drama ranges (0113 496 0000–0999 and
// 0808 157 0000–0999); email and web addresses use the reserved
// example.org domain.
//
// The output is deterministic: the same inputs give byte-identical output.
// Randomness comes from a fixed seed and ids are derived from a salted hash
// of each record's path, so editing one organisation's entry leaves the ids
// of the others unchanged. The program checks its own output (counts,
// unique ids, coordinates inside Leeds, postcodes present in the CSV) and
// exits non-zero if a check fails; a summary goes to standard error.
//
// Besides HSDS 3.0 fields each service carries Linkway's social-prescribing
// extension fields: sp_referral_routes, sp_accepting_referrals and
// sp_typical_wait_days.
package main

import (
	"bytes"
	"crypto/sha1"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
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
	taxPath := fs.String("taxonomy", "data/taxonomy.json", "Linkway kinds-of-support taxonomy")
	pcPath := fs.String("postcodes", "../shared/data/geo/postcodes-LS-leeds.csv", "Code-Point Open LS postcodes with WGS84 coordinates")
	if err := fs.Parse(args); err != nil {
		return err
	}
	terms, err := loadTaxonomy(*taxPath)
	if err != nil {
		return err
	}
	pcs, err := loadPostcodes(*pcPath)
	if err != nil {
		return err
	}
	g, err := newGenerator(terms, pcs)
	if err != nil {
		return err
	}
	services, err := g.build()
	if err != nil {
		return err
	}
	if err := validate(services, terms, pcs); err != nil {
		return fmt.Errorf("output failed its checks: %w", err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(services); err != nil {
		return err
	}
	if *out == "" {
		if _, err := stdout.Write(buf.Bytes()); err != nil {
			return err
		}
	} else if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	report(stderr, services, g, buf.Len())
	return nil
}

// ---------------------------------------------------------------------------
// Output shapes (HSDS 3.0 service, fully nested, plus sp_* extensions).

// Service is one HSDS 3.0 service with everything nested, as returned by
// GET /services/{id}.
type Service struct {
	ID                     string              `json:"id"`
	Name                   string              `json:"name"`
	Description            string              `json:"description"`
	URL                    string              `json:"url,omitempty"`
	Email                  string              `json:"email,omitempty"`
	Status                 string              `json:"status"`
	Alert                  string              `json:"alert,omitempty"`
	InterpretationServices string              `json:"interpretation_services,omitempty"`
	ApplicationProcess     string              `json:"application_process"`
	WaitTime               string              `json:"wait_time,omitempty"`
	EligibilityDescription string              `json:"eligibility_description,omitempty"`
	MinimumAge             *int                `json:"minimum_age,omitempty"`
	MaximumAge             *int                `json:"maximum_age,omitempty"`
	AssuredDate            string              `json:"assured_date"`
	AssurerEmail           string              `json:"assurer_email"`
	LastModified           string              `json:"last_modified"`
	Phones                 []Phone             `json:"phones,omitempty"`
	Schedules              []Schedule          `json:"schedules,omitempty"`
	ServiceAreas           []ServiceArea       `json:"service_areas,omitempty"`
	ServiceAtLocations     []ServiceAtLocation `json:"service_at_locations,omitempty"`
	Languages              []Language          `json:"languages"`
	Organization           *Organization       `json:"organization"`
	CostOptions            []CostOption        `json:"cost_options"`
	Contacts               []Contact           `json:"contacts,omitempty"`
	Attributes             []Attribute         `json:"attributes"`
	SPReferralRoutes       []string            `json:"sp_referral_routes"`
	SPAcceptingReferrals   string              `json:"sp_accepting_referrals"`
	SPTypicalWaitDays      int                 `json:"sp_typical_wait_days,omitempty"`
}

// Organization is the nested organisation of a service.
type Organization struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Email       string `json:"email"`
	Website     string `json:"website"`
}

// ServiceAtLocation links a service to one location, with its own times.
type ServiceAtLocation struct {
	ID        string     `json:"id"`
	Location  *Location  `json:"location"`
	Schedules []Schedule `json:"schedules,omitempty"`
}

// Location is a venue (physical) or an online meeting place (virtual).
type Location struct {
	ID             string          `json:"id"`
	LocationType   string          `json:"location_type"`
	URL            string          `json:"url,omitempty"`
	Name           string          `json:"name"`
	Description    string          `json:"description,omitempty"`
	Transportation string          `json:"transportation,omitempty"`
	Latitude       json.Number     `json:"latitude,omitempty"`
	Longitude      json.Number     `json:"longitude,omitempty"`
	Addresses      []Address       `json:"addresses,omitempty"`
	Accessibility  []Accessibility `json:"accessibility,omitempty"`
}

// Address is a postal address of a physical location.
type Address struct {
	ID            string `json:"id"`
	Address1      string `json:"address_1"`
	City          string `json:"city"`
	StateProvince string `json:"state_province"`
	PostalCode    string `json:"postal_code"`
	Country       string `json:"country"`
	AddressType   string `json:"address_type"`
}

// Accessibility describes one access feature of a location.
type Accessibility struct {
	ID          string `json:"id"`
	Description string `json:"description"`
	Details     string `json:"details,omitempty"`
}

// Schedule is an HSDS iCal-style recurring time.
type Schedule struct {
	ID            string `json:"id"`
	Freq          string `json:"freq"`
	Byday         string `json:"byday"`
	OpensAt       string `json:"opens_at"`
	ClosesAt      string `json:"closes_at"`
	Description   string `json:"description"`
	AttendingType string `json:"attending_type,omitempty"`
}

// Phone is a phone number.
type Phone struct {
	ID          string `json:"id"`
	Number      string `json:"number"`
	Type        string `json:"type,omitempty"`
	Description string `json:"description,omitempty"`
}

// Language is a language a service is offered in.
type Language struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Code string `json:"code"`
	Note string `json:"note,omitempty"`
}

// CostOption is one price.
type CostOption struct {
	ID                string  `json:"id"`
	Option            string  `json:"option"`
	Amount            float64 `json:"amount"`
	Currency          string  `json:"currency"`
	AmountDescription string  `json:"amount_description"`
}

// Contact is a named person to ask.
type Contact struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Title string `json:"title,omitempty"`
	Email string `json:"email,omitempty"`
}

// ServiceArea says where a non-venue service is available.
type ServiceArea struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

// Attribute links a service to a taxonomy term (a kind of support).
type Attribute struct {
	ID             string        `json:"id"`
	TaxonomyTermID string        `json:"taxonomy_term_id"`
	LinkType       string        `json:"link_type"`
	TaxonomyTerm   *TaxonomyTerm `json:"taxonomy_term"`
}

// TaxonomyTerm is a kind of support from data/taxonomy.json.
type TaxonomyTerm struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Taxonomy    string `json:"taxonomy"`
}

// ---------------------------------------------------------------------------
// Inputs.

func loadTaxonomy(path string) (map[string]*TaxonomyTerm, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var t struct {
		ID    string `json:"id"`
		Terms []struct {
			ID          string `json:"id"`
			Name        string `json:"name"`
			Description string `json:"description"`
		} `json:"terms"`
	}
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if t.ID != taxonomyID || len(t.Terms) == 0 {
		return nil, fmt.Errorf("%s: not the %s taxonomy", path, taxonomyID)
	}
	m := make(map[string]*TaxonomyTerm, len(t.Terms))
	for _, x := range t.Terms {
		m[x.ID] = &TaxonomyTerm{ID: x.ID, Name: x.Name, Description: x.Description, Taxonomy: t.ID}
	}
	return m, nil
}

type postcode struct {
	code     string // "LS12 3AB"
	outcode  string // "LS12"
	sector   string // "LS12 3"
	ward     string // GSS ward code
	lat, lon float64
	latS     string // 6 dp
	lonS     string
}

type postcodes struct {
	all  map[string]*postcode
	rows []*postcode // usable rows in file order
}

const leedsDistrict = "E08000035"

func loadPostcodes(path string) (*postcodes, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for _, h := range []string{"postcode", "positional_quality", "latitude", "longitude", "admin_district_code", "admin_ward_code"} {
		if _, ok := col[h]; !ok {
			return nil, fmt.Errorf("%s: no %q column", path, h)
		}
	}
	p := &postcodes{all: map[string]*postcode{}}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		code := rec[col["postcode"]]
		q := rec[col["positional_quality"]]
		lat, err1 := strconv.ParseFloat(rec[col["latitude"]], 64)
		lon, err2 := strconv.ParseFloat(rec[col["longitude"]], 64)
		if q == "90" || err1 != nil || err2 != nil {
			continue
		}
		out, _, _ := strings.Cut(code, " ")
		pc := &postcode{
			code: code, outcode: out, sector: code[:len(code)-2],
			ward: rec[col["admin_ward_code"]], lat: lat, lon: lon,
			latS: strconv.FormatFloat(lat, 'f', 6, 64), lonS: strconv.FormatFloat(lon, 'f', 6, 64),
		}
		p.all[code] = pc
		// Venues only go at well-placed postcodes inside Leeds district.
		if q == "10" && rec[col["admin_district_code"]] == leedsDistrict {
			p.rows = append(p.rows, pc)
		}
	}
	if len(p.rows) == 0 {
		return nil, fmt.Errorf("%s: no usable Leeds postcodes", path)
	}
	return p, nil
}

// ---------------------------------------------------------------------------
// Ids.

// uuidFor returns a stable UUID-shaped id (version 5 layout) derived from a
// salted SHA-1 of the record's path.
func uuidFor(parts ...string) string {
	h := sha1.Sum([]byte(idSalt + "\x00" + strings.Join(parts, "\x00")))
	h[6] = (h[6] & 0x0f) | 0x50
	h[8] = (h[8] & 0x3f) | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// idMaker hands out ids for one organisation's records: UUIDs for most,
// plain numbers for the few feeds that use them.
type idMaker struct {
	numeric bool
	next    *int
	prefix  string
}

func (m idMaker) id(parts ...string) string {
	if m.numeric {
		*m.next += 1 + (*m.next*7)%3
		return strconv.Itoa(*m.next)
	}
	return uuidFor(append([]string{m.prefix}, parts...)...)
}
