// Package amount is the one bound on every decimal amount the library
// takes: a credit order or call-off, a license's capacity, the units of a
// feature use. Decimal arithmetic on a number like 1e1000000000 takes
// seconds or more; no amount of credits or scale is that large, so one
// beyond the bound is refused before any rule or comparison runs.
package amount

import (
	"fmt"
	"math/big"
	"strconv"

	"github.com/shopspring/decimal"
)

// MaxDigits bounds an amount's digits on either side of its point: its
// exponent lies in [-MaxDigits, MaxDigits] and its coefficient has at most
// maxBits bits, about MaxDigits decimal digits.
const MaxDigits = 40

// maxBits is the coefficient's bound in bits: MaxDigits digits.
const maxBits = MaxDigits * 10 / 3

// limits[e+MaxDigits] are ±2^maxBits at exponent e, so that InBounds
// compares coefficients of one exponent, which allocates nothing. Never
// written after initialisation.
var limits = func() (t [2*MaxDigits + 1][2]decimal.Decimal) {
	top := new(big.Int).Lsh(big.NewInt(1), maxBits)
	bottom := new(big.Int).Neg(top)
	for e := -MaxDigits; e <= MaxDigits; e++ {
		t[e+MaxDigits] = [2]decimal.Decimal{decimal.NewFromBigInt(bottom, int32(e)), decimal.NewFromBigInt(top, int32(e))}
	}
	return t
}()

// InBounds reports whether d is within the bound. It costs a few
// comparisons and allocates nothing, whatever d holds.
func InBounds(d decimal.Decimal) bool {
	e := d.Exponent()
	if e < -MaxDigits || e > MaxDigits {
		return false
	}
	l := &limits[e+MaxDigits]
	return d.Cmp(l[0]) > 0 && d.Cmp(l[1]) < 0
}

// OutOfRange says how d breaks the bound, for an error: its size, never
// its digits, since printing such a number is the cost being avoided.
func OutOfRange(d decimal.Decimal) string {
	return fmt.Sprintf("out of range (a %d-bit coefficient with exponent %d; at most %d digits either side of the point)",
		d.Coefficient().BitLen(), d.Exponent(), MaxDigits)
}

// Append appends d as d.String() spells it. The amounts of reasons and of
// a decision's values mostly fit an int64 coefficient and are written from
// it without the two allocations big.Int's formatting costs; any other
// amount is d.String().
func Append(b []byte, d decimal.Decimal) []byte {
	exp := d.Exponent()
	if exp > 0 || exp < -18 || d.NumDigits() > 18 {
		return append(b, d.String()...)
	}
	c := d.CoefficientInt64()
	if c < 0 {
		b = append(b, '-')
		c = -c
	}
	var digits [20]byte
	s := strconv.AppendInt(digits[:0], c, 10)
	point := len(s) + int(exp) // digits before the point
	if point <= 0 {
		b = append(b, '0')
	} else {
		b = append(b, s[:point]...)
	}
	frac := s[max(point, 0):]
	for len(frac) > 0 && frac[len(frac)-1] == '0' {
		frac = frac[:len(frac)-1]
	}
	if len(frac) == 0 {
		return b
	}
	b = append(b, '.')
	for range -point {
		b = append(b, '0')
	}
	return append(b, frac...)
}
