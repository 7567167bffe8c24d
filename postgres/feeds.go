package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/storedoc"
)

// AddFeed registers a feed. A name already taken is a Conflict.
func (db *DB) AddFeed(ctx context.Context, name, url string) error {
	_, err := db.pool.Exec(ctx, `INSERT INTO feed (name, url, added_at) VALUES ($1, $2, $3)`,
		name, url, db.Now().UTC().Format(time.RFC3339))
	return translate(err, "feed "+name)
}

const feedColumns = `name, url, format, added_at, synced_at, applied_at, read, created, updated, unchanged,
	withdrawn, warnings, pages, error, etag, last_modified`

// Feeds returns the registered feeds, by name.
func (db *DB) Feeds(ctx context.Context) ([]directory.Feed, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+feedColumns+` FROM feed ORDER BY name`)
	if err != nil {
		return nil, translate(err, "feeds")
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (directory.Feed, error) { return scanFeed(r) })
}

// Feed returns the feed called name.
func (db *DB) Feed(ctx context.Context, name string) (directory.Feed, error) {
	f, err := scanFeed(db.pool.QueryRow(ctx, `SELECT `+feedColumns+` FROM feed WHERE name = $1`, name))
	if directory.KindOf(err) == directory.NotFound {
		err = &directory.Error{Kind: directory.NotFound, Msg: "no feed is called " + directory.Quote(name) + "; \"linkway feed list\" lists them", Err: err}
	}
	return f, err
}

func scanFeed(row pgx.Row) (directory.Feed, error) {
	var f directory.Feed
	var added, synced, applied string
	r := &f.Last
	if err := row.Scan(&f.Name, &f.URL, &f.Format, &added, &synced, &applied, &r.Read, &r.Created, &r.Updated, &r.Unchanged,
		&r.Withdrawn, &r.Warnings, &r.Pages, &r.Error, &f.ETag, &f.LastModified); err != nil {
		return f, translate(err, "feed")
	}
	storedoc.FeedTimes(&f, added, synced, applied)
	return f, nil
}

// SaveFeedResult records the outcome of a sync of the feed called name.
// A sync that was applied (r.Error empty) also records the feed's format
// and its first page's validators; a failed one keeps those of the last
// applied sync, so that the next sync fetches everything again.
func (db *DB) SaveFeedResult(ctx context.Context, name, format string, r directory.FeedResult, etag, lastModified string) error {
	return db.InTx(ctx, func(tx *Tx) error {
		at := r.At.UTC().Format(time.RFC3339)
		tag, err := tx.tx.Exec(ctx, `UPDATE feed SET synced_at = $1, read = $2, created = $3, updated = $4, unchanged = $5,
				withdrawn = $6, warnings = $7, pages = $8, error = $9 WHERE name = $10`,
			at, r.Read, r.Created, r.Updated, r.Unchanged, r.Withdrawn, r.Warnings, r.Pages, r.Error, name)
		if err != nil {
			return translate(err, "feed "+name)
		}
		if tag.RowsAffected() == 0 {
			return &directory.Error{Kind: directory.NotFound, Msg: "no feed is called " + directory.Quote(name)}
		}
		if r.Error != "" {
			return nil
		}
		_, err = tx.tx.Exec(ctx, `UPDATE feed SET applied_at = $1, format = CASE WHEN $2 = '' THEN format ELSE $2 END,
				etag = $3, last_modified = $4 WHERE name = $5`, at, format, etag, lastModified, name)
		return translate(err, "feed "+name)
	})
}

// FeedServiceIDs returns the ids of the listed (active or temporarily
// closed) services that came from the feed called name: those whose ids
// it namespaces. Ids alone, so that a feed of 100,000 services costs a
// few megabytes to check for withdrawals.
func (db *DB) FeedServiceIDs(ctx context.Context, name string) ([]string, error) {
	rows, err := db.pool.Query(ctx, `SELECT id FROM service WHERE starts_with(id, $1) AND status IN ($2, $3) ORDER BY id`,
		directory.FeedID(name, ""), string(directory.StatusActive), string(directory.StatusTemporarilyClosed))
	if err != nil {
		return nil, translate(err, "feed services")
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	return ids, translate(err, "feed services")
}
