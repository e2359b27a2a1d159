package license

import (
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

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
