package postgres

import (
	"context"
	"errors"
	"github.com/linkway/linkway/internal/dbtext"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/ids"
)

// CreateListingRequest keeps a group's request as pending and sets its
// id, status and time.
func (db *DB) CreateListingRequest(ctx context.Context, r *directory.ListingRequest) error {
	if err := r.Validate(); err != nil {
		return err
	}
	r.Status, r.CreatedAt = directory.RequestPending, db.Now().UTC()
	err := db.pool.QueryRow(ctx, `INSERT INTO listing_requests (kind, service_id, group_name, description, postcode,
			contact_name, email, phone, message, status, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
		RETURNING id`,
		string(r.Kind), r.ServiceID, r.GroupName, r.Description, r.Postcode,
		r.ContactName, strings.TrimSpace(r.Email), r.Phone, r.Message, string(r.Status), dbtext.Instant(r.CreatedAt)).Scan(&r.ID)
	return translate(err, "listing request")
}

const requestColumns = `id, kind, service_id, group_name, description, postcode, contact_name, email, phone, message,
	status, reason, organization_id, created_at, coalesce(decided_at, ''), coalesce(decided_by, 0)`

func scanRequest(row pgx.Row) (directory.ListingRequest, error) {
	var r directory.ListingRequest
	var created, decided string
	err := row.Scan(&r.ID, &r.Kind, &r.ServiceID, &r.GroupName, &r.Description, &r.Postcode, &r.ContactName, &r.Email,
		&r.Phone, &r.Message, &r.Status, &r.Reason, &r.OrganizationID, &created, &decided, &r.DecidedBy)
	r.CreatedAt, r.DecidedAt = dbtext.ParseInstant(created), dbtext.ParseInstant(decided)
	return r, err
}

// ListingRequests lists requests with status (every request when it is
// empty), oldest first, so that the longest waiting are answered first.
func (db *DB) ListingRequests(ctx context.Context, status directory.RequestStatus) ([]directory.ListingRequest, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+requestColumns+`
		FROM listing_requests
		WHERE $1 = '' OR status = $1
		ORDER BY id`, string(status))
	if err != nil {
		return nil, translate(err, "listing requests")
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (directory.ListingRequest, error) { return scanRequest(r) })
	return out, translate(err, "listing requests")
}

// ListingRequest returns one request.
func (db *DB) ListingRequest(ctx context.Context, id int64) (*directory.ListingRequest, error) {
	r, err := scanRequest(db.pool.QueryRow(ctx, `SELECT `+requestColumns+` FROM listing_requests WHERE id = $1`, id))
	if err != nil {
		return nil, translate(err, "listing request")
	}
	return &r, nil
}

// ApproveListingRequest approves a pending request by the admin by and
// returns the organisation its contact may now edit: orgID for a claim
// (which must exist), or for a new group an organisation created from the
// request, in the same transaction, so that a failure leaves neither. A
// request already decided is a Conflict.
func (db *DB) ApproveListingRequest(ctx context.Context, id int64, orgID string, by int64) (string, error) {
	err := db.InTx(ctx, func(tx *Tx) error {
		// FOR UPDATE: of two admins approving at once, the second waits
		// and then finds the request no longer pending.
		var kind, name, description string
		err := tx.tx.QueryRow(ctx, `SELECT kind, group_name, description FROM listing_requests
			WHERE id = $1 AND status = 'pending' FOR UPDATE`, id).Scan(&kind, &name, &description)
		if errors.Is(err, pgx.ErrNoRows) {
			return db.notPending(ctx, id)
		}
		if err != nil {
			return translate(err, "listing request")
		}
		if directory.RequestKind(kind) == directory.RequestNew {
			o := directory.Organization{Name: strings.TrimSpace(name), Description: strings.TrimSpace(description)}
			if err := tx.createOrganization(ctx, &o); err != nil {
				return err
			}
			orgID = o.ID
		} else {
			var exists bool
			if err := tx.tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM organization WHERE id = $1)`, orgID).Scan(&exists); err != nil {
				return translate(err, "organisation")
			}
			if !exists {
				return directory.Errorf(directory.Invalid, "organization: choose the organisation this group looks after")
			}
		}
		_, err = tx.tx.Exec(ctx, `UPDATE listing_requests SET status = 'approved', organization_id = $1, decided_at = $2, decided_by = $3
			WHERE id = $4`, orgID, dbtext.Instant(tx.now), by, id)
		return translate(err, "listing request")
	})
	if err != nil {
		return "", err
	}
	return orgID, nil
}

// RejectListingRequest turns down a pending request with a reason the
// group will read. A request already decided is a Conflict.
func (db *DB) RejectListingRequest(ctx context.Context, id int64, reason string, by int64) error {
	if strings.TrimSpace(reason) == "" {
		return directory.Errorf(directory.Invalid, "reason: say why, so the group knows what to do next")
	}
	tag, err := db.pool.Exec(ctx, `UPDATE listing_requests SET status = 'rejected', reason = $1, decided_at = $2, decided_by = $3
		WHERE id = $4 AND status = 'pending'`, strings.TrimSpace(reason), dbtext.Instant(db.Now()), by, id)
	if err != nil {
		return translate(err, "listing request")
	}
	if tag.RowsAffected() == 0 {
		return db.notPending(ctx, id)
	}
	return nil
}

// notPending says why request id could not be decided.
func (db *DB) notPending(ctx context.Context, id int64) error {
	var exists bool
	if err := db.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM listing_requests WHERE id = $1)`, id).Scan(&exists); err != nil {
		return translate(err, "listing request")
	}
	if !exists {
		return directory.Errorf(directory.NotFound, "no request has this id")
	}
	return directory.Errorf(directory.Conflict, "this request has already been answered")
}

// CreateOrganization adds an organisation to the directory, giving it a
// new id (a UUID, kept for life) when o has none. It has no services yet,
// so search has nothing to follow until its editors add one.
func (db *DB) CreateOrganization(ctx context.Context, o *directory.Organization) error {
	return db.InTx(ctx, func(tx *Tx) error { return tx.createOrganization(ctx, o) })
}

func (tx *Tx) createOrganization(ctx context.Context, o *directory.Organization) error {
	if strings.TrimSpace(o.Name) == "" {
		return directory.Errorf(directory.Invalid, "name: an organisation needs a name")
	}
	if o.ID == "" {
		o.ID = ids.New()
	}
	_, err := tx.tx.Exec(ctx, `INSERT INTO organization (id, name, description, email, website) VALUES ($1, $2, $3, $4, $5)`,
		o.ID, o.Name, o.Description, o.Email, o.Website)
	return translate(err, "organisation")
}

// OrganizationServiceCounts returns how many listed services each
// organisation has, by organisation id; organisations with none are left
// out.
func (db *DB) OrganizationServiceCounts(ctx context.Context) (map[string]int, error) {
	rows, err := db.pool.Query(ctx, `SELECT organization_id, count(*)
		FROM service
		WHERE organization_id IS NOT NULL AND status IN ('active', 'temporarily closed')
		GROUP BY organization_id`)
	if err != nil {
		return nil, translate(err, "service counts")
	}
	out := map[string]int{}
	var id string
	var n int
	_, err = pgx.ForEachRow(rows, []any{&id, &n}, func() error {
		out[id] = n
		return nil
	})
	return out, translate(err, "service counts")
}
