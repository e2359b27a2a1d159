package rule

import (
	"fmt"
	"strings"
)

// NameError is the error of an unknown name of an enumeration, whichever
// package's (a license kind, a credit kind, a trade-in status, an outcome,
// a rule ID): the enumeration, the name given and the names there are, and
// the rule the enumeration belongs to, when it belongs to one, so that
// errors.Is(err, LicKind) holds for an unknown license kind. The zero
// NameError names no enumeration.
type NameError struct {
	// Package is the package of the enumeration, such as "credits".
	Package string
	// Enum says what the enumeration is in words, such as "credit kind".
	Enum string
	// Name is the name given, as given.
	Name string
	// Valid are the names there are, in value order.
	Valid []string
	// Rule is the rule the enumeration belongs to; zero for none.
	Rule ID
}

// Error formats the error as "LIC-KIND: unknown license kind "x" (want one
// of perpetual, subscription, trial)", or with the package in place of a
// rule the enumeration does not belong to. A long name is cut at 64 bytes.
func (e *NameError) Error() string {
	shown := e.Name
	if len(shown) > 64 {
		shown = shown[:64] + "..."
	}
	prefix := e.Package
	if e.Rule.IsValid() {
		prefix = e.Rule.String()
	}
	return fmt.Sprintf("%s: unknown %s %q (want one of %s)", prefix, e.Enum, shown, strings.Join(e.Valid, ", "))
}

// Is reports whether target is the rule the enumeration belongs to.
func (e *NameError) Is(target error) bool {
	id, ok := target.(ID)
	return ok && e.Rule.IsValid() && id == e.Rule
}

// UnknownName returns the *NameError of name, unknown to enumeration enum
// of package pkg whose names are valid, citing id (the zero ID for an
// enumeration of no rule). Every enumeration of the library refuses an
// unknown name with it.
func (id ID) UnknownName(pkg, enum, name string, valid []string) error {
	return &NameError{Package: pkg, Enum: enum, Name: name, Valid: valid, Rule: id}
}
