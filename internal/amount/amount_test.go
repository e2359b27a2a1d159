package amount

import (
	"math/big"
	"testing"

	"github.com/shopspring/decimal"
)

// TestBoundIsDigitsAndExponent: "at most 40 digits either side of the
// point": the exponent in [-40, 40], the coefficient under 2^133, on both
// signs, and 1e1000000000 refused as fast as 1.
func TestBoundIsDigitsAndExponent(t *testing.T) {
	pow2 := func(n uint) *big.Int { return new(big.Int).Lsh(big.NewInt(1), n) }
	minus1 := func(b *big.Int) *big.Int { return new(big.Int).Sub(b, big.NewInt(1)) }
	for _, c := range []struct {
		d    decimal.Decimal
		want bool
	}{
		{decimal.Zero, true},
		{decimal.NewFromInt(5), true},
		{decimal.New(1, 40), true},
		{decimal.New(1, 41), false},
		{decimal.New(1, -40), true},
		{decimal.New(1, -41), false},
		{decimal.New(1, 1_000_000_000), false},
		{decimal.New(5, -1_000_000_000), false},
		{decimal.NewFromBigInt(minus1(pow2(maxBits)), 0), true},
		{decimal.NewFromBigInt(pow2(maxBits), 0), false},
		{decimal.NewFromBigInt(new(big.Int).Neg(minus1(pow2(maxBits))), -3), true},
		{decimal.NewFromBigInt(new(big.Int).Neg(pow2(maxBits)), -3), false},
	} {
		if got := InBounds(c.d); got != c.want {
			t.Errorf("InBounds(%d-bit coefficient, exponent %d) = %v, want %v", c.d.Coefficient().BitLen(), c.d.Exponent(), got, c.want)
		}
	}
}

func TestInBoundsAllocatesNothing(t *testing.T) {
	for _, d := range []decimal.Decimal{decimal.NewFromInt(12), decimal.RequireFromString("2.5"), decimal.New(1, 1_000_000_000)} {
		if n := testing.AllocsPerRun(100, func() { InBounds(d) }); n != 0 {
			t.Errorf("InBounds(%v): %v allocations", d.Exponent(), n)
		}
	}
}
