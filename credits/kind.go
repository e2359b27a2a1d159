package credits

import (
	"github.com/licensepolicy/licensepolicy/internal/enum"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// Kind is the kind of services credit an account holds. The zero Kind is
// invalid: an account or order that does not say its kind is refused, and
// it has no text form.
type Kind uint8

// The credit kinds. The list is append-only: a value is never reordered or
// reused, so a Kind stored as a number keeps its meaning.
const (
	// Professional Services Credits (CRD-BLOCKS to CRD-MIN-CALLOFF).
	Professional Kind = iota + 1
	// Flexible Services Credits (CRD-FLEX, CRD-FLEX-MIN).
	Flexible
)

var kinds = enum.New[Kind]("credits", "Kind", "credit kind", rule.ID(0).UnknownName, "", "professional", "flexible")

// ParseKind returns the kind named s, "professional" or "flexible"; any
// other text is an error listing both.
func ParseKind(s string) (Kind, error) { return kinds.Parse(s) }

// IsValid reports whether k is Professional or Flexible.
func (k Kind) IsValid() bool { return kinds.IsValid(k) }

// String returns the name SCENARIOS.md uses, "professional" or "flexible",
// or "credits.Kind(N)" for a value that is neither.
func (k Kind) String() string { return kinds.String(k) }

// AppendText appends k's name to b; an invalid Kind is an error.
func (k Kind) AppendText(b []byte) ([]byte, error) { return kinds.AppendText(b, k) }

// MarshalText encodes k by its name; an invalid Kind is an error.
func (k Kind) MarshalText() ([]byte, error) { return k.AppendText(nil) }

// UnmarshalText decodes "professional" or "flexible"; any other text is an
// error listing both, and leaves k as it was.
func (k *Kind) UnmarshalText(text []byte) error { return kinds.Unmarshal(k, text) }
