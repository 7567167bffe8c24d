package casestore

import (
	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/internal/dbtext"
)

// ReferralColumns are a referral and one event of its history, from
// referrals r joined with referral_events e, as both stores select them;
// see [ReferralRow].
const ReferralColumns = `r.id, r.person_id, r.team_id, r.service_id, r.service_name, r.organization_id, r.mode, r.status,
			r.created_by, r.created_at, r.updated_at, e.from_status, e.to_status, e.at, e.by_user, e.note`

// ReferralRow is one row of ReferralColumns.
type ReferralRow struct {
	Ref                  casework.Referral
	Event                casework.ReferralEvent
	created, updated, at string
}

// Dest is where a row's Scan puts ReferralColumns.
func (x *ReferralRow) Dest() []any {
	r, e := &x.Ref, &x.Event
	return []any{&r.ID, &r.PersonID, &r.TeamID, &r.ServiceID, &r.ServiceName, &r.OrganizationID, &r.Mode, &r.Status,
		&r.CreatedBy, &x.created, &x.updated, &e.From, &e.To, &x.at, &e.By, &e.Note}
}

// Add adds the row to list, which is ordered by referral then event: a
// new referral, or the next event of the last one.
func (x *ReferralRow) Add(list []*casework.Referral) []*casework.Referral {
	x.Event.At = dbtext.ParseInstant(x.at)
	if n := len(list); n > 0 && list[n-1].ID == x.Ref.ID {
		list[n-1].History = append(list[n-1].History, x.Event)
		return list
	}
	r := x.Ref
	r.CreatedAt, r.UpdatedAt = dbtext.ParseInstant(x.created), dbtext.ParseInstant(x.updated)
	r.History = []casework.ReferralEvent{x.Event}
	return append(list, &r)
}
