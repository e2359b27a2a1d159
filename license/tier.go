package license

import (
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// ChangeTier answers whether the license may change to tier at instant at,
// and returns the changed license when it may.
//
// Only a subscription changes tier, up or down, and the change keeps its end
// date (LIC-SUB-CHANGE). It must be usable: not before its start (ENT-TIMER)
// nor after its end (LIC-SUB-EXPIRY). Asking for the tier it already has is
// refused, since nothing would change. A zero License is refused citing
// LIC-KIND.
func (l License) ChangeTier(tier Tier, at time.Time) (License, rule.Verdict) {
	deny := func(rules rule.List, why string, until time.Time) (License, rule.Verdict) {
		return l, rule.Verdict{Rules: rules, Reason: why, Until: until, Subject: l.ID()}
	}
	switch {
	case !l.IsValid():
		return deny(rulesInvalid, reasonInvalid, time.Time{})
	case !tier.IsValid():
		return deny(rulesTierUnknown, "the tier asked for is not standard, advanced or premium", time.Time{})
	case l.b.kind != Subscription:
		return deny(rulesChange, "only a subscription changes tier", time.Time{})
	case tier == l.b.tier:
		return deny(rulesChange, "the subscription already has that tier", time.Time{})
	}
	switch l.StandingAt(at).State {
	case NotStarted:
		return deny(rulesNotStarted, reasonNotStarted, l.Start())
	case Expired:
		return deny(rulesChangeExpired, "an expired subscription does not change tier", time.Time{})
	}
	k := l.b.key
	k.tier = tier
	return k.program.licenses.intern(k), rule.Verdict{Allowed: true, Rules: rulesChange, Reason: "the subscription changes tier and keeps its end date", Until: l.End(), Subject: l.ID()}
}
