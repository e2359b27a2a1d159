package policy

import (
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

// TestSameDecisionComparesWhatUntilPromises: settle moves Until only past
// instants where "the outcome, the rules, the obligations or the values"
// (SCENARIOS.md, doc.go) stay the same, so sameDecision must tell apart two
// decisions differing in any obligation's kind, rule, subject or due, or in
// any value's name or amount, and must not tell apart two differing only in
// reason, until or the spelling of an amount or instant. The domain packages
// settle today only on decisions without obligations or values, so only
// this test holds those comparisons.
func TestSameDecisionComparesWhatUntilPromises(t *testing.T) {
	editObligation := func(edit func(*rule.Obligation)) func(*Decision) {
		return func(d *Decision) {
			os := d.Obligations.Slice()
			edit(&os[0])
			d.Obligations = rule.ObligationsOf(os...)
		}
	}
	due := time.Date(2021, 10, 15, 0, 0, 0, 0, time.UTC)
	base := func() Decision {
		return Decision{
			Outcome: Allow, Rules: rule.ListOf(rule.TmipReturn, rule.TmipSwap), Reason: "pending",
			Obligations: rule.ObligationsOf(rule.Obligation{Kind: rule.Deadline, Rule: rule.TmipReturn, Due: due, Subject: "T1"}),
			Values:      []Value{{Name: "discount", Amount: decimal.RequireFromString("500.00")}},
			Until:       due,
		}
	}
	for _, c := range []struct {
		name string
		edit func(*Decision)
		same bool
	}{
		{"identical", func(*Decision) {}, true},
		{"another reason and until", func(d *Decision) { d.Reason, d.Until = "met", time.Time{} }, true},
		{"the same amount spelt otherwise", func(d *Decision) { d.Values[0].Amount = decimal.RequireFromString("500") }, true},
		{"the same due in another zone", editObligation(func(o *rule.Obligation) { o.Due = due.In(time.FixedZone("x", 3600)) }), true},
		{"another outcome", func(d *Decision) { d.Outcome = Deny }, false},
		{"another rule", func(d *Decision) { d.Rules = rule.ListOf(rule.TmipReturn, rule.TmipAtOrder) }, false},
		{"an obligation of another kind", editObligation(func(o *rule.Obligation) { o.Kind = rule.Notice }), false},
		{"an obligation of another rule", editObligation(func(o *rule.Obligation) { o.Rule = rule.TmipBreach }), false},
		{"an obligation of another subject", editObligation(func(o *rule.Obligation) { o.Subject = "T2" }), false},
		{"an obligation due at another instant", editObligation(func(o *rule.Obligation) { o.Due = due.Add(time.Nanosecond) }), false},
		{"no obligation", func(d *Decision) { d.Obligations = rule.Obligations{} }, false},
		{"a value of another name", func(d *Decision) { d.Values[0].Name = "clawback" }, false},
		{"a value of another amount", func(d *Decision) { d.Values[0].Amount = decimal.RequireFromString("500.01") }, false},
		{"no value", func(d *Decision) { d.Values = nil }, false},
	} {
		b := base()
		c.edit(&b)
		if got := sameDecision(base(), b); got != c.same {
			t.Errorf("%s: sameDecision = %v, want %v", c.name, got, c.same)
		}
	}
}
