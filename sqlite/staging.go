package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/storedoc"
	"github.com/mattn/go-sqlite3"
)

// An import is all or nothing, yet it must not hold SQLite's only write
// lock for its whole run: a server using the same file would then fail
// every write after its busy timeout. So an import goes in three steps,
// recorded in import_run:
//
//  1. Stage. The reader validates and geocodes the whole file while
//     each service that differs from the directory is kept in
//     import_staged, written in short transactions that nothing else
//     reads. The directory is untouched: a failed or cancelled import
//     is discarded from there, and one whose process died is discarded
//     by a later Open.
//  2. Switch. One tiny transaction marks the run as applying. From then
//     on the import is committed.
//  3. Apply. Staged services are written to the directory in file order,
//     in transactions of about importTxBudget. Each transaction deletes
//     the staged rows it applied, so what is left is exactly what is
//     still to do: if the process dies, the next Open rolls the import
//     forward from there, never leaving it half-applied.
//
// Between transactions the import leaves the lock free for importPause
// (reading and decoding the next staged services meanwhile), so another
// writer waits at most about one transaction and one pause. Readers see the
// import land piece by piece during step 3, as they would see any series
// of edits, and each piece reaches the change log (and so the search
// index) as it lands.

// Tuning of the import's write transactions. A writer that finds the
// lock taken does not queue: SQLite's busy handler polls after sleeps of
// 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50 and then 100 ms. A pause at
// least as long as its longest sleep is sure to see a waiting writer's
// poll, so no writer waits much more than one transaction and one pause
// however unlucky its timing. Transactions much shorter than the pause
// would only slow the import: each pays a commit, and the WAL grows when
// many small ones race the checkpoints of other writers.
const (
	importTxBudget = 100 * time.Millisecond
	importPause    = 100 * time.Millisecond
	// A staged service is written once this many (or this many bytes)
	// are waiting, or once a second, which also shows the run is alive.
	stageRows     = 200
	stageBytes    = 1 << 20
	stageInterval = time.Second
	// abandonedAfter is how long a run may go without a staging write
	// before a later Open takes its process for dead and discards it.
	abandonedAfter = 10 * time.Minute
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
	buf       []stagedItem
	bufBytes  int
	flushed   time.Time
	committed bool
	discarded bool

	// Progress, when set, is called as services are applied, with how
	// many are done and how many there are.
	Progress func(done, total int)
	// Failed names services that could not be applied after the switch
	// (a clash with a write made meanwhile); the rest were applied.
	Failed []string
}

// stagedItem is one thing staged: its kind (a service, an
// organisation, a location or a list of terms), its id and its JSON.
type stagedItem struct {
	kind string
	id   string
	body string
}

// BeginImport starts staging an import.
func (db *DB) BeginImport(ctx context.Context) (*Import, error) {
	var run int64
	err := db.InTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `INSERT INTO import_run (state, started_at, touched_at) VALUES ('staging', ?, ?)`,
			tx.now.Format(time.RFC3339), tx.now.Unix())
		if err != nil {
			return translate(err, "import")
		}
		run, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return nil, err
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
		return fmt.Errorf("sqlite: terms as JSON: %w", err)
	}
	return im.stage(ctx, &stagedItem{storedoc.StagedTerms, terms[0].ID, string(b)})
}

// PutOrganization stages an organisation listed without services unless
// the directory already holds it unchanged, and reports what applying it
// will do, as [Tx.PutOrganization] does.
func (im *Import) PutOrganization(ctx context.Context, o *directory.Organization) (created, changed bool, err error) {
	var name, desc, email, website, doc string
	switch err := im.db.read.QueryRowContext(ctx, `SELECT name, description, email, website, doc FROM organization WHERE id = ?`, o.ID).
		Scan(&name, &desc, &email, &website, &doc); {
	case errors.Is(err, sql.ErrNoRows):
		created = true
	case err != nil:
		return false, false, translate(err, "organisation")
	case name == o.Name && desc == o.Description && email == o.Email && website == o.Website && doc == storedoc.OrganizationText(o):
		return false, false, im.stage(ctx, nil)
	}
	b, err := json.Marshal(o)
	if err != nil {
		return false, false, fmt.Errorf("sqlite: organisation %s as JSON: %w", o.ID, err)
	}
	return created, true, im.stage(ctx, &stagedItem{storedoc.StagedOrganization, o.ID, string(b)})
}

// PutLocation stages a location listed without services unless the
// directory already holds it unchanged, and reports what applying it
// will do, as [Tx.PutLocation] does.
func (im *Import) PutLocation(ctx context.Context, l *directory.Location) (created, changed bool, err error) {
	var typ, name, postcode, doc string
	var lat, lon sql.NullFloat64
	switch err := im.db.read.QueryRowContext(ctx, `SELECT location_type, name, latitude, longitude, postcode, doc FROM location WHERE id = ?`, l.ID).
		Scan(&typ, &name, &lat, &lon, &postcode, &doc); {
	case errors.Is(err, sql.ErrNoRows):
		created = true
	case err != nil:
		return false, false, translate(err, "location")
	default:
		row := locationRow(l)
		samePoint := l.Point == nil && !lat.Valid && !lon.Valid ||
			l.Point != nil && lat.Valid && lon.Valid && lat.Float64 == l.Point.Lat() && lon.Float64 == l.Point.Lon()
		if typ == row[1] && name == row[2] && samePoint && postcode == row[5] && doc == row[6] {
			return false, false, im.stage(ctx, nil)
		}
	}
	b, err := json.Marshal(l)
	if err != nil {
		return false, false, fmt.Errorf("sqlite: location %s as JSON: %w", l.ID, err)
	}
	return created, true, im.stage(ctx, &stagedItem{storedoc.StagedLocation, l.ID, string(b)})
}

// HasLocation reports whether the directory holds a location with this
// id. (What this import put is not counted: the importer knows that.)
func (im *Import) HasLocation(ctx context.Context, id string) (bool, error) {
	var one int
	switch err := im.db.read.QueryRowContext(ctx, `SELECT 1 FROM location WHERE id = ?`, id).Scan(&one); {
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	case err != nil:
		return false, translate(err, "location")
	}
	return true, nil
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
	stored, err := storedKinds(ctx, im.db.read.QueryRowContext, s.ID)
	if err != nil {
		return false, false, err
	}
	s = im.db.withKinds(s, stored, true)
	created = !stored.exists
	changed = created || stored.hash != storedoc.ContentHash(s)
	var it *stagedItem
	if changed {
		body, err := storedoc.ServiceJSON(s)
		if err != nil {
			return false, false, err
		}
		it = &stagedItem{storedoc.StagedService, s.ID, body}
	}
	return created, changed, im.stage(ctx, it)
}

// stage keeps it, if not nil, to be written to import_staged with the
// next flush. Flushing once a second even when nothing changed keeps the
// run from looking abandoned during a long unchanged re-import.
func (im *Import) stage(ctx context.Context, it *stagedItem) error {
	if it != nil {
		im.buf = append(im.buf, *it)
		im.bufBytes += len(it.body)
	}
	if len(im.buf) >= stageRows || im.bufBytes >= stageBytes || time.Since(im.flushed) >= stageInterval {
		return im.flush(ctx)
	}
	return nil
}

// checkLocationLinks refuses s when one of its service-at-location ids
// belongs, in the directory, to another service that this import has not
// put before it. Writing s would then break the id's uniqueness, and
// that must be found while staging: after the switch nothing may fail.
// (A service put earlier in the file is written earlier, releasing the
// id, just as it was when an import ran in one transaction.)
func (im *Import) checkLocationLinks(ctx context.Context, s *directory.Service) error {
	if len(s.Locations) == 0 {
		return nil
	}
	ids := make([]any, len(s.Locations))
	for i, sal := range s.Locations {
		ids[i] = sal.ID
	}
	rows, err := im.db.read.QueryContext(ctx, `SELECT id, service_id FROM service_at_location
		WHERE id IN (`+strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")+`)`, ids...)
	if err != nil {
		return translate(err, "service locations")
	}
	defer rows.Close()
	owners := map[string]string{}
	for rows.Next() {
		var id, owner string
		if err := rows.Scan(&id, &owner); err != nil {
			return translate(err, "service location")
		}
		owners[id] = owner
	}
	if err := rows.Err(); err != nil {
		return translate(err, "service locations")
	}
	return storedoc.LocationLinksTaken(s, func(salID string) (string, bool) {
		owner, ok := owners[salID]
		return owner, ok && owner != s.ID && !im.seen[owner]
	})
}

// flush writes the waiting staged services, and shows the run is alive.
func (im *Import) flush(ctx context.Context) error {
	im.flushed = time.Now()
	first := true
	err := im.db.inShortTxs(ctx, func(tx *Tx) (bool, error) {
		if first {
			first = false
			res, err := tx.exec(ctx, `UPDATE import_run SET touched_at = ? WHERE id = ? AND state = 'staging'`, tx.now.Unix(), im.run)
			if err != nil {
				return false, translate(err, "import")
			}
			if n, err := res.RowsAffected(); err != nil || n == 0 {
				return false, errAbandoned
			}
		}
		if len(im.buf) == 0 {
			return false, nil
		}
		s := im.buf[0]
		if _, err := tx.exec(ctx, `INSERT INTO import_staged (run_id, kind, service_id, service) VALUES (?, ?, ?, ?)`, im.run, s.kind, s.id, s.body); err != nil {
			return false, translate(err, "staged service")
		}
		im.buf = im.buf[1:]
		return len(im.buf) > 0, nil
	})
	im.buf, im.bufBytes = im.buf[:0], 0
	return err
}

var errAbandoned = &directory.Error{Kind: directory.Conflict,
	Msg: "the import was paused so long that it was taken for abandoned and its staged work discarded; nothing was imported, run it again"}

// Commit applies the staged import to the directory. It first switches
// the run to applying in one short transaction; if ctx ends before that,
// Commit returns its error and the import can only be discarded. After
// the switch the import is committed and Commit finishes it whatever
// happens to ctx: stopping halfway would leave it half-applied. If the
// process dies meanwhile, the next Open finishes it.
func (im *Import) Commit(ctx context.Context) error {
	if im.committed || im.discarded {
		return errors.New("sqlite: import already committed or discarded")
	}
	if err := im.flush(ctx); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	var total int
	err := im.db.InTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE import_run SET state = 'applying' WHERE id = ? AND state = 'staging'`, im.run)
		if err != nil {
			return translate(err, "import")
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return errAbandoned
		}
		return tx.queryRow(ctx, `SELECT count(*) FROM import_staged WHERE run_id = ?`, im.run).Scan(&total)
	})
	if err != nil {
		return err
	}
	im.committed = true
	var progress func(int)
	if im.Progress != nil {
		progress = func(done int) { im.Progress(done, total) }
	}
	done, failed, err := im.db.applyRun(context.WithoutCancel(ctx), im.run, progress)
	im.Failed = failed
	if err != nil {
		return fmt.Errorf("sqlite: import stopped after applying %d of %d services; the rest will be applied the next time the database is opened: %w", done, total, err)
	}
	return nil
}

// Discard drops what the import staged; the directory was never touched.
// It does nothing after Commit has made the switch, so callers defer it.
// It works on after ctx has ended: it runs when an import is cancelled.
func (im *Import) Discard() error {
	if im.committed || im.discarded {
		return nil
	}
	im.discarded = true
	return im.db.discardRun(context.Background(), im.run)
}

// discardRun deletes a staging run, then its staged rows. The run row
// goes first and only while the run is still staging, so a run that
// another process has switched meanwhile is left alone, and the run's
// own process, if alive, finds it gone at its next write.
func (db *DB) discardRun(ctx context.Context, run int64) error {
	err := db.InTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `DELETE FROM import_run WHERE id = ? AND state = 'staging'`, run)
		return translate(err, "import")
	})
	if err != nil {
		return err
	}
	return db.deleteOrphanStaged(ctx)
}

// deleteOrphanStaged deletes staged rows whose run is gone, a few hundred
// per step.
func (db *DB) deleteOrphanStaged(ctx context.Context) error {
	return db.inShortTxs(ctx, func(tx *Tx) (bool, error) {
		res, err := tx.exec(ctx, `DELETE FROM import_staged WHERE id IN (
			SELECT id FROM import_staged
			WHERE run_id NOT IN (SELECT id FROM import_run)
			LIMIT 200)`)
		if err != nil {
			return false, translate(err, "staged services")
		}
		n, err := res.RowsAffected()
		return n > 0, err
	})
}

// applyRun writes a switched run's staged services to the directory, in
// file order, then deletes the run. It returns how many services it
// applied and which could not be.
func (db *DB) applyRun(ctx context.Context, run int64, progress func(done int)) (int, []string, error) {
	if err := db.applyTerms(ctx, run); err != nil {
		return 0, nil, err
	}
	done := 0
	var failed []string
	// Services are read and decoded outside the lock, while it is left
	// free for others; inside, only the writes are made.
	next, err := db.readStaged(ctx, run, 0)
	for err == nil && len(next) > 0 {
		var n int
		n, err = db.applySome(ctx, run, &next, &failed)
		done += n
		if progress != nil && n > 0 {
			progress(done)
		}
		if err != nil {
			break
		}
		pause := time.After(importPause)
		if len(next) < stagedReadAhead/2 {
			var last int64
			if len(next) > 0 {
				last = next[len(next)-1].Seq
			}
			var more []storedoc.Staged
			more, err = db.readStaged(ctx, run, last)
			next = append(next, more...)
		}
		<-pause
	}
	if err != nil {
		return done, failed, err
	}
	err = db.InTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `DELETE FROM import_run WHERE id = ?`, run)
		return translate(err, "import")
	})
	return done, failed, err
}

// applyTerms stores the taxonomy terms staged with run, once. (Runs
// staged before import_staged had kinds kept terms here.)
func (db *DB) applyTerms(ctx context.Context, run int64) error {
	return db.InTx(ctx, func(tx *Tx) error {
		var text string
		if err := tx.queryRow(ctx, `SELECT terms FROM import_run WHERE id = ?`, run).Scan(&text); err != nil {
			return translate(err, "import")
		}
		if text == "" {
			return nil
		}
		var terms []directory.Term
		if err := json.Unmarshal([]byte(text), &terms); err != nil {
			return fmt.Errorf("sqlite: import %d terms: %w", run, err)
		}
		if err := tx.PutTerms(ctx, terms); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `UPDATE import_run SET terms = '' WHERE id = ?`, run)
		return translate(err, "import")
	})
}

// applySome writes services from the front of *next in one transaction
// of about importTxBudget, deletes their staged rows and drops them from
// *next. It returns how many it wrote.
func (db *DB) applySome(ctx context.Context, run int64, next *[]storedoc.Staged, failed *[]string) (int, error) {
	applied := 0
	err := db.InTx(ctx, func(tx *Tx) error {
		// Another process finishing the same run (a server that opened
		// the database meanwhile) may have applied some already.
		var first sql.NullInt64
		if err := tx.queryRow(ctx, `SELECT min(id) FROM import_staged WHERE run_id = ?`, run).Scan(&first); err != nil {
			return translate(err, "staged services")
		}
		for len(*next) > 0 && (!first.Valid || (*next)[0].Seq < first.Int64) {
			*next = (*next)[1:]
		}
		start := time.Now()
		for applied < len(*next) && time.Since(start) < importTxBudget {
			st := (*next)[applied]
			problem, err := tx.applyStaged(ctx, st)
			if err != nil {
				return err
			}
			if problem != "" {
				*failed = append(*failed, fmt.Sprintf("%s %s: %s", st.What(), directory.Quote(st.ID), problem))
			}
			applied++
		}
		if applied == 0 {
			return nil
		}
		_, err := tx.exec(ctx, `DELETE FROM import_staged WHERE run_id = ? AND id <= ?`, run, (*next)[applied-1].Seq)
		return translate(err, "staged services")
	})
	if err != nil {
		return 0, err
	}
	*next = (*next)[applied:]
	return applied, nil
}

// stagedReadAhead is how many staged services are read and decoded at a
// time, outside any transaction.
const stagedReadAhead = 256

// readStaged returns run's next staged rows after seq, decoded.
func (db *DB) readStaged(ctx context.Context, run, after int64) ([]storedoc.Staged, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, kind, service_id, service FROM import_staged
		WHERE run_id = ? AND id > ?
		ORDER BY id
		LIMIT ?`, run, after, stagedReadAhead)
	if err != nil {
		return nil, translate(err, "staged services")
	}
	defer rows.Close()
	var out []storedoc.Staged
	for rows.Next() {
		var seq int64
		var kind, id, body string
		if err := rows.Scan(&seq, &kind, &id, &body); err != nil {
			return nil, translate(err, "staged service")
		}
		r, err := storedoc.DecodeStaged(seq, kind, id, body)
		if err != nil {
			return nil, fmt.Errorf("sqlite: %w", err)
		}
		out = append(out, r)
	}
	return out, translate(rows.Err(), "staged services")
}

// applyStaged writes one staged row inside a savepoint. A constraint
// violation (which staging rules out, unless a write made since clashes)
// undoes that row alone and is returned as a problem, so one clash can
// never leave a committed import stuck; any other error is returned as
// an error.
func (tx *Tx) applyStaged(ctx context.Context, r storedoc.Staged) (problem string, err error) {
	if _, err := tx.exec(ctx, `SAVEPOINT staged`); err != nil {
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
	var se sqlite3.Error
	if err != nil && errors.As(err, &se) && se.Code == sqlite3.ErrConstraint {
		if _, rbErr := tx.exec(ctx, `ROLLBACK TO staged`); rbErr != nil {
			return "", translate(rbErr, "savepoint")
		}
		problem, err = directory.MessageOrError(err), nil
	}
	if err != nil {
		return "", err
	}
	_, err = tx.exec(ctx, `RELEASE staged`)
	return problem, translate(err, "savepoint")
}

// putStagedService writes a service staged with its kinds already given
// (see [Import.PutService]), so they are not worked out twice, keeping
// kinds an admin set since it was staged.
func (tx *Tx) putStagedService(ctx context.Context, s *directory.Service) (created, changed bool, err error) {
	stored, err := storedKinds(ctx, tx.queryRow, s.ID)
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

// inShortTxs calls step in write transactions of about importTxBudget,
// pausing importPause between them, until step reports that nothing is
// left. Each call of step should do a few rows' work.
func (db *DB) inShortTxs(ctx context.Context, step func(tx *Tx) (more bool, err error)) error {
	for {
		more := true
		err := db.InTx(ctx, func(tx *Tx) error {
			start := time.Now()
			for more && time.Since(start) < importTxBudget {
				var err error
				if more, err = step(tx); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil || !more {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(importPause):
		}
	}
}

// finishImports completes what imports left behind when their process
// died: a switched run is applied (rolled forward), a run that stopped
// staging long ago is discarded, and staged rows without a run are
// deleted. Open calls it.
func (db *DB) finishImports(ctx context.Context) error {
	rows, err := db.write.QueryContext(ctx, `SELECT id, state, touched_at FROM import_run ORDER BY id`)
	if err != nil {
		return translate(err, "imports")
	}
	type run struct {
		id      int64
		state   string
		touched int64
	}
	var runs []run
	for rows.Next() {
		var r run
		if err := rows.Scan(&r.id, &r.state, &r.touched); err != nil {
			rows.Close()
			return translate(err, "import")
		}
		runs = append(runs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return translate(err, "imports")
	}
	stale := db.Now().Add(-abandonedAfter).Unix()
	for _, r := range runs {
		switch {
		case r.state == "applying":
			if _, _, err := db.applyRun(ctx, r.id, nil); err != nil {
				return fmt.Errorf("sqlite: finish import %d: %w", r.id, err)
			}
		case r.touched < stale:
			if err := db.discardRun(ctx, r.id); err != nil {
				return err
			}
		}
	}
	var orphan int
	err = db.write.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM import_staged
		WHERE run_id NOT IN (SELECT id FROM import_run)
		LIMIT 1)`).Scan(&orphan)
	if err != nil {
		return translate(err, "staged services")
	}
	if orphan > 0 {
		return db.deleteOrphanStaged(ctx)
	}
	return nil
}
