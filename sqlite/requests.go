package sqlite

import (
	"context"
	"database/sql"
	"strings"

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
	res, err := db.write.ExecContext(ctx, `INSERT INTO listing_requests (kind, service_id, group_name, description, postcode,
			contact_name, email, phone, message, status, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		string(r.Kind), r.ServiceID, r.GroupName, r.Description, r.Postcode,
		r.ContactName, strings.TrimSpace(r.Email), r.Phone, r.Message, string(r.Status), instantText(r.CreatedAt))
	if err != nil {
		return translate(err, "listing request")
	}
	r.ID, err = res.LastInsertId()
	return err
}

const requestColumns = `id, kind, service_id, group_name, description, postcode, contact_name, email, phone, message,
	status, reason, organization_id, created_at, coalesce(decided_at, ''), coalesce(decided_by, 0)`

func scanRequest(row interface{ Scan(...any) error }) (directory.ListingRequest, error) {
	var r directory.ListingRequest
	var created, decided string
	err := row.Scan(&r.ID, &r.Kind, &r.ServiceID, &r.GroupName, &r.Description, &r.Postcode, &r.ContactName, &r.Email,
		&r.Phone, &r.Message, &r.Status, &r.Reason, &r.OrganizationID, &created, &decided, &r.DecidedBy)
	r.CreatedAt, r.DecidedAt = parseInstant(created), parseInstant(decided)
	return r, err
}

// ListingRequests lists requests with status (every request when it is
// empty), oldest first, so that the longest waiting are answered first.
func (db *DB) ListingRequests(ctx context.Context, status directory.RequestStatus) ([]directory.ListingRequest, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+requestColumns+`
		FROM listing_requests
		WHERE ? = '' OR status = ?
		ORDER BY id`, string(status), string(status))
	if err != nil {
		return nil, translate(err, "listing requests")
	}
	defer rows.Close()
	var out []directory.ListingRequest
	for rows.Next() {
		r, err := scanRequest(rows)
		if err != nil {
			return nil, translate(err, "listing requests")
		}
		out = append(out, r)
	}
	return out, translate(rows.Err(), "listing requests")
}

// ListingRequest returns one request.
func (db *DB) ListingRequest(ctx context.Context, id int64) (*directory.ListingRequest, error) {
	r, err := scanRequest(db.read.QueryRowContext(ctx, `SELECT `+requestColumns+` FROM listing_requests WHERE id = ?`, id))
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
		var kind, name, description string
		err := tx.queryRow(ctx, `SELECT kind, group_name, description FROM listing_requests WHERE id = ? AND status = 'pending'`, id).
			Scan(&kind, &name, &description)
		if err == sql.ErrNoRows {
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
			var n int
			if err := tx.queryRow(ctx, `SELECT count(*) FROM organization WHERE id = ?`, orgID).Scan(&n); err != nil {
				return translate(err, "organisation")
			}
			if n == 0 {
				return directory.Errorf(directory.Invalid, "organization: choose the organisation this group looks after")
			}
		}
		_, err = tx.exec(ctx, `UPDATE listing_requests SET status = 'approved', organization_id = ?, decided_at = ?, decided_by = ?
			WHERE id = ?`, orgID, instantText(tx.now), by, id)
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
	res, err := db.write.ExecContext(ctx, `UPDATE listing_requests SET status = 'rejected', reason = ?, decided_at = ?, decided_by = ?
		WHERE id = ? AND status = 'pending'`, strings.TrimSpace(reason), instantText(db.Now()), by, id)
	if err != nil {
		return translate(err, "listing request")
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		if err != nil {
			return translate(err, "listing request")
		}
		return db.notPending(ctx, id)
	}
	return nil
}

// notPending says why request id could not be decided.
func (db *DB) notPending(ctx context.Context, id int64) error {
	var n int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM listing_requests WHERE id = ?`, id).Scan(&n); err != nil {
		return translate(err, "listing request")
	}
	if n == 0 {
		return directory.Errorf(directory.NotFound, "no request has this id")
	}
	return directory.Errorf(directory.Conflict, "this request has already been answered")
}

// CreateOrganization adds an organisation to the directory, giving it a
// new id (a UUID, kept for life) when o has none. It has no services yet, so search has nothing
// to follow until its editors add one.
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
	_, err := tx.exec(ctx, `INSERT INTO organization (id, name, description, email, website) VALUES (?, ?, ?, ?, ?)`,
		o.ID, o.Name, o.Description, o.Email, o.Website)
	return translate(err, "organisation")
}

// OrganizationServiceCounts returns how many listed services each
// organisation has, by organisation id; organisations with none are left
// out.
func (db *DB) OrganizationServiceCounts(ctx context.Context) (map[string]int, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT organization_id, count(*)
		FROM service
		WHERE organization_id IS NOT NULL AND status IN ('active', 'temporarily closed')
		GROUP BY organization_id`)
	if err != nil {
		return nil, translate(err, "service counts")
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, translate(err, "service counts")
		}
		out[id] = n
	}
	return out, translate(rows.Err(), "service counts")
}
