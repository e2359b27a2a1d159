package license

import (
	"cmp"

	"github.com/shopspring/decimal"
)

// capacity is a license's scale ready for a use to compare with: the
// value's canonical text (trailing zeros dropped, as decimal.Decimal.String
// writes it; empty for no limit), which a license's key holds, and, when
// its coefficient fits an int64, that coefficient and exponent, so that a
// use's units are compared with it without allocating.
type capacity struct {
	text string
	coef int64
	exp  int32
	fits bool
}

// maxFitDigits is the most digits a coefficient compared as an int64 may
// have: two of them aligned to one exponent still fit.
const maxFitDigits = 18

// capacityOf is the capacity of canonical text, empty for no limit.
func capacityOf(text string) capacity {
	if text == "" {
		return capacity{}
	}
	canon := decimal.RequireFromString(text)
	out := capacity{text: canon.String(), exp: canon.Exponent()}
	if canon.NumDigits() <= maxFitDigits {
		out.coef, out.fits = canon.CoefficientInt64(), true
	}
	return out
}

// nullDecimal is the capacity as NewLicense took it; invalid for no limit.
func (c capacity) nullDecimal() decimal.NullDecimal {
	if c.text == "" {
		return decimal.NullDecimal{}
	}
	return decimal.NewNullDecimal(decimal.RequireFromString(c.text))
}

// exceededBy reports whether units, positive and within the library's
// bound on amounts, are more than the capacity. It allocates nothing when
// both coefficients fit an int64, as every realistic scale does.
func (c capacity) exceededBy(units decimal.Decimal) bool {
	if c.text == "" {
		return false
	}
	if c.fits && units.NumDigits() <= maxFitDigits {
		return compareSmall(units.CoefficientInt64(), units.Exponent(), c.coef, c.exp) > 0
	}
	return units.Cmp(decimal.RequireFromString(c.text)) > 0
}

// compareSmall compares a·10^ea with b·10^eb for a, b >= 0 of at most
// maxFitDigits digits: by where their leading digits stand, then, aligned
// to one exponent (which fits: both have the same leading position), by
// value.
func compareSmall(a int64, ea int32, b int64, eb int32) int {
	if a == 0 || b == 0 {
		return cmp.Compare(a, b)
	}
	if pa, pb := int64(digits(a))+int64(ea), int64(digits(b))+int64(eb); pa != pb {
		return cmp.Compare(pa, pb)
	}
	if ea > eb {
		a *= pow10[ea-eb]
	} else {
		b *= pow10[eb-ea]
	}
	return cmp.Compare(a, b)
}

// digits is the number of decimal digits of a > 0.
func digits(a int64) int {
	n := 1
	for a >= 10 {
		a /= 10
		n++
	}
	return n
}

var pow10 = [maxFitDigits + 1]int64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}
