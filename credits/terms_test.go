package credits

import (
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func TestDefaultTermsAreTheDatasheet(t *testing.T) {
	d := DefaultTerms()
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		quote string
		got   string
		want  string
	}{
		{"available in blocks of 1, 10, 25, and 50 (CRD-BLOCKS)", joinDecimals(d.Professional.Blocks), "1, 10, 25, 50"},
		{"The minimum order is 10 Professional Services Credits (CRD-MIN-ORDER)", d.Professional.MinOrder.String(), "10"},
		{"Minimum call-off (use of credits) is equal to 5 credits (CRD-MIN-CALLOFF)", d.Professional.MinCallOff.String(), "5"},
		{"Minimum call-off (use of Flexible Services Credits) is equal to 10 credits (CRD-FLEX-MIN)", d.Flexible.MinCallOff.String(), "10"},
		{"must be delivered within 12 months of purchase (CRD-VALIDITY)", itoa(d.Professional.ValidityMonths), "12"},
		{"purchased and redeemed within 12 months (CRD-FLEX)", itoa(d.Flexible.ValidityMonths), "12"},
		{"Flexible blocks default to the Professional ones", joinDecimals(d.Flexible.Blocks), "1, 10, 25, 50"},
		{"no minimum is set off professional services: whole credits", d.FlexibleOtherMinCallOff.String(), "1"},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %s, want %s", c.quote, c.got, c.want)
		}
	}
	// Two calls share nothing: changing one's blocks leaves the other's.
	a, b := DefaultTerms(), DefaultTerms()
	a.Professional.Blocks[0] = dec("7")
	if !b.Professional.Blocks[0].Equal(dec("1")) {
		t.Fatal("DefaultTerms shares its blocks")
	}
}

func itoa(n int) string { return decimal.NewFromInt(int64(n)).String() }

func TestValidateRefusesNonsense(t *testing.T) {
	cases := []struct {
		name    string
		change  func(*Terms)
		mention string
	}{
		{"no blocks", func(t *Terms) { t.Professional.Blocks = nil }, "Professional.Blocks is empty"},
		{"a zero block", func(t *Terms) { t.Flexible.Blocks = []decimal.Decimal{dec("0")} }, "Flexible.Blocks[0]"},
		{"a negative block", func(t *Terms) { t.Professional.Blocks[1] = dec("-10") }, "Professional.Blocks[1]"},
		{"a fractional block", func(t *Terms) { t.Professional.Blocks[2] = dec("2.5") }, "Professional.Blocks[2]"},
		{"a huge block", func(t *Terms) { t.Professional.Blocks[3] = dec("1000001") }, "Professional.Blocks[3]"},
		{"a smallest block over 10,000", func(t *Terms) { t.Professional.Blocks = []decimal.Decimal{dec("10001")} }, "smallest block"},
		{"a negative minimum order", func(t *Terms) { t.Professional.MinOrder = dec("-1") }, "Professional.MinOrder"},
		{"a fractional minimum order", func(t *Terms) { t.Flexible.MinOrder = dec("9.5") }, "Flexible.MinOrder"},
		{"a zero minimum call-off", func(t *Terms) { t.Professional.MinCallOff = dec("0") }, "Professional.MinCallOff"},
		{"a fractional minimum call-off", func(t *Terms) { t.Flexible.MinCallOff = dec("2.5") }, "Flexible.MinCallOff"},
		{"a zero other minimum", func(t *Terms) { t.FlexibleOtherMinCallOff = decimal.Decimal{} }, "FlexibleOtherMinCallOff"},
		{"no validity", func(t *Terms) { t.Professional.ValidityMonths = 0 }, "Professional.ValidityMonths"},
		{"a negative validity", func(t *Terms) { t.Flexible.ValidityMonths = -12 }, "Flexible.ValidityMonths"},
		{"a thousand years", func(t *Terms) { t.Flexible.ValidityMonths = 12000 }, "Flexible.ValidityMonths"},
		{"the zero Terms", func(t *Terms) { *t = Terms{} }, "Professional.Blocks is empty"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			terms := DefaultTerms()
			c.change(&terms)
			err := terms.Validate()
			if err == nil || !strings.Contains(err.Error(), c.mention) {
				t.Fatalf("Validate() = %v, want an error naming %s", err, c.mention)
			}
			if _, err := newLedger(terms, Account{ID: "a", Kind: Professional}, nil, nil); err == nil {
				t.Fatal("NewLedger accepts the terms")
			}
		})
	}
	// A smallest block of exactly 10,000 and other terms at their limits pass.
	terms := DefaultTerms()
	terms.Professional.Blocks = []decimal.Decimal{dec("10000"), dec("1000000")}
	terms.Professional.MinOrder = dec("0")
	terms.Professional.ValidityMonths = 1200
	if err := terms.Validate(); err != nil {
		t.Fatal(err)
	}
}

// TestTermsOfHugeExponentsAreRefusedAtOnce (issue 26, unbounded amounts):
// a block of decimal.New(1, 1e9) ran Validate past a minute, comparing it
// with the cap by rescaling to a billion digits, and its error would have
// printed them all. Every amount of the terms is held to the bound on
// amounts before anything else, as a call-off's credits are.
func TestTermsOfHugeExponentsAreRefusedAtOnce(t *testing.T) {
	for _, d := range []decimal.Decimal{decimal.New(1, 1e9), decimal.New(-7, 1e9), decimal.New(1, -1e9), decimal.New(1, 2147483647)} {
		for name, set := range map[string]func(*Terms){
			"Professional.Blocks[0]":  func(t *Terms) { t.Professional.Blocks[0] = d },
			"Flexible.MinOrder":       func(t *Terms) { t.Flexible.MinOrder = d },
			"Professional.MinCallOff": func(t *Terms) { t.Professional.MinCallOff = d },
			"FlexibleOtherMinCallOff": func(t *Terms) { t.FlexibleOtherMinCallOff = d },
		} {
			terms := DefaultTerms()
			set(&terms)
			start := time.Now()
			err := terms.Validate()
			if took := time.Since(start); err == nil || !strings.Contains(err.Error(), "terms "+name+" is out of range") || took > time.Second {
				t.Fatalf("%s = 1e%d: Validate() = %v in %v, want it refused at once as out of range", name, d.Exponent(), err, took)
			}
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
