// Package like builds patterns for SQL LIKE, shared by the store
// adapters so that a searched word matches the same rows in both.
package like

import "strings"

var escaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// Escape escapes LIKE's wildcards in s, for ESCAPE '\'.
func Escape(s string) string { return escaper.Replace(s) }

// Contains is the pattern that matches any text holding s.
func Contains(s string) string { return "%" + Escape(s) + "%" }

// Words is the pattern that matches text holding the words of s in
// order, with anything between them.
func Words(s string) string {
	fields := strings.Fields(s)
	for i, w := range fields {
		fields[i] = Escape(w)
	}
	return "%" + strings.Join(fields, "%") + "%"
}
