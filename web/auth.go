package web

// Accounts: the account store, and checking passwords.

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/alexedwards/argon2id"
	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
)

// accounts is what the web layer needs from the account store.
type accounts interface {
	UserByEmail(ctx context.Context, email string) (casework.User, string, error)
	UserByID(ctx context.Context, id int64) (casework.User, error)
	LockedUntil(ctx context.Context, userID int64) (time.Time, error)
	LoginFailed(ctx context.Context, userID int64, now time.Time) (time.Time, error)
	LoginSucceeded(ctx context.Context, userID int64) error
	AppendAudit(ctx context.Context, e casework.AuditEntry) error
	Audit(ctx context.Context, f casework.AuditFilter) ([]casework.AuditEntry, int, error)
	// For admins managing users.
	Users(ctx context.Context) ([]casework.User, error)
	CreateUser(ctx context.Context, u casework.User, passwordHash string) (int64, error)
	SetUserDisabled(ctx context.Context, userID int64, disabled bool) error
	Teams(ctx context.Context) ([]casework.Team, error)
}

// MinPasswordLength is the shortest password [HashPassword] accepts, in
// characters. Length, not character rules, is what makes a password hard
// to guess (NCSC and NIST guidance).
const MinPasswordLength = 12

// HashPassword returns an argon2id hash of pw for storing, refusing a
// password shorter than [MinPasswordLength] characters with an Invalid
// error.
func HashPassword(pw string) (string, error) {
	if n := utf8.RuneCountInString(pw); n < MinPasswordLength {
		return "", directory.Errorf(directory.Invalid, "a password needs at least %d characters; this one has %d", MinPasswordLength, n)
	}
	h, err := argon2id.CreateHash(pw, argon2id.DefaultParams)
	if err != nil {
		return "", fmt.Errorf("web: hash password: %w", err)
	}
	return h, nil
}

// maxConcurrentHashes bounds how many password checks run at once: each
// takes 64 MiB, so a burst of logins must not take the server's memory.
const maxConcurrentHashes = 4

// checkPassword reports whether pw matches hash, waiting for a free slot
// first. An empty hash (an unknown email) is checked against a dummy
// hash, so that a wrong email takes as long as a wrong password and the
// timing does not tell which emails have accounts.
func (s *Server) checkPassword(ctx context.Context, pw, hash string) (bool, error) {
	select {
	case s.hashSlots <- struct{}{}:
		defer func() { <-s.hashSlots }()
	case <-ctx.Done():
		return false, ctx.Err()
	}
	if hash == "" {
		s.dummyOnce.Do(func() {
			s.dummyHash, s.dummyErr = argon2id.CreateHash("not a password anyone has", argon2id.DefaultParams)
		})
		if s.dummyErr != nil {
			return false, s.dummyErr
		}
		_, err := argon2id.ComparePasswordAndHash(pw, s.dummyHash)
		return false, err
	}
	ok, err := argon2id.ComparePasswordAndHash(pw, hash)
	if err != nil {
		return false, fmt.Errorf("web: check password: %w", err)
	}
	return ok, nil
}
