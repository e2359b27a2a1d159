package credits

import (
	"github.com/shopspring/decimal"
)

// blockTable decides exactly whether a quantity is a sum of blocks
// (CRD-BLOCKS), for any decimal, in constant time after a set-up of O(k·m)
// steps and 8·m bytes, k the number of blocks and m the smallest block over
// the blocks' gcd. A Program builds it once for each kind.
//
// It is the classic residue-class answer to the coin problem: after dividing
// by the gcd g, least[r] is the smallest sum of blocks congruent to r modulo
// the smallest block m. A whole n is a sum of blocks exactly when g divides n
// and n/g >= least[(n/g) mod m], because adding m keeps a sum a sum.
type blockTable struct {
	gcd   decimal.Decimal
	mod   decimal.Decimal
	least []int64 // by residue; all finite because the reduced blocks have gcd 1
}

// newBlockTable builds the table for blocks that Validate accepted.
//
// It is Böcker and Lipták's round-robin algorithm: each block b is added
// by walking the residues in the cycles of +b modulo m, twice round each
// from its smallest entry, so a block costs O(m) steps and no memory of its
// own. A block already a sum of the others is skipped in constant time.
func newBlockTable(blocks []decimal.Decimal) blockTable {
	bs := make([]int64, len(blocks))
	var g int64
	for i, b := range blocks {
		bs[i] = b.IntPart()
		g = gcd(g, bs[i])
	}
	m := int64(0)
	for i := range bs {
		bs[i] /= g
		if m == 0 || bs[i] < m {
			m = bs[i]
		}
	}
	const unreached = -1
	least := make([]int64, m)
	for i := range least {
		least[i] = unreached
	}
	least[0] = 0
	for _, b := range bs {
		r := b % m
		if r == 0 || (least[r] != unreached && least[r] <= b) {
			continue // a multiple of m, or already a sum of the blocks before it
		}
		cycles := gcd(r, m)
		length := m / cycles
		for start := range cycles {
			// Begin at the cycle's smallest reached entry: from there one
			// pass round relaxes every entry in order.
			first, best := int64(-1), int64(0)
			for k, p := int64(0), start; k < length; k++ {
				if v := least[p]; v != unreached && (first < 0 || v < best) {
					first, best = p, v
				}
				if p += r; p >= m { // (p + r) mod m without a division
					p -= m
				}
			}
			if first < 0 {
				continue
			}
			for k, p := int64(0), first; k < length; k++ {
				next := p + r
				if next >= m {
					next -= m
				}
				if cand := least[p] + b; least[p] != unreached && (least[next] == unreached || cand < least[next]) {
					least[next] = cand
				}
				p = next
			}
		}
	}
	return blockTable{gcd: decimal.NewFromInt(g), mod: decimal.NewFromInt(m), least: least}
}

// sums reports whether n is a sum of one or more blocks. A non-integer,
// zero or negative n never is.
func (t blockTable) sums(n decimal.Decimal) bool {
	if n.Sign() <= 0 || !n.IsInteger() || len(t.least) == 0 {
		return false
	}
	q, rem := n.QuoRem(t.gcd, 0)
	if !rem.IsZero() {
		return false
	}
	_, r := q.QuoRem(t.mod, 0)
	return q.GreaterThanOrEqual(decimal.NewFromInt(t.least[r.IntPart()]))
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
