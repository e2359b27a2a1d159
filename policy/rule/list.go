package rule

import (
	"encoding/json"
	"fmt"
	"iter"
	"strings"
)

// List is an ordered list of rule IDs, most specific first, without
// repeats: the rules behind an answer. It is a value like a string: nothing
// a caller does to the List it was handed changes any other, so answers
// share Lists freely and hand them out without copying. Lists compare with
// ==. The zero List is empty.
type List struct {
	// ids holds one byte per ID; a string, so a List can be shared and
	// never written.
	ids string
}

// ListOf returns the list of ids in the order given, each once: a repeat is
// dropped where it occurs again.
func ListOf(ids ...ID) List {
	b := make([]byte, 0, len(ids))
	for _, id := range ids {
		if strings.IndexByte(string(b), byte(id)) < 0 {
			b = append(b, byte(id))
		}
	}
	return List{ids: string(b)}
}

// Len returns how many rules the list names.
func (l List) Len() int { return len(l.ids) }

// At returns the i'th rule, from 0; it panics when i is out of range, as
// indexing a slice does.
func (l List) At(i int) ID { return ID(l.ids[i]) }

// All yields the rules in order.
func (l List) All() iter.Seq[ID] {
	return func(yield func(ID) bool) {
		for i := range len(l.ids) {
			if !yield(ID(l.ids[i])) {
				return
			}
		}
	}
}

// IDs returns the rules as a new slice the caller owns; nil when empty.
func (l List) IDs() []ID {
	if l.ids == "" {
		return nil
	}
	out := make([]ID, len(l.ids))
	for i := range len(l.ids) {
		out[i] = ID(l.ids[i])
	}
	return out
}

// Contains reports whether the list names id.
func (l List) Contains(id ID) bool { return strings.IndexByte(l.ids, byte(id)) >= 0 }

// Append returns l followed by those of ids it does not name yet.
func (l List) Append(ids ...ID) List {
	b := []byte(l.ids)
	for _, id := range ids {
		if strings.IndexByte(string(b), byte(id)) < 0 {
			b = append(b, byte(id))
		}
	}
	return List{ids: string(b)}
}

// Equal reports whether l and m name the same rules in the same order, as
// l == m does; go-cmp uses it.
func (l List) Equal(m List) bool { return l == m }

// String returns the rule names separated by spaces, such as
// "LIC-SUB-EXPIRY LIC-RENEW".
func (l List) String() string {
	var b strings.Builder
	for i := range len(l.ids) {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(ID(l.ids[i]).String())
	}
	return b.String()
}

// MarshalJSON encodes the list as a JSON array of rule names; an invalid ID
// is an error.
func (l List) MarshalJSON() ([]byte, error) { return l.AppendJSON(nil) }

// AppendJSON appends the list to b as MarshalJSON encodes it, for a writer
// of a larger JSON value; on an error b is returned as it was given.
func (l List) AppendJSON(b []byte) ([]byte, error) {
	given := b
	b = append(b, '[')
	for i := range len(l.ids) {
		id := ID(l.ids[i])
		if !id.IsValid() {
			return given, fmt.Errorf("rule: invalid ID %d", uint8(id))
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, catalog[id].name...)
		b = append(b, '"')
	}
	return append(b, ']'), nil
}

// UnmarshalJSON decodes a JSON array of rule names. An unknown name, or one
// named twice, is an error.
func (l *List) UnmarshalJSON(data []byte) error {
	var ids []ID
	if err := json.Unmarshal(data, &ids); err != nil {
		return err
	}
	out := ListOf(ids...)
	if out.Len() != len(ids) {
		return fmt.Errorf("rule: a rule is listed twice in %s", data)
	}
	*l = out
	return nil
}
