package license

import (
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// Verdict is the license package's answer to a question at an instant: may
// this device use this feature, may this license move, be renewed, change
// tier. It names the rules behind it and the first instant it can change.
//
// A Verdict is built without allocating: its Rules are shared, immutable
// slices (never modify them) and its Reason a constant sentence. Err turns a
// refusal into a *rule.Violation when the caller wants an error.
type Verdict struct {
	// Allowed is false in the zero Verdict: an answer nobody filled in never
	// grants anything.
	Allowed bool
	// Rules are the IDs behind the answer, most specific first; a refusal
	// names every rule the request breaks.
	Rules []rule.ID
	// Reason is one sentence saying why, without the license's ID.
	Reason string
	// Until is the first instant after the question's instant at which the
	// answer can change; the zero time means it holds for good.
	Until time.Time
	// Obligations are what the answer requires: a trial's alarm, syslog
	// message and warning (LIC-TRIAL-WARN), a renewal's entitlement. Shared
	// and immutable like Rules.
	Obligations []rule.Obligation

	subject string
}

// Err returns nil for an allowed verdict and otherwise a *rule.Violation
// naming the verdict's rules, the license and the reason.
func (v Verdict) Err() error {
	if v.Allowed {
		return nil
	}
	rules := v.Rules
	if len(rules) == 0 {
		rules = []rule.ID{rule.LicKind}
	}
	return rule.Errorf(rules, v.subject, "%s: %s", v.subject, v.Reason)
}

// Subject returns the ID of the license the verdict is about.
func (v Verdict) Subject() string { return v.subject }

// Shared rule lists: a verdict's Rules point here so answering allocates
// nothing. Never modify them.
var (
	rulesNotStarted        = []rule.ID{rule.EntTimer}
	rulesPerpetual         = []rule.ID{rule.LicPerpTerm}
	rulesSubTerm           = []rule.ID{rule.LicSubTerm}
	rulesSubGrace          = []rule.ID{rule.EntGrace, rule.LicSubTerm}
	rulesSubExpired        = []rule.ID{rule.LicSubExpiry, rule.LicRenew}
	rulesTrial             = []rule.ID{rule.LicKind}
	rulesTrialWarn         = []rule.ID{rule.LicTrialWarn}
	rulesTrialExpired      = []rule.ID{rule.LicTrialExpiry}
	rulesPerpRMA           = []rule.ID{rule.LicPerpRMA}
	rulesPort              = []rule.ID{rule.LicPort}
	rulesPortExpired       = []rule.ID{rule.LicPort, rule.LicSubExpiry}
	rulesRenew             = []rule.ID{rule.LicRenew}
	rulesRenewLate         = []rule.ID{rule.LicRenew, rule.LicSubExpiry}
	rulesRenewBadTerm      = []rule.ID{rule.LicRenew, rule.LicSubTerm}
	rulesSubTermOnly       = []rule.ID{rule.LicSubTerm}
	rulesChange            = []rule.ID{rule.LicSubChange}
	rulesChangeExpired     = []rule.ID{rule.LicSubChange, rule.LicSubExpiry}
	rulesTrialOK           = []rule.ID{rule.LicTrialProducts, rule.LicTrialFeatures}
	rulesTrialProducts     = []rule.ID{rule.LicTrialProducts}
	rulesTrialFeatures     = []rule.ID{rule.LicTrialFeatures}
	rulesTrialNeither      = []rule.ID{rule.LicTrialProducts, rule.LicTrialFeatures}
	rulesUnknownPlat       = []rule.ID{rule.LicPlatform, rule.LicTrialProducts}
	rulesUnknownPlatNoFeat = []rule.ID{rule.LicPlatform, rule.LicTrialProducts, rule.LicTrialFeatures}
	rulesTierUnknown       = []rule.ID{rule.LicTier}
)
