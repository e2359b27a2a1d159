package policy_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/licensepolicy/licensepolicy/tmip"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func book(t *testing.T) tmip.Book {
	t.Helper()
	at := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	b, err := tmip.MustNewProgram(tmip.DefaultCatalog(), tmip.DefaultTerms()).NewBook([]tmip.TradeIn{{
		ID: "T1", SKU: "MX960-PREMIUM2-AC", Serial: "JN11", NewProduct: "MX10008",
		Condition: tmip.Condition{Working: true, Network: tmip.Production, Channel: tmip.Authorized},
		Support:   &tmip.Contract{Serial: "JN11", Start: at(2020, 7, 1), End: at(2022, 7, 1), Value: decimal.RequireFromString("1000.00")},
		Ordered:   tmip.At(at(2021, 7, 1)), NewEquipmentShipped: tmip.At(at(2021, 7, 15)),
	}})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestTradeInsAreDecidedThroughTheBook: TMIP-SUPPORT's discount on
// allowance (and "0" on a refusal), TMIP-BREACH's claw-back in breach only.
func TestTradeInsAreDecidedThroughTheBook(t *testing.T) {
	e, b := engine(t), book(t)
	for _, c := range []struct {
		name    string
		r       policy.Request
		at      time.Time
		outcome policy.Outcome
		rule    rule.ID
		value   string
		amount  string
	}{
		{"half the contract left at order", policy.TradeIn{Book: b, ID: "T1"}, time.Date(2021, 7, 1, 0, 0, 0, 0, time.UTC), policy.Allow, rule.TmipSupport, "discount", "500.00"},
		{"quoted before the order", policy.TradeIn{Book: b, ID: "T1"}, time.Date(2021, 6, 30, 0, 0, 0, 0, time.UTC), policy.Allow, rule.TmipSupport, "discount", "501.37"},
		// TMIP-AT-ORDER: ordered in the window, judged at the order for good.
		{"after the window, ordered in it", policy.TradeIn{Book: b, ID: "T1"}, time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC), policy.Allow, rule.TmipAtOrder, "discount", "500.00"},
		{"pending", policy.TradeInCompliance{Book: b, ID: "T1"}, time.Date(2021, 8, 1, 0, 0, 0, 0, time.UTC), policy.Allow, rule.TmipReturn, "clawback", ""},
		{"in breach", policy.TradeInCompliance{Book: b, ID: "T1"}, time.Date(2021, 10, 15, 0, 0, 0, 0, time.UTC), policy.Deny, rule.TmipBreach, "clawback", "500.00"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := e.Decide(c.r, c.at)
			if err != nil {
				t.Fatal(err)
			}
			if d.Outcome != c.outcome || len(d.Rules.IDs()) == 0 || !contains(d.Rules.IDs(), c.rule) {
				t.Errorf("got %v, want %v citing %v", d, c.outcome, c.rule)
			}
			a, ok := d.Value(c.value)
			if c.amount == "" {
				if ok {
					t.Errorf("%s reported: %v", c.value, d)
				}
			} else if !ok || !a.Equal(decimal.RequireFromString(c.amount)) {
				t.Errorf("%s = %v %v, want %s", c.value, a, ok, c.amount)
			}
		})
	}
	for _, r := range []policy.Request{policy.TradeIn{ID: "T1"}, policy.TradeInCompliance{ID: "T1"}, policy.TradeIn{Book: b, ID: "T9"}, policy.TradeInCompliance{Book: b, ID: "T9"}} {
		if _, err := e.Decide(r, time.Time{}); err == nil {
			t.Errorf("%+v: no error for a request without book or with an unknown trade-in", r)
		}
	}
}

func contains(ids []rule.ID, id rule.ID) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// TestTradeInDecisionsHoldUntilTheirUntil: for both trade-in kinds, the
// decision at Until-1ns is the one at at, and the one at Until differs.
func TestTradeInDecisionsHoldUntilTheirUntil(t *testing.T) {
	e, b := engine(t), book(t)
	base := time.Date(2020, 6, 1, 0, 0, 0, 0, time.UTC)
	rapid.Check(t, func(t *rapid.T) {
		at := base.Add(time.Duration(rapid.Int64Range(0, int64(3*365*24*time.Hour)).Draw(t, "offset")))
		var r policy.Request = policy.TradeIn{Book: b, ID: "T1"}
		if rapid.Bool().Draw(t, "compliance") {
			r = policy.TradeInCompliance{Book: b, ID: "T1"}
		}
		d, err := e.Decide(r, at)
		if err != nil {
			t.Fatal(err)
		}
		if d.Until.IsZero() {
			return
		}
		before, _ := e.Decide(r, d.Until.Add(-time.Nanosecond))
		before.Until = d.Until
		if diff := cmp.Diff(d, before); diff != "" {
			t.Fatalf("changed before Until %v:\n%s", d.Until, diff)
		}
		after, _ := e.Decide(r, d.Until)
		after.Until = d.Until
		if cmp.Equal(d, after) {
			t.Fatalf("unchanged at Until %v", d.Until)
		}
	})
}
