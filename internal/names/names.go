// Package names keeps a list of names as one string: each name after its
// length as a uvarint. A string is a value: lists compare with ==, are
// shared without copying, and no holder can write into another's. A
// license's key holds its features this way, a contact its accounts.
package names

import (
	"encoding/binary"
	"iter"
)

// Of returns the list of ns, in the order given.
func Of(ns []string) string {
	size := 0
	for _, n := range ns {
		size += binary.MaxVarintLen64 + len(n)
	}
	b := make([]byte, 0, size)
	for _, n := range ns {
		b = binary.AppendUvarint(b, uint64(len(n)))
		b = append(b, n...)
	}
	return string(b)
}

// next returns the name at offset i of list and the offset after it.
func next(list string, i int) (string, int) {
	n := uint64(list[i])
	i++
	if n >= 0x80 {
		// A name of 128 bytes or more: the rest of its length.
		n &= 0x7f
		for shift := 7; ; shift += 7 {
			c := list[i]
			i++
			n |= uint64(c&0x7f) << shift
			if c < 0x80 {
				break
			}
		}
	}
	end := i + int(n)
	return list[i:end], end
}

// All yields the names of list in order.
func All(list string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for i := 0; i < len(list); {
			var n string
			n, i = next(list, i)
			if !yield(n) {
				return
			}
		}
	}
}

// Slice returns the names of list as a new slice; nil when there are
// none.
func Slice(list string) []string {
	var out []string
	for n := range All(list) {
		out = append(out, n)
	}
	return out
}
