package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/alexedwards/scs/pgxstore"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/dbtext"
)

// SessionStore returns the session store over the sessions table. It
// runs no cleanup goroutine of its own: serve deletes expired sessions
// on its schedule ([DB.DeleteExpiredSessions]), as for SQLite, so one
// instance does it rather than every one.
func (db *DB) SessionStore() *pgxstore.PostgresStore {
	return pgxstore.NewWithCleanupInterval(db.pool, 0)
}

// DeleteExpiredSessions removes sessions past their expiry. Expired
// sessions are never honoured; this only keeps the table small.
func (db *DB) DeleteExpiredSessions(ctx context.Context) error {
	_, err := db.pool.Exec(ctx, `DELETE FROM sessions WHERE expiry < current_timestamp`)
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
	_, err := db.pool.Exec(ctx, `INSERT INTO teams (id, name) VALUES ($1, $2)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name`, t.ID, t.Name)
	return translate(err, "team")
}

// Team returns the team with id.
func (db *DB) Team(ctx context.Context, id string) (casework.Team, error) {
	var t casework.Team
	err := db.pool.QueryRow(ctx, `SELECT id, name FROM teams WHERE id = $1`, id).Scan(&t.ID, &t.Name)
	return t, translate(err, "team")
}

// Teams returns every team, by name in any case.
func (db *DB) Teams(ctx context.Context) ([]casework.Team, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, name FROM teams ORDER BY lower(name) COLLATE "C", id`)
	if err != nil {
		return nil, translate(err, "teams")
	}
	teams, err := pgx.CollectRows(rows, pgx.RowToStructByPos[casework.Team])
	return teams, translate(err, "teams")
}

// Organization returns the directory organisation with id, so that an
// editor account can be checked against the directory.
func (db *DB) Organization(ctx context.Context, id string) (*directory.Organization, error) {
	var o directory.Organization
	err := db.pool.QueryRow(ctx, `SELECT id, name, description, email, website
		FROM organization
		WHERE id = $1`, id).Scan(&o.ID, &o.Name, &o.Description, &o.Email, &o.Website)
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
	var id int64
	err := db.pool.QueryRow(ctx, `INSERT INTO users
		(email, name, role, team_id, organization_id, phone, password_hash, disabled, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
		RETURNING id`,
		u.Email, u.Name, string(u.Role), nullText(u.TeamID), nullText(u.OrganizationID), strings.TrimSpace(u.Phone),
		passwordHash, u.Disabled, dbtext.Stamp(created)).Scan(&id)
	var pe *pgconn.PgError
	switch {
	case err == nil:
		return id, nil
	case errors.As(err, &pe) && pe.Code == "23505": // unique_violation
		return 0, &directory.Error{Kind: directory.Conflict, Msg: fmt.Sprintf("a user with email %s already exists", u.Email), Err: err}
	case errors.As(err, &pe) && pe.Code == "23503": // foreign_key_violation
		return 0, &directory.Error{Kind: directory.Invalid, Msg: "no such team or organisation", Err: err}
	}
	return 0, translate(err, "user")
}

// nullText stores "" as NULL, for optional references.
func nullText(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

const userColumns = `id, email, name, role, coalesce(team_id, ''), coalesce(organization_id, ''), phone, disabled, created_at`

func scanUser(row pgx.Row, extra ...any) (casework.User, error) {
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
	u.CreatedAt = dbtext.ParseStamp(created)
	return u, nil
}

// UserByEmail returns the user with email (in any case) and their
// password hash, for logging in.
func (db *DB) UserByEmail(ctx context.Context, email string) (casework.User, string, error) {
	var hash string
	u, err := scanUser(db.pool.QueryRow(ctx, `SELECT `+userColumns+`, password_hash
		FROM users
		WHERE lower(email) = lower($1)`, strings.TrimSpace(email)), &hash)
	if err != nil {
		return casework.User{}, "", translate(err, "user")
	}
	return u, hash, nil
}

// UserByID returns the user with id.
func (db *DB) UserByID(ctx context.Context, id int64) (casework.User, error) {
	u, err := scanUser(db.pool.QueryRow(ctx, `SELECT `+userColumns+`
		FROM users
		WHERE id = $1`, id))
	return u, translate(err, "user")
}

// Users returns every user, by email.
func (db *DB) Users(ctx context.Context) ([]casework.User, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+userColumns+`
		FROM users
		ORDER BY lower(email) COLLATE "C", id`)
	if err != nil {
		return nil, translate(err, "users")
	}
	users, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (casework.User, error) { return scanUser(r) })
	return users, translate(err, "users")
}

// SetPasswordHash replaces a user's password hash and lifts any lock: a
// new password is how an admin lets a locked-out person back in.
func (db *DB) SetPasswordHash(ctx context.Context, userID int64, hash string) error {
	if hash == "" {
		return directory.Errorf(directory.Invalid, "a user needs a password")
	}
	return db.updateUser(ctx, userID, `UPDATE users
		SET password_hash = $2, failed_logins = 0, failed_since = '', locked_until = ''
		WHERE id = $1`, hash)
}

// SetUserPhone sets the phone number on a user's account ("" for none),
// refusing one that is not a phone number.
func (db *DB) SetUserPhone(ctx context.Context, userID int64, phone string) error {
	phone = strings.TrimSpace(phone)
	if err := casework.ValidatePhone(phone); err != nil {
		return err
	}
	return db.updateUser(ctx, userID, `UPDATE users SET phone = $2 WHERE id = $1`, phone)
}

// SetUserDisabled disables or re-enables a user. A disabled user cannot
// log in, and their open sessions stop counting at the next request.
func (db *DB) SetUserDisabled(ctx context.Context, userID int64, disabled bool) error {
	return db.updateUser(ctx, userID, `UPDATE users SET disabled = $2 WHERE id = $1`, disabled)
}

// updateUser runs query, whose $1 is the user's id, and says NotFound
// when it changed no row.
func (db *DB) updateUser(ctx context.Context, userID int64, query string, args ...any) error {
	tag, err := db.pool.Exec(ctx, query, append([]any{userID}, args...)...)
	if err != nil {
		return translate(err, "user")
	}
	if tag.RowsAffected() == 0 {
		return directory.Errorf(directory.NotFound, "no user has id %d", userID)
	}
	return nil
}

// LockedUntil returns when the user's lock ends, or the zero time when
// they were never locked. A time before now means the lock has passed.
func (db *DB) LockedUntil(ctx context.Context, userID int64) (time.Time, error) {
	var until string
	err := db.pool.QueryRow(ctx, `SELECT locked_until FROM users WHERE id = $1`, userID).Scan(&until)
	if err != nil {
		return time.Time{}, translate(err, "user")
	}
	return dbtext.ParseStamp(until), nil
}

// LoginFailed counts a failed login at now (see [casework.FailedLogins])
// and returns when the account's lock ends, or the zero time when this
// failure does not lock it. The count is in the user's row, read with
// FOR UPDATE, so failures at several instances at once are all counted.
func (db *DB) LoginFailed(ctx context.Context, userID int64, now time.Time) (time.Time, error) {
	var lockedUntil time.Time
	err := db.InTx(ctx, func(tx *Tx) error {
		var (
			f     casework.FailedLogins
			since string
		)
		err := tx.tx.QueryRow(ctx, `SELECT failed_logins, failed_since FROM users WHERE id = $1 FOR UPDATE`, userID).Scan(&f.N, &since)
		if err != nil {
			return translate(err, "user")
		}
		f.Since = dbtext.ParseStamp(since)
		f, lockedUntil = f.Fail(now)
		_, err = tx.tx.Exec(ctx, `UPDATE users
			SET failed_logins = $2, failed_since = $3, locked_until = CASE WHEN $4 = '' THEN locked_until ELSE $4 END
			WHERE id = $1`, userID, f.N, dbtext.Stamp(f.Since), dbtext.Stamp(lockedUntil))
		return translate(err, "user")
	})
	return lockedUntil, err
}

// LoginSucceeded forgets the user's failed logins.
func (db *DB) LoginSucceeded(ctx context.Context, userID int64) error {
	return db.updateUser(ctx, userID, `UPDATE users
		SET failed_logins = 0, failed_since = '', locked_until = ''
		WHERE id = $1`)
}
