package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/alexedwards/scs/sqlite3store"
	"github.com/alexedwards/scs/v2"
	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/freshness"
	"github.com/linkway/linkway/hsds"
	"github.com/linkway/linkway/indexer"
	"github.com/linkway/linkway/kinds"
	"github.com/linkway/linkway/notify"
	"github.com/linkway/linkway/sqlite"
	"github.com/linkway/linkway/web"
	"github.com/linkway/linkway/web/core"
)

// store is everything the commands need of the store, whichever adapter
// holds it: the consumers' interfaces together, and the few methods only
// the commands call.
type store interface {
	web.Store
	casework.Store
	hsds.JobStore
	hsds.FeedStore
	indexer.Source
	notify.OutboxStore
	freshness.Store

	Stats(ctx context.Context) (directory.Stats, error)
	Reclassify(ctx context.Context, progress func(done, changed int)) (changed int, err error)
	InterruptJobs(ctx context.Context) (int, error)
	DeleteExpiredSessions(ctx context.Context) error
	AddFeed(ctx context.Context, name, url string) error
	Feeds(ctx context.Context) ([]directory.Feed, error)
	PutTeam(ctx context.Context, t casework.Team) error
	Team(ctx context.Context, id string) (casework.Team, error)
	FindServices(ctx context.Context, f directory.ServiceFilter) ([]*directory.Service, int, error)
	CreateUser(ctx context.Context, u casework.User, passwordHash string) (int64, error)
	UserByEmail(ctx context.Context, email string) (casework.User, string, error)
	Organization(ctx context.Context, id string) (*directory.Organization, error)
	SetPasswordHash(ctx context.Context, userID int64, hash string) error
	UptakeByService(ctx context.Context, serviceIDs []string) (map[string]casework.ServiceUptake, error)
	Close() error
}

// staging is a staged import (sqlite.Import or postgres.Import), whose
// progress and failures are fields, reached here through small wrappers.
type staging interface {
	hsds.Staging
	PutTerms(ctx context.Context, terms []directory.Term) error
	setProgress(fn func(done, total int))
	failed() []string
}

// backend is an open store with what cannot be said by one interface:
// the adapters' own import and session types and how instances agree on
// a leader.
type backend struct {
	db       store
	begin    func(ctx context.Context) (staging, error)
	sessions scs.Store
	// lead starts taking part in choosing which instance runs the
	// scheduled jobs.
	lead  func() leader
	fresh bool // the store was created now, empty
	// shared is whether other instances may use the store at once.
	shared bool
	// limiters, when set, count the limits on logins and requests in the
	// store, so that every instance shares them (nil: in memory), and
	// sweepLimits deletes their spent windows.
	limiters    core.Limiters
	sweepLimits func(ctx context.Context) error
	// watchChanges, when set, calls wake as soon as any instance commits
	// a change to the listings, until ctx ends, so that this instance's
	// index need not wait for its next poll (nil: only this process
	// writes, and it wakes its own index).
	watchChanges func(ctx context.Context, wake func(), onError func(error))
}

// leader tells whether this instance runs the scheduled jobs: with
// several instances on one database exactly one of them does.
type leader interface {
	Leading() bool
	Close() error
}

// alone is the leader of a store only one instance uses (SQLite).
type alone struct{}

func (alone) Leading() bool { return true }
func (alone) Close() error  { return nil }

// databaseFlag adds --database to a command's flags.
func databaseFlag(fs *flag.FlagSet) *string {
	return fs.String("database", "", "PostgreSQL database (postgres://…) shared by several instances (default $LINKWAY_DATABASE, or else SQLite in the data folder)")
}

// databaseURL returns the database from the flag value or the
// environment; "" means SQLite in the data folder.
func databaseURL(flagValue string, getenv func(string) string) string {
	if flagValue != "" {
		return flagValue
	}
	return getenv("LINKWAY_DATABASE")
}

// isPostgres reports whether url names a PostgreSQL database.
func isPostgres(url string) bool {
	return strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://")
}

// openStore opens the store named by url, or SQLite's linkway.db in dir
// when url is empty, with every write classifying services by c.
func openStore(ctx context.Context, url, dir string, c *kinds.Assigner) (*backend, error) {
	switch {
	case url == "":
		return openSQLite(filepath.Join(dir, "linkway.db"), c)
	case isPostgres(url):
		return openPostgres(ctx, url, c)
	}
	return nil, usageError{fmt.Errorf("--database must be a postgres:// URL, not %q", url)}
}

func openSQLite(path string, c *kinds.Assigner) (*backend, error) {
	_, err := os.Stat(path)
	fresh := errors.Is(err, fs.ErrNotExist)
	db, err := sqlite.Open(path)
	if err != nil {
		return nil, err
	}
	db.Kinds = c
	return &backend{
		db: db,
		begin: func(ctx context.Context) (staging, error) {
			imp, err := db.BeginImport(ctx)
			if err != nil {
				return nil, err // a nil *sqlite.Import must not become a non-nil staging
			}
			return sqliteStaging{imp}, nil
		},
		// No cleanup goroutine: a background job deletes expired ones.
		sessions: sqlite3store.NewWithCleanupInterval(db.SessionDB(), 0),
		lead:     func() leader { return alone{} },
		fresh:    fresh,
	}, nil
}

type sqliteStaging struct{ *sqlite.Import }

func (s sqliteStaging) setProgress(fn func(done, total int)) { s.Progress = fn }
func (s sqliteStaging) failed() []string                     { return s.Failed }
