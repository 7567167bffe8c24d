package postgres

import (
	"fmt"
	"strings"
)

// where builds a WHERE clause from optional conditions, numbering their
// placeholders as they are added.
type where struct {
	conds []string
	args  []any
}

// add appends cond, whose one %d is the placeholder for v.
func (w *where) add(cond string, v any) {
	w.args = append(w.args, v)
	w.conds = append(w.conds, fmt.Sprintf(cond, len(w.args)))
}

// addFixed appends a condition that takes no argument.
func (w *where) addFixed(cond string) { w.conds = append(w.conds, cond) }

// arg adds v as an argument of a later clause (LIMIT…) and returns its
// placeholder.
func (w *where) arg(v any) string {
	w.args = append(w.args, v)
	return fmt.Sprintf("$%d", len(w.args))
}

// String is " WHERE a AND b", or "" when there are no conditions.
func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}
