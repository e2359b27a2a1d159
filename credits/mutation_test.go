package credits

import (
	"math/big"
	"testing"
	"time"

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
			_, err := l.CheckCallOff(CallOff{Credits: c.credits, Engagement: fixed(Design)}, at)
			if err == nil {
				t.Fatal("allowed")
			}
			if got := rulesOfAny(err); !equalRules(got, c.want) {
				t.Fatalf("error %v cites %v, want %v", err, got, c.want)
			}
		})
	}
}

// TestBlockTableIsAsLongAsTheSmallestBlock: the blocks check's set-up is
// proportional to the smallest block (over the blocks' gcd), which is why
// Validate bounds only the smallest block; a table as long as a larger
// block would answer the same, slowly.
func TestBlockTableIsAsLongAsTheSmallestBlock(t *testing.T) {
	for _, c := range []struct {
		blocks []string
		gcd    int64
		mod    int
	}{
		// "available in blocks of 1, 10, 25, and 50" (CRD-BLOCKS)
		{[]string{"1", "10", "25", "50"}, 1, 1},
		{[]string{"50", "25", "10"}, 5, 2},
		{[]string{"10", "1000000"}, 10, 1},
	} {
		ds := make([]decimal.Decimal, len(c.blocks))
		for i, b := range c.blocks {
			ds[i] = dec(b)
		}
		table := newBlockTable(ds)
		if !table.gcd.Equal(decimal.NewFromInt(c.gcd)) || len(table.least) != c.mod || !table.mod.Equal(decimal.NewFromInt(int64(c.mod))) {
			t.Errorf("blocks %v: gcd %s, modulus %s, %d residues; want %d, %d, %d",
				c.blocks, table.gcd, table.mod, len(table.least), c.gcd, c.mod, c.mod)
		}
	}
}

// TestValidityOfOneMonthIsSensible: Validate refuses "validity outside 1 to
// 1200 months", so one month is the shortest program, and its lots lapse a
// calendar month after purchase with the month-end clamp (CRD-VALIDITY:
// "Usable in [purchase, purchase + 12 months)", here 1).
func TestValidityOfOneMonthIsSensible(t *testing.T) {
	terms := DefaultTerms()
	terms.Professional.ValidityMonths = 1
	if err := terms.Validate(); err != nil {
		t.Fatal(err)
	}
	l, err := newLedger(terms, Account{ID: "a", Kind: Professional},
		[]Purchase{{ID: "po-1", At: instant(t, "2025-01-31T00:00:00Z"), Order: local("10")}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	end := instant(t, "2025-02-28T00:00:00Z")
	if b := mustBalance(t, l, end.Add(-time.Nanosecond)); len(b.Lots) != 1 || !b.Lots[0].Ends.Equal(end) || !b.Until.Equal(end) {
		t.Fatalf("balance %+v, want one lot ending %s", b, end)
	}
	if b := mustBalance(t, l, end); !b.Expired.Equal(dec("10")) || !b.Available.IsZero() {
		t.Fatalf("at the end %+v, want all 10 expired", b.Figures)
	}
}

// TestBlocksCheckMatchesBruteForce is TestBlocksCheckIsExact on fixed block
// sets, so that a wrong table fails every run: with blocks 3, 4 and 5 the
// smallest sum of residue 1 (mod 3) is 4, not 10 = 5+5.
func TestBlocksCheckMatchesBruteForce(t *testing.T) {
	// "An order is valid when its credits are a sum of blocks (37 =
	// 25+10+1+1); blocks are a term parameter." (CRD-BLOCKS)
	for _, blocks := range [][]int{{3, 4, 5}, {6, 9, 20}, {7, 11}, {12, 5, 8}, {1, 10, 25, 50}} {
		if msg := blocksDisagreeWithBruteForce(blocks, -1, 200); msg != "" {
			t.Error(msg)
		}
	}
}

// TestCRDValidityNothingToCallOffWithoutPurchases: an account that has
// bought nothing has no unexpired credits, for good.
func TestCRDValidityNothingToCallOffWithoutPurchases(t *testing.T) {
	// "Credits are used within 12 months of purchase" (CRD-VALIDITY): none
	// bought, none to use.
	l := mustLedger(t, Professional, nil, nil)
	at := instant(t, "2025-04-01T00:00:00Z")
	res, err := l.CheckCallOff(CallOff{Credits: dec("5"), Engagement: fixed(Design)}, at)
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
		res, err := l.CheckCallOff(CallOff{Credits: dec("5"), Engagement: fixed(Design)}, at)
		wantRules(t, err, rule.CrdValidity)
		if !res.Available.IsZero() || !res.Until.IsZero() {
			t.Errorf("call-off at %s: %+v, want nothing available, until never", s, res)
		}
	}
}
