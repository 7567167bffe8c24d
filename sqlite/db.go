// Package sqlite is Linkway's embedded store: one SQLite file holding the
// directory (and later casework), with embedded forward-only migrations
// and a change log that the search index follows.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/storedoc"
	"github.com/mattn/go-sqlite3"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is the store. Writes go through a single connection, because SQLite
// allows one writer at a time and queueing in Go is cheaper than
// SQLITE_BUSY retries; reads use a pool that WAL lets run alongside.
type DB struct {
	path  string
	write *sql.DB
	read  *sql.DB
	cache storedoc.ServiceCache
	terms storedoc.CountCache
	kinds storedoc.CountCache

	// Now is the clock, replaceable in tests.
	Now func() time.Time
	// Kinds, when set, gives every service written Linkway's kinds of
	// support, on every write path (see [Tx.PutService]). Set it right
	// after Open, before any write.
	Kinds Classifier
}

// dsn puts every pragma in the connection string, so each pooled
// connection gets them (a one-off Exec would set them on one connection).
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Set("_foreign_keys", "on")
	q.Set("_journal_mode", "WAL")
	q.Set("_busy_timeout", "5000")
	q.Set("_synchronous", "NORMAL")
	if readOnly {
		q.Set("mode", "ro")
	} else {
		q.Set("_txlock", "immediate")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// Open opens (creating if needed) the database at path, brings its
// schema up to date and finishes what an import whose process died left
// behind (see [DB.BeginImport]).
func Open(path string) (*DB, error) {
	w, err := sql.Open("sqlite3", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	db := &DB{path: path, write: w, Now: time.Now}
	if err := db.migrate(context.Background()); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite: open %s for reading: %w", path, err)
	}
	r.SetMaxOpenConns(8)
	db.read = r
	if err := db.finishImports(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.fillSearchKeys(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Close closes both pools.
func (db *DB) Close() error {
	return errors.Join(db.read.Close(), db.write.Close())
}

// Path returns the database file's path.
func (db *DB) Path() string { return db.path }

func (db *DB) migrate(ctx context.Context) error {
	if _, err := db.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    TEXT PRIMARY KEY,
		applied_at TEXT NOT NULL
	)`); err != nil {
		return fmt.Errorf("sqlite: migrations table: %w", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		version := strings.TrimSuffix(strings.TrimPrefix(name, "migrations/"), ".sql")
		if err := db.migrateOne(ctx, version, name); err != nil {
			return fmt.Errorf("sqlite: migration %s: %w", version, err)
		}
	}
	return nil
}

func (db *DB) migrateOne(ctx context.Context, version, name string) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	body, err := migrations.ReadFile(name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`, version, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	return tx.Commit()
}

// Tx is a write transaction. Its methods are the store's writes.
type Tx struct {
	tx    *sql.Tx
	db    *DB
	now   time.Time
	stmts map[string]*sql.Stmt
}

// InTx runs fn in one write transaction, committing if fn returns nil and
// rolling back otherwise, so a failed import changes nothing.
func (db *DB) InTx(ctx context.Context, fn func(tx *Tx) error) error {
	sqlTx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: begin: %w", err)
	}
	tx := &Tx{tx: sqlTx, db: db, now: db.Now().UTC(), stmts: map[string]*sql.Stmt{}}
	defer func() {
		for _, s := range tx.stmts {
			s.Close()
		}
	}()
	// Deferred so that a panic in fn (recovered by net/http, say) still
	// frees the only write connection; after Commit it does nothing.
	defer sqlTx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("sqlite: commit: %w", err)
	}
	return nil
}

// exec runs a statement, preparing it once per transaction: an import
// runs the same few statements hundreds of thousands of times.
func (tx *Tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, ok := tx.stmts[query]
	if !ok {
		var err error
		if st, err = tx.tx.PrepareContext(ctx, query); err != nil {
			return nil, err
		}
		tx.stmts[query] = st
	}
	return st.ExecContext(ctx, args...)
}

func (tx *Tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	st, ok := tx.stmts[query]
	if !ok {
		var err error
		if st, err = tx.tx.PrepareContext(ctx, query); err != nil {
			return tx.tx.QueryRowContext(ctx, query, args...)
		}
		tx.stmts[query] = st
	}
	return st.QueryRowContext(ctx, args...)
}

// translate maps driver errors onto directory kinds at the store's edge.
func translate(err error, what string) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return &directory.Error{Kind: directory.NotFound, Msg: what + " not found", Err: err}
	}
	var se sqlite3.Error
	if errors.As(err, &se) && (se.ExtendedCode == sqlite3.ErrConstraintUnique || se.ExtendedCode == sqlite3.ErrConstraintPrimaryKey) {
		return &directory.Error{Kind: directory.Conflict, Msg: what + " already exists", Err: err}
	}
	return fmt.Errorf("sqlite: %s: %w", what, err)
}
