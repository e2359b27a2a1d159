package tmip

import (
	"fmt"
	"strings"
)

// parseName returns the index of text in names, skipping index 0 (the
// invalid zero value of every enumeration). An unknown name is an error that
// lists the valid ones.
func parseName(what string, names []string, text []byte) (int, error) {
	for i := 1; i < len(names); i++ {
		if string(text) == names[i] {
			return i, nil
		}
	}
	return 0, fmt.Errorf("tmip: unknown %s %q (want one of %s)", what, text, strings.Join(names[1:], ", "))
}

// nameOf returns names[i], or a Go-syntax placeholder for a value outside the
// list, as time.Month does.
func nameOf(typ string, names []string, i int) string {
	if i <= 0 || i >= len(names) {
		return fmt.Sprintf("tmip.%s(%d)", typ, i)
	}
	return names[i]
}

// marshalName encodes names[i]; the zero value and unknown values are errors,
// so an unset field never travels as if it meant something.
func marshalName(what string, names []string, i int) ([]byte, error) {
	if i <= 0 || i >= len(names) {
		return nil, fmt.Errorf("tmip: invalid %s %d", what, i)
	}
	return []byte(names[i]), nil
}
