package entitlement

import (
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// Email is one fulfilment email (ENT-EMAIL): sent to one address of the
// order with the license details of the line. Fulfilment.Emails returns
// copies whose slices are shared with the other emails of the same call
// only. The zero Email is no email: fulfilment never sends one.
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
// created (ENT-AUTO) and the emails sent (ENT-EMAIL), read through
// Entitlements and Emails, and also stated as obligations: one rule.Email
// per address, due at the ship instant, and one rule.Entitlement per unit,
// due at the end of its period (zero when perpetual). The zero Fulfilment
// is a refusal with no rule, no record and no email.
type Fulfilment struct {
	rule.Verdict
	// done is the line's fulfilment, shared with every other answer about
	// the line and never written after it is built; nil when refused.
	done *fulfilled
}

// Entitlements returns the records fulfilment creates, one per unit
// (ENT-AUTO), none when refused or for a heritage product. Each call
// returns new copies, in time and memory linear in the line's quantity:
// changing them changes no other answer. The records of one call share
// their Accounts and Features slices.
func (f Fulfilment) Entitlements() []Entitlement {
	if f.done == nil || len(f.done.entitlements) == 0 {
		return nil
	}
	out := slices.Clone(f.done.entitlements)
	accounts, features := slices.Clone(out[0].Accounts), slices.Clone(out[0].Features)
	for i := range out {
		out[i].Accounts, out[i].Features = accounts, features
	}
	return out
}

// Emails returns the emails fulfilment sends, one per distinct address of
// the order (ENT-EMAIL); none when refused. Each call returns new copies,
// in time and memory linear in the number of addresses plus the line's
// quantity (every email lists the records); the emails of one call share
// their Features and Entitlements slices.
func (f Fulfilment) Emails() []Email {
	if f.done == nil || len(f.done.emails) == 0 {
		return nil
	}
	out := slices.Clone(f.done.emails)
	features, ids := slices.Clone(out[0].Features), slices.Clone(out[0].Entitlements)
	for i := range out {
		out[i].Features, out[i].Entitlements = features, ids
	}
	return out
}

// fulfilled is what fulfilling one line does, the same at every instant
// from its ship date on: built once, on the first ask, and read only
// afterwards, so that asking again costs nothing of the line's quantity.
type fulfilled struct {
	verdict      rule.Verdict
	entitlements []Entitlement
	emails       []Email
}

// lineCache holds a line's fulfilment once it has been asked for; it is
// the order's, which every handle to the order reaches, and once guards
// its only write.
type lineCache struct {
	once sync.Once
	done *fulfilled
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
// Cost: the first allowed fulfilment of a line builds its records, emails
// and obligations, in time and memory linear in its quantity plus the
// order's addresses; the line keeps them, so every later Fulfil of it, on
// this Order or a copy, from any goroutine, takes constant time and
// allocates nothing. The Verdict shares the kept obligations, which no
// caller can change (rule.Obligations); Entitlements and Emails copy.
//
// An invalid order or an unknown line is refused citing ENT-ORDER, for good.
func (ord Order) Fulfil(lineID string, at time.Time) Fulfilment {
	o := ord.get()
	i, ok := o.lineAt[lineID]
	if !ord.IsValid() || !ok {
		return Fulfilment{Verdict: rule.Verdict{Rules: rulesUnknownLine, Reason: "the order has no such line", Subject: o.id + "/" + lineID}}
	}
	l := &o.lines[i]
	if at.Before(l.ShipDate) {
		// ENT-SHIP: the line is fulfilled on its ship date, not before.
		return Fulfilment{Verdict: rule.Verdict{Rules: rulesNotShipped, Reason: "the line is not fulfilled before its ship date", Until: l.ShipDate, Subject: o.id + "/" + l.ID}}
	}
	c := &o.cache[i]
	c.once.Do(func() { c.done = o.fulfil(i) })
	return Fulfilment{Verdict: c.done.verdict, done: c.done}
}

// fulfil builds line i's fulfilment.
func (o *order) fulfil(i int) *fulfilled {
	l, p := o.lines[i], o.periods[i]
	subject := o.id + "/" + l.ID
	heritage := o.program.IsHeritage(l.Product)
	f := &fulfilled{verdict: rule.Verdict{Allowed: true, Subject: subject}}
	var ids []string
	var obl rule.ObligationsBuilder
	if heritage {
		// ENT-HERITAGE: no entitlement record, the email still goes out.
		f.verdict.Rules = rulesFulfilHeritage
		f.verdict.Reason = "the line ships: a heritage product gets fulfilment emails and no entitlement"
		obl.Grow(len(o.emails))
	} else {
		f.verdict.Rules = rulesFulfilPerpetual
		if l.Kind == license.Subscription {
			f.verdict.Rules = rulesFulfilRenewal
			if !l.Renewal {
				f.verdict.Rules = rulesFulfilInitial
			}
		}
		f.verdict.Reason = "the line ships: one entitlement per unit and fulfilment emails"
		obl.Grow(len(o.emails) + l.Quantity)
		f.entitlements = make([]Entitlement, l.Quantity)
		ids = make([]string, l.Quantity)
		prefix := subject + "/"
		for u := range l.Quantity {
			// ENT-AUTO: one record per unit, named by order, line and unit.
			id := prefix + strconv.Itoa(u+1)
			ids[u] = id
			f.entitlements[u] = Entitlement{
				ID: id, Order: o.id, Line: l.ID, Unit: u + 1,
				Accounts: o.accounts, Product: l.Product, Kind: l.Kind, Tier: l.Tier,
				Features: l.Features, TermYears: l.TermYears, Renewal: l.Renewal,
				Start: p.start, End: p.end,
			}
		}
	}
	f.emails = make([]Email, len(o.emails))
	for k, addr := range o.emails {
		// ENT-EMAIL: every address of the order, once, with the details.
		f.emails[k] = Email{
			To: addr, Order: o.id, Line: l.ID, Product: l.Product, Kind: l.Kind, Tier: l.Tier,
			TermYears: l.TermYears, Features: l.Features, Quantity: l.Quantity, ShipDate: l.ShipDate,
			Entitlements: ids, Heritage: heritage,
		}
		obl.Add(rule.Obligation{Kind: rule.Email, Rule: rule.EntEmail, Due: l.ShipDate, Subject: addr})
	}
	for _, e := range f.entitlements {
		obl.Add(rule.Obligation{Kind: rule.Entitlement, Rule: rule.EntAuto, Due: e.End, Subject: e.ID})
	}
	f.verdict.Obligations = obl.List()
	return f
}

// Rules of an allowed fulfilment, most specific first.
var (
	rulesFulfilHeritage  = rule.ListOf(rule.EntHeritage, rule.EntShip, rule.EntEmail)
	rulesFulfilPerpetual = rule.ListOf(rule.EntAuto, rule.EntShip, rule.EntEmail)
	rulesFulfilRenewal   = rule.ListOf(rule.EntAuto, rule.EntShip, rule.EntEmail, rule.EntTimer)
	rulesFulfilInitial   = rule.ListOf(rule.EntAuto, rule.EntShip, rule.EntEmail, rule.EntTimer, rule.EntGrace)
)
