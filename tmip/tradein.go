package tmip

import (
	"fmt"
	"strings"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// TradeIn is one item offered for trade-in, with what is known about it:
// the item, its condition, the product it counts toward, its support
// contract, and the dates of the order, shipment, return or destruction.
//
// It has no country: the program runs in every country Juniper does business
// in (TMIP-GLOBAL), so where the customer is never refuses anything. The
// zero TradeIn is refused by NewBook: it has no ID, SKU, serial, new
// product or condition.
type TradeIn struct {
	// ID names the trade-in; non-empty and unique within a Book.
	ID string
	// Partner says the buyer is a partner, who is expected to pass the
	// discount on to the end customer (TMIP-PASS-ON, an advisory).
	Partner bool
	// SKU is the returned item's SKU, looked up in the Catalog
	// (TMIP-ELIGIBLE); required.
	SKU string
	// Serial is the returned item's serial number; required.
	Serial string
	// Condition is the item's declared condition (TMIP-CONDITION).
	Condition Condition
	// NewProduct names the new product the trade-in counts toward
	// (TMIP-ONE-FOR-ONE); required.
	NewProduct string
	// OtherPromotion says the order also uses another promotion
	// (TMIP-COMBINE).
	OtherPromotion bool
	// Support is the item's support contract (TMIP-SUPPORT); nil when none
	// is given, and then there is no discount to compute.
	Support *Contract
	// Ordered is when the new equipment was ordered: the discount granted
	// is the one assessed then (TMIP-AT-ORDER), and a claw-back repays it.
	// Absent (the zero Instant): not ordered yet.
	Ordered Instant
	// NewEquipmentShipped is when the new equipment shipped: the return
	// deadline runs from it (TMIP-RETURN). Absent: not shipped yet.
	NewEquipmentShipped Instant
	// Returned is when the item was returned. Absent: not returned.
	Returned Instant
	// Destruction is the Certificate of Destruction delivered instead of
	// returning the item; nil when none.
	Destruction *Certificate
}

// clone returns a deep copy of t with its instants in UTC, so that a Book
// shares nothing with its caller.
func (t TradeIn) clone() TradeIn {
	t.Ordered = t.Ordered.utc()
	t.NewEquipmentShipped = t.NewEquipmentShipped.utc()
	t.Returned = t.Returned.utc()
	if t.Support != nil {
		c := *t.Support
		c.Start, c.End = utc(c.Start), utc(c.End)
		t.Support = &c
	}
	if t.Destruction != nil {
		c := *t.Destruction
		c.Signed = utc(c.Signed)
		t.Destruction = &c
	}
	return t
}

// copy returns a deep copy of t for a caller, so that changing it leaves the
// Book as it was.
func (t TradeIn) copy() TradeIn {
	if t.Support != nil {
		c := *t.Support
		t.Support = &c
	}
	if t.Destruction != nil {
		c := *t.Destruction
		t.Destruction = &c
	}
	return t
}

func utc(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC()
}

// check returns a violation naming every problem of t as input, or nil.
// It is about bad input only; whether t is eligible is Assess's question.
// The support contract, when valid, is returned ready for evaluation.
func (t TradeIn) check() (support, *rule.Violation) {
	var vs []*rule.Violation
	bad := func(id rule.ID, reason string) {
		vs = append(vs, rule.Errorf([]rule.ID{id}, t.ID, "%s", reason))
	}
	if t.SKU == "" {
		bad(rule.TmipEligible, "no SKU")
	}
	if t.Serial == "" {
		bad(rule.TmipSwap, "no serial number")
	}
	if !t.Condition.Network.IsValid() {
		bad(rule.TmipCondition, fmt.Sprintf("condition has no valid network (got %s; want one of %s)",
			t.Condition.Network, strings.Join(networks.Names(), ", ")))
	}
	if !t.Condition.Channel.IsValid() {
		bad(rule.TmipCondition, fmt.Sprintf("condition has no valid channel (got %s; want one of %s)",
			t.Condition.Channel, strings.Join(channels.Names(), ", ")))
	}
	if t.NewProduct == "" {
		bad(rule.TmipOneForOne, "no new product to count toward")
	}
	for _, at := range []struct {
		name string
		at   Instant
		rule rule.ID
	}{
		{"ordered", t.Ordered, rule.TmipAtOrder},
		{"newEquipmentShipped", t.NewEquipmentShipped, rule.TmipReturn},
		{"returned", t.Returned, rule.TmipReturn},
	} {
		if !at.at.inRange() {
			bad(at.rule, fmt.Sprintf("%s %s is not in years 0000 to 9999", at.name, at.at))
		}
	}
	var s support
	if t.Support != nil {
		var problems []string
		s, problems = newSupport(*t.Support)
		for _, p := range problems {
			bad(rule.TmipSupport, p)
		}
	}
	if d := t.Destruction; d != nil {
		if d.Signed.IsZero() {
			bad(rule.TmipReturn, "certificate of destruction has no signing instant")
		}
		if !d.SignerTitle.IsValid() {
			bad(rule.TmipSigner, fmt.Sprintf("certificate of destruction has an unknown signer title %s (want one of %s)",
				d.SignerTitle, strings.Join(titles.Names(), ", ")))
		}
	}
	v := rule.Merge(vs...)
	if v != nil {
		v.Reason = "trade-in " + t.ID + ": " + v.Reason
	}
	return s, v
}
