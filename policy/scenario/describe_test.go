package scenario_test

import (
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/credits"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
	"github.com/shopspring/decimal"
)

// TestDecisionStringIsOneLine: String formats "allow [LIC-SUB-TERM] until
// 2025-03-01T00:00:00Z: <reason>", followed by its values and obligations
// (subject and due only when set).
func TestDecisionStringIsOneLine(t *testing.T) {
	for _, c := range []struct {
		d    policy.Decision
		want string
	}{
		{policy.Decision{}, "deny [] until never: "},
		{policy.Decision{Outcome: policy.Allow, Rules: rule.ListOf(rule.LicSubTerm), Reason: "in term",
			Until: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)},
			"allow [LIC-SUB-TERM] until 2025-03-01T00:00:00Z: in term"},
		{policy.Decision{Rules: rule.ListOf(rule.TmipBreach, rule.TmipReturn, rule.TmipSwap), Reason: "in breach",
			Values: []policy.Value{{Name: "clawback", Amount: decimal.RequireFromString("500.00")}},
			Obligations: rule.ObligationsOf(
				rule.Obligation{Kind: rule.Clawback, Rule: rule.TmipBreach, Subject: "T1", Due: time.Date(2021, 10, 15, 0, 0, 0, 1, time.UTC)},
				rule.Obligation{Kind: rule.Advisory, Rule: rule.TmipPassOn},
			)},
			"deny [TMIP-BREACH TMIP-RETURN TMIP-SWAP] until never: in breach; clawback 500; " +
				"clawback (TMIP-BREACH) for T1 due 2021-10-15T00:00:00.000000001Z; advisory (TMIP-PASS-ON)"},
	} {
		if got := c.d.String(); got != c.want {
			t.Errorf("String() = %q\nwant       %q", got, c.want)
		}
	}
}

// TestCheckDescribeSaysTheRequestInWords: "Check.Describe says the request
// in words from the decoded request, not the raw text" (doc.go), with "?"
// for a fact the request lacks.
func TestCheckDescribeSaysTheRequestInWords(t *testing.T) {
	s, err := decode(t, withChecks(kindTable+`,
	 {"at": "2025-06-01T00:00:00Z", "request": {"kind": "purchaseCredits", "creditKind": "professional", "credits": "10", "discount": "2.5", "localEntity": false}},
	 {"at": "2025-06-01T00:00:00Z", "request": {"kind": "useFeature", "license": "L1", "device": "mx-1", "feature": "bgp", "units": "7.5"}}`))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"may device mx-1 use feature bgp under license L1?",
		"may license L1 move to device ptx-1 (rebalance)?",
		"may license L1 be renewed for 1 years?",
		"may license L1 change to tier premium?",
		"is there a trial key for feature bgp on platform MX?",
		"may line 1 of order SO1 be fulfilled?",
		"may contact C1 see the entitlement of line 1 of order SO1?",
		"may an order of 10 flexible credits be placed?",
		"may 5 credits be called off from account psc for a design engagement?",
		"what does the 2025-Q2 statement of account psc say?",
		"may trade-in T1 earn a discount on an order placed now?",
		"is the return obligation of trade-in T1 met?",
		"may an order of 10 professional credits be placed at a discount of 2.5 outside the local entity?",
		"may device mx-1 use feature bgp under license L1 for 7.5 units?",
	}
	if len(s.Checks) != len(want) {
		t.Fatalf("%d checks, want %d", len(s.Checks), len(want))
	}
	for i, c := range s.Checks {
		if got := c.Describe(); got != want[i] {
			t.Errorf("check %d: Describe() = %q, want %q", i, got, want[i])
		}
	}
	for _, c := range []struct {
		r    policy.Request
		want string
	}{
		{policy.UseFeature{Device: "d", Feature: "f"}, "may device d use feature f under license ??"},
		{policy.MoveLicense{Reason: license.RMA}, "may license ? move to device  (rma)?"},
		{policy.FulfilLine{Line: "1"}, "may line 1 of order ? be fulfilled?"},
		{policy.ViewEntitlement{Line: "1"}, "may contact ? see the entitlement of line 1 of order ??"},
		{policy.CallOff{CallOff: credits.CallOff{Engagement: credits.Engagement{Type: credits.Migration}}},
			"may 0 credits be called off from account ? for a migration engagement?"},
	} {
		if got := (scenario.Check{Request: c.r}).Describe(); got != c.want {
			t.Errorf("%#v: Describe() = %q, want %q", c.r, got, c.want)
		}
	}
}
