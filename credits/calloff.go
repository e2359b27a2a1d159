package credits

import (
	"fmt"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

// CallOffResult is the answer to a call-off asked at an instant: the
// [rule.Verdict] every domain answers with, and the credits. Its Reason
// names the account. It is filled on both outcomes; Err gives a refusal as
// an error.
//
// The Verdict's Rules, allowed: CRD-VALIDITY (the oldest unexpired credits
// pay), then CRD-FLEX for Flexible Services Credits; refused: every rule
// the call-off breaks (see CheckCallOff). Until is the first instant after
// the one asked at which the outcome, the rules or Balance differ, or the
// zero time when they never do. The zero CallOffResult is a refusal citing
// no rule, which CheckCallOff returns only beside an error.
type CallOffResult struct {
	rule.Verdict
	// Balance is the unexpired credits left after the call-off; zero when it
	// is refused, since nothing is called off.
	Balance decimal.Decimal
	// Available is the unexpired credits at the instant asked, before the
	// call-off. On a refusal it is information only: Until does not promise
	// it, so a decision reports a balance on allowance only.
	Available decimal.Decimal
}

// CheckCallOff decides whether c may be called off at at against the
// history dated at or before at: a purchase at at is there, and so is a
// recorded call-off at at. Asking changes nothing: the ledger is the same
// afterwards whatever the answer.
//
// A refusal is a result that is not Allowed, citing every rule c breaks,
// in this order: the minimum (CRD-MIN-CALLOFF for Professional;
// CRD-FLEX-MIN for Flexible on a professional services engagement, CRD-FLEX
// on another), CRD-SCOPE, CRD-TYPES, CRD-CALLOFF-PO; such a refusal holds
// for good. Only an otherwise valid call-off is refused for want of
// unexpired credits: CRD-VALIDITY, followed by CRD-FLEX for Flexible. The
// error is only for bad input (an amount beyond the bound on amounts, the
// zero Ledger), and the result beside it is zero.
//
// Until is exact: history dated after at counts from its own instant, and a
// lot's credits lapse at its end; Until is the first of those instants at
// which the answer differs (refused for want of credits, the instant of the
// first later purchase that covers c). It is found, like the credits
// available, by binary search over the instants the credits change at (for
// a refusal, over their running maxima), so an answer costs O(log n) in the
// history and a fixed number of allocations, allowed or refused.
func (lg Ledger) CheckCallOff(c CallOff, at time.Time) (CallOffResult, error) {
	if err := lg.ready(); err != nil {
		return CallOffResult{}, err
	}
	l := lg.l
	if err := checkAmount(c.Credits, func() string { return "call-off credits" }); err != nil {
		return CallOffResult{}, err
	}
	avail, short, until := l.nums.callOff(l, c.Credits, at)
	res := CallOffResult{Available: avail}
	v := l.checkStatic(c)
	switch {
	case v != nil:
		// Broken on its own: refused for good on those grounds alone, as
		// RULES.md's table has it (until never); no balance can cure it.
	case short:
		v, res.Until = l.checkValidity(c, avail), until
	default:
		res.Allowed, res.Rules, res.Until = true, rulesCallOff, until
		if l.account.Kind == Flexible {
			res.Rules = rulesFlexCallOff
		}
		res.Balance = avail.Sub(c.Credits)
		res.Reason = callOffReason(c.Credits, l.account.ID, res.Balance)
		return res, nil
	}
	v = named(fmt.Sprintf("call-off of %s credits from account %s", c.Credits, l.account.ID), v)
	res.Rules, res.Reason = v.Rules, v.Reason
	return res, nil
}

// Shared rule lists of allowed call-offs: results point here so allowing
// allocates no list.
var (
	rulesCallOff     = rule.ListOf(rule.CrdValidity)
	rulesFlexCallOff = rule.ListOf(rule.CrdValidity, rule.CrdFlex)
)

// checkStatic returns the violation of the rules that depend on c alone.
func (l *ledger) checkStatic(c CallOff) *rule.Violation {
	return rule.Merge(l.checkMinimum(c), c.Engagement.check(l.account.ID))
}

// checkMinimum applies the minimum call-off in whole credits: no partial
// credit spends.
func (l *ledger) checkMinimum(c CallOff) *rule.Violation {
	id, least := rule.CrdMinCallOff, l.kind.terms.MinCallOff // CRD-MIN-CALLOFF
	switch {
	case l.account.Kind == Professional:
	case c.Engagement.OtherService:
		// CRD-FLEX: the seed sets no minimum off professional services
		// engagements; whole credits and the terms' FlexibleOtherMinCallOff.
		id, least = rule.CrdFlex, l.program.otherMin
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
func (l *ledger) checkValidity(c CallOff, avail decimal.Decimal) *rule.Violation {
	if c.Credits.Sign() <= 0 || !avail.LessThan(c.Credits) {
		return nil
	}
	ids := []rule.ID{rule.CrdValidity}
	if l.account.Kind == Flexible {
		ids = append(ids, rule.CrdFlex)
	}
	return rule.Errorf(ids, l.account.ID, "only %s unexpired credits are available", avail)
}

// named prefixes a violation's reason with what was refused, once for all
// the rules it cites.
func named(name string, v *rule.Violation) *rule.Violation {
	if v != nil {
		v.Reason = name + ": " + v.Reason
	}
	return v
}
