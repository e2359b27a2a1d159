package enum

import (
	"fmt"
	"strconv"
)

// Set is the text form of an enumeration of type T: value i is named
// names[i]. An empty names[0] makes the zero value invalid, as DESIGN.md
// asks of most enumerations; a non-empty one names a valid zero (an
// Outcome's "deny"). Every enumeration of the library reads and writes its
// names through a Set, so each works the same way: String, AppendText and
// MarshalText, Parse and UnmarshalText, IsValid, and an error for an
// unknown name that lists the valid ones.
type Set[T ~uint8] struct {
	pkg, typ, what string
	names          []string
	// refuse makes the error of an unknown name: the library's passes
	// rule.ID.UnknownName, of the enumeration's rule or of none, so that
	// every unknown name is one *rule.NameError.
	refuse func(pkg, what, name string, valid []string) error
}

// New returns the Set of names for type typ of package pkg, called what in
// errors ("license kind"). refuse makes the error of an unknown name from
// the package, what, the name and the valid names.
func New[T ~uint8](pkg, typ, what string, refuse func(pkg, what, name string, valid []string) error, names ...string) Set[T] {
	return Set[T]{pkg: pkg, typ: typ, what: what, names: names, refuse: refuse}
}

// IsValid reports whether v has a name.
func (s Set[T]) IsValid(v T) bool { return int(v) < len(s.names) && s.names[v] != "" }

// String returns v's name, or a Go-syntax placeholder such as
// "credits.Kind(7)" for a value without one, as time.Month does.
func (s Set[T]) String(v T) string {
	if !s.IsValid(v) {
		return s.pkg + "." + s.typ + "(" + strconv.Itoa(int(v)) + ")"
	}
	return s.names[v]
}

// AppendText appends v's name to b; a value without a name is an error, so
// an unset field never travels as if it meant something.
func (s Set[T]) AppendText(b []byte, v T) ([]byte, error) {
	if !s.IsValid(v) {
		return b, fmt.Errorf("%s: invalid %s %d", s.pkg, s.what, uint8(v))
	}
	return append(b, s.names[v]...), nil
}

// Parse returns the value named text, exactly; an unknown name is the
// Set's refusal of it, which lists the valid names.
func (s Set[T]) Parse(text string) (T, error) {
	if i := index(s.names, text); i >= 0 {
		return T(i), nil
	}
	return 0, s.refuse(s.pkg, s.what, text, s.Names())
}

// Unmarshal sets *v to the value named text, leaving it as it was on an
// error.
func (s Set[T]) Unmarshal(v *T, text []byte) error {
	if i := index(s.names, text); i >= 0 {
		*v = T(i)
		return nil
	}
	_, err := s.Parse(string(text))
	return err
}

// index is the value named text, or -1. Bytes are compared in place, so
// that unmarshalling a known name costs no allocation.
func index[S string | []byte](names []string, text S) int {
	for i, n := range names {
		if n != "" && n == string(text) {
			return i
		}
	}
	return -1
}

// Names returns the valid names in value order.
func (s Set[T]) Names() []string {
	out := make([]string, 0, len(s.names))
	for _, n := range s.names {
		if n != "" {
			out = append(out, n)
		}
	}
	return out
}
