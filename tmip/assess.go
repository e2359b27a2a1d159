package tmip

import (
	"fmt"
	"strings"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

// Assessment is the answer to "may this trade-in earn a discount on an
// order placed now": the [rule.Verdict] every domain answers with, and the
// discount and deadline. Its Reason names the trade-in. It is filled on
// both outcomes; Err gives the refusal as an error.
//
// The Verdict's Rules, allowed: TMIP-SUPPORT (when a contract is given),
// TMIP-RETURN, TMIP-AT-ORDER, TMIP-SWAP, then TMIP-PASS-ON for a partner;
// refused: every rule broken among TMIP-ELIGIBLE, TMIP-CONDITION,
// TMIP-ONE-FOR-ONE, TMIP-COMBINE, TMIP-WINDOW, in that order. Its
// Obligations, allowed: a rule.Deadline (TMIP-RETURN, due at the return
// deadline) when the new equipment's shipment is recorded, and a
// rule.Advisory (TMIP-PASS-ON, no due instant) for a partner, both about
// the trade-in. Until is exact. The zero Assessment is a refusal that
// cites no rule.
type Assessment struct {
	rule.Verdict
	// Discount is the support contract's remaining value, to the cent
	// (TMIP-SUPPORT), at the order when the new equipment was ordered at or
	// before the instant asked, else at the instant asked: applied at order
	// and listed in the quote (TMIP-AT-ORDER). Zero when refused or when no
	// contract is given.
	Discount decimal.Decimal
	// Deadline is the return deadline (TMIP-RETURN) when the shipment of
	// the new equipment is recorded, else zero. It is stated on both
	// outcomes: it is a fact of the trade-in, not of the answer.
	Deadline time.Time
}

// Assess decides whether the trade-in named id earns a discount on its
// order (SCENARIOS.md's tradeIn check). The only error is an unknown id; a
// refusal is an Assessment with Allowed false.
//
// TMIP-AT-ORDER: once the new equipment was ordered (Ordered at or before
// at) the trade-in is judged as of the order, wholly (window, eligibility
// and discount are those at Ordered), and the answer holds for good.
// Before Ordered, or without it, Assess quotes an order placed at at.
//
// The trade-in is refused, naming every rule broken, when its SKU is not in
// the catalog (TMIP-ELIGIBLE), its condition is not working equipment from a
// production or lab network, undamaged and not gray market (TMIP-CONDITION),
// an earlier trade-in in the book counts toward the same new product
// (TMIP-ONE-FOR-ONE), or the order uses another promotion and the terms do
// not combine (TMIP-COMBINE): such a refusal cites those rules alone and
// holds for good, as RULES.md's table has it. An otherwise eligible
// trade-in is refused outside the validation period (TMIP-WINDOW), until
// the window opens when it has yet to. Otherwise the discount is the
// support contract's remaining value at at (TMIP-SUPPORT).
//
// Until is exact: a quote changes when the window opens or closes, at the
// first UTC midnight at which the discount, to the cent, drops, or at the
// order, when the order's answer differs from the quote's.
func (b Book) Assess(id string, at time.Time) (Assessment, error) {
	e, ok := b.entry(id)
	if !ok {
		return Assessment{}, b.unknown(id)
	}
	ordered := e.t.Ordered
	if !ordered.Valid {
		return b.b.assess(e, at), nil
	}
	if !ordered.Time.After(at) {
		return e.atOrder, nil // TMIP-AT-ORDER: judged at the order, for good
	}
	a := b.b.assess(e, at)
	if a.Until.IsZero() || a.Until.After(ordered.Time) {
		// The quote still holds at the order, which then keeps it for good.
		a.Until = time.Time{}
	}
	return a, nil
}

// windowState is where an instant lies with respect to the window.
type windowState uint8

const (
	inWindow windowState = iota
	beforeWindow
	afterWindow
)

func (t Terms) windowState(at time.Time) windowState {
	switch {
	case t.WindowStart.Valid && at.Before(t.WindowStart.Time):
		return beforeWindow
	case t.WindowEnd.Valid && !at.Before(t.WindowEnd.Time):
		return afterWindow
	}
	return inWindow
}

func (b *book) assess(e *entry, at time.Time) Assessment {
	ws := b.terms.windowState(at)
	a := Assessment{Deadline: e.deadline}
	if e.refused != nil {
		// Broken on its own: refused for good on those grounds alone, as
		// RULES.md's table has it (until never); the window is asked only
		// of an otherwise eligible trade-in.
		a.Rules, a.Reason = e.refused.Rules, "trade-in "+e.t.ID+" earns no discount: "+e.refused.Reason
		return a
	}
	if ws != inWindow {
		a.Rules, a.Reason = rulesWindow, e.denyReasons[ws]
		if ws == beforeWindow {
			a.Until = b.terms.WindowStart.Time // TMIP-WINDOW opens
		}
		return a
	}
	a.Allowed, a.Rules, a.Obligations, a.Reason = true, e.allowRules, e.allowObl, e.allowReason
	if e.hasSupport {
		a.Discount = e.sup.discount(at) // TMIP-SUPPORT, applied at order (TMIP-AT-ORDER)
		a.Until = e.sup.nextChange(at)
	}
	if b.terms.WindowEnd.Valid {
		a.Until = earliest(a.Until, b.terms.WindowEnd.Time)
	}
	return a
}

// Shared rule lists of assessments.
var (
	// rulesAllowed is by whether a support contract is given, then whether
	// the buyer is a partner.
	rulesAllowed = [2][2]rule.List{
		{
			rule.ListOf(rule.TmipReturn, rule.TmipAtOrder, rule.TmipSwap),
			rule.ListOf(rule.TmipReturn, rule.TmipAtOrder, rule.TmipSwap, rule.TmipPassOn),
		},
		{
			rule.ListOf(rule.TmipSupport, rule.TmipReturn, rule.TmipAtOrder, rule.TmipSwap),
			rule.ListOf(rule.TmipSupport, rule.TmipReturn, rule.TmipAtOrder, rule.TmipSwap, rule.TmipPassOn),
		},
	}
	rulesWindow = rule.ListOf(rule.TmipWindow)
)

// prepareAssess works out the parts of every assessment of e: the rules it
// breaks whatever the instant, and the allowed answer. listed says its SKU
// is in the catalog; earlier names the earlier trade-in counting toward the
// same new product, if any.
func (e *entry) prepareAssess(p *program, listed bool, earlier string) {
	t, terms := e.t, p.terms
	var vs []*rule.Violation
	if !listed { // TMIP-ELIGIBLE
		vs = append(vs, rule.Errorf([]rule.ID{rule.TmipEligible}, t.ID, "SKU %q is not an eligible MX Series SKU of the TMIP catalog (%s)", t.SKU, p.eligible()))
	}
	if p := t.Condition.problems(); p != nil { // TMIP-CONDITION
		vs = append(vs, rule.Errorf([]rule.ID{rule.TmipCondition}, t.ID, "the item is %s", strings.Join(p, ", ")))
	}
	if earlier != "" { // TMIP-ONE-FOR-ONE, in book order
		vs = append(vs, rule.Errorf([]rule.ID{rule.TmipOneForOne}, t.ID,
			"trade-in %s already counts toward %s, and one return earns credit toward one product", earlier, t.NewProduct))
	}
	if t.OtherPromotion && !terms.Combinable { // TMIP-COMBINE
		vs = append(vs, rule.Errorf([]rule.ID{rule.TmipCombine}, t.ID, "the order uses another promotion, and TMIP does not combine with one"))
	}
	e.refused = rule.Merge(vs...)
	lead := "trade-in " + t.ID + " earns no discount: "
	if terms.WindowStart.Valid {
		e.denyReasons[beforeWindow] = lead + "the validation period opens " + terms.WindowStart.String()
	}
	if terms.WindowEnd.Valid {
		e.denyReasons[afterWindow] = lead + "the validation period ended " + terms.WindowEnd.String()
	}

	// The allowed answer, most specific rule first.
	e.allowRules = rulesAllowed[boolIndex(e.hasSupport)][boolIndex(t.Partner)]
	var obl rule.ObligationsBuilder
	if e.hasDeadline {
		obl.Add(rule.Obligation{Kind: rule.Deadline, Rule: rule.TmipReturn, Due: e.deadline, Subject: t.ID})
	}
	if t.Partner {
		obl.Add(rule.Obligation{Kind: rule.Advisory, Rule: rule.TmipPassOn, Subject: t.ID})
	}
	e.allowObl = obl.List()
	e.allowReason = fmt.Sprintf("trade-in %s of %s earns its support contract's remaining value as discount toward %s, applied at order and listed in the quote", t.ID, t.SKU, t.NewProduct)
	if !e.hasSupport {
		e.allowReason = fmt.Sprintf("trade-in %s of %s earns TMIP credit toward %s; no support contract was given, so the discount is 0", t.ID, t.SKU, t.NewProduct)
	}
	if t.Partner {
		e.allowReason += "; the discount is meant for the end customer"
	}
}

// earliest returns the earlier of two instants, the zero time being none.
func earliest(a, b time.Time) time.Time {
	switch {
	case a.IsZero():
		return b
	case b.IsZero() || a.Before(b):
		return a
	}
	return b
}
