package postgres

import (
	"context"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/dbtext"
	"github.com/linkway/linkway/internal/like"
)

// Organizations lists every organisation in the directory, by name.
func (db *DB) Organizations(ctx context.Context) ([]directory.Organization, error) {
	return db.scanOrganizations(ctx, ` ORDER BY lower(o.name) COLLATE "C", o.id`)
}

// OrganizationFilter is [directory.OrganizationFilter].
type OrganizationFilter = directory.OrganizationFilter

// FindOrganizations returns a page of the organisations f chooses, by
// name, and how many it chooses in all. ILIKE ignores case as SQLite's
// LIKE does (and beyond ASCII too).
func (db *DB) FindOrganizations(ctx context.Context, f OrganizationFilter) ([]directory.Organization, int, error) {
	var p params
	cond := ""
	if name := strings.TrimSpace(f.Name); name != "" {
		cond = ` WHERE o.name ILIKE ` + p.add(like.Words(name)) + ` OR o.id = ` + p.add(name)
	}
	var total int
	if err := db.pool.QueryRow(ctx, `SELECT count(*) FROM organization o`+cond, p...).Scan(&total); err != nil {
		return nil, 0, translate(err, "organisations")
	}
	tail := cond + ` ORDER BY lower(o.name) COLLATE "C", o.id`
	if f.Limit > 0 {
		tail += p.page(f.Limit, f.Offset)
	}
	orgs, err := db.scanOrganizations(ctx, tail, p...)
	return orgs, total, err
}

// OrganizationsNamed returns the organisations called name, in any case:
// more than one when names are shared, which is why a name typed into a
// form must be checked against them all.
func (db *DB) OrganizationsNamed(ctx context.Context, name string) ([]directory.Organization, error) {
	return db.scanOrganizations(ctx, ` WHERE lower(o.name) = lower($1) ORDER BY o.id`, strings.TrimSpace(name))
}

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
		orgID, trusted, dbtext.Instant(db.Now()))
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
