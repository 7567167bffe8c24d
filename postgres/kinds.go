package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/storedoc"
)

// storedService is what a write needs to know of the stored row: whether
// it exists, its content hash, and the kinds an admin set on it.
type storedService struct {
	exists    bool
	hash      string
	moderated []directory.ServiceKind
}

// storedKinds reads what a write of service id needs from the stored
// row, through q (a transaction, or the pool).
func storedKinds(ctx context.Context, q querier, id string) (storedService, error) {
	var st storedService
	var doc *string
	// Only a corrected listing's document is read: the cheap strpos test
	// keeps an import's lookups from sending every stored document.
	err := q.QueryRow(ctx, `SELECT content_hash,
			CASE WHEN strpos(doc, '"source":"moderated"') > 0 THEN doc END
		FROM service
		WHERE id = $1`, id).Scan(&st.hash, &doc)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return st, nil
	case err != nil:
		return st, translate(err, "service")
	}
	st.exists = true
	if doc != nil {
		var s directory.Service
		if err := storedoc.ReadService(*doc, &s); err != nil {
			return st, err
		}
		st.moderated = storedoc.ModeratedOnly(s.Kinds)
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
	err := db.pool.QueryRow(ctx, `SELECT version FROM kinds_model WHERE id = 1`).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	return v, translate(err, "kinds model")
}

// reclassifyBatch is how many services one transaction of Reclassify
// reads.
const reclassifyBatch = 25

// Reclassify gives every service not corrected by an admin its kinds
// again when db.Kinds is a different model from the one that gave the
// stored kinds, then records the model's version. It writes in short
// transactions, so other instances keep working; only services whose
// kinds change are written and logged. progress, when not nil, is called
// after each transaction with how many services were read and how many
// changed.
func (db *DB) Reclassify(ctx context.Context, progress func(done, changed int)) (changed int, err error) {
	if db.Kinds == nil {
		return 0, nil
	}
	version := db.Kinds.Version()
	if stored, err := db.KindsVersion(ctx); err != nil || stored == version {
		return 0, err
	}
	after, done := "", 0
	for {
		n := 0
		err := db.InTx(ctx, func(tx *Tx) error {
			// Read holding the change log's lock, which every listing
			// write takes first, so nothing written meanwhile is
			// overwritten with what was read before it.
			if err := tx.lockChangeLog(ctx); err != nil {
				return err
			}
			list, err := loadServices(ctx, tx.tx, `WHERE s.id > $1 ORDER BY s.id LIMIT $2`, after, reclassifyBatch)
			if err != nil || len(list) == 0 {
				return err
			}
			for _, s := range list {
				c, err := tx.reclassify(ctx, s)
				if err != nil {
					return err
				}
				changed += c
			}
			after, n = list[len(list)-1].ID, len(list)
			return nil
		})
		if err != nil {
			return changed, err
		}
		if n == 0 {
			break
		}
		done += n
		if progress != nil {
			progress(done, changed)
		}
	}
	_, err = db.pool.Exec(ctx, `INSERT INTO kinds_model (id, version) VALUES (1, $1)
		ON CONFLICT (id) DO UPDATE SET version = excluded.version`, version)
	return changed, translate(err, "kinds model")
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
	if _, err := tx.tx.Exec(ctx, `UPDATE service SET content_hash = $1, doc = $2, updated_at = $3 WHERE id = $4`,
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
	if _, err := tx.tx.Exec(ctx, `DELETE FROM service_kind WHERE service_id = $1`, s.ID); err != nil {
		return translate(err, "service kinds")
	}
	for i, k := range s.Kinds {
		if _, err := tx.tx.Exec(ctx, `INSERT INTO service_kind (service_id, kind_id, position) VALUES ($1, $2, $3)
			ON CONFLICT DO NOTHING`, s.ID, k.ID, i); err != nil {
			return translate(err, "service kind "+k.ID)
		}
	}
	return nil
}

// SetServiceKinds replaces a listing's kinds of support with ids, as an
// admin's correction (source moderated), recorded as a new version like
// any published change; ids empty hands the listing back to the
// classifier. It returns the version number.
func (db *DB) SetServiceKinds(ctx context.Context, serviceID string, ids []string, by int64, note string) (int, error) {
	var version int
	err := db.InTx(ctx, func(tx *Tx) error {
		current, err := tx.publishing(ctx, serviceID)
		if err != nil {
			return err
		}
		c := *current
		c.Kinds = nil
		for _, id := range ids {
			c.Kinds = append(c.Kinds, directory.ServiceKind{ID: id, Source: directory.KindModerated, Confidence: 1})
		}
		version, err = tx.publish(ctx, &c, current, by, note, true)
		return err
	})
	return version, err
}
