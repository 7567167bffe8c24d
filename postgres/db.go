// Package postgres is Linkway's shared store for deployments that outgrow
// one machine: several `linkway serve` instances on one PostgreSQL, each
// keeping its own search index by following the change log. It satisfies
// the same consumer interfaces as package sqlite, with embedded
// forward-only migrations.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/storedoc"
)

//go:embed migrations/*.sql
var migrations embed.FS

// migrationLock is the advisory lock key instances take while migrating,
// so two starting at once do not both apply a migration.
const migrationLock = 0x4c696e6b_00000001 // "Link", 1

// DB is the store: a pool of connections to one database.
type DB struct {
	pool *pgxpool.Pool

	// Now is the clock, replaceable in tests.
	Now func() time.Time

	// Kinds, when set, gives every service written Linkway's kinds of
	// support (see [Tx.PutService] and [DB.Reclassify]).
	Kinds directory.Classifier

	cache storedoc.ServiceCache // decoded services, see ServicesByID
	terms storedoc.CountCache   // Terms, as of a change-log sequence
	kinds storedoc.CountCache   // KindCounts, likewise

	// jobs holds the locks of the jobs this store is running (jobs.go).
	jobs jobLocks
}

// Open connects to the database at url (postgres://…), brings its schema
// up to date and returns the store.
func Open(ctx context.Context, url string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: connect: %w", err)
	}
	db := &DB{pool: pool, Now: time.Now}
	if err := db.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	// An import whose process died is finished or discarded (staging.go).
	if err := db.finishImports(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return db, nil
}

// Close closes the pool.
func (db *DB) Close() error {
	db.jobs.releaseAll()
	db.pool.Close()
	return nil
}

// migrate applies, in name order, every embedded migration not yet
// recorded, each in its own transaction, holding an advisory lock so
// that instances starting together migrate one after the other.
func (db *DB) migrate(ctx context.Context) error {
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("postgres: migrate: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, int64(migrationLock)); err != nil {
		return fmt.Errorf("postgres: migration lock: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, int64(migrationLock))
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    text PRIMARY KEY,
		applied_at timestamptz NOT NULL DEFAULT now()
	)`); err != nil {
		return fmt.Errorf("postgres: migrations table: %w", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		version := strings.TrimSuffix(strings.TrimPrefix(name, "migrations/"), ".sql")
		if err := migrateOne(ctx, conn.Conn(), version, name); err != nil {
			return fmt.Errorf("postgres: migration %s: %w", version, err)
		}
	}
	return nil
}

func migrateOne(ctx context.Context, conn *pgx.Conn, version, name string) error {
	return pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		var done bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = $1)`, version).Scan(&done); err != nil || done {
			return err
		}
		body, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, string(body)); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO schema_migrations (version) VALUES ($1)`, version)
		return err
	})
}

// Migrations lists the versions applied, oldest first.
func (db *DB) Migrations(ctx context.Context) ([]string, error) {
	rows, err := db.pool.Query(ctx, `SELECT version FROM schema_migrations ORDER BY version`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

// Tx is a write transaction. Its methods are the store's writes.
type Tx struct {
	tx  pgx.Tx
	db  *DB
	now time.Time

	logLocked bool // holds the change log's lock (changelog.go)
}

// InTx runs fn in one transaction, committing if fn returns nil and
// rolling back otherwise, so a failed import changes nothing.
func (db *DB) InTx(ctx context.Context, fn func(tx *Tx) error) error {
	return pgx.BeginFunc(ctx, db.pool, func(t pgx.Tx) error {
		return fn(&Tx{tx: t, db: db, now: db.Now().UTC()})
	})
}

// translate maps driver errors onto directory kinds at the store's edge.
func translate(err error, what string) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return &directory.Error{Kind: directory.NotFound, Msg: what + " not found", Err: err}
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "23505" { // unique_violation
		return &directory.Error{Kind: directory.Conflict, Msg: what + " already exists", Err: err}
	}
	return fmt.Errorf("postgres: %s: %w", what, err)
}
