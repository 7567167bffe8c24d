package postgres

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/internal/dbtext"
)

// querier is the pool or a transaction: writes that callers make alone
// or as part of a larger change, and reads that must see the
// transaction's own writes.
type querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// CreateToken makes a single-use token for purpose ("invite",
// "verify", "referral-answer"…) about subject (an id), valid until
// expires. It returns the token itself, to put in a link; the store keeps
// only its hash.
func (db *DB) CreateToken(ctx context.Context, purpose, subject string, expires time.Time) (string, error) {
	return createToken(ctx, db.pool, db.Now(), purpose, subject, expires)
}

// CreateToken is [DB.CreateToken] in tx.
func (tx *Tx) CreateToken(ctx context.Context, purpose, subject string, expires time.Time) (string, error) {
	return createToken(ctx, tx.tx, tx.now, purpose, subject, expires)
}

// UseToken spends a token for purpose and returns its subject. A token
// that is unknown, for another purpose, already used or expired is
// refused, and using it changes nothing. The check and the spending are
// one UPDATE … WHERE used_at IS NULL: of two uses at once, at one
// instance or two, the second waits for the first's row lock, then finds
// the token used.
func (db *DB) UseToken(ctx context.Context, purpose, raw string) (string, error) {
	return db.useToken(ctx, db.pool, db.Now(), purpose, raw)
}

// UseToken is [DB.UseToken] in tx: the token is spent only if tx commits.
func (tx *Tx) UseToken(ctx context.Context, purpose, raw string) (string, error) {
	return tx.db.useToken(ctx, tx.tx, tx.now, purpose, raw)
}

func createToken(ctx context.Context, q querier, now time.Time, purpose, subject string, expires time.Time) (string, error) {
	raw := rand.Text() + rand.Text() // 52 base32 characters, 260 bits
	_, err := q.Exec(ctx, `INSERT INTO tokens (hash, purpose, subject, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
		tokenHash(raw), purpose, subject, dbtext.Instant(now), dbtext.Instant(expires))
	if err != nil {
		return "", translate(err, "token")
	}
	return raw, nil
}

func (db *DB) useToken(ctx context.Context, q querier, at time.Time, purpose, raw string) (string, error) {
	now := dbtext.Instant(at)
	var subject string
	err := q.QueryRow(ctx, `UPDATE tokens SET used_at = $1
		WHERE hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1
		RETURNING subject`, now, tokenHash(raw), purpose).Scan(&subject)
	switch {
	case err == nil:
		return subject, nil
	case !errors.Is(err, pgx.ErrNoRows):
		return "", translate(err, "token")
	}
	// Say why it was refused. In a transaction, ask there: the pool
	// cannot see a token the transaction made itself.
	var used, expires string
	err = q.QueryRow(ctx, `SELECT coalesce(used_at, ''), expires_at FROM tokens WHERE hash = $1 AND purpose = $2`,
		tokenHash(raw), purpose).Scan(&used, &expires)
	if err := tokenRefusal(err, used, expires, now); err != nil {
		return "", err
	}
	// Spent and then given back by a use that rolled back in between.
	return "", directory.Errorf(directory.Conflict, "this link is in use; try again")
}

// tokenRefusal says why a token read as used and expires (or not read,
// err) cannot be used at now.
func tokenRefusal(err error, used, expires, now string) error {
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return directory.Errorf(directory.NotFound, "this link is not valid")
	case err != nil:
		return translate(err, "token")
	case used != "":
		return directory.Errorf(directory.Conflict, "this link has already been used")
	case expires <= now:
		return directory.Errorf(directory.Conflict, "this link has expired")
	}
	return nil
}

// PeekToken returns a token's subject without spending it, for a page
// that asks "are you sure?" before the POST that uses it.
func (db *DB) PeekToken(ctx context.Context, purpose, raw string) (string, error) {
	var subject, used, expires string
	err := db.pool.QueryRow(ctx, `SELECT subject, coalesce(used_at, ''), expires_at FROM tokens WHERE hash = $1 AND purpose = $2`,
		tokenHash(raw), purpose).Scan(&subject, &used, &expires)
	if err := tokenRefusal(err, used, expires, dbtext.Instant(db.Now())); err != nil {
		return "", err
	}
	return subject, nil
}

func tokenHash(raw string) string {
	h := sha256.Sum256([]byte(raw))
	return hex.EncodeToString(h[:])
}
