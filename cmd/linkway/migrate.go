package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/linkway/linkway/internal/tablecopy"
	"github.com/linkway/linkway/postgres"
	"github.com/linkway/linkway/sqlite"
)

// runMigrateStore copies a data folder's SQLite store into an empty
// PostgreSQL database, in one transaction, and then checks that every
// table holds the same rows on both sides.
func runMigrateStore(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("migrate-store", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("data", "", "data folder whose linkway.db is copied (default $LINKWAY_DATA or ./linkway-data)")
	to := fs.String("to", "", "the empty PostgreSQL database to copy into (postgres://…)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: linkway migrate-store --data DIR --to postgres://…\n\nCopies the SQLite store into an empty PostgreSQL database (sessions excepted: everyone logs in again), then compares each table's rows on both sides.")
		fs.PrintDefaults()
	}
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if !isPostgres(*to) {
		return usageError{fmt.Errorf("--to must be a postgres:// URL, not %q", *to)}
	}
	path := filepath.Join(dataDir(*dir, getenv), "linkway.db")
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("migrate-store: no SQLite store to copy: %w", err)
	}
	lite, err := sqlite.Open(path)
	if err != nil {
		return err
	}
	defer lite.Close()
	pg, err := postgres.Open(ctx, *to)
	if err != nil {
		return err
	}
	defer pg.Close()

	plan, err := planCopy(ctx, pg)
	if err != nil {
		return err
	}
	start := time.Now()
	err = pg.Load(ctx, func(l *postgres.Loader) error {
		for _, t := range plan {
			if err := copyTable(ctx, lite, l, t, stderr); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("migrate-store: nothing was copied: %w", err)
	}
	fmt.Fprintf(stderr, "copied %d tables in %s; comparing them\n", len(plan), time.Since(start).Round(time.Millisecond))
	return verifyCopy(ctx, lite, pg, plan, stdout)
}

// tableCopy is a table to copy with PostgreSQL's columns for it.
type tableCopy struct {
	tablecopy.Table
	cols []tablecopy.Column
}

func (t tableCopy) names() []string {
	names := make([]string, len(t.cols))
	for i, c := range t.cols {
		names[i] = c.Name
	}
	return names
}

// planCopy checks that every table of the target is one copied or
// skipped, and that the target is empty, and returns the tables to copy.
func planCopy(ctx context.Context, pg *postgres.DB) ([]tableCopy, error) {
	tables, err := pg.Tables(ctx)
	if err != nil {
		return nil, err
	}
	copied := make([]string, len(tablecopy.Tables))
	for i, t := range tablecopy.Tables {
		copied[i] = t.Name
	}
	for _, name := range tables {
		if !slices.Contains(copied, name) && !slices.Contains(tablecopy.Skipped, name) {
			return nil, fmt.Errorf("migrate-store: table %s is neither copied nor skipped (add it to tablecopy.Tables)", name)
		}
	}
	filled, err := pg.Filled(ctx, copied)
	if err != nil {
		return nil, err
	}
	if len(filled) > 0 {
		return nil, fmt.Errorf("migrate-store: the target database is not empty (%s hold rows); it copies into an empty database only", strings.Join(filled, ", "))
	}
	plan := make([]tableCopy, len(tablecopy.Tables))
	for i, t := range tablecopy.Tables {
		cols, err := pg.Columns(ctx, t.Name)
		if err != nil {
			return nil, err
		}
		plan[i] = tableCopy{Table: t, cols: cols}
	}
	return plan, nil
}

// errStop ends a read early.
var errStop = errors.New("stop")

// sqliteRows reads t's rows from SQLite, converted for PostgreSQL.
func sqliteRows(ctx context.Context, lite *sqlite.DB, t tableCopy) iter.Seq2[[]any, error] {
	return func(yield func([]any, error) bool) {
		err := lite.EachRow(ctx, t.Name, t.names(), t.Key, func(row []any) error {
			out := make([]any, len(row))
			for i, v := range row {
				var err error
				if out[i], err = tablecopy.Value(t.cols[i], v); err != nil {
					return fmt.Errorf("%s: %w", t.Name, err)
				}
			}
			if !yield(out, nil) {
				return errStop
			}
			return nil
		})
		if err != nil && !errors.Is(err, errStop) {
			yield(nil, err)
		}
	}
}

// copyTable copies one table, with progress lines on stderr.
func copyTable(ctx context.Context, lite *sqlite.DB, l *postgres.Loader, t tableCopy, stderr io.Writer) error {
	next, stop := iter.Pull2(sqliteRows(ctx, lite, t))
	defer stop()
	n, last := 0, time.Now()
	terminal := isTerminal(stderr)
	copied, err := l.Copy(ctx, t.Name, t.cols, func() ([]any, error) {
		row, err, ok := next()
		if !ok || err != nil {
			return nil, err
		}
		if n++; terminal && time.Since(last) >= 200*time.Millisecond {
			last = time.Now()
			fmt.Fprintf(stderr, "\r\033[Kcopying %s: %d rows", t.Name, n)
		}
		return row, nil
	})
	if terminal {
		fmt.Fprint(stderr, "\r\033[K")
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "copied %s: %d rows\n", t.Name, copied)
	return nil
}

// verifyCopy prints each table's row count and content hash on both
// sides, and fails if any differ.
func verifyCopy(ctx context.Context, lite *sqlite.DB, pg *postgres.DB, plan []tableCopy, stdout io.Writer) error {
	fmt.Fprintf(stdout, "%-22s %8s  %-16s  %s\n", "table", "rows", "sha256", "")
	var differ []string
	for _, t := range plan {
		a, b := tablecopy.NewHash(), tablecopy.NewHash()
		if err := lite.EachRow(ctx, t.Name, t.names(), t.Key, func(row []any) error { a.Add(t.cols, row); return nil }); err != nil {
			return err
		}
		if err := pg.EachRow(ctx, t.Name, t.cols, t.Key, func(row []any) error { b.Add(t.cols, row); return nil }); err != nil {
			return err
		}
		verdict := "same"
		if a.Rows() != b.Rows() || a.Sum() != b.Sum() {
			verdict = fmt.Sprintf("DIFFERENT: SQLite has %d rows, sha256 %.16s", a.Rows(), a.Sum())
			differ = append(differ, t.Name)
		}
		fmt.Fprintf(stdout, "%-22s %8d  %.16s  %s\n", t.Name, b.Rows(), b.Sum(), verdict)
	}
	if len(differ) > 0 {
		return fmt.Errorf("migrate-store: %s differ after the copy", strings.Join(differ, ", "))
	}
	return nil
}
