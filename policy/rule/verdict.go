package rule

import "time"

// Verdict is a domain's answer to a question at an instant: whether it is
// allowed, the rules behind it, why, the first instant it can change, what
// it requires and what it is about. Every domain package answers in it,
// alone (a license's use, an entitlement's view) or embedded beside the
// figures of its kind (a license's standing, a line's fulfilment, a
// call-off's balance, a trade-in's discount), and package policy
// translates it into a Decision field by field.
//
// A Verdict is a value: its Rules and Obligations are values like strings,
// which answers share and no caller can change. The zero Verdict is a
// refusal that cites no rule and holds for good; no domain answers it.
type Verdict struct {
	// Allowed is false in the zero Verdict: an answer nobody filled in
	// never grants anything.
	Allowed bool
	// Rules are the IDs behind the answer, most specific first; a refusal
	// names every rule the question breaks.
	Rules List
	// Reason is one sentence saying why.
	Reason string
	// Until is the first instant after the question's instant at which the
	// answer can change; the zero time means it holds for good.
	Until time.Time
	// Obligations are what the answer requires: alarms, emails,
	// entitlement records, invoices, deadlines, notices, claw-backs,
	// advisories.
	Obligations Obligations
	// DriftsUntil ends a run of answers that move with their own instant
	// (a late renewal, whose term starts at the instant asked, so that its
	// entitlement's due moves with it and Until is one nanosecond later):
	// at every instant t from the question's up to DriftsUntil the answer
	// is this one with its dues computed from t, the same outcome, rules,
	// obligation kinds, rules and subjects. The zero time: the answer does
	// not drift.
	DriftsUntil time.Time
	// Subject is what the answer is about when its Reason does not say: a
	// license, an order line, a contact. It is empty where the Reason
	// names it already (a call-off's account, a trade-in), so that an
	// error names it once.
	Subject string
}

// Err returns nil for an allowed verdict and otherwise a *Violation naming
// the verdict's rules, its subject and its reason ("subject: reason"); a
// refusal citing no rule cites the zero ID, which prints as rule.ID(0).
func (v Verdict) Err() error {
	if v.Allowed {
		return nil
	}
	reason := v.Reason
	if v.Subject != "" {
		reason = v.Subject + ": " + reason
	}
	return Refusal(v.Rules, v.Subject, reason)
}
