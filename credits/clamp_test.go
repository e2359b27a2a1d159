package credits

import (
	"testing"
	"time"
)

// TestCRDValidityLotsEndingOutOfPurchaseOrder: "Usable in [purchase,
// purchase + 12 months)" with the month-end clamp, so a lot bought
// 2024-02-29T00:00 lapses at 2025-02-28T00:00, before one bought earlier,
// 2024-02-28T12:00, which lapses at 2025-02-28T12:00. Between the two ends
// the earlier lot still pays, the later one has expired, and a call-off
// spends the oldest unexpired lot first, stepping over the expired one.
func TestCRDValidityLotsEndingOutOfPurchaseOrder(t *testing.T) {
	ps := []Purchase{
		{ID: "a", At: instant(t, "2024-02-28T12:00:00Z"), Order: local("10")},
		{ID: "b", At: instant(t, "2024-02-29T00:00:00Z"), Order: local("10")},
		{ID: "c", At: instant(t, "2024-03-01T00:00:00Z"), Order: local("10")},
	}
	between := instant(t, "2025-02-28T06:00:00Z")
	spend := CallOff{Credits: dec("15"), Engagement: fixed(Design)}

	l := mustLedger(t, Professional, ps, nil)
	b := mustBalance(t, l, between)
	if got, want := lotIDs(b.Lots), "a c"; got != want {
		t.Errorf("lots with credits at %s = %q, want %q", between, got, want)
	}
	if !b.Available.Equal(dec("20")) || !b.Expired.Equal(dec("10")) {
		t.Errorf("at %s available %s expired %s, want 20 and 10", between, b.Available, b.Expired)
	}
	if want := instant(t, "2025-02-28T12:00:00Z"); !b.Until.Equal(want) {
		t.Errorf("balance until %s, want a's end %s", b.Until, want)
	}

	// 15 credits: a's 10, then 5 of c; b has expired and pays nothing.
	l = mustLedger(t, Professional, ps, []CallOffRecord{{At: between, CallOff: spend}})
	after := between.Add(time.Nanosecond)
	b = mustBalance(t, l, after)
	if got, want := lotIDs(b.Lots), "c"; got != want {
		t.Errorf("lots with credits after the call-off = %q, want %q", got, want)
	}
	if !b.Available.Equal(dec("5")) || !b.Lots[0].Remaining.Equal(dec("5")) {
		t.Errorf("after the call-off available %s, c remaining %s, want 5 and 5", b.Available, b.Lots[0].Remaining)
	}
	end := instant(t, "2025-03-01T00:00:00Z")
	if st := mustBalance(t, l, end); !st.Expired.Equal(dec("15")) || !st.Used.Equal(dec("15")) || st.Available.Sign() != 0 {
		t.Errorf("at c's end used %s expired %s available %s, want 15, 15 (b's 10 and c's 5), 0", st.Used, st.Expired, st.Available)
	}

	// Asked between the ends, the answer changes at a's end, when its 10
	// lapse, not at b's, which has passed.
	l = mustLedger(t, Professional, ps, nil)
	res, err := asError(l.CheckCallOff(spend, between))
	if err != nil {
		t.Fatal(err)
	}
	if want := instant(t, "2025-02-28T12:00:00Z"); !res.Until.Equal(want) || !res.Balance.Equal(dec("5")) {
		t.Errorf("call-off at %s: balance %s until %s, want 5 until %s", between, res.Balance, res.Until, want)
	}
}

func lotIDs(lots []Lot) string {
	s := ""
	for i, lt := range lots {
		if i > 0 {
			s += " "
		}
		s += lt.Purchase
	}
	return s
}
