package license

import (
	"fmt"
	"strings"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// parseName returns the index of name in names (skipping the invalid zero
// entry), or an error naming the value, what it is, the rule and the valid
// names.
func parseName(names []string, what string, id rule.ID, name string) (int, error) {
	for i := 1; i < len(names); i++ {
		if names[i] == name {
			return i, nil
		}
	}
	return 0, rule.Errorf([]rule.ID{id}, name, "unknown %s %q (want one of %s)", what, name, strings.Join(names[1:], ", "))
}

func nameOf(names []string, what string, i int) string {
	if i <= 0 || i >= len(names) {
		return fmt.Sprintf("%s(%d)", what, i)
	}
	return names[i]
}

func marshalName(names []string, what string, i int) ([]byte, error) {
	if i <= 0 || i >= len(names) {
		return nil, fmt.Errorf("license: invalid %s %d", what, i)
	}
	return []byte(names[i]), nil
}
