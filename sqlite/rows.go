package sqlite

import (
	"context"
	"strings"
)

// EachRow calls fn with every row of table, the values of cols in their
// order as the driver gives them, in key order (text compared byte by
// byte). It is for copying the store elsewhere, table by table.
func (db *DB) EachRow(ctx context.Context, table string, cols, key []string, fn func(row []any) error) error {
	quoted := func(names []string, suffix string) string {
		q := make([]string, len(names))
		for i, n := range names {
			q[i] = `"` + strings.ReplaceAll(n, `"`, `""`) + `"` + suffix
		}
		return strings.Join(q, ", ")
	}
	rows, err := db.read.QueryContext(ctx, `SELECT `+quoted(cols, "")+` FROM `+quoted([]string{table}, "")+
		` ORDER BY `+quoted(key, " COLLATE BINARY"))
	if err != nil {
		return translate(err, table)
	}
	defer rows.Close()
	row := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range row {
		ptrs[i] = &row[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return translate(err, table)
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	return translate(rows.Err(), table)
}
