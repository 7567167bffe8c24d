package geo

import (
	"cmp"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"

	"github.com/linkway/linkway/directory"
)

// Paths of the data files inside the fs.FS given to [LoadFS].
const (
	postcodesFile = "geo/leeds-postcodes.csv.gz"
	outcodesFile  = "geo/outcode-centroids.csv.gz"
)

// example is the postcode shown to people in error messages.
const example = "LS6 1AA"

// maxCompact is the longest postcode once its space is taken out: AA9A 9AA.
const maxCompact = 7

// Normalize returns the canonical form of the UK postcode s: upper case,
// with one space before the inward code ("ls61aa", " Ls6  1AA " and
// "LS61AA" all give "LS6 1AA"). A postcode district (outcode) on its own is
// accepted too ("ls6" gives "LS6").
//
// Normalize checks the shape only: an outward code of the form A9, A99,
// AA9, AA99, A9A or AA9A, then an inward code 9AA. It does not know whether
// the postcode exists; [Gazetteer.Lookup] does. Anything else returns a
// [*directory.Error] of kind [directory.Invalid] whose message can be shown
// to the person who typed it.
//
// When a space splits off one or two characters that start an inward code,
// as in "LS6 1", the input is taken as an unfinished postcode rather than
// the outcode "LS61".
func Normalize(s string) (string, error) {
	p, err := parse(s)
	if err != nil {
		return "", err
	}
	return p.string(s), nil
}

// code is a postcode or outcode in canonical form, held without allocating.
type code struct {
	b   [maxCompact + 1]byte
	n   int // length of the canonical form in b
	out int // length of the outward code; equal to n for a bare outcode
}

// string returns the canonical form, reusing s when it is already canonical.
func (c *code) string(s string) string {
	if string(c.b[:c.n]) == s {
		return s
	}
	return string(c.b[:c.n])
}

func (c *code) full() bool { return c.n > c.out }

func (c *code) key() uint64 { return key(c.b[:c.n]) }

func (c *code) outKey() uint64 { return key(c.b[:c.out]) }

// key packs a canonical code of up to 8 bytes into an integer, first byte
// highest, so keys sort the way the strings do and a table costs 8 bytes a
// key instead of a string header and its bytes.
func key(b []byte) uint64 {
	var k uint64
	for i := range 8 {
		k <<= 8
		if i < len(b) {
			k |= uint64(b[i])
		}
	}
	return k
}

func parse(s string) (code, error) {
	var c [maxCompact]byte
	n := 0
	last := 0 // where in c the last space-separated part of s starts
	gap := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			gap = n > 0
			continue
		case 'a' <= r && r <= 'z':
			r -= 'a' - 'A'
		case 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
		default:
			return code{}, notPostcode(s)
		}
		if n == maxCompact {
			return code{}, notPostcode(s)
		}
		if gap {
			last, gap = n, false
		}
		c[n] = byte(r)
		n++
	}

	b := c[:n]
	switch {
	case n == 0:
		return code{}, directory.Errorf(directory.Invalid, "enter a postcode, for example %s", example)
	case n >= 5:
		if out := n - 3; isOutward(b[:out]) && isInward(b[out:]) {
			var p code
			copy(p.b[:], b[:out])
			p.b[out] = ' '
			copy(p.b[out+1:], b[out:])
			p.n, p.out = n+1, out
			return p, nil
		}
	case last > 0 && isOutward(b[:last]) && isInwardStart(b[last:]):
		return code{}, incomplete(s)
	case isOutward(b):
		var p code
		copy(p.b[:], b)
		p.n, p.out = n, n
		return p, nil
	}
	if unfinished(b) {
		return code{}, incomplete(s)
	}
	return code{}, notPostcode(s)
}

func letter(c byte) bool { return 'A' <= c && c <= 'Z' }

func digit(c byte) bool { return '0' <= c && c <= '9' }

// isOutward reports whether b has the shape of an outward code:
// A9, A99, A9A, AA9, AA99 or AA9A.
func isOutward(b []byte) bool {
	switch len(b) {
	case 2:
		return letter(b[0]) && digit(b[1])
	case 3:
		return letter(b[0]) && (digit(b[1]) || letter(b[1]) && digit(b[2]))
	case 4:
		return letter(b[0]) && letter(b[1]) && digit(b[2]) && (digit(b[3]) || letter(b[3]))
	}
	return false
}

// isInward reports whether b has the shape of an inward code, 9AA.
func isInward(b []byte) bool {
	return len(b) == 3 && digit(b[0]) && letter(b[1]) && letter(b[2])
}

// isInwardStart reports whether b is the first one or two characters of an
// inward code.
func isInwardStart(b []byte) bool {
	switch len(b) {
	case 1:
		return digit(b[0])
	case 2:
		return digit(b[0]) && letter(b[1])
	}
	return false
}

// unfinished reports whether b looks like the start of a postcode: a postcode
// area alone ("LS") or an outward code followed by part of an inward code.
func unfinished(b []byte) bool {
	if len(b) <= 2 && !slices.ContainsFunc(b, digit) {
		return true
	}
	for i := 2; i <= 4 && i < len(b); i++ {
		if isOutward(b[:i]) && isInwardStart(b[i:]) {
			return true
		}
	}
	return false
}

func incomplete(s string) error {
	return directory.Errorf(directory.Invalid,
		"%s is not a complete postcode; check it, for example %s", quote(s), example)
}

func notPostcode(s string) error {
	return directory.Errorf(directory.Invalid,
		"%s does not look like a postcode; check it, for example %s", quote(s), example)
}

// quote returns what the person typed, trimmed and shortened, in quotes, so
// a pasted paragraph does not become the error message.
func quote(s string) string {
	const limit = 20
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) > limit {
		i := 0
		for range limit {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
		s = s[:i] + "…"
	}
	return strconv.Quote(s)
}

// Precision says how closely a [Place] pins down its postcode.
type Precision uint8

// Precisions of a [Place]. The zero Precision means no place at all.
const (
	// Unit means the point is that of the postcode unit itself, a street
	// or part of one.
	Unit Precision = iota + 1
	// District means the point is the centroid of the postcode district
	// (outcode), which may be a few kilometres from the address.
	District
)

// String returns "unit", "district" or "unknown".
func (p Precision) String() string {
	switch p {
	case Unit:
		return "unit"
	case District:
		return "district"
	}
	return "unknown"
}

// Place is where a postcode is.
type Place struct {
	// Postcode is the canonical form of the postcode that was looked up:
	// a full postcode, even when Point is only its district's, or a bare
	// outcode.
	Postcode string
	// Point is {longitude, latitude} in WGS84 degrees.
	Point orb.Point
	// Precision says whether Point belongs to the postcode unit or only
	// to its district.
	Precision Precision
}

// Gazetteer finds the points of postcodes. Its zero value knows no
// postcodes; build one with [Load] or [LoadFS]. A Gazetteer is not changed
// after loading, so it is safe for concurrent use.
type Gazetteer struct {
	units     table // full postcodes
	districts table // outcodes
}

// table is sorted by key; a binary search over 22k packed keys is as quick
// as a map lookup and holds the points in one allocation.
type table []entry

type entry struct {
	key   uint64
	point orb.Point
}

func (t table) find(k uint64) (orb.Point, bool) {
	i, ok := slices.BinarySearchFunc(t, k, func(e entry, k uint64) int { return cmp.Compare(e.key, k) })
	if !ok {
		return orb.Point{}, false
	}
	return t[i].point, true
}

// Load reads a [Gazetteer] from two gzipped CSV streams: postcodes, with
// columns postcode, latitude and longitude, one row per postcode unit; and
// outcodes, with columns outcode, latitude and longitude, one row per
// postcode district. Other columns are ignored and rows may come in any
// order. Codes may be written in any form [Normalize] accepts.
func Load(postcodes, outcodes io.Reader) (*Gazetteer, error) {
	units, err := readTable(postcodes, "postcode", true)
	if err != nil {
		return nil, fmt.Errorf("geo: postcodes: %w", err)
	}
	districts, err := readTable(outcodes, "outcode", false)
	if err != nil {
		return nil, fmt.Errorf("geo: outcodes: %w", err)
	}
	return &Gazetteer{units: units, districts: districts}, nil
}

// LoadFS reads a [Gazetteer] as [Load] does from the files
// geo/leeds-postcodes.csv.gz and geo/outcode-centroids.csv.gz in fsys,
// which is normally the embedded data folder.
func LoadFS(fsys fs.FS) (*Gazetteer, error) {
	pf, err := fsys.Open(postcodesFile)
	if err != nil {
		return nil, fmt.Errorf("geo: %w", err)
	}
	defer pf.Close()
	of, err := fsys.Open(outcodesFile)
	if err != nil {
		return nil, fmt.Errorf("geo: %w", err)
	}
	defer of.Close()
	return Load(pf, of)
}

// readTable reads one gzipped CSV file. full says whether its codes are
// full postcodes or bare outcodes.
func readTable(r io.Reader, codeCol string, full bool) (table, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	cr := csv.NewReader(zr)
	cr.ReuseRecord = true

	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	cols := [3]int{}
	for i, name := range []string{codeCol, "latitude", "longitude"} {
		cols[i] = slices.Index(header, name)
		if cols[i] < 0 {
			return nil, fmt.Errorf("no %q column", name)
		}
	}

	var t table
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		line, _ := cr.FieldPos(0)
		c, err := parse(rec[cols[0]])
		if err != nil || c.full() != full {
			return nil, fmt.Errorf("line %d: bad %s %q", line, codeCol, rec[cols[0]])
		}
		lat, err := strconv.ParseFloat(rec[cols[1]], 64)
		if err != nil || !(-90 <= lat && lat <= 90) {
			return nil, fmt.Errorf("line %d: bad latitude %q", line, rec[cols[1]])
		}
		lon, err := strconv.ParseFloat(rec[cols[2]], 64)
		if err != nil || !(-180 <= lon && lon <= 180) {
			return nil, fmt.Errorf("line %d: bad longitude %q", line, rec[cols[2]])
		}
		t = append(t, entry{key: c.key(), point: orb.Point{lon, lat}})
	}

	// The shipped files are sorted already, which the sort detects cheaply.
	slices.SortFunc(t, func(a, b entry) int { return cmp.Compare(a.key, b.key) })
	for i := 1; i < len(t); i++ {
		if t[i].key == t[i-1].key {
			return nil, fmt.Errorf("%s %s appears twice", codeCol, unkey(t[i].key))
		}
	}
	// Clone drops the spare capacity that append left behind.
	return slices.Clone(t), nil
}

// unkey turns a packed key back into its code, for error messages.
func unkey(k uint64) string {
	var b [8]byte
	for i := range b {
		b[i] = byte(k >> (56 - 8*i))
	}
	return strings.TrimRight(string(b[:]), "\x00")
}

// Lookup returns the [Place] of postcode, which may be in any form
// [Normalize] accepts. A known full postcode gives its own point, with
// Precision [Unit]. A full postcode that is not in the table (any outside
// Leeds, or one newer than the data) and a bare outcode give the centroid
// of the district, with Precision [District].
//
// A malformed or unknown postcode returns a [*directory.Error] of kind
// [directory.Invalid] whose message can be shown to the person who typed
// it.
func (g *Gazetteer) Lookup(postcode string) (Place, error) {
	c, err := parse(postcode)
	if err != nil {
		return Place{}, err
	}
	if c.full() {
		if pt, ok := g.units.find(c.key()); ok {
			return Place{Postcode: c.string(postcode), Point: pt, Precision: Unit}, nil
		}
	}
	if pt, ok := g.districts.find(c.outKey()); ok {
		return Place{Postcode: c.string(postcode), Point: pt, Precision: District}, nil
	}
	return Place{}, directory.Errorf(directory.Invalid,
		"we don't know the postcode %q; check it is right", c.string(postcode))
}

// meanEarthRadius is the IUGG mean radius of the Earth in metres.
// orb's haversine uses the equatorial radius, which reads about 0.1% long.
const meanEarthRadius = 6371008.8

// DistanceKm returns the great-circle (haversine) distance between a and b
// in kilometres. Points are {longitude, latitude} in degrees.
func DistanceKm(a, b orb.Point) float64 {
	return geo.DistanceHaversine(a, b) * (meanEarthRadius / orb.EarthRadius) / 1000
}
