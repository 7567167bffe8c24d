package sqlite

import (
	"context"
	"database/sql"
	"strings"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/casestore"
)

// CreateReferral stores a new referral with its history, giving it an
// id.
func (tx *Tx) CreateReferral(ctx context.Context, r *casework.Referral) error {
	r.ID = NewID()
	if r.CreatedAt.IsZero() {
		r.CreatedAt = tx.now
	}
	r.UpdatedAt = r.CreatedAt
	_, err := tx.exec(ctx, `INSERT INTO referrals (id, person_id, team_id, service_id, service_name, organization_id, mode, status, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.ID, r.PersonID, r.TeamID, r.ServiceID, r.ServiceName, r.OrganizationID, r.Mode, r.Status, r.CreatedBy, instantText(r.CreatedAt), instantText(r.UpdatedAt))
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
	_, err := tx.exec(ctx, `INSERT INTO referral_events (referral_id, from_status, to_status, at, by_user, note) VALUES (?, ?, ?, ?, ?, ?)`,
		id, e.From, e.To, instantText(e.At), e.By, e.Note)
	return translate(err, "referral history")
}

// SaveReferralMove stores the latest event of r (already applied with
// casework's Referral.Move). It fails with a conflict if someone else
// moved the referral meanwhile, so two answers cannot both apply.
func (tx *Tx) SaveReferralMove(ctx context.Context, r *casework.Referral) error {
	if len(r.History) == 0 {
		return directory.Errorf(directory.Invalid, "the referral has no history")
	}
	e := r.History[len(r.History)-1]
	res, err := tx.exec(ctx, `UPDATE referrals SET status = ?, updated_at = ? WHERE id = ? AND status = ?`,
		e.To, instantText(e.At), r.ID, e.From)
	if err != nil {
		return translate(err, "referral")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return directory.Errorf(directory.Conflict, "the referral was changed by someone else; reload and try again")
	}
	return tx.addReferralEvent(ctx, r.ID, e)
}

// Referral reads one referral with its history.
func (db *DB) Referral(ctx context.Context, id string) (*casework.Referral, error) {
	list, err := db.referrals(ctx, `r.id = ?`, []any{id})
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
	var args []any
	add := func(cond string, vals ...any) {
		where, args = append(where, cond), append(args, vals...)
	}
	if f.PersonID != "" {
		add(`r.person_id = ?`, f.PersonID)
	}
	if f.TeamID != "" {
		add(`r.team_id = ?`, f.TeamID)
	}
	if f.OrganizationID != "" {
		add(`r.organization_id = ?`, f.OrganizationID)
	}
	if len(where) == 0 {
		return nil, directory.Errorf(directory.Invalid, "a referral list needs a person, team or organisation")
	}
	if len(f.ServiceIDs) > 0 {
		vals := make([]any, len(f.ServiceIDs))
		for i, id := range f.ServiceIDs {
			vals[i] = id
		}
		add(`r.service_id IN (`+marks(len(vals))+`)`, vals...)
	}
	if len(f.Statuses) > 0 {
		vals := make([]any, len(f.Statuses))
		for i, s := range f.Statuses {
			vals[i] = s
		}
		add(`r.status IN (`+marks(len(vals))+`)`, vals...)
	}
	return db.referrals(ctx, strings.Join(where, " AND "), args)
}

func marks(n int) string { return strings.TrimSuffix(strings.Repeat("?,", n), ",") }

// referralColumns and referralRow read a referral row by row with its
// history, the same way in both stores.
const referralColumns = casestore.ReferralColumns

type referralRow = casestore.ReferralRow

// ReferralsTo reads, in the transaction, person personID's referrals
// and signposts to service serviceID, newest first: in the transaction,
// so that the rule on a second open referral sees any made a moment ago.
func (tx *Tx) ReferralsTo(ctx context.Context, personID, serviceID string) ([]*casework.Referral, error) {
	rows, err := tx.tx.QueryContext(ctx, referralsQuery(`r.person_id = ? AND r.service_id = ?`), personID, serviceID)
	if err != nil {
		return nil, translate(err, "referrals")
	}
	return scanReferrals(rows)
}

// referralsQuery selects the referrals matching where, newest first,
// each with its history in order.
func referralsQuery(where string) string {
	return `SELECT ` + referralColumns + `
		FROM referrals r JOIN referral_events e ON e.referral_id = r.id
		WHERE ` + where + ` ORDER BY r.created_at DESC, r.id, e.id`
}

func (db *DB) referrals(ctx context.Context, where string, args []any) ([]*casework.Referral, error) {
	rows, err := db.read.QueryContext(ctx, referralsQuery(where), args...)
	if err != nil {
		return nil, translate(err, "referrals")
	}
	return scanReferrals(rows)
}

// scanReferrals reads rows of [referralsQuery] and closes them.
func scanReferrals(rows *sql.Rows) ([]*casework.Referral, error) {
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

// UptakeByService counts referrals to the given services, across all
// teams: the figures are about the service, not the people.
func (db *DB) UptakeByService(ctx context.Context, serviceIDs []string) (map[string]casework.ServiceUptake, error) {
	out := map[string]casework.ServiceUptake{}
	if len(serviceIDs) == 0 {
		return out, nil
	}
	args := make([]any, len(serviceIDs))
	for i, id := range serviceIDs {
		args[i] = id
	}
	rows, err := db.read.QueryContext(ctx, `SELECT r.service_id, count(*),
			sum(EXISTS (SELECT 1 FROM referral_events e WHERE e.referral_id = r.id AND e.to_status IN ('accepted', 'attended', 'ongoing', 'completed'))),
			sum(EXISTS (SELECT 1 FROM referral_events e WHERE e.referral_id = r.id AND e.to_status = 'attended'))
		FROM referrals r WHERE r.mode = 'referral' AND r.service_id IN (`+marks(len(args))+`) GROUP BY r.service_id`, args...)
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
