package casestore

import (
	"encoding/json"

	"github.com/linkway/linkway/casework"
)

// InboxScan is one row of an organisation's inbox as both stores select
// it: ReferralColumns, then the parts of the person's record an
// organisation could be shown, as a JSON object, then the id, name and
// email of their link worker (all NULL when that account is gone).
type InboxScan struct {
	ReferralRow
	shared     string
	uid        *int64
	name, mail *string
}

// Dest is where a row's Scan puts the inbox's columns.
func (x *InboxScan) Dest() []any {
	return append(x.ReferralRow.Dest(), &x.shared, &x.uid, &x.name, &x.mail)
}

// Inbox gathers the rows of an inbox query, ordered by referral then
// event, into one [casework.InboxRow] per referral.
type Inbox struct {
	refs []*casework.Referral
	rows []casework.InboxRow
}

// Add adds one scanned row: a new referral, or the next event of the
// last one.
func (b *Inbox) Add(x *InboxScan) error {
	n := len(b.refs)
	if b.refs = x.ReferralRow.Add(b.refs); len(b.refs) == n {
		return nil // another event of the same referral
	}
	p := &casework.Person{ID: x.Ref.PersonID}
	if err := json.Unmarshal([]byte(x.shared), p); err != nil {
		return err
	}
	var u *casework.User
	if x.uid != nil {
		u = &casework.User{ID: *x.uid, Name: *x.name, Email: *x.mail}
	}
	b.rows = append(b.rows, casework.InboxRow{Referral: b.refs[n], Person: p, LinkWorker: u})
	return nil
}

// Rows are the referrals gathered, in the order read.
func (b *Inbox) Rows() []casework.InboxRow { return b.rows }
