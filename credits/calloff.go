package credits

import (
	"fmt"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

// CallOffResult is the answer to a call-off asked at an instant. It is
// filled on both outcomes; a refusal also returns the *rule.Violation as the
// error.
type CallOffResult struct {
	// Rules behind the answer. Allowed: CRD-VALIDITY (the oldest unexpired
	// credits pay), then CRD-FLEX for Flexible Services Credits. Refused: the
	// violation's rules.
	Rules rule.List
	// Balance is the unexpired credits left after the call-off; zero when it
	// is refused, since nothing is called off.
	Balance decimal.Decimal
	// Available is the unexpired credits at the instant asked, before the
	// call-off. On a refusal it is information only: Until does not promise
	// it, so a decision reports a balance on allowance only.
	Available decimal.Decimal
	// Until is the first instant after the one asked at which the outcome,
	// the rules or Balance differ, or the zero time when they never do.
	Until time.Time
}

// CheckCallOff decides whether c may be called off at at against the
// history dated before at. Asking changes nothing: the ledger is the same
// afterwards whatever the answer.
//
// A refusal returns the result and a *rule.Violation naming every rule c
// breaks, in this order: the minimum (CRD-MIN-CALLOFF for Professional;
// CRD-FLEX-MIN for Flexible on a professional services engagement, CRD-FLEX
// on another), CRD-SCOPE, CRD-TYPES, CRD-CALLOFF-PO; such a refusal holds
// for good. Only an otherwise valid call-off is refused for want of
// unexpired credits: CRD-VALIDITY, followed by CRD-FLEX for Flexible. Any
// other error is bad input (an absurd amount) and the result is zero.
//
// Until is exact: history dated at or after at counts from 1ns after its
// instant, and a lot's credits lapse at its end; Until is the first of those
// instants at which the answer differs.
func (l *Ledger) CheckCallOff(c CallOff, at time.Time) (CallOffResult, error) {
	if err := checkAmount(c.Credits, func() string { return "call-off credits" }); err != nil {
		return CallOffResult{}, err
	}
	static := l.checkStatic(c)
	avail := l.available(l.stateAt(at, at))
	res, v := l.decide(c, static, avail)
	res.Until = l.callOffUntil(c, static, at, res)
	if v != nil {
		return res, named(fmt.Sprintf("call-off of %s credits from account %s", c.Credits, l.account.ID), v)
	}
	return res, nil
}

// Shared rule lists of allowed call-offs: results point here so allowing
// allocates no list.
var (
	rulesCallOff     = rule.ListOf(rule.CrdValidity)
	rulesFlexCallOff = rule.ListOf(rule.CrdValidity, rule.CrdFlex)
)

// decide is the answer to c given the rules c breaks whatever the balance
// and the credits available.
func (l *Ledger) decide(c CallOff, static *rule.Violation, avail decimal.Decimal) (CallOffResult, *rule.Violation) {
	if static != nil {
		// Broken on its own: refused for good on those grounds alone, as
		// RULES.md's table has it (until never); no balance can cure it.
		return CallOffResult{Rules: static.Rules, Available: avail}, static
	}
	v := l.checkValidity(c, avail)
	if v != nil {
		return CallOffResult{Rules: v.Rules, Available: avail}, v
	}
	rules := rulesCallOff
	if l.account.Kind == Flexible {
		rules = rulesFlexCallOff
	}
	return CallOffResult{Rules: rules, Balance: avail.Sub(c.Credits), Available: avail}, nil
}

// checkCallOff returns the violation of every rule c breaks with avail
// credits available, or nil; the caller names the call-off in the reason.
func (l *Ledger) checkCallOff(c CallOff, avail decimal.Decimal) *rule.Violation {
	if v := l.checkStatic(c); v != nil {
		return v // the balance is asked only of an otherwise valid call-off
	}
	return l.checkValidity(c, avail)
}

// checkStatic returns the violation of the rules that depend on c alone.
func (l *Ledger) checkStatic(c CallOff) *rule.Violation {
	return rule.Merge(l.checkMinimum(c), c.Engagement.check(l.account.ID))
}

// checkMinimum applies the minimum call-off in whole credits: no partial
// credit spends.
func (l *Ledger) checkMinimum(c CallOff) *rule.Violation {
	id, least := rule.CrdMinCallOff, l.terms.MinCallOff // CRD-MIN-CALLOFF
	switch {
	case l.account.Kind == Professional:
	case c.Engagement.OtherService:
		// CRD-FLEX: the seed sets no minimum off professional services
		// engagements; whole credits and the terms' FlexibleOtherMinCallOff.
		id, least = rule.CrdFlex, l.otherMin
	default:
		id = rule.CrdFlexMin // CRD-FLEX-MIN
	}
	amount := c.Credits
	switch {
	case amount.Sign() <= 0:
		return rule.Errorf([]rule.ID{id}, l.account.ID, "%s credits is not a positive amount", amount)
	case !amount.IsInteger() && amount.LessThan(least):
		return rule.Errorf([]rule.ID{id}, l.account.ID,
			"no partial credit spends, and under the minimum call-off of %s", least)
	case !amount.IsInteger():
		return rule.Errorf([]rule.ID{id}, l.account.ID, "no partial credit spends, whole credits only")
	case amount.LessThan(least):
		return rule.Errorf([]rule.ID{id}, l.account.ID, "under the minimum call-off of %s", least)
	}
	return nil
}

// checkValidity refuses a call-off larger than the unexpired credits
// (CRD-VALIDITY; for Flexible also CRD-FLEX, whose credits are redeemed
// within their validity too).
func (l *Ledger) checkValidity(c CallOff, avail decimal.Decimal) *rule.Violation {
	if c.Credits.Sign() <= 0 || !avail.LessThan(c.Credits) {
		return nil
	}
	ids := []rule.ID{rule.CrdValidity}
	if l.account.Kind == Flexible {
		ids = append(ids, rule.CrdFlex)
	}
	return rule.Errorf(ids, l.account.ID, "only %s unexpired credits are available", avail)
}

// callOffUntil returns the first instant after at at which the answer to c
// differs from res, or the zero time.
//
// The answer at t depends on the events dated before t and the lots ended
// by t, so it can change only at an event's instant plus 1ns or at a lot's
// end. Those candidates are walked in order, carrying the ledger's state
// forward, so the walk is linear in the history at worst. Usually the first
// candidate differs (every event moves the balance), so this is two binary
// searches and one step. An event that leaves the balance as it was (a
// purchase and a call-off of the same size at one instant) or a refusal
// that stays one walks further.
func (l *Ledger) callOffUntil(c CallOff, static *rule.Violation, at time.Time, res CallOffResult) time.Time {
	if static != nil {
		return time.Time{} // refused on its own grounds, whatever the balance
	}
	short := res.Available.LessThan(c.Credits) // CRD-VALIDITY is broken at at
	ev := l.counted(at)
	lt := searchEnds(l.ends, at)
	s := l.stateAt(at, at)
	for ev < len(l.at) || lt < len(l.ends) {
		var t time.Time
		switch {
		case lt == len(l.ends):
			t = l.at[ev].Add(time.Nanosecond)
		case ev == len(l.at):
			t = l.ends[lt]
		default:
			t = earliest(l.at[ev].Add(time.Nanosecond), l.ends[lt])
		}
		moved := false
		for ev < len(l.at) && !l.at[ev].Add(time.Nanosecond).After(t) {
			ev++
			moved = true
		}
		for lt < len(l.ends) && !l.ends[lt].After(t) {
			lt++
		}
		if moved {
			s = l.post[ev-1] // the events dated before t
		}
		s = l.expireStep(s, t)
		if s.avail.LessThan(c.Credits) != short {
			return t
		}
		// Refused either way with the same rules, or allowed either way:
		// the same balance after means the same credits available.
		if !short && !s.avail.Equal(res.Available) {
			return t
		}
	}
	return time.Time{}
}

// named prefixes a violation's reason with what was refused, once for all
// the rules it cites.
func named(name string, v *rule.Violation) *rule.Violation {
	if v != nil {
		v.Reason = name + ": " + v.Reason
	}
	return v
}

// searchEnds returns the index of the first of the sorted ends after t.
func searchEnds(ends []time.Time, t time.Time) int {
	lo, hi := 0, len(ends)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if ends[m].After(t) {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}
