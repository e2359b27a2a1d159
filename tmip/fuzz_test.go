package tmip

import (
	"errors"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

// FuzzTradeIn feeds NewBook any contract, condition, certificate and
// instants a decoder could pass on: nothing panics; a book is refused with
// a *rule.Violation or evaluated, with a discount between zero and the
// contract's value and an Until after the instant asked.
func FuzzTradeIn(f *testing.F) {
	day := int64(24 * time.Hour)
	t0 := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()
	f.Add("1000.00", t0, t0+730*day, t0+100*day, t0+120*day, uint8(1), uint8(1), uint8(1), true)
	f.Add("-1", t0, t0-day, t0, t0, uint8(0), uint8(4), uint8(9), false)
	f.Add("0.005", t0, t0+3600, t0, t0, uint8(3), uint8(3), uint8(6), true)
	f.Add("1e50", int64(0), int64(1)<<62, int64(-1)<<62, int64(1)<<62, uint8(2), uint8(2), uint8(5), true)
	f.Add("123456789012345678901234567890.12", t0, t0+9000*day, t0+8999*day, t0, uint8(1), uint8(2), uint8(8), false)
	f.Fuzz(func(t *testing.T, value string, start, end, at, shipped int64, network, channel, title uint8, authority bool) {
		v, err := decimal.NewFromString(value)
		if err != nil {
			return
		}
		ti := TradeIn{
			ID: "T", SKU: "MX960-PREMIUM2-AC", Serial: "S", NewProduct: "P",
			Condition:           Condition{Working: true, Network: Network(network), Channel: Channel(channel)},
			Support:             &Contract{Serial: "S", Start: time.Unix(0, start), End: time.Unix(0, end), Value: v},
			Ordered:             At(time.Unix(0, at)),
			NewEquipmentShipped: At(time.Unix(0, shipped)),
			Returned:            At(time.Unix(0, shipped).Add(time.Hour)),
			Destruction:         &Certificate{Signed: time.Unix(0, at), SignerTitle: Title(title), LegalAuthority: authority},
		}
		terms := DefaultTerms()
		terms.WindowEnd = Instant{}
		b, err := MustNewProgram(DefaultCatalog(), terms).NewBook([]TradeIn{ti})
		if err != nil {
			var viol *rule.Violation
			if !errors.As(err, &viol) || len(viol.Rules.IDs()) == 0 || viol.Subject != "T" {
				t.Fatalf("refusal %v is not a *rule.Violation about T", err)
			}
			return
		}
		for _, when := range []time.Time{time.Unix(0, at), time.Unix(0, start), time.Unix(0, end).Add(-1), time.Unix(0, shipped).AddDate(0, 3, 0)} {
			a, err := b.Assess("T", when)
			if err != nil {
				t.Fatal(err)
			}
			if a.Discount.Sign() < 0 || a.Discount.GreaterThan(v) || (!a.Until.IsZero() && !a.Until.After(when)) {
				t.Fatalf("at %v: %+v", when, a)
			}
			c, err := b.Compliance("T", when)
			if err != nil {
				t.Fatal(err)
			}
			if !c.Status.IsValid() || (!c.Until.IsZero() && !c.Until.After(when)) {
				t.Fatalf("at %v: %+v", when, c)
			}
		}
	})
}
