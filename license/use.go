package license

import (
	"slices"
	"strings"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/amount"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

// Use answers "may device use feature, for units of scale, at instant at?".
//
// A use that can never be allowed is refused for good on those grounds
// alone, naming each: another device (LIC-PERP-BIND for a perpetual
// license, LIC-PORT otherwise), a feature the license does not hold
// (LIC-TIER), units over its capacity (LIC-SOD). Such a refusal does not
// also cite the license's standing, so its answer never changes.
// Otherwise the answer is the license's standing at at (see StandingAt).
// A nil or zero License grants nothing: the use is refused citing LIC-KIND,
// for good.
//
// units is optional: an invalid NullDecimal asks for no particular scale.
// Units given must be positive: zero or negative units are refused citing
// LIC-SOD ("units must be positive"), for good, before any other ground, as
// a request for no scale or less than none is no use of a capacity.
// Units beyond the library's bound on amounts (at most 40 digits either
// side of the point) are refused citing LIC-SOD, for good: no capacity is
// that large or that fine. Use allocates nothing.
func (l License) Use(device, feature string, units decimal.NullDecimal, at time.Time) (v rule.Verdict) {
	r, until, warnings := l.UseRuling(device, feature, units, at)
	v.Allowed, v.Rules, v.Reason, v.Until, v.Obligations = r.Allowed(), r.Rules(), r.Reason(), until, warnings
	v.Subject = l.ID()
	return v
}

// Ruling is the part of a use's answer that depends only on which case
// applies, not on the license: whether the use is allowed, the rules behind
// it, the reason. It is a one-byte value read through its methods, so the
// rulings the package shares cannot be changed by any caller. The zero
// Ruling is a refusal citing LIC-KIND, as for an invalid license.
type Ruling struct{ row uint8 }

type ruling struct {
	allowed bool
	rules   rule.List
	reason  string
}

// Allowed reports whether the use is allowed.
func (r Ruling) Allowed() bool { return rulings[r.row].allowed }

// Rules returns the rules behind the ruling, most specific first.
func (r Ruling) Rules() rule.List { return rulings[r.row].rules }

// Reason returns the ruling in one sentence, without the license's ID.
func (r Ruling) Reason() string { return rulings[r.row].reason }

// UseRuling is Use in parts, for a caller that copies the answer into a
// struct of its own, as [policy.Engine.Decide] does: the ruling, the first
// instant after at it can change (zero: never) and the trial's warnings
// when they are due (LIC-TRIAL-WARN).
func (l License) UseRuling(device, feature string, units decimal.NullDecimal, at time.Time) (r Ruling, until time.Time, warnings rule.Obligations) {
	// Small enough to inline into a caller, so that use takes its
	// arguments in registers.
	return l.b.use(device, feature, &units, at)
}

// use is UseRuling; a nil b is the zero License's. The standing is found
// first, by integer compares, so that only the license, the feature and
// the standing's phase stay live across the string compares' calls.
func (b *body) use(device, feature string, units *decimal.NullDecimal, at time.Time) (Ruling, time.Time, rule.Obligations) {
	n, ok := nanosAt(at)
	if b == nil || units.Valid || !ok {
		return b.useSlow(device, feature, units, at)
	}
	k := b.phase(n)
	if device != b.device {
		r, _ := b.refusal(feature, breaksDevice)
		return r, time.Time{}, rule.Obligations{}
	}
	if !slices.Contains(b.featureList, feature) {
		return Ruling{refusalRow(b.kind == Perpetual, breaksFeature)}, time.Time{}, rule.Obligations{}
	}
	if row := b.rows[k]; row != rowTrialWarn {
		return Ruling{row}, b.bounds[k], rule.Obligations{}
	}
	return Ruling{rowTrialWarn}, b.bounds[k], b.warnings // LIC-TRIAL-WARN
}

// useSlow is use for a nil b, a use that gives units or an instant whose
// Unix nanoseconds do not fit in an int64.
func (b *body) useSlow(device, feature string, units *decimal.NullDecimal, at time.Time) (Ruling, time.Time, rule.Obligations) {
	if b == nil {
		return Ruling{rowInvalid}, time.Time{}, rule.Obligations{}
	}
	var broken useBreaks
	if units.Valid {
		switch {
		case !amount.InBounds(units.Decimal):
			return Ruling{rowUnitsOutOfRange}, time.Time{}, rule.Obligations{}
		case units.Decimal.Sign() <= 0:
			return Ruling{rowBadUnits}, time.Time{}, rule.Obligations{}
		case b.capacity.exceededBy(units.Decimal):
			broken = breaksCapacity
		}
	}
	if device != b.device {
		broken |= breaksDevice
	}
	if r, refused := b.refusal(feature, broken); refused {
		return r, time.Time{}, rule.Obligations{}
	}
	row, until := b.standValid(at)
	if row == rowTrialWarn {
		return Ruling{row}, until, b.warnings // LIC-TRIAL-WARN
	}
	return Ruling{row}, until, rule.Obligations{}
}

// refusal returns the ruling of a use refused for good on the grounds
// broken and, when the license does not grant it, feature's, and whether
// there are any.
func (b *body) refusal(feature string, broken useBreaks) (Ruling, bool) {
	if !slices.Contains(b.featureList, feature) {
		broken |= breaksFeature
	}
	if broken == 0 {
		return Ruling{}, false
	}
	return Ruling{refusalRow(b.kind == Perpetual, broken)}, true
}

// useBreaks is the set of grounds on which a use is refused for good.
type useBreaks uint8

const (
	breaksDevice useBreaks = 1 << iota
	breaksFeature
	breaksCapacity
	breaksAll = breaksDevice | breaksFeature | breaksCapacity
)

// refusalRow is the row of a use refused on grounds b.
func refusalRow(perpetual bool, b useBreaks) uint8 {
	row := rowRefusals + uint8(b)
	if perpetual {
		row += 8
	}
	return row
}

// useRefusal is the ruling of a use refused on grounds b.
func useRefusal(perpetual bool, b useBreaks) ruling {
	device, deviceReason := rule.LicPort, "the license is on another device and moves only within its like-device class"
	if perpetual {
		device, deviceReason = rule.LicPerpBind, "a perpetual license is bound to the serial number of another device"
	}
	var ids []rule.ID
	var why []string
	if b&breaksDevice != 0 {
		ids, why = append(ids, device), append(why, deviceReason)
	}
	if b&breaksFeature != 0 {
		ids, why = append(ids, rule.LicTier), append(why, "the license does not grant the feature")
	}
	if b&breaksCapacity != 0 {
		ids, why = append(ids, rule.LicSOD), append(why, "the units asked exceed the license's capacity")
	}
	return ruling{rules: rule.ListOf(ids...), reason: strings.Join(why, "; ")}
}
