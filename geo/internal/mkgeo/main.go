// Command mkgeo derives the compact postcode files in data/geo from the
// OS Code-Point Open extracts in the shared data folder.
//
// Run it from the repository root:
//
//	go run ./geo/internal/mkgeo -shared ../shared
//
// It writes data/geo/leeds-postcodes.csv.gz and
// data/geo/outcode-centroids.csv.gz. Both are gzipped CSV with rows sorted
// by code and coordinates rounded to 5 decimal places (about 1 m). The
// output depends only on the input files: the gzip header carries no name
// and no time, so running it twice gives the same bytes (with the same Go
// release, since the compressor is the standard library's).
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "mkgeo:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("mkgeo", flag.ContinueOnError)
	shared := fs.String("shared", "../shared", "shared folder holding data/geo/*.csv")
	out := fs.String("out", filepath.Join("data", "geo"), "folder to write the .csv.gz files to")
	if err := fs.Parse(args); err != nil {
		return err
	}
	in := filepath.Join(*shared, "data", "geo")

	units, err := readRows(filepath.Join(in, "postcodes-LS-leeds.csv"), "postcode", keepUnit)
	if err != nil {
		return err
	}
	districts, err := readRows(filepath.Join(in, "uk-outcode-centroids.csv"), "outcode", keepAll)
	if err != nil {
		return err
	}
	if err := write(filepath.Join(*out, "leeds-postcodes.csv.gz"), "postcode", units); err != nil {
		return err
	}
	if err := write(filepath.Join(*out, "outcode-centroids.csv.gz"), "outcode", districts); err != nil {
		return err
	}
	fmt.Printf("mkgeo: %d postcodes, %d outcodes\n", len(units), len(districts))
	return nil
}

// row is one output line; lat and lon are already formatted.
type row struct{ code, lat, lon string }

func keepAll(map[string]string) bool { return true }

// keepUnit drops postcodes that Code-Point Open gives no position for:
// quality 90 rows carry zero coordinates.
func keepUnit(r map[string]string) bool {
	return r["positional_quality"] != "90" &&
		r["easting"] != "0" && r["northing"] != "0" &&
		r["latitude"] != "" && r["longitude"] != ""
}

func readRows(name, codeCol string, keep func(map[string]string) bool) ([]row, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cr := csv.NewReader(f)
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", name, err)
	}
	for _, col := range []string{codeCol, "latitude", "longitude"} {
		if !slices.Contains(header, col) {
			return nil, fmt.Errorf("%s: no %q column", name, col)
		}
	}

	var rows []row
	seen := make(map[string]bool)
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		m := make(map[string]string, len(header))
		for i, h := range header {
			m[h] = rec[i]
		}
		if !keep(m) {
			continue
		}
		code := m[codeCol]
		if !plain(code) {
			return nil, fmt.Errorf("%s: odd code %q", name, code)
		}
		if seen[code] {
			return nil, fmt.Errorf("%s: duplicate code %q", name, code)
		}
		seen[code] = true
		lat, err := round(m["latitude"])
		if err != nil {
			return nil, fmt.Errorf("%s: %s: latitude: %w", name, code, err)
		}
		lon, err := round(m["longitude"])
		if err != nil {
			return nil, fmt.Errorf("%s: %s: longitude: %w", name, code, err)
		}
		rows = append(rows, row{code, lat, lon})
	}
	slices.SortFunc(rows, func(a, b row) int { return strings.Compare(a.code, b.code) })
	return rows, nil
}

// plain reports whether code is upper-case letters and digits with at most
// one inner space, so it can be written to CSV without quoting.
func plain(code string) bool {
	if code == "" || code != strings.TrimSpace(code) || strings.Count(code, " ") > 1 {
		return false
	}
	for _, c := range []byte(code) {
		if !('A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == ' ') {
			return false
		}
	}
	return true
}

// round formats a decimal degree to 5 places, about 1 m on the ground.
func round(s string) (string, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return "", err
	}
	if v == 0 {
		return "", errors.New("zero coordinate")
	}
	return strconv.FormatFloat(v, 'f', 5, 64), nil
}

func write(name, codeCol string, rows []row) error {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	// Codes passed plain and coordinates are numbers, so joins are valid CSV.
	fmt.Fprintf(zw, "%s,latitude,longitude\n", codeCol)
	for _, r := range rows {
		fmt.Fprintf(zw, "%s,%s,%s\n", r.code, r.lat, r.lon)
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(name, buf.Bytes(), 0o644)
}
