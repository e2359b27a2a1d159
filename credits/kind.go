package credits

// Kind is the kind of services credit an account holds. The zero Kind is
// invalid: an account or order that does not say its kind is refused.
type Kind uint8

// The credit kinds. The list is append-only: a value is never reordered or
// reused, so a Kind stored as a number keeps its meaning.
const (
	// Professional Services Credits (CRD-BLOCKS to CRD-MIN-CALLOFF).
	Professional Kind = iota + 1
	// Flexible Services Credits (CRD-FLEX, CRD-FLEX-MIN).
	Flexible
)

var kindNames = []string{"", "professional", "flexible"}

// IsValid reports whether k is Professional or Flexible.
func (k Kind) IsValid() bool { return k == Professional || k == Flexible }

// String returns the name SCENARIOS.md uses: "professional" or "flexible".
func (k Kind) String() string { return nameOf("Kind", kindNames, int(k)) }

// MarshalText encodes k by its name; an invalid Kind is an error.
func (k Kind) MarshalText() ([]byte, error) { return marshalName("credit kind", kindNames, int(k)) }

// UnmarshalText decodes "professional" or "flexible"; any other text is an
// error listing both.
func (k *Kind) UnmarshalText(text []byte) error {
	i, err := parseName("credit kind", kindNames, text)
	if err != nil {
		return err
	}
	*k = Kind(i)
	return nil
}
