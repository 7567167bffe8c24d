package sqlite

import (
	"context"

	"github.com/linkway/linkway/casework"
)

// OrganizationEditors returns the editors of the directory organisation
// orgID who may still log in, by email: the people told of its referrals.
func (db *DB) OrganizationEditors(ctx context.Context, orgID string) ([]casework.User, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+userColumns+`
		FROM users
		WHERE role = 'editor'
		AND organization_id = ?
		AND disabled = 0
		ORDER BY email`, orgID)
	if err != nil {
		return nil, translate(err, "editors")
	}
	defer rows.Close()
	var out []casework.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, translate(err, "editor")
		}
		out = append(out, u)
	}
	return out, translate(rows.Err(), "editors")
}

// UnansweredReferrals lists referrals, across every team and
// organisation, still waiting for the organisation's first answer
// (status referred), each with its history; for the reminder sweep only,
// as it crosses teams.
func (db *DB) UnansweredReferrals(ctx context.Context) ([]*casework.Referral, error) {
	return db.referrals(ctx, `r.mode = 'referral' AND r.status = 'referred'`, nil)
}

// ReferralsToServices lists the referrals (not signposts) made to the
// given services by any team, each with its history, for figures about
// the services (how fast they answer, how many they accept). It crosses
// teams, so its callers must show only figures, never a referral.
func (db *DB) ReferralsToServices(ctx context.Context, serviceIDs []string) ([]*casework.Referral, error) {
	if len(serviceIDs) == 0 {
		return nil, nil
	}
	args := make([]any, len(serviceIDs))
	for i, id := range serviceIDs {
		args[i] = id
	}
	return db.referrals(ctx, `r.mode = 'referral' AND r.service_id IN (`+marks(len(args))+`)`, args)
}
