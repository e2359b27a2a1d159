package credits

import (
	"fmt"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

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
