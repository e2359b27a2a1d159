package entitlement

import (
	"slices"
	"strconv"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// Email is one fulfilment email (ENT-EMAIL): sent to one address of the
// order with the license details of the line. Its slices are shared with
// the fulfilment's other emails: never modify them. The zero Email is no
// email: fulfilment never sends one.
type Email struct {
	To        string
	Order     string
	Line      string
	Product   string
	Kind      license.Kind
	Tier      license.Tier
	TermYears int
	Features  []string
	Quantity  int
	ShipDate  time.Time
	// Entitlements are the IDs of the records created; none for a heritage
	// product, whose email carries the activation steps instead
	// (ENT-HERITAGE).
	Entitlements []string
	Heritage     bool
}

// Fulfilment is the answer to "may this line be fulfilled at this instant,
// and what does fulfilment do?". Allowed, it holds the entitlement records
// created (ENT-AUTO) and the emails sent (ENT-EMAIL), also stated as
// obligations: one rule.Email per address, due at the ship instant, and one
// rule.Entitlement per unit, due at the end of its period (zero when
// perpetual).
type Fulfilment struct {
	Verdict
	Entitlements []Entitlement
	Emails       []Email
}

// Fulfil answers whether line lineID of order o may be fulfilled at instant
// at and what fulfilment does.
//
// Before the line's ship date it is refused citing ENT-SHIP, until the ship
// date. From it on, fulfilment is the same whatever the instant, for good
// (Until zero): one entitlement per unit (ENT-AUTO) whose period starts at
// the ship instant (ENT-TIMER) and, for an initial subscription, ends
// initialGraceDays after its years (ENT-GRACE); none for a heritage product
// (ENT-HERITAGE); one email per distinct address of the order (ENT-EMAIL).
// Fulfilling twice gives equal results with the same entitlement IDs.
//
// An invalid order or an unknown line is refused citing ENT-ORDER, for good.
func (o Order) Fulfil(lineID string, at time.Time) Fulfilment {
	i := o.lineIndex(lineID)
	if !o.IsValid() || i < 0 {
		return Fulfilment{Verdict: Verdict{Rules: rulesUnknownLine, Reason: "the order has no such line", Subject: o.id + "/" + lineID}}
	}
	l, p := o.lines[i], o.periods[i]
	subject := o.id + "/" + l.ID
	if at.Before(l.ShipDate) {
		// ENT-SHIP: the line is fulfilled on its ship date, not before.
		return Fulfilment{Verdict: Verdict{Rules: rulesNotShipped, Reason: "the line is not fulfilled before its ship date", Until: l.ShipDate, Subject: subject}}
	}
	heritage := o.program.IsHeritage(l.Product)
	f := Fulfilment{Verdict: Verdict{Allowed: true, Subject: subject}}
	var ids []string
	var obl rule.ObligationsBuilder
	if heritage {
		// ENT-HERITAGE: no entitlement record, the email still goes out.
		f.Rules = rulesFulfilHeritage
		f.Reason = "the line ships: a heritage product gets fulfilment emails and no entitlement"
		obl.Grow(len(o.emails))
	} else {
		f.Rules = rulesFulfilPerpetual
		if l.Kind == license.Subscription {
			f.Rules = rulesFulfilRenewal
			if !l.Renewal {
				f.Rules = rulesFulfilInitial
			}
		}
		f.Reason = "the line ships: one entitlement per unit and fulfilment emails"
		obl.Grow(len(o.emails) + l.Quantity)
		f.Entitlements = make([]Entitlement, l.Quantity)
		ids = make([]string, l.Quantity)
		prefix := subject + "/"
		// One copy per fulfilment, shared by its records, so that no record
		// aliases the order.
		accounts, features := slices.Clone(o.accounts), slices.Clone(l.Features)
		for u := range l.Quantity {
			// ENT-AUTO: one record per unit, named by order, line and unit.
			id := prefix + strconv.Itoa(u+1)
			ids[u] = id
			f.Entitlements[u] = Entitlement{
				ID: id, Order: o.id, Line: l.ID, Unit: u + 1,
				Accounts: accounts, Product: l.Product, Kind: l.Kind, Tier: l.Tier,
				Features: features, TermYears: l.TermYears, Renewal: l.Renewal,
				Start: p.start, End: p.end,
			}
		}
	}
	f.Emails = make([]Email, len(o.emails))
	features := slices.Clone(l.Features)
	for k, addr := range o.emails {
		// ENT-EMAIL: every address of the order, once, with the details.
		f.Emails[k] = Email{
			To: addr, Order: o.id, Line: l.ID, Product: l.Product, Kind: l.Kind, Tier: l.Tier,
			TermYears: l.TermYears, Features: features, Quantity: l.Quantity, ShipDate: l.ShipDate,
			Entitlements: ids, Heritage: heritage,
		}
		obl.Add(rule.Obligation{Kind: rule.Email, Rule: rule.EntEmail, Due: l.ShipDate, Subject: addr})
	}
	for _, e := range f.Entitlements {
		obl.Add(rule.Obligation{Kind: rule.Entitlement, Rule: rule.EntAuto, Due: e.End, Subject: e.ID})
	}
	f.Obligations = obl.List()
	return f
}

// Rules of an allowed fulfilment, most specific first.
var (
	rulesFulfilHeritage  = rule.ListOf(rule.EntHeritage, rule.EntShip, rule.EntEmail)
	rulesFulfilPerpetual = rule.ListOf(rule.EntAuto, rule.EntShip, rule.EntEmail)
	rulesFulfilRenewal   = rule.ListOf(rule.EntAuto, rule.EntShip, rule.EntEmail, rule.EntTimer)
	rulesFulfilInitial   = rule.ListOf(rule.EntAuto, rule.EntShip, rule.EntEmail, rule.EntTimer, rule.EntGrace)
)
