package reference

import (
	"fmt"
	"sort"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

// sumOfBlocks reports whether credits is a whole, positive sum of blocks
// (CRD-BLOCKS: 37 = 25+10+1+1), by plain dynamic programming.
func sumOfBlocks(credits decimal.Decimal, blocks []int) bool {
	// Plain and slow: fine for the amounts tests draw, not for 10^30.
	if !credits.IsInteger() || !credits.IsPositive() || credits.GreaterThan(decimal.NewFromInt(100_000_000)) {
		return false
	}
	n := int(credits.IntPart())
	reachable := make([]bool, n+1)
	reachable[0] = true
	for i := 1; i <= n; i++ {
		for _, b := range blocks {
			if b <= i && reachable[i-b] {
				reachable[i] = true
			}
		}
	}
	return reachable[n]
}

// purchaseCredits: may this order of credits be placed (CRD-MIN-ORDER,
// CRD-BLOCKS, CRD-NO-DISCOUNT, CRD-LOCAL; CRD-INVOICE when it may).
func purchaseCredits(w *World, r Request, at time.Time) answer {
	broken := purchaseBroken(w.Terms, r.Credits, r.Discount, r.LocalEntity)
	var a answer
	if len(broken) > 0 {
		a = deny(broken...)
	} else {
		a = allow(rule.CrdInvoice)
		// Invoiced 100% at the time of purchase: due on placing the order,
		// so no instant of its own (until never, as the table says).
		a.Obligations = []rule.Obligation{{Kind: rule.Invoice, Rule: rule.CrdInvoice, Subject: r.CreditKind}}
	}
	if r.CreditKind == "flexible" {
		a.Rules = append(a.Rules, rule.CrdFlex)
	}
	a.Values = map[string]decimal.Decimal{"credits": r.Credits}
	return a
}

func purchaseBroken(t Terms, credits, discount decimal.Decimal, local bool) []rule.ID {
	var broken []rule.ID
	if !credits.IsPositive() || credits.LessThan(decimal.NewFromInt(int64(t.CreditMinOrder))) {
		broken = append(broken, rule.CrdMinOrder)
	}
	if !sumOfBlocks(credits, t.CreditBlocks) {
		broken = append(broken, rule.CrdBlocks)
	}
	if !discount.IsZero() {
		broken = append(broken, rule.CrdNoDiscount)
	}
	if !local {
		broken = append(broken, rule.CrdLocal)
	}
	return broken
}

// lot is one purchase's credits and what is left of them.
type lot struct {
	start, end time.Time // usable in [start, end) (CRD-VALIDITY)
	left       decimal.Decimal
}

// event is a purchase or a call-off of the history.
type event struct {
	at       time.Time
	purchase *Purchase
	callOff  *CallOffRecord
}

// history orders an account's events in time, purchases before call-offs at
// one instant, each list in file order otherwise.
func history(acct *CreditAccount) []event {
	var evs []event
	for i := range acct.Purchases {
		evs = append(evs, event{at: acct.Purchases[i].At, purchase: &acct.Purchases[i]})
	}
	for i := range acct.CallOffs {
		evs = append(evs, event{at: acct.CallOffs[i].At, callOff: &acct.CallOffs[i]})
	}
	sort.SliceStable(evs, func(i, j int) bool {
		if !evs[i].at.Equal(evs[j].at) {
			return evs[i].at.Before(evs[j].at)
		}
		return evs[i].purchase != nil && evs[j].callOff != nil
	})
	return evs
}

// available sums the credits of lots usable at at.
func available(lots []*lot, at time.Time) decimal.Decimal {
	sum := decimal.Zero
	for _, l := range lots {
		if !at.Before(l.start) && at.Before(l.end) {
			sum = sum.Add(l.left)
		}
	}
	return sum
}

// spend takes credits from the oldest lots usable at at (CRD-VALIDITY).
func spend(lots []*lot, credits decimal.Decimal, at time.Time) {
	for _, l := range lots { // lots are in purchase order
		if credits.IsZero() {
			return
		}
		if at.Before(l.start) || !at.Before(l.end) || l.left.IsZero() {
			continue
		}
		take := decimal.Min(l.left, credits)
		l.left = l.left.Sub(take)
		credits = credits.Sub(take)
	}
}

// replay plays the events dated at or before limit (SCENARIOS.md: "the
// history dated at or before its at counts") and returns the lots, the
// credits purchased and used. A call-off the history could not afford is an
// error.
func replay(t Terms, acct *CreditAccount, limit time.Time) ([]*lot, decimal.Decimal, decimal.Decimal, error) {
	var lots []*lot
	purchased, used := decimal.Zero, decimal.Zero
	for _, e := range history(acct) {
		if e.at.After(limit) {
			break
		}
		if e.purchase != nil {
			lots = append(lots, &lot{start: e.at, end: addMonths(e.at, t.CreditValidityMonths), left: e.purchase.Credits})
			purchased = purchased.Add(e.purchase.Credits)
			continue
		}
		if available(lots, e.at).LessThan(e.callOff.Credits) {
			return nil, decimal.Zero, decimal.Zero, fmt.Errorf("call-off at %s: not enough credits", e.at.Format(time.RFC3339Nano))
		}
		spend(lots, e.callOff.Credits, e.at)
		used = used.Add(e.callOff.Credits)
	}
	return lots, purchased, used, nil
}

func (w *World) account(id string) (*CreditAccount, error) {
	for i := range w.CreditAccounts {
		if w.CreditAccounts[i].ID == id {
			return &w.CreditAccounts[i], nil
		}
	}
	return nil, fmt.Errorf("no credit account %q", id)
}

// callOffBroken is every rule a call-off of credits for e breaks, given the
// credits available.
func callOffBroken(t Terms, kind string, credits decimal.Decimal, e Engagement, avail decimal.Decimal) []rule.ID {
	var broken []rule.ID
	if !e.PurchaseOrder || !e.StatementOfWork {
		broken = append(broken, rule.CrdCallOffPO)
	}
	if e.Pricing != "fixed" || !e.DefinedScope {
		broken = append(broken, rule.CrdScope)
	}
	if !contains([]string{"assessment", "design", "deployment", "migration"}, e.Type) {
		broken = append(broken, rule.CrdTypes)
	}
	whole := credits.IsInteger()
	under := func(min int) bool { return !whole || credits.LessThan(decimal.NewFromInt(int64(min))) }
	switch {
	case kind == "professional":
		if under(t.ProfessionalMinCallOff) {
			broken = append(broken, rule.CrdMinCallOff)
		}
	case e.Professional:
		if under(t.FlexibleMinCallOff) {
			broken = append(broken, rule.CrdFlexMin)
		}
	default:
		if under(t.FlexibleOtherMinCallOff) {
			broken = append(broken, rule.CrdFlex)
		}
	}
	// A call-off broken on its own is refused for good on those grounds
	// alone (RULES.md's table: until never); the balance is asked only of
	// a call-off that is otherwise valid.
	if len(broken) == 0 && credits.GreaterThan(avail) {
		broken = append(broken, rule.CrdValidity)
	}
	return broken
}

// ValidCallOffs keeps, in time order, the call-offs of acct that were
// allowed when they happened given the ones kept before them: what a
// recorded history may hold.
func ValidCallOffs(t Terms, acct CreditAccount) []CallOffRecord {
	candidates := append([]CallOffRecord(nil), acct.CallOffs...)
	sort.SliceStable(candidates, func(i, j int) bool { return candidates[i].At.Before(candidates[j].At) })
	kept := CreditAccount{ID: acct.ID, Kind: acct.Kind, Purchases: acct.Purchases}
	for _, c := range candidates {
		// At its own instant a call-off sees the purchases of that instant
		// and the call-offs kept before it.
		lots, _, _, err := replay(t, &kept, c.At)
		if err != nil {
			panic(err) // kept call-offs were affordable
		}
		if len(callOffBroken(t, acct.Kind, c.Credits, c.Engagement, available(lots, c.At))) == 0 {
			kept.CallOffs = append(kept.CallOffs, c)
		}
	}
	return kept.CallOffs
}

// PurchaseAllowed reports whether a recorded purchase was a valid order.
func PurchaseAllowed(t Terms, p Purchase) bool {
	return len(purchaseBroken(t, p.Credits, p.Discount, p.LocalEntity)) == 0
}

// callOff: may these credits be called off now.
func callOff(w *World, r Request, at time.Time) (answer, error) {
	acct, err := w.account(r.Account)
	if err != nil {
		return answer{}, err
	}
	lots, _, _, err := replay(w.Terms, acct, at)
	if err != nil {
		return answer{}, err
	}
	avail := available(lots, at)
	broken := callOffBroken(w.Terms, acct.Kind, r.Credits, r.Engagement, avail)
	var a answer
	if len(broken) > 0 {
		a = deny(broken...)
	} else {
		a = allow(rule.CrdValidity) // the oldest unexpired credits pay
		a.Values = map[string]decimal.Decimal{"balance": avail.Sub(r.Credits)}
	}
	// CRD-FLEX is the validity of Flexible Services Credits ("redeemed within
	// 12 months"): cited beside CRD-VALIDITY for them.
	if acct.Kind == "flexible" && contains(a.Rules, rule.CrdValidity) && !contains(a.Rules, rule.CrdFlex) {
		a.Rules = append(a.Rules, rule.CrdFlex)
	}
	a.candidates = creditInstants(w.Terms, acct)
	return a, nil
}

// creditInstants are the instants an account's answers can change at: every
// event's own instant and every lot's end.
func creditInstants(t Terms, acct *CreditAccount) []time.Time {
	var ts []time.Time
	for _, e := range history(acct) {
		ts = append(ts, e.at)
	}
	for _, p := range acct.Purchases {
		ts = append(ts, addMonths(p.At, t.CreditValidityMonths))
	}
	return ts
}

// creditStatement: the running totals as of the quarter's last instant, or
// as of at when the quarter has not ended by then (CRD-STATEMENT).
func creditStatement(w *World, r Request, at time.Time) (answer, error) {
	acct, err := w.account(r.Account)
	if err != nil {
		return answer{}, err
	}
	last := quarterStart(r.QuarterYear, r.Quarter).AddDate(0, 3, 0).Add(-time.Nanosecond)
	asOf := at
	if last.Before(asOf) {
		asOf = last
	}
	lots, purchased, used, err := replay(w.Terms, acct, asOf)
	if err != nil {
		return answer{}, err
	}
	expired, avail := decimal.Zero, decimal.Zero
	for _, l := range lots {
		if !asOf.Before(l.end) { // lapsed by then
			expired = expired.Add(l.left)
		} else {
			avail = avail.Add(l.left)
		}
	}
	// A statement cites CRD-STATEMENT alone, for either kind of credits:
	// RULES.md asks no more, and the credits package cites CRD-FLEX only on
	// purchases and call-offs.
	a := allow(rule.CrdStatement)
	a.Values = map[string]decimal.Decimal{"purchased": purchased, "used": used, "expired": expired, "available": avail}
	a.candidates = creditInstants(w.Terms, acct)
	return a, nil
}
