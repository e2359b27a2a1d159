package license

import (
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// Move answers whether the license may move to device to at instant at, and
// returns the moved license when it may.
//
// A perpetual license moves only by RMA, to a device of its like-device
// class (LIC-PERP-RMA); the old device keeps nothing. A subscription moves
// for any reason within its like-device class while usable, keeping its end
// date (LIC-PORT); it cannot move before its start (ENT-TIMER) or after its
// end. A trial never moves: the seed does not make trials portable, and a
// temporary key is for the device it was issued to (LIC-PORT).
//
// The device to is checked against the license's Program as NewDevice
// checks it: a device of a class its platform does not have is refused
// citing LIC-PORT. A zero License is refused citing LIC-KIND.
func (l License) Move(to Device, reason MoveReason, at time.Time) (License, rule.Verdict) {
	id := l.ID()
	deny := func(rules rule.List, why string, until time.Time) (License, rule.Verdict) {
		return l, rule.Verdict{Rules: rules, Reason: why, Until: until, Subject: id}
	}
	if !l.IsValid() {
		return deny(rulesInvalid, reasonInvalid, time.Time{})
	}
	b := l.b
	if v := b.program.checkDevice(to); v != nil {
		return deny(rulesPort, "the move names no device the catalog declares: "+v.Reason, time.Time{})
	}
	switch {
	case !reason.IsValid():
		return deny(rulesPort, "the move names no valid reason", time.Time{})
	case to.Serial == b.device:
		if b.kind == Perpetual {
			return deny(rulesPerpRMA, "the license is already on that device", time.Time{})
		}
		return deny(rulesPort, "the license is already on that device", time.Time{})
	}
	switch b.kind {
	case Perpetual:
		if reason != RMA {
			return deny(rulesPerpRMA, "a perpetual license moves only by RMA", time.Time{})
		}
		if to.Class != l.Class() {
			return deny(rulesPerpRMA, "an RMA replacement must be of the same like-device class", time.Time{})
		}
		if at.Before(l.Start()) {
			return deny(rulesNotStarted, reasonNotStarted, l.Start())
		}
		return l.movedTo(to), rule.Verdict{Allowed: true, Rules: rulesPerpRMA, Reason: "the perpetual license's keys are exchanged to the RMA device", Subject: id}
	case Subscription:
		if to.Class != l.Class() {
			return deny(rulesPort, "a subscription moves only within its like-device class", time.Time{})
		}
		s := l.StandingAt(at)
		switch s.State {
		case NotStarted:
			return deny(rulesNotStarted, reasonNotStarted, l.Start())
		case Expired:
			return deny(rulesPortExpired, "an expired subscription has nothing left to move", time.Time{})
		}
		return l.movedTo(to), rule.Verdict{Allowed: true, Rules: rulesPort, Reason: "the subscription moves within its like-device class and keeps its end date", Until: l.End(), Subject: id}
	default:
		return deny(rulesPort, "a trial license does not move", time.Time{})
	}
}

// movedTo returns l on device to, which checkDevice accepted: same end,
// same features, one device.
func (l License) movedTo(to Device) License {
	k := l.b.key
	k.device = to.Serial
	k.platform, k.class = k.program.indexOf(to)
	return k.program.licenses.intern(k)
}
