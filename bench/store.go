package bench

import (
	"context"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/indexer"
	"github.com/linkway/linkway/postgres"
	"github.com/linkway/linkway/sqlite"
)

// Store is what the benchmark needs of a store: what the index reads,
// one service by id for edits, and a batch of writes in one transaction.
// The two adapters below give it for SQLite and PostgreSQL, whose InTx
// take different Tx types.
type Store interface {
	indexer.Source
	Service(ctx context.Context, id string) (*directory.Service, error)
	// PutServices writes ss in one transaction, as an import batch does.
	PutServices(ctx context.Context, ss []*directory.Service) error
}

// changeWatcher is a Store that tells when any writer commits a change,
// as PostgreSQL does (see [postgres.DB.WatchChanges]).
type changeWatcher interface {
	WatchChanges(ctx context.Context, wake func(), retry time.Duration, onError func(error))
}

type sqliteStore struct{ *sqlite.DB }

// SQLite is db as a benchmark Store.
func SQLite(db *sqlite.DB) Store { return sqliteStore{db} }

func (s sqliteStore) PutServices(ctx context.Context, ss []*directory.Service) error {
	return s.InTx(ctx, func(tx *sqlite.Tx) error { return putAll(ctx, tx, ss) })
}

type postgresStore struct{ *postgres.DB }

// Postgres is db as a benchmark Store.
func Postgres(db *postgres.DB) Store { return postgresStore{db} }

func (s postgresStore) PutServices(ctx context.Context, ss []*directory.Service) error {
	return s.InTx(ctx, func(tx *postgres.Tx) error { return putAll(ctx, tx, ss) })
}

// putAll writes ss through either adapter's transaction.
func putAll[T interface {
	PutService(context.Context, *directory.Service) (bool, bool, error)
}](ctx context.Context, tx T, ss []*directory.Service) error {
	for _, sv := range ss {
		if _, _, err := tx.PutService(ctx, sv); err != nil {
			return err
		}
	}
	return nil
}
