package credits

import (
	"testing"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// TestCRDValidityNothingToCallOffWithoutPurchases: an account that has
// bought nothing has no unexpired credits, for good.
func TestCRDValidityNothingToCallOffWithoutPurchases(t *testing.T) {
	// "Credits are used within 12 months of purchase" (CRD-VALIDITY): none
	// bought, none to use.
	l := mustLedger(t, Professional, nil, nil)
	at := instant(t, "2025-04-01T00:00:00Z")
	res, err := asError(l.CheckCallOff(CallOff{Credits: dec("5"), Engagement: fixed(Design)}, at))
	wantRules(t, err, rule.CrdValidity)
	if !res.Available.IsZero() || !res.Until.IsZero() {
		t.Fatalf("result %+v, want nothing available, until never", res)
	}
	if b := mustBalance(t, l, at); !figuresEqual(b.Figures, figures("0", "0", "0", "0")) || len(b.Lots) != 0 || !b.Until.IsZero() {
		t.Fatalf("balance %+v, want nothing, until never", b)
	}
}

// TestCRDValidityASpentAccountStaysEmpty: once every credit is called off
// there is nothing left to spend or to expire, whenever asked.
func TestCRDValidityASpentAccountStaysEmpty(t *testing.T) {
	// "call-offs spend the oldest valid credits first" (CRD-VALIDITY): 25
	// bought, 25 called off, the lot is empty long before it ends.
	l := mustLedger(t, Professional,
		[]Purchase{{ID: "po-1", At: instant(t, "2025-02-01T00:00:00Z"), Order: local("25")}},
		[]CallOffRecord{{At: instant(t, "2025-03-01T00:00:00Z"), CallOff: CallOff{Credits: dec("25"), Engagement: fixed(Design)}}})
	for _, s := range []string{"2025-03-01T00:00:00.000000001Z", "2025-06-01T00:00:00Z", "2026-02-01T00:00:00Z", "2027-01-01T00:00:00Z"} {
		at := instant(t, s)
		if b := mustBalance(t, l, at); !figuresEqual(b.Figures, figures("25", "25", "0", "0")) || len(b.Lots) != 0 || !b.Until.IsZero() {
			t.Errorf("balance at %s %v %+v until %s, want 25 used, nothing left, until never", s, show(b.Figures), b.Lots, b.Until)
		}
		res, err := asError(l.CheckCallOff(CallOff{Credits: dec("5"), Engagement: fixed(Design)}, at))
		wantRules(t, err, rule.CrdValidity)
		if !res.Available.IsZero() || !res.Until.IsZero() {
			t.Errorf("call-off at %s: %+v, want nothing available, until never", s, res)
		}
	}
}
