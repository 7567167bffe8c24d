package sqlite

import (
	"context"
	"time"

	"github.com/linkway/linkway/directory"
)

// Organizations lists every organisation in the directory, by name.
func (db *DB) Organizations(ctx context.Context) ([]directory.Organization, error) {
	return db.scanOrganizations(ctx, ` ORDER BY o.name COLLATE NOCASE, o.id`)
}

// SetTrusted marks whether an organisation's editors publish without
// review.
func (db *DB) SetTrusted(ctx context.Context, orgID string, trusted bool) error {
	_, err := db.write.ExecContext(ctx, `INSERT INTO organization_settings (organization_id, trusted, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (organization_id) DO UPDATE SET trusted = excluded.trusted, updated_at = excluded.updated_at`,
		orgID, trusted, instantText(db.Now()))
	if isForeignKey(err) {
		return directory.Errorf(directory.NotFound, "no organisation has this id")
	}
	return translate(err, "organisation settings")
}

// IsTrusted says whether an organisation's editors publish without review.
func (db *DB) IsTrusted(ctx context.Context, orgID string) (bool, error) {
	var trusted bool
	err := db.read.QueryRowContext(ctx, `SELECT coalesce((SELECT trusted FROM organization_settings WHERE organization_id = ?), 0)`, orgID).Scan(&trusted)
	return trusted, translate(err, "organisation settings")
}

// VerifyService records that someone checked the listing is still right
// ("still correct"), through the change log like any other change so
// that search and the matcher see it.
func (db *DB) VerifyService(ctx context.Context, id, by string, at time.Time) (*directory.Service, error) {
	s, err := db.Service(ctx, id)
	if err != nil {
		return nil, err
	}
	s.LastVerified, s.VerifiedBy = at.UTC(), by
	err = db.InTx(ctx, func(tx *Tx) error {
		_, _, err := tx.PutService(ctx, s)
		return err
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}
