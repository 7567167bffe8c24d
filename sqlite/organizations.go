package sqlite

import (
	"context"
	"strings"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/like"
)

// Organizations lists every organisation in the directory, by name.
func (db *DB) Organizations(ctx context.Context) ([]directory.Organization, error) {
	return db.scanOrganizations(ctx, ` ORDER BY o.name COLLATE NOCASE, o.id`)
}

// OrganizationFilter is [directory.OrganizationFilter].
type OrganizationFilter = directory.OrganizationFilter

// FindOrganizations returns a page of the organisations f chooses, by
// name, and how many it chooses in all.
func (db *DB) FindOrganizations(ctx context.Context, f OrganizationFilter) ([]directory.Organization, int, error) {
	cond, args := "", []any{}
	if name := strings.TrimSpace(f.Name); name != "" {
		cond = `
		WHERE o.name LIKE ? ESCAPE '\' OR o.id = ?`
		args = append(args, like.Words(name), name)
	}
	var total int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM organization o`+cond, args...).Scan(&total); err != nil {
		return nil, 0, translate(err, "organisations")
	}
	tail := cond + `
		ORDER BY o.name COLLATE NOCASE, o.id`
	if f.Limit > 0 {
		tail += `
		LIMIT ? OFFSET ?`
		args = append(args, f.Limit, f.Offset)
	}
	orgs, err := db.scanOrganizations(ctx, tail, args...)
	return orgs, total, err
}

// OrganizationsNamed returns the organisations called name, in any case:
// more than one when names are shared, which is why a name typed into a
// form must be checked against them all.
func (db *DB) OrganizationsNamed(ctx context.Context, name string) ([]directory.Organization, error) {
	return db.scanOrganizations(ctx, `
		WHERE o.name = ? COLLATE NOCASE
		ORDER BY o.id`, strings.TrimSpace(name))
}

// OrganizationNames returns every organisation's id and name, by name,
// and nothing else: enough to offer them in a form, cheaply.
func (db *DB) OrganizationNames(ctx context.Context) ([]directory.Organization, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, name
		FROM organization
		ORDER BY name COLLATE NOCASE, id`)
	if err != nil {
		return nil, translate(err, "organisations")
	}
	defer rows.Close()
	var out []directory.Organization
	for rows.Next() {
		var o directory.Organization
		if err := rows.Scan(&o.ID, &o.Name); err != nil {
			return nil, translate(err, "organisation")
		}
		out = append(out, o)
	}
	return out, translate(rows.Err(), "organisations")
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
