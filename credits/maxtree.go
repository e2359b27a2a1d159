package credits

// maxTree answers "the first entry at or after i that is at least x" over a
// fixed array in O(log n) comparisons and no allocation: a segment tree of
// maxima, leaves padded with zero (no query asks for less than one credit).
type maxTree[N whole[N]] struct {
	n, size int
	node    []N // node[size+i] is entry i; node[k] the larger of its children
}

func newMaxTree[N whole[N]](vals []N, zero N) maxTree[N] {
	size := 1
	for size < len(vals) {
		size *= 2
	}
	node := make([]N, 2*size)
	for i := range node[size:] {
		node[size+i] = zero
		if i < len(vals) {
			node[size+i] = vals[i]
		}
	}
	for k := size - 1; k >= 1; k-- {
		node[k] = node[2*k]
		if node[2*k+1].cmp(node[k]) > 0 {
			node[k] = node[2*k+1]
		}
	}
	return maxTree[N]{n: len(vals), size: size, node: node}
}

// first returns the least index k >= i with entry k >= x, or -1. x must be
// positive.
func (t maxTree[N]) first(i int, x N) int {
	if i >= t.n {
		return -1
	}
	k := i + t.size
	for {
		if t.node[k].cmp(x) >= 0 {
			for k < t.size { // the leftmost entry under k that is large enough
				k *= 2
				if t.node[k].cmp(x) < 0 {
					k++
				}
			}
			if k-t.size >= t.n {
				return -1
			}
			return k - t.size
		}
		// On to the subtree just right of k's range.
		for k&1 == 1 {
			k >>= 1
		}
		if k == 0 {
			return -1
		}
		k++
	}
}
