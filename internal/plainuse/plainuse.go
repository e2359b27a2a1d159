// Package plainuse is the baseline the feature-use hot path is measured
// against (license.Use, policy.Engine.Decide): the same comparisons written
// by hand over plain fields, answering a constant rule ID and building
// nothing else, on time.Time (Use) and on Unix nanoseconds (UseUnix, the
// floor). A test asset, like internal/reference: the benchmarks of license
// and policy share this one copy.
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

// Unix is License with its instants as Unix nanoseconds, the int64s a
// hand-written check compares fastest (as examples/compare's Rego and
// Cedar inputs carry them): the true floor of a feature use. It holds
// instants of years 1678 to 2261 only, which the benchmarks' are.
type Unix struct {
	Kind                          license.Kind
	Device                        string
	Features                      []string
	Start, TermEnd, End, WarnFrom int64
}

// UnixOf copies what UseUnix needs of l.
func UnixOf(l license.License) Unix {
	nanos := func(t time.Time) int64 {
		if t.IsZero() {
			return 0
		}
		return t.UnixNano()
	}
	return Unix{Kind: l.Kind(), Device: l.Device(), Features: l.Features(),
		Start: nanos(l.Start()), TermEnd: nanos(l.TermEnd()), End: nanos(l.End()), WarnFrom: nanos(l.WarningFrom())}
}

// UseUnix is Use on Unix nanoseconds: the same comparisons, each one
// integer compare.
func UseUnix(l *Unix, device, feature string, at int64) (bool, rule.ID) {
	wrongDevice, missing := device != l.Device, !slices.Contains(l.Features, feature)
	switch {
	case wrongDevice && l.Kind == license.Perpetual:
		return false, rule.LicPerpBind
	case wrongDevice:
		return false, rule.LicPort
	case missing:
		return false, rule.LicTier
	case at < l.Start:
		return false, rule.EntTimer
	}
	switch l.Kind {
	case license.Perpetual:
		return true, rule.LicPerpTerm
	case license.Subscription:
		switch {
		case at < l.TermEnd:
			return true, rule.LicSubTerm
		case at < l.End:
			return true, rule.EntGrace
		}
		return false, rule.LicSubExpiry
	case license.Trial:
		switch {
		case at < l.WarnFrom:
			return true, rule.LicKind
		case at < l.End:
			return true, rule.LicTrialWarn
		}
		return false, rule.LicTrialExpiry
	}
	return false, rule.LicKind
}
