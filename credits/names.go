package credits

import "github.com/licensepolicy/licensepolicy/internal/enum"

// The text form of this package's enumerations; see internal/enum.

func parseName(what string, names []string, text []byte) (int, error) {
	return enum.Parse("credits", what, names, text)
}

func nameOf(typ string, names []string, i int) string { return enum.Name("credits", typ, names, i) }

func marshalName(what string, names []string, i int) ([]byte, error) {
	return enum.Marshal("credits", what, names, i)
}
