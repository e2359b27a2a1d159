package credits

import (
	"math/big"
	"testing"

	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

// TestAmountRangeEndsAtExponentFortyAnd133Bits pins the bad-input bound of
// checkAmount on both sides of each limit: an exponent within ±40 and a
// coefficient of at most 133 bits (40·10/3) reach the rules, one step beyond
// is bad input and names no rule. The guard bounds the exponent and the
// coefficient, not the digits of the number: 1e40 has 41 and passes.
func TestAmountRangeEndsAtExponentFortyAnd133Bits(t *testing.T) {
	l := sample(t, Professional) // 15 credits available in April 2025
	at := instant(t, "2025-04-01T00:00:00Z")
	pow2 := func(n uint) decimal.Decimal {
		return decimal.NewFromBigInt(new(big.Int).Lsh(big.NewInt(1), n), 0)
	}
	cases := []struct {
		name    string
		credits decimal.Decimal
		want    []rule.ID // nil: bad input, no rule
	}{
		// "no partial credit spends are permitted" (CRD-MIN-CALLOFF)
		{"1e-40, a partial credit", decimal.New(1, -40), []rule.ID{rule.CrdMinCallOff}},
		{"1e-41 is out of range", decimal.New(1, -41), nil},
		// "must be delivered within 12 months of purchase" (CRD-VALIDITY):
		// more than the balance.
		{"1e40, more than the balance", decimal.New(1, 40), []rule.ID{rule.CrdValidity}},
		{"1e41 is out of range", decimal.New(1, 41), nil},
		{"2^132, a 133-bit coefficient", pow2(132), []rule.ID{rule.CrdValidity}},
		{"2^133, a 134-bit coefficient, is out of range", pow2(133), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := asError(l.CheckCallOff(CallOff{Credits: c.credits, Engagement: fixed(Design)}, at))
			if err == nil {
				t.Fatal("allowed")
			}
			if got := rulesOfAny(err); !equalRules(got, c.want) {
				t.Fatalf("error %v cites %v, want %v", err, got, c.want)
			}
		})
	}
}
