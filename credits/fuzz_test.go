package credits

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// FuzzAmounts feeds any decimal text a decoder could pass on as credits or a
// discount: nothing panics, and every answer is an allowance, a
// *rule.Violation, or an error naming bad input.
func FuzzAmounts(f *testing.F) {
	for _, s := range []string{"37", "7.5", "-5", "0", "1e39", "1e41", "1e-41", "123456789012345678901234567890123456789012", "0.000", "25.0"} {
		f.Add(s, "0", int64(0))
	}
	f.Add("25", "0.01", int64(1e18))
	l := mustLedger(f, Professional, []Purchase{{ID: "po-1", At: instant(f, "2025-02-01T00:00:00Z"), Order: local("25")}}, nil)
	f.Fuzz(func(t *testing.T, credits, discount string, ns int64) {
		c, err := decimal.NewFromString(credits)
		if err != nil {
			return
		}
		d, err := decimal.NewFromString(discount)
		if err != nil {
			d = decimal.Zero
		}
		at := time.Unix(0, ns).UTC()
		res, err := checkPurchase(DefaultTerms(), Flexible, Order{Credits: c, Discount: d, LocalEntity: true}, at)
		if err == nil && (!res.Credits.Equal(c) || !c.IsInteger() || c.LessThan(decimal.NewFromInt(10)) || !d.IsZero()) {
			t.Fatalf("order of %s at discount %s allowed", c, d)
		}
		co, err := asError(l.CheckCallOff(CallOff{Credits: c, Engagement: fixed(Design)}, at))
		if err == nil && (co.Balance.Sign() < 0 || !c.IsInteger() || c.LessThan(decimal.NewFromInt(5))) {
			t.Fatalf("call-off of %s allowed: %+v", c, co)
		}
		_, _ = l.Statement(QuarterOf(at), at)
		_, _ = newLedger(DefaultTerms(), Account{ID: "a", Kind: Professional},
			[]Purchase{{ID: "p", At: at, Order: Order{Credits: c, Discount: d, LocalEntity: true}}},
			[]CallOffRecord{{At: at.Add(time.Hour), CallOff: CallOff{Credits: c, Engagement: fixed(Design)}}})
	})
}
