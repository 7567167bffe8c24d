// Package storecopy copies a SQLite store into an empty PostgreSQL
// database, table by table with COPY in one transaction, and compares the
// two afterwards: what `linkway migrate-store` does, and how the
// benchmark fills PostgreSQL quickly.
package storecopy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/linkway/linkway/internal/tablecopy"
	"github.com/linkway/linkway/postgres"
	"github.com/linkway/linkway/sqlite"
)

// Copy copies every table of lite into pg, which must be empty, in one
// transaction: all or nothing. Progress goes to stderr. It returns the
// tables copied, for Verify.
func Copy(ctx context.Context, lite *sqlite.DB, pg *postgres.DB, stderr io.Writer, terminal bool) ([]Table, error) {
	plan, err := planCopy(ctx, pg)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	err = pg.Load(ctx, func(l *postgres.Loader) error {
		for _, t := range plan {
			if err := copyTable(ctx, lite, l, t, stderr, terminal); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("nothing was copied: %w", err)
	}
	fmt.Fprintf(stderr, "copied %d tables in %s\n", len(plan), time.Since(start).Round(time.Millisecond))
	return plan, nil
}

// Table is a table to copy with PostgreSQL's columns for it.
type Table struct {
	tablecopy.Table
	cols []tablecopy.Column
}

func (t Table) names() []string {
	names := make([]string, len(t.cols))
	for i, c := range t.cols {
		names[i] = c.Name
	}
	return names
}

// planCopy checks that every table of the target is one copied or
// skipped, and that the target is empty, and returns the tables to copy.
func planCopy(ctx context.Context, pg *postgres.DB) ([]Table, error) {
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
			return nil, fmt.Errorf("table %s is neither copied nor skipped (add it to tablecopy.Tables)", name)
		}
	}
	filled, err := pg.Filled(ctx, copied)
	if err != nil {
		return nil, err
	}
	if len(filled) > 0 {
		return nil, fmt.Errorf("the target database is not empty (%s hold rows); it copies into an empty database only", strings.Join(filled, ", "))
	}
	plan := make([]Table, len(tablecopy.Tables))
	for i, t := range tablecopy.Tables {
		cols, err := pg.Columns(ctx, t.Name)
		if err != nil {
			return nil, err
		}
		plan[i] = Table{Table: t, cols: cols}
	}
	return plan, nil
}

// errStop ends a read early.
var errStop = errors.New("stop")

// sqliteRows reads t's rows from SQLite, converted for PostgreSQL.
func sqliteRows(ctx context.Context, lite *sqlite.DB, t Table) iter.Seq2[[]any, error] {
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

// copyTable copies one table, with progress lines on stderr (a line
// redrawn as it goes when stderr is a terminal).
func copyTable(ctx context.Context, lite *sqlite.DB, l *postgres.Loader, t Table, stderr io.Writer, terminal bool) error {
	next, stop := iter.Pull2(sqliteRows(ctx, lite, t))
	defer stop()
	n, last := 0, time.Now()
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

// Verify prints each table's row count and content hash on both
// sides, and fails if any differ.
func Verify(ctx context.Context, lite *sqlite.DB, pg *postgres.DB, plan []Table, stdout io.Writer) error {
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
		return fmt.Errorf("%s differ after the copy", strings.Join(differ, ", "))
	}
	return nil
}
