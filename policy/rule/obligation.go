package rule

import (
	"iter"
	"slices"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/enum"
)

// Obligation is something a decision requires to happen: an alarm to raise,
// an email to send, an entitlement to create, an invoice, a deadline, a
// notice, a claw-back, an advisory. It carries the rule that imposes it, the
// instant it is due (zero when it has none) and its subject (a license, an
// order line, an address, a trade-in).
//
// Obligations live beside rule IDs, in this leaf package, so that every
// domain package can state them in one vocabulary and the policy engine
// passes them on without translating; domain packages precompute the ones
// that do not depend on a request and share them.
type Obligation struct {
	Kind    ObligationKind
	Rule    ID
	Due     time.Time
	Subject string
}

// ObligationKind is the kind of an obligation. The zero kind is invalid.
type ObligationKind uint8

// The kinds, as spec/SCENARIOS.md names them. Append-only: never reorder or
// reuse a value.
const (
	_ ObligationKind = iota
	Alarm
	Syslog
	Warning
	Email
	Entitlement
	Invoice
	Deadline
	Notice
	Clawback
	Advisory
)

var obligationKinds = enum.New[ObligationKind]("rule", "ObligationKind", "obligation kind", nil,
	"", "alarm", "syslog", "warning", "email", "entitlement", "invoice", "deadline", "notice", "clawback", "advisory")

// ParseObligationKind returns the kind named s, such as "alarm"; an unknown
// name is an error listing the kinds.
func ParseObligationKind(s string) (ObligationKind, error) { return obligationKinds.Parse(s) }

// IsValid reports whether k is one of the kinds.
func (k ObligationKind) IsValid() bool { return obligationKinds.IsValid(k) }

// String returns the kind's name, or "rule.ObligationKind(N)" for a value
// that is none.
func (k ObligationKind) String() string { return obligationKinds.String(k) }

// AppendText appends the kind's name; an invalid kind is an error.
func (k ObligationKind) AppendText(b []byte) ([]byte, error) { return obligationKinds.AppendText(b, k) }

// MarshalText encodes the kind's name; an invalid kind is an error.
func (k ObligationKind) MarshalText() ([]byte, error) { return k.AppendText(nil) }

// UnmarshalText decodes a kind's name.
func (k *ObligationKind) UnmarshalText(b []byte) error { return obligationKinds.Unmarshal(k, b) }

// Obligations is a read-only list of obligations: an answer hands it out and
// keeps sharing it, and nothing a caller does through it changes what any
// other answer says. Read it with Len, At and All; Slice copies it. The zero
// Obligations is empty.
type Obligations struct{ list []Obligation }

// ObligationsOf returns a list of copies of os.
func ObligationsOf(os ...Obligation) Obligations {
	if len(os) == 0 {
		return Obligations{}
	}
	return Obligations{list: slices.Clone(os)}
}

// Len returns how many obligations the list holds.
func (o Obligations) Len() int { return len(o.list) }

// At returns a copy of the i'th obligation, from 0; it panics when i is out
// of range, as indexing a slice does.
func (o Obligations) At(i int) Obligation { return o.list[i] }

// All yields copies of the obligations in order.
func (o Obligations) All() iter.Seq[Obligation] {
	return func(yield func(Obligation) bool) {
		for _, x := range o.list {
			if !yield(x) {
				return
			}
		}
	}
}

// Slice returns the obligations as a new slice the caller owns; nil when
// empty.
func (o Obligations) Slice() []Obligation { return slices.Clone(o.list) }

// Equal reports whether o and p hold equal obligations in the same order,
// their instants compared with time.Time.Equal; go-cmp uses it.
func (o Obligations) Equal(p Obligations) bool {
	return slices.EqualFunc(o.list, p.list, Obligation.Equal)
}

// Equal reports whether o and p are the same obligation, their instants
// compared with time.Time.Equal.
func (o Obligation) Equal(p Obligation) bool {
	return o.Kind == p.Kind && o.Rule == p.Rule && o.Subject == p.Subject && o.Due.Equal(p.Due)
}

// ObligationsBuilder builds an Obligations without copying it at the end,
// for a list built one obligation at a time. The zero ObligationsBuilder is
// empty and ready to use.
type ObligationsBuilder struct{ list []Obligation }

// Grow makes room for n more obligations.
func (b *ObligationsBuilder) Grow(n int) { b.list = slices.Grow(b.list, n) }

// Add appends o.
func (b *ObligationsBuilder) Add(o Obligation) { b.list = append(b.list, o) }

// List returns the obligations added so far and empties b, so that nothing
// added later reaches the list returned.
func (b *ObligationsBuilder) List() Obligations {
	out := Obligations{list: slices.Clip(b.list)}
	b.list = nil
	if len(out.list) == 0 {
		return Obligations{}
	}
	return out
}
