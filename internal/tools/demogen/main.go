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
	"slices"
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
		report(stderr, services, g, 0)
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

// ---------------------------------------------------------------------------
// Places. Areas are Leeds neighbourhoods with the postcode district, ward
// (GSS code, 2018 boundaries) and, where known, postcode sectors they sit
// in; venues are picked at real postcodes inside them.

type area struct {
	name    string
	outcode string
	ward    string
	sectors string // space-separated sector digits, e.g. "2 3" for LS12 2, LS12 3
	station string // nearby railway station, if any
	langs   string // community languages heard locally, for interpreters
	lat     float64
	lon     float64
	pool    []*postcode
}

var areaTable = []area{
	{name: "City Centre", outcode: "LS1", ward: "E05011403", station: "Leeds", langs: "ar fa zh ti"},
	{name: "Little London", outcode: "LS2", ward: "E05011403", langs: "so ar"},
	{name: "Woodhouse", outcode: "LS2", ward: "E05011403", sectors: "9", langs: "zh ar"},
	{name: "Burley", outcode: "LS3", ward: "E05011403", sectors: "1", station: "Burley Park", langs: "pl"},
	{name: "Burley Park", outcode: "LS4", ward: "E05011402", sectors: "2", station: "Burley Park", langs: "pl"},
	{name: "Kirkstall", outcode: "LS5", ward: "E05011402", sectors: "3", station: "Kirkstall Forge"},
	{name: "Headingley", outcode: "LS6", ward: "E05011397", sectors: "3", station: "Headingley", langs: "zh"},
	{name: "Hyde Park", outcode: "LS6", ward: "E05011397", sectors: "1", station: "Burley Park", langs: "ar zh"},
	{name: "Meanwood", outcode: "LS6", ward: "E05011413", sectors: "4"},
	{name: "Weetwood", outcode: "LS16", ward: "E05011413", sectors: "5"},
	{name: "Adel", outcode: "LS16", ward: "E05012841", sectors: "8"},
	{name: "Cookridge", outcode: "LS16", ward: "E05012841", sectors: "7"},
	{name: "Holt Park", outcode: "LS16", ward: "E05012841", sectors: "7"},
	{name: "Bramhope", outcode: "LS16", ward: "E05012841", sectors: "9"},
	{name: "Ireland Wood", outcode: "LS16", ward: "E05011413", sectors: "6"},
	{name: "Chapeltown", outcode: "LS7", ward: "E05011390", sectors: "3 4", langs: "pa ur so"},
	{name: "Chapel Allerton", outcode: "LS7", ward: "E05011390", sectors: "4", langs: "pa"},
	{name: "Potternewton", outcode: "LS7", ward: "E05011390", sectors: "3", langs: "ur pa"},
	{name: "Harehills", outcode: "LS8", ward: "E05011394", sectors: "5", langs: "ur pa bn ku ro pl"},
	{name: "Gipton", outcode: "LS9", ward: "E05011394", sectors: "6", langs: "ro ku"},
	{name: "Roundhay", outcode: "LS8", ward: "E05011411", sectors: "1 2"},
	{name: "Oakwood", outcode: "LS8", ward: "E05011411", sectors: "2 4"},
	{name: "Moortown", outcode: "LS17", ward: "E05011405", sectors: "5 6"},
	{name: "Alwoodley", outcode: "LS17", ward: "E05012842", sectors: "7"},
	{name: "Shadwell", outcode: "LS17", ward: "E05011396", sectors: "8"},
	{name: "Burmantofts", outcode: "LS9", ward: "E05011388", sectors: "7", langs: "so ar"},
	{name: "Richmond Hill", outcode: "LS9", ward: "E05011388", sectors: "8", langs: "pl ro"},
	{name: "East End Park", outcode: "LS9", ward: "E05011388", sectors: "9", langs: "pl ro"},
	{name: "Lincoln Green", outcode: "LS9", ward: "E05011388", sectors: "7", langs: "so ar ti"},
	{name: "Osmondthorpe", outcode: "LS9", ward: "E05013831", sectors: "0"},
	{name: "Halton Moor", outcode: "LS15", ward: "E05013831", sectors: "0"},
	{name: "Halton", outcode: "LS15", ward: "E05013831", sectors: "7"},
	{name: "Temple Newsam", outcode: "LS15", ward: "E05013831", sectors: "0"},
	{name: "Cross Gates", outcode: "LS15", ward: "E05011391", sectors: "7 8", station: "Cross Gates"},
	{name: "Whinmoor", outcode: "LS14", ward: "E05011391", sectors: "1 2"},
	{name: "Swarcliffe", outcode: "LS14", ward: "E05011391", sectors: "5"},
	{name: "Seacroft", outcode: "LS14", ward: "E05011400", sectors: "6", langs: "pl"},
	{name: "Scholes", outcode: "LS15", ward: "E05011396", sectors: "4"},
	{name: "Barwick-in-Elmet", outcode: "LS15", ward: "E05011396", sectors: "4"},
	{name: "Hunslet", outcode: "LS10", ward: "E05011399", sectors: "1 2", langs: "pl"},
	{name: "Belle Isle", outcode: "LS10", ward: "E05011404", sectors: "3"},
	{name: "Middleton", outcode: "LS10", ward: "E05011404", sectors: "4"},
	{name: "Beeston", outcode: "LS11", ward: "E05012647", sectors: "7 8", langs: "ur ro pl"},
	{name: "Holbeck", outcode: "LS11", ward: "E05012647", sectors: "9", langs: "ro pl"},
	{name: "Cottingley", outcode: "LS11", ward: "E05012647", sectors: "0"},
	{name: "Armley", outcode: "LS12", ward: "E05011385", sectors: "2 3", langs: "pl ro"},
	{name: "Wortley", outcode: "LS12", ward: "E05012648", sectors: "4"},
	{name: "Farnley", outcode: "LS12", ward: "E05012648", sectors: "5"},
	{name: "Bramley", outcode: "LS13", ward: "E05011387", sectors: "2 3", station: "Bramley"},
	{name: "Rodley", outcode: "LS13", ward: "E05011389", sectors: "1"},
	{name: "Swinnow", outcode: "LS13", ward: "E05011387", sectors: "4"},
	{name: "Stanningley", outcode: "LS28", ward: "E05011387", sectors: "6", station: "New Pudsey"},
	{name: "Pudsey", outcode: "LS28", ward: "E05011409", sectors: "7 8"},
	{name: "Farsley", outcode: "LS28", ward: "E05011389", sectors: "5"},
	{name: "Calverley", outcode: "LS28", ward: "E05011389", sectors: "5"},
	{name: "Horsforth", outcode: "LS18", ward: "E05011547", sectors: "4 5", station: "Horsforth"},
	{name: "Yeadon", outcode: "LS19", ward: "E05011549", sectors: "7"},
	{name: "Rawdon", outcode: "LS19", ward: "E05011395", sectors: "6"},
	{name: "Guiseley", outcode: "LS20", ward: "E05011395", station: "Guiseley"},
	{name: "High Royds", outcode: "LS29", ward: "E05011395", station: "Menston"},
	{name: "Otley", outcode: "LS21", ward: "E05011549", sectors: "1 3"},
	{name: "Pool", outcode: "LS21", ward: "E05012841"},
	{name: "Wetherby", outcode: "LS22", ward: "E05011414", sectors: "6 7"},
	{name: "Collingham", outcode: "LS22", ward: "E05011396", sectors: "5"},
	{name: "Boston Spa", outcode: "LS23", ward: "E05011414", sectors: "6"},
	{name: "Bramham", outcode: "LS23", ward: "E05011414", sectors: "6"},
	{name: "Garforth", outcode: "LS25", ward: "E05013830", sectors: "1 2", station: "Garforth"},
	{name: "Kippax", outcode: "LS25", ward: "E05011401", sectors: "7"},
	{name: "Micklefield", outcode: "LS25", ward: "E05011401", sectors: "4", station: "Micklefield"},
	{name: "Rothwell", outcode: "LS26", ward: "E05011410", sectors: "0"},
	{name: "Oulton", outcode: "LS26", ward: "E05011410", sectors: "8"},
	{name: "Woodlesford", outcode: "LS26", ward: "E05011410", sectors: "8", station: "Woodlesford"},
	{name: "Methley", outcode: "LS26", ward: "E05011401", sectors: "9"},
	{name: "Morley", outcode: "LS27", ward: "E05011407", sectors: "8 9", station: "Morley"},
	{name: "Churwell", outcode: "LS27", ward: "E05011406", sectors: "7"},
	{name: "Gildersome", outcode: "LS27", ward: "E05011406", sectors: "7"},
}

// Venue types: H hall, L library, S sport or leisure centre, P park meeting
// point, G garden or allotment, W workshop, Y youth centre, F family hub,
// R faith building, M health centre, C café, O office or advice centre,
// A arts space, K social club. Flag U: the room is upstairs with no lift.
type venueSpec struct {
	area, kind, name, street, flags string
}

var venueTable = []venueSpec{
	{"City Centre", "O", "The Calls Advice Hub", "Call Lane", ""},
	{"City Centre", "H", "Albion Street Methodist Hall", "Albion Street", ""},
	{"City Centre", "C", "Wharf Street Community Café", "Wharf Street", ""},
	{"City Centre", "L", "Headrow Learning Centre", "The Headrow", ""},
	{"City Centre", "A", "Vicar Lane Studios", "Vicar Lane", "U"},
	{"City Centre", "H", "Templar Street Chinese Community Hall", "Templar Street", ""},
	{"City Centre", "M", "Millgarth Health Centre community room", "Millgarth Street", ""},
	{"Little London", "H", "Little London Community Centre", "Oatland Lane", ""},
	{"Woodhouse", "H", "Carlton Hill Meeting House", "Carlton Hill", ""},
	{"Woodhouse", "G", "Woodhouse Street Growing Space", "Woodhouse Street", ""},
	{"Burley Park", "H", "Burley Park Community Hall", "Burley Road", ""},
	{"Burley", "Y", "Kirkstall Road Youth Base", "Kirkstall Road", ""},
	{"Kirkstall", "H", "St Stephen's Parish Rooms", "Morris Lane", ""},
	{"Kirkstall", "P", "Kirkstall Abbey, by the visitor centre", "Abbey Road", ""},
	{"Kirkstall", "C", "Bridge Road Café", "Bridge Road", ""},
	{"Headingley", "H", "Otley Road Methodist Hall", "Otley Road", ""},
	{"Headingley", "L", "North Lane Library", "North Lane", "U"},
	{"Hyde Park", "A", "Royal Park Arts Space", "Royal Park Road", ""},
	{"Hyde Park", "P", "Woodhouse Moor, by the Queen Victoria statue", "Woodhouse Lane", ""},
	{"Hyde Park", "R", "Hyde Park Mandir Community Hall", "Alexandra Road", ""},
	{"Hyde Park", "Y", "Hyde Park Youth Room", "Brudenell Road", ""},
	{"Meanwood", "H", "Meanwood Village Hall", "Green Road", ""},
	{"Meanwood", "P", "Meanwood Park, by the Hollies car park", "Weetwood Lane", ""},
	{"Meanwood", "W", "Meanwood Makers' Yard", "Stonegate Road", ""},
	{"Weetwood", "G", "Weetwood Community Orchard", "Weetwood Lane", ""},
	{"Holt Park", "S", "Holt Park Leisure and Wellbeing Centre", "Holtdale Approach", ""},
	{"Holt Park", "H", "Holt Park Community Rooms", "Holt Road", ""},
	{"Cookridge", "H", "Cookridge Methodist Hall", "Tinshill Road", ""},
	{"Adel", "P", "Adel Woods, by the Stair Foot Lane car park", "Stair Foot Lane", ""},
	{"Bramhope", "H", "Bramhope Village Hall", "Eastgate", ""},
	{"Ireland Wood", "Y", "Ireland Wood Youth Hut", "Iveson Drive", ""},
	{"Chapeltown", "H", "Chapeltown Community Centre", "Chapeltown Road", ""},
	{"Chapeltown", "R", "Guru Nanak Community Hall", "Chapeltown Road", ""},
	{"Chapeltown", "K", "Leopold Street Social Club", "Leopold Street", ""},
	{"Chapeltown", "C", "Reginald Street Kitchen", "Reginald Street", ""},
	{"Chapeltown", "Y", "Button Hill Youth Base", "Button Hill", ""},
	{"Potternewton", "P", "Potternewton Park, by the park café", "Harehills Avenue", ""},
	{"Chapel Allerton", "A", "Chapel Allerton Arts Room", "Harrogate Road", "U"},
	{"Chapel Allerton", "L", "Chapel Allerton Library", "Town Street", ""},
	{"Harehills", "H", "Harehills Lane Community Hall", "Harehills Lane", ""},
	{"Harehills", "O", "Harehills Advice and Learning Centre", "Roundhay Road", ""},
	{"Harehills", "M", "Harehills Health Centre community room", "Ashley Road", ""},
	{"Harehills", "R", "St Joseph's Polish Parish Hall", "Newton Hill Road", ""},
	{"Harehills", "O", "Harehills Women's Hub", "Conway Street", ""},
	{"Gipton", "F", "Gipton Family Hub", "Oak Tree Drive", ""},
	{"Gipton", "G", "Gipton Wood Allotments", "Gipton Wood Road", ""},
	{"Gipton", "Y", "Gipton Youth Centre", "Coldcotes Circus", ""},
	{"Roundhay", "P", "Roundhay Park, by the Lakeside Café", "Princes Avenue", ""},
	{"Oakwood", "C", "Oakwood Clock Café", "Roundhay Road", ""},
	{"Oakwood", "H", "Wetherby Road Methodist Hall", "Wetherby Road", ""},
	{"Moortown", "H", "Moortown Community Hall", "Harrogate Road", ""},
	{"Moortown", "K", "Street Lane Bridge and Social Club", "Street Lane", "U"},
	{"Alwoodley", "R", "Shadwell Lane Synagogue Hall", "Shadwell Lane", ""},
	{"Richmond Hill", "H", "Richmond Hill Community Hall", "Cross Green Lane", ""},
	{"Burmantofts", "R", "St Agnes' Church Hall", "Stoney Rock Lane", ""},
	{"Lincoln Green", "O", "Lincoln Green Advice Point", "Lincoln Green Road", ""},
	{"East End Park", "G", "East End Park Growing Space", "Pontefract Lane", ""},
	{"East End Park", "C", "Easy Road Community Café", "Easy Road", ""},
	{"Osmondthorpe", "H", "Osmondthorpe Community Centre", "Osmondthorpe Lane", ""},
	{"Halton Moor", "F", "Halton Moor Family Centre", "Halton Moor Road", ""},
	{"Temple Newsam", "G", "Temple Newsam Walled Garden, volunteers' gate", "Temple Newsam Road", ""},
	{"Halton", "H", "Halton Parish Rooms", "Selby Road", ""},
	{"Cross Gates", "H", "Cross Gates Methodist Church Hall", "Station Road", ""},
	{"Cross Gates", "L", "Cross Gates Library", "Farm Road", ""},
	{"Swarcliffe", "H", "Swarcliffe Community Centre", "Swarcliffe Avenue", ""},
	{"Seacroft", "H", "Seacroft Friendship Centre", "Kentmere Avenue", ""},
	{"Seacroft", "W", "Seacroft Tool Shed", "Seacroft Crescent", ""},
	{"Seacroft", "O", "Seacroft Jobs and Advice Hub", "The Green", ""},
	{"Seacroft", "M", "Seacroft Health Centre community room", "York Road", ""},
	{"Scholes", "H", "Scholes Village Hall", "Main Street", ""},
	{"Hunslet", "H", "Hunslet Carr Community Centre", "Woodhouse Hill Road", ""},
	{"Belle Isle", "O", "Belle Isle Advice Centre", "Belle Isle Road", ""},
	{"Belle Isle", "Y", "Belle Isle Youth and Boxing Club", "Windmill Road", ""},
	{"Middleton", "P", "Middleton Park, by the visitor centre", "Town Street", ""},
	{"Middleton", "F", "Middleton Family Hub", "Middleton Park Road", ""},
	{"Middleton", "O", "Middleton Skills Hub", "Middleton Ring Road", ""},
	{"Middleton", "W", "Middleton Make and Mend Workshop", "Acre Road", ""},
	{"Beeston", "H", "Beeston Hill Community Centre", "Tempest Road", ""},
	{"Beeston", "P", "Cross Flatts Park, by the pavilion", "Dewsbury Road", ""},
	{"Beeston", "R", "Tempest Road Masjid Community Room", "Tempest Road", ""},
	{"Beeston", "O", "Beeston Work and Learning Centre", "Lady Pit Lane", ""},
	{"Beeston", "C", "Beeston Village Café", "Town Street", "U"},
	{"Beeston", "W", "Beeston Community Workshop", "Malvern Road", ""},
	{"Holbeck", "O", "Holbeck Advice Point", "Domestic Street", ""},
	{"Holbeck", "C", "Holbeck Community Café", "Marshall Street", ""},
	{"Armley", "S", "Armley Leisure Centre", "Carr Crofts", ""},
	{"Armley", "H", "St Bartholomew's Church Hall", "Wesley Road", ""},
	{"Armley", "O", "Town Street Advice Rooms", "Town Street", "U"},
	{"Armley", "P", "Armley Park, by the bowling green", "Armley Ridge Road", ""},
	{"Armley", "Y", "Armley Youth Centre", "Theaker Lane", ""},
	{"Armley", "F", "Armley Family Hub", "Hall Road", ""},
	{"Armley", "C", "Armley Moor Community Café", "Stanningley Road", ""},
	{"Wortley", "H", "New Wortley Community Rooms", "Tong Road", ""},
	{"Wortley", "S", "Wortley Boxing and Fitness Gym", "Lower Wortley Road", ""},
	{"Farnley", "G", "Farnley Hall Walled Garden", "Hall Lane", ""},
	{"Bramley", "W", "Bramley Shed Workshop", "Broad Lane", ""},
	{"Bramley", "S", "Bramley Baths", "Broad Lane", ""},
	{"Bramley", "H", "Bramley Methodist Hall", "Town Street", ""},
	{"Bramley", "L", "Bramley Library", "Hough Lane", ""},
	{"Rodley", "G", "Rodley Riverside Garden", "Rodley Lane", ""},
	{"Swinnow", "H", "Swinnow Community Room", "Swinnow Road", ""},
	{"Pudsey", "H", "St Lawrence Church Hall", "Church Lane", ""},
	{"Pudsey", "P", "Pudsey Park, by the bandstand", "Church Lane", ""},
	{"Pudsey", "K", "Lowtown Veterans' Club", "Lowtown", "U"},
	{"Farsley", "H", "Farsley Community Church Hall", "Old Road", ""},
	{"Stanningley", "A", "Stanningley Old Chapel Studios", "Town Street", "U"},
	{"Horsforth", "H", "St Margaret's Church Hall", "Church Lane", ""},
	{"Horsforth", "W", "Horsforth Shed Workshop", "Low Lane", ""},
	{"Horsforth", "M", "Horsforth Health Centre community room", "Fink Hill", ""},
	{"Yeadon", "H", "Yeadon Methodist Hall", "High Street", ""},
	{"Yeadon", "P", "Yeadon Tarn, by the sailing club car park", "Cemetery Road", ""},
	{"Rawdon", "G", "Rawdon Community Garden", "Town Street", ""},
	{"Rawdon", "H", "Rawdon Village Hall", "Leeds Road", ""},
	{"Guiseley", "H", "Guiseley Methodist Church Hall", "Oxford Road", ""},
	{"Guiseley", "L", "Guiseley Library", "Otley Road", "U"},
	{"High Royds", "H", "High Royds Community Room", "Norwood Avenue", ""},
	{"Otley", "P", "Otley Chevin, Surprise View car park", "East Chevin Road", ""},
	{"Otley", "H", "Otley Parish Hall", "Bondgate", ""},
	{"Otley", "W", "Wharfe Valley Shed workshop", "Bridge Street", ""},
	{"Otley", "C", "Market Place Café", "Market Place", "U"},
	{"Otley", "O", "Otley Advice Centre", "Boroughgate", ""},
	{"Pool", "H", "Pool Village Hall", "Main Street", ""},
	{"Wetherby", "H", "Wetherby Methodist Hall", "Bank Street", ""},
	{"Wetherby", "P", "Wetherby Riverside, by the bridge", "Boston Road", ""},
	{"Wetherby", "Y", "Wetherby Youth Café", "Deighton Road", ""},
	{"Wetherby", "S", "Wetherby Leisure Centre", "Lodge Lane", ""},
	{"Collingham", "H", "Collingham Memorial Hall", "Harewood Road", ""},
	{"Boston Spa", "H", "Boston Spa Village Hall", "High Street", ""},
	{"Boston Spa", "A", "Boston Spa Art Room", "High Street", "U"},
	{"Garforth", "K", "Garforth Miners Welfare Hall", "Lidgett Lane", ""},
	{"Garforth", "H", "Garforth Community Hall", "Main Street", ""},
	{"Garforth", "L", "Garforth Library", "Lidgett Lane", ""},
	{"Garforth", "W", "Garforth Workshop Unit", "Ninelands Lane", ""},
	{"Micklefield", "G", "Micklefield Community Allotment", "Great North Road", ""},
	{"Rothwell", "H", "Rothwell Methodist Hall", "Commercial Street", ""},
	{"Rothwell", "P", "Springhead Park, by the main gate", "Wood Lane", ""},
	{"Rothwell", "Y", "Rothwell Youth Hut", "Butcher Lane", ""},
	{"Oulton", "C", "Oulton Village Café", "Calverley Road", ""},
	{"Woodlesford", "P", "Woodlesford Lock, by the canal bridge", "Church Street", ""},
	{"Morley", "H", "Queen Street Methodist Hall", "Queen Street", ""},
	{"Morley", "P", "Dartmouth Park, by the pavilion", "Scotchman Lane", ""},
	{"Morley", "W", "Morley Shed Workshop", "Britannia Road", ""},
	{"Morley", "L", "Morley Library", "Commercial Street", ""},
	{"Morley", "O", "Morley Advice Centre", "Wesley Street", "U"},
	{"Churwell", "H", "Churwell Community Centre", "Elland Road", ""},
	{"Gildersome", "H", "Gildersome Meeting House", "Town Street", ""},
}

type venue struct {
	spec venueSpec
	area *area
	pc   *postcode
	loc  *Location
	used int
	orgs map[string]bool
}

// ---------------------------------------------------------------------------
// Kinds of support: how services of each kind are named, described, timed,
// priced and reached. Placeholders in the sentence banks: {name} service
// name, {org} organisation, {place} neighbourhood, {venue} first venue,
// {where} "at <venue>" / "online" / "by phone", {when} e.g. "every Tuesday
// morning", {ages} e.g. "11 to 18", {culture} the community an organisation
// comes from. In names, {P} is the place and {D} the day.

type charge struct {
	option string
	amount float64
	desc   string
}

type kindSpec struct {
	code, id      string
	names         []string // in person
	remoteNames   []string // phone or online
	openers       []string
	details       []string
	closers       []string
	rOpeners      []string
	rDetails      []string
	days          string   // days a "*" slot may fall on
	slots         []string // "[BYDAY@]HH:MM-HH:MM"; BYDAY "*" or absent means one day from days
	phoneSlots    []string
	monthly       float64 // share of group sessions that meet monthly
	free          float64 // share that cost nothing
	pwyc          float64 // share of the charged ones that are "pay what you can"
	charges       []charge
	ages          []string // "60-", "11-18", "" (none); repeat an entry to weight it
	who           []string // eligibility, who it is for
	routes        []string // referral routes always offered
	extraRoutes   []string // offered by about half
	venues        string   // venue types in order of preference
	secondary     []string // kinds often given as a second attribute
	mail          string   // local part of a service email address
	phrase        string   // how an organisation description names it
	waitList      bool     // may have a waiting list
	contactTitles []string
}

var genericClosers = []string{
	"Just turn up; there's no need to book.",
	"Newcomers are always welcome, and someone will say hello and show you round.",
	"Come along for a look first if you're not sure; there's no obligation.",
	"If you'd like to know more before you come, give us a ring.",
	"Link workers are welcome to come along with someone for their first visit.",
	"It's a good idea to ring first if you have any access needs, so we can be ready for you.",
	"Bring a friend if it helps.",
	"We'll make you a cup of tea as soon as you arrive.",
	"The kettle goes on at the start, so come a few minutes early if you fancy a brew.",
	"If you feel nervous about coming on your own, tell us and we'll look out for you.",
}

var remoteClosers = []string{
	"Give us a ring to find out more.",
	"Email or phone and we'll explain how it works.",
	"Your link worker or GP can refer you, or you can contact us yourself.",
	"o:We'll send you joining details when you get in touch.",
	"You can also ask a friend or relative to contact us for you.",
	"If you're not sure whether it's right for you, just ask.",
}

var hybridSentences = []string{
	"You can also join online by Zoom if you can't get there in person; ask us for the link.",
	"The session is streamed live, so you can take part from home if you prefer.",
	"If you can't make it in person, you're welcome to join by video call instead.",
	"Some people come in person and others join on a laptop or phone from home.",
}

var kindTable = []*kindSpec{
	{
		code: "bef", id: "befriending",
		names:       []string{"{P} Befriending Service", "Friendly Faces Befriending", "Knock and Natter Home Visits", "{P} Good Company Visits", "Buddy Up {P}", "Cuppa and Company Visiting Scheme", "Door to Door Befriending", "Side by Side Befriending", "{P} Friendship Visits"},
		remoteNames: []string{"Telephone Befriending", "{P} Phone Friends", "Friendly Voice Phone Calls", "Weekly Call Befriending", "Hello Neighbour Phone Calls", "Good Morning Calls"},
		openers: []string{
			"If you're feeling lonely or don't get out much, {org} can match you with a friendly volunteer who lives nearby.",
			"{name} pairs people who would like more company with a trained volunteer for a weekly visit.",
			"Our volunteers visit older and isolated neighbours across {place} for a cup of tea, a chat and a bit of company.",
			"{name} is for anyone in {place} who feels cut off, whether that's after a bereavement, an illness or a move.",
			"A visit from someone who is there just for you: that's what {name} offers people who are lonely or housebound.",
			"Sometimes all you want is someone to talk to. {name} finds you a volunteer with similar interests to share an hour with each week.",
			"{org} runs {name} for adults of any age who would like a regular friendly face.",
			"Many of the people we visit live alone and haven't had a proper natter in weeks; {name} sets that right.",
		},
		details: []string{
			"Visits usually last about an hour and can be at home, in a café or on a short walk.",
			"Volunteers are DBS-checked, trained and supported by our coordinator, who keeps in touch with you both.",
			"We take time to match you with someone who shares your interests, from football and gardening to old films.",
			"Once you feel more confident, your volunteer can come with you to a local group so you can meet more people.",
			"There is no time limit: some friendships last years, others help for a few months after a difficult time.",
			"If you'd rather not have someone at home, your volunteer can meet you at {venue} instead.",
			"Our coordinator meets you first to find out what you enjoy and what sort of company would suit you.",
			"It's a friendship, not a care service, so volunteers won't do personal care, but they will always listen.",
		},
		closers: []string{
			"Ring us for a chat about whether it's right for you.",
			"Family members, neighbours and link workers are welcome to get in touch on someone's behalf.",
			"It costs nothing and there's no obligation to carry on if it isn't for you.",
		},
		rOpeners: []string{
			"{name} is a regular phone call from the same friendly volunteer, at a time that suits you.",
			"If you can't get out much or don't fancy a visit, {name} brings a bit of company down the phone line.",
			"Our telephone befrienders ring people who live alone for a chat about anything and everything.",
			"{org} runs {name} for people who are lonely, housebound or just want someone to talk to each week.",
		},
		rDetails: []string{
			"Calls last around half an hour, {when}, and you talk about whatever you like.",
			"You'll speak to the same volunteer each week, so it really does become a friendship.",
			"All you need is a phone; we ring you, so it costs you nothing.",
			"Volunteers are trained and supported, and can let you know about other help if you need it.",
		},
		days: "MO TU WE TH FR", slots: []string{"MO,TU,WE,TH,FR@09:00-17:00", "MO,TU,WE,TH@10:00-15:00", "MO,TU,WE,TH,FR@09:30-16:30"},
		phoneSlots: []string{"MO,TU,WE,TH,FR@10:00-16:00", "MO,TU,WE,TH,FR@09:30-12:30", "MO,WE,FR@10:00-14:00"},
		free:       1, ages: []string{"18-", "60-", "60-", "55-", "", "18-"},
		who:    []string{"Adults who feel lonely or isolated and would like regular company.", "Older people who live alone or rarely get out.", "Anyone who would like a friendly chat each week, including people who are housebound."},
		routes: []string{"self-referral"}, extraRoutes: []string{"professional-referral"},
		venues: "OHC", secondary: []string{"social-groups", "helplines"}, mail: "befriending", phrase: "befriending", waitList: true,
		contactTitles: []string{"Befriending coordinator", "Volunteer coordinator"},
	},
	{
		code: "lun", id: "lunch-clubs",
		names: []string{"{P} Lunch Club", "{D} Dinner Club", "Friendship Lunch", "Pie and Peas Club", "Over-60s Luncheon Club", "Hot Dinner and Good Company", "{D} Soup and Natter", "Lunch and Laughter", "Two Courses and a Chat", "{P} Luncheon Club", "{D} Community Lunch", "{D} Roast Dinner Club", "{P} Lunch and Chat", "Golden Years Lunch {P}"},
		openers: []string{
			"{name} serves a hot two-course dinner {when}, with plenty of chat over the pudding.",
			"Come and share a proper home-cooked lunch with neighbours at {venue}.",
			"Our lunch club is a lifeline for many older people in {place} who live alone and rarely sit down to eat with others.",
			"{name} is a friendly lunch for people over 60, cooked fresh by our volunteer team.",
			"Good food and even better company: {name} has been feeding {place} for more years than we can remember.",
			"If cooking for one has lost its appeal, {name} is a warm room, a hot meal and a table of friendly faces.",
			"Our kitchen volunteers cook a main course and a pudding for around thirty regulars and newcomers {when}.",
			"{org} runs {name} so that nobody in {place} has to eat alone.",
		},
		details: []string{
			"There's usually a choice of two mains, including a vegetarian option, and we can cater for diabetic diets if you tell us.",
			"After lunch there's a quiz, bingo or a chair-based exercise session for those who fancy it.",
			"Tea, coffee and biscuits are on from half an hour before we serve, so come early for a natter.",
			"Many of our members come on their own the first time and soon find themselves part of a table of regulars.",
			"We celebrate birthdays, have a fish and chip day once a month and a proper Christmas dinner in December.",
			"Volunteers can help you to your seat and cut up food if needed; just let us know.",
			"There's a raffle most weeks and occasional visits from local schools and musicians.",
			"We can sometimes arrange a lift for members who can't manage the bus; please ask.",
		},
		closers: []string{
			"Please ring by the day before so we know how many to cook for.",
			"New members are always welcome: just turn up, or ring first if you have dietary needs.",
			"Carers are welcome to come along too.",
			"Places are limited by the size of the room, so do ring ahead.",
		},
		days: "MO TU WE TH FR", slots: []string{"11:30-14:00", "12:00-14:00", "11:45-13:45", "12:00-13:30"}, monthly: 0.15,
		free: 0.08, pwyc: 0.08,
		charges: []charge{{"Two-course lunch", 4.5, "£4.50 for a two-course meal and a drink"}, {"Hot lunch", 4, "£4 for a hot lunch and pudding"}, {"Lunch", 5, "£5 including tea and biscuits"}, {"Per meal", 3.5, "£3.50 per meal"}, {"Lunch and activity", 6, "£6 for lunch, tea and the afternoon activity"}},
		ages:    []string{"60-", "60-", "60-", "60-", "55-", "", "60-"},
		who:     []string{"Older people who would like a hot meal and company.", "People over 60 living in {place} and nearby, especially those who live alone.", "Anyone who would enjoy a shared lunch; most members are retired."},
		routes:  []string{"self-referral"}, extraRoutes: []string{"professional-referral", "drop-in"},
		venues: "HKRC", secondary: []string{"social-groups"}, mail: "lunchclub", phrase: "a lunch club",
		contactTitles: []string{"Lunch club organiser", "Kitchen coordinator"},
	},
	{
		code: "soc", id: "social-groups",
		names:       []string{"{D} Tea and Chat", "{P} Coffee Morning", "{P} Friendship Circle", "Chatterbox Café", "{P} Friends Drop-in", "{D} Cuppa Club", "Afternoon Tea Social", "{P} Warm Welcome Space", "New in Town Social", "{P} Friday Social", "Games and Chat Afternoon", "Pop-in Café", "{D} Natter Group"},
		remoteNames: []string{"Online Coffee Morning", "Virtual Cuppa Club", "Zoom Chat and Quiz"},
		openers: []string{
			"{name} is a relaxed drop-in for anyone who fancies a cuppa and a chat {when}.",
			"Feeling a bit lonely or new to {place}? {name} is a friendly place to meet people without any pressure.",
			"Pop in to {venue} for tea, cake and good company at {name}.",
			"{name} brings together neighbours of all ages for a natter, a board game or just a quiet cup of tea.",
			"We set up {name} because lots of people told us they'd love somewhere warm and friendly to go in the week.",
			"{org} hosts {name}, a weekly get-together where the kettle's always on.",
			"Whether you want to talk or just sit with others for a while, you'll be welcome at {name}.",
			"{name} is a warm space with free hot drinks, comfy chairs and people happy to say hello.",
		},
		details: []string{
			"Regulars play dominoes and cards, and there's a jigsaw on the go most weeks.",
			"Volunteers greet everyone at the door, so you won't be left standing on your own.",
			"Some weeks there are guest speakers, from the local police team to a history talk.",
			"It's a good place to find out what else is on locally; our volunteers know everything that's happening in {place}.",
			"We get a mix of retired people, carers, parents on their day off and people who've recently moved to the area.",
			"There's a free phone charging point and wi-fi if you need it.",
			"Tea, coffee and biscuits are always on, and there's usually homemade cake.",
			"If you're feeling anxious about coming on your own, ring ahead and a volunteer will look out for you.",
		},
		rOpeners: []string{
			"{name} is a friendly online get-together for people who can't always get out, {when}.",
			"Join {name} from your own armchair for a chat, a quiz and a bit of company.",
			"{org} runs {name} on Zoom for anyone who's lonely or stuck at home.",
		},
		rDetails: []string{
			"If you've never used Zoom, a volunteer will ring and talk you through it first.",
			"There's a different theme each week, from old songs to holiday memories.",
			"Keep your camera off if you prefer; lots of people just listen at first.",
		},
		days: "MO TU WE TH FR SA", slots: []string{"10:00-12:00", "14:00-16:00", "10:30-12:30", "13:30-15:30", "18:30-20:30", "10:00-11:30"}, monthly: 0.25,
		free: 0.35, pwyc: 0.08,
		charges: []charge{{"Refreshments", 0.5, "50p for tea and biscuits"}, {"Donation", 1, "£1 towards refreshments"}, {"Tea and cake", 2, "£2 including tea and cake"}},
		ages:    []string{"", "", "", "18-", "50-"},
		who:     []string{"Anyone who would like company and a chat.", "Adults of all ages, especially people who feel lonely or are new to the area.", "*Everyone is welcome; most people come on their own."},
		routes:  []string{"drop-in"}, extraRoutes: []string{"self-referral", "professional-referral"},
		venues: "HCLKR", secondary: []string{"befriending", "learning-and-hobbies"}, mail: "hello", phrase: "social groups",
		contactTitles: []string{"Group organiser", "Community development worker"},
	},
	{
		code: "wal", id: "walking-groups",
		names: []string{"{P} Health Walk", "Stride and Chat {P}", "Walk and Talk {P}", "{P} Strollers", "Gentle Steps Walk", "{D} Wander", "Nature Walk and Natter", "Walking for Wellbeing {P}", "Slow and Steady Walkers", "{P} Ramble", "{D} Morning Walk"},
		openers: []string{
			"{name} is a gentle, friendly walk of about an hour, led by trained walk leaders.",
			"Get some fresh air and meet people on {name}, starting at {venue}.",
			"Our led walks are for anyone who wants to be a bit more active at their own pace.",
			"{name} sets off {when} for a sociable walk around {place}, with a stop for a breather halfway.",
			"Walking with others is one of the easiest ways to lift your mood and build up your fitness, and {name} makes it easy to start.",
			"{org} runs {name}, a free walk that's as much about the chat as the steps.",
			"If you've been unwell, lost confidence or just want company on a walk, {name} is a good place to start.",
			"{name} explores the paths and green spaces around {place}, with a leader at the front and a back marker so nobody gets left behind.",
		},
		details: []string{
			"Walks are on mostly flat paths and last between 30 and 60 minutes, with shorter routes for those who need them.",
			"Wear comfortable shoes and bring a drink; waterproofs are a good idea in Leeds.",
			"Many walkers head to a café afterwards for a cuppa, and you're very welcome to join them.",
			"Our leaders know the routes well and point out wildlife and local history along the way.",
			"We walk in most weathers but cancel in ice or storms; ring if in doubt.",
			"Walking sticks, frames and buggies are fine on the shorter route.",
			"Once a month we do a longer walk for those who want a bit more of a challenge.",
			"Dogs on leads are welcome on most of our walks.",
		},
		closers: []string{"Just turn up ten minutes early to register the first time.", "No need to book; look for the leader in the bright yellow jacket."},
		days:    "MO TU WE TH FR SA SU", slots: []string{"10:00-11:30", "10:30-11:30", "13:30-14:30", "SA@10:00-12:00", "SU@10:00-12:00", "10:00-11:00"}, monthly: 0.05,
		free: 0.85, charges: []charge{{"Donation", 1, "£1 donation to the walk fund, if you can"}},
		ages:   []string{"", "", "", "18-"},
		who:    []string{"Anyone who can walk for 30 minutes or more at a gentle pace.", "Adults of any fitness level, including people recovering from illness.", "*Everyone, including parents with buggies and people with walking aids on the short route."},
		routes: []string{"drop-in"}, extraRoutes: []string{"self-referral", "professional-referral"},
		venues: "PLSH", secondary: []string{"physical-activity", "social-groups"}, mail: "walks", phrase: "health walks",
		contactTitles: []string{"Walk leader", "Walks coordinator"},
	},
	{
		code: "phy", id: "physical-activity",
		names: []string{"Chair-Based Exercise {P}", "Tai Chi for Beginners", "Gentle Yoga {P}", "Seated Zumba", "[o:Football,Fitness,Active,Youth,Sports,Splash]Walking Football", "[o:Splash]Swim for Health", "Strength and Balance Class", "{P} Tea Dance", "Pilates for Older Adults", "Boccia Club", "Badminton Social", "Keep Fit and Cuppa", "Move It or Lose It {P}", "Dance for Health"},
		openers: []string{
			"{name} is a friendly exercise class for people who haven't done much activity for a while.",
			"Build your strength, balance and confidence at {name}, at {venue}.",
			"Our instructor keeps {name} gentle, fun and suitable for all fitness levels, including people with long-term conditions.",
			"{name} is a chance to get moving with others {when}, with lots of laughs along the way.",
			"If you want to get fitter but a gym feels like too much, try {name}.",
			"{org} runs {name} to help people stay active, steady on their feet and independent for longer.",
			"Whether you're recovering from an operation or just want to loosen up, {name} can be adapted to suit you.",
			"{name} mixes gentle movement, music and a good natter.",
			"[football]{name} is football at walking pace: no running, no slide tackles and plenty of banter.",
			"[swim]{name} offers quiet lane swimming and gentle aqua exercise, with a lifeguard who knows the regulars.",
			"[badminton,boccia]{name} is a sociable game for all abilities, with equipment to borrow and a brew after.",
		},
		details: []string{
			"[chair,seated,strength,keep fit,move it,yoga,pilates,tai chi,dance]Much of the session can be done seated, and the instructor shows easier and harder versions of each move.",
			"Wear loose, comfortable clothes and bring a bottle of water.",
			"Sessions last about 45 minutes, followed by a brew for anyone who wants to stay.",
			"Our instructors are qualified in exercise for older adults and falls prevention.",
			"It's good for joints, balance and low mood, and many people say it's the highlight of their week.",
			"No experience needed; most people start knowing nobody and nothing about it.",
			"Please tell the instructor about any health conditions before you start.",
			"Equipment is provided, so you only need yourself.",
		},
		days: "MO TU WE TH FR", slots: []string{"10:00-11:00", "11:00-12:00", "14:00-15:00", "18:00-19:00", "19:00-20:00", "10:30-11:30"}, monthly: 0.04,
		free: 0.2, pwyc: 0.05,
		charges: []charge{{"Per class", 3, "£3 per class"}, {"Per session", 2.5, "£2.50 per session"}, {"Per session", 4, "£4 per session, first session free"}, {"Class and brew", 2, "£2 including a brew afterwards"}, {"Block of ten", 25, "£25 for ten sessions, or £3 pay as you go"}},
		ages:    []string{"50-", "55-", "60-", "18-", "18-", "", "16-"},
		who:     []string{"Adults who want to be more active at a gentle pace.", "Older adults, including people with arthritis, heart conditions or a fear of falling.", "Anyone who hasn't exercised for a while; no fitness needed."},
		routes:  []string{"drop-in"}, extraRoutes: []string{"self-referral", "professional-referral"},
		venues: "SH", secondary: []string{"long-term-conditions", "social-groups"}, mail: "active", phrase: "exercise classes",
		contactTitles: []string{"Instructor", "Activities coordinator"},
	},
	{
		code: "she", id: "mens-sheds",
		names: []string{"{P} Men's Shed", "{P} Shed", "The Tool Shed", "Shed and Natter", "Make and Mend Workshop", "Repair Café and Shed", "{P} Woodwork Shed", "Shoulder to Shoulder Shed"},
		openers: []string{
			"{name} is a workshop where men (and women) can make, mend and chat side by side.",
			"If you've retired, lost your job or just miss having somewhere to go, {name} is a place to use your hands and meet others.",
			"At {name} members restore furniture, build bird boxes for local schools and fix things for neighbours.",
			"{name} is open {when}, with the kettle on and the lathe running.",
			"Men don't always talk face to face, but they do talk shoulder to shoulder, and that's what {name} is all about.",
			"{org} runs {name}, a well-equipped shared workshop with woodwork, metalwork and a bit of everything else.",
			"Whether you're a skilled joiner or have never picked up a chisel, {name} has a job for you.",
			"{name} started with a few old tools and a borrowed room and is now a busy workshop with over 30 members.",
		},
		details: []string{
			"Experienced members show newcomers how to use the tools safely.",
			"There's a brew and biscuits at eleven, and plenty of banter.",
			"Projects range from benches for the park to mending lawnmowers and toys.",
			"You can work on your own project or join in with a group one.",
			"Some members come for the woodwork, others for the company and a break from caring at home.",
			"We take part in community projects and sell some of what we make to cover costs.",
			"There's a kitchen and an accessible toilet on site.",
			"Wear old clothes and sturdy shoes; we provide safety glasses and ear defenders.",
		},
		days: "MO TU WE TH FR", slots: []string{"MO,WE,FR@09:30-15:30", "TU,TH@10:00-15:00", "09:30-13:00", "WE,SA@10:00-14:00", "TU,TH,FR@10:00-14:00"},
		free: 0.35, charges: []charge{{"Per visit", 2, "£2 per visit towards materials and tea"}, {"Membership", 10, "£10 a year membership; first month free"}, {"Per session", 3, "£3 a session, includes tea and biscuits"}},
		ages:   []string{"18-", "18-", "18-", "16-"},
		who:    []string{"Adults, mostly but not only men, who enjoy making and mending.", "Adults of any skill level; no experience needed.", "Retired people, carers and anyone who wants somewhere to go during the week."},
		routes: []string{"drop-in"}, extraRoutes: []string{"self-referral", "professional-referral"},
		venues: "W", secondary: []string{"mental-health-peer-support", "volunteering"}, mail: "shed", phrase: "a men's shed", waitList: true,
		contactTitles: []string{"Shed coordinator", "Shed chair"},
	},
	{
		code: "car", id: "carers-support",
		names:       []string{"Carers' Café {P}", "{P} Carers' Group", "Time for You Carers' Coffee Morning", "Carers' Pamper Afternoon", "Young Adult Carers' Group", "Carers' Advice Drop-in", "Looking After You", "Carers Together {P}", "Cuppa for Carers", "Parent Carers' Support Group"},
		remoteNames: []string{"Carers' Support Line", "Online Carers' Café", "Carers' Evening Chat on Zoom"},
		openers: []string{
			"Looking after someone can be tiring and lonely. {name} is a space just for you, the carer.",
			"{name} is for anyone who looks after a partner, parent, child or friend who couldn't manage without them.",
			"Meet other unpaid carers who know what it's like at {name}, at {venue}.",
			"{org} runs {name} to give carers a break, a cup of tea and somewhere to talk.",
			"You might not think of yourself as a carer, but if you help someone with shopping, medicines or getting about, {name} is for you.",
			"{name} offers friendship, information and a listening ear to carers in {place}.",
			"Caring for someone with dementia, a disability or a mental illness can take over your life; {name} helps you find a bit of time back.",
			"At {name}, carers share tips, have a laugh and sometimes a good cry.",
			"[young adult]{name} is for carers aged 16 to 25 who look after someone at home, a chance to relax and meet others.",
			"[parent carers]{name} is for parents and carers of disabled children and young people.",
		},
		details: []string{
			"There's information on carers' assessments, benefits and breaks, and our worker can help with forms.",
			"Some sessions have a guest speaker, such as a benefits adviser or an occupational therapist.",
			"If you can't leave the person you care for, bring them along; there's a separate room with volunteers.",
			"We sometimes organise pamper days, trips out and a carers' Christmas meal.",
			"Everything you say stays in the group.",
			"You can come once, or every month; there's no need to commit.",
			"We can help you make an emergency plan so you know what would happen if you were taken ill.",
			"Former carers are welcome too, especially in the months after caring ends.",
		},
		rOpeners: []string{
			"t:{name} is a friendly voice for unpaid carers who need advice, a listening ear or just five minutes to let off steam.",
			"o:Can't get out because of caring? {name} brings carers together from home.",
			"{org} runs {name} so carers across Leeds can get support without leaving the person they look after.",
			"{name} is for anyone looking after a relative or friend who is ill, disabled, elderly or struggling with their mental health or drinking.",
		},
		rDetails: []string{
			"Our carer support workers can talk through benefits, breaks and carers' assessments.",
			"o:Sessions are relaxed; keep your camera off if you prefer.",
			"t:We can ring you back at a time that fits around your caring.",
			"Everything you tell us is confidential.",
		},
		days: "MO TU WE TH FR", slots: []string{"10:00-12:00", "13:30-15:30", "18:30-20:00", "10:30-12:30"}, monthly: 0.45,
		phoneSlots: []string{"MO,TU,WE,TH,FR@09:00-17:00", "MO,TU,WE,TH,FR@09:00-16:30"},
		free:       0.85, charges: []charge{{"Pamper session", 3, "£3 towards treatments; free if money is tight"}},
		ages:   []string{"18-", "18-", "", "16-"},
		who:    []string{"Unpaid carers looking after a family member or friend.", "Anyone who cares for someone who is ill, disabled, elderly or has a mental health problem or addiction.", "Carers and former carers."},
		routes: []string{"self-referral"}, extraRoutes: []string{"professional-referral", "drop-in"},
		venues: "HCOL", secondary: []string{"dementia-support", "mental-health-peer-support"}, mail: "carers", phrase: "support for carers", waitList: true,
		contactTitles: []string{"Carer support worker", "Carers' group facilitator"},
	},
	{
		code: "ber", id: "bereavement",
		names:       []string{"Bereavement Café {P}", "{P} Grief Café", "After Loss Support Group", "Walking Through Grief", "Widowed Friends Group", "Coffee and Comfort", "Loss and Hope Drop-in", "Bereavement Support Sessions", "Remembering Together", "Bereaved Parents' Circle", "Men's Grief Group"},
		remoteNames: []string{"Bereavement Helpline", "Online Grief Support Group", "Bereavement Listening Line"},
		openers: []string{
			"{name} is a gentle, informal space for people who have been bereaved, however long ago.",
			"Grief can be lonely. At {name} you'll meet others who understand, over a cup of tea.",
			"{org} runs {name} for anyone grieving the death of a partner, family member or friend.",
			"{name} offers a safe place to talk about the person you've lost, or simply to sit quietly with others.",
			"If you are finding it hard to cope after a death, {name} can help you feel less alone.",
			"Trained volunteers at {name} listen without judging and without rushing you.",
			"{name} meets at {venue} {when} and welcomes people at any stage of grief.",
			"Losing someone turns life upside down; {name} is somewhere to be yourself while you find your feet.",
			"[walk]{name} is a gentle walk for bereaved people, a chance to talk side by side or simply be outdoors together.",
			"[men]{name} is a small group for bereaved men, which many find easier than talking one to one.",
			"[parents]{name} is a gentle group for parents whose son or daughter has died, at any age and however long ago.",
			"[widowed]{name} brings together people who have lost a husband, wife or partner, for friendship and support.",
		},
		details: []string{
			"There's no pressure to talk; some people just listen for the first few times.",
			"Our volunteers have all been bereaved themselves and have completed bereavement support training.",
			"We can also offer one-to-one sessions for people who'd prefer that to a group.",
			"Some people come for a few months, others for longer; you can come and go as you need.",
			"We can point you to counselling if you need more specialist help.",
			"There are tissues, tea and biscuits, and a quiet room if you need a moment.",
			"People come after sudden deaths, long illnesses, suicide and baby loss, and all are welcome.",
			"Every few months we hold a remembering event where people can light a candle.",
		},
		rOpeners: []string{
			"{name} offers a listening ear to anyone who has been bereaved, whenever the grief hits hardest.",
			"If you're struggling after the death of someone close, {name} is there to listen.",
			"{org} runs {name} for bereaved people across West Yorkshire who can't get to a group or would rather talk privately.",
			"o:{name} is a small, gentle group where bereaved people meet by video call and support each other.",
		},
		rDetails: []string{
			"Our trained volunteers listen without judging, for as long as you need.",
			"You can talk about the person who died, how you're coping, or nothing much at all.",
			"t:We can arrange regular calls with the same volunteer if that would help.",
			"We can tell you about local bereavement groups and counselling.",
		},
		days: "MO TU WE TH FR SA", slots: []string{"14:00-16:00", "10:30-12:00", "18:30-20:00", "13:30-15:30"}, monthly: 0.35,
		phoneSlots: []string{"MO,TU,WE,TH,FR@10:00-16:00", "MO,TU,WE,TH,FR,SA,SU@18:00-22:00", "MO,TU,WE,TH,FR@09:00-17:00"},
		free:       1, ages: []string{"18-", "18-", "16-", ""},
		who:    []string{"Adults who have been bereaved, recently or long ago.", "Anyone grieving the death of someone close.", "People affected by a death, including family members and friends."},
		routes: []string{"self-referral"}, extraRoutes: []string{"professional-referral", "drop-in"},
		venues: "HOCRM", secondary: []string{"mental-health-peer-support", "helplines"}, mail: "bereavement", phrase: "bereavement support", waitList: true,
		contactTitles: []string{"Bereavement support coordinator", "Group facilitator"},
	},
	{
		code: "deb", id: "debt-advice",
		names:       []string{"Money Matters Drop-in", "{P} Debt Advice Clinic", "Debt Help Desk", "Money Worries Advice Session", "Bills and Debt Drop-in", "Money Advice Surgery", "Clear Your Debts Service", "{P} Money Health Check", "{D} Money Advice"},
		remoteNames: []string{"Debt Advice Helpline", "Money Helpline", "Debt Advice Webchat", "Money Worries Video Appointments"},
		openers: []string{
			"Worried about bills, debts or letters from bailiffs? {name} offers free, confidential advice from trained advisers.",
			"{name} helps people in {place} who are struggling with money, rent arrears, council tax or credit cards.",
			"If debts are keeping you awake at night, come and talk to us at {name}. We won't judge.",
			"{org} runs {name}, a free drop-in for anyone behind on payments or worried about money.",
			"Our advisers can look at all your debts with you and work out a plan you can afford.",
			"{name} is for anyone facing bailiffs, court letters, energy arrears or payday loans.",
			"Money worries affect your health and your sleep. {name} gives you a clear plan and someone on your side.",
			"At {name} an experienced money adviser will sit down with you, look at your letters and explain your options.",
		},
		details: []string{
			"Bring any letters, bills and bank statements you have, but don't worry if you can't find everything.",
			"We can contact creditors for you, stop bailiff action where possible and help with debt relief orders and Breathing Space.",
			"Advice is free, confidential and independent; we're not a debt management company and never charge fees.",
			"We can also check you're getting all the benefits and grants you're entitled to.",
			"Appointments take about an hour, and you may need to come back for a follow-up.",
			"We can help with energy and water arrears, including applying for hardship grants.",
			"Our advisers speak plainly and won't lecture you about how you got into debt.",
			"If you need food or fuel urgently, we can refer you for emergency support the same day.",
		},
		rOpeners: []string{
			"t:{name} gives free, confidential debt advice over the phone to people across West Yorkshire.",
			"t:Behind on rent, council tax or energy bills? Ring {name} and a trained adviser will help you make a plan.",
			"{org} runs {name} for anyone worried about debt, bailiffs or money they can't pay back.",
			"If you can't get to an advice centre, {name} brings the adviser to you.",
		},
		rDetails: []string{
			"t:Have your letters and a rough idea of your income and bills to hand when you call.",
			"We can deal with creditors for you and help you apply for debt relief or a breathing space from interest and charges.",
			"Advice is free and we never sell your details.",
			"t:Lines are busiest on Monday mornings; try later in the week if you can't get through.",
		},
		days: "MO TU WE TH FR", slots: []string{"09:30-12:30", "13:00-16:00", "MO,TU,WE,TH,FR@09:00-17:00", "TU,TH@10:00-13:00", "10:00-14:00"}, monthly: 0.05,
		phoneSlots: []string{"MO,TU,WE,TH,FR@09:00-17:00", "MO,TU,WE,TH,FR@09:30-16:30", "MO,TU,WE,TH@09:00-19:00"},
		free:       1, ages: []string{"18-", "18-", ""},
		who:    []string{"Anyone living in Leeds who is worried about money or debt.", "Adults with debts, arrears or bailiff letters.", "Residents of {place} and nearby who are struggling with bills."},
		routes: []string{"self-referral"}, extraRoutes: []string{"professional-referral", "drop-in"},
		venues: "OLMH", secondary: []string{"benefits-advice", "housing-support"}, mail: "money", phrase: "debt advice", waitList: true,
		contactTitles: []string{"Money adviser", "Advice team leader"},
	},
	{
		code: "ben", id: "benefits-advice",
		names:       []string{"Benefits Advice Drop-in", "Welfare Rights Surgery", "Form-Filling Help", "{P} Benefits Check-up", "{P} Welfare Advice", "PIP and Universal Credit Help", "Appeals Advice Clinic", "Claim What You're Owed", "Benefits Help Desk"},
		remoteNames: []string{"Benefits Advice Line", "Welfare Rights Phone Advice", "Benefits Video Appointments"},
		openers: []string{
			"{name} helps you check what benefits you can claim and fill in the forms.",
			"Struggling with a Universal Credit, PIP or Attendance Allowance form? {name} can help.",
			"{org} runs {name}, free welfare rights advice for people in {place}.",
			"Our advisers at {name} help with claims, sanctions, overpayments and appeals.",
			"If your benefits have been stopped or cut, {name} can explain why and help you challenge the decision.",
			"Lots of people miss out on money they're entitled to, especially pensioners. {name} does a full benefits check.",
			"{name} is a friendly advice session at {venue}, {when}.",
			"Forms about your health or disability can be long and upsetting; {name} will go through them with you.",
		},
		details: []string{
			"Bring your letters, your National Insurance number and any medical evidence you have.",
			"We can help with mandatory reconsiderations and represent you at tribunal in some cases.",
			"Advice is free, confidential and independent.",
			"We also help with Pension Credit, Carer's Allowance and council tax support.",
			"Appointments are usually about an hour; some weeks there's a short wait to be seen.",
			"If you can't use a computer, we can help you manage your online journal.",
			"We'll explain things in plain English and write down what happens next.",
			"We can refer you on for debt advice, food support or help with housing.",
		},
		rOpeners: []string{
			"t:{name} gives free benefits advice by phone, so you don't have to travel.",
			"t:Not sure what you can claim? Ring {name} for a full benefits check.",
			"{org} runs {name} for people who need help with claims, forms and appeals.",
		},
		rDetails: []string{
			"t:Have your National Insurance number and any recent letters ready when you call.",
			"t:Advisers can stay on the line while you fill in online forms.",
			"We can post forms out and book a follow-up call to finish them together.",
		},
		days: "MO TU WE TH FR", slots: []string{"09:30-12:30", "13:00-16:00", "MO,TU,WE,TH,FR@09:00-17:00", "TU,TH@10:00-13:00"}, monthly: 0.05,
		phoneSlots: []string{"MO,TU,WE,TH,FR@09:00-17:00", "MO,TU,WE,TH,FR@10:00-16:00"},
		free:       1, ages: []string{"18-", "16-", ""},
		who:    []string{"Anyone who needs help claiming benefits or challenging a decision.", "People of working age and pensioners in Leeds.", "Residents of {place} and nearby."},
		routes: []string{"self-referral"}, extraRoutes: []string{"professional-referral", "drop-in"},
		venues: "OLMH", secondary: []string{"debt-advice"}, mail: "advice", phrase: "benefits advice", waitList: true,
		contactTitles: []string{"Welfare rights adviser", "Advice worker"},
	},
	{
		code: "foo", id: "food-support",
		names: []string{"{P} Community Pantry", "{P} Food Bank", "{P} Community Fridge", "{P} Pantry Club", "{D} Food Share", "Cook and Eat Together", "{P} Food Share", "{P} Larder", "Cooking on a Budget", "Fresh Food Market", "{D} Community Breakfast", "Soup and Sandwich Lunch", "Pay-as-you-feel Café"},
		openers: []string{
			"[pantry,larder,market]{name} is a community pantry where members pay a small amount each week for a bag of shopping worth much more.",
			"[food bank,share]If you're struggling to afford food, {name} can help with an emergency food parcel and a warm welcome.",
			"[fridge,share,pay-as-you-feel,larder]{name} shares good surplus food from local shops so it feeds people instead of going to waste.",
			"[pantry,larder,bank,share,market,fridge]{org} runs {name} {when}, offering fresh fruit and veg, tins, bread and toiletries.",
			"At {name} you can pick up food, have a hot drink and talk to someone about what else might help.",
			"[cook]{name} teaches simple, tasty meals on a tight budget, and you take home what you cook.",
			"Nobody should go hungry in {place}. {name} is here for anyone who needs a hand.",
			"[share,fridge]{name} is a friendly, no-questions-asked food share at {venue}, open to everyone in the area.",
			"[breakfast,soup,café,lunch]{name} serves a hot meal {when} for anyone who could do with one, no questions asked.",
			"[breakfast,soup,café,lunch]Good food, a warm room and friendly faces: {name} is open to everyone {when}.",
		},
		details: []string{
			"[pantry,larder,market,share]You choose your own items, like a small shop, rather than being handed a parcel.",
			"We can also help with fuel vouchers and referrals to debt and benefits advice.",
			"[pantry,larder,bank,share,fridge,market]Bring your own bags if you can.",
			"[pantry,larder,bank,share]There are vegetarian, halal and baby food options most weeks.",
			"Volunteers serve tea and toast while you wait, so it's a chance to chat too.",
			"[pantry,larder,bank,share,fridge,market]Stock changes every week depending on what's been donated.",
			"Many people who came for food now volunteer with us.",
			"We ask for your postcode for our records, but nothing else.",
			"[breakfast,soup,café,lunch]There's always a vegetarian option, and seconds if there's enough.",
			"[cook]Recipes use cheap store-cupboard ingredients and just one pan.",
		},
		days: "MO TU WE TH FR SA", slots: []string{"10:00-12:00", "12:00-14:00", "16:00-18:00", "TU,FR@10:00-13:00", "SA@09:30-11:30", "13:00-15:00"}, monthly: 0.05,
		free: 0.55, pwyc: 0.1,
		charges: []charge{{"Pantry membership", 3.5, "£3.50 per visit for about £15 of shopping"}, {"Weekly shop", 5, "£5 a week for ten items of your choice"}, {"Per bag", 2, "£2 per bag"}},
		ages:    []string{"", "", "", "", "16-"},
		who:     []string{"Anyone who is finding it hard to afford food.", "People living in {place} and nearby; pantry members must live locally.", "*Everyone is welcome, no referral needed for the food share."},
		routes:  []string{"drop-in"}, extraRoutes: []string{"self-referral", "professional-referral"},
		venues: "HRCO", secondary: []string{"social-groups", "lunch-clubs"}, mail: "pantry", phrase: "food support",
		contactTitles: []string{"Pantry coordinator", "Food project lead"},
	},
	{
		code: "hou", id: "housing-support",
		names:       []string{"Housing Advice Drop-in", "Tenancy Help Desk", "Housing Options Surgery", "Repairs and Rent Advice", "{P} Housing Help", "Homeless Prevention Advice", "Private Renters' Advice Clinic", "Warm Homes Advice"},
		remoteNames: []string{"Housing Advice Line", "Energy and Warm Homes Helpline", "Tenancy Support Line"},
		openers: []string{
			"{name} gives free advice if you're worried about losing your home, falling behind on rent or living in poor conditions.",
			"Got damp, mould or repairs your landlord won't fix? {name} can help you understand your rights.",
			"{org} runs {name} for tenants, homeowners and people who are sofa-surfing or homeless.",
			"If you've had an eviction notice, come to {name} as soon as you can.",
			"{name} helps with housing applications, bidding for council homes and moving to somewhere more suitable.",
			"Our advisers at {name} know Leeds housing inside out and can often sort problems quickly.",
			"{name} is open {when} at {venue} for anyone with a housing worry.",
			"Cold, damp homes make people ill. {name} helps with energy bills, grants for insulation and talking to landlords.",
		},
		details: []string{
			"Bring your tenancy agreement and any letters from your landlord or the council.",
			"We can help you apply for discretionary housing payments and hardship funds.",
			"If you are homeless tonight, tell us straight away and we'll help you find somewhere safe.",
			"Advice is free and confidential.",
			"We can also talk to your landlord or the council on your behalf, with your permission.",
			"Some of our advisers have been through housing problems themselves.",
			"We work closely with local debt advisers and food banks.",
			"Appointments are available as well as the drop-in.",
		},
		rOpeners: []string{
			"{name} offers free housing advice by phone for tenants and homeowners in Leeds.",
			"Worried about rent arrears, eviction or a cold, damp home? Ring {name}.",
			"{org} runs {name} to help people keep their homes warm and safe.",
			"{name} helps people with high energy bills, damp and draughty homes, and grants for repairs.",
		},
		rDetails: []string{
			"Advisers can explain your rights and what to do next, and follow up in writing.",
			"We can check whether you qualify for help with insulation, boilers or energy debts.",
			"If you are homeless or about to be, tell us at the start of the call.",
			"We can ring you back if you're worried about phone credit.",
		},
		days: "MO TU WE TH FR", slots: []string{"10:00-13:00", "MO,TU,WE,TH,FR@09:00-17:00", "13:30-16:30", "09:30-12:00"},
		phoneSlots: []string{"MO,TU,WE,TH,FR@09:00-17:00", "MO,TU,WE,TH,FR@08:30-18:00"},
		free:       1, ages: []string{"16-", "18-", ""},
		who:    []string{"Tenants, homeowners and people who are homeless or about to be.", "Anyone in Leeds with a housing problem.", "People renting privately or from the council or a housing association."},
		routes: []string{"self-referral"}, extraRoutes: []string{"professional-referral", "drop-in"},
		venues: "OLH", secondary: []string{"debt-advice", "benefits-advice"}, mail: "housing", phrase: "housing advice",
		contactTitles: []string{"Housing adviser", "Tenancy support worker"},
	},
	{
		code: "emp", id: "employment-support",
		names:       []string{"{P} Job Club", "CV and Job Search Help", "Work Ready Programme", "Back to Work Support", "Confidence for Work Course", "Careers Advice Drop-in", "{P} Job Shop", "Skills for Work", "Women into Work Group"},
		remoteNames: []string{"Online Job Club", "Virtual Careers Coaching", "Job Search by Video"},
		openers: []string{
			"{name} helps you look for work, write a CV and prepare for interviews.",
			"Out of work for a while or lost your confidence? {name} is friendly, practical and free.",
			"{org} runs {name} for people in {place} who want to get back into work, training or volunteering.",
			"At {name} a work coach will help you find jobs that fit around your health, caring or childcare.",
			"{name} is a weekly drop-in with computers, job listings and people to help you apply.",
			"If you're thinking about a change of career or starting a course, {name} can help you plan.",
			"{name} offers one-to-one support for people with health conditions, disabilities or a gap in their CV.",
			"Whether you've never had a job or are returning after years away, {name} takes things at your pace.",
		},
		details: []string{
			"We can help with bus fares to interviews and money for work clothes.",
			"Bring your CV if you have one, or we'll help you write one from scratch.",
			"We have links with local employers and hear about jobs before they're advertised.",
			"Short courses cover basic maths and English, food hygiene and first aid.",
			"You won't be pushed into anything, and it doesn't affect your benefits.",
			"Volunteering placements can help build experience and references.",
			"There are laptops to use and free wi-fi.",
			"We can support you for up to a year, including after you start work.",
		},
		rOpeners: []string{
			"o:{name} offers job search help and coaching by video call, {when}.",
			"{org} runs {name} for people who can't easily get to a job club in person.",
			"Get help with applications, interviews and confidence at {name}, from home.",
		},
		rDetails: []string{
			"o:You'll need a phone, tablet or computer with internet; we can lend a device if you don't have one.",
			"Your coach will keep in touch between sessions by phone or email.",
			"Sessions are one to one, so you can talk about your own situation.",
		},
		days: "MO TU WE TH FR", slots: []string{"09:30-12:30", "13:00-15:00", "MO,WE@10:00-14:00", "10:00-12:00"},
		free: 1, ages: []string{"16-", "18-", "16-", "19-"},
		who:    []string{"Adults looking for work, training or volunteering.", "People who are out of work, including those with health conditions or disabilities.", "Anyone aged 16 or over who wants help with work."},
		routes: []string{"self-referral"}, extraRoutes: []string{"professional-referral", "drop-in"},
		venues: "OL", secondary: []string{"digital-skills", "volunteering"}, mail: "jobs", phrase: "help into work",
		contactTitles: []string{"Employment coach", "Job club leader"},
	},
	{
		code: "dig", id: "digital-skills",
		names:       []string{"Get Online Drop-in", "{D} Tablet Help", "Digital Help Desk", "Smartphone Basics for Beginners", "{P} Computer Club", "Silver Surfers {P}", "Tech Help Café", "Online Safety Sessions", "Digital Buddies", "{P} IT Drop-in", "Learn My Phone"},
		remoteNames: []string{"Digital Help by Phone", "Online Digital Skills Course"},
		openers: []string{
			"{name} helps you get to grips with phones, tablets and computers, at your own pace.",
			"Bring your phone or tablet and your questions to {name}; our patient volunteers will help you sort it out.",
			"{name} is for people who want to video call family, order repeat prescriptions or shop online safely.",
			"{org} runs {name} for complete beginners and people who just get stuck now and then.",
			"If you've been left behind by everything moving online, {name} will help you catch up without jargon.",
			"{name} offers one-to-one help with email, the NHS App, Universal Credit journals and online banking.",
			"Never used a computer? You're exactly who {name} is for.",
			"At {name} you learn by doing, with a volunteer sitting alongside you.",
		},
		details: []string{
			"We have tablets and laptops to borrow if you don't have your own.",
			"We can help you get free mobile data or a refurbished device if you can't afford one.",
			"Sessions cover staying safe from scams and spotting fake messages.",
			"Write down any passwords you might need and bring them with you.",
			"Nobody will rush you or make you feel daft for asking.",
			"You can drop in for ten minutes or stay the whole session.",
			"There's free wi-fi and printing for things like job applications and forms.",
			"Once you're confident, you could become a digital buddy and help others.",
		},
		rOpeners: []string{
			"{name} gives patient, step-by-step help with phones, tablets and computers, {when}.",
			"{org} runs {name} for people who want to build their digital skills from home.",
			"Stuck with an app or a website? {name} talks you through it.",
		},
		rDetails: []string{
			"t:A volunteer can stay on the phone while you try things out.",
			"Sessions cover email, video calls, the NHS App and staying safe online.",
			"We can post out simple printed guides to keep by your device.",
		},
		days: "MO TU WE TH FR", slots: []string{"10:00-12:00", "13:30-15:30", "14:00-16:00", "10:00-11:30"}, monthly: 0.15,
		free: 0.55, charges: []charge{{"Per session", 1, "£1 towards tea and printing"}, {"Course", 10, "£10 for the six-week course, free if you get benefits"}},
		ages:   []string{"", "", "18-", "50-"},
		who:    []string{"Anyone who wants help using phones, tablets or computers.", "Complete beginners and people who get stuck now and then.", "Older people and anyone without internet at home."},
		routes: []string{"drop-in"}, extraRoutes: []string{"self-referral", "professional-referral"},
		venues: "LOH", secondary: []string{"learning-and-hobbies", "employment-support"}, mail: "digital", phrase: "digital help",
		contactTitles: []string{"Digital inclusion officer", "Digital champion"},
	},
	{
		code: "eso", id: "esol",
		names:       []string{"English Conversation Club", "ESOL Beginners Class", "{P} English Café", "Talk English Group", "English for Everyday Life", "Women's English Class", "ESOL Entry 1 and 2", "Learn English Together {P}", "English and Crafts Morning", "Speak Up English Club"},
		remoteNames: []string{"Online English Conversation", "ESOL on Zoom", "English Practice Online"},
		openers: []string{
			"{name} is a friendly English class for people who speak other languages.",
			"Practise speaking English in a relaxed group at {name}, with volunteers who are patient and kind.",
			"{org} runs {name} for refugees, asylum seekers and anyone new to Leeds who wants to improve their English.",
			"At {name} you'll learn the English you need for the doctor, the school gate, shopping and work.",
			"{name} welcomes beginners and improvers, with small groups for different levels.",
			"If you want to feel more confident speaking English, {name} is a good place to start.",
			"[women]{name} is a women-only English group with a crèche, at {venue}.",
			"Learn English and make friends at {name}, {when}.",
		},
		details: []string{
			"There's no test to join; our teacher will chat with you to find the right group.",
			"Classes are small, so everyone gets a chance to speak.",
			"Bring a pen and notebook; we provide everything else.",
			"We can help you move on to accredited ESOL courses at college when you're ready.",
			"Tea, coffee and snacks are shared during the break.",
			"Some of our volunteers speak other languages and can help explain.",
			"Children can come to some sessions; ask us first.",
			"Topics include health, housing, travel and talking to your child's school.",
		},
		rOpeners: []string{
			"{name} is an English class you can join from home on a phone or laptop, {when}.",
			"Practise your English online with {name}, a friendly group for all levels.",
			"{org} runs {name} for people who can't get to a class because of childcare, work or travel.",
		},
		rDetails: []string{
			"We'll help you set up Zoom before your first class.",
			"Groups are small and the teacher speaks slowly and clearly.",
			"Each week has a topic, such as the doctor, shopping or the bus.",
		},
		days: "MO TU WE TH FR", slots: []string{"10:00-12:00", "18:00-20:00", "MO,WE@09:30-11:30", "TU,TH@13:00-15:00", "13:00-15:00"},
		free: 0.8, charges: []charge{{"Per term", 5, "£5 per term; free for asylum seekers and people on benefits"}},
		ages:   []string{"16-", "18-", "16-", "19-"},
		who:    []string{"Adults who speak English as a second language.", "Refugees, asylum seekers and anyone new to the UK.", "Speakers of other languages at beginner to intermediate level."},
		routes: []string{"self-referral"}, extraRoutes: []string{"professional-referral", "drop-in"},
		venues: "LHRO", secondary: []string{"social-groups", "faith-and-culture"}, mail: "english", phrase: "English classes", waitList: true,
		contactTitles: []string{"ESOL coordinator", "Volunteer teacher"},
	},
	{
		code: "art", id: "arts-and-crafts",
		names:       []string{"{P} Knit and Natter", "{P} Art Club", "Creative Writing Group", "Pottery for Wellbeing", "{P} Sewing Circle", "{D} Crafternoon", "Painting for Pleasure", "Arts for Wellbeing Course", "Stitch and Chat", "Open Studio", "Collage and Cuppa", "Life Drawing for Beginners", "Photography Walks"},
		remoteNames: []string{"Online Art Club", "Creative Writing on Zoom", "Craft Along at Home"},
		openers: []string{
			"{name} is a relaxed creative group where you can try something new or bring your own project.",
			"Pick up a paintbrush, needle or pen at {name}; no experience needed.",
			"{org} runs {name} for people who want to be creative, make friends and switch off from everyday worries.",
			"At {name} an artist helps small groups try a different technique each week.",
			"[knit,stitch,sewing,natter,crafternoon]{name} meets {when} at {venue} to knit, crochet, sew and chat.",
			"Being creative is good for your mental health, and {name} is a gentle way to start.",
			"{name} welcomes complete beginners and experienced makers alike.",
			"Many people come to {name} feeling anxious or low and find the making helps them relax.",
			"[writing]{name} is a friendly writing group: short exercises, a chance to share, and no red pens.",
			"[pottery]{name} is a small, calm pottery class where working with clay helps people unwind.",
			"[photo]{name} mixes a gentle walk with tips on taking better photos on your phone or camera.",
		},
		details: []string{
			"All materials are provided, and you can take your work home.",
			"We finish each term with a small exhibition for friends and family.",
			"There's tea, biscuits and plenty of chat.",
			"Bring any unfinished projects you'd like help with.",
			"The room is bright and quiet, with space to spread out.",
			"[knit,stitch,sewing,natter]Some members knit blankets and hats for local hospitals.",
			"Sessions run in six-week blocks, but you can join partway through.",
			"You don't need to be 'good at art'; it's about having a go.",
		},
		rOpeners: []string{
			"{name} is a friendly creative session you can join from your kitchen table, {when}.",
			"{org} runs {name} for people who'd like to be creative with others but can't always get out.",
			"Join {name} online for a relaxed hour of making, writing and chatting.",
		},
		rDetails: []string{
			"We post out a pack of materials before each block of sessions.",
			"Everyone shares what they've made at the end, if they want to.",
			"Cameras on or off, whatever you're comfortable with.",
		},
		days: "MO TU WE TH FR SA", slots: []string{"10:00-12:00", "13:30-15:30", "19:00-21:00", "10:30-12:30", "14:00-16:00"}, monthly: 0.2,
		free: 0.25, pwyc: 0.08,
		charges: []charge{{"Per session", 3, "£3 per session, includes materials"}, {"Per session", 4, "£4 including tea and cake"}, {"Per session", 2.5, "£2.50 a session"}, {"Six-week course", 15, "£15 for six weeks, all materials included"}},
		ages:    []string{"", "", "18-", "16-"},
		who:     []string{"Anyone who would like to be creative; beginners welcome.", "Adults of all abilities.", "People who want to relax, make friends and try something new."},
		routes:  []string{"drop-in"}, extraRoutes: []string{"self-referral", "professional-referral"},
		venues: "AHLC", secondary: []string{"mental-health-peer-support", "social-groups"}, mail: "create", phrase: "arts and crafts",
		contactTitles: []string{"Artist facilitator", "Group leader"},
	},
	{
		code: "mus", id: "music-and-singing",
		names:       []string{"[o:Wellbeing,Choir,Voices,Singers,Harmony,Virtual]Sing Your Heart Out {P}", "[o:Choir,Voices,Singers,Harmony]{P} Community Choir", "[o:Wellbeing,Breathing,Choir,Singers]Singing for Health {P}", "[o:Ukulele,Strummers,Shamrock]{P} Ukulele Group", "Sing Along Social", "[o:Wellbeing,Youth,Collective]Drumming Circle", "[o:Shamrock,Youth,Collective]Open Mic and Music Night", "[o:Breathing,Wellbeing]Singing for Breathing", "Songs and Smiles", "Melody Makers {P}", "[o:Choir,Voices,Singers,Harmony]{D} Night Choir"},
		remoteNames: []string{"Virtual Choir", "Online Singalong", "Zoom Choir"},
		openers: []string{
			"[choir,sing,song,melody,voices]{name} is a friendly choir for people who love to sing, whether or not they think they can.",
			"[choir,sing,song,melody,voices]No auditions and no need to read music: {name} is all about the joy of singing together.",
			"[choir,sing,song,melody,voices]{org} runs {name} {when}, learning everything from pop songs to gospel by ear.",
			"[choir,sing,song,melody,voices,breathing]Singing lifts your mood and helps your breathing. At {name} we sing for fun and for our health.",
			"[choir,sing,song,melody,voices]{name} welcomes beginners, shy singers and people who were once told to mime at school.",
			"Bring your voice (or just your ears) to {name}, a warm and welcoming music group in {place}.",
			"[ukulele]At {name} we strum, sing and laugh; loan instruments are available.",
			"{name} brings people together through music, with a cuppa in the interval.",
			"[drum]{name} is a relaxed drumming circle; drums are provided and no musical experience is needed.",
			"[open mic]{name} is a friendly night where anyone can play, sing or read a poem, or just listen.",
			"[ukulele]{name} is a beginners' ukulele group: three chords and you're away.",
		},
		details: []string{
			"[choir,sing,song,melody,voices]Our leader teaches each part line by line, and words are provided in large print.",
			"We perform a couple of times a year, but you never have to.",
			"Many members started coming when they were feeling low or isolated.",
			"The first session is free, so you can see if it's for you.",
			"Songs are chosen by the group, so expect a bit of everything.",
			"There are chairs for anyone who'd rather sit.",
			"Some weeks finish with a short breathing and relaxation exercise.",
			"Carers and family members are very welcome to come along too.",
		},
		rOpeners: []string{
			"{name} brings singers together online {when}; sing your heart out with your microphone muted.",
			"Can't get to a choir? {name} lets you sing with others from your own front room.",
			"{org} runs {name} for people who love to sing but find it hard to get out in the evenings.",
		},
		rDetails: []string{
			"Song sheets and practice recordings are emailed before each session.",
			"Twice a year we put together a virtual performance from everyone's recordings.",
			"You'll need a tablet, laptop or smartphone; we can help you set it up.",
		},
		days: "MO TU WE TH FR", slots: []string{"19:00-21:00", "19:30-21:00", "14:00-15:30", "10:30-12:00", "18:30-20:00"}, monthly: 0.1,
		free: 0.2, pwyc: 0.08,
		charges: []charge{{"Per session", 3, "£3 per session, first session free"}, {"Per session", 5, "£5 per session including refreshments"}, {"Per term", 20, "£20 per term, or £3 a week"}},
		ages:    []string{"", "", "18-", "16-"},
		who:     []string{"Anyone who enjoys singing; no experience needed.", "Adults of all ages and abilities.", "People who want to lift their mood and meet others through music."},
		routes:  []string{"drop-in"}, extraRoutes: []string{"self-referral", "professional-referral"},
		venues: "HRA", secondary: []string{"mental-health-peer-support", "social-groups"}, mail: "choir", phrase: "singing and music",
		contactTitles: []string{"Choir leader", "Musical director"},
	},
	{
		code: "gar", id: "gardening",
		names: []string{"{P} Community Garden", "{P} Green Gym", "Grow Your Own Group", "Allotment Buddies", "{P} Conservation Volunteers", "Wildlife Garden Days", "Therapeutic Gardening Group", "{P} Orchard Volunteers", "Seed Swap and Grow", "{P} Woodland Workday"},
		openers: []string{
			"{name} is a community garden where anyone can get their hands dirty, grow food and meet people.",
			"Get outdoors at {name}: planting, weeding, harvesting and plenty of tea breaks.",
			"{org} runs {name} {when}, looking after local green spaces and wildlife.",
			"Gardening is good for body and mind, and {name} welcomes people with no experience at all.",
			"{name} is a relaxed therapeutic gardening group for people who are anxious, low or recovering from illness.",
			"At {name} volunteers grow vegetables, fruit and flowers, and share the harvest.",
			"[woodland,conservation,green gym,orchard]{name} helps look after woodland and paths around {place}, with jobs for every level of fitness.",
			"If you'd like to be outside and useful, come along to {name} at {venue}.",
		},
		details: []string{
			"Tools, gloves and tea are provided; wear clothes you don't mind getting muddy.",
			"There are raised beds for people who can't bend, and a shelter when it rains.",
			"[garden,grow,allotment,orchard,seed]You can take home seasonal produce from the garden.",
			"Our session leader will find a task that suits you, from sowing seeds to building paths.",
			"We have a composting toilet and a polytunnel.",
			"Families are welcome at weekend sessions.",
			"It's a chance to learn about plants, bees and birds as you go.",
			"People come for the fresh air, the exercise and the company.",
		},
		days: "TU WE TH SA SU", slots: []string{"10:00-13:00", "10:00-15:00", "SA@10:00-13:00", "SU@10:00-13:00", "13:00-16:00"}, monthly: 0.25,
		free: 0.65, charges: []charge{{"Donation", 1, "£1 donation for tea, if you can"}},
		ages:   []string{"", "16-", "18-", ""},
		who:    []string{"Anyone who would like to garden or be outdoors; no experience needed.", "Adults, including people with physical or mental health conditions.", "*Volunteers of all ages; under-16s with an adult."},
		routes: []string{"drop-in"}, extraRoutes: []string{"self-referral", "professional-referral"},
		venues: "GP", secondary: []string{"volunteering", "mental-health-peer-support"}, mail: "garden", phrase: "gardening and conservation", waitList: true,
		contactTitles: []string{"Garden coordinator", "Volunteer ranger"},
	},
	{
		code: "men", id: "mental-health-peer-support",
		names:       []string{"{P} Wellbeing Café", "Anxiety Support Group", "Peer Support Circle", "Low Mood Walk and Talk", "The Talking Shop", "Men's Talking Group", "Mindful Mondays", "Hearts and Minds Group", "Calm Corner Drop-in", "Coping Together", "Women's Wellbeing Circle", "{D} Wellbeing Group"},
		remoteNames: []string{"Online Peer Support", "Evening Wellbeing Zoom", "Listening Line", "Peer Support Video Group"},
		openers: []string{
			"{name} is a peer support group for people living with anxiety, low mood or stress.",
			"At {name}, people who understand what it's like to struggle get together to talk, listen and support each other.",
			"{org} runs {name} {when}, a safe, non-judgemental space to be yourself.",
			"If you're feeling anxious, low or overwhelmed, {name} can help you feel less alone.",
			"{name} is run by people with their own experience of mental health problems.",
			"No need to explain yourself: {name} is a relaxed drop-in at {venue} with tea and friendly faces.",
			"{name} helps people build confidence, learn coping skills and make friends.",
			"Talking helps. {name} is a space where you can be honest about how you're really doing.",
		},
		details: []string{
			"You can talk as much or as little as you like.",
			"Each session has a gentle theme, such as sleep, worry or self-care.",
			"Facilitators are trained volunteers, but it's not therapy and you don't need a diagnosis.",
			"There's a quiet space if you need a moment away from the group.",
			"What's said in the group stays in the group.",
			"We can point you to crisis support or counselling if you need more help.",
			"Many members first came along feeling very nervous, and now help to run the group.",
			"Tea, coffee and biscuits are always available.",
		},
		rOpeners: []string{
			"{name} is peer support from home for people living with anxiety, depression or stress.",
			"{org} runs {name} {when} for anyone who finds it hard to get out or to talk face to face.",
			"If your mood is low and you need to talk, {name} is friendly, confidential and free.",
			"{name} connects you with people who have been through similar struggles.",
		},
		rDetails: []string{
			"Volunteers have their own lived experience and are trained and supervised.",
			"o:You don't need to show your face or give your full name.",
			"If you're in crisis, we'll help you reach the right service straight away.",
			"o:Groups are small and a facilitator keeps things safe and respectful.",
		},
		days: "MO TU WE TH FR", slots: []string{"10:30-12:30", "13:00-15:00", "18:30-20:30", "19:00-21:00", "14:00-16:00"}, monthly: 0.12,
		phoneSlots: []string{"MO,TU,WE,TH,FR,SA,SU@18:00-22:00", "MO,TU,WE,TH,FR@10:00-16:00"},
		free:       0.95, charges: []charge{{"Donation", 1, "£1 towards refreshments, if you can"}},
		ages:   []string{"18-", "18-", "16-", "18-", ""},
		who:    []string{"Adults living with anxiety, low mood, stress or other mental health problems.", "Anyone who would like peer support; no diagnosis needed.", "People aged 18 and over who are not currently in crisis."},
		routes: []string{"self-referral"}, extraRoutes: []string{"professional-referral", "drop-in"},
		venues: "HOCMA", secondary: []string{"social-groups", "helplines"}, mail: "wellbeing", phrase: "peer support for mental health", waitList: true,
		contactTitles: []string{"Peer support worker", "Wellbeing coordinator"},
	},
	{
		code: "you", id: "young-people",
		names:       []string{"{P} Youth Club", "Friday Night Project", "Young Women's Group", "[o:Mentoring,Project,Collective]Youth Mentoring Scheme", "LGBTQ+ Youth Group", "[o:Boxing,Sports,Fitness]Youth Boxing Club", "[o:Project,Mentoring,Collective,Carers]Young Carers' Club", "Street Dance Crew", "{P} Teen Hangout", "After-School Drop-in", "Young People's Wellbeing Group", "{D} Night Youth Club", "{P} Youth Project", "{P} Youth Café", "Juniors Club {P}"},
		remoteNames: []string{"Online Youth Chat", "Young People's Text Line", "Online Mentoring"},
		openers: []string{
			"[club,project,hangout,drop-in]{name} is a youth club for young people aged {ages}, with games, sport, music and food.",
			"Somewhere to go, something to do and someone to talk to: that's {name}.",
			"{org} runs {name} {when}, giving young people in {place} a safe place to hang out.",
			"At {name} youth workers help young people with confidence, friendships, school and worries.",
			"[mentor]{name} matches young people with a trained volunteer mentor for regular meet-ups.",
			"{name} is a relaxed group where young people can try new things and make friends.",
			"If you're aged {ages} and looking for something to do, come along to {name}.",
			"{name} offers sport, cooking, trips and a listening ear for young people in {place}.",
			"[boxing]{name} offers boxing training for young people aged {ages}, with the focus on fitness, discipline and respect rather than fighting.",
			"[dance]{name} is a street dance group for young people aged {ages}; no experience needed, just energy.",
			"[lgbtq]{name} is a safe, friendly space for LGBTQ+ young people aged {ages} and those who are questioning.",
			"[carers]{name} gives young carers aged {ages} a break, some fun and people who understand.",
			"[women]{name} is a group for young women aged {ages} to build confidence, try new things and talk about what matters to them.",
			"[wellbeing]{name} helps young people aged {ages} who feel anxious, stressed or low, with activities and a youth worker to talk to.",
			"[football]{name} is free football coaching for young people aged {ages}, whatever their skill level.",
		},
		details: []string{
			"[club,project,hangout,drop-in]There's free food every session, pool, table tennis and a games console.",
			"Youth workers can help with anxiety, bullying, exam stress and family problems.",
			"We run trips in the holidays, from climbing to the seaside.",
			"Young people help decide what we do each term.",
			"It's free, and you don't need to book.",
			"There's a quiet room if things get too much.",
			"You can bring a friend the first time.",
			"Parents and carers can ring us with any questions.",
		},
		rOpeners: []string{
			"o:{name} lets young people aged {ages} talk to a trained youth worker online, {when}.",
			"{org} runs {name} for young people who'd rather type than talk.",
			"Worried, stressed or just bored? {name} is there for young people across Leeds.",
		},
		rDetails: []string{
			"Chats are confidential unless we're worried someone is at risk of serious harm.",
			"Youth workers can help with school, friendships, family and feelings.",
			"We can also tell you about youth clubs and activities near you.",
		},
		days: "MO TU WE TH FR", slots: []string{"18:00-20:00", "18:30-21:00", "15:30-17:30", "FR@19:00-21:30", "17:00-19:00"},
		free: 0.5, charges: []charge{{"Tuck shop", 0.5, "50p subs, tuck shop extra"}, {"Per session", 1, "£1 per session"}},
		ages:   []string{"11-18", "11-25", "13-19", "16-25", "11-16", "14-19", "11-18"},
		who:    []string{"Young people aged {ages} living in or near {place}.", "Young people aged {ages}.", "Young people aged {ages}, including young carers and those not in school."},
		routes: []string{"drop-in"}, extraRoutes: []string{"self-referral", "professional-referral"},
		venues: "YSH", secondary: []string{"physical-activity", "mental-health-peer-support", "music-and-singing"}, mail: "youth", phrase: "youth work",
		contactTitles: []string{"Youth worker", "Youth project lead"},
	},
	{
		code: "par", id: "parents-and-families",
		names:       []string{"{P} Stay and Play", "{P} Toddler Group", "Bumps and Babies", "Dads' Club", "Baby Massage", "{D} Rhyme Time", "Messy Play", "Parent Support Group", "Family Cooking Club", "New Mums' Coffee Morning", "Parenting Course", "Tiny Tots {P}"},
		remoteNames: []string{"Online Parents' Chat", "Parenting Support by Zoom", "New Parents Online"},
		openers: []string{
			"[stay and play,toddler,tots,messy,rhyme]{name} is a friendly parent and toddler group with toys, songs and a snack.",
			"[stay and play,toddler,tots,messy,rhyme]Bring your little ones to {name} for play, craft and a chance for grown-ups to chat.",
			"{org} runs {name} {when} for mums, dads, grandparents and carers with children under five.",
			"Early parenthood can be lonely. {name} is a relaxed place to meet other mums and dads.",
			"[dad]{name} is a welcoming group where dads and male carers spend time with their kids and meet other dads.",
			"[support,course,parenting]{name} helps parents feel more confident, with practical tips and a listening ear.",
			"[bumps,babies,baby,mums]Babies and bumps are welcome at {name}, a gentle group for expectant and new parents.",
			"[stay and play,toddler,tots,messy,rhyme,dad]At {name} children play while parents have a brew and a chat at {venue}.",
			"[massage]{name} teaches gentle baby massage over a few relaxed weeks, a lovely way to bond that can help with sleep and colic.",
			"[cooking]{name} gets families cooking healthy, cheap meals together, then sitting down to eat them.",
		},
		details: []string{
			"A health visitor comes to the first session of each month for weighing and questions.",
			"Buggies can be left in the foyer, and there are baby-changing facilities.",
			"[stay and play,toddler,tots,rhyme,messy,babies]Sessions finish with songs and rhymes.",
			"Fruit and drinks for children are provided, and tea and toast for grown-ups.",
			"We can help with feeding, sleep and behaviour worries, or point you to someone who can.",
			"[messy,play,tots,toddler]Messy play means old clothes are a good idea.",
			"No need to book; just come along.",
			"Grandparents and childminders are very welcome.",
		},
		rOpeners: []string{
			"{name} is an online group for parents who want to chat, share worries and pick up tips, {when}.",
			"{org} runs {name} so parents can get support without having to get the kids out of the house.",
			"Feeling isolated with a new baby? {name} connects you with other parents from home.",
		},
		rDetails: []string{
			"A family support worker leads each session and can follow up privately.",
			"Babies on laps are absolutely fine, as are interruptions.",
			"Topics include sleep, feeding, tantrums and looking after yourself.",
		},
		days: "MO TU WE TH FR", slots: []string{"09:30-11:30", "10:00-11:30", "13:30-15:00", "SA@10:00-12:00", "10:00-12:00"}, monthly: 0.15,
		free: 0.3, pwyc: 0.1,
		charges: []charge{{"Per family", 1, "£1 per family, includes snack"}, {"Per family", 2, "£2 per family"}, {"Per child", 1.5, "£1.50 per child, babies free"}, {"Course", 20, "£20 for the five-week course, free with a referral"}},
		ages:    []string{"16-", "16-", "16-", "", ""},
		who:     []string{"Parents and carers with children under five.", "Mums, dads, grandparents and carers, and expectant parents.", "Families in {place} and nearby."},
		routes:  []string{"drop-in"}, extraRoutes: []string{"self-referral", "professional-referral"},
		venues: "FHLR", secondary: []string{"social-groups"}, mail: "families", phrase: "groups for families",
		contactTitles: []string{"Family support worker", "Playgroup leader"},
	},
	{
		code: "vet", id: "veterans",
		names:       []string{"{P} Veterans' Breakfast Club", "Forces Friendship Group", "Armed Forces Brew", "Veterans' Walk and Talk", "Old Comrades' Social", "Veterans' Drop-in", "Military Families Café", "Veterans' Coffee Morning"},
		remoteNames: []string{"Veterans' Online Meet-up", "Veterans' Support Line"},
		openers: []string{
			"[breakfast]{name} is a breakfast for anyone who has served in the armed forces, and their families.",
			"[breakfast,brew,coffee,drop-in,social]Swap stories over a bacon sandwich at {name}, a friendly get-together for veterans of all ages.",
			"{org} runs {name} {when} for ex-forces men and women in {place}.",
			"Whether you did two years or twenty-two, you'll be welcome at {name}.",
			"{name} helps veterans reconnect with the camaraderie they had in service.",
			"{name} is a drop-in where veterans can get a brew, a chat and help with housing, pensions and health.",
			"Leaving the forces can be hard. {name} is somewhere to be among people who get it.",
			"At {name} veterans and serving families meet for support and a good laugh.",
		},
		details: []string{
			"We can put you in touch with specialist veterans' mental health and welfare services.",
			"Partners and widows of veterans are welcome too.",
			"There's a quiz, a raffle and sometimes a guest speaker.",
			"Reservists and National Service veterans are welcome.",
			"We also arrange trips and remembrance events.",
			"Bring your veteran's ID card if you have one, but it's not required.",
			"There's no pressure to talk about your service.",
			"Our volunteers are veterans themselves.",
		},
		rOpeners: []string{
			"o:{name} brings veterans together by video call, {when}, wherever they live.",
			"{org} runs {name} for ex-forces people who can't easily get to a breakfast club.",
			"t:{name} is a friendly phone line for veterans and their families who need a chat or help finding support.",
		},
		rDetails: []string{
			"It's informal: a catch-up, some banter and news of what's on.",
			"We can link you to specialist veterans' welfare, housing and mental health support.",
			"t:Calls are answered by trained volunteers who have served themselves.",
		},
		days: "MO TU WE TH FR SA", slots: []string{"09:00-11:00", "10:00-12:00", "19:00-21:00", "SA@09:00-11:00"}, monthly: 0.55,
		free: 0.3, charges: []charge{{"Breakfast", 4, "£4 for a full breakfast and a brew"}, {"Breakfast", 3.5, "£3.50 for a bacon sandwich and a brew"}},
		ages:   []string{"18-", "18-", ""},
		who:    []string{"Veterans of the armed forces and their families.", "Anyone who has served, including reservists and National Service.", "Ex-forces men and women and their partners."},
		routes: []string{"drop-in"}, extraRoutes: []string{"self-referral", "professional-referral"},
		venues: "KHC", secondary: []string{"social-groups", "mental-health-peer-support"}, mail: "veterans", phrase: "veterans' groups",
		contactTitles: []string{"Veterans' champion", "Group organiser"},
	},
	{
		code: "sen", id: "sensory-loss",
		names:       []string{"[o:SeeHear,Visually,Talking]Sight Loss Support Group", "[o:Deaf,SeeHear,Hands]Hearing Loss Drop-in", "[o:Deaf,SeeHear,Hands]Deaf Social Club", "[o:Deaf,SeeHear,Hands]Lip-reading Class", "[o:SeeHear,Visually,Talking]Low Vision Café", "[o:Talking,SeeHear]Talking Newspaper", "[o:Deaf,SeeHear,Hands]Hearing Aid Maintenance Clinic", "[o:Deaf,SeeHear,Hands]BSL Coffee Morning", "[o:SeeHear,Visually,Talking]Visually Impaired Social Club", "Equipment and Advice Drop-in"},
		remoteNames: []string{"Sight Loss Advice Line", "Online Lip-reading Practice", "Talking News by Post and Phone"},
		openers: []string{
			"[sight,vision,visually]{name} is a friendly group for people living with sight loss, with tips, talks and good company.",
			"[hearing aid,hearing loss]{name} offers free hearing aid retubing, cleaning and batteries, plus advice on living with hearing loss.",
			"[deaf,bsl]Deaf and hard of hearing people meet at {name} to chat in BSL, socialise and share news.",
			"{org} runs {name} {when} at {venue} for anyone whose sight or hearing is getting worse.",
			"[equipment,low vision]At {name} you can try magnifiers, talking clocks and other equipment before you buy.",
			"[lip]{name} teaches lip-reading skills and ways to manage conversations when hearing is difficult.",
			"If losing your sight or hearing has left you feeling isolated, {name} can help you get back out there.",
			"[visually,sight,vision]{name} is a relaxed social for people with sight loss, their families and friends.",
			"[talking]{name} records local news and magazines on to USB sticks and posts them free to people with sight loss.",
		},
		details: []string{
			"Volunteers can meet you at the bus stop if you let us know in advance.",
			"Information is available in large print, audio and braille.",
			"There's a hearing loop and good lighting in the room.",
			"We can help you register as sight impaired and find out about benefits.",
			"Guide dogs are very welcome.",
			"We also run trips out and an audio book club.",
			"Family members and carers can come along too.",
			"Staff can arrange a BSL interpreter on request.",
		},
		rOpeners: []string{
			"{name} gives advice and a friendly ear to people whose sight or hearing is changing.",
			"{org} runs {name} for people with sight or hearing loss who can't easily get out.",
			"{name} keeps people with sight loss in touch with local news and each other.",
			"[lip]{name} is a friendly online class where people with hearing loss practise lip-reading and share tips.",
		},
		rDetails: []string{
			"We can arrange a home visit to look at equipment and lighting.",
			"Information is available in large print, audio and braille.",
			"Text relay and email are welcome if phone calls are hard.",
		},
		days: "MO TU WE TH FR", slots: []string{"10:30-12:30", "13:30-15:30", "10:00-12:00"}, monthly: 0.45,
		phoneSlots: []string{"MO,TU,WE,TH,FR@09:30-16:30", "MO,TU,WE,TH,FR@10:00-15:00"},
		free:       0.6, charges: []charge{{"Per session", 2, "£2 including tea and biscuits"}},
		ages:   []string{"", "", "18-"},
		who:    []string{"People living with sight loss, hearing loss or both.", "Deaf, deafened and hard of hearing people and anyone learning BSL.", "People with sight or hearing loss and their families."},
		routes: []string{"self-referral"}, extraRoutes: []string{"professional-referral", "drop-in"},
		venues: "OHL", secondary: []string{"social-groups"}, mail: "sensory", phrase: "support for sight and hearing loss",
		contactTitles: []string{"Rehabilitation officer", "Sensory support worker"},
	},
	{
		code: "add", id: "addiction-recovery",
		names:       []string{"Recovery Café {P}", "Recovery Walk and Talk", "Sober Social", "[o:Odds,Steady,Recovery]Gambling Support Group", "Alcohol Recovery Drop-in", "Family Support Group", "Recovery Breakfast Club", "Peer Mentors Drop-in", "Life After Drink Group"},
		remoteNames: []string{"Online Recovery Meeting", "Gambling Support Line", "Evening Recovery Check-in"},
		openers: []string{
			"{name} is a friendly, alcohol-free space for people in recovery from drink, drugs or gambling.",
			"{org} runs {name} {when} for anyone who wants to change their drinking, drug use or gambling.",
			"At {name} people in recovery support each other, share what works and have a laugh.",
			"You don't need to have stopped to come to {name}; just wanting to change is enough.",
			"{name} is a peer-led group where you'll meet people who've been there and come out the other side.",
			"[family]{name} supports family members and friends affected by someone else's drinking, drug use or gambling.",
			"Recovery is easier with others. {name} offers company, activities and hope.",
			"{name} is a safe, confidential drop-in at {venue} with peer mentors and a hot drink.",
			"[gambling]{name} is for anyone whose gambling has got out of hand, and the people close to them.",
		},
		details: []string{
			"There's no pressure to talk about your past; some people just come for the company.",
			"Our peer mentors are all in long-term recovery.",
			"We can help you get in touch with treatment services, your GP or a detox programme.",
			"Activities include cooking, walks, quizzes and volunteering.",
			"Everything is confidential, and we don't share anything without your say-so.",
			"Please come sober to the session, but you won't be judged if you're struggling.",
			"We can support you through a relapse; it's part of many people's recovery.",
			"Coffee, toast and good company are on offer every week.",
		},
		rOpeners: []string{
			"o:{name} is a peer-led recovery meeting you can join from anywhere, {when}.",
			"{org} runs {name} for people worried about their own or someone else's gambling.",
			"If evenings and weekends are when cravings hit, {name} is there.",
		},
		rDetails: []string{
			"o:You can stay anonymous and keep your camera off.",
			"Peer supporters have their own experience of addiction and recovery.",
			"We can help you block gambling sites and talk to your bank about spending limits.",
		},
		days: "MO TU WE TH FR SA", slots: []string{"10:00-12:00", "18:00-20:00", "18:30-20:00", "SA@10:00-12:00"}, monthly: 0.05,
		phoneSlots: []string{"MO,TU,WE,TH,FR@09:00-17:00", "MO,TU,WE,TH,FR,SA,SU@08:00-20:00"},
		free:       1, ages: []string{"18-", "18-", "16-"},
		who:    []string{"Adults who want to change their drinking, drug use or gambling.", "People in recovery and their families.", "Anyone aged 18 or over affected by addiction."},
		routes: []string{"self-referral"}, extraRoutes: []string{"drop-in", "professional-referral"},
		venues: "OHC", secondary: []string{"mental-health-peer-support"}, mail: "recovery", phrase: "recovery support",
		contactTitles: []string{"Recovery coordinator", "Peer mentor"},
	},
	{
		code: "dem", id: "dementia-support",
		names:       []string{"{P} Memory Café", "Singing for Memory", "Reminiscence Group", "Dementia Carers' Group", "Forget Me Not Club", "Dementia-Friendly Tea Dance", "Memory Lane Social", "Making Memories Group", "Dementia Advice Drop-in"},
		remoteNames: []string{"Dementia Advice Line", "Memory Support Calls"},
		openers: []string{
			"{name} is a relaxed afternoon for people living with dementia or memory problems, and the people who care for them.",
			"At {name} you can enjoy music, reminiscence and a cuppa, and talk to others on the same journey.",
			"{org} runs {name} {when}, a warm, dementia-friendly space in {place}.",
			"Worried about your memory? {name} is a gentle place to get information and support, with or without a diagnosis.",
			"{name} brings people with dementia and their families together for singing, games and chat.",
			"[reminiscence,memory,memories]{name} uses old photos, music and objects to spark conversation and memories.",
			"If someone you love has dementia, {name} is a chance to share the load and meet others who understand.",
			"{name} is led by volunteers trained as Dementia Friends, in a calm and welcoming room at {venue}.",
			"[singing]{name} uses familiar songs to bring people with dementia and their carers together; no singing experience needed.",
			"[carers]{name} is for people caring for someone with dementia: a chance to share the load and pick up tips.",
			"[dance]{name} is a dementia-friendly tea dance with music from the forties to the seventies, and cake.",
			"[advice]{name} offers information and advice for people worried about their memory, and their families.",
		},
		details: []string{
			"A dementia adviser comes along once a month to answer questions about diagnosis, benefits and planning ahead.",
			"Carers can have a quiet chat with other carers while volunteers lead the activity.",
			"There's a quiet space if anyone needs a break from the noise.",
			"Tea, coffee and cake are included.",
			"We play music from the 1950s to the 1980s, and people love to dance.",
			"Volunteers will meet you at the door and help you settle in.",
			"You can come as often as you like, even if you miss a few weeks.",
			"Everything is done at a gentle pace, and nobody is put on the spot.",
		},
		rOpeners: []string{
			"{name} offers practical advice and a listening ear to people living with dementia and their families.",
			"{org} runs {name} for anyone worried about memory loss or caring for someone with dementia.",
		},
		rDetails: []string{
			"Our dementia advisers can explain diagnosis, benefits, power of attorney and local support.",
			"We can arrange regular check-in calls if you'd find them helpful.",
		},
		days: "MO TU WE TH FR", slots: []string{"14:00-16:00", "10:30-12:30", "13:30-15:30"}, monthly: 0.45,
		phoneSlots: []string{"MO,TU,WE,TH,FR@09:00-17:00"},
		free:       0.4, charges: []charge{{"Per person", 2, "£2 per person, includes tea and cake"}, {"Per couple", 3, "£3 per couple, carers free"}},
		ages:   []string{"", "", "", "50-"},
		who:    []string{"People living with dementia or memory problems, and their carers.", "Anyone worried about their memory, with or without a diagnosis.", "People with dementia and their families and friends."},
		routes: []string{"drop-in"}, extraRoutes: []string{"self-referral", "professional-referral"},
		venues: "HCRL", secondary: []string{"carers-support", "music-and-singing"}, mail: "memorycafe", phrase: "memory cafés", waitList: true,
		contactTitles: []string{"Dementia support worker", "Memory café coordinator"},
	},
	{
		code: "ltc", id: "long-term-conditions",
		names:       []string{"[o:Breath,Better Days,Healthy]Breathing Space Group", "[o:Pain,Better Days]{P} Pain Café", "[o:Stroke,Better Days]Stroke Survivors' Club", "[o:Hearts,Better Days]Diabetes Support Group", "[o:Heart,Better Days]Heart to Heart Group", "[o:Pain,Better Days,Steady]Living Well with Pain", "[o:Better Days]Long Covid Support Group", "[o:Steady,Better Days,Pain]Arthritis Exercise and Chat", "[o:Better Days,Steady]Parkinson's Friends Group", "[o:Better Days]Cancer Support Café", "[o:Better Days,Pain]Fatigue Support Circle", "[o:Breath,Better Days]Singing for Lung Health"},
		remoteNames: []string{"Online Long Covid Group", "Living with Pain Online Course", "Fatigue Support on Zoom"},
		openers: []string{
			"{name} is a friendly support group for people living with long-term health conditions.",
			"[breath,lung,copd]{name} brings together people with COPD and other lung conditions for gentle exercise, singing and advice.",
			"[pain,fatigue]Living with pain can wear you down. {name} helps you manage it and meet people who understand.",
			"[stroke]{org} runs {name} {when} for stroke survivors and their families.",
			"[diabetes]At {name} people with diabetes share tips, hear from health professionals and support each other.",
			"[cancer]{name} is a relaxed café for anyone affected by cancer, during or after treatment.",
			"If a health condition has knocked your confidence, {name} can help you get your life back on track.",
			"{name} is a peer-led group at {venue} offering practical tips, friendship and a listening ear.",
			"[heart]{name} is a friendly group for people living with heart conditions, and their partners.",
			"[parkinson]{name} is a friendly group for people with Parkinson's and the people close to them.",
			"[covid]{name} supports people living with long Covid, with pacing tips and people who believe you.",
			"[arthritis]{name} combines gentle, joint-friendly exercise with a chat, for people with arthritis.",
		},
		details: []string{
			"Health professionals such as physios and specialist nurses visit throughout the year.",
			"There's a gentle exercise session, adapted for different abilities.",
			"Partners and carers are welcome too.",
			"We share ideas for pacing, sleep, eating well and managing flare-ups.",
			"The room is on the ground floor with an accessible toilet nearby.",
			"You don't need a referral from your doctor.",
			"We also have social trips and a Christmas meal.",
			"Many members say they wish they'd found us sooner.",
		},
		rOpeners: []string{
			"{name} is an online group for people whose lives have been changed by a long-term condition.",
			"{org} runs {name} {when} for people who find travelling to a group too tiring.",
			"{name} helps people with fatigue and pain learn to pace themselves, from home.",
		},
		rDetails: []string{
			"Sessions are short, with breaks, and you can leave whenever you need to.",
			"Each week covers a topic such as pacing, sleep or talking to your GP.",
			"A health coach leads the sessions alongside a volunteer with the condition.",
		},
		days: "MO TU WE TH FR", slots: []string{"14:00-16:00", "10:30-12:00", "18:30-20:00", "13:30-15:00"}, monthly: 0.5,
		free: 0.45, charges: []charge{{"Donation", 1, "£1 towards refreshments"}, {"Per session", 2.5, "£2.50 per session"}},
		ages:   []string{"18-", "18-", "", "50-"},
		who:    []string{"Adults living with a long-term health condition, and their carers.", "People with a diagnosis of the condition the group is for, and their families.", "Anyone managing pain, breathlessness or fatigue."},
		routes: []string{"self-referral"}, extraRoutes: []string{"professional-referral", "drop-in"},
		venues: "MHSL", secondary: []string{"physical-activity", "mental-health-peer-support"}, mail: "health", phrase: "support for long-term conditions",
		contactTitles: []string{"Group facilitator", "Health coach"},
	},
	{
		code: "vol", id: "volunteering",
		names:       []string{"Volunteer Drop-in", "Volunteering Taster Days", "Give It a Go Volunteering", "{P} Community Volunteers", "Volunteering Advice Session", "Café Volunteers", "{P} Litter Pick and Brew", "Library Volunteers", "Volunteer Gardeners {P}"},
		remoteNames: []string{"Volunteer from Home", "Online Volunteering Chat"},
		openers: []string{
			"{name} helps you find volunteering that fits your interests, skills and time.",
			"Volunteering is a great way to meet people, build confidence and give something back. {name} makes it easy to start.",
			"{org} runs {name} {when}, where you can try volunteering without a long-term commitment.",
			"At {name} you'll join a friendly team helping out in {place}.",
			"{name} is open to anyone aged 16 or over, including people with health conditions or disabilities.",
			"If you're recovering from illness, retired or looking for work experience, {name} can find the right role for you.",
			"[litter]{name} gets people together to tidy up streets, parks and green spaces in {place}, followed by a brew.",
			"[café,community volunteers]Join {name} and help keep our community café, pantry and garden running.",
		},
		details: []string{
			"We'll chat with you first about what you'd like to do and any support you need.",
			"You can volunteer for as little as an hour a month.",
			"Out-of-pocket expenses are paid, and training is free.",
			"We provide references for jobs and courses.",
			"Equipment and gloves are provided.",
			"Volunteering doesn't affect your benefits if you follow the rules, and we can explain them.",
			"Many of our volunteers came to us through their GP or link worker.",
			"There's always tea and biscuits at the end of the session.",
		},
		rOpeners: []string{
			"{name} matches people with volunteering they can do from home: phone calls, crafts, admin and more.",
			"{org} runs {name} for people who want to help others but can't easily get out.",
		},
		rDetails: []string{
			"We'll talk through what you enjoy and how much time you have.",
			"Training is by video call and a coordinator checks in regularly.",
		},
		days: "MO TU WE TH FR SA", slots: []string{"10:00-13:00", "10:00-15:00", "SA@10:00-12:00", "13:00-15:00"}, monthly: 0.3,
		free: 1, ages: []string{"16-", "18-", "16-", ""},
		who:    []string{"Anyone aged 16 or over who would like to volunteer.", "People who want to build confidence, skills or a routine.", "Adults of all abilities; support is available."},
		routes: []string{"self-referral"}, extraRoutes: []string{"professional-referral", "drop-in"},
		venues: "OGHL", secondary: []string{"employment-support", "gardening"}, mail: "volunteer", phrase: "volunteering",
		contactTitles: []string{"Volunteer coordinator", "Volunteer manager"},
	},
	{
		code: "lea", id: "learning-and-hobbies",
		names:       []string{"[o:Book,Read,Lifelong,Writers]{P} Book Club", "[o:History,Heritage,Lifelong]{P} Local History Group", "[o:Chess,Games]{P} Chess Club", "[o:Bridge,Games,Lifelong]Bridge for Beginners", "{D} Quiz Club", "[o:History,Heritage,Lifelong]Family History Group", "[o:Lifelong]Languages Café", "[o:Lifelong,Heritage,History,Read]Lifelong Learning Talks", "[o:Photo,Camera,Lifelong,Art]{P} Photography Club", "[o:Games,Chess,Bridge,Read,Lifelong]Scrabble and Word Games Club", "[o:Writers,Book,Read,Lifelong]Poetry Group", "[o:Lifelong,Read]{P} Film Club", "[o:Games,Chess,Bridge,Lifelong]Dominoes and Cards Club"},
		remoteNames: []string{"Online Book Club", "Talks on Zoom", "Online Family History Group"},
		openers: []string{
			"[book,read,poetry]{name} is a friendly group for people who love books, with a different read each month.",
			"[history,heritage]{name} meets {when} to explore the history of {place} through old maps, photos and talks.",
			"{org} runs {name}, a chance to learn something new and meet people who share your interests.",
			"At {name} members give talks, share skills and organise trips.",
			"[chess,bridge,scrabble,dominoes,games,quiz]Whether you're a beginner or a seasoned player, you'll find a game at {name}.",
			"[talk,lifelong]{name} is for curious minds: a talk, a question-and-answer session and a cup of tea.",
			"[family history]If you've always wanted to trace your family tree, {name} will show you how.",
			"{name} is a relaxed, sociable group at {venue} where learning is fun and nobody is marked.",
			"[photo]{name} is a friendly camera club where phones are as welcome as fancy cameras.",
			"[film]{name} shows a classic or new film with a chat and a cuppa afterwards.",
			"[language]{name} is a relaxed café where people practise French, Spanish and other languages over a coffee.",
			"[quiz]{name} is a friendly quiz with teams made up on the night, so come on your own.",
		},
		details: []string{
			"[book,read]Books are available from the library in large print and audio.",
			"We have members in their twenties and their nineties.",
			"You don't need any experience, just curiosity.",
			"There's a small library of books and equipment to borrow.",
			"Refreshments are included.",
			"We hold an annual exhibition and a summer outing.",
			"Newcomers are paired with a regular for the first few weeks.",
			"Suggestions for topics are always welcome.",
		},
		rOpeners: []string{
			"{name} meets online {when}, so you can join from anywhere.",
			"{org} runs {name} for curious people who'd like to learn and chat from home.",
			"{name} is a friendly online group with a speaker or a book to talk about each time.",
		},
		rDetails: []string{
			"The link is emailed a few days before, with a reminder on the day.",
			"Recordings are shared afterwards for members who couldn't make it.",
			"Newcomers are always introduced and nobody is put on the spot.",
		},
		days: "MO TU WE TH FR SA", slots: []string{"19:00-21:00", "14:00-16:00", "10:00-12:00", "19:30-21:30", "13:30-15:30"}, monthly: 0.45,
		free: 0.25, charges: []charge{{"Per meeting", 2, "£2 per meeting, including tea"}, {"Membership", 15, "£15 a year membership"}, {"Visitors", 3, "£3 for visitors, members free"}},
		ages:   []string{"", "", "18-", "16-"},
		who:    []string{"Anyone with an interest in the subject; beginners welcome.", "Adults who want to learn something new and meet people.", "*Curious people of all ages."},
		routes: []string{"drop-in"}, extraRoutes: []string{"self-referral", "professional-referral"},
		venues: "LHAK", secondary: []string{"social-groups"}, mail: "learning", phrase: "learning and hobby groups",
		contactTitles: []string{"Group secretary", "Club chair"},
	},
	{
		code: "fai", id: "faith-and-culture",
		names:       []string{"[c:Sikh]{P} Community Langar", "Elders' Gathering", "{P} Women's Circle", "Cultural Coffee Morning", "Friday Community Lunch", "[c:Polish,Irish,Caribbean]Open Church Café", "Multi-faith Friendship Group", "Heritage and Culture Club", "[c:Bangladeshi,Arab,Somali,Kurdish,South Asian]Community Iftar", "Elders' Social", "{D} Community Evening"},
		remoteNames: []string{"Online Community Circle", "Elders' Phone Tree"},
		openers: []string{
			"{name} is a welcoming community group rooted in {culture} culture, open to everyone.",
			"{org} runs {name} {when}, bringing together people from {culture} backgrounds and their neighbours.",
			"At {name} you can share food, music and conversation in your own language, or in English.",
			"{name} is a place for elders to meet, eat together and keep in touch with community news.",
			"Everyone is welcome at {name}, whatever their faith or none.",
			"{name} helps newcomers settle in {place}, with friendship, advice and a taste of home.",
			"{name} celebrates {culture} traditions and festivals, with activities for all ages.",
			"If you're feeling far from family, {name} offers friendship and support in a familiar setting at {venue}.",
		},
		details: []string{
			"Food is shared at every gathering and is always free.",
			"Volunteers can help with letters, forms and appointments.",
			"Women-only sessions are available.",
			"There's a prayer room for anyone who wishes to use it, but there's no expectation to take part.",
			"We mark festivals throughout the year with special meals and events.",
			"Interpreters are available for community members who speak little English.",
			"Young people and elders often come together for special projects.",
			"Newcomers are welcomed personally and introduced around.",
		},
		rOpeners: []string{
			"{name} keeps {culture} elders in touch by phone and video, {when}.",
			"{org} runs {name} for community members who can't get to gatherings in person.",
		},
		rDetails: []string{
			"Volunteers ring round each week with news and a friendly chat.",
			"Conversations can be in English or in community languages.",
		},
		days: "MO TU WE TH FR SA SU", slots: []string{"11:00-14:00", "10:00-12:00", "FR@12:30-15:00", "SU@12:00-15:00", "18:00-21:00"}, monthly: 0.3,
		free: 0.55, pwyc: 0.2, charges: []charge{{"Lunch", 3, "£3 for lunch; nobody is turned away"}},
		ages:   []string{"", "", "", "50-"},
		who:    []string{"*Everyone is welcome, whatever their faith or background.", "People from the {culture} community and their friends and neighbours.", "Elders and families; newcomers especially welcome."},
		routes: []string{"drop-in"}, extraRoutes: []string{"self-referral", "professional-referral"},
		venues: "RH", secondary: []string{"social-groups", "lunch-clubs"}, mail: "community", phrase: "community and cultural activities",
		contactTitles: []string{"Community coordinator", "Elders' project worker"},
	},
	{
		code: "dom", id: "domestic-abuse-support",
		names:       []string{"Domestic Abuse Drop-in", "Moving On Group", "Women's Safe Space", "Healthy Relationships Course", "Survivors' Support Group", "Domestic Abuse Advice Surgery", "Men's Domestic Abuse Support"},
		remoteNames: []string{"Domestic Abuse Helpline", "Domestic Abuse Webchat", "Text Support for Survivors", "{O} Helpline", "{P} Domestic Abuse Line", "{O} Live Chat Online"},
		openers: []string{
			"{name} offers confidential support to anyone affected by domestic abuse, whether it's happening now or in the past.",
			"If you're being hurt, controlled or frightened by a partner or family member, {name} can help.",
			"{org} runs {name} for survivors who want to understand what happened and rebuild their confidence.",
			"[women,safe space]{name} is a safe, women-only space to talk about abuse and get practical support.",
			"At {name} trained workers listen, believe you and help you plan for your safety.",
			"{name} supports men, women and LGBTQ+ people affected by abuse.",
			"Abuse isn't always physical. {name} helps with coercive control, money abuse and stalking too.",
			"[course,moving on,group]{name} is a group course for survivors, run over several weeks with a trained facilitator.",
		},
		details: []string{
			"You decide what happens next; we won't contact anyone without your permission unless a child is at risk.",
			"We can help with safety planning, housing, legal options and support for children.",
			"If you are in immediate danger, call 999.",
			"Sessions are held in a private room; the group's details are shared when you get in touch.",
			"Interpreters can be arranged.",
			"Crèche places are available for some sessions.",
			"It's free and confidential.",
			"Friends and family worried about someone can contact us too.",
		},
		rOpeners: []string{
			"{name} is free, confidential support for anyone experiencing domestic abuse, {when}.",
			"If you're frightened of a partner, ex-partner or family member, {name} is there to listen and help you stay safe.",
			"{org} runs {name} for people across West Yorkshire affected by domestic abuse.",
			"o:{name} lets you talk to a trained worker without being overheard, by text or web chat.",
		},
		rDetails: []string{
			"If you are in immediate danger, call 999. If you can't speak, dial 55 when prompted.",
			"We can help you make a safety plan, find refuge space and understand your legal options.",
			"t:Calls are free and won't show on most phone bills.",
			"Friends, family and professionals worried about someone can contact us too.",
		},
		days: "MO TU WE TH FR", slots: []string{"10:00-12:00", "13:00-15:00", "10:00-12:30"},
		phoneSlots: []string{"MO,TU,WE,TH,FR,SA,SU@00:00-23:59", "MO,TU,WE,TH,FR@09:00-17:00", "MO,TU,WE,TH,FR@09:00-20:00"},
		free:       1, ages: []string{"16-", "16-", "18-"},
		who:    []string{"Anyone affected by domestic abuse, now or in the past.", "Women and men experiencing abuse from a partner or family member.", "Survivors of domestic abuse and people worried about someone."},
		routes: []string{"self-referral", "professional-referral"},
		venues: "MFO", secondary: []string{"helplines", "housing-support"}, mail: "support", phrase: "domestic abuse support",
		contactTitles: []string{"Domestic abuse adviser", "Outreach worker"},
	},
	{
		code: "hel", id: "helplines",
		remoteNames: []string{"{O}", "{O} Webchat", "[o:Late Lamp,Wellbeing]Men's Listening Line", "[o:Late Lamp,Wellbeing,Teapot]Evening Listening Line", "[o:Energy,Warm]Energy Bills Helpline", "[o:Teapot,Wellbeing]Community Helpline", "[o:Late Lamp,Textback]Text Listening Service", "{P} Listening Line", "[o:Teapot]Afternoon Chat Line"},
		rOpeners: []string{
			"{name} is a free, confidential listening line for anyone who is struggling, lonely or needs to talk.",
			"t:Call {name} {when} and a trained volunteer will listen without judging or telling you what to do.",
			"{org} runs {name} for people across West Yorkshire who need someone to talk to.",
			"Whatever is on your mind, {name} is there to listen.",
			"{name} is a friendly line for older people who'd like a chat, information about local activities or just a kind voice.",
			"If you find it hard to talk, you can use {name} by text or web chat instead.",
			"{name} offers emotional support and signposting for people feeling anxious, low or alone.",
			"{name} helps people find the right local service, from food banks to lunch clubs.",
		},
		rDetails: []string{
			"t:Calls are free from landlines and mobiles and won't show on your phone bill.",
			"You don't have to give your name.",
			"Our volunteers are trained and supervised, and many have been through hard times themselves.",
			"If you are in danger or have hurt yourself, call 999 or go to A&E.",
			"t:We can ring you back if the line is busy.",
			"t:Calls last as long as you need, and you can ring as often as you like.",
			"We can give information about local groups and services in Leeds.",
			"t:Interpreters are available through a telephone interpreting service.",
		},
		phoneSlots: []string{"MO,TU,WE,TH,FR,SA,SU@00:00-23:59", "MO,TU,WE,TH,FR@09:00-17:00", "MO,TU,WE,TH,FR,SA,SU@19:00-23:00", "MO,TU,WE,TH,FR,SA,SU@08:00-22:00"},
		days:       "MO TU WE TH FR", slots: []string{"MO,TU,WE,TH,FR,SA,SU@18:00-23:00", "MO,TU,WE,TH,FR@10:00-16:00"},
		free: 1, ages: []string{"", "16-", "18-", ""},
		who:    []string{"Anyone who needs to talk, whatever the reason.", "Adults across West Yorkshire.", "People who feel lonely, anxious or low, and people worried about someone else."},
		routes: []string{"self-referral"},
		venues: "O", secondary: []string{"mental-health-peer-support", "befriending"}, mail: "listening", phrase: "helplines",
		contactTitles: []string{"Helpline manager"},
	},
}

// ---------------------------------------------------------------------------
// Organisations. All are invented. svcs lists each service as
// kind[+second kind][@mode]: mode p (in person, the default), p2 (in person
// at two venues), o (online only), t (telephone only), m (in person and
// online). Area "Leeds" means city-wide, "WY" West Yorkshire-wide.

type orgSpec struct {
	name    string
	area    string
	svcs    string
	culture string // community the organisation grew from, if any
	langs   string // languages other than English its services offer
	numeric bool   // its feed uses plain numeric ids
}

var orgTable = []orgSpec{
	// West Yorkshire and city-wide.
	{name: "Aire and Calder Money Line", area: "WY", svcs: "deb@t deb+ben@o ben@t deb@t"},
	{name: "Pennine Bereavement Listening Service", area: "WY", svcs: "ber@t ber@o ber+hel@t"},
	{name: "Late Lamp Listening Line", area: "WY", svcs: "hel@t hel@o men@t hel@t"},
	{name: "Safe at Home West Yorkshire", area: "WY", svcs: "dom@t dom@o dom dom@t", langs: "ur pl"},
	{name: "Wellbeing Line Leeds", area: "WY", svcs: "hel@t hel@o hel@t"},
	{name: "Warm Homes Energy Helpline", area: "WY", svcs: "hel+hou@t hou@t"},
	{name: "Carers' Kitchen Table", area: "Leeds", svcs: "car@t car@o car@m car car@o"},
	{name: "Keystone Housing Advice Leeds", area: "Leeds", svcs: "hou@t hou hou+deb hou@t"},
	{name: "Brew and Banter Veterans", area: "Leeds", svcs: "vet vet vet@o vet@t vet@m"},
	{name: "SeeHear Leeds", area: "Leeds", svcs: "sen sen sen@t sen@o", langs: "bfi"},
	{name: "Brighter Mornings Recovery Community", area: "Leeds", svcs: "add add add@o add@m add@t"},
	{name: "Remember When Memory Cafés", area: "Leeds", svcs: "dem dem dem dem@t dem@t"},
	{name: "Better Days Health Groups", area: "Leeds", svcs: "ltc ltc ltc@o ltc@m ltc@o"},
	{name: "Click Together Leeds", area: "Leeds", svcs: "dig dig dig dig@o dig@o"},
	{name: "Common Ground English Classes", area: "Leeds", svcs: "eso eso eso@o eso@m eso@o", langs: "ar ku fa"},
	{name: "Next Rung Work Support", area: "Leeds", svcs: "emp emp emp@o emp@m emp@o"},
	{name: "Give a Day Leeds", area: "Leeds", svcs: "vol vol vol@o vol@o"},
	{name: "Kinder Minds Peer Support", area: "Leeds", svcs: "men men@p2 men@o men@o men@m"},
	{name: "Next Steps Youth Mentoring", area: "Leeds", svcs: "you you you@o"},
	{name: "Virtual Voices Choir", area: "Leeds", svcs: "mus@o mus@m mus@o"},
	{name: "Reading Room Online", area: "Leeds", svcs: "lea@o lea@o lea@o"},
	{name: "Lifelong Learners Leeds", area: "Leeds", svcs: "lea lea@p2 lea@m lea@o lea@m"},
	{name: "Straight Talk Money Advice", area: "Leeds", svcs: "deb deb@p2 deb@m ben ben@m"},
	{name: "Claim Right Welfare Rights", area: "Leeds", svcs: "ben ben ben@t ben@m"},
	{name: "Full Plates Leeds", area: "Leeds", svcs: "foo foo foo"},
	{name: "Bumps and Beyond Leeds", area: "Leeds", svcs: "par par par@o par@m"},
	{name: "Colour In Arts for Wellbeing", area: "Leeds", svcs: "art+men art art@o art@m art@o"},
	{name: "Mates Matter Men's Groups", area: "Leeds", svcs: "men men men@o men@t men@m"},
	{name: "Off the Odds Gambling Support", area: "Leeds", svcs: "add add@t add@o"},
	{name: "Afterwards Bereavement Leeds", area: "Leeds", svcs: "ber ber ber@m ber@o"},
	{name: "Clear Path Domestic Abuse Service", area: "Leeds", svcs: "dom dom@t dom@o"},
	{name: "Teapot Chat Line Leeds", area: "Leeds", svcs: "hel+bef@t bef@t hel@t"},
	{name: "Textback Leeds", area: "Leeds", svcs: "hel+you@t"},
	{name: "Dads' Den Leeds", area: "Leeds", svcs: "par par"},
	{name: "Hands Together Deaf Club", area: "Leeds", svcs: "sen+soc sen sen@m", langs: "bfi"},
	{name: "Young Carers Together Leeds", area: "Leeds", svcs: "car+you car@o"},
	{name: "Leeds Online Social Club", area: "Leeds", svcs: "soc@o soc@o soc@m soc@o"},
	{name: "Tiny Steps Parenting Online", area: "Leeds", svcs: "par@o par@o par@o"},
	{name: "Open Lines Youth Support", area: "Leeds", svcs: "you@o you@o"},
	{name: "Forces Families Online Leeds", area: "Leeds", svcs: "vet@o"},
	{name: "Chatterbox Phone Friends Leeds", area: "Leeds", svcs: "bef@t bef@t"},
	{name: "Larkspur Women's Project Leeds", area: "Leeds", svcs: "dom dom@t", langs: "ur so"},
	{name: "Loudspeaker Talking News Leeds", area: "Leeds", svcs: "sen@t sen"},

	// City centre, Woodhouse and Little London.
	{name: "Boar Lane Open House", area: "City Centre", svcs: "soc foo men"},
	{name: "Riverside Writers' Circle", area: "City Centre", svcs: "lea+art"},
	{name: "Central Leeds Chess and Games Club", area: "City Centre", svcs: "lea"},
	{name: "Kirkgate Drop-in Centre", area: "City Centre", svcs: "foo hou ben dig", langs: "ar ti"},
	{name: "Jade Garden Elders Club", area: "City Centre", svcs: "lun+fai soc", culture: "Chinese", langs: "zh"},
	{name: "Little London Friendship Group", area: "Little London", svcs: "soc lun dig"},
	{name: "Woodhouse Growing Together", area: "Woodhouse", svcs: "gar vol"},

	// Headingley, Hyde Park, Meanwood, Kirkstall, Burley.
	{name: "Hyde Park Community Kitchen", area: "Hyde Park", svcs: "foo lun vol", langs: "ar"},
	{name: "Headingley Harmony Choir", area: "Headingley", svcs: "mus mus@m"},
	{name: "Headingley Ramblers and Rovers", area: "Headingley", svcs: "wal"},
	{name: "Hyde Park Young People's Project", area: "Hyde Park", svcs: "you you"},
	{name: "Persian Circle Leeds", area: "Headingley", svcs: "fai soc", culture: "Iranian", langs: "fa"},
	{name: "Shanti Seniors Club", area: "Hyde Park", svcs: "lun+fai phy", culture: "Hindu and Gujarati"},
	{name: "Meanwood Makers' Shed", area: "Meanwood", svcs: "she vol"},
	{name: "Meanwood Valley Walkers", area: "Meanwood", svcs: "wal wal"},
	{name: "Meanwood Family Playgroup", area: "Meanwood", svcs: "par"},
	{name: "Kirkstall Valley Neighbours", area: "Kirkstall", svcs: "bef bef@t lun soc"},
	{name: "Burley Youth Project", area: "Burley", svcs: "you you"},
	{name: "Kirkstall Tai Chi and Qigong", area: "Kirkstall", svcs: "phy"},
	{name: "Kirkstall Abbey Nature Volunteers", area: "Kirkstall", svcs: "gar"},
	{name: "Aire Valley Pain Café", area: "Kirkstall", svcs: "ltc"},

	// Armley, Wortley, Farnley.
	{name: "Armley Good Neighbours", area: "Armley", svcs: "bef lun soc wal dig"},
	{name: "Armley Town Street Youth Club", area: "Armley", svcs: "you you"},
	{name: "Armley Parents' Network", area: "Armley", svcs: "par par"},
	{name: "Armley Pantry", area: "Armley", svcs: "foo", langs: "pl ro"},
	{name: "Open Door Wellbeing Armley", area: "Armley", svcs: "men men"},
	{name: "Wortley Over-60s Club", area: "Wortley", svcs: "lun soc"},
	{name: "Farnley Community Growers", area: "Farnley", svcs: "gar vol"},
	{name: "New Wortley Boxing and Fitness", area: "Wortley", svcs: "you+phy phy"},

	// Bramley, Rodley, Swinnow, Stanningley, Pudsey, Farsley, Calverley.
	{name: "Bramley Men's Shed", area: "Bramley", svcs: "she"},
	{name: "Bramley Splash and Stretch", area: "Bramley", svcs: "phy phy"},
	{name: "Rodley Riverbank Volunteers", area: "Rodley", svcs: "gar vol"},
	{name: "Swinnow Community Larder", area: "Swinnow", svcs: "foo soc"},
	{name: "Bramley Stroke Friends", area: "Bramley", svcs: "ltc"},
	{name: "Shamrock Social Club Leeds", area: "Bramley", svcs: "soc+fai mus", culture: "Irish"},
	{name: "Pudsey Friendship Circle", area: "Pudsey", svcs: "bef lun soc dem", numeric: true},
	{name: "Farsley Village Voices", area: "Farsley", svcs: "mus"},
	{name: "Calverley Craft Club", area: "Calverley", svcs: "art"},
	{name: "Pudsey Park Bowls and Fitness", area: "Pudsey", svcs: "phy"},
	{name: "Pudsey Anxiety Support Group", area: "Pudsey", svcs: "men"},
	{name: "Pudsey Forces Breakfast Club", area: "Pudsey", svcs: "vet"},
	{name: "Stanningley Open Studio", area: "Stanningley", svcs: "art"},

	// Horsforth, Aireborough, Wharfedale.
	{name: "Horsforth Wellbeing Collective", area: "Horsforth", svcs: "mus men art men@m"},
	{name: "Horsforth Stride Out Walks", area: "Horsforth", svcs: "wal"},
	{name: "Horsforth Men in Sheds", area: "Horsforth", svcs: "she"},
	{name: "Together in Grief Horsforth", area: "Horsforth", svcs: "ber"},
	{name: "Horsforth Visually Impaired Social", area: "Horsforth", svcs: "sen+soc"},
	{name: "Aireborough Friendship Network", area: "Yeadon", svcs: "bef bef@t lun soc"},
	{name: "Yeadon Tarn Walkers", area: "Yeadon", svcs: "wal"},
	{name: "Guiseley Little Stars", area: "Guiseley", svcs: "par"},
	{name: "Rawdon Garden Growers", area: "Rawdon", svcs: "gar"},
	{name: "High Royds Neighbours", area: "High Royds", svcs: "soc wal"},
	{name: "Aireborough Local History Circle", area: "Guiseley", svcs: "lea"},
	{name: "Otley Chevin Walkers", area: "Otley", svcs: "wal wal"},
	{name: "Wharfe Valley Shed", area: "Otley", svcs: "she"},
	{name: "Otley Share Shelf", area: "Otley", svcs: "foo", numeric: true},
	{name: "Wharfedale Memory Café Group", area: "Otley", svcs: "dem dem"},
	{name: "Otley and Wharfedale Advice Centre", area: "Otley", svcs: "deb ben hou deb@t"},
	{name: "Pool-in-Wharfedale Keep Fit Club", area: "Pool", svcs: "phy"},

	// Wetherby and the villages.
	{name: "Wetherby Riverside Friends", area: "Wetherby", svcs: "lun soc bef bef@t"},
	{name: "Boston Spa Art Group", area: "Boston Spa", svcs: "art"},
	{name: "Collingham Village Choir", area: "Collingham", svcs: "mus"},
	{name: "Wetherby Youth Café", area: "Wetherby", svcs: "you"},
	{name: "Bramham Village Fitness", area: "Bramham", svcs: "phy"},
	{name: "Wetherby Carers' Coffee Club", area: "Wetherby", svcs: "car"},
	{name: "Barwick-in-Elmet Village Singers", area: "Barwick-in-Elmet", svcs: "mus"},
	{name: "Scholes Village Luncheon Club", area: "Scholes", svcs: "lun"},

	// Garforth, Kippax, Rothwell, Morley.
	{name: "Garforth Neighbourhood Helpers", area: "Garforth", svcs: "bef lun dig soc bef@t"},
	{name: "Kippax Old Comrades", area: "Kippax", svcs: "vet"},
	{name: "Garforth Steady Steps", area: "Garforth", svcs: "phy+ltc ltc"},
	{name: "Micklefield Community Allotment", area: "Micklefield", svcs: "gar"},
	{name: "Garforth Readers' Group", area: "Garforth", svcs: "lea"},
	{name: "Rothwell Neighbours in Need", area: "Rothwell", svcs: "bef foo lun", numeric: true},
	{name: "Rothwell Ukulele Strummers", area: "Rothwell", svcs: "mus"},
	{name: "Oulton Knit and Natter", area: "Oulton", svcs: "art"},
	{name: "Woodlesford Lock Walkers", area: "Woodlesford", svcs: "wal"},
	{name: "Rothwell Young People's Project", area: "Rothwell", svcs: "you you"},
	{name: "Methley Growers", area: "Methley", svcs: "gar"},
	{name: "Morley Community Friends", area: "Morley", svcs: "lun soc bef@t dem"},
	{name: "Dartmouth Park Shed", area: "Morley", svcs: "she"},
	{name: "Churwell Community Choir", area: "Churwell", svcs: "mus"},
	{name: "Morley Food Share", area: "Morley", svcs: "foo"},
	{name: "Morley Youth Hub", area: "Morley", svcs: "you"},
	{name: "Morley Advice Point", area: "Morley", svcs: "deb ben"},
	{name: "Morley Carers' Circle", area: "Morley", svcs: "car"},
	{name: "Gildersome Heritage Group", area: "Gildersome", svcs: "lea"},

	// Beeston, Holbeck, Cottingley, Hunslet, Belle Isle, Middleton.
	{name: "Beeston Hill Community Association", area: "Beeston", svcs: "soc dig eso foo", langs: "ur"},
	{name: "Holbeck Hands Together", area: "Holbeck", svcs: "bef lun"},
	{name: "Cottingley Tots", area: "Cottingley", svcs: "par"},
	{name: "Beeston Roma Women's Circle", area: "Beeston", svcs: "fai eso", culture: "Roma", langs: "ro"},
	{name: "Cross Flatts Walk and Talk", area: "Beeston", svcs: "wal"},
	{name: "Second Chance Recovery Café", area: "Holbeck", svcs: "add foo"},
	{name: "Beeston Work Club", area: "Beeston", svcs: "emp"},
	{name: "Al-Noor Family Circle", area: "Beeston", svcs: "par eso", culture: "Arab", langs: "ar"},
	{name: "Hunslet Carr Community Café", area: "Hunslet", svcs: "soc foo"},
	{name: "Belle Isle Money and Housing Help", area: "Belle Isle", svcs: "deb hou ben"},
	{name: "Middleton Woods Conservation Volunteers", area: "Middleton", svcs: "gar wal vol"},
	{name: "Middleton Mums and Tots", area: "Middleton", svcs: "par par"},
	{name: "Belle Isle Boxing Club", area: "Belle Isle", svcs: "you+phy"},
	{name: "Middleton Skills Hub", area: "Middleton", svcs: "emp dig"},

	// Burmantofts, Richmond Hill, Lincoln Green, Harehills, Gipton.
	{name: "Richmond Hill Friendship Club", area: "Richmond Hill", svcs: "lun soc dem"},
	{name: "East End Park Community Larder", area: "East End Park", svcs: "foo deb"},
	{name: "Lincoln Green Youth Project", area: "Lincoln Green", svcs: "you", langs: "so"},
	{name: "Burmantofts Sewing Circle", area: "Burmantofts", svcs: "art"},
	{name: "Lincoln Green Somali Mothers' Circle", area: "Lincoln Green", svcs: "par eso", culture: "Somali", langs: "so"},
	{name: "Harehills Neighbourhood Kitchen", area: "Harehills", svcs: "foo lun"},
	{name: "Harehills Sisters Together", area: "Harehills", svcs: "eso fai par men eso@m", culture: "South Asian", langs: "ur pa bn"},
	{name: "Gipton Wood Growers", area: "Gipton", svcs: "gar"},
	{name: "Harehills Kurdish Community Association", area: "Harehills", svcs: "fai eso", culture: "Kurdish", langs: "ku"},
	{name: "Harehills Money Advice Centre", area: "Harehills", svcs: "deb ben hou ben@t", langs: "ur", numeric: true},
	{name: "Gipton Youth Sports", area: "Gipton", svcs: "you you"},
	{name: "Harehills Polish Community Circle", area: "Harehills", svcs: "fai eso par", culture: "Polish", langs: "pl"},
	{name: "Harehills Bangla Elders' Club", area: "Harehills", svcs: "lun+fai fai", culture: "Bangladeshi", langs: "bn"},
	{name: "Harehills Job Shop", area: "Harehills", svcs: "emp dig", langs: "ur ro"},
	{name: "Healthy Hearts Harehills", area: "Harehills", svcs: "ltc", langs: "ur pa"},

	// Chapeltown, Chapel Allerton, Roundhay, Moortown and the north.
	{name: "Chapeltown Community Kitchen", area: "Chapeltown", svcs: "foo lun vol"},
	{name: "Windrush Elders Social", area: "Chapeltown", svcs: "lun+fai soc fai", culture: "Caribbean"},
	{name: "Potternewton Park Walkers", area: "Potternewton", svcs: "wal"},
	{name: "Chapel Allerton Art Club", area: "Chapel Allerton", svcs: "art"},
	{name: "Chapeltown Langar Seva", area: "Chapeltown", svcs: "foo+fai fai", culture: "Sikh and Punjabi", langs: "pa"},
	{name: "Chapeltown Youth Collective", area: "Chapeltown", svcs: "you+mus you"},
	{name: "Asmara Friends Leeds", area: "Chapeltown", svcs: "fai eso", culture: "Eritrean", langs: "ti"},
	{name: "Roundhay Lakeside Walkers", area: "Roundhay", svcs: "wal"},
	{name: "Oakwood Memory Café", area: "Oakwood", svcs: "dem"},
	{name: "Oakwood Community Singers", area: "Oakwood", svcs: "mus"},
	{name: "Roundhay Grief Café", area: "Roundhay", svcs: "ber"},
	{name: "Moortown Carers' Café", area: "Moortown", svcs: "car dem"},
	{name: "Alwoodley Friendship Lunch Club", area: "Alwoodley", svcs: "lun soc"},
	{name: "Shadwell Village Walkers", area: "Shadwell", svcs: "wal"},
	{name: "Moortown Bridge Club", area: "Moortown", svcs: "lea"},
	{name: "Holt Park Friendship Group", area: "Holt Park", svcs: "soc lun phy"},
	{name: "Cookridge Active Over-55s", area: "Cookridge", svcs: "phy phy"},
	{name: "Adel Woods Volunteers", area: "Adel", svcs: "gar"},
	{name: "Bramhope Village Book Group", area: "Bramhope", svcs: "lea"},
	{name: "Ireland Wood Youth Club", area: "Ireland Wood", svcs: "you"},
	{name: "Weetwood Community Orchard", area: "Weetwood", svcs: "gar+vol"},

	// Seacroft, Swarcliffe, Whinmoor, Cross Gates, Halton, Osmondthorpe.
	{name: "Seacroft Friendship Centre", area: "Seacroft", svcs: "lun soc bef dig car"},
	{name: "Swarcliffe Good Company", area: "Swarcliffe", svcs: "soc foo"},
	{name: "Seacroft Tool Shed", area: "Seacroft", svcs: "she"},
	{name: "Whinmoor Youth Football", area: "Whinmoor", svcs: "you+phy"},
	{name: "Seacroft Job Club", area: "Seacroft", svcs: "emp"},
	{name: "Breathing Space Seacroft", area: "Seacroft", svcs: "ltc+mus"},
	{name: "Cross Gates Community Friends", area: "Cross Gates", svcs: "lun soc bef@t"},
	{name: "Halton Moor Family Project", area: "Halton Moor", svcs: "par par foo"},
	{name: "Osmondthorpe Over-Fifties Club", area: "Osmondthorpe", svcs: "soc lun"},
	{name: "Halton Scrapbook and Card Club", area: "Halton", svcs: "art"},
	{name: "Temple Newsam Walled Garden Volunteers", area: "Temple Newsam", svcs: "gar vol"},
	{name: "Cross Gates Bereavement Café", area: "Cross Gates", svcs: "ber"},
	{name: "Halton Male Voice Choir", area: "Halton", svcs: "mus"},
	{name: "Cross Gates Photography Circle", area: "Cross Gates", svcs: "lea"},

	// More groups across the city.
	{name: "Garforth Tinkerers' Shed", area: "Garforth", svcs: "she"},
	{name: "Middleton Make and Mend", area: "Middleton", svcs: "she"},
	{name: "Beeston Community Workshop", area: "Beeston", svcs: "she+vol"},
	{name: "Morley Armed Forces Friendship Group", area: "Morley", svcs: "vet"},
	{name: "Armley Tea Dance Society", area: "Armley", svcs: "phy soc"},
	{name: "Horsforth Pilates and Stretch", area: "Horsforth", svcs: "phy phy"},
	{name: "Rothwell Art Society", area: "Rothwell", svcs: "art lea"},
	{name: "Meanwood Ukulele Orchestra", area: "Meanwood", svcs: "mus"},
	{name: "Otley Folk Singers", area: "Otley", svcs: "mus"},
	{name: "Rawdon Village Lunch Club", area: "Rawdon", svcs: "lun"},
	{name: "Adel Parish Lunch Club", area: "Adel", svcs: "lun"},
	{name: "Gildersome Over-60s Lunch Club", area: "Gildersome", svcs: "lun"},
	{name: "Kippax Knit and Knatter", area: "Kippax", svcs: "art"},
	{name: "Bramley Tots and Tinies", area: "Bramley", svcs: "par"},
	{name: "Pudsey Playtime", area: "Pudsey", svcs: "par"},
	{name: "Chapel Allerton Book Circle", area: "Chapel Allerton", svcs: "lea"},
	{name: "Hunslet Line Dancing Club", area: "Hunslet", svcs: "phy"},
	{name: "Wetherby Walking Netball", area: "Wetherby", svcs: "phy"},
	{name: "Roundhay Watercolour Group", area: "Roundhay", svcs: "art"},
	{name: "Boston Spa Lunch Club", area: "Boston Spa", svcs: "lun"},
	{name: "Farsley Friday Club", area: "Farsley", svcs: "soc lun"},
}

// ---------------------------------------------------------------------------
// Generator.

type generator struct {
	terms     map[string]*TaxonomyTerm
	pcs       *postcodes
	areas     map[string]*area
	areaList  []*area
	venues    []*venue
	kinds     map[string]*kindSpec // by code
	kindsByID map[string]*kindSpec
	numNext   int
	locals    []int // shuffled 0113 496 0xxx line numbers
	frees     []int // shuffled 0808 157 0xxx line numbers
	names     map[string]bool
	tplUse    map[string]int
	descs     map[string]bool
	meta      []*svcMeta
	renamed   int
}

type svcMeta struct {
	svc    *Service
	org    *orgSpec
	orgObj *Organization
	kind   *kindSpec
	mode   string // "in person", "online", "phone", "mixed"
	ids    idMaker
	key    string
	day    string // first day the service meets, "TU"
	venues []*venue
	phone  string
}

const (
	modeInPerson = "in person"
	modeOnline   = "online"
	modePhone    = "phone"
	modeMixed    = "mixed"
)

func rngFor(key string) *rand.Rand {
	h := sha1.Sum([]byte(key))
	var a, b uint64
	for i := 0; i < 8; i++ {
		a = a<<8 | uint64(h[i])
		b = b<<8 | uint64(h[8+i])
	}
	return rand.New(rand.NewPCG(seed1^a, seed2^b))
}

func newGenerator(terms map[string]*TaxonomyTerm, pcs *postcodes) (*generator, error) {
	g := &generator{
		terms: terms, pcs: pcs,
		areas: map[string]*area{}, kinds: map[string]*kindSpec{}, kindsByID: map[string]*kindSpec{},
		names: map[string]bool{}, descs: map[string]bool{}, tplUse: map[string]int{},
		numNext: 10230,
	}
	for _, k := range kindTable {
		if _, ok := terms[k.id]; !ok {
			return nil, fmt.Errorf("kind %q is not in the taxonomy", k.id)
		}
		g.kinds[k.code] = k
		g.kindsByID[k.id] = k
	}
	for id := range terms {
		if g.kindsByID[id] == nil {
			return nil, fmt.Errorf("taxonomy term %q has no kind spec", id)
		}
	}
	r := rngFor("phones")
	g.locals = r.Perm(1000)
	g.frees = r.Perm(1000)

	byOutcode := map[string][]*postcode{}
	for _, pc := range pcs.rows {
		byOutcode[pc.outcode] = append(byOutcode[pc.outcode], pc)
	}
	for i := range areaTable {
		a := &areaTable[i]
		var inWard, inSector []*postcode
		for _, pc := range byOutcode[a.outcode] {
			if pc.ward != a.ward {
				continue
			}
			inWard = append(inWard, pc)
			for _, s := range strings.Fields(a.sectors) {
				if pc.sector == a.outcode+" "+s {
					inSector = append(inSector, pc)
				}
			}
		}
		switch {
		case len(inSector) >= 5:
			a.pool = inSector
		case len(inWard) >= 5:
			a.pool = inWard
		default:
			a.pool = byOutcode[a.outcode]
		}
		if len(a.pool) == 0 {
			return nil, fmt.Errorf("area %s: no postcodes in %s", a.name, a.outcode)
		}
		for _, pc := range a.pool {
			a.lat += pc.lat
			a.lon += pc.lon
		}
		a.lat /= float64(len(a.pool))
		a.lon /= float64(len(a.pool))
		g.areas[a.name] = a
		g.areaList = append(g.areaList, a)
	}
	used := map[string]bool{}
	for _, vs := range venueTable {
		a := g.areas[vs.area]
		if a == nil {
			return nil, fmt.Errorf("venue %s: unknown area %s", vs.name, vs.area)
		}
		r := rngFor("venue/" + vs.name)
		var pc *postcode
		for try := 0; try < 50; try++ {
			c := a.pool[r.IntN(len(a.pool))]
			if !used[c.code] {
				pc = c
				break
			}
		}
		if pc == nil {
			return nil, fmt.Errorf("venue %s: no free postcode in %s", vs.name, vs.area)
		}
		used[pc.code] = true
		v := &venue{spec: vs, area: a, pc: pc, orgs: map[string]bool{}}
		v.loc = makeLocation(v, r)
		g.venues = append(g.venues, v)
	}
	return g, nil
}

func (g *generator) build() ([]*Service, error) {
	for i := range orgTable {
		if err := g.buildOrg(&orgTable[i]); err != nil {
			return nil, fmt.Errorf("%s: %w", orgTable[i].name, err)
		}
	}
	g.assignStatuses()
	g.assignAccepting()
	g.assignVerification()
	g.topUpLanguages()
	out := make([]*Service, len(g.meta))
	for i, m := range g.meta {
		out[i] = m.svc
	}
	return out, nil
}

func (g *generator) localNumber() string {
	if len(g.locals) == 0 {
		panic("out of 0113 496 0xxx numbers")
	}
	n := g.locals[0]
	g.locals = g.locals[1:]
	return fmt.Sprintf("0113 496 0%03d", n)
}

func (g *generator) freephone() string {
	if len(g.frees) == 0 {
		panic("out of 0808 157 0xxx numbers")
	}
	n := g.frees[0]
	g.frees = g.frees[1:]
	return fmt.Sprintf("0808 157 0%03d", n)
}

// placeName is how a service's place reads in a name or a sentence.
func placeName(a *area, orgArea string, inSentence bool) string {
	if a == nil {
		if orgArea == "WY" {
			return "West Yorkshire"
		}
		return "Leeds"
	}
	if a.name == "City Centre" {
		if inSentence {
			return "Leeds city centre"
		}
		return "Leeds City Centre"
	}
	return a.name
}

func (g *generator) buildOrg(o *orgSpec) error {
	tokens := strings.Fields(o.svcs)
	if len(tokens) < 1 || len(tokens) > 5 {
		return fmt.Errorf("has %d services, want 1 to 5", len(tokens))
	}
	r := rngFor("org/" + o.name)
	slug := slugify(o.name)
	ids := idMaker{numeric: o.numeric, next: &g.numNext, prefix: "org/" + slug}
	domain := slug + ".example.org"
	local := []string{"hello", "info", "contact", "admin", "hello", "info"}[r.IntN(6)]
	org := &Organization{
		Name:    o.name,
		Email:   local + "@" + domain,
		Website: "https://" + domain,
	}
	if o.numeric {
		org.ID = ids.id()
	} else {
		org.ID = uuidFor("organization", o.name)
	}
	orgPhone := g.localNumber()
	style := timeStyle(r)
	var home *area
	if o.area != "Leeds" && o.area != "WY" {
		home = g.areas[o.area]
		if home == nil {
			return fmt.Errorf("unknown area %q", o.area)
		}
	}
	var built []*svcMeta
	for i, tok := range tokens {
		m, err := g.buildService(o, org, ids, home, orgPhone, style, i, tok, r)
		if err != nil {
			return fmt.Errorf("service %d (%s): %w", i+1, tok, err)
		}
		built = append(built, m)
		g.meta = append(g.meta, m)
	}
	org.Description = orgDescription(o, home, built, r)
	return nil
}

// timeStyle picks how an organisation's feed writes times: most write
// "HH:MM", some "HH:MM:SS", a few add a zone.
func timeStyle(r *rand.Rand) int {
	switch n := r.IntN(100); {
	case n < 78:
		return 0
	case n < 92:
		return 1
	case n < 97:
		return 2
	default:
		return 3
	}
}

func fmtClock(hm string, style int) string {
	switch style {
	case 1:
		if hm == "23:59" {
			return "23:59:59"
		}
		return hm + ":00"
	case 2:
		return hm + "+00:00"
	case 3:
		return hm + "Z"
	}
	return hm
}

func (g *generator) buildService(o *orgSpec, org *Organization, ids idMaker, home *area, orgPhone string, style, idx int, tok string, r *rand.Rand) (*svcMeta, error) {
	kindPart, modeCode, _ := strings.Cut(tok, "@")
	c1, c2, _ := strings.Cut(kindPart, "+")
	ks := g.kinds[c1]
	if ks == nil {
		return nil, fmt.Errorf("unknown kind %q", c1)
	}
	var second *kindSpec
	if c2 != "" {
		if second = g.kinds[c2]; second == nil {
			return nil, fmt.Errorf("unknown kind %q", c2)
		}
	} else if len(ks.secondary) > 0 && r.Float64() < 0.3 {
		second = g.kindsByID[ks.secondary[r.IntN(len(ks.secondary))]]
	}
	nVenues := 0
	mode := modeInPerson
	switch modeCode {
	case "", "p":
		nVenues = 1
		if home != nil && !strings.Contains("she gar bef", ks.code) && r.Float64() < 0.1 {
			nVenues = 2
		}
	case "p2":
		nVenues = 2
	case "o":
		mode = modeOnline
	case "t":
		mode = modePhone
	case "m":
		mode = modeMixed
		nVenues = 1
	default:
		return nil, fmt.Errorf("unknown mode %q", modeCode)
	}
	if mode != modeInPerson && len(ks.rOpeners) == 0 {
		return nil, fmt.Errorf("kind %s has no remote sentences", ks.id)
	}
	if mode == modeInPerson && len(ks.openers) == 0 {
		return nil, fmt.Errorf("kind %s cannot be in person", ks.id)
	}
	key := fmt.Sprintf("service/%d", idx)
	m := &svcMeta{org: o, orgObj: org, kind: ks, mode: mode, ids: ids, key: key}
	s := &Service{Organization: org, Status: "active"}
	m.svc = s
	if o.numeric {
		s.ID = ids.id()
	} else {
		s.ID = ids.id(key)
	}

	// Where.
	for v := 0; v < nVenues; v++ {
		anchorLat, anchorLon := 0.0, 0.0
		switch {
		case home != nil && v == 0:
			anchorLat, anchorLon = home.lat, home.lon
		case v > 0 && home != nil:
			// A second venue for a local group: near the first, elsewhere.
			anchorLat, anchorLon = m.venues[0].pc.lat+0.01*(r.Float64()-0.5), m.venues[0].pc.lon+0.02*(r.Float64()-0.5)
		default:
			a := g.areaList[r.IntN(len(g.areaList))]
			anchorLat, anchorLon = a.lat, a.lon
		}
		ven := g.chooseVenue(ks, o.name, anchorLat, anchorLon, m.venues, r)
		if ven == nil {
			return nil, fmt.Errorf("no venue for %s", ks.id)
		}
		ven.used++
		ven.orgs[o.name] = true
		m.venues = append(m.venues, ven)
	}

	// When.
	attending := "in person"
	switch mode {
	case modeOnline:
		attending = "online"
	case modePhone:
		attending = "phone"
	}
	var first Schedule
	if len(m.venues) > 0 {
		for vi, ven := range m.venues {
			sch := g.makeSchedule(ks, mode, style, ids, key+fmt.Sprintf("/sal/%d/schedule/0", vi), attending, r)
			if vi == 0 {
				first = sch
			}
			s.ServiceAtLocations = append(s.ServiceAtLocations, ServiceAtLocation{
				ID:        ids.id(key, "sal", strconv.Itoa(vi)),
				Location:  ven.loc,
				Schedules: []Schedule{sch},
			})
		}
	} else {
		first = g.makeSchedule(ks, mode, style, ids, key+"/schedule/0", attending, r)
		s.Schedules = []Schedule{first}
	}
	m.day = firstDay(first.Byday)
	slug := slugify(o.name)
	if mode == modeOnline || mode == modeMixed {
		platform := []string{"Zoom", "Zoom", "Microsoft Teams", "Google Meet"}[r.IntN(4)]
		virt := &Location{
			ID:           ids.id(key, "virtual-location"),
			LocationType: "virtual",
			URL:          fmt.Sprintf("https://%s.example.org/join", slug),
			Name:         "Online (" + platform + ")",
			Description:  []string{"The joining link is emailed when you book.", "Join from a computer, tablet or smartphone; the link is on our website.", "We send the link by email or text the day before."}[r.IntN(3)],
		}
		sal := ServiceAtLocation{ID: ids.id(key, "sal", "online"), Location: virt}
		if mode == modeMixed {
			online := first
			online.ID = ids.id(key, "sal/online/schedule/0")
			online.AttendingType = "online"
			sal.Schedules = []Schedule{online}
		}
		s.ServiceAtLocations = append(s.ServiceAtLocations, sal)
	}

	// Place used in names and sentences.
	var place *area
	if len(m.venues) > 0 {
		place = m.venues[0].area
	} else {
		place = home
	}
	placeN := placeName(place, o.area, false)
	placeS := placeName(place, o.area, true)

	// Contact details.
	if mode == modePhone {
		if o.area == "WY" || ks.code == "hel" || ks.code == "dom" || r.Float64() < 0.3 {
			m.phone = g.freephone()
		} else {
			m.phone = orgPhone
		}
	} else {
		m.phone = orgPhone
	}
	switch {
	case mode == modePhone:
		desc := "Calls cost the same as a local call."
		if strings.HasPrefix(m.phone, "0808") {
			desc = "Free to call from landlines and mobiles."
		}
		s.Phones = []Phone{{ID: ids.id(key, "phone/0"), Number: m.phone, Type: "voice", Description: desc}}
	case r.Float64() < 0.8:
		s.Phones = []Phone{{ID: ids.id(key, "phone/0"), Number: m.phone, Type: "voice"}}
	}
	if r.Float64() < 0.5 {
		s.Email = org.Email
	} else {
		s.Email = ks.mail + "@" + slug + ".example.org"
	}

	// Who, what it costs, how to get in.
	routes := pickRoutes(ks, mode, r)
	s.SPReferralRoutes = routes
	s.SPAcceptingReferrals = "yes"
	minAge, maxAge := pickAges(ks, r)
	agesText := ""
	if minAge > 0 && maxAge > 0 {
		agesText = fmt.Sprintf("%d to %d", minAge, maxAge)
		s.MinimumAge, s.MaximumAge = &minAge, &maxAge
	} else if minAge > 0 {
		s.MinimumAge = &minAge
	}
	if ks.code == "you" && agesText == "" {
		agesText = "11 to 25"
	}
	free, cost := pickCost(ks, r)
	if mode == modeOnline || mode == modePhone {
		free, cost = true, CostOption{Option: "Free", Amount: 0, Currency: "GBP", AmountDescription: "Free"}
	}
	cost.ID = ids.id(key, "cost/0")
	s.CostOptions = []CostOption{cost}

	// Name.
	name, err := g.pickName(ks, mode, placeN, o.name, o.culture, first, r)
	if err != nil {
		return nil, err
	}
	s.Name = name
	svcSlug := slugify(name)
	if r.Float64() < 0.85 {
		s.URL = fmt.Sprintf("https://%s.example.org/%s", slug, svcSlug)
	}
	for i := range s.ServiceAtLocations {
		if l := s.ServiceAtLocations[i].Location; l.LocationType == "virtual" {
			l.URL = fmt.Sprintf("https://%s.example.org/join/%s", slug, svcSlug)
		}
	}

	venueName := ""
	if len(m.venues) > 0 {
		venueName = m.venues[0].spec.name
	}
	where := "at " + venueName
	switch {
	case mode == modeOnline:
		where = "online"
	case mode == modePhone:
		where = "by phone"
	case len(m.venues) == 2:
		where = "at " + venueName + " and at " + m.venues[1].spec.name
	}
	fill := strings.NewReplacer(
		"{name}", name, "{org}", o.name, "{place}", placeS, "{venue}", venueName,
		"{where}", where, "{when}", whenPhrase(first, mode), "{ages}", agesText,
		"{culture}", o.culture,
	)
	desc, err := g.pickDescription(ks, mode, name, fill, venueName != "", o.culture != "", free, routes, r)
	if err != nil {
		return nil, err
	}
	s.Description = desc

	// Eligibility in plain words.
	s.EligibilityDescription = eligibility(ks, minAge, maxAge, o.culture, fill, r)
	s.ApplicationProcess = applicationProcess(routes, mode, m.phone, s.Email, first, r)

	// Languages.
	s.Languages = []Language{{ID: ids.id(key, "language/en"), Name: "English", Code: "en"}}
	var spoken []string
	for _, code := range strings.Fields(o.langs) {
		s.Languages = append(s.Languages, Language{ID: ids.id(key, "language/"+code), Name: langNames[code], Code: code, Note: langNote(code, r)})
		spoken = append(spoken, langNames[code])
	}
	if len(spoken) > 0 {
		s.InterpretationServices = interpretation(spoken, r)
	}

	// Contacts, now and then.
	if mode != modePhone && r.Float64() < 0.12 && len(ks.contactTitles) > 0 {
		first, last := firstNames[r.IntN(len(firstNames))], lastNames[r.IntN(len(lastNames))]
		s.Contacts = []Contact{{
			ID:    ids.id(key, "contact/0"),
			Name:  first + " " + last,
			Title: ks.contactTitles[r.IntN(len(ks.contactTitles))],
			Email: strings.ToLower(first) + "@" + slug + ".example.org",
		}}
	}

	// Service area for services not tied to a venue.
	if mode != modeInPerson {
		if o.area == "WY" {
			s.ServiceAreas = []ServiceArea{{ID: ids.id(key, "area/0"), Name: "West Yorkshire", Description: "Open to anyone living in Leeds, Bradford, Calderdale, Kirklees or Wakefield."}}
		} else {
			s.ServiceAreas = []ServiceArea{{ID: ids.id(key, "area/0"), Name: "Leeds", Description: "Open to anyone living in the Leeds district."}}
		}
	}

	// Kinds of support.
	kinds := []*kindSpec{ks}
	if second != nil && second != ks {
		kinds = append(kinds, second)
	}
	for i, k := range kinds {
		t := g.terms[k.id]
		s.Attributes = append(s.Attributes, Attribute{
			ID:             ids.id(key, "attribute/"+strconv.Itoa(i)),
			TaxonomyTermID: t.ID,
			LinkType:       "service",
			TaxonomyTerm:   t,
		})
	}
	return m, nil
}

// chooseVenue picks the best venue for a kind of support near an anchor
// point: the right type of place first, then distance, then spreading use
// and keeping an organisation's groups under one roof.
func (g *generator) chooseVenue(ks *kindSpec, org string, lat, lon float64, exclude []*venue, r *rand.Rand) *venue {
	var best *venue
	bestScore := math.Inf(1)
	for _, v := range g.venues {
		skip := false
		for _, e := range exclude {
			if e == v {
				skip = true
			}
		}
		if skip {
			continue
		}
		rank := strings.Index(ks.venues, v.spec.kind)
		if rank < 0 && v.orgs[org] {
			// An organisation's own base suits most of what it runs.
			rank = len(ks.venues)
		}
		if rank < 0 {
			if !strings.Contains("HC", v.spec.kind) || strings.ContainsAny(ks.venues, "WGP") && !strings.Contains(ks.venues, "H") {
				continue
			}
			rank = len(ks.venues) + 1
		}
		d := km(lat, lon, v.pc.lat, v.pc.lon)
		score := float64(rank)*1.2 + d*0.9 + float64(v.used)*0.15 + r.Float64()*0.8
		if v.orgs[org] {
			score -= 1.5
		}
		if score < bestScore {
			best, bestScore = v, score
		}
	}
	return best
}

func km(lat1, lon1, lat2, lon2 float64) float64 {
	const R = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * R * math.Asin(math.Sqrt(a))
}

// ---------------------------------------------------------------------------
// Schedules.

var dayOrder = []string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}

var dayNames = map[string]string{
	"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday",
	"FR": "Friday", "SA": "Saturday", "SU": "Sunday",
}

var ordinalNames = map[string]string{"1": "first", "2": "second", "3": "third", "4": "fourth", "-1": "last"}

func (g *generator) makeSchedule(ks *kindSpec, mode string, style int, ids idMaker, key, attending string, r *rand.Rand) Schedule {
	slots := ks.slots
	if len(ks.phoneSlots) > 0 && (mode == modePhone || mode == modeOnline && strings.Contains("hel dom deb ben hou", ks.code)) {
		slots = ks.phoneSlots
	}
	slot := slots[r.IntN(len(slots))]
	days, times, ok := strings.Cut(slot, "@")
	if !ok {
		days, times = "*", slot
	}
	if days == "*" {
		allowed := strings.Fields(ks.days)
		days = allowed[r.IntN(len(allowed))]
		// Now and then a group meets twice a week.
		if mode != modePhone && r.Float64() < 0.07 {
			other := allowed[r.IntN(len(allowed))]
			if other != days {
				days = joinDays(days, other)
			}
		}
	}
	opens, closes, _ := strings.Cut(times, "-")
	sch := Schedule{
		ID:            ids.id(strings.Split(key, "/")...),
		Freq:          "WEEKLY",
		Byday:         days,
		OpensAt:       fmtClock(opens, style),
		ClosesAt:      fmtClock(closes, style),
		AttendingType: attending,
	}
	if !strings.Contains(days, ",") && mode != modePhone && !is24h(opens, closes) && r.Float64() < ks.monthly {
		ord := []string{"1", "1", "2", "2", "3", "4", "-1", "-1"}[r.IntN(8)]
		sch.Freq = "MONTHLY"
		sch.Byday = ord + days
	}
	sch.Description = scheduleText(sch.Freq, sch.Byday, opens, closes)
	return sch
}

func joinDays(a, b string) string {
	var out []string
	for _, d := range dayOrder {
		if d == a || d == b {
			out = append(out, d)
		}
	}
	return strings.Join(out, ",")
}

// firstDay returns the first day code in a byday value ("1TH" gives "TH").
func firstDay(byday string) string {
	d, _, _ := strings.Cut(byday, ",")
	return strings.TrimLeft(d, "-0123456789")
}

func splitOrdinal(byday string) (ord, day string) {
	day = strings.TrimLeft(byday, "-0123456789")
	return byday[:len(byday)-len(day)], day
}

// clock12 writes "10:00" as "10am", "13:30" as "1.30pm", "12:00" as "12 noon".
func clock12(hm string) string {
	h, _ := strconv.Atoi(hm[:2])
	mi := hm[3:5]
	switch {
	case h == 12 && mi == "00":
		return "12 noon"
	case h == 0 && mi == "00":
		return "midnight"
	}
	suffix := "am"
	if h >= 12 {
		suffix = "pm"
		if h > 12 {
			h -= 12
		}
	}
	if mi == "00" {
		return fmt.Sprintf("%d%s", h, suffix)
	}
	return fmt.Sprintf("%d.%s%s", h, mi, suffix)
}

func plural(day string) string { return dayNames[day] + "s" }

func listWords(ws []string) string {
	switch len(ws) {
	case 0:
		return ""
	case 1:
		return ws[0]
	}
	return strings.Join(ws[:len(ws)-1], ", ") + " and " + ws[len(ws)-1]
}

func is24h(opens, closes string) bool { return opens == "00:00" && closes == "23:59" }

func scheduleText(freq, byday, opens, closes string) string {
	hours := clock12(opens) + " to " + clock12(closes)
	if freq == "MONTHLY" {
		ord, day := splitOrdinal(byday)
		o := ordinalNames[ord]
		return strings.ToUpper(o[:1]) + o[1:] + " " + dayNames[day] + " of the month " + hours
	}
	days := strings.Split(byday, ",")
	switch {
	case len(days) == 7 && is24h(opens, closes):
		return "24 hours a day, every day"
	case len(days) == 7:
		return "Every day " + hours
	case byday == "MO,TU,WE,TH,FR":
		return "Monday to Friday " + hours
	case byday == "MO,TU,WE,TH":
		return "Monday to Thursday " + hours
	}
	var ps []string
	for _, d := range days {
		ps = append(ps, plural(d))
	}
	return listWords(ps) + " " + hours
}

func partOfDay(opens string) string {
	switch {
	case opens < "11:30":
		return "morning"
	case opens < "12:30":
		return "lunchtime"
	case opens < "17:00":
		return "afternoon"
	}
	return "evening"
}

// whenPhrase says when a service runs, for use inside a sentence.
func whenPhrase(s Schedule, mode string) string {
	opens, closes := s.OpensAt[:5], s.ClosesAt[:5]
	hours := "from " + clock12(opens) + " to " + clock12(closes)
	if s.Freq == "MONTHLY" {
		ord, day := splitOrdinal(s.Byday)
		return "on the " + ordinalNames[ord] + " " + dayNames[day] + " of every month"
	}
	days := strings.Split(s.Byday, ",")
	switch {
	case len(days) == 7 && is24h(opens, closes):
		return "day or night, every day of the year"
	case len(days) == 7:
		return "every day " + hours
	case s.Byday == "MO,TU,WE,TH,FR":
		return "on weekdays " + hours
	case len(days) == 1 && mode != modePhone:
		return "every " + dayNames[days[0]] + " " + partOfDay(opens)
	}
	var ps []string
	for _, d := range days {
		ps = append(ps, plural(d))
	}
	if mode == modePhone {
		return "on " + listWords(ps) + " " + hours
	}
	return "on " + listWords(ps)
}

// ---------------------------------------------------------------------------
// Names and descriptions.

func isOnlineName(n string) bool {
	l := strings.ToLower(n)
	for _, w := range []string{"online", "zoom", "virtual", "video", "webchat", "web chat", "at home", "from home"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

func isPhoneName(n string) bool {
	if isOnlineName(n) {
		return false
	}
	l := strings.ToLower(n)
	for _, w := range []string{"line", "phone", "call", "text", "post"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

func (g *generator) pickName(ks *kindSpec, mode, place, org, culture string, first Schedule, r *rand.Rand) (string, error) {
	singleDay := !strings.Contains(first.Byday, ",")
	day := dayNames[firstDay(first.Byday)]
	render := func(t string) string {
		return strings.NewReplacer("{P}", place, "{D}", day, "{O}", org).Replace(t)
	}
	pool := ks.names
	if mode == modeOnline || mode == modePhone {
		var want []string
		for _, n := range ks.remoteNames {
			_, plain := splitTag(n)
			if (mode == modePhone) == isPhoneName(render(plain)) {
				want = append(want, n)
			}
		}
		if len(want) == 0 {
			return "", fmt.Errorf("kind %s has no %s names", ks.id, mode)
		}
		pool = want
	}
	// Try the least-used patterns first, in random order, so that names
	// spread evenly over a kind's patterns.
	order := r.Perm(len(pool))
	sort.SliceStable(order, func(i, j int) bool {
		return g.tplUse[ks.code+pool[order[i]]] < g.tplUse[ks.code+pool[order[j]]]
	})
	var fallback string
	for _, oi := range order {
		raw := pool[oi]
		t := raw
		if strings.Contains(t, "{D}") && !singleDay {
			continue
		}
		if d := dayInName(t); d != "" && d != firstDay(first.Byday) {
			continue
		}
		// "[c:a,b]" limits a pattern to organisations from those
		// communities, "[o:a,b]" to organisations whose name has a or b.
		if strings.HasPrefix(t, "[c:") || strings.HasPrefix(t, "[o:") {
			end := strings.Index(t, "]")
			in := culture
			if t[1] == 'o' {
				in = org
			}
			fits := false
			for _, c := range strings.Split(t[3:end], ",") {
				fits = fits || in != "" && strings.Contains(in, c)
			}
			if !fits {
				continue
			}
			t = t[end+1:]
		}
		n := render(t)
		if fallback == "" {
			fallback = n
		}
		if !g.names[n] {
			g.names[n] = true
			g.tplUse[ks.code+raw]++
			return n, nil
		}
	}
	// Every pattern is taken: put the place in front, as real groups do.
	var cands []string
	if !strings.HasPrefix(fallback, place) {
		cands = append(cands, place+" "+fallback)
	}
	cands = append(cands, fallback+" ("+org+")")
	for _, n := range cands {
		if !g.names[n] {
			g.names[n] = true
			g.renamed++
			return n, nil
		}
	}
	return "", fmt.Errorf("no unique name for %s in %s", ks.id, place)
}

// dayInName returns the day code of a weekday written into a name pattern,
// such as "Friday Night Project", or "".
func dayInName(t string) string {
	for code, d := range dayNames {
		if strings.Contains(t, d) {
			return code
		}
	}
	return ""
}

var bookingWords = []string{"turn up", "no need to book", "don't need to book", "just come along"}
var freeWords = []string{"it's free", "always free", "costs nothing", "free and confidential", "it costs you nothing"}

// sentenceCtx is what a sentence from a bank must fit.
type sentenceCtx struct {
	mode, name           string
	hasVenue, hasCulture bool
	free, dropIn         bool
}

// splitTag separates a sentence's tag from its text. "t:" and "o:" mark
// phone-only and online-only sentences; "[a,b]" marks a sentence that only
// fits a service whose name contains a or b.
func splitTag(s string) (tag, text string) {
	switch {
	case strings.HasPrefix(s, "t:"), strings.HasPrefix(s, "o:"):
		return s[:2], s[2:]
	case strings.HasPrefix(s, "["):
		if i := strings.Index(s, "]"); i > 0 {
			return s[:i+1], s[i+1:]
		}
	}
	return "", s
}

func usable(s string, c sentenceCtx) bool {
	tag, s := splitTag(s)
	switch {
	case tag == "t:" && c.mode != modePhone, tag == "o:" && c.mode != modeOnline:
		return false
	case strings.HasPrefix(tag, "["):
		name := strings.ToLower(c.name)
		hit := false
		for _, kw := range strings.Split(tag[1:len(tag)-1], ",") {
			hit = hit || strings.Contains(name, kw)
		}
		if !hit {
			return false
		}
	}
	free, dropIn := c.free, c.dropIn
	l := strings.ToLower(s)
	if !c.hasVenue && strings.Contains(s, "{venue}") {
		return false
	}
	if !c.hasCulture && strings.Contains(s, "{culture}") {
		return false
	}
	if !dropIn {
		for _, w := range bookingWords {
			if strings.Contains(l, w) {
				return false
			}
		}
	}
	if !free {
		for _, w := range freeWords {
			if strings.Contains(l, w) {
				return false
			}
		}
	}
	return true
}

func pickFrom(bank []string, n int, ok func(string) bool, r *rand.Rand) []string {
	var cand []string
	for _, s := range bank {
		if ok(s) {
			cand = append(cand, s)
		}
	}
	r.Shuffle(len(cand), func(i, j int) { cand[i], cand[j] = cand[j], cand[i] })
	if n > len(cand) {
		n = len(cand)
	}
	out := cand[:n]
	for i, x := range out {
		_, out[i] = splitTag(x)
	}
	return out
}

func (g *generator) pickDescription(ks *kindSpec, mode, name string, fill *strings.Replacer, hasVenue, hasCulture, free bool, routes []string, r *rand.Rand) (string, error) {
	dropIn := false
	for _, x := range routes {
		if x == "drop-in" {
			dropIn = true
		}
	}
	c := sentenceCtx{mode: mode, name: name, hasVenue: hasVenue, hasCulture: hasCulture, free: free, dropIn: dropIn}
	ok := func(s string) bool { return usable(s, c) }
	remote := mode == modeOnline || mode == modePhone
	openers, details, closers := ks.openers, ks.details, append(append([]string{}, ks.closers...), genericClosers...)
	if remote {
		openers, details, closers = ks.rOpeners, ks.rDetails, remoteClosers
	}
	for try := 0; try < 40; try++ {
		var parts []string
		parts = append(parts, pickFrom(openers, 1, ok, r)...)
		nd := 1
		if r.Float64() < 0.6 {
			nd = 2
		}
		parts = append(parts, pickFrom(details, nd, ok, r)...)
		if r.Float64() < 0.85 {
			parts = append(parts, pickFrom(closers, 1, ok, r)...)
		}
		if mode == modeMixed {
			parts = append(parts, hybridSentences[r.IntN(len(hybridSentences))])
		}
		if len(parts) < 2 {
			continue
		}
		d := fill.Replace(strings.Join(parts, " "))
		if n := sentences(d); n > 5 {
			continue
		}
		if !g.descs[d] {
			g.descs[d] = true
			return d, nil
		}
	}
	return "", fmt.Errorf("no unique description for a %s service", ks.id)
}

func pickRoutes(ks *kindSpec, mode string, r *rand.Rand) []string {
	have := map[string]bool{}
	for _, x := range ks.routes {
		have[x] = true
	}
	for _, x := range ks.extraRoutes {
		if r.Float64() < 0.5 {
			have[x] = true
		}
	}
	if mode == modePhone || mode == modeOnline && r.Float64() < 0.6 {
		delete(have, "drop-in")
	}
	if mode != modeInPerson && !have["drop-in"] {
		have["self-referral"] = true
	}
	var out []string
	for _, x := range []string{"self-referral", "professional-referral", "drop-in"} {
		if have[x] {
			out = append(out, x)
		}
	}
	if len(out) == 0 {
		out = []string{"self-referral"}
	}
	return out
}

func pickAges(ks *kindSpec, r *rand.Rand) (int, int) {
	a := ks.ages[r.IntN(len(ks.ages))]
	if a == "" {
		return 0, 0
	}
	lo, hi, _ := strings.Cut(a, "-")
	min, _ := strconv.Atoi(lo)
	max, _ := strconv.Atoi(hi)
	return min, max
}

func pickCost(ks *kindSpec, r *rand.Rand) (bool, CostOption) {
	if r.Float64() < ks.free || len(ks.charges) == 0 {
		d := []string{"Free", "Free", "Free", "Free of charge", "Free; donations welcome"}[r.IntN(5)]
		return true, CostOption{Option: "Free", Amount: 0, Currency: "GBP", AmountDescription: d}
	}
	if r.Float64() < ks.pwyc {
		return true, CostOption{Option: "Pay what you can", Amount: 0, Currency: "GBP", AmountDescription: "Pay what you can"}
	}
	c := ks.charges[r.IntN(len(ks.charges))]
	return false, CostOption{Option: c.option, Amount: c.amount, Currency: "GBP", AmountDescription: c.desc}
}

func eligibility(ks *kindSpec, min, max int, culture string, fill *strings.Replacer, r *rand.Rand) string {
	var who []string
	for _, w := range ks.who {
		if culture == "" && strings.Contains(w, "{culture}") {
			continue
		}
		if strings.HasPrefix(w, "*") {
			if min > 0 {
				continue
			}
			w = w[1:]
		}
		who = append(who, w)
	}
	w := fill.Replace(who[r.IntN(len(who))])
	if ks.code == "you" || min == 0 {
		return w
	}
	var age string
	switch {
	case max > 0:
		age = fmt.Sprintf("Aged %d to %d.", min, max)
	case min == 18:
		age = []string{"Adults aged 18 and over.", "Open to anyone aged 18 or over."}[r.IntN(2)]
	default:
		age = []string{"Aged %d and over.", "For people aged %d or over."}[r.IntN(2)]
		age = fmt.Sprintf(age, min)
	}
	return age + " " + w
}

func applicationProcess(routes []string, mode, phone, email string, first Schedule, r *rand.Rand) string {
	var parts []string
	dropIn := false
	for _, rt := range routes {
		dropIn = dropIn || rt == "drop-in"
	}
	// Say how to just turn up before how to get in touch.
	for _, rt := range []string{"drop-in", "self-referral", "professional-referral"} {
		if !slices.Contains(routes, rt) {
			continue
		}
		var bank []string
		switch rt {
		case "drop-in":
			if mode == modeOnline {
				bank = []string{"Use the joining link on our website; there's no need to book.", "Just click the link on our website at the start time."}
			} else {
				bank = []string{"Just come along; there's no need to book.", "Drop in at any time during the session.", "Come along on the day; you don't need to book or be referred."}
			}
		case "self-referral":
			switch {
			case mode == modePhone:
				bank = []string{"Call " + phone + " " + whenPhrase(first, mode) + ".", "Ring " + phone + "; if the line is busy, leave a message and we'll call you back."}
			case dropIn:
				bank = []string{"If you'd like to ask anything first, ring " + phone + " or email " + email + ".", "You can also ring " + phone + " beforehand and we'll look out for you.", "Questions? Email " + email + " and we'll get back to you."}
			default:
				bank = []string{"Ring " + phone + " or email " + email + " to book a place.", "Contact us by phone or email and we'll arrange a first chat.", "Call " + phone + " and we'll talk you through how it works.", "Email " + email + " with your name and phone number and we'll get back to you within a week."}
			}
		case "professional-referral":
			bank = []string{"GPs, social prescribing link workers and other professionals can refer by email to " + email + ", with the person's consent.", "Link workers can refer using our short referral form; ask us for a copy.", "Professionals can refer by phone or email; please tell us about any access needs."}
		}
		parts = append(parts, bank[r.IntN(len(bank))])
	}
	return strings.Join(parts, " ")
}

var langNames = map[string]string{
	"ur": "Urdu", "pa": "Punjabi", "pl": "Polish", "ar": "Arabic", "ku": "Kurdish", "so": "Somali",
	"ro": "Romanian", "bn": "Bengali", "zh": "Chinese", "fa": "Farsi", "ti": "Tigrinya", "bfi": "British Sign Language",
}

func langNote(code string, r *rand.Rand) string {
	if code == "bfi" {
		return "British Sign Language (sgn-GB); Deaf-led sessions"
	}
	return []string{"Spoken by some of our staff and volunteers.", "Volunteers who speak it come to most sessions.", "Available at every session."}[r.IntN(3)]
}

func interpretation(langs []string, r *rand.Rand) string {
	return fmt.Sprintf([]string{"Staff and volunteers speak %s.", "Our volunteers speak %s, and other interpreters can be arranged with notice.", "Help is available in %s."}[r.IntN(3)], listWords(langs))
}

var firstNames = []string{"Sue", "Pat", "Dave", "Janet", "Gary", "Amina", "Tariq", "Bernadette", "Kwame", "Agnieszka", "Hannah", "Ravi", "Maureen", "Colin", "Fatima", "Liam", "Grace", "Imran", "Jean", "Winston", "Sian", "Harpreet", "Tom", "Shirley"}
var lastNames = []string{"Hartley", "Walker", "Ahmed", "Sutcliffe", "Kaur", "Brooke", "Mensah", "Nowak", "Greenwood", "Hussain", "Firth", "Holroyd", "Akhtar", "Barraclough", "Thompson", "Ibrahim", "Pickersgill", "Clarke"}

func orgDescription(o *orgSpec, home *area, svcs []*svcMeta, r *rand.Rand) string {
	seen := map[string]bool{}
	var phrases []string
	for _, m := range svcs {
		if !seen[m.kind.phrase] {
			seen[m.kind.phrase] = true
			phrases = append(phrases, m.kind.phrase)
		}
	}
	what := listWords(phrases)
	year := 1978 + r.IntN(46)
	place := placeName(home, o.area, true)
	if o.culture != "" {
		return fmt.Sprintf([]string{
			"%[1]s was started in %[2]d by members of the %[3]s community in %[4]s and is open to everyone. We offer %[5]s.",
			"%[1]s brings together %[3]s families and neighbours in %[4]s. Since %[2]d our volunteers have run %[5]s.",
		}[r.IntN(2)], o.name, year, o.culture, place, what)
	}
	switch o.area {
	case "WY":
		return fmt.Sprintf("%s is a registered charity working across West Yorkshire, set up in %d. We offer %s by phone and online, free and in confidence.", o.name, year, what)
	case "Leeds":
		return fmt.Sprintf([]string{
			"%[1]s is a Leeds charity founded in %[2]d. We run %[3]s in venues across the city and online.",
			"%[1]s has worked across Leeds since %[2]d, offering %[3]s with the help of trained volunteers.",
			"Founded in %[2]d, %[1]s offers %[3]s to people all over Leeds.",
		}[r.IntN(3)], o.name, year, what)
	}
	tpl := []string{
		"%[1]s is a small volunteer-led charity in %[3]s, set up by local residents in %[2]d. We run %[4]s.",
		"%[1]s is a community organisation serving %[3]s and the surrounding streets. Our volunteers run %[4]s.",
		"Founded in %[2]d, %[1]s brings neighbours together in %[3]s through %[4]s.",
		"%[1]s is a friendly, grassroots group based in %[3]s. Everything we do is run by volunteers, including %[4]s.",
		"We are %[1]s, a not-for-profit group supporting people in %[3]s since %[2]d. Our work includes %[4]s.",
		"%[1]s is a community interest company in %[3]s offering %[4]s.",
	}[r.IntN(6)]
	return fmt.Sprintf(tpl, o.name, year, place, what)
}

// ---------------------------------------------------------------------------
// Venues as HSDS locations.

var venueDescriptions = map[string][]string{
	"H": {"A church hall with a kitchen, plenty of tables and a small garden.", "A community hall with a main room, a small meeting room and a kitchen.", "A bright hall used by local groups most days of the week."},
	"L": {"A community library with a meeting room, public computers and free wi-fi.", "A small library with a room for groups at the back."},
	"S": {"A leisure centre with a sports hall, studio and pool.", "Sports centre with a studio, gym and café."},
	"P": {"Meet at the spot named; the walk leader carries a small flag.", "An outdoor meeting point; look for the group by the sign."},
	"G": {"A community growing space with raised beds, a polytunnel and a shelter.", "Allotment plots and a wildlife area, with a hut for tea breaks."},
	"W": {"A shared workshop with woodworking tools, benches and a kettle.", "A converted unit with a workshop, tool store and a small kitchen."},
	"Y": {"A youth centre with a games room, kitchen and sports hall.", "A youth base with a chill-out room and a kitchen."},
	"F": {"A family hub with a play room, baby-changing and a garden.", "A children's centre with a big play room and a quiet room for parents."},
	"R": {"A community room beside the place of worship, with a kitchen; everyone is welcome.", "A hall used for community events, with a kitchen and prayer room nearby."},
	"M": {"A community room on the ground floor of the health centre.", "A meeting room at the health centre, separate from the clinics."},
	"C": {"A community café with a room at the back for groups.", "A friendly café run by volunteers."},
	"O": {"An advice and community centre with private interview rooms.", "Offices with a drop-in area and private rooms for appointments."},
	"A": {"An arts space with big tables, a sink and good natural light.", "A studio used for art classes and exhibitions."},
	"K": {"A social club with a function room and a bar (soft drinks available).", "A members' club whose function room is used by community groups."},
}

type feature struct {
	phrase  string
	details []string
}

var (
	featWheelchair = feature{"wheelchair accessible", []string{"Level entrance at the front with automatic doors.", "Ramp to the side door; the main room is all on one level.", "Wide doors and plenty of room to move between tables.", "Lift to all floors and wide corridors."}}
	featStepFree   = feature{"step-free access", []string{"No steps from the car park to the meeting room.", "Step-free from the bus stop, with a dropped kerb outside.", "The room is on the ground floor with no steps."}}
	featLoop       = feature{"hearing loop", []string{"A hearing loop is fitted in the main room; switch your hearing aid to T.", "Portable hearing loop available; ask a volunteer."}}
	featToilet     = feature{"accessible toilet", []string{"Accessible toilet on the ground floor, with grab rails and an alarm cord.", "Accessible toilet next to the main room.", "Accessible toilet with baby-changing."}}
	featLargePrint = feature{"large print", []string{"Leaflets and forms are available in large print.", "Large print information and song sheets on request."}}
	featBSL        = feature{"BSL interpreter on request", []string{"We can book a BSL interpreter with two weeks' notice.", "Ask when you get in touch and we'll arrange a BSL interpreter."}}
	featQuiet      = feature{"quiet space", []string{"A small quiet room is available if you need time out.", "There's a quiet corner away from the main room."}}
)

const stairsOnly = "No lift; the room is up one flight of stairs"

func makeLocation(v *venue, r *rand.Rand) *Location {
	vs := v.spec
	id := uuidFor("location", vs.name)
	addr := vs.street
	if !strings.Contains("PG", vs.kind) && r.Float64() < 0.6 {
		addr = fmt.Sprintf("%d %s", 1+r.IntN(240), vs.street)
	}
	loc := &Location{
		ID:           id,
		LocationType: "physical",
		Name:         vs.name,
		Description:  venueDescriptions[vs.kind][r.IntN(len(venueDescriptions[vs.kind]))],
		Latitude:     json.Number(v.pc.latS),
		Longitude:    json.Number(v.pc.lonS),
		Addresses: []Address{{
			ID: uuidFor("address", vs.name), Address1: addr, City: "Leeds", StateProvince: "West Yorkshire",
			PostalCode: v.pc.code, Country: "GB", AddressType: "physical",
		}},
	}
	var tr []string
	if v.area.station != "" {
		tr = append(tr, []string{"About ten minutes' walk from %s station.", "A short walk from %s station."}[r.IntN(2)])
		tr[0] = fmt.Sprintf(tr[0], v.area.station)
	}
	tr = append(tr, []string{"Buses stop nearby on " + vs.street + ".", "Free parking on site.", "On-street parking nearby.", "Small car park; blue badge spaces by the door.", "Several bus routes stop within a few minutes' walk."}[r.IntN(5)])
	loc.Transportation = strings.Join(tr, " ")

	add := func(f feature, detail string) {
		if detail == "" {
			detail = f.details[r.IntN(len(f.details))]
		}
		loc.Accessibility = append(loc.Accessibility, Accessibility{
			ID:          uuidFor("accessibility", vs.name, f.phrase),
			Description: f.phrase,
			Details:     detail,
		})
	}
	p := func(x float64) bool { return r.Float64() < x }
	k := vs.kind
	if strings.Contains(vs.flags, "U") {
		loc.Accessibility = append(loc.Accessibility, Accessibility{
			ID:          uuidFor("accessibility", vs.name, "stairs"),
			Description: stairsOnly,
			Details:     []string{"There are 14 steps with a handrail on one side. Please ring if you need help.", "The ground floor is not used by the group; ring us and we can suggest somewhere step-free nearby.", "Steep stairs with a handrail; volunteers can carry bags up for you."}[r.IntN(3)],
		})
		if p(0.4) {
			add(featLoop, "")
		}
		if p(0.3) {
			add(featLargePrint, "")
		}
		return loc
	}
	switch k {
	case "P":
		add(featStepFree, []string{"The meeting point is on a level path next to the car park.", "Tarmac paths from the car park; the short route avoids all steps."}[r.IntN(2)])
		if p(0.5) {
			add(featWheelchair, "Firm, level paths on the short route are suitable for wheelchairs and mobility scooters.")
		}
		if p(0.4) {
			add(featToilet, "Accessible toilet in the visitor centre or café nearby.")
		}
		return loc
	case "G":
		if p(0.5) {
			add(featWheelchair, "Firm, level paths to the raised beds.")
		}
		add(featStepFree, "Level entrance from the lane; some paths are grass and can be muddy.")
		if p(0.25) {
			add(featToilet, "Accessible compost toilet by the shelter.")
		}
		if p(0.3) {
			add(featQuiet, "A quiet seating area away from the main beds.")
		}
		return loc
	}
	wheel := map[string]float64{"H": 0.75, "L": 0.9, "S": 0.95, "W": 0.55, "Y": 0.8, "F": 0.95, "R": 0.65, "M": 0.95, "C": 0.6, "O": 0.8, "A": 0.6, "K": 0.6}[k]
	loop := map[string]float64{"L": 0.7, "M": 0.8, "O": 0.6, "H": 0.4, "R": 0.4}[k]
	large := map[string]float64{"L": 0.8, "O": 0.6, "M": 0.5}[k]
	bsl := map[string]float64{"O": 0.3, "M": 0.4, "L": 0.2}[k]
	quiet := map[string]float64{"L": 0.5, "M": 0.5, "O": 0.4, "F": 0.4, "H": 0.2, "Y": 0.3}[k]
	if large == 0 {
		large = 0.1
	}
	if bsl == 0 {
		bsl = 0.05
	}
	if quiet == 0 {
		quiet = 0.1
	}
	if loop == 0 {
		loop = 0.15
	}
	isWheel := p(wheel)
	if isWheel {
		add(featWheelchair, "")
		if p(0.8) {
			add(featStepFree, "")
		}
		if p(0.85) {
			add(featToilet, "")
		}
	} else {
		if p(0.35) {
			add(featStepFree, "The entrance is step-free, but doors are narrow and there's no accessible toilet.")
		} else {
			loc.Accessibility = append(loc.Accessibility, Accessibility{
				ID:          uuidFor("accessibility", vs.name, "steps"),
				Description: "Two steps at the entrance",
				Details:     "There are two steps up to the front door with a handrail; there is no ramp.",
			})
		}
	}
	if p(loop) {
		add(featLoop, "")
	}
	if p(large) {
		add(featLargePrint, "")
	}
	if p(bsl) {
		add(featBSL, "")
	}
	if p(quiet) {
		add(featQuiet, "")
	}
	return loc
}

func slugify(s string) string {
	s = strings.NewReplacer("é", "e", "ę", "e", "&", "and", "+", "plus").Replace(strings.ToLower(s))
	var b strings.Builder
	dash := false
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteRune(c)
			dash = false
		case c == '\'' || c == '\u2019':
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// ---------------------------------------------------------------------------
// Whole-directory passes: status, referrals, verification, languages.

func pickIndexes(r *rand.Rand, meta []*svcMeta, n int, ok func(*svcMeta) bool) []*svcMeta {
	var cand []*svcMeta
	for _, m := range meta {
		if ok(m) {
			cand = append(cand, m)
		}
	}
	r.Shuffle(len(cand), func(i, j int) { cand[i], cand[j] = cand[j], cand[i] })
	if n > len(cand) {
		n = len(cand)
	}
	return cand[:n]
}

func (g *generator) assignStatuses() {
	r := rngFor("statuses")
	closedWhy := []string{
		"Closed while {venue} has its roof repaired.",
		"Taking a short break while we recruit a new group leader.",
		"Closed over the winter while the heating at {venue} is replaced.",
		"Paused while our organiser is on leave.",
		"Closed while {venue} is refurbished.",
		"Not running while we move to a new room.",
	}
	for i, m := range pickIndexes(r, g.meta, 6, func(m *svcMeta) bool { return m.mode == modeInPerson }) {
		reopen := refDay.AddDate(0, 1, 10+r.IntN(90))
		want := weekday(m.day)
		for reopen.Weekday() != want {
			reopen = reopen.AddDate(0, 0, 1)
		}
		why := strings.ReplaceAll(closedWhy[i%len(closedWhy)], "{venue}", m.venues[0].spec.name)
		m.svc.Status = "temporarily closed"
		m.svc.Alert = why + " We expect to reopen on " + reopen.Format("Monday 2 January 2006") + "."
	}
	inactive := []string{
		"This group is taking a break while we look for new volunteers. Please ring for news.",
		"Not meeting at the moment because of low numbers; we hope to restart in the spring.",
		"Sessions are paused until new funding is confirmed.",
		"On hold while the organiser recovers from an operation.",
	}
	for i, m := range pickIndexes(r, g.meta, 4, func(m *svcMeta) bool { return m.svc.Status == "active" && m.kind.code != "hel" }) {
		m.svc.Status = "inactive"
		m.svc.Alert = inactive[i%len(inactive)]
	}
	defunct := []string{
		"This group has now closed. Thank you to everyone who came along over the years.",
		"This service ended when its funding finished. Please ask your link worker about similar groups nearby.",
	}
	for i, m := range pickIndexes(r, g.meta, 2, func(m *svcMeta) bool { return m.svc.Status == "active" && m.mode == modeInPerson }) {
		m.svc.Status = "defunct"
		m.svc.Alert = defunct[i%len(defunct)]
	}
}

func weekday(code string) time.Weekday {
	for i, d := range []string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"} {
		if d == code {
			return time.Weekday(i)
		}
	}
	return time.Monday
}

func (g *generator) assignAccepting() {
	r := rngFor("accepting")
	n := len(g.meta)
	for _, m := range pickIndexes(r, g.meta, int(math.Round(0.08*float64(n))), func(m *svcMeta) bool {
		return m.svc.Status == "active" && m.kind.waitList && m.mode != modePhone && !slices.Contains(m.svc.SPReferralRoutes, "drop-in")
	}) {
		days := 14 + r.IntN(47)
		m.svc.SPAcceptingReferrals = "waiting_list"
		m.svc.SPTypicalWaitDays = days
		weeks := int(math.Round(float64(days) / 7))
		m.svc.WaitTime = fmt.Sprintf("About %d weeks", weeks)
		m.svc.ApplicationProcess += " There is a waiting list at the moment; we'll add your name and let you know when a place is free."
	}
	for _, m := range pickIndexes(r, g.meta, int(math.Round(0.03*float64(n))), func(m *svcMeta) bool {
		return m.svc.Status == "active" && m.svc.SPAcceptingReferrals == "yes" && m.mode == modeInPerson &&
			strings.Contains("lun she gar eso par art mus phy bef", m.kind.code) && !slices.Contains(m.svc.SPReferralRoutes, "drop-in")
	}) {
		m.svc.SPAcceptingReferrals = "full"
		m.svc.ApplicationProcess += " We're full at the moment and not taking new referrals; ring to check when places open up."
	}
}

func (g *generator) assignVerification() {
	r := rngFor("verification")
	n := len(g.meta)
	order := r.Perm(n)
	veryOld := int(math.Round(0.08 * float64(n)))
	old := int(math.Round(0.20*float64(n))) - veryOld
	sixMonths := refDay.AddDate(0, -6, 0)
	year := refDay.AddDate(-1, 0, 0)
	start := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	between := func(a, b time.Time) time.Time {
		days := int(b.Sub(a).Hours() / 24)
		return a.AddDate(0, 0, r.IntN(days))
	}
	for rank, i := range order {
		m := g.meta[i]
		var d time.Time
		switch {
		case rank < veryOld:
			d = between(start, year)
		case rank < veryOld+old:
			d = between(year, sixMonths)
		default:
			d = between(sixMonths, refDay)
		}
		m.svc.AssuredDate = d.Format("2006-01-02")
		if r.Float64() < 0.7 {
			m.svc.AssurerEmail = listingsEmail
		} else {
			m.svc.AssurerEmail = m.orgObj.Email
		}
		mod := d.AddDate(0, 0, r.IntN(21)).Add(time.Duration(8*3600+r.IntN(10*3600)) * time.Second)
		if !mod.Before(refDay) {
			mod = refDay.Add(-time.Duration(1+r.IntN(36000)) * time.Second)
		}
		if r.Float64() < 0.3 {
			off := 0
			if mod.Month() >= time.April && mod.Month() <= time.October {
				off = 3600
			}
			m.svc.LastModified = mod.In(time.FixedZone("", off)).Format(time.RFC3339)
		} else {
			m.svc.LastModified = mod.Format(time.RFC3339)
		}
	}
}

func (g *generator) topUpLanguages() {
	r := rngFor("languages")
	count := func() int {
		c := 0
		for _, m := range g.meta {
			if len(m.svc.Languages) > 1 {
				c++
			}
		}
		return c
	}
	want := int(math.Round(0.2 * float64(len(g.meta))))
	cands := pickIndexes(r, g.meta, len(g.meta), func(m *svcMeta) bool {
		return len(m.svc.Languages) == 1 && len(m.venues) > 0 && m.venues[0].area.langs != ""
	})
	for _, m := range cands {
		if count() >= want {
			break
		}
		langs := strings.Fields(m.venues[0].area.langs)
		code := langs[r.IntN(len(langs))]
		i := r.IntN(3)
		note := []string{"A volunteer who speaks it comes to most sessions.", "Interpreter on request; please give a week's notice.", "Spoken by some of our team."}[i]
		m.svc.Languages = append(m.svc.Languages, Language{ID: m.ids.id(m.key, "language/"+code), Name: langNames[code], Code: code, Note: note})
		m.svc.InterpretationServices = fmt.Sprintf([]string{
			"A volunteer who speaks %s comes to most sessions.",
			"We can arrange a %s interpreter if you let us know in advance.",
			"Some of our team speak %s.",
		}[i], langNames[code])
	}
}

// ---------------------------------------------------------------------------
// Checks and summary.

func validate(services []*Service, terms map[string]*TaxonomyTerm, pcs *postcodes) error {
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	seen := map[string]map[string]string{} // record kind -> id -> fingerprint
	unique := func(kind, id string, v any) {
		if id == "" {
			fail("%s with an empty id", kind)
			return
		}
		b, _ := json.Marshal(v)
		if seen[kind] == nil {
			seen[kind] = map[string]string{}
		}
		if prev, ok := seen[kind][id]; ok && prev != string(b) {
			fail("%s id %s used for two different records", kind, id)
		}
		seen[kind][id] = string(b)
	}
	// Records that must not repeat even when identical (one per service).
	once := map[string]map[string]bool{}
	single := func(kind, id string) {
		if once[kind] == nil {
			once[kind] = map[string]bool{}
		}
		if once[kind][id] {
			fail("%s id %s is not unique", kind, id)
		}
		once[kind][id] = true
	}
	phoneOK := func(n string) bool {
		if len(n) != 13 {
			return false
		}
		if !strings.HasPrefix(n, "0113 496 0") && !strings.HasPrefix(n, "0808 157 0") {
			return false
		}
		_, err := strconv.Atoi(n[10:])
		return err == nil
	}
	orgServices := map[string]int{}
	primary := map[string]int{}
	descs := map[string]bool{}
	for _, s := range services {
		single("service", s.ID)
		if s.Name == "" || s.Description == "" {
			fail("service %s has no name or description", s.ID)
		}
		if descs[s.Description] {
			fail("service %s repeats another description", s.ID)
		}
		descs[s.Description] = true
		if n := sentences(s.Description); n < 2 || n > 5 {
			fail("service %s description has %d sentences", s.ID, n)
		}
		switch s.Status {
		case "active", "inactive", "defunct", "temporarily closed":
		default:
			fail("service %s has status %q", s.ID, s.Status)
		}
		switch s.SPAcceptingReferrals {
		case "yes", "full":
		case "waiting_list":
			if s.SPTypicalWaitDays < 14 || s.SPTypicalWaitDays > 60 || s.WaitTime == "" {
				fail("service %s waiting list without a wait", s.ID)
			}
		default:
			fail("service %s accepting %q", s.ID, s.SPAcceptingReferrals)
		}
		if len(s.SPReferralRoutes) < 1 || len(s.SPReferralRoutes) > 3 {
			fail("service %s has %d referral routes", s.ID, len(s.SPReferralRoutes))
		}
		for _, x := range s.SPReferralRoutes {
			if x != "self-referral" && x != "professional-referral" && x != "drop-in" {
				fail("service %s referral route %q", s.ID, x)
			}
		}
		if _, err := time.Parse("2006-01-02", s.AssuredDate); err != nil {
			fail("service %s assured_date %q", s.ID, s.AssuredDate)
		}
		if _, err := time.Parse(time.RFC3339, s.LastModified); err != nil {
			fail("service %s last_modified %q", s.ID, s.LastModified)
		}
		if s.MinimumAge != nil && s.MaximumAge != nil && *s.MinimumAge > *s.MaximumAge {
			fail("service %s ages %d-%d", s.ID, *s.MinimumAge, *s.MaximumAge)
		}
		if !strings.HasSuffix(s.Email, ".example.org") || !strings.HasSuffix(s.AssurerEmail, ".example.org") {
			fail("service %s email outside example.org", s.ID)
		}
		o := s.Organization
		unique("organization", o.ID, o)
		orgServices[o.ID]++
		if len(s.Attributes) < 1 || len(s.Attributes) > 2 {
			fail("service %s has %d kinds", s.ID, len(s.Attributes))
		}
		for i, a := range s.Attributes {
			single("attribute", a.ID)
			t := terms[a.TaxonomyTermID]
			if t == nil || a.TaxonomyTerm == nil || *a.TaxonomyTerm != *t || a.LinkType != "service" {
				fail("service %s attribute %s does not match the taxonomy", s.ID, a.ID)
				continue
			}
			if i == 0 {
				primary[t.ID]++
			}
		}
		if len(s.CostOptions) == 0 {
			fail("service %s has no cost", s.ID)
		}
		for _, c := range s.CostOptions {
			single("cost_option", c.ID)
			if c.Currency != "GBP" || c.Amount < 0 {
				fail("service %s cost %+v", s.ID, c)
			}
		}
		for _, l := range s.Languages {
			single("language", l.ID)
		}
		if len(s.Languages) == 0 || s.Languages[0].Code != "en" {
			fail("service %s does not list English first", s.ID)
		}
		for _, c := range s.Contacts {
			single("contact", c.ID)
		}
		for _, a := range s.ServiceAreas {
			single("service_area", a.ID)
		}
		for _, p := range s.Phones {
			single("phone", p.ID)
			if !phoneOK(p.Number) {
				fail("service %s phone %q is not a drama number", s.ID, p.Number)
			}
		}
		checkSchedules := func(ss []Schedule) {
			for _, sc := range ss {
				single("schedule", sc.ID)
				if sc.Freq != "WEEKLY" && sc.Freq != "MONTHLY" || sc.Byday == "" || sc.OpensAt == "" || sc.ClosesAt == "" || sc.Description == "" {
					fail("service %s schedule %s incomplete", s.ID, sc.ID)
				}
				for _, d := range strings.Split(sc.Byday, ",") {
					if dayNames[strings.TrimLeft(d, "-0123456789")] == "" {
						fail("service %s schedule %s byday %q", s.ID, sc.ID, sc.Byday)
					}
				}
			}
		}
		checkSchedules(s.Schedules)
		physical := 0
		for _, sal := range s.ServiceAtLocations {
			single("service_at_location", sal.ID)
			checkSchedules(sal.Schedules)
			l := sal.Location
			unique("location", l.ID, l)
			switch l.LocationType {
			case "physical":
				physical++
				lat, err1 := l.Latitude.Float64()
				lon, err2 := l.Longitude.Float64()
				if err1 != nil || err2 != nil || lat < 53.6 || lat > 54.0 || lon < -1.9 || lon > -1.2 {
					fail("location %s at %s,%s is not in Leeds", l.ID, l.Latitude, l.Longitude)
				}
				if len(l.Addresses) != 1 {
					fail("location %s has %d addresses", l.ID, len(l.Addresses))
				}
				for _, a := range l.Addresses {
					unique("address", a.ID, a)
					pc := pcs.all[a.PostalCode]
					if pc == nil {
						fail("location %s postcode %q is not in the CSV", l.ID, a.PostalCode)
					} else if pc.latS != string(l.Latitude) || pc.lonS != string(l.Longitude) {
						fail("location %s coordinates differ from its postcode %s", l.ID, a.PostalCode)
					}
					if a.City != "Leeds" || a.Country != "GB" || a.StateProvince != "West Yorkshire" || a.AddressType != "physical" {
						fail("location %s address %+v", l.ID, a)
					}
				}
				if len(l.Accessibility) == 0 {
					fail("location %s says nothing about access", l.ID)
				}
				for _, x := range l.Accessibility {
					unique("accessibility", x.ID, x)
				}
			case "virtual":
				if l.URL == "" || l.Latitude != "" || l.Longitude != "" || len(l.Addresses) > 0 {
					fail("virtual location %s has coordinates or an address, or no url", l.ID)
				}
			default:
				fail("location %s type %q", l.ID, l.LocationType)
			}
			if l.LocationType == "physical" && len(sal.Schedules) == 0 {
				fail("service %s has a venue with no schedule", s.ID)
			}
		}
		if len(s.ServiceAtLocations) == 0 && len(s.Phones) == 0 {
			fail("service %s can be reached neither in person, online nor by phone", s.ID)
		}
		if physical > 2 {
			fail("service %s has %d venues", s.ID, physical)
		}
	}
	if len(services) < 420 {
		fail("%d services, want at least 420", len(services))
	}
	if len(orgServices) < 160 {
		fail("%d organisations, want at least 160", len(orgServices))
	}
	for id, n := range orgServices {
		if n < 1 || n > 5 {
			fail("organisation %s has %d services", id, n)
		}
	}
	for id := range terms {
		if primary[id] < 8 {
			fail("kind %s has %d services, want at least 8", id, primary[id])
		}
	}
	return errors.Join(errs...)
}

// sentences counts sentences roughly: full stops, question and exclamation
// marks followed by a space or the end.
func sentences(s string) int {
	n := 0
	for i, c := range s {
		if c == '.' || c == '?' || c == '!' {
			if i == len(s)-1 || s[i+1] == ' ' {
				n++
			}
		}
	}
	return n
}

func report(w io.Writer, services []*Service, g *generator, size int) {
	orgs := map[string]bool{}
	status := map[string]int{}
	accepting := map[string]int{}
	modes := map[string]int{}
	primary := map[string]int{}
	anyKind := map[string]int{}
	venues := map[string]int{}
	free, pwyc, monthly, schedules, langs, numeric := 0, 0, 0, 0, 0, 0
	old6, old12 := 0, 0
	twoVenues := 0
	for i, s := range services {
		m := g.meta[i]
		orgs[s.Organization.ID] = true
		status[s.Status]++
		accepting[s.SPAcceptingReferrals]++
		modes[m.mode]++
		if len(m.venues) == 2 {
			twoVenues++
		}
		for j, a := range s.Attributes {
			anyKind[a.TaxonomyTermID]++
			if j == 0 {
				primary[a.TaxonomyTermID]++
			}
		}
		if s.CostOptions[0].Amount == 0 {
			free++
			if s.CostOptions[0].AmountDescription == "Pay what you can" {
				pwyc++
			}
		}
		if len(s.Languages) > 1 {
			langs++
		}
		if !strings.Contains(s.ID, "-") {
			numeric++
		}
		d, _ := time.Parse("2006-01-02", s.AssuredDate)
		if d.Before(refDay.AddDate(0, -6, 0)) {
			old6++
		}
		if d.Before(refDay.AddDate(-1, 0, 0)) {
			old12++
		}
		all := append([]Schedule{}, s.Schedules...)
		for _, sal := range s.ServiceAtLocations {
			if sal.Location.LocationType == "physical" {
				venues[sal.Location.ID]++
				all = append(all, sal.Schedules...)
			}
		}
		for _, sc := range all {
			schedules++
			if sc.Freq == "MONTHLY" {
				monthly++
			}
		}
	}
	n := len(services)
	pct := func(x int) string { return fmt.Sprintf("%d (%.0f%%)", x, 100*float64(x)/float64(n)) }
	fmt.Fprintf(w, "demogen: %d services from %d organisations, %d kinds of support, %d venues, %.1f MB\n",
		n, len(orgs), len(primary), len(venues), float64(size)/1e6)
	fmt.Fprintf(w, "  status: active %d, temporarily closed %d, inactive %d, defunct %d\n",
		status["active"], status["temporarily closed"], status["inactive"], status["defunct"])
	fmt.Fprintf(w, "  attending: in person %s (two venues: %d), online %s, phone %s, mixed %s\n",
		pct(modes[modeInPerson]), twoVenues, pct(modes[modeOnline]), pct(modes[modePhone]), pct(modes[modeMixed]))
	fmt.Fprintf(w, "  accepting referrals: yes %d, waiting_list %d, full %d\n", accepting["yes"], accepting["waiting_list"], accepting["full"])
	fmt.Fprintf(w, "  free (amount 0): %s, of which pay what you can %d\n", pct(free), pwyc)
	fmt.Fprintf(w, "  another language besides English: %s; numeric ids: %d services\n", pct(langs), numeric)
	fmt.Fprintf(w, "  schedules: %d, monthly %d (%.0f%%)\n", schedules, monthly, 100*float64(monthly)/float64(schedules))
	fmt.Fprintf(w, "  verified over 6 months before %s: %s, over 12 months: %s\n", refDay.Format("2006-01-02"), pct(old6), pct(old12))
	if g.renamed > 0 {
		fmt.Fprintf(w, "  names made unique with a place prefix: %d\n", g.renamed)
	}
	ids := make([]string, 0, len(primary))
	for id := range primary {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var parts []string
	for _, id := range ids {
		parts = append(parts, fmt.Sprintf("%s %d/%d", id, primary[id], anyKind[id]))
	}
	fmt.Fprintf(w, "  kinds (primary/any): %s\n", strings.Join(parts, ", "))
}
