package license

import (
	"time"

	"github.com/licensepolicy/licensepolicy/internal/calendar"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// Renew answers whether the subscription may be renewed for years at instant
// at, and returns the renewal's term when it may.
//
// Renewals never happen by themselves (LIC-RENEW): a subscription not
// renewed ends at its end date. A renewal bought before the end starts at
// the old end, grace included; a late one starts at its own instant, after
// a gap in which the subscription was expired (LIC-SUB-EXPIRY, cited). A
// renewal has no grace (ENT-GRACE) and runs one of the terms' years
// (LIC-SUB-TERM). Perpetual licenses and trials are not renewed.
//
// The renewal is returned as a license of its own covering only the renewed
// term, on the same device with the same features and tier: the caller keeps
// it beside the original, as a renewal is a new entitlement.
//
// The terms are those of the license's Program. A zero License is refused
// citing LIC-KIND.
//
// Until is the old end for a renewal on time (from then on it would be late);
// a late renewal's term depends on its instant, so its answer holds for one
// nanosecond, and DriftsUntil says how long answers of that shape last: up
// to the first instant whose renewed term would end after 9999-12-31.
func (l License) Renew(years int, at time.Time) (License, rule.Verdict) {
	id := l.ID()
	deny := func(rules rule.List, why string) (License, rule.Verdict) {
		return l, rule.Verdict{Rules: rules, Reason: why, Subject: id}
	}
	if !l.IsValid() {
		return deny(rulesInvalid, reasonInvalid)
	}
	t := &l.b.program.terms
	if l.b.kind != Subscription {
		if !t.AllowsTerm(years) {
			return deny(rulesRenewBadTerm, "only subscriptions are renewed, for one of the terms' years")
		}
		return deny(rulesRenew, "only subscriptions are renewed")
	}
	if !t.AllowsTerm(years) {
		return deny(rulesSubTermOnly, "the renewal's term is not one of the terms' years")
	}
	end := l.End()
	v := rule.Verdict{Allowed: true, Rules: rulesRenew, Reason: "the subscription is renewed from its end", Until: end, Subject: id}
	start := end
	if !at.Before(end) {
		start = at
		v.Rules, v.Reason, v.Until = rulesRenewLate, "the subscription had expired: the renewal starts now", at.Add(1)
		v.DriftsUntil = lastLateRenewal(years)
	}
	termEnd := calendar.AddYears(start, years)
	if !calendar.InRange(termEnd) {
		return deny(rulesSubTermOnly, "the renewal would end after 9999-12-31, the last day an instant may fall on")
	}
	k := l.b.key
	k.renewal, k.termYears = true, uint8(years) // terms cap years at 100
	k.startSec, k.startNs = split(start)
	k.midSec, k.midNs = split(termEnd)
	k.endSec, k.endNs = k.midSec, k.midNs
	r := k.program.licenses.intern(k)
	// The renewed term is one entitlement record, due at its end.
	v.Obligations = rule.ObligationsOf(rule.Obligation{Kind: rule.Entitlement, Rule: rule.LicRenew, Due: r.End(), Subject: id})
	return r, v
}

// lastLateRenewal is the first instant a renewal for years cannot start
// at: its term would end after 9999-12-31. Adding years keeps the month,
// so that is the first instant of the year years before 10000.
func lastLateRenewal(years int) time.Time {
	return time.Date(calendar.Last.Year()+1-years, time.January, 1, 0, 0, 0, 0, time.UTC)
}
