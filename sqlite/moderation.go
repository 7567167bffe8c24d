package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/storedoc"
)

// Moderation and history. Every publication of a listing through Linkway
// (an approved review, a trusted organisation's edit, a quick action, a
// restore) goes through publish, which records a version in the same
// transaction as the change itself and its change-log entry, so history
// and search can never disagree with the listing.

// OrganizationServices returns an organisation's services, by name.
func (db *DB) OrganizationServices(ctx context.Context, orgID string) ([]*directory.Service, error) {
	return db.loadServices(ctx, `WHERE s.organization_id = ? ORDER BY s.name COLLATE NOCASE, s.id`, orgID)
}

// SubmitReview keeps a change to a listing for an admin to approve or
// reject, with the listing as now published as its base. A change still
// waiting for the same listing is replaced: editors send the whole
// listing, so the newer one holds everything they meant.
func (db *DB) SubmitReview(ctx context.Context, proposed *directory.Service, by int64) (int64, error) {
	if err := proposed.Validate(); err != nil {
		return 0, err
	}
	base, err := db.Service(ctx, proposed.ID)
	if err != nil {
		return 0, err
	}
	baseText, err := storedoc.ServiceJSON(base)
	if err != nil {
		return 0, err
	}
	propText, err := storedoc.ServiceJSON(proposed)
	if err != nil {
		return 0, err
	}
	var id int64
	err = db.InTx(ctx, func(tx *Tx) error {
		now := instantText(tx.now)
		if _, err := tx.exec(ctx, `UPDATE reviews SET status = 'rejected', reason = 'Replaced by a newer change.', decided_at = ?
			WHERE service_id = ? AND status = 'pending'`, now, proposed.ID); err != nil {
			return translate(err, "reviews")
		}
		res, err := tx.exec(ctx, `INSERT INTO reviews (service_id, organization_id, submitted_by, submitted_at, base, proposed)
			VALUES (?, ?, ?, ?, ?, ?)`, proposed.ID, base.OrganizationID(), by, now, baseText, propText)
		if err != nil {
			return translate(err, "review")
		}
		id, err = res.LastInsertId()
		return err
	})
	return id, err
}

const reviewColumns = `id, service_id, organization_id, submitted_by, submitted_at, base, proposed, status, reason, decided_by, decided_at`

func scanReview(row interface{ Scan(...any) error }) (*directory.Review, error) {
	var r directory.Review
	var submitted, decided, base, proposed string
	if err := row.Scan(&r.ID, &r.ServiceID, &r.OrganizationID, &r.SubmittedBy, &submitted, &base, &proposed,
		&r.Status, &r.Reason, &r.DecidedBy, &decided); err != nil {
		return nil, translate(err, "review")
	}
	r.SubmittedAt, r.DecidedAt = parseInstant(submitted), parseInstant(decided)
	var err error
	if r.Base, err = storedoc.ServiceOfJSON(base); err != nil {
		return nil, err
	}
	if r.Proposed, err = storedoc.ServiceOfJSON(proposed); err != nil {
		return nil, err
	}
	return &r, nil
}

// Reviews lists reviews oldest first, choosing by status and organisation
// when they are not empty.
func (db *DB) Reviews(ctx context.Context, status directory.ReviewStatus, orgID string) ([]directory.Review, error) {
	var where []string
	var args []any
	if status != "" {
		where, args = append(where, `status = ?`), append(args, string(status))
	}
	if orgID != "" {
		where, args = append(where, `organization_id = ?`), append(args, orgID)
	}
	q := `SELECT ` + reviewColumns + ` FROM reviews`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, ` AND `)
	}
	rows, err := db.read.QueryContext(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return nil, translate(err, "reviews")
	}
	defer rows.Close()
	var out []directory.Review
	for rows.Next() {
		r, err := scanReview(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *r)
	}
	return out, translate(rows.Err(), "reviews")
}

// Review returns one review.
func (db *DB) Review(ctx context.Context, id int64) (*directory.Review, error) {
	r, err := scanReview(db.read.QueryRowContext(ctx, `SELECT `+reviewColumns+` FROM reviews WHERE id = ?`, id))
	if directory.KindOf(err) == directory.NotFound {
		return nil, directory.Errorf(directory.NotFound, "no change waiting for review has this id")
	}
	return r, err
}

// decide marks a pending review approved or rejected inside tx; a review
// already decided (perhaps a moment ago, by another admin) is a conflict.
func (tx *Tx) decide(ctx context.Context, id int64, status directory.ReviewStatus, by int64, reason string) error {
	res, err := tx.exec(ctx, `UPDATE reviews SET status = ?, reason = ?, decided_by = ?, decided_at = ?
		WHERE id = ? AND status = 'pending'`, string(status), reason, by, instantText(tx.now), id)
	if err != nil {
		return translate(err, "review")
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return err
	}
	var was string
	if err := tx.queryRow(ctx, `SELECT status FROM reviews WHERE id = ?`, id).Scan(&was); err != nil {
		return directory.Errorf(directory.NotFound, "no change waiting for review has this id")
	}
	return directory.Errorf(directory.Conflict, "this change has already been %s", was)
}

// ApproveReview publishes a review's proposed listing, as
// [directory.Review.Approved] merges it with the listing as it now is,
// and records it as a new version, all in one transaction, and returns
// the version number.
func (db *DB) ApproveReview(ctx context.Context, id, by int64) (int, error) {
	r, err := db.Review(ctx, id)
	if err != nil {
		return 0, err
	}
	if r.Status != directory.ReviewPending {
		return 0, directory.Errorf(directory.Conflict, "this change has already been %s", r.Status)
	}
	current, err := db.Service(ctx, r.ServiceID)
	if err != nil {
		return 0, err
	}
	s := r.Approved(current)
	var version int
	err = db.InTx(ctx, func(tx *Tx) error {
		if err := tx.decide(ctx, id, directory.ReviewApproved, by, ""); err != nil {
			return err
		}
		version, err = tx.publish(ctx, s, current, by, fmt.Sprintf("Change %d approved", id), false)
		return err
	})
	return version, err
}

// RejectReview turns a review down with a reason, which the organisation
// sees; the listing is not changed.
func (db *DB) RejectReview(ctx context.Context, id, by int64, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return directory.Errorf(directory.Invalid, "reason: is required, so the organisation knows what to change")
	}
	return db.InTx(ctx, func(tx *Tx) error {
		return tx.decide(ctx, id, directory.ReviewRejected, by, reason)
	})
}

// Publish puts s live at once and records it as a new version (trusted
// organisations, admins, and quick actions such as "temporarily
// closed"), returning the version number.
func (db *DB) Publish(ctx context.Context, s *directory.Service, by int64, note string) (int, error) {
	if err := s.Validate(); err != nil {
		return 0, err
	}
	current, err := db.Service(ctx, s.ID)
	if err != nil {
		return 0, err
	}
	var version int
	err = db.InTx(ctx, func(tx *Tx) error {
		version, err = tx.publish(ctx, s, current, by, note, false)
		return err
	})
	return version, err
}

// RestoreVersion publishes an earlier version's content again, as a new
// version. The listing keeps its organisation and its latest "still
// correct" date: restoring words does not undo a check.
func (db *DB) RestoreVersion(ctx context.Context, serviceID string, version int, by int64) (int, error) {
	var content string
	err := db.read.QueryRowContext(ctx, `SELECT content FROM service_versions WHERE service_id = ? AND version = ?`, serviceID, version).Scan(&content)
	if err == sql.ErrNoRows {
		return 0, directory.Errorf(directory.NotFound, "this listing has no version %d", version)
	}
	if err != nil {
		return 0, translate(err, "service version")
	}
	s, err := storedoc.ServiceOfJSON(content)
	if err != nil {
		return 0, err
	}
	current, err := db.Service(ctx, serviceID)
	if err != nil {
		return 0, err
	}
	s.LastVerified, s.VerifiedBy = current.LastVerified, current.VerifiedBy
	var n int
	err = db.InTx(ctx, func(tx *Tx) error {
		n, err = tx.publish(ctx, s, current, by, fmt.Sprintf("Version %d restored", version), false)
		return err
	})
	return n, err
}

// ServiceVersions returns every recorded version of a listing, oldest
// first. A listing never changed through Linkway has none.
func (db *DB) ServiceVersions(ctx context.Context, serviceID string) ([]directory.Version, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT version, published_at, published_by, content, note
		FROM service_versions
		WHERE service_id = ?
		ORDER BY version`, serviceID)
	if err != nil {
		return nil, translate(err, "service versions")
	}
	defer rows.Close()
	var out []directory.Version
	for rows.Next() {
		v := directory.Version{ServiceID: serviceID}
		var at, content string
		if err := rows.Scan(&v.Version, &at, &v.PublishedBy, &content, &v.Note); err != nil {
			return nil, translate(err, "service version")
		}
		v.PublishedAt = parseInstant(at)
		if v.Content, err = storedoc.ServiceOfJSON(content); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, translate(rows.Err(), "service versions")
}

// publish writes s as the listing (current is the listing as it stands)
// and records the version. It keeps what a listing's editors may not
// change from here: its organisation, taxonomy term names, which are
// shared by every service, and, unless setKinds, its kinds of support,
// which are an admin's correction or given afresh from what s says.
func (tx *Tx) publish(ctx context.Context, s, current *directory.Service, by int64, note string, setKinds bool) (int, error) {
	var n int
	if err := tx.queryRow(ctx, `SELECT count(*) FROM service_versions WHERE service_id = ?`, s.ID).Scan(&n); err != nil {
		return 0, translate(err, "service versions")
	}
	if n == 0 {
		// The first change: keep the listing as it was, so history always
		// starts from the original.
		at := current.LastModified
		if at.IsZero() {
			at = tx.now
		}
		if err := tx.addVersion(ctx, current, 0, at, 0, "As first listed"); err != nil {
			return 0, err
		}
	}
	c := *s
	c.Organization = current.Organization
	if !setKinds {
		c.Kinds = nil
	}
	// Kinds are given while the terms still carry their names, which the
	// classifier reads, as on every other write.
	stored, err := storedKinds(ctx, tx.queryRow, s.ID)
	if err != nil {
		return 0, err
	}
	c = *tx.db.withKinds(&c, stored, !setKinds)
	c.Terms = make([]directory.Term, len(s.Terms))
	for i, t := range s.Terms {
		c.Terms[i] = directory.Term{ID: t.ID}
	}
	c.Locations = append([]directory.ServiceAtLocation(nil), s.Locations...)
	if err := tx.ownLocations(ctx, &c); err != nil {
		return 0, err
	}
	c.LastModified = tx.now
	if _, _, err := tx.writeService(ctx, &c, stored); err != nil {
		return 0, err
	}
	var version int
	if err := tx.queryRow(ctx, `SELECT coalesce(max(version), 0) + 1 FROM service_versions WHERE service_id = ?`, s.ID).Scan(&version); err != nil {
		return 0, translate(err, "service versions")
	}
	return version, tx.addVersion(ctx, &c, version, tx.now, by, note)
}

func (tx *Tx) addVersion(ctx context.Context, s *directory.Service, version int, at time.Time, by int64, note string) error {
	content, err := storedoc.ServiceJSON(s)
	if err != nil {
		return err
	}
	_, err = tx.exec(ctx, `INSERT INTO service_versions (service_id, version, published_at, published_by, content, note)
		VALUES (?, ?, ?, ?, ?, ?)`, s.ID, version, instantText(at), by, content, note)
	return translate(err, "service version")
}

// ownLocations gives s its own copy of each venue it changes that another
// organisation's listing also uses: venues are shared rows, and an
// editor must never change someone else's listing by moving "their"
// hall. The copy's id is derived from the venue and the service, so later
// edits update the same copy.
func (tx *Tx) ownLocations(ctx context.Context, s *directory.Service) error {
	for i := range s.Locations {
		l := &s.Locations[i].Location
		var typ, name, postcode, doc string
		var lat, lon sql.NullFloat64
		err := tx.queryRow(ctx, `SELECT location_type, name, latitude, longitude, postcode, doc FROM location WHERE id = ?`, l.ID).
			Scan(&typ, &name, &lat, &lon, &postcode, &doc)
		if err == sql.ErrNoRows {
			continue
		}
		if err != nil {
			return translate(err, "location "+l.ID)
		}
		same := typ == string(l.Type) && name == l.Name && postcode == l.Address().PostalCode &&
			doc == storedoc.LocationText(l) &&
			(l.Point == nil && !lat.Valid || l.Point != nil && lat.Valid && lat.Float64 == l.Point.Lat() && lon.Float64 == l.Point.Lon())
		if same {
			continue
		}
		var others int
		if err := tx.queryRow(ctx, `SELECT count(*)
			FROM service_at_location sl
			JOIN service sv ON sv.id = sl.service_id
			WHERE sl.location_id = ? AND sl.service_id != ? AND sv.organization_id IS NOT ?`,
			l.ID, s.ID, s.OrganizationID()).Scan(&others); err != nil {
			return translate(err, "location users")
		}
		if others > 0 {
			sum := sha256.Sum256([]byte(s.ID))
			l.ID = l.ID + "~" + hex.EncodeToString(sum[:4])
		}
	}
	return nil
}
