package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/dbtext"
)

// auditRow checks e and returns its audit_log row, stamping e now when
// e.At is zero.
func auditRow(e casework.AuditEntry, now time.Time) ([]any, error) {
	if e.Action == "" {
		return nil, directory.Errorf(directory.Invalid, "an audit entry needs an action")
	}
	if e.At.IsZero() {
		e.At = now
	}
	return []any{dbtext.Stamp(e.At), e.UserID, e.Action, e.PersonID, e.Detail, e.Remote}, nil
}

// appendAudits inserts entries with one statement, or none if any is
// invalid.
func appendAudits(ctx context.Context, q querier, entries []casework.AuditEntry, now time.Time) error {
	if len(entries) == 0 {
		return nil
	}
	var (
		values []string
		args   []any
	)
	for _, e := range entries {
		row, err := auditRow(e, now)
		if err != nil {
			return err
		}
		n := len(args)
		values = append(values, fmt.Sprintf("($%d, $%d, $%d, $%d, $%d, $%d)", n+1, n+2, n+3, n+4, n+5, n+6))
		args = append(args, row...)
	}
	_, err := q.Exec(ctx, `INSERT INTO audit_log (at, user_id, action, person_id, detail, remote)
		VALUES `+strings.Join(values, ", "), args...)
	return translate(err, "audit entry")
}

// AppendAudit adds an entry to the audit log, stamped now when e.At is
// zero. The log is append-only: the database refuses updates, deletes
// and truncation. For a change to a person's record, use
// [Tx.AppendAudit] in the change's own transaction.
func (db *DB) AppendAudit(ctx context.Context, e casework.AuditEntry) error {
	return db.AppendAudits(ctx, []casework.AuditEntry{e})
}

// AppendAudits adds entries to the audit log in one statement, as
// [DB.AppendAudit] does one: a page that shows several people's details
// records every one of them with one write.
func (db *DB) AppendAudits(ctx context.Context, entries []casework.AuditEntry) error {
	return appendAudits(ctx, db.pool, entries, db.Now())
}

// AppendAudit adds an entry to the audit log in tx, so that it is kept
// exactly when the change it records is.
func (tx *Tx) AppendAudit(ctx context.Context, e casework.AuditEntry) error {
	return appendAudits(ctx, tx.tx, []casework.AuditEntry{e}, tx.now)
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
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if !f.From.IsZero() {
		add(`at >= $%d`, dbtext.Stamp(f.From))
	}
	if !f.To.IsZero() {
		add(`at < $%d`, dbtext.Stamp(f.To))
	}
	if f.UserID != 0 {
		add(`user_id = $%d`, f.UserID)
	}
	if f.PersonID != "" {
		add(`person_id = $%d`, f.PersonID)
	}
	if f.Action != "" {
		add(`action = $%d`, f.Action)
	}
	cond := ""
	if len(where) > 0 {
		cond = ` WHERE ` + strings.Join(where, ` AND `)
	}
	n := len(args)
	count := `SELECT count(*) FROM audit_log` + cond
	countArgs := args
	if f.CountUpTo > 0 {
		count = fmt.Sprintf(`SELECT count(*) FROM (SELECT 1 FROM audit_log%s LIMIT $%d) AS matching`, cond, n+1)
		countArgs = append(args[:n:n], f.CountUpTo)
	}
	var total int
	if err := db.pool.QueryRow(ctx, count, countArgs...).Scan(&total); err != nil {
		return nil, 0, translate(err, "audit log")
	}
	page := cond + `
		ORDER BY at DESC, id DESC`
	if f.Limit > 0 {
		page += fmt.Sprintf(`
		LIMIT $%d OFFSET $%d`, n+1, n+2)
		args = append(args, f.Limit, f.Offset)
	}
	rows, err := db.pool.Query(ctx, `SELECT id, at, user_id, action, person_id, detail, remote
		FROM audit_log`+page, args...)
	if err != nil {
		return nil, 0, translate(err, "audit log")
	}
	entries, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (casework.AuditEntry, error) {
		var (
			e  casework.AuditEntry
			at string
		)
		err := r.Scan(&e.ID, &at, &e.UserID, &e.Action, &e.PersonID, &e.Detail, &e.Remote)
		e.At = dbtext.ParseStamp(at)
		return e, err
	})
	if err != nil {
		return nil, 0, translate(err, "audit log")
	}
	return entries, total, nil
}
