package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/internal/casestore"
)

// OrganizationEditors returns the editors of the directory organisation
// orgID who may still log in, by email: the people told of its referrals.
func (db *DB) OrganizationEditors(ctx context.Context, orgID string) ([]casework.User, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+userColumns+`
		FROM users
		WHERE role = 'editor'
		AND organization_id = $1
		AND NOT disabled
		ORDER BY email COLLATE "C"`, orgID)
	if err != nil {
		return nil, translate(err, "editors")
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (casework.User, error) { return scanUser(r) })
	return out, translate(err, "editors")
}

// UnansweredReferrals lists referrals, across every team and
// organisation, still waiting for the organisation's first answer
// (status referred), each with its history; for the reminder sweep only,
// as it crosses teams.
func (db *DB) UnansweredReferrals(ctx context.Context) ([]*casework.Referral, error) {
	return db.referrals(ctx, `r.mode = 'referral' AND r.status = 'referred'`)
}

// ReferralsToServices lists the referrals (not signposts) made to the
// given services by any team, each with its history, for figures about
// the services (how fast they answer, how many they accept). It crosses
// teams, so its callers must show only figures, never a referral.
func (db *DB) ReferralsToServices(ctx context.Context, serviceIDs []string) ([]*casework.Referral, error) {
	if len(serviceIDs) == 0 {
		return nil, nil
	}
	return db.referrals(ctx, `r.mode = 'referral' AND r.service_id = ANY ($1)`, serviceIDs)
}

// InboxReferrals lists the referrals (not signposts) made to organisation
// orgID, newest first, each with its history, the parts of the person's
// record an organisation could be shown (with their consent, which
// decides whether it is), and their link worker (or else whoever made the
// referral), all in one query. Nothing else of the person's record is
// read: not their date of birth, NHS number, address or notes.
func (db *DB) InboxReferrals(ctx context.Context, orgID string) ([]casework.InboxRow, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+referralColumns+`,
			json_build_object(
				'Name', j.r -> 'Name',
				'PreferredContact', j.r -> 'PreferredContact',
				'Phone', j.r -> 'Phone',
				'Email', j.r -> 'Email',
				'Language', j.r -> 'Language',
				'Interpreter', j.r -> 'Interpreter',
				'AccessNeeds', j.r -> 'AccessNeeds',
				'WhatMatters', json_build_object('Priorities', j.r #> '{WhatMatters,Priorities}'),
				'Consent', json_build_object('Share', j.r #> '{Consent,Share}')
			)::text,
			u.id, u.name, u.email
		FROM referrals r
		JOIN referral_events e ON e.referral_id = r.id
		JOIN people p ON p.id = r.person_id
		CROSS JOIN LATERAL (SELECT p.record::json AS r) j
		LEFT JOIN users u ON u.id = CASE WHEN p.link_worker <> 0 THEN p.link_worker ELSE r.created_by END
		WHERE r.organization_id = $1
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
			return nil, fmt.Errorf("postgres: inbox: %w", err)
		}
	}
	return inbox.Rows(), translate(rows.Err(), "inbox")
}
