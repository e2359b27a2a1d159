package tmip

import "github.com/licensepolicy/licensepolicy/internal/enum"

// The text form of this package's enumerations; see internal/enum.

func parseName(what string, names []string, text []byte) (int, error) {
	return enum.Parse("tmip", what, names, text)
}

func nameOf(typ string, names []string, i int) string { return enum.Name("tmip", typ, names, i) }

func marshalName(what string, names []string, i int) ([]byte, error) {
	return enum.Marshal("tmip", what, names, i)
}
