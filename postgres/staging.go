package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/storedoc"
)

// An import is all or nothing. It goes in two steps, recorded in
// import_run:
//
//  1. Stage. The reader validates and geocodes the whole file while each
//     record that differs from the directory is kept in import_staged,
//     copied in batches (COPY) in short transactions that nothing else
//     reads. The directory is untouched: a failed or cancelled import is
//     discarded from there, and one whose process died is discarded by a
//     later Open.
//  2. Apply. One transaction switches the run to applying, writes the
//     staged records to the directory in file order, and deletes the run.
//     If it fails, or its process dies, it rolls back and the directory
//     is as it was.
//
// Unlike SQLite, PostgreSQL lets other writers go on during the apply:
// only listing writes wait, for the change log's lock (see changelog.go),
// which the apply holds from its first change to its commit. Casework,
// sessions and reads are not held up.

const (
	// A staged batch is copied once this many records (or this many
	// bytes) are waiting, or once a second, which also shows the run is
	// alive.
	stageRows     = 500
	stageBytes    = 1 << 20
	stageInterval = time.Second
	// abandonedAfter is how long a run may go without a staging write
	// before a later Open takes its process for dead and discards it.
	abandonedAfter = 10 * time.Minute
	// stagedReadAhead is how many staged records the apply reads and
	// decodes at a time.
	stagedReadAhead = 256
)

// Import is an import being staged. Its PutService, PutOrganization,
// PutLocation and PutTerms take what an importer writes without touching
// the directory; [Import.Commit] applies it all in the order it was put,
// and [Import.Discard] drops it. An Import is used by one goroutine.
type Import struct {
	db  *DB
	run int64
	// seen holds the id of every service put so far, to tell whether a
	// location link a service takes from another is released first.
	seen      map[string]bool
	buf       [][]any // rows of import_staged: run_id, kind, service_id, service
	bufBytes  int
	flushed   time.Time
	committed bool
	discarded bool

	// Progress, when set, is called as records are applied, with how
	// many are done and how many there are.
	Progress func(done, total int)
	// Failed names records that could not be applied (a clash with a
	// write made since they were staged); the rest were applied.
	Failed []string
}

// BeginImport starts staging an import.
func (db *DB) BeginImport(ctx context.Context) (*Import, error) {
	now := db.Now().UTC()
	var run int64
	err := db.pool.QueryRow(ctx, `INSERT INTO import_run (state, started_at, touched_at) VALUES ('staging', $1, $2) RETURNING id`,
		now.Format(time.RFC3339), now.Unix()).Scan(&run)
	if err != nil {
		return nil, translate(err, "import")
	}
	return &Import{db: db, run: run, seen: map[string]bool{}, flushed: time.Now()}, nil
}

// PutTerms stages a taxonomy's terms, to be stored in their place among
// the rest, replacing what is stored for them (as [Tx.PutTerms] does).
func (im *Import) PutTerms(ctx context.Context, terms []directory.Term) error {
	if len(terms) == 0 {
		return nil
	}
	b, err := json.Marshal(terms)
	if err != nil {
		return fmt.Errorf("postgres: terms as JSON: %w", err)
	}
	return im.stage(ctx, storedoc.StagedTerms, terms[0].ID, string(b))
}

// PutOrganization stages an organisation listed without services unless
// the directory already holds it unchanged, and reports what applying it
// will do, as [Tx.PutOrganization] does.
func (im *Import) PutOrganization(ctx context.Context, o *directory.Organization) (created, changed bool, err error) {
	var name, desc, email, website, doc string
	switch err := im.db.pool.QueryRow(ctx, `SELECT name, description, email, website, doc FROM organization WHERE id = $1`, o.ID).
		Scan(&name, &desc, &email, &website, &doc); {
	case errors.Is(err, pgx.ErrNoRows):
		created = true
	case err != nil:
		return false, false, translate(err, "organisation")
	case name == o.Name && desc == o.Description && email == o.Email && website == o.Website && doc == storedoc.OrganizationText(o):
		return false, false, im.stage(ctx, "", "", "")
	}
	b, err := json.Marshal(o)
	if err != nil {
		return false, false, fmt.Errorf("postgres: organisation %s as JSON: %w", o.ID, err)
	}
	return created, true, im.stage(ctx, storedoc.StagedOrganization, o.ID, string(b))
}

// PutLocation stages a location listed without services unless the
// directory already holds it unchanged, and reports what applying it
// will do, as [Tx.PutLocation] does.
func (im *Import) PutLocation(ctx context.Context, l *directory.Location) (created, changed bool, err error) {
	same, found, err := im.db.sameLocation(ctx, im.db.pool, l)
	if err != nil {
		return false, false, err
	}
	if same {
		return false, false, im.stage(ctx, "", "", "")
	}
	b, err := json.Marshal(l)
	if err != nil {
		return false, false, fmt.Errorf("postgres: location %s as JSON: %w", l.ID, err)
	}
	return !found, true, im.stage(ctx, storedoc.StagedLocation, l.ID, string(b))
}

// sameLocation reports whether the location row with l's id holds l
// as it is, and whether there is such a row at all.
func (db *DB) sameLocation(ctx context.Context, q querier, l *directory.Location) (same, found bool, err error) {
	var typ, name, postcode, doc string
	var lat, lon *float64
	err = q.QueryRow(ctx, `SELECT location_type, name, latitude, longitude, postcode, doc FROM location WHERE id = $1`, l.ID).
		Scan(&typ, &name, &lat, &lon, &postcode, &doc)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return false, false, nil
	case err != nil:
		return false, false, translate(err, "location "+l.ID)
	}
	samePoint := l.Point == nil && lat == nil && lon == nil ||
		l.Point != nil && lat != nil && lon != nil && *lat == l.Point.Lat() && *lon == l.Point.Lon()
	return typ == string(l.Type) && name == l.Name && samePoint && postcode == l.Address().PostalCode &&
		doc == storedoc.LocationText(l), true, nil
}

// HasLocation reports whether the directory holds a location with this
// id. (What this import put is not counted: the importer knows that.)
func (im *Import) HasLocation(ctx context.Context, id string) (bool, error) {
	var found bool
	err := im.db.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM location WHERE id = $1)`, id).Scan(&found)
	return found, translate(err, "location")
}

// PutService stages s unless the directory already holds it unchanged,
// and reports what applying it will do, as [Tx.PutService] does.
func (im *Import) PutService(ctx context.Context, s *directory.Service) (created, changed bool, err error) {
	if err := im.checkLocationLinks(ctx, s); err != nil {
		return false, false, err
	}
	im.seen[s.ID] = true
	// Kinds are given here, not only when applied, so that an unchanged
	// listing hashes as stored and is not staged at all.
	stored, err := storedKinds(ctx, im.db.pool, s.ID)
	if err != nil {
		return false, false, err
	}
	s = im.db.withKinds(s, stored, true)
	created = !stored.exists
	changed = created || stored.hash != storedoc.ContentHash(s)
	if !changed {
		return false, false, im.stage(ctx, "", "", "")
	}
	body, err := storedoc.ServiceJSON(s)
	if err != nil {
		return false, false, err
	}
	return created, true, im.stage(ctx, storedoc.StagedService, s.ID, body)
}

// checkLocationLinks refuses s when one of its service-at-location ids
// belongs, in the directory, to another service that this import has not
// put before it: writing s would break the id's uniqueness, and that is
// better told while staging, with the record's place in the file. (A
// service put earlier in the file is written earlier, releasing the id.)
func (im *Import) checkLocationLinks(ctx context.Context, s *directory.Service) error {
	if len(s.Locations) == 0 {
		return nil
	}
	ids := make([]string, len(s.Locations))
	for i, sal := range s.Locations {
		ids[i] = sal.ID
	}
	rows, err := im.db.pool.Query(ctx, `SELECT id, service_id FROM service_at_location WHERE id = ANY($1)`, ids)
	if err != nil {
		return translate(err, "service locations")
	}
	owners := map[string]string{}
	var id, owner string
	if _, err := pgx.ForEachRow(rows, []any{&id, &owner}, func() error { owners[id] = owner; return nil }); err != nil {
		return translate(err, "service locations")
	}
	return storedoc.LocationLinksTaken(s, func(salID string) (string, bool) {
		owner, ok := owners[salID]
		return owner, ok && owner != s.ID && !im.seen[owner]
	})
}

// stage keeps a row (none when kind is "") to be copied to import_staged
// with the next flush. Flushing once a second even when nothing changed
// keeps the run from looking abandoned during a long unchanged re-import.
func (im *Import) stage(ctx context.Context, kind, id, body string) error {
	if kind != "" {
		im.buf = append(im.buf, []any{im.run, kind, id, body})
		im.bufBytes += len(body)
	}
	if len(im.buf) >= stageRows || im.bufBytes >= stageBytes || time.Since(im.flushed) >= stageInterval {
		return im.flush(ctx)
	}
	return nil
}

// flush copies the waiting rows to import_staged, and shows the run is
// alive, in one short transaction.
func (im *Import) flush(ctx context.Context) error {
	im.flushed = time.Now()
	err := im.db.InTx(ctx, func(tx *Tx) error {
		tag, err := tx.tx.Exec(ctx, `UPDATE import_run SET touched_at = $1 WHERE id = $2 AND state = 'staging'`, tx.now.Unix(), im.run)
		if err != nil {
			return translate(err, "import")
		}
		if tag.RowsAffected() == 0 {
			return errAbandoned
		}
		if len(im.buf) == 0 {
			return nil
		}
		_, err = tx.tx.CopyFrom(ctx, pgx.Identifier{"import_staged"}, []string{"run_id", "kind", "service_id", "service"},
			pgx.CopyFromRows(im.buf))
		return translate(err, "staged records")
	})
	im.buf, im.bufBytes = im.buf[:0], 0
	return err
}

var errAbandoned = &directory.Error{Kind: directory.Conflict,
	Msg: "the import was paused so long that it was taken for abandoned and its staged work discarded; nothing was imported, run it again"}

// Commit applies the staged import to the directory in one transaction:
// if it fails (or ctx ends first) the directory is unchanged and the
// import can only be discarded.
func (im *Import) Commit(ctx context.Context) error {
	if im.committed || im.discarded {
		return errors.New("postgres: import already committed or discarded")
	}
	if err := im.flush(ctx); err != nil {
		return err
	}
	var failed []string
	err := im.db.InTx(ctx, func(tx *Tx) error {
		tag, err := tx.tx.Exec(ctx, `UPDATE import_run SET state = 'applying' WHERE id = $1 AND state = 'staging'`, im.run)
		if err != nil {
			return translate(err, "import")
		}
		if tag.RowsAffected() == 0 {
			return errAbandoned
		}
		failed, err = tx.applyRun(ctx, im.run, im.Progress)
		return err
	})
	if err != nil {
		return err
	}
	im.committed, im.Failed = true, failed
	return nil
}

// Discard drops what the import staged; the directory was never touched.
// It does nothing after Commit, so callers defer it. It works on after ctx
// has ended: it runs when an import is cancelled.
func (im *Import) Discard() error {
	if im.committed || im.discarded {
		return nil
	}
	im.discarded = true
	// Its own Commit, if it just failed, may still hold the run's row
	// while its connection's transaction is rolled back: wait for it.
	return im.db.discardRuns(context.Background(), `id = $1 FOR UPDATE`, im.run)
}

// discardRuns deletes the staging runs that cond (a condition and a
// locking clause, with args) selects, and their staged rows.
func (db *DB) discardRuns(ctx context.Context, cond string, args ...any) error {
	return db.InTx(ctx, func(tx *Tx) error {
		rows, err := tx.tx.Query(ctx, `DELETE FROM import_run WHERE id IN (
			SELECT id FROM import_run WHERE state = 'staging' AND `+cond+`)
			RETURNING id`, args...)
		if err != nil {
			return translate(err, "import")
		}
		runs, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			return translate(err, "import")
		}
		_, err = tx.tx.Exec(ctx, `DELETE FROM import_staged WHERE run_id = ANY($1)`, runs)
		return translate(err, "staged records")
	})
}

// applyRun writes run's staged records to the directory, in file order,
// then deletes the run. It returns the records that could not be
// applied.
func (tx *Tx) applyRun(ctx context.Context, run int64, progress func(done, total int)) ([]string, error) {
	var total int
	if err := tx.tx.QueryRow(ctx, `SELECT count(*) FROM import_staged WHERE run_id = $1`, run).Scan(&total); err != nil {
		return nil, translate(err, "staged records")
	}
	if err := tx.applyRunTerms(ctx, run); err != nil {
		return nil, err
	}
	var failed []string
	var after int64
	for done := 0; ; {
		batch, err := tx.readStaged(ctx, run, after)
		if err != nil || len(batch) == 0 {
			if err != nil {
				return nil, err
			}
			break
		}
		for _, r := range batch {
			problem, err := tx.applyStaged(ctx, r)
			if err != nil {
				return nil, err
			}
			if problem != "" {
				failed = append(failed, fmt.Sprintf("%s %s: %s", r.What(), directory.Quote(r.ID), problem))
			}
		}
		after, done = batch[len(batch)-1].Seq, done+len(batch)
		if progress != nil {
			progress(done, total)
		}
	}
	if _, err := tx.tx.Exec(ctx, `DELETE FROM import_staged WHERE run_id = $1`, run); err != nil {
		return nil, translate(err, "staged records")
	}
	_, err := tx.tx.Exec(ctx, `DELETE FROM import_run WHERE id = $1`, run)
	return failed, translate(err, "import")
}

// applyRunTerms stores the taxonomy terms kept on the run row itself, as
// runs staged by older versions of package sqlite did (a database copied
// from SQLite may hold one).
func (tx *Tx) applyRunTerms(ctx context.Context, run int64) error {
	var text string
	if err := tx.tx.QueryRow(ctx, `SELECT terms FROM import_run WHERE id = $1`, run).Scan(&text); err != nil || text == "" {
		return translate(err, "import")
	}
	var terms []directory.Term
	if err := json.Unmarshal([]byte(text), &terms); err != nil {
		return fmt.Errorf("postgres: import %d terms: %w", run, err)
	}
	return tx.PutTerms(ctx, terms)
}

// readStaged returns run's next staged rows after seq, decoded.
func (tx *Tx) readStaged(ctx context.Context, run, after int64) ([]storedoc.Staged, error) {
	rows, err := tx.tx.Query(ctx, `SELECT id, kind, service_id, service FROM import_staged
		WHERE run_id = $1 AND id > $2
		ORDER BY id
		LIMIT $3`, run, after, stagedReadAhead)
	if err != nil {
		return nil, translate(err, "staged records")
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (storedoc.Staged, error) {
		var seq int64
		var kind, id, body string
		if err := row.Scan(&seq, &kind, &id, &body); err != nil {
			return storedoc.Staged{}, err
		}
		return storedoc.DecodeStaged(seq, kind, id, body)
	})
	return out, translate(err, "staged records")
}

// applyStaged writes one staged row inside a savepoint. A constraint
// violation (which staging rules out, unless a write made since clashes)
// undoes that row alone and is returned as a problem, so one clash does
// not fail the whole import; any other error is returned as an error.
func (tx *Tx) applyStaged(ctx context.Context, r storedoc.Staged) (problem string, err error) {
	sp, err := tx.tx.Begin(ctx) // a savepoint
	if err != nil {
		return "", translate(err, "savepoint")
	}
	switch r.Kind {
	case storedoc.StagedOrganization:
		_, _, err = tx.PutOrganization(ctx, r.Org)
	case storedoc.StagedLocation:
		_, _, err = tx.PutLocation(ctx, r.Loc)
	case storedoc.StagedTerms:
		err = tx.PutTerms(ctx, r.Terms)
	default:
		_, _, err = tx.putStagedService(ctx, r.Service)
	}
	if pe := (*pgconn.PgError)(nil); err != nil && errors.As(err, &pe) && strings.HasPrefix(pe.Code, "23") { // integrity constraint violation
		if rbErr := sp.Rollback(ctx); rbErr != nil {
			return "", translate(rbErr, "savepoint")
		}
		return directory.MessageOrError(err), nil
	}
	if err != nil {
		return "", err
	}
	return "", translate(sp.Commit(ctx), "savepoint")
}

// putStagedService writes a service staged with its kinds already given
// (see [Import.PutService]), so they are not worked out twice, keeping
// kinds an admin set since it was staged.
func (tx *Tx) putStagedService(ctx context.Context, s *directory.Service) (created, changed bool, err error) {
	stored, err := storedKinds(ctx, tx.tx, s.ID)
	if err != nil {
		return false, false, err
	}
	if len(stored.moderated) > 0 {
		c := *s
		c.Kinds = stored.moderated
		s = &c
	}
	return tx.writeService(ctx, s, stored)
}

// finishImports completes what imports left behind when their process
// died, so Open calls it: a run switched to applying (only a database
// copied from SQLite mid-import can hold one: here the switch commits
// with the apply) is applied, and a run that stopped staging long ago is
// discarded with its staged rows, as are staged rows without a run.
func (db *DB) finishImports(ctx context.Context) error {
	rows, err := db.pool.Query(ctx, `SELECT id FROM import_run WHERE state = 'applying' ORDER BY id`)
	if err != nil {
		return translate(err, "imports")
	}
	applying, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return translate(err, "imports")
	}
	for _, run := range applying {
		err := db.InTx(ctx, func(tx *Tx) error {
			_, err := tx.applyRun(ctx, run, nil)
			return err
		})
		if err != nil {
			return fmt.Errorf("postgres: finish import %d: %w", run, err)
		}
	}
	// A run being applied holds its row locked: it is skipped, not waited
	// for, and deletes itself when it commits.
	if err := db.discardRuns(ctx, `touched_at < $1 FOR UPDATE SKIP LOCKED`, db.Now().Add(-abandonedAfter).Unix()); err != nil {
		return err
	}
	_, err = db.pool.Exec(ctx, `DELETE FROM import_staged s WHERE NOT EXISTS (SELECT 1 FROM import_run r WHERE r.id = s.run_id)`)
	return translate(err, "staged records")
}
