package postgres

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/linkway/linkway/internal/dbtext"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/storedoc"
)

// Moderation and history. Every publication of a listing through Linkway
// (an approved review, a trusted organisation's edit, a quick action, a
// restore) goes through publish, which records a version in the same
// transaction as the change itself and its change-log entry, so history
// and search can never disagree with the listing. Each publication reads
// the listing it changes under the change log's lock, so that
// publications from several instances take their turns and number their
// versions one after another.

// OrganizationServices returns an organisation's services, by name.
func (db *DB) OrganizationServices(ctx context.Context, orgID string) ([]*directory.Service, error) {
	return db.loadServices(ctx, `WHERE s.organization_id = $1 ORDER BY lower(s.name), s.id`, orgID)
}

// publishing reads service id inside tx to publish over it, taking the
// change log's lock first as every listing write does (see
// [Tx.lockChangeLog]), so publications queue rather than deadlock.
func (tx *Tx) publishing(ctx context.Context, id string) (*directory.Service, error) {
	if err := tx.lockChangeLog(ctx); err != nil {
		return nil, err
	}
	return tx.lockedService(ctx, id)
}

// lockedService reads service id inside tx, locking its row until tx ends.
func (tx *Tx) lockedService(ctx context.Context, id string) (*directory.Service, error) {
	list, err := loadServices(ctx, tx.tx, `WHERE s.id = $1 FOR UPDATE OF s`, id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, &directory.Error{Kind: directory.NotFound, Msg: "no service has this id"}
	}
	return list[0], nil
}

// SubmitReview keeps a change to a listing for an admin to approve or
// reject, with the listing as now published as its base. A change still
// waiting for the same listing is replaced: editors send the whole
// listing, so the newer one holds everything they meant.
func (db *DB) SubmitReview(ctx context.Context, proposed *directory.Service, by int64) (int64, error) {
	if err := proposed.Validate(); err != nil {
		return 0, err
	}
	propText, err := storedoc.ServiceJSON(proposed)
	if err != nil {
		return 0, err
	}
	var id int64
	err = db.InTx(ctx, func(tx *Tx) error {
		// The lock also keeps two changes sent at once from both staying
		// pending.
		base, err := tx.lockedService(ctx, proposed.ID)
		if err != nil {
			return err
		}
		baseText, err := storedoc.ServiceJSON(base)
		if err != nil {
			return err
		}
		now := dbtext.Instant(tx.now)
		if _, err := tx.tx.Exec(ctx, `UPDATE reviews SET status = 'rejected', reason = 'Replaced by a newer change.', decided_at = $1
			WHERE service_id = $2 AND status = 'pending'`, now, proposed.ID); err != nil {
			return translate(err, "reviews")
		}
		err = tx.tx.QueryRow(ctx, `INSERT INTO reviews (service_id, organization_id, submitted_by, submitted_at, base, proposed)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, proposed.ID, base.OrganizationID(), by, now, baseText, propText).Scan(&id)
		return translate(err, "review")
	})
	return id, err
}

const reviewColumns = `id, service_id, organization_id, submitted_by, submitted_at, base, proposed, status, reason, decided_by, decided_at`

func scanReview(row pgx.Row) (*directory.Review, error) {
	var r directory.Review
	var submitted, decided, base, proposed string
	if err := row.Scan(&r.ID, &r.ServiceID, &r.OrganizationID, &r.SubmittedBy, &submitted, &base, &proposed,
		&r.Status, &r.Reason, &r.DecidedBy, &decided); err != nil {
		return nil, translate(err, "review")
	}
	r.SubmittedAt, r.DecidedAt = dbtext.ParseInstant(submitted), dbtext.ParseInstant(decided)
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
	rows, err := db.pool.Query(ctx, `SELECT `+reviewColumns+` FROM reviews
		WHERE ($1 = '' OR status = $1) AND ($2 = '' OR organization_id = $2)
		ORDER BY id`, string(status), orgID)
	if err != nil {
		return nil, translate(err, "reviews")
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (directory.Review, error) {
		r, err := scanReview(row)
		if err != nil {
			return directory.Review{}, err
		}
		return *r, nil
	})
}

// Review returns one review.
func (db *DB) Review(ctx context.Context, id int64) (*directory.Review, error) {
	r, err := scanReview(db.pool.QueryRow(ctx, `SELECT `+reviewColumns+` FROM reviews WHERE id = $1`, id))
	if directory.KindOf(err) == directory.NotFound {
		return nil, directory.Errorf(directory.NotFound, "no change waiting for review has this id")
	}
	return r, err
}

// decide marks a pending review approved or rejected inside tx; a review
// already decided (perhaps a moment ago, by another admin) is a conflict.
func (tx *Tx) decide(ctx context.Context, id int64, status directory.ReviewStatus, by int64, reason string) error {
	tag, err := tx.tx.Exec(ctx, `UPDATE reviews SET status = $1, reason = $2, decided_by = $3, decided_at = $4
		WHERE id = $5 AND status = 'pending'`, string(status), reason, by, dbtext.Instant(tx.now), id)
	if err != nil {
		return translate(err, "review")
	}
	if tag.RowsAffected() == 1 {
		return nil
	}
	var was string
	if err := tx.tx.QueryRow(ctx, `SELECT status FROM reviews WHERE id = $1`, id).Scan(&was); err != nil {
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
	var version int
	err = db.InTx(ctx, func(tx *Tx) error {
		current, err := tx.publishing(ctx, r.ServiceID)
		if err != nil {
			return err
		}
		if err := tx.decide(ctx, id, directory.ReviewApproved, by, ""); err != nil {
			return err
		}
		s := r.Approved(current)
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
	var version int
	err := db.InTx(ctx, func(tx *Tx) error {
		current, err := tx.publishing(ctx, s.ID)
		if err != nil {
			return err
		}
		version, err = tx.publish(ctx, s, current, by, note, false)
		return err
	})
	return version, err
}

// RestoreVersion publishes an earlier version's content again, as a new
// version. The listing keeps its organisation and its latest "still
// correct" date: restoring words does not undo a check.
func (db *DB) RestoreVersion(ctx context.Context, serviceID string, version int, by int64) (int, error) {
	var n int
	err := db.InTx(ctx, func(tx *Tx) error {
		current, err := tx.publishing(ctx, serviceID)
		if err != nil {
			return err
		}
		var content string
		err = tx.tx.QueryRow(ctx, `SELECT content FROM service_versions WHERE service_id = $1 AND version = $2`, serviceID, version).Scan(&content)
		if errors.Is(err, pgx.ErrNoRows) {
			return directory.Errorf(directory.NotFound, "this listing has no version %d", version)
		}
		if err != nil {
			return translate(err, "service version")
		}
		s, err := storedoc.ServiceOfJSON(content)
		if err != nil {
			return err
		}
		s.LastVerified, s.VerifiedBy = current.LastVerified, current.VerifiedBy
		n, err = tx.publish(ctx, s, current, by, fmt.Sprintf("Version %d restored", version), false)
		return err
	})
	return n, err
}

// ServiceVersions returns every recorded version of a listing, oldest
// first. A listing never changed through Linkway has none.
func (db *DB) ServiceVersions(ctx context.Context, serviceID string) ([]directory.Version, error) {
	rows, err := db.pool.Query(ctx, `SELECT version, published_at, published_by, content, note
		FROM service_versions
		WHERE service_id = $1
		ORDER BY version`, serviceID)
	if err != nil {
		return nil, translate(err, "service versions")
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (directory.Version, error) {
		v := directory.Version{ServiceID: serviceID}
		var at, content string
		if err := row.Scan(&v.Version, &at, &v.PublishedBy, &content, &v.Note); err != nil {
			return v, err
		}
		v.PublishedAt = dbtext.ParseInstant(at)
		var err error
		v.Content, err = storedoc.ServiceOfJSON(content)
		return v, err
	})
	return out, translate(err, "service versions")
}

// publish writes s as the listing (current is the listing as it stands,
// read with its row locked) and records the version. It keeps what a
// listing's editors may not change from here: its organisation, taxonomy
// term names, which are shared by every service, and, unless setKinds,
// its kinds of support, which are an admin's correction or given afresh
// from what s says.
func (tx *Tx) publish(ctx context.Context, s, current *directory.Service, by int64, note string, setKinds bool) (int, error) {
	var versions int
	if err := tx.tx.QueryRow(ctx, `SELECT coalesce(max(version), -1) + 1 FROM service_versions WHERE service_id = $1`, s.ID).Scan(&versions); err != nil {
		return 0, translate(err, "service versions")
	}
	if versions == 0 {
		// The first change: keep the listing as it was, so history always
		// starts from the original.
		at := current.LastModified
		if at.IsZero() {
			at = tx.now
		}
		if err := tx.addVersion(ctx, current, 0, at, 0, "As first listed"); err != nil {
			return 0, err
		}
		versions = 1
	}
	c := *s
	c.Organization = current.Organization
	if !setKinds {
		c.Kinds = nil
	}
	// Kinds are given while the terms still carry their names, which the
	// classifier reads, as on every other write.
	stored, err := storedKinds(ctx, tx.tx, s.ID)
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
	return versions, tx.addVersion(ctx, &c, versions, tx.now, by, note)
}

func (tx *Tx) addVersion(ctx context.Context, s *directory.Service, version int, at time.Time, by int64, note string) error {
	content, err := storedoc.ServiceJSON(s)
	if err != nil {
		return err
	}
	_, err = tx.tx.Exec(ctx, `INSERT INTO service_versions (service_id, version, published_at, published_by, content, note)
		VALUES ($1, $2, $3, $4, $5, $6)`, s.ID, version, dbtext.Instant(at), by, content, note)
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
		same, found, err := tx.db.sameLocation(ctx, tx.tx, l)
		if err != nil || !found || same {
			if err != nil {
				return err
			}
			continue
		}
		var others bool
		if err := tx.tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1
			FROM service_at_location sl
			JOIN service sv ON sv.id = sl.service_id
			WHERE sl.location_id = $1 AND sl.service_id <> $2 AND sv.organization_id IS DISTINCT FROM $3)`,
			l.ID, s.ID, s.OrganizationID()).Scan(&others); err != nil {
			return translate(err, "location users")
		}
		if others {
			sum := sha256.Sum256([]byte(s.ID))
			l.ID = l.ID + "~" + hex.EncodeToString(sum[:4])
		}
	}
	return nil
}
