package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/linkway/linkway/internal/storecopy"
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

	plan, err := storecopy.Copy(ctx, lite, pg, stderr, isTerminal(stderr))
	if err != nil {
		return fmt.Errorf("migrate-store: %w", err)
	}
	fmt.Fprintln(stderr, "comparing the tables on both sides")
	if err := storecopy.Verify(ctx, lite, pg, plan, stdout); err != nil {
		return fmt.Errorf("migrate-store: %w", err)
	}
	return nil
}
