package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/storedoc"
)

// Classifier is [directory.Classifier], the one value either store takes.
type Classifier = directory.Classifier

// storedService is what a write needs to know of the stored row: whether
// it exists, its content hash, and the kinds an admin set on it.
type storedService struct {
	exists    bool
	hash      string
	moderated []directory.ServiceKind
}

// storedKinds reads what a write of service id needs from the stored
// row, through queryRow (a transaction's, or the read pool's).
func storedKinds(ctx context.Context, queryRow func(context.Context, string, ...any) *sql.Row, id string) (storedService, error) {
	var st storedService
	var kinds sql.NullString
	// Only a corrected listing's kinds are decoded: the cheap instr test
	// keeps an import's lookups from parsing every stored document.
	err := queryRow(ctx, `SELECT content_hash,
			CASE WHEN instr(doc, '"source":"moderated"') > 0 THEN json_extract(doc, '$.kinds') END
		FROM service
		WHERE id = ?`, id).Scan(&st.hash, &kinds)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return st, nil
	case err != nil:
		return st, translate(err, "service")
	}
	st.exists = true
	if kinds.Valid {
		var all []directory.ServiceKind
		if err := json.Unmarshal([]byte(kinds.String), &all); err != nil {
			return st, fmt.Errorf("sqlite: service %s kinds: %w", id, err)
		}
		st.moderated = storedoc.ModeratedOnly(all)
	}
	return st, nil
}

// withKinds is [storedoc.WithKinds] with db's classifier.
func (db *DB) withKinds(s *directory.Service, stored storedService, keepModerated bool) *directory.Service {
	return storedoc.WithKinds(s, stored.moderated, keepModerated, db.Kinds)
}

// KindsVersion returns the version of the classifier that gave the
// stored services their kinds, or "" before any did.
func (db *DB) KindsVersion(ctx context.Context) (string, error) {
	var v string
	err := db.read.QueryRowContext(ctx, `SELECT version FROM kinds_model WHERE id = 1`).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, translate(err, "kinds model")
}

// reclassifyBatch is how many services one step of Reclassify reads.
const reclassifyBatch = 25

// Reclassify gives every service not corrected by an admin its kinds
// again when db.Kinds is a different model from the one that gave the
// stored kinds, then records the model's version. It writes in short
// transactions, as an import applies, so a server sharing the file keeps
// working; only services whose kinds change are written and logged.
// progress, when not nil, is called after each transaction with how
// many services were read and how many changed.
func (db *DB) Reclassify(ctx context.Context, progress func(done, changed int)) (changed int, err error) {
	if db.Kinds == nil {
		return 0, nil
	}
	version := db.Kinds.Version()
	if stored, err := db.KindsVersion(ctx); err != nil || stored == version {
		return 0, err
	}
	after, done := "", 0
	err = db.inShortTxs(ctx, func(tx *Tx) (bool, error) {
		// Read while holding the write lock, so nothing written meanwhile
		// is overwritten with what was read before it.
		list, err := db.loadServices(ctx, `WHERE s.id > ? ORDER BY s.id LIMIT ?`, after, reclassifyBatch)
		if err != nil || len(list) == 0 {
			return false, err
		}
		for _, s := range list {
			n, err := tx.reclassify(ctx, s)
			if err != nil {
				return false, err
			}
			changed += n
		}
		after, done = list[len(list)-1].ID, done+len(list)
		if progress != nil {
			progress(done, changed)
		}
		return true, nil
	})
	if err != nil {
		return changed, err
	}
	return changed, db.InTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `INSERT INTO kinds_model (id, version) VALUES (1, ?)
			ON CONFLICT (id) DO UPDATE SET version = excluded.version`, version)
		return translate(err, "kinds model")
	})
}

// reclassify writes s with the kinds db.Kinds gives it now, when they
// differ from its stored ones and no admin set them; it returns 1 when
// it wrote.
func (tx *Tx) reclassify(ctx context.Context, s *directory.Service) (int, error) {
	if s.Moderated() {
		return 0, nil
	}
	c := tx.db.withKinds(s, storedService{}, false)
	if storedoc.SameKinds(c.Kinds, s.Kinds) {
		return 0, nil
	}
	if _, err := tx.exec(ctx, `UPDATE service SET content_hash = ?, doc = ?, updated_at = ? WHERE id = ?`,
		storedoc.ContentHash(c), storedoc.ServiceText(c), tx.now.Format(time.RFC3339), c.ID); err != nil {
		return 0, translate(err, "service "+c.ID)
	}
	if err := tx.putServiceKinds(ctx, c); err != nil {
		return 0, err
	}
	return 1, tx.logChange(ctx, c.ID, "upsert")
}

// putServiceKinds keeps service_kind, the index of which kinds each
// service has, in step with its document.
func (tx *Tx) putServiceKinds(ctx context.Context, s *directory.Service) error {
	if _, err := tx.exec(ctx, `DELETE FROM service_kind WHERE service_id = ?`, s.ID); err != nil {
		return translate(err, "service kinds")
	}
	for i, k := range s.Kinds {
		if _, err := tx.exec(ctx, `INSERT OR IGNORE INTO service_kind (service_id, kind_id, position) VALUES (?, ?, ?)`, s.ID, k.ID, i); err != nil {
			return translate(err, "service kind "+k.ID)
		}
	}
	return nil
}

// SetServiceKinds publishes an admin's correction of a listing's kinds of
// support: ids become its kinds, marked moderated, which no feed or
// classifier changes. No ids returns the listing to automatic kinds. A
// version is recorded as for any published change.
func (db *DB) SetServiceKinds(ctx context.Context, serviceID string, ids []string, by int64, note string) (int, error) {
	current, err := db.Service(ctx, serviceID)
	if err != nil {
		return 0, err
	}
	c := *current
	c.Kinds = nil
	for _, id := range ids {
		c.Kinds = append(c.Kinds, directory.ServiceKind{ID: id, Source: directory.KindModerated, Confidence: 1})
	}
	var version int
	err = db.InTx(ctx, func(tx *Tx) error {
		version, err = tx.publish(ctx, &c, current, by, note, true)
		return err
	})
	return version, err
}
