package reference

import (
	"fmt"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

func (w *World) tradeIn(id string) (int, *TradeIn, error) {
	for i := range w.TradeIns {
		if w.TradeIns[i].ID == id {
			return i, &w.TradeIns[i], nil
		}
	}
	return 0, nil, fmt.Errorf("no trade-in %q", id)
}

// inWindow reports whether at is in the validation period (TMIP-WINDOW).
func inWindow(t Terms, at time.Time) bool {
	if !t.TMIPWindowStart.IsZero() && at.Before(t.TMIPWindowStart) {
		return false
	}
	return at.Before(t.TMIPWindowEnd)
}

// supportValue is the contract's remaining value at at (TMIP-SUPPORT):
// value × days left / days of the contract, calendar days, half away from
// zero to the cent; full before the start, zero from the end.
func supportValue(s *Support, at time.Time) decimal.Decimal {
	total := daysBetween(s.Start, s.End)
	left := daysBetween(at, s.End)
	if left > total {
		left = total
	}
	if left <= 0 || total <= 0 {
		return decimal.Zero
	}
	return s.Value.Mul(decimal.NewFromInt(int64(left))).DivRound(decimal.NewFromInt(int64(total)), 2)
}

// assess decides whether trade-in number i earns a discount on an order
// placed at at, without Until.
func assess(w *World, i int, at time.Time) answer {
	ti := &w.TradeIns[i]
	var broken []rule.ID
	if !contains(w.Catalog.TMIPSKUs, ti.SKU) {
		broken = append(broken, rule.TmipEligible)
	}
	if !ti.Working || ti.Damaged || (ti.Network != "production" && ti.Network != "lab") ||
		(ti.Channel != "authorized" && ti.Channel != "direct") {
		broken = append(broken, rule.TmipCondition)
	}
	for _, earlier := range w.TradeIns[:i] {
		if earlier.NewProduct == ti.NewProduct { // 1 return for 1 product
			broken = append(broken, rule.TmipOneForOne)
			break
		}
	}
	if ti.OtherPromotion && !w.Terms.TMIPCombinable {
		broken = append(broken, rule.TmipCombine)
	}
	// A trade-in broken on its own is refused for good on those grounds
	// alone (RULES.md's table: until never); the window is asked only of a
	// trade-in that is otherwise eligible.
	if len(broken) == 0 && !inWindow(w.Terms, at) {
		broken = append(broken, rule.TmipWindow)
	}
	if len(broken) > 0 {
		a := deny(broken...)
		a.Values = map[string]decimal.Decimal{"discount": decimal.Zero}
		return a
	}
	a := allow(rule.TmipReturn, rule.TmipAtOrder, rule.TmipSwap)
	discount := decimal.Zero
	if ti.Support != nil {
		a.Rules = append(a.Rules, rule.TmipSupport)
		discount = supportValue(ti.Support, at)
	}
	if !ti.Shipped.IsZero() {
		a.Obligations = append(a.Obligations, rule.Obligation{Kind: rule.Deadline, Rule: rule.TmipReturn,
			Due: returnDeadline(w.Terms, ti), Subject: ti.ID})
	}
	if ti.Partner {
		a.Rules = append(a.Rules, rule.TmipPassOn)
		a.Obligations = append(a.Obligations, rule.Obligation{Kind: rule.Advisory, Rule: rule.TmipPassOn, Subject: ti.ID})
	}
	a.Values = map[string]decimal.Decimal{"discount": discount}
	return a
}

// returnDeadline is three months (the terms' months) from shipment of the
// new equipment (TMIP-RETURN).
func returnDeadline(t Terms, ti *TradeIn) time.Time { return addMonths(ti.Shipped, t.TMIPReturnMonths) }

// tradeIn: may the trade-in earn a discount on its order: once ordered (at
// or before at), as of the order, wholly and for good; before, on an order
// placed now (TMIP-AT-ORDER).
func tradeIn(w *World, r Request, at time.Time) (answer, error) {
	i, ti, err := w.tradeIn(r.TradeIn)
	if err != nil {
		return answer{}, err
	}
	if !ti.Ordered.IsZero() && !ti.Ordered.After(at) {
		return assess(w, i, ti.Ordered), nil
	}
	a := assess(w, i, at)
	a.candidates = []time.Time{w.Terms.TMIPWindowStart, w.Terms.TMIPWindowEnd, ti.Ordered}
	return a, nil
}

// supportMidnights are the UTC midnights after at at which a trade-in's
// support value can drop: those between the contract's dates. Evaluate adds
// them once, not on every re-evaluation.
func supportMidnights(w *World, r Request, at time.Time) []time.Time {
	_, ti, err := w.tradeIn(r.TradeIn)
	if err != nil || ti.Support == nil {
		return nil
	}
	var ms []time.Time
	for m := dateOf(at).Add(24 * time.Hour); !m.After(dateOf(ti.Support.End)); m = m.Add(24 * time.Hour) {
		if m.After(dateOf(ti.Support.Start)) {
			ms = append(ms, m)
		}
	}
	return ms
}

// validCertificate: signed by a vice president or above with legal sign-off
// authority (TMIP-SIGNER).
func validCertificate(d *Destruction) bool {
	return d.LegalAuthority && contains([]string{"vice-president", "senior-vice-president",
		"executive-vice-president", "president", "chief-executive-officer"}, d.SignerTitle)
}

// tradeInCompliance: is the trade-in's return obligation met now.
func tradeInCompliance(w *World, r Request, at time.Time) (answer, error) {
	i, ti, err := w.tradeIn(r.TradeIn)
	if err != nil {
		return answer{}, err
	}
	hasDeadline := !ti.Shipped.IsZero()
	deadline := returnDeadline(w.Terms, ti)
	var cures []time.Time // instants from which the obligation is met
	signer := false
	if !ti.Returned.IsZero() {
		cures = append(cures, ti.Returned)
	}
	if ti.Destruction != nil {
		if validCertificate(ti.Destruction) {
			cures = append(cures, ti.Destruction.Signed)
		} else if !ti.Destruction.Signed.After(at) {
			signer = true // a certificate signed otherwise is no certificate
		}
	}
	// A return or certificate dated at or before at has happened: before the
	// deadline it meets the obligation; after it, it ends the notices.
	met, noticesEnded := false, false
	for _, c := range cures {
		if !c.After(at) {
			if !hasDeadline || c.Before(deadline) {
				met = true
			}
			noticesEnded = true
		}
	}
	var a answer
	var nextNotice time.Time
	switch {
	case met, !hasDeadline:
		a = allow(rule.TmipReturn)
	case at.Before(deadline):
		a = allow(rule.TmipReturn)
		a.Obligations = []rule.Obligation{{Kind: rule.Deadline, Rule: rule.TmipReturn, Due: deadline, Subject: ti.ID}}
	default:
		// Breach: a notice at the deadline and every NoticeEveryDays after.
		a = deny(rule.TmipBreach, rule.TmipReturn)
		notice := deadline
		for !addDays(notice, w.Terms.TMIPNoticeEveryDays).After(at) {
			notice = addDays(notice, w.Terms.TMIPNoticeEveryDays)
		}
		nextNotice = addDays(notice, w.Terms.TMIPNoticeEveryDays)
		clawback := decimal.Zero
		if !ti.Ordered.IsZero() {
			at := assess(w, i, ti.Ordered)
			if at.Allow {
				clawback = at.Values["discount"]
			}
		}
		a.Obligations = []rule.Obligation{{Kind: rule.Clawback, Rule: rule.TmipBreach, Due: deadline, Subject: ti.ID}}
		if noticesEnded { // none is due at or after the late return or certificate
			nextNotice = time.Time{}
		} else {
			a.Obligations = append(a.Obligations, rule.Obligation{Kind: rule.Notice, Rule: rule.TmipBreach, Due: notice, Subject: ti.ID})
		}
		a.Values = map[string]decimal.Decimal{"clawback": clawback}
	}
	if signer {
		a.Rules = append(a.Rules, rule.TmipSigner)
	}
	if hasDeadline {
		a.candidates = append(a.candidates, deadline)
	}
	if !nextNotice.IsZero() {
		a.candidates = append(a.candidates, nextNotice)
	}
	if !ti.Returned.IsZero() {
		a.candidates = append(a.candidates, ti.Returned)
	}
	if ti.Destruction != nil {
		a.candidates = append(a.candidates, ti.Destruction.Signed)
	}
	return a, nil
}
