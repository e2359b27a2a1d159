package main

import (
	"slices"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

var noUnits = decimal.NullDecimal{}

// plainLicense is what a hand-written check needs of a license, with its
// instants as Unix nanoseconds like the Rego and Cedar inputs.
type plainLicense struct {
	kind                          license.Kind
	device                        string
	features                      []string
	start, termEnd, end, warnFrom int64
}

func plainOf(l license.License) plainLicense {
	return plainLicense{kind: l.Kind(), device: l.Device(), features: l.Features(),
		start: nanos(l.Start()), termEnd: nanos(l.TermEnd()), end: nanos(l.End()), warnFrom: nanos(l.WarningFrom())}
}

// plainUse is the floor every engine is measured against: the same
// comparisons written by hand, returning the first rule ID as a constant
// and building nothing else (no list of every rule, no until, reason or
// obligations).
func plainUse(l *plainLicense, device, feature string, at int64) (bool, rule.ID) {
	wrongDevice, missing := device != l.device, !slices.Contains(l.features, feature)
	switch {
	case wrongDevice && l.kind == license.Perpetual:
		return false, rule.LicPerpBind
	case wrongDevice:
		return false, rule.LicPort
	case missing:
		return false, rule.LicTier
	case at < l.start:
		return false, rule.EntTimer
	}
	switch l.kind {
	case license.Perpetual:
		return true, rule.LicPerpTerm
	case license.Subscription:
		switch {
		case at < l.termEnd:
			return true, rule.LicSubTerm
		case at < l.end:
			return true, rule.EntGrace
		}
		return false, rule.LicSubExpiry
	case license.Trial:
		switch {
		case at < l.warnFrom:
			return true, rule.LicKind
		case at < l.end:
			return true, rule.LicTrialWarn
		}
		return false, rule.LicTrialExpiry
	}
	return false, rule.LicKind
}
