package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/linkway/linkway/internal/tablecopy"
)

// Tables lists the tables of the schema.
func (db *DB) Tables(ctx context.Context) ([]string, error) {
	rows, err := db.pool.Query(ctx, `SELECT table_name::text FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`)
	if err != nil {
		return nil, translate(err, "tables")
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	return names, translate(err, "tables")
}

// Columns lists a table's columns in their order.
func (db *DB) Columns(ctx context.Context, table string) ([]tablecopy.Column, error) {
	rows, err := db.pool.Query(ctx, `SELECT column_name::text, data_type::text FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`, table)
	if err != nil {
		return nil, translate(err, "columns")
	}
	cols, err := pgx.CollectRows(rows, pgx.RowToStructByPos[tablecopy.Column])
	if err == nil && len(cols) == 0 {
		err = fmt.Errorf("no table %s", table)
	}
	return cols, translate(err, "columns of "+table)
}

// Filled returns those of tables that hold any row.
func (db *DB) Filled(ctx context.Context, tables []string) ([]string, error) {
	var filled []string
	for _, t := range tables {
		var any bool
		if err := db.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM `+pgx.Identifier{t}.Sanitize()+`)`).Scan(&any); err != nil {
			return nil, translate(err, t)
		}
		if any {
			filled = append(filled, t)
		}
	}
	return filled, nil
}

// EachRow calls fn with every row of table, its values in the order of
// cols, in key order (text compared byte by byte, as SQLite does).
func (db *DB) EachRow(ctx context.Context, table string, cols []tablecopy.Column, key []string, fn func(row []any) error) error {
	types := map[string]string{}
	names := make([]string, len(cols))
	for i, c := range cols {
		types[c.Name], names[i] = c.Type, pgx.Identifier{c.Name}.Sanitize()
	}
	order := make([]string, len(key))
	for i, k := range key {
		order[i] = pgx.Identifier{k}.Sanitize()
		if types[k] == "text" {
			order[i] += ` COLLATE "C"`
		}
	}
	rows, err := db.pool.Query(ctx, `SELECT `+strings.Join(names, ", ")+` FROM `+pgx.Identifier{table}.Sanitize()+
		` ORDER BY `+strings.Join(order, ", "))
	if err != nil {
		return translate(err, table)
	}
	defer rows.Close()
	for rows.Next() {
		row, err := rows.Values()
		if err != nil {
			return translate(err, table)
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	return translate(rows.Err(), table)
}

// Loader copies rows into tables within one transaction (see Load).
type Loader struct{ tx pgx.Tx }

// Load runs fn in one transaction, so a copy that fails leaves the
// database as empty as it was.
func (db *DB) Load(ctx context.Context, fn func(l *Loader) error) error {
	return pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error { return fn(&Loader{tx: tx}) })
}

// Copy copies the rows next returns (nil, nil at the end) into table's
// cols as they are. The table's own triggers are off meanwhile (the
// copied rows already hold what they would compute, such as people's
// contact counts), and identity columns then continue after the largest
// id copied.
func (l *Loader) Copy(ctx context.Context, table string, cols []tablecopy.Column, next func() ([]any, error)) (int64, error) {
	name := pgx.Identifier{table}.Sanitize()
	if _, err := l.tx.Exec(ctx, `ALTER TABLE `+name+` DISABLE TRIGGER USER`); err != nil {
		return 0, translate(err, table)
	}
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	var row []any
	src := pgx.CopyFromFunc(func() ([]any, error) {
		var err error
		row, err = next()
		return row, err
	})
	n, err := l.tx.CopyFrom(ctx, pgx.Identifier{table}, names, src)
	if err != nil {
		return n, fmt.Errorf("postgres: copy %s (row %v): %w", table, row, err)
	}
	if _, err := l.tx.Exec(ctx, `ALTER TABLE `+name+` ENABLE TRIGGER USER`); err != nil {
		return n, translate(err, table)
	}
	return n, l.resyncIdentities(ctx, table)
}

// resyncIdentities moves each identity column's sequence past the
// largest value copied, so the next row gets a new id.
func (l *Loader) resyncIdentities(ctx context.Context, table string) error {
	rows, err := l.tx.Query(ctx, `SELECT column_name::text FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = $1 AND is_identity = 'YES'`, table)
	if err != nil {
		return translate(err, table)
	}
	idents, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return translate(err, table)
	}
	for _, col := range idents {
		c := pgx.Identifier{col}.Sanitize()
		_, err := l.tx.Exec(ctx, `SELECT setval(pg_get_serial_sequence($1, $2), coalesce(max(`+c+`), 0) + 1, false) FROM `+pgx.Identifier{table}.Sanitize(),
			table, col)
		if err != nil {
			return translate(err, table+" identity")
		}
	}
	return nil
}
