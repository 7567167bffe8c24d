package main

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"

	"github.com/linkway/linkway/directory"
)

// loadTaxonomy reads the kinds of support from taxonomy.json in fsys.
func loadTaxonomy(fsys fs.FS) (map[string]*directory.Term, error) {
	b, err := fs.ReadFile(fsys, "taxonomy.json")
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
		return nil, fmt.Errorf("taxonomy.json: %w", err)
	}
	if t.ID != taxonomyID || len(t.Terms) == 0 {
		return nil, fmt.Errorf("taxonomy.json: not the %s taxonomy", taxonomyID)
	}
	m := make(map[string]*directory.Term, len(t.Terms))
	for _, x := range t.Terms {
		m[x.ID] = &directory.Term{ID: x.ID, Name: x.Name, Description: x.Description, Taxonomy: t.ID}
	}
	return m, nil
}

// postcodesCSV is the Leeds postcodes venues may be placed at, with their
// wards (see SOURCES.md).
//
//go:embed leeds-postcodes-wards.csv.gz
var postcodesCSV []byte

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
	rows []*postcode // in file order, which decides where venues go
}

// loadPostcodes reads leeds-postcodes-wards.csv.gz.
func loadPostcodes() (*postcodes, error) {
	const name = "leeds-postcodes-wards.csv.gz"
	zr, err := gzip.NewReader(bytes.NewReader(postcodesCSV))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	r := csv.NewReader(zr)
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for _, h := range []string{"postcode", "latitude", "longitude", "admin_ward_code"} {
		if _, ok := col[h]; !ok {
			return nil, fmt.Errorf("%s: no %q column", name, h)
		}
	}
	p := &postcodes{all: map[string]*postcode{}}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		code := rec[col["postcode"]]
		lat, err1 := strconv.ParseFloat(rec[col["latitude"]], 64)
		lon, err2 := strconv.ParseFloat(rec[col["longitude"]], 64)
		if err := errors.Join(err1, err2); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", name, code, err)
		}
		out, _, _ := strings.Cut(code, " ")
		pc := &postcode{
			code: code, outcode: out, sector: code[:len(code)-2],
			ward: rec[col["admin_ward_code"]], lat: lat, lon: lon,
			latS: strconv.FormatFloat(lat, 'f', 6, 64), lonS: strconv.FormatFloat(lon, 'f', 6, 64),
		}
		p.all[code] = pc
		p.rows = append(p.rows, pc)
	}
	if len(p.rows) == 0 {
		return nil, fmt.Errorf("%s: no postcodes", name)
	}
	return p, nil
}
