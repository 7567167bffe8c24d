package sqlite

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"time"

	"github.com/linkway/linkway/directory"
)

// CreateToken makes a single-use token for purpose ("invite",
// "verify", "referral-answer"…) about subject (an id), valid until
// expires. It returns the token itself, to put in a link; the store keeps
// only its hash.
func (db *DB) CreateToken(ctx context.Context, purpose, subject string, expires time.Time) (string, error) {
	return createToken(ctx, db.write, db.Now(), purpose, subject, expires)
}

// CreateToken is [DB.CreateToken] in tx.
func (tx *Tx) CreateToken(ctx context.Context, purpose, subject string, expires time.Time) (string, error) {
	return createToken(ctx, tx.tx, tx.now, purpose, subject, expires)
}

// UseToken spends a token for purpose and returns its subject. A token
// that is unknown, for another purpose, already used or expired is
// refused, and using it changes nothing; the check and the spending are
// one statement, so two clicks cannot both succeed.
func (db *DB) UseToken(ctx context.Context, purpose, raw string) (string, error) {
	return db.useToken(ctx, db.write, db.Now(), purpose, raw)
}

// UseToken is [DB.UseToken] in tx: the token is spent only if tx commits.
func (tx *Tx) UseToken(ctx context.Context, purpose, raw string) (string, error) {
	return tx.db.useToken(ctx, tx.tx, tx.now, purpose, raw)
}

// execer is a connection or a transaction.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func createToken(ctx context.Context, ex execer, now time.Time, purpose, subject string, expires time.Time) (string, error) {
	raw := rand.Text() + rand.Text() // 52 base32 characters, 260 bits
	_, err := ex.ExecContext(ctx, `INSERT INTO tokens (hash, purpose, subject, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
		tokenHash(raw), purpose, subject, instantText(now), instantText(expires))
	if err != nil {
		return "", translate(err, "token")
	}
	return raw, nil
}

func (db *DB) useToken(ctx context.Context, ex execer, at time.Time, purpose, raw string) (string, error) {
	now := instantText(at)
	var subject string
	err := ex.QueryRowContext(ctx, `UPDATE tokens SET used_at = ?
		WHERE hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?
		RETURNING subject`, now, tokenHash(raw), purpose, now).Scan(&subject)
	if err == nil {
		return subject, nil
	}
	// Say why it was refused, in the transaction if there is one: it may
	// have made the token itself.
	var used, expires string
	if err := ex.QueryRowContext(ctx, `SELECT coalesce(used_at, ''), expires_at FROM tokens WHERE hash = ? AND purpose = ?`, tokenHash(raw), purpose).Scan(&used, &expires); err != nil {
		return "", directory.Errorf(directory.NotFound, "this link is not valid")
	}
	if used != "" {
		return "", directory.Errorf(directory.Conflict, "this link has already been used")
	}
	return "", directory.Errorf(directory.Conflict, "this link has expired")
}

// PeekToken returns a token's subject without spending it, for a page
// that asks "are you sure?" before the POST that uses it.
func (db *DB) PeekToken(ctx context.Context, purpose, raw string) (string, error) {
	var subject, used, expires string
	err := db.read.QueryRowContext(ctx, `SELECT subject, coalesce(used_at, ''), expires_at FROM tokens WHERE hash = ? AND purpose = ?`, tokenHash(raw), purpose).Scan(&subject, &used, &expires)
	switch {
	case err != nil:
		return "", directory.Errorf(directory.NotFound, "this link is not valid")
	case used != "":
		return "", directory.Errorf(directory.Conflict, "this link has already been used")
	case expires <= instantText(db.Now()):
		return "", directory.Errorf(directory.Conflict, "this link has expired")
	}
	return subject, nil
}

func tokenHash(raw string) string {
	h := sha256.Sum256([]byte(raw))
	return hex.EncodeToString(h[:])
}
