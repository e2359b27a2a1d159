package credits

import (
	"cmp"
	"math/big"

	"github.com/shopspring/decimal"
)

// whole is the ledger's arithmetic on whole credits: every amount a valid
// history holds is whole (a purchase is a sum of whole blocks, a call-off
// whole credits). A ledger whose credits all fit in an int64 keeps them as
// small; any other keeps them exact as large.
type whole[N any] interface {
	add(N) N
	sub(N) N
	cmp(N) int
	sign() int
	decimal() decimal.Decimal
}

// small is a whole number of credits, for ledgers whose total fits.
type small int64

func (a small) add(b small) small        { return a + b }
func (a small) sub(b small) small        { return a - b }
func (a small) sign() int                { return cmp.Compare(a, 0) }
func (a small) cmp(b small) int          { return cmp.Compare(a, b) }
func (a small) decimal() decimal.Decimal { return decimal.NewFromInt(int64(a)) }

// smallLimit bounds a small ledger's total purchased, so no sum or
// difference of its amounts overflows.
const smallLimit = 1 << 62

// toSmall returns d as a small when it is whole and under smallLimit.
func toSmall(d decimal.Decimal) (small, bool) {
	if !d.IsInteger() || d.Abs().Cmp(smallLimitDec) >= 0 {
		return 0, false
	}
	return small(d.IntPart()), true
}

var smallLimitDec = decimal.NewFromInt(smallLimit)

// large is a whole number of credits kept exactly, always with exponent 0 so
// that comparing two never rescales (and never allocates).
type large struct{ d decimal.Decimal }

func (a large) add(b large) large        { return large{a.d.Add(b.d)} }
func (a large) sub(b large) large        { return large{a.d.Sub(b.d)} }
func (a large) sign() int                { return a.d.Sign() }
func (a large) cmp(b large) int          { return a.d.Cmp(b.d) }
func (a large) decimal() decimal.Decimal { return a.d }

// toLarge returns d with exponent 0 when it is whole.
func toLarge(d decimal.Decimal) (large, bool) {
	if !d.IsInteger() {
		return large{}, false
	}
	switch {
	case d.IsZero():
		return zeroLarge, true
	case d.Exponent() == 0:
		return large{d}, true
	}
	return large{decimal.NewFromBigInt(d.BigInt(), 0)}, true
}

// zeroLarge is 0 with exponent 0, initialised: the zero Decimal would
// allocate on every comparison.
var zeroLarge = large{decimal.NewFromBigInt(new(big.Int), 0)}
