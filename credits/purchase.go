package credits

import (
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

// Order is a purchase order for credits as placed. Its zero value is
// refused: no credits, and not placed through the local entity.
type Order struct {
	// Credits ordered: a sum of the terms' blocks (CRD-BLOCKS), at least the
	// minimum order (CRD-MIN-ORDER).
	Credits decimal.Decimal
	// Discount asked on the order; anything but zero is refused
	// (CRD-NO-DISCOUNT). The zero Decimal is no discount.
	Discount decimal.Decimal
	// LocalEntity says the order goes through the local entity under local
	// delivery requirements (CRD-LOCAL). SCENARIOS.md defaults localEntity to
	// true; a Go caller says so explicitly, since the zero value refuses.
	LocalEntity bool
}

// Purchase is a recorded purchase: an order placed at an instant. Each
// purchase is a lot of credits, usable in [At, At + validity months). The
// zero Purchase is refused by NewLedger: it has no ID and no instant.
type Purchase struct {
	// ID names the purchase; non-empty and unique within a ledger.
	ID string
	// At is when it was placed and invoiced.
	At time.Time
	Order
}

// PurchaseResult is the answer to an order of credits: the [rule.Verdict]
// every domain answers with, and the credits ordered. It is filled on both
// outcomes; Err gives a refusal as an error. Its Reason names the order.
//
// The Verdict's Rules, allowed: CRD-INVOICE, then CRD-FLEX for Flexible
// Services Credits; refused: every rule the order breaks (see
// CheckPurchase). Its Obligations, allowed: the invoice (CRD-INVOICE), kind
// rule.Invoice, subject the credit kind ("professional"), and no Due: it
// is due at once, on placing the order, whenever that is, so the answer
// holds for good as RULES.md's table says. Until is the zero time: whether
// an order may be placed depends on the order and the terms alone, never
// on when it is asked. The zero PurchaseResult is a refusal citing no
// rule, which CheckPurchase returns only beside an error.
type PurchaseResult struct {
	rule.Verdict
	// Credits ordered: all invoiced when allowed.
	Credits decimal.Decimal
}

func allowPurchase(kind Kind, o Order) PurchaseResult {
	rules := rulesPurchase
	if kind == Flexible {
		rules = rulesFlexPurchase
	}
	// CRD-INVOICE: invoiced 100% at the time of purchase, so due on placing
	// the order rather than at an instant of its own.
	return PurchaseResult{
		Verdict: rule.Verdict{Allowed: true, Rules: rules, Reason: purchaseReason(o.Credits, kind),
			Obligations: rule.ObligationsOf(rule.Obligation{Kind: rule.Invoice, Rule: rule.CrdInvoice, Subject: kind.String()})},
		Credits: o.Credits,
	}
}

// Shared rule lists of allowed purchases.
var (
	rulesPurchase     = rule.ListOf(rule.CrdInvoice)
	rulesFlexPurchase = rule.ListOf(rule.CrdInvoice, rule.CrdFlex)
)

// checkAmounts refuses absurd amounts; name says what the order is, built
// only on failure.
func (o Order) checkAmounts(name func() string) error {
	if err := checkAmount(o.Credits, func() string { return name() + " credits" }); err != nil {
		return err
	}
	return checkAmount(o.Discount, func() string { return name() + " discount" })
}

// check returns the violation of every purchase rule o breaks, or nil,
// about subject; the caller names the order in the reason.
func (o Order) check(kind Kind, kt KindTerms, blocks blockTable, subject string) *rule.Violation {
	var vs []*rule.Violation
	// CRD-MIN-ORDER: at least the minimum order, and something at all.
	switch {
	case o.Credits.Sign() <= 0:
		vs = append(vs, rule.Errorf([]rule.ID{rule.CrdMinOrder}, subject,
			"%s credits is not a positive amount", o.Credits))
	case o.Credits.LessThan(kt.MinOrder):
		vs = append(vs, rule.Errorf([]rule.ID{rule.CrdMinOrder}, subject,
			"under the minimum order of %s", kt.MinOrder))
	}
	// CRD-BLOCKS: a sum of blocks; a partial credit never is.
	if !blocks.sums(o.Credits) {
		vs = append(vs, rule.Errorf([]rule.ID{rule.CrdBlocks}, subject,
			"not a sum of blocks %s", joinDecimals(kt.Blocks)))
	}
	// CRD-NO-DISCOUNT: credits are not discountable.
	if !o.Discount.IsZero() {
		vs = append(vs, rule.Errorf([]rule.ID{rule.CrdNoDiscount}, subject,
			"a discount of %s, and credits are not discountable", o.Discount))
	}
	// CRD-LOCAL: ordered through the local entity.
	if !o.LocalEntity {
		vs = append(vs, rule.Errorf([]rule.ID{rule.CrdLocal}, subject,
			"not placed through the local entity"))
	}
	v := rule.Merge(vs...)
	if v != nil && kind == Flexible {
		// CRD-FLEX: Flexible Services Credits are bought under their own terms.
		v.Rules = v.Rules.Append(rule.CrdFlex)
	}
	return v
}

func joinDecimals(ds []decimal.Decimal) string {
	s := ""
	for i, d := range ds {
		if i > 0 {
			s += ", "
		}
		s += d.String()
	}
	return s
}
