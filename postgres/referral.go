package postgres

import (
	"context"
	"strings"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/casestore"
	"github.com/linkway/linkway/internal/dbtext"
)

// CreateReferral stores a new referral with its history, giving it an
// id.
func (tx *Tx) CreateReferral(ctx context.Context, r *casework.Referral) error {
	r.ID = casestore.NewID()
	if r.CreatedAt.IsZero() {
		r.CreatedAt = tx.now
	}
	r.UpdatedAt = r.CreatedAt
	_, err := tx.tx.Exec(ctx, `INSERT INTO referrals (id, person_id, team_id, service_id, service_name, organization_id, mode, status,
			created_by, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		r.ID, r.PersonID, r.TeamID, r.ServiceID, r.ServiceName, r.OrganizationID, string(r.Mode), string(r.Status),
		r.CreatedBy, dbtext.Instant(r.CreatedAt), dbtext.Instant(r.UpdatedAt))
	if isForeignKey(err) {
		return directory.Errorf(directory.NotFound, "no person has this id")
	}
	if err != nil {
		return translate(err, "referral")
	}
	for _, e := range r.History {
		if err := tx.addReferralEvent(ctx, r.ID, e); err != nil {
			return err
		}
	}
	return nil
}

func (tx *Tx) addReferralEvent(ctx context.Context, id string, e casework.ReferralEvent) error {
	_, err := tx.tx.Exec(ctx, `INSERT INTO referral_events (referral_id, from_status, to_status, at, by_user, note)
		VALUES ($1, $2, $3, $4, $5, $6)`,
		id, string(e.From), string(e.To), dbtext.Instant(e.At), e.By, e.Note)
	return translate(err, "referral history")
}

// SaveReferralMove stores the latest event of r (already applied with
// casework's Referral.Move). It fails with a conflict if someone else
// moved the referral meanwhile, so two answers cannot both apply: the
// UPDATE waits for any other writer of the row and then rechecks the
// status against what that writer committed.
func (tx *Tx) SaveReferralMove(ctx context.Context, r *casework.Referral) error {
	if len(r.History) == 0 {
		return directory.Errorf(directory.Invalid, "the referral has no history")
	}
	e := r.History[len(r.History)-1]
	tag, err := tx.tx.Exec(ctx, `UPDATE referrals SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4`,
		string(e.To), dbtext.Instant(e.At), r.ID, string(e.From))
	if err != nil {
		return translate(err, "referral")
	}
	if tag.RowsAffected() == 0 {
		return directory.Errorf(directory.Conflict, "the referral was changed by someone else; reload and try again")
	}
	return tx.addReferralEvent(ctx, r.ID, e)
}

// Referral reads one referral with its history.
func (db *DB) Referral(ctx context.Context, id string) (*casework.Referral, error) {
	list, err := db.referrals(ctx, `r.id = $1`, id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, directory.Errorf(directory.NotFound, "no referral has this id")
	}
	return list[0], nil
}

// Referrals lists referrals, newest first, each with its history.
func (db *DB) Referrals(ctx context.Context, f casework.ReferralFilter) ([]*casework.Referral, error) {
	var where []string
	var a params
	if f.PersonID != "" {
		where = append(where, `r.person_id = `+a.add(f.PersonID))
	}
	if f.TeamID != "" {
		where = append(where, `r.team_id = `+a.add(f.TeamID))
	}
	if f.OrganizationID != "" {
		where = append(where, `r.organization_id = `+a.add(f.OrganizationID))
	}
	if len(where) == 0 {
		return nil, directory.Errorf(directory.Invalid, "a referral list needs a person, team or organisation")
	}
	if len(f.ServiceIDs) > 0 {
		where = append(where, `r.service_id = ANY (`+a.add(f.ServiceIDs)+`)`)
	}
	if len(f.Statuses) > 0 {
		statuses := make([]string, len(f.Statuses))
		for i, s := range f.Statuses {
			statuses[i] = string(s)
		}
		where = append(where, `r.status = ANY (`+a.add(statuses)+`)`)
	}
	return db.referrals(ctx, strings.Join(where, " AND "), a...)
}

// referralColumns and referralRow read a referral row by row with its
// history, the same way in both stores.
const referralColumns = casestore.ReferralColumns

type referralRow = casestore.ReferralRow

// referralsQuery selects the referrals matching where, newest first,
// each with its history in order.
func referralsQuery(where string) string {
	return `SELECT ` + referralColumns + `
		FROM referrals r JOIN referral_events e ON e.referral_id = r.id
		WHERE ` + where + ` ORDER BY r.created_at DESC, r.id, e.id`
}

// readReferrals reads the referrals matching where through q.
func readReferrals(ctx context.Context, q querier, where string, args ...any) ([]*casework.Referral, error) {
	rows, err := q.Query(ctx, referralsQuery(where), args...)
	if err != nil {
		return nil, translate(err, "referrals")
	}
	defer rows.Close()
	var out []*casework.Referral
	for rows.Next() {
		var x referralRow
		if err := rows.Scan(x.Dest()...); err != nil {
			return nil, translate(err, "referrals")
		}
		out = x.Add(out)
	}
	return out, translate(rows.Err(), "referrals")
}

func (db *DB) referrals(ctx context.Context, where string, args ...any) ([]*casework.Referral, error) {
	return readReferrals(ctx, db.pool, where, args...)
}

// ReferralsTo reads, in the transaction, person personID's referrals
// and signposts to service serviceID, newest first, for the rule on a
// second open referral. SQLite's single writer made "read, then
// create" one step; here two instances could both read "none" and
// both refer. So it first locks the person's row (FOR NO KEY UPDATE:
// it does not hold up contacts or outcomes, whose foreign keys take only
// KEY SHARE) until the transaction ends; a second referral for the person
// waits here, then reads, in a new snapshot, the one just committed.
func (tx *Tx) ReferralsTo(ctx context.Context, personID, serviceID string) ([]*casework.Referral, error) {
	if _, err := tx.tx.Exec(ctx, `SELECT 1 FROM people WHERE id = $1 FOR NO KEY UPDATE`, personID); err != nil {
		return nil, translate(err, "person")
	}
	return readReferrals(ctx, tx.tx, `r.person_id = $1 AND r.service_id = $2`, personID, serviceID)
}

// UptakeByService counts referrals to the given services, across all
// teams: the figures are about the service, not the people.
func (db *DB) UptakeByService(ctx context.Context, serviceIDs []string) (map[string]casework.ServiceUptake, error) {
	out := map[string]casework.ServiceUptake{}
	if len(serviceIDs) == 0 {
		return out, nil
	}
	rows, err := db.pool.Query(ctx, `SELECT r.service_id, count(*),
			count(*) FILTER (WHERE EXISTS (SELECT 1 FROM referral_events e
				WHERE e.referral_id = r.id AND e.to_status IN ('accepted', 'attended', 'ongoing', 'completed'))),
			count(*) FILTER (WHERE EXISTS (SELECT 1 FROM referral_events e WHERE e.referral_id = r.id AND e.to_status = 'attended'))
		FROM referrals r WHERE r.mode = 'referral' AND r.service_id = ANY ($1) GROUP BY r.service_id`, serviceIDs)
	if err != nil {
		return nil, translate(err, "uptake")
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var u casework.ServiceUptake
		if err := rows.Scan(&id, &u.Referred, &u.Accepted, &u.Attended); err != nil {
			return nil, translate(err, "uptake")
		}
		out[id] = u
	}
	return out, translate(rows.Err(), "uptake")
}
