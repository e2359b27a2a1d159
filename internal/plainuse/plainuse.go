// Package plainuse is the baseline the feature-use hot path is measured
// against (license.Use, policy.Engine.Decide): the same comparisons written
// by hand over plain fields, answering a constant rule ID and building
// nothing else. A test asset, like internal/reference: the benchmarks of
// license and policy share this one copy.
package plainuse

import (
	"slices"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// License is what a hand-written check needs of a license: the facts the
// License computed once, copied into plain fields. The zero License is of
// no kind and answers LIC-KIND.
type License struct {
	Kind                          license.Kind
	Device                        string
	Features                      []string
	Start, TermEnd, End, WarnFrom time.Time
}

// Of copies what Use needs of l.
func Of(l license.License) License {
	return License{Kind: l.Kind(), Device: l.Device(), Features: l.Features(),
		Start: l.Start(), TermEnd: l.TermEnd(), End: l.End(), WarnFrom: l.WarningFrom()}
}

// Use makes the comparisons of a feature use (device, feature, kind,
// start, end of term, end of grace, trial window, instant) and answers
// only the first rule; the library names them all, and its Until, reason
// and obligations.
func Use(l *License, device, feature string, at time.Time) (bool, rule.ID) {
	wrongDevice, missing := device != l.Device, !slices.Contains(l.Features, feature)
	switch {
	case wrongDevice && l.Kind == license.Perpetual:
		return false, rule.LicPerpBind
	case wrongDevice:
		return false, rule.LicPort
	case missing:
		return false, rule.LicTier
	case at.Before(l.Start):
		return false, rule.EntTimer
	}
	switch l.Kind {
	case license.Perpetual:
		return true, rule.LicPerpTerm
	case license.Subscription:
		switch {
		case at.Before(l.TermEnd):
			return true, rule.LicSubTerm
		case at.Before(l.End):
			return true, rule.EntGrace
		}
		return false, rule.LicSubExpiry
	case license.Trial:
		switch {
		case at.Before(l.WarnFrom):
			return true, rule.LicKind
		case at.Before(l.End):
			return true, rule.LicTrialWarn
		}
		return false, rule.LicTrialExpiry
	}
	return false, rule.LicKind
}
