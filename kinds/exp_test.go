package kinds

import (
	"math"
	"testing"
)

func TestExp(t *testing.T) {
	for x := -40.0; x <= 40; x += 0.37 {
		got, want := exp(x), math.Exp(x)
		if math.Abs(got-want) > 1e-14*want {
			t.Errorf("exp(%v) = %v, want %v", x, got, want)
		}
	}
	if exp(-800) != 0 || !math.IsInf(exp(800), 1) {
		t.Error("exp does not saturate")
	}
}

func TestPower(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 3907} {
		if got, want := power(0.999995, n), math.Pow(0.999995, float64(n)); math.Abs(got-want) > 1e-12 {
			t.Errorf("power(0.999995, %d) = %v, want %v", n, got, want)
		}
	}
}
