package scenario

import (
	"time"

	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// Expect is the decision a check expects, matched per SCENARIOS.md: equal
// outcome, listed rules among the decision's, the same until when given,
// each listed obligation matching one of the decision's, each listed value
// numerically equal.
type Expect struct {
	Outcome policy.Outcome
	Rules   []rule.ID
	// Until is nil when not given; a zero time inside means "never".
	Until       *time.Time
	Obligations []ExpectedObligation
	Values      []policy.Value
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
