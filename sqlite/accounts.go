package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/dbtext"
	"github.com/mattn/go-sqlite3"
)

// stamp and parseStamp write and read accounts' and the audit log's
// instants as package postgres does.
func stamp(t time.Time) string { return dbtext.Stamp(t) }

func parseStamp(s string) time.Time { return dbtext.ParseStamp(s) }

// SessionDB returns the database for the session store. It is the write
// connection: sessions are written on almost every request (the idle
// timeout moves on), and the read pool is opened read-only.
func (db *DB) SessionDB() *sql.DB { return db.write }

// DeleteExpiredSessions removes sessions past their expiry. Expired
// sessions are never honoured; this only keeps the table small.
func (db *DB) DeleteExpiredSessions(ctx context.Context) error {
	_, err := db.write.ExecContext(ctx, `DELETE FROM sessions WHERE expiry < julianday('now')`)
	return translate(err, "sessions")
}

// PutTeam creates a team or renames an existing one.
func (db *DB) PutTeam(ctx context.Context, t casework.Team) error {
	t.ID, t.Name = strings.TrimSpace(t.ID), strings.TrimSpace(t.Name)
	if t.ID == "" {
		return directory.Errorf(directory.Invalid, "a team needs an id")
	}
	if t.Name == "" {
		t.Name = t.ID
	}
	_, err := db.write.ExecContext(ctx, `INSERT INTO teams (id, name) VALUES (?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name`, t.ID, t.Name)
	return translate(err, "team")
}

// Team returns the team with id.
func (db *DB) Team(ctx context.Context, id string) (casework.Team, error) {
	var t casework.Team
	err := db.read.QueryRowContext(ctx, `SELECT id, name FROM teams WHERE id = ?`, id).Scan(&t.ID, &t.Name)
	return t, translate(err, "team")
}

// Teams returns every team, by name.
func (db *DB) Teams(ctx context.Context) ([]casework.Team, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, name FROM teams ORDER BY name COLLATE NOCASE, id`)
	if err != nil {
		return nil, translate(err, "teams")
	}
	defer rows.Close()
	var out []casework.Team
	for rows.Next() {
		var t casework.Team
		if err := rows.Scan(&t.ID, &t.Name); err != nil {
			return nil, translate(err, "team")
		}
		out = append(out, t)
	}
	return out, translate(rows.Err(), "teams")
}

// Organization returns the directory organisation with id, so that an
// editor account can be checked against the directory.
func (db *DB) Organization(ctx context.Context, id string) (*directory.Organization, error) {
	var o directory.Organization
	err := db.read.QueryRowContext(ctx, `SELECT id, name, description, email, website
		FROM organization
		WHERE id = ?`, id).Scan(&o.ID, &o.Name, &o.Description, &o.Email, &o.Website)
	if err != nil {
		return nil, translate(err, "organisation")
	}
	return &o, nil
}

// CreateUser stores a new user with a password hash made by the caller
// (the store never sees a password) and returns their id. An email that
// is taken, in any case, is a Conflict; an unknown team or organisation
// is Invalid.
func (db *DB) CreateUser(ctx context.Context, u casework.User, passwordHash string) (int64, error) {
	u.Email = strings.TrimSpace(u.Email)
	if err := casework.ValidateUser(u); err != nil {
		return 0, err
	}
	if passwordHash == "" {
		return 0, directory.Errorf(directory.Invalid, "a user needs a password")
	}
	created := u.CreatedAt
	if created.IsZero() {
		created = db.Now()
	}
	res, err := db.write.ExecContext(ctx, `INSERT INTO users
		(email, name, role, team_id, organization_id, phone, password_hash, disabled, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		u.Email, u.Name, string(u.Role), nullText(u.TeamID), nullText(u.OrganizationID), strings.TrimSpace(u.Phone), passwordHash, u.Disabled, stamp(created))
	if err != nil {
		var se sqlite3.Error
		switch {
		case errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique:
			return 0, &directory.Error{Kind: directory.Conflict, Msg: fmt.Sprintf("a user with email %s already exists", u.Email), Err: err}
		case errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintForeignKey:
			return 0, &directory.Error{Kind: directory.Invalid, Msg: "no such team or organisation", Err: err}
		}
		return 0, translate(err, "user")
	}
	return res.LastInsertId()
}

func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

const userColumns = `id, email, name, role, coalesce(team_id, ''), coalesce(organization_id, ''), phone, disabled, created_at`

func scanUser(row interface{ Scan(...any) error }, extra ...any) (casework.User, error) {
	var (
		u       casework.User
		role    string
		created string
	)
	dest := append([]any{&u.ID, &u.Email, &u.Name, &role, &u.TeamID, &u.OrganizationID, &u.Phone, &u.Disabled, &created}, extra...)
	if err := row.Scan(dest...); err != nil {
		return casework.User{}, err
	}
	u.Role = casework.Role(role)
	u.CreatedAt = parseStamp(created)
	return u, nil
}

// UserByEmail returns the user with email (in any case) and their
// password hash, for logging in.
func (db *DB) UserByEmail(ctx context.Context, email string) (casework.User, string, error) {
	var hash string
	u, err := scanUser(db.read.QueryRowContext(ctx, `SELECT `+userColumns+`, password_hash
		FROM users
		WHERE email = ?`, strings.TrimSpace(email)), &hash)
	if err != nil {
		return casework.User{}, "", translate(err, "user")
	}
	return u, hash, nil
}

// UserByID returns the user with id.
func (db *DB) UserByID(ctx context.Context, id int64) (casework.User, error) {
	u, err := scanUser(db.read.QueryRowContext(ctx, `SELECT `+userColumns+`
		FROM users
		WHERE id = ?`, id))
	return u, translate(err, "user")
}

// Users returns every user, by email.
func (db *DB) Users(ctx context.Context) ([]casework.User, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+userColumns+`
		FROM users
		ORDER BY email`)
	if err != nil {
		return nil, translate(err, "users")
	}
	defer rows.Close()
	var out []casework.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, translate(err, "user")
		}
		out = append(out, u)
	}
	return out, translate(rows.Err(), "users")
}

// SetPasswordHash replaces a user's password hash and lifts any lock: a
// new password is how an admin lets a locked-out person back in.
func (db *DB) SetPasswordHash(ctx context.Context, userID int64, hash string) error {
	if hash == "" {
		return directory.Errorf(directory.Invalid, "a user needs a password")
	}
	return db.updateUser(ctx, userID, `UPDATE users
		SET password_hash = ?, failed_logins = 0, failed_since = '', locked_until = ''
		WHERE id = ?`, hash, userID)
}

// SetUserPhone sets the phone number on a user's account ("" for none),
// refusing one that is not a phone number.
func (db *DB) SetUserPhone(ctx context.Context, userID int64, phone string) error {
	phone = strings.TrimSpace(phone)
	if err := casework.ValidatePhone(phone); err != nil {
		return err
	}
	return db.updateUser(ctx, userID, `UPDATE users
		SET phone = ?
		WHERE id = ?`, phone, userID)
}

// SetUserDisabled disables or re-enables a user. A disabled user cannot
// log in, and their open sessions stop counting at the next request.
func (db *DB) SetUserDisabled(ctx context.Context, userID int64, disabled bool) error {
	return db.updateUser(ctx, userID, `UPDATE users
		SET disabled = ?
		WHERE id = ?`, disabled, userID)
}

func (db *DB) updateUser(ctx context.Context, userID int64, query string, args ...any) error {
	res, err := db.write.ExecContext(ctx, query, args...)
	if err != nil {
		return translate(err, "user")
	}
	if n, err := res.RowsAffected(); err != nil {
		return translate(err, "user")
	} else if n == 0 {
		return directory.Errorf(directory.NotFound, "no user has id %d", userID)
	}
	return nil
}

// LockedUntil returns when the user's lock ends, or the zero time when
// they were never locked. A time before now means the lock has passed.
func (db *DB) LockedUntil(ctx context.Context, userID int64) (time.Time, error) {
	var until string
	err := db.read.QueryRowContext(ctx, `SELECT locked_until FROM users WHERE id = ?`, userID).Scan(&until)
	if err != nil {
		return time.Time{}, translate(err, "user")
	}
	return parseStamp(until), nil
}

// LoginFailed counts a failed login at now. The fifth failure within 15
// minutes of the first locks the account for 15 minutes and returns when
// the lock ends; otherwise it returns the zero time. Counting starts
// afresh after a lock, and after 15 minutes without enough failures.
func (db *DB) LoginFailed(ctx context.Context, userID int64, now time.Time) (time.Time, error) {
	var lockedUntil time.Time
	err := db.InTx(ctx, func(tx *Tx) error {
		var (
			f     casework.FailedLogins
			since string
		)
		err := tx.tx.QueryRowContext(ctx, `SELECT failed_logins, failed_since FROM users WHERE id = ?`, userID).Scan(&f.N, &since)
		if err != nil {
			return translate(err, "user")
		}
		f.Since = parseStamp(since)
		f, lockedUntil = f.Fail(now)
		_, err = tx.tx.ExecContext(ctx, `UPDATE users
			SET failed_logins = ?, failed_since = ?, locked_until = CASE WHEN ? = '' THEN locked_until ELSE ? END
			WHERE id = ?`, f.N, stamp(f.Since), stamp(lockedUntil), stamp(lockedUntil), userID)
		return translate(err, "user")
	})
	return lockedUntil, err
}

// LoginSucceeded forgets the user's failed logins.
func (db *DB) LoginSucceeded(ctx context.Context, userID int64) error {
	return db.updateUser(ctx, userID, `UPDATE users
		SET failed_logins = 0, failed_since = '', locked_until = ''
		WHERE id = ?`, userID)
}
