package license

import (
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// Verdict is the license package's answer to a question at an instant: may
// this device use this feature, may this license move, be renewed, change
// tier. It names the rules behind it and the first instant it can change.
//
// A Verdict is a value: its Rules and Obligations are read-only lists that
// answers share without allocating and no caller can change, and its
// Reason a constant sentence. Err turns a refusal into a *rule.Violation
// when the caller wants an error. The zero Verdict is a refusal without
// rules; Err cites LIC-KIND for it.
type Verdict struct {
	// Allowed is false in the zero Verdict: an answer nobody filled in never
	// grants anything.
	Allowed bool
	// Rules are the IDs behind the answer, most specific first; a refusal
	// names every rule the request breaks.
	Rules rule.List
	// Reason is one sentence saying why, without the license's ID.
	Reason string
	// Until is the first instant after the question's instant at which the
	// answer can change; the zero time means it holds for good.
	Until time.Time
	// Obligations are what the answer requires: a trial's alarm, syslog
	// message and warning (LIC-TRIAL-WARN), a renewal's entitlement.
	Obligations rule.Obligations
	// DriftsUntil ends a run of answers that move with their own instant:
	// a late renewal's term starts at the instant asked, so its
	// entitlement's due moves with it and Until is one nanosecond later.
	// At every instant t from the question's up to DriftsUntil the answer
	// is this one with its dues computed from t: the same outcome, rules,
	// obligation kinds, rules and subjects. The zero time: the answer does
	// not drift.
	DriftsUntil time.Time

	subject string
}

// Err returns nil for an allowed verdict and otherwise a *rule.Violation
// naming the verdict's rules, the license and the reason.
func (v Verdict) Err() error {
	if v.Allowed {
		return nil
	}
	rules := v.Rules
	if rules.Len() == 0 {
		rules = rulesInvalid
	}
	return rule.Refusal(rules, v.subject, v.subject+": "+v.Reason)
}

// Subject returns the ID of the license the verdict is about.
func (v Verdict) Subject() string { return v.subject }

// Shared rule lists: a verdict's Rules are these, so answering allocates
// nothing.
var (
	rulesNotStarted        = rule.ListOf(rule.EntTimer)
	rulesPerpetual         = rule.ListOf(rule.LicPerpTerm)
	rulesSubTerm           = rule.ListOf(rule.LicSubTerm)
	rulesSubGrace          = rule.ListOf(rule.EntGrace, rule.LicSubTerm)
	rulesSubExpired        = rule.ListOf(rule.LicSubExpiry, rule.LicRenew)
	rulesTrial             = rule.ListOf(rule.LicKind)
	rulesTrialWarn         = rule.ListOf(rule.LicTrialWarn)
	rulesTrialExpired      = rule.ListOf(rule.LicTrialExpiry)
	rulesPerpRMA           = rule.ListOf(rule.LicPerpRMA)
	rulesPort              = rule.ListOf(rule.LicPort)
	rulesPortExpired       = rule.ListOf(rule.LicPort, rule.LicSubExpiry)
	rulesRenew             = rule.ListOf(rule.LicRenew)
	rulesRenewLate         = rule.ListOf(rule.LicRenew, rule.LicSubExpiry)
	rulesRenewBadTerm      = rule.ListOf(rule.LicRenew, rule.LicSubTerm)
	rulesSubTermOnly       = rule.ListOf(rule.LicSubTerm)
	rulesChange            = rule.ListOf(rule.LicSubChange)
	rulesChangeExpired     = rule.ListOf(rule.LicSubChange, rule.LicSubExpiry)
	rulesTrialOK           = rule.ListOf(rule.LicTrialProducts, rule.LicTrialFeatures)
	rulesTrialProducts     = rule.ListOf(rule.LicTrialProducts)
	rulesTrialFeatures     = rule.ListOf(rule.LicTrialFeatures)
	rulesTrialNeither      = rule.ListOf(rule.LicTrialProducts, rule.LicTrialFeatures)
	rulesUnknownPlat       = rule.ListOf(rule.LicPlatform, rule.LicTrialProducts)
	rulesUnknownPlatNoFeat = rule.ListOf(rule.LicPlatform, rule.LicTrialProducts, rule.LicTrialFeatures)
	rulesTierUnknown       = rule.ListOf(rule.LicTier)
)
