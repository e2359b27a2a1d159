package rule

import (
	"fmt"
	"slices"
	"strings"
)

// Violation is the error of every refusal: the rules a request breaks, most
// specific first, the subject it is about, and what was wrong in words.
//
// errors.Is(err, id) reports whether a violation in err's chain cites id.
type Violation struct {
	// Rules lists every rule the request breaks, most specific first. It is
	// never empty in a violation built by this package.
	Rules []ID
	// Subject names what was refused: a license, an order line, an account.
	Subject string
	// Reason says what was wrong, lower-case and without a trailing period.
	Reason string
}

// Errorf returns a violation of ids about subject, with a reason formatted as
// by fmt.Sprintf. ids must not be empty: a refusal always has a rule.
func Errorf(ids []ID, subject, format string, args ...any) *Violation {
	if len(ids) == 0 {
		// A refusal without a rule is a programming error in the library, not
		// bad user input; say so loudly in the message rather than panic.
		ids = []ID{0}
	}
	return &Violation{Rules: slices.Clip(ids), Subject: subject, Reason: fmt.Sprintf(format, args...)}
}

// Error formats the violation as "LIC-PORT: license L1 cannot move ...".
func (v *Violation) Error() string {
	var b strings.Builder
	for i, id := range v.Rules {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(id.String())
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
func (v *Violation) Cites(id ID) bool { return slices.Contains(v.Rules, id) }

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
		for _, id := range v.Rules {
			if !slices.Contains(out.Rules, id) {
				out.Rules = append(out.Rules, id)
			}
		}
	}
	return out
}
