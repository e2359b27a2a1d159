package credits

import (
	"container/heap"

	"github.com/shopspring/decimal"
)

// blockTable decides exactly whether a quantity is a sum of blocks
// (CRD-BLOCKS), for any decimal, in constant time after an O(m·k·log m)
// set-up, m the smallest block over the blocks' gcd.
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
	// Dijkstra over residues modulo m: an edge r -> (r+b) mod m costs b.
	least := make([]int64, m)
	for i := range least {
		least[i] = -1
	}
	h := &residueHeap{{0, 0}}
	for h.Len() > 0 {
		top := heap.Pop(h).(residue)
		if least[top.r] >= 0 {
			continue
		}
		least[top.r] = top.sum
		for _, b := range bs {
			next := (top.r + b) % m
			if least[next] < 0 {
				heap.Push(h, residue{next, top.sum + b})
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

type residue struct{ r, sum int64 }

type residueHeap []residue

func (h residueHeap) Len() int           { return len(h) }
func (h residueHeap) Less(i, j int) bool { return h[i].sum < h[j].sum }
func (h residueHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *residueHeap) Push(x any)        { *h = append(*h, x.(residue)) }
func (h *residueHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
