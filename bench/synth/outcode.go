package synth

import (
	"bufio"
	"cmp"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// Outcode is an English postcode district and its centroid.
type Outcode struct {
	Code  string
	Point orb.Point // {lon, lat}
	// Weight is the number of postcode units in the district, a proxy
	// for its population; 1 for every district when the input has no
	// counts.
	Weight int
}

// england is the ONS code the full centroid file gives English districts.
const england = "E92000001"

// readOutcodes reads the English districts from either form of the
// centroid file: the full shared CSV (outcode, postcode_count, latitude,
// longitude, country_code…) or the compact one shipped in data/geo
// (outcode, latitude, longitude), plain or gzipped. The result is sorted
// by code, so the same districts always give the same generator whatever
// order the rows come in.
func readOutcodes(r io.Reader) ([]Outcode, error) {
	br := bufio.NewReader(r)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("synth: outcodes: %w", err)
		}
		defer zr.Close()
		r = zr
	} else {
		r = br
	}
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("synth: outcodes: header: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	for _, name := range []string{"outcode", "latitude", "longitude"} {
		if _, ok := col[name]; !ok {
			return nil, fmt.Errorf("synth: outcodes: no %q column in header %q", name, strings.Join(header, ","))
		}
	}
	// The compact file has neither counts nor countries: every district
	// then weighs the same, and England is told apart by postcode area.
	countCol, hasCount := col["postcode_count"]
	countryCol, hasCountry := col["country_code"]

	var out []Outcode
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("synth: outcodes: %w", err)
		}
		code := strings.ToUpper(strings.TrimSpace(rec[col["outcode"]]))
		if hasCountry && rec[countryCol] != england || !hasCountry && !inEngland(code) {
			continue
		}
		lat, err1 := strconv.ParseFloat(rec[col["latitude"]], 64)
		lon, err2 := strconv.ParseFloat(rec[col["longitude"]], 64)
		if err := errors.Join(err1, err2); err != nil {
			return nil, fmt.Errorf("synth: outcodes: line %d (%s): %w", line, code, err)
		}
		weight := 1
		if hasCount {
			if weight, err = strconv.Atoi(rec[countCol]); err != nil || weight < 0 {
				return nil, fmt.Errorf("synth: outcodes: line %d (%s): postcode_count %q is not a count", line, code, rec[countCol])
			}
		}
		out = append(out, Outcode{Code: code, Point: orb.Point{lon, lat}, Weight: weight})
	}
	slices.SortFunc(out, func(a, b Outcode) int { return cmp.Compare(a.Code, b.Code) })
	if len(out) == 0 {
		return nil, errors.New("synth: outcodes: no English districts")
	}
	return out, nil
}

// Postcode areas wholly in Scotland or Wales.
var outsideEngland = map[string]bool{
	"AB": true, "DD": true, "DG": true, "EH": true, "FK": true, "G": true, "HS": true,
	"IV": true, "KA": true, "KW": true, "KY": true, "ML": true, "PA": true, "PH": true,
	"ZE": true, "CF": true, "LD": true, "LL": true, "NP": true, "SA": true,
}

// inEngland reports whether the district code lies in England, for input
// without country codes. Three areas straddle a border; the split below
// is the one the full centroid file's country_code column gives.
func inEngland(code string) bool {
	n := 0
	for n < len(code) && code[n] >= 'A' && code[n] <= 'Z' {
		n++
	}
	area := code[:n]
	if outsideEngland[area] {
		return false
	}
	d := 0
	for _, c := range code[n:] {
		if c < '0' || c > '9' {
			break
		}
		d = d*10 + int(c-'0')
	}
	switch area {
	case "CH":
		return d < 5 || d > 8 // CH5–CH8 are in Wales
	case "SY":
		return d < 15 || d > 25 // SY15–SY25 are in Wales
	case "TD":
		return d == 15 // only Berwick-upon-Tweed is in England
	}
	return true
}
