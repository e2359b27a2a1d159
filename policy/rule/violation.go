package rule

import (
	"fmt"
	"strings"
)

// Violation is the error of every refusal: the rules a request breaks, most
// specific first, the subject it is about, and what was wrong in words.
//
// errors.Is(err, id) reports whether a violation in err's chain cites id.
// The zero Violation cites no rule and says nothing; the library never
// returns one.
type Violation struct {
	// Rules lists every rule the request breaks, most specific first. It is
	// never empty in a violation built by this package.
	Rules List
	// Subject names what was refused: a license, an order line, an account.
	Subject string
	// Reason says what was wrong, lower-case and without a trailing period.
	Reason string
}

// Errorf returns a violation of ids about subject, with a reason formatted as
// by fmt.Sprintf. ids must not be empty: a refusal always has a rule. The
// violation keeps a List of its own, never ids.
func Errorf(ids []ID, subject, format string, args ...any) *Violation {
	return Refusal(ListOf(ids...), subject, fmt.Sprintf(format, args...))
}

// Refusal returns a violation of rules about subject with reason, as it is.
// rules must not be empty: a refusal always has a rule.
func Refusal(rules List, subject, reason string) *Violation {
	if rules.Len() == 0 {
		// A refusal without a rule is a programming error in the library, not
		// bad user input; say so loudly in the message rather than panic.
		rules = ListOf(0)
	}
	return &Violation{Rules: rules, Subject: subject, Reason: reason}
}

// Error formats the violation as "LIC-PORT: license L1 cannot move ...".
func (v *Violation) Error() string {
	var b strings.Builder
	for i := range v.Rules.Len() {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(v.Rules.At(i).String())
	}
	b.WriteString(": ")
	b.WriteString(v.Reason)
	return b.String()
}

// Is reports whether target is an ID the violation cites.
func (v *Violation) Is(target error) bool {
	id, ok := target.(ID)
	return ok && v.Cites(id)
}

// Cites reports whether the violation names id.
func (v *Violation) Cites(id ID) bool { return v.Rules.Contains(id) }

// Merge combines violations of one request into one that names every rule
// broken, in order and without repeats, and every reason. Nil entries are
// skipped; Merge of no violation is nil.
func Merge(vs ...*Violation) *Violation {
	var out *Violation
	for _, v := range vs {
		if v == nil {
			continue
		}
		if out == nil {
			out = &Violation{Subject: v.Subject, Reason: v.Reason}
		} else {
			out.Reason += "; " + v.Reason
		}
		out.Rules = out.Rules.Append(v.Rules.IDs()...)
	}
	return out
}
