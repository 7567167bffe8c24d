package web

import (
	"crypto/rand"
	"fmt"
	"math/big"
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
