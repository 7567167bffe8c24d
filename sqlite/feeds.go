package sqlite

import (
	"context"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/storedoc"
)

// AddFeed registers a feed. A name already taken is a Conflict.
func (db *DB) AddFeed(ctx context.Context, name, url string) error {
	return db.InTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `INSERT INTO feed (name, url, added_at) VALUES (?, ?, ?)`, name, url, tx.now.Format(time.RFC3339))
		return translate(err, "feed "+name)
	})
}

const feedColumns = `name, url, format, added_at, synced_at, applied_at, read, created, updated, unchanged,
	withdrawn, warnings, pages, error, etag, last_modified`

// Feeds returns the registered feeds, by name.
func (db *DB) Feeds(ctx context.Context) ([]directory.Feed, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+feedColumns+` FROM feed ORDER BY name`)
	if err != nil {
		return nil, translate(err, "feeds")
	}
	defer rows.Close()
	var out []directory.Feed
	for rows.Next() {
		f, err := scanFeed(rows.Scan)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, translate(rows.Err(), "feeds")
}

// Feed returns the feed called name.
func (db *DB) Feed(ctx context.Context, name string) (directory.Feed, error) {
	f, err := scanFeed(db.read.QueryRowContext(ctx, `SELECT `+feedColumns+` FROM feed WHERE name = ?`, name).Scan)
	if directory.KindOf(err) == directory.NotFound {
		err = &directory.Error{Kind: directory.NotFound, Msg: "no feed is called " + directory.Quote(name) + "; \"linkway feed list\" lists them", Err: err}
	}
	return f, err
}

func scanFeed(scan func(...any) error) (directory.Feed, error) {
	var f directory.Feed
	var added, synced, applied string
	r := &f.Last
	if err := scan(&f.Name, &f.URL, &f.Format, &added, &synced, &applied, &r.Read, &r.Created, &r.Updated, &r.Unchanged,
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
		res, err := tx.exec(ctx, `UPDATE feed SET synced_at = ?, read = ?, created = ?, updated = ?, unchanged = ?,
				withdrawn = ?, warnings = ?, pages = ?, error = ? WHERE name = ?`,
			at, r.Read, r.Created, r.Updated, r.Unchanged, r.Withdrawn, r.Warnings, r.Pages, r.Error, name)
		if err != nil {
			return translate(err, "feed "+name)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return &directory.Error{Kind: directory.NotFound, Msg: "no feed is called " + directory.Quote(name)}
		}
		if r.Error != "" {
			return nil
		}
		_, err = tx.exec(ctx, `UPDATE feed SET applied_at = ?, format = CASE WHEN ? = '' THEN format ELSE ? END,
				etag = ?, last_modified = ? WHERE name = ?`, at, format, format, etag, lastModified, name)
		return translate(err, "feed "+name)
	})
}

// FeedServiceIDs returns the ids of the listed (active or temporarily
// closed) services that came from the feed called name: those whose ids
// it namespaces. Ids alone, so that a feed of 100,000 services costs a
// few megabytes to check for withdrawals.
func (db *DB) FeedServiceIDs(ctx context.Context, name string) ([]string, error) {
	prefix := directory.FeedID(name, "")
	rows, err := db.read.QueryContext(ctx, `SELECT id FROM service WHERE substr(id, 1, ?) = ? AND status IN (?, ?) ORDER BY id`,
		len(prefix), prefix, string(directory.StatusActive), string(directory.StatusTemporarilyClosed))
	if err != nil {
		return nil, translate(err, "feed services")
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, translate(err, "feed service")
		}
		ids = append(ids, id)
	}
	return ids, translate(rows.Err(), "feed services")
}
