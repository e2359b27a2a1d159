package rule

import (
	"fmt"
	"strings"
	"time"
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

var obligationKindNames = [...]string{"", "alarm", "syslog", "warning", "email", "entitlement", "invoice", "deadline", "notice", "clawback", "advisory"}

// ParseObligationKind returns the kind named s, such as "alarm".
func ParseObligationKind(s string) (ObligationKind, error) {
	for i := 1; i < len(obligationKindNames); i++ {
		if obligationKindNames[i] == s {
			return ObligationKind(i), nil
		}
	}
	return 0, fmt.Errorf("rule: unknown obligation kind %q (want one of %s)", s, strings.Join(obligationKindNames[1:], ", "))
}

// IsValid reports whether k is one of the kinds.
func (k ObligationKind) IsValid() bool { return k > 0 && int(k) < len(obligationKindNames) }

// String returns the kind's name.
func (k ObligationKind) String() string {
	if !k.IsValid() {
		return fmt.Sprintf("rule.ObligationKind(%d)", uint8(k))
	}
	return obligationKindNames[k]
}

// MarshalText encodes the kind's name; an invalid kind is an error.
func (k ObligationKind) MarshalText() ([]byte, error) {
	if !k.IsValid() {
		return nil, fmt.Errorf("rule: invalid obligation kind %d", uint8(k))
	}
	return []byte(obligationKindNames[k]), nil
}

// UnmarshalText decodes a kind's name.
func (k *ObligationKind) UnmarshalText(b []byte) error {
	p, err := ParseObligationKind(string(b))
	if err == nil {
		*k = p
	}
	return err
}
