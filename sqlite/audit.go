package sqlite

import (
	"context"
	"strings"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
)

// AppendAudit adds an entry to the audit log, stamped now when e.At is
// zero. The log is append-only: the database refuses updates and
// deletes.
func (db *DB) AppendAudit(ctx context.Context, e casework.AuditEntry) error {
	if e.Action == "" {
		return directory.Errorf(directory.Invalid, "an audit entry needs an action")
	}
	if e.At.IsZero() {
		e.At = db.Now()
	}
	_, err := db.write.ExecContext(ctx, `INSERT INTO audit_log (at, user_id, action, person_id, detail, remote)
		VALUES (?, ?, ?, ?, ?, ?)`, stamp(e.At), e.UserID, e.Action, e.PersonID, e.Detail, e.Remote)
	return translate(err, "audit entry")
}

// AuditFilter selects audit entries; see [casework.AuditFilter].
type AuditFilter = casework.AuditFilter

// Audit returns the entries matching f, newest first, and how many match
// in all.
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
	cond := ""
	if len(where) > 0 {
		cond = ` WHERE ` + strings.Join(where, ` AND `)
	}
	var total int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM audit_log`+cond, args...).Scan(&total); err != nil {
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
