package account

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
	"unicode/utf8"

	"github.com/alexedwards/argon2id"
	"github.com/linkway/linkway/directory"
)

// passwordAlphabet has no characters that are easily confused when a
// password is read out or copied by hand (0/O, 1/l/I).
const passwordAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// GeneratePassword returns n characters from passwordAlphabet, chosen by
// crypto/rand: about 5.8 bits each, 93 bits for 16.
func GeneratePassword(n int) (string, error) {
	max := big.NewInt(int64(len(passwordAlphabet)))
	b := make([]byte, n)
	for i := range b {
		k, err := rand.Int(rand.Reader, max)
		if err != nil {
			return "", fmt.Errorf("generate password: %w", err)
		}
		b[i] = passwordAlphabet[k.Int64()]
	}
	return string(b), nil
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
func (h *Handler) checkPassword(ctx context.Context, pw, hash string) (bool, error) {
	select {
	case h.hashSlots <- struct{}{}:
		defer func() { <-h.hashSlots }()
	case <-ctx.Done():
		return false, ctx.Err()
	}
	if hash == "" {
		h.dummyOnce.Do(func() {
			h.dummyHash, h.dummyErr = argon2id.CreateHash("not a password anyone has", argon2id.DefaultParams)
		})
		if h.dummyErr != nil {
			return false, h.dummyErr
		}
		_, err := argon2id.ComparePasswordAndHash(pw, h.dummyHash)
		return false, err
	}
	ok, err := argon2id.ComparePasswordAndHash(pw, hash)
	if err != nil {
		return false, fmt.Errorf("web: check password: %w", err)
	}
	return ok, nil
}
