package scenario

import (
	"time"

	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// Expect is the decision a check expects, matched per SCENARIOS.md: equal
// outcome, listed rules among the decision's, the same until when given,
// each listed obligation matching one of the decision's, each listed value
// numerically equal, no rule of NotRules among the decision's; and with
// Exact, no obligation or value beyond those listed. The zero Expect wants
// a denial and nothing more: it matches every decision whose outcome is
// deny.
type Expect struct {
	Outcome policy.Outcome
	Rules   []rule.ID
	// NotRules are rules the decision must not cite.
	NotRules []rule.ID
	// Until is nil when not given; a zero time inside means "never".
	Until       *time.Time
	Obligations []ExpectedObligation
	Values      []policy.Value
	// Exact makes Obligations and Values the whole of the decision's:
	// every obligation it carries matches one listed, and every value it
	// reports is listed. Rules stay "at least".
	Exact bool
}

// ExpectedObligation is an obligation an Expect lists: Kind and Rule must
// match, Due and Subject only when given. The zero ExpectedObligation matches
// no obligation: its kind and rule are invalid.
type ExpectedObligation struct {
	Kind    rule.ObligationKind
	Rule    rule.ID
	Due     *time.Time
	Subject *string
}

// Mismatches lists what differs between x and d, one line each
// ("outcome: want deny, got allow"); it is empty when d matches x.
func (x Expect) Mismatches(d policy.Decision) []string { return mismatches(x, d) }

// Matches reports whether o is an obligation w describes: the same kind and
// rule, and the same due instant and subject where w gives them.
func (w ExpectedObligation) Matches(o rule.Obligation) bool { return w.matches(o) }
