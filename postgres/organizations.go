package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/linkway/linkway/directory"
)

// OrganizationNames returns every organisation's id and name, by name,
// and nothing else: enough to offer them in a form, cheaply.
func (db *DB) OrganizationNames(ctx context.Context) ([]directory.Organization, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, name
		FROM organization
		ORDER BY lower(name) COLLATE "C", id`)
	if err != nil {
		return nil, translate(err, "organisations")
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (o directory.Organization, err error) {
		err = r.Scan(&o.ID, &o.Name)
		return o, err
	})
	return out, translate(err, "organisations")
}

// SetTrusted marks whether an organisation's editors publish without
// review.
func (db *DB) SetTrusted(ctx context.Context, orgID string, trusted bool) error {
	// Selecting the organisation inserts nothing when it does not exist,
	// which is how a missing one is told apart.
	tag, err := db.pool.Exec(ctx, `INSERT INTO organization_settings (organization_id, trusted, updated_at)
		SELECT id, $2, $3 FROM organization WHERE id = $1
		ON CONFLICT (organization_id) DO UPDATE SET trusted = excluded.trusted, updated_at = excluded.updated_at`,
		orgID, trusted, instantText(db.Now()))
	if err != nil {
		return translate(err, "organisation settings")
	}
	if tag.RowsAffected() == 0 {
		return directory.Errorf(directory.NotFound, "no organisation has this id")
	}
	return nil
}

// IsTrusted says whether an organisation's editors publish without review.
func (db *DB) IsTrusted(ctx context.Context, orgID string) (bool, error) {
	var trusted bool
	err := db.pool.QueryRow(ctx, `SELECT coalesce((SELECT trusted FROM organization_settings WHERE organization_id = $1), false)`, orgID).Scan(&trusted)
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
