package sqlite

import (
	"context"
	"fmt"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/internal/casestore"
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

// InboxReferrals lists the referrals (not signposts) made to organisation
// orgID, newest first, each with its history, the parts of the person's
// record an organisation could be shown (with their consent, which
// decides whether it is), and their link worker (or else whoever made the
// referral), all in one query. Nothing else of the person's record is
// read: not their date of birth, NHS number, address or notes.
func (db *DB) InboxReferrals(ctx context.Context, orgID string) ([]casework.InboxRow, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+referralColumns+`,
			json_object(
				'Name', p.record -> '$.Name',
				'PreferredContact', p.record -> '$.PreferredContact',
				'Phone', p.record -> '$.Phone',
				'Email', p.record -> '$.Email',
				'Language', p.record -> '$.Language',
				'Interpreter', p.record -> '$.Interpreter',
				'AccessNeeds', p.record -> '$.AccessNeeds',
				'WhatMatters', json_object('Priorities', p.record -> '$.WhatMatters.Priorities'),
				'Consent', json_object('Share', p.record -> '$.Consent.Share')
			),
			u.id, u.name, u.email
		FROM referrals r
		JOIN referral_events e ON e.referral_id = r.id
		JOIN people p ON p.id = r.person_id
		LEFT JOIN users u ON u.id = CASE WHEN p.link_worker != 0 THEN p.link_worker ELSE r.created_by END
		WHERE r.organization_id = ?
		AND r.mode = 'referral'
		ORDER BY r.created_at DESC, r.id, e.id`, orgID)
	if err != nil {
		return nil, translate(err, "inbox")
	}
	defer rows.Close()
	var inbox casestore.Inbox
	for rows.Next() {
		var x casestore.InboxScan
		if err := rows.Scan(x.Dest()...); err != nil {
			return nil, translate(err, "inbox")
		}
		if err := inbox.Add(&x); err != nil {
			return nil, fmt.Errorf("sqlite: inbox: %w", err)
		}
	}
	return inbox.Rows(), translate(rows.Err(), "inbox")
}
