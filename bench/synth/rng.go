package synth

import (
	"math/bits"
	"math/rand/v2"
)

// rng is a PCG stream with the few draws the generator needs. It is used
// by value, unlike *rand.Rand, so that a service's three streams (its
// own, its organisation's block and its organisation's) cost no
// allocation; and because the draws are defined here, a seed gives the
// same directory under every Go release.
type rng struct{ pcg rand.PCG }

func newRNG(seed1, seed2 uint64) rng {
	var r rng
	r.pcg.Seed(seed1, seed2)
	return r
}

// Float64 returns a number in [0, 1).
func (r *rng) Float64() float64 { return float64(r.pcg.Uint64()>>11) * 0x1p-53 }

// Uint64N returns a number in [0, n), without bias (Lemire's method);
// n must be positive.
func (r *rng) Uint64N(n uint64) uint64 {
	hi, lo := bits.Mul64(r.pcg.Uint64(), n)
	if lo < n {
		for thresh := -n % n; lo < thresh; {
			hi, lo = bits.Mul64(r.pcg.Uint64(), n)
		}
	}
	return hi
}

// IntN returns a number in [0, n); n must be positive.
func (r *rng) IntN(n int) int { return int(r.Uint64N(uint64(n))) }

// Int64N returns a number in [0, n); n must be positive.
func (r *rng) Int64N(n int64) int64 { return int64(r.Uint64N(uint64(n))) }
