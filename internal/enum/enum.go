// Package enum is the text form shared by the domain packages'
// enumerations: a list of names indexed by value, whose index 0 is the
// invalid zero value, as DESIGN.md asks of every enumeration.
package enum

import (
	"fmt"
	"strings"
)

// Parse returns the index of text in names, skipping index 0. An unknown
// name is an error, prefixed by pkg, that lists the valid ones.
func Parse(pkg, what string, names []string, text []byte) (int, error) {
	for i := 1; i < len(names); i++ {
		if string(text) == names[i] {
			return i, nil
		}
	}
	return 0, fmt.Errorf("%s: unknown %s %q (want one of %s)", pkg, what, text, strings.Join(names[1:], ", "))
}

// Name returns names[i], or a Go-syntax placeholder such as
// "credits.Kind(7)" for a value outside the list, as time.Month does.
func Name(pkg, typ string, names []string, i int) string {
	if i <= 0 || i >= len(names) {
		return fmt.Sprintf("%s.%s(%d)", pkg, typ, i)
	}
	return names[i]
}

// Marshal encodes names[i]; the zero value and unknown values are errors,
// so an unset field never travels as if it meant something.
func Marshal(pkg, what string, names []string, i int) ([]byte, error) {
	if i <= 0 || i >= len(names) {
		return nil, fmt.Errorf("%s: invalid %s %d", pkg, what, i)
	}
	return []byte(names[i]), nil
}
