package entitlement

import (
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// Verdict is the package's answer to a question at an instant: may this
// line be fulfilled, may this contact see this line's entitlement. It names
// the rules behind it and the first instant it can change.
type Verdict struct {
	// Allowed is false in the zero Verdict: an answer nobody filled in never
	// grants anything.
	Allowed bool
	// Rules are the IDs behind the answer, most specific first; a refusal
	// names every rule the request breaks. Shared: never modify.
	Rules rule.List
	// Reason is one sentence saying why.
	Reason string
	// Until is the first instant after the question's instant at which the
	// answer can change; the zero time means it holds for good.
	Until time.Time
	// Obligations are what the answer requires: fulfilment's emails
	// (ENT-EMAIL) and entitlement records (ENT-AUTO).
	Obligations rule.Obligations
	// Subject is what the verdict is about: the order line ("SO1/L1"), or
	// the contact for a view refused to them.
	Subject string
}

// Err returns nil for an allowed verdict and otherwise a *rule.Violation
// naming the verdict's rules, its subject and the reason.
func (v Verdict) Err() error {
	if v.Allowed {
		return nil
	}
	rules := v.Rules
	if rules.Len() == 0 {
		rules = rulesUnknownLine
	}
	return rule.Refusal(rules, v.Subject, v.Subject+": "+v.Reason)
}

// Shared rule lists; never modify them.
var (
	rulesUnknownLine      = rule.ListOf(rule.EntOrder)
	rulesNotShipped       = rule.ListOf(rule.EntShip)
	rulesVisible          = rule.ListOf(rule.EntVisible)
	rulesHeritage         = rule.ListOf(rule.EntHeritage)
	rulesHeritageUnshiped = rule.ListOf(rule.EntHeritage, rule.EntShip)
)
