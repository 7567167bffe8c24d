// Package tablecopy is what moving a store from SQLite to PostgreSQL
// needs that is neither database's: the tables to copy, in an order their
// foreign keys accept, and a content hash that renders each value the
// same whichever database it was read from, so the two sides can be
// compared row for row.
package tablecopy

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"strconv"
	"time"
)

// Table is a table to copy and its primary key, the order rows are read
// and hashed in.
type Table struct {
	Name string
	Key  []string
}

// Tables are every table of the store that is copied, parents before
// the tables whose foreign keys name them.
var Tables = []Table{
	{"organization", []string{"id"}},
	{"location", []string{"id"}},
	{"service", []string{"id"}},
	{"service_at_location", []string{"id"}},
	{"taxonomy_term", []string{"id"}},
	{"service_term", []string{"service_id", "term_id"}},
	{"service_kind", []string{"service_id", "kind_id"}},
	{"kinds_model", []string{"id"}},
	{"organization_settings", []string{"organization_id"}},
	{"reviews", []string{"id"}},
	{"service_versions", []string{"id"}},
	{"listing_requests", []string{"id"}},
	{"import_run", []string{"id"}},
	{"import_staged", []string{"id"}},
	{"feed", []string{"name"}},
	{"job", []string{"id"}},
	{"teams", []string{"id"}},
	{"users", []string{"id"}},
	{"audit_log", []string{"id"}},
	{"tokens", []string{"hash"}},
	{"outbox", []string{"id"}},
	{"people", []string{"id"}},
	{"contacts", []string{"id"}},
	{"referrals", []string{"id"}},
	{"referral_events", []string{"id"}},
	{"outcomes", []string{"id"}},
	{"coded_events", []string{"id"}},
	{"change_log", []string{"seq"}},
}

// Skipped are the tables not copied: sessions (everyone logs in again),
// rate limits (PostgreSQL's own, short-lived) and the migrations each
// database records for itself.
var Skipped = []string{"sessions", "rate_limit", "schema_migrations"}

// Column is a PostgreSQL column: its name and data_type as
// information_schema spells it.
type Column struct {
	Name, Type string
}

// Value converts v, read from SQLite, to what PostgreSQL's column c
// takes: SQLite keeps flags as 0/1 and times as text.
func Value(c Column, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch c.Type {
	case "boolean":
		if n, ok := v.(int64); ok {
			return n != 0, nil
		}
	case "timestamp with time zone":
		if s, ok := asText(v); ok {
			t, err := time.Parse(time.RFC3339Nano, s)
			if err != nil {
				return nil, fmt.Errorf("%s: %q is not a time", c.Name, s)
			}
			return t, nil
		}
	case "text":
		if s, ok := asText(v); ok {
			return s, nil
		}
	}
	return v, nil
}

func asText(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case []byte:
		return string(v), true
	}
	return "", false
}

// Hash is the content hash of a table: sha256 over its rows in key
// order, each value rendered the same from either database.
type Hash struct {
	h    hash.Hash
	rows int
	buf  []byte
}

// NewHash starts a table's hash.
func NewHash() *Hash { return &Hash{h: sha256.New()} }

// Add adds a row, its values in the order of cols.
func (h *Hash) Add(cols []Column, row []any) {
	h.rows++
	b := h.buf[:0]
	for i, v := range row {
		b = render(b, cols[i], v)
	}
	b = append(b, '\n')
	h.h.Write(b)
	h.buf = b
}

// Rows is how many rows were added.
func (h *Hash) Rows() int { return h.rows }

// Sum is the hash in hex.
func (h *Hash) Sum() string { return hex.EncodeToString(h.h.Sum(nil)) }

// render appends v tagged with its kind and, for text, its length, so no
// two different rows render alike.
func render(b []byte, c Column, v any) []byte {
	if c.Type == "boolean" || c.Type == "timestamp with time zone" {
		v, _ = Value(c, v) // SQLite's 0/1 and text as PostgreSQL's
	}
	switch v := v.(type) {
	case nil:
		return append(b, 'N', ';')
	case bool:
		if v {
			return append(b, 'i', '1', ';')
		}
		return append(b, 'i', '0', ';')
	case int64:
		b = append(b, 'i')
		return append(strconv.AppendInt(b, v, 10), ';')
	case int32:
		b = append(b, 'i')
		return append(strconv.AppendInt(b, int64(v), 10), ';')
	case int16:
		b = append(b, 'i')
		return append(strconv.AppendInt(b, int64(v), 10), ';')
	case float64:
		b = append(b, 'f')
		return append(strconv.AppendFloat(b, v, 'g', -1, 64), ';')
	case time.Time:
		// PostgreSQL keeps microseconds; pgx drops the rest.
		v = v.UTC().Truncate(time.Microsecond)
		return text(b, v.Format(time.RFC3339Nano))
	case string:
		return text(b, v)
	case []byte:
		return text(b, string(v))
	}
	return text(b, fmt.Sprintf("%T:%v", v, v))
}

func text(b []byte, s string) []byte {
	b = append(b, 's')
	b = strconv.AppendInt(b, int64(len(s)), 10)
	b = append(b, ':')
	b = append(b, s...)
	return append(b, ';')
}
