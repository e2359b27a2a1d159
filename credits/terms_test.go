package credits

import (
	"fmt"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
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

// sumOfBlocksBrute says by dynamic programming whether n is a sum of one or
// more blocks.
func sumOfBlocksBrute(n int, blocks []int) bool {
	if n <= 0 {
		return false
	}
	ok := make([]bool, n+1)
	ok[0] = true
	for i := 1; i <= n; i++ {
		for _, b := range blocks {
			if b <= i && ok[i-b] {
				ok[i] = true
			}
		}
	}
	return ok[n]
}

func blockTableOf(blocks []int) blockTable {
	ds := make([]decimal.Decimal, len(blocks))
	for i, b := range blocks {
		ds[i] = decimal.NewFromInt(int64(b))
	}
	return newBlockTable(ds)
}

// blocksDisagreeWithBruteForce says where the residue table of blocks and
// brute force first disagree on whether n in [from, to] is a sum of blocks,
// or "" when they agree throughout.
func blocksDisagreeWithBruteForce(blocks []int, from, to int) string {
	table := blockTableOf(blocks)
	for n := from; n <= to; n++ {
		if got, want := table.sums(decimal.NewFromInt(int64(n))), sumOfBlocksBrute(n, blocks); got != want {
			return fmt.Sprintf("blocks %v: %d is a sum: got %v, want %v", blocks, n, got, want)
		}
	}
	return ""
}

func TestBlocksCheckIsExact(t *testing.T) {
	// CRD-BLOCKS for any blocks: the residue table agrees with brute force,
	// and no partial credit is ever a sum of blocks.
	rapid.Check(t, func(t *rapid.T) {
		blocks := rapid.SliceOfN(rapid.IntRange(1, 60), 1, 4).Draw(t, "blocks")
		if msg := blocksDisagreeWithBruteForce(blocks, -3, 700); msg != "" {
			t.Fatal(msg)
		}
		frac := rapid.IntRange(1, 99).Draw(t, "hundredths")
		if n := decimal.New(int64(rapid.IntRange(0, 10000).Draw(t, "whole")*100+frac), -2); blockTableOf(blocks).sums(n) {
			t.Fatalf("blocks %v: %s is a sum", blocks, n)
		}
	})
}

func TestBlocksCheckOnLargeNumbers(t *testing.T) {
	// Beyond the largest gap every multiple of the gcd is a sum: 10, 25, 50
	// reach every multiple of 5 from 20 on, and nothing else.
	table := newBlockTable([]decimal.Decimal{dec("10"), dec("25"), dec("50")})
	for _, c := range []struct {
		n  string
		ok bool
	}{
		{"35", true}, {"37", false}, {"15", false}, {"20", true}, {"5", false},
		{"123456789012345678901234567890", true}, {"123456789012345678901234567891", false},
		{"1e39", true}, {"35.0000", true}, {"35.0001", false},
	} {
		if got := table.sums(dec(c.n)); got != c.ok {
			t.Errorf("%s: got %v, want %v", c.n, got, c.ok)
		}
	}
}
