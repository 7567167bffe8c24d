package hsds

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing/fstest"

	"github.com/linkway/linkway/directory"
)

// isTabularJSON reports whether a document's members are CSV tables
// ("services.csv": [rows…]), as HSDS 3.0's tabular.json example writes a
// data package as one JSON object.
func isTabularJSON(members map[string]json.RawMessage) bool {
	if len(members) == 0 {
		return false
	}
	for name := range members {
		if !strings.HasSuffix(strings.ToLower(name), ".csv") {
			return false
		}
	}
	return true
}

// tabularSource reads a data package written as one JSON object, by
// writing its tables out as the CSV files they stand for (in memory: the
// document is small, and was read whole to tell what it is) and reading
// those as any data package.
func tabularSource(members map[string]json.RawMessage) (Source, error) {
	// fstest.MapFS is a complete read-only fs.FS over a map, which is all
	// the data package reader needs.
	files := fstest.MapFS{}
	for name, raw := range members {
		var rows []map[string]json.RawMessage
		if err := json.Unmarshal(raw, &rows); err != nil {
			return nil, directory.Errorf(directory.Invalid, "table %s: expected a list of rows: %v", directory.Quote(name), err)
		}
		var cols []string
		seen := map[string]bool{}
		for _, row := range rows {
			for c := range row {
				if !seen[c] {
					seen[c] = true
					cols = append(cols, c)
				}
			}
		}
		slices.Sort(cols)
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.Write(cols)
		for _, row := range rows {
			rec := make([]string, len(cols))
			for i, c := range cols {
				rec[i] = cellText(row[c])
			}
			w.Write(rec)
		}
		w.Flush()
		if err := w.Error(); err != nil {
			return nil, fmt.Errorf("hsds: table %s as CSV: %w", name, err)
		}
		files[strings.ToLower(name)] = &fstest.MapFile{Data: buf.Bytes()}
	}
	return newPackageReader(files)
}

// cellText writes a JSON value as a CSV cell: text as it is, null as
// nothing, anything else as its JSON.
func cellText(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0, string(raw) == "null":
		return ""
	case raw[0] == '"':
		var s string
		json.Unmarshal(raw, &s)
		return s
	}
	return string(raw)
}
