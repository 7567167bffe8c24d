package sqlite

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
)

// appendAudit is the statement that adds an audit entry.
const appendAudit = `INSERT INTO audit_log (at, user_id, action, person_id, detail, remote)
	VALUES (?, ?, ?, ?, ?, ?)`

// auditArgs checks e and returns the arguments of appendAudit, stamping
// e now when e.At is zero.
func auditArgs(e casework.AuditEntry, now time.Time) ([]any, error) {
	if e.Action == "" {
		return nil, directory.Errorf(directory.Invalid, "an audit entry needs an action")
	}
	if e.At.IsZero() {
		e.At = now
	}
	return []any{stamp(e.At), e.UserID, e.Action, e.PersonID, e.Detail, e.Remote}, nil
}

// AppendAudit adds an entry to the audit log, stamped now when e.At is
// zero. The log is append-only: the database refuses updates and
// deletes. For a change to a person's record, use [Tx.AppendAudit] in
// the change's own transaction.
func (db *DB) AppendAudit(ctx context.Context, e casework.AuditEntry) error {
	return db.AppendAudits(ctx, []casework.AuditEntry{e})
}

// AppendAudits adds entries to the audit log in one statement, as
// [DB.AppendAudit] does one: a page that shows several people's details
// records every one of them with one write.
func (db *DB) AppendAudits(ctx context.Context, entries []casework.AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	query := appendAudit + strings.Repeat(`,
	(?, ?, ?, ?, ?, ?)`, len(entries)-1)
	var args []any
	now := db.Now()
	for _, e := range entries {
		a, err := auditArgs(e, now)
		if err != nil {
			return err
		}
		args = append(args, a...)
	}
	_, err := db.write.ExecContext(ctx, query, args...)
	return translate(err, "audit entry")
}

// AppendAudit adds an entry to the audit log in tx, so that it is kept
// exactly when the change it records is.
func (tx *Tx) AppendAudit(ctx context.Context, e casework.AuditEntry) error {
	args, err := auditArgs(e, tx.now)
	if err != nil {
		return err
	}
	_, err = tx.exec(ctx, appendAudit, args...)
	return translate(err, "audit entry")
}

// AuditFilter selects audit entries; see [casework.AuditFilter].
type AuditFilter = casework.AuditFilter

// Audit returns the entries matching f, newest first, and how many match
// in all, or f.CountUpTo when at least that many do.
func (db *DB) Audit(ctx context.Context, f AuditFilter) ([]casework.AuditEntry, int, error) {
	var (
		where []string
		args  []any
	)
	if !f.From.IsZero() {
		where = append(where, `at >= ?`)
		args = append(args, stamp(f.From))
	}
	if !f.To.IsZero() {
		where = append(where, `at < ?`)
		args = append(args, stamp(f.To))
	}
	if f.UserID != 0 {
		where = append(where, `user_id = ?`)
		args = append(args, f.UserID)
	}
	if f.PersonID != "" {
		where = append(where, `person_id = ?`)
		args = append(args, f.PersonID)
	}
	if f.Action != "" {
		where = append(where, `action = ?`)
		args = append(args, f.Action)
	}
	cond := ""
	if len(where) > 0 {
		cond = ` WHERE ` + strings.Join(where, ` AND `)
	}
	var total int
	count := `SELECT count(*) FROM audit_log` + cond
	countArgs := args
	if f.CountUpTo > 0 {
		count = `SELECT count(*) FROM (SELECT 1 FROM audit_log` + cond + ` LIMIT ?)`
		countArgs = append(slices.Clip(args), f.CountUpTo)
	}
	if err := db.read.QueryRowContext(ctx, count, countArgs...).Scan(&total); err != nil {
		return nil, 0, translate(err, "audit log")
	}
	page := cond + `
		ORDER BY at DESC, id DESC`
	if f.Limit > 0 {
		page += `
		LIMIT ? OFFSET ?`
		args = append(args, f.Limit, f.Offset)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT id, at, user_id, action, person_id, detail, remote
		FROM audit_log`+page, args...)
	if err != nil {
		return nil, 0, translate(err, "audit log")
	}
	defer rows.Close()
	var out []casework.AuditEntry
	for rows.Next() {
		var (
			e  casework.AuditEntry
			at string
		)
		if err := rows.Scan(&e.ID, &at, &e.UserID, &e.Action, &e.PersonID, &e.Detail, &e.Remote); err != nil {
			return nil, 0, translate(err, "audit entry")
		}
		e.At = parseStamp(at)
		out = append(out, e)
	}
	return out, total, translate(rows.Err(), "audit log")
}
