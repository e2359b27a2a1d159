package reference

import (
	"fmt"
	"strings"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

func (w *World) orderLine(orderID, lineID string) (*Order, *Line, error) {
	for i := range w.Orders {
		o := &w.Orders[i]
		if o.ID != orderID {
			continue
		}
		for j := range o.Lines {
			if o.Lines[j].ID == lineID {
				return o, &o.Lines[j], nil
			}
		}
		return o, nil, nil
	}
	return nil, nil, fmt.Errorf("no order %q", orderID)
}

func (w *World) heritage(product string) bool { return contains(w.Catalog.Heritage, product) }

// Heritage is heritage, exported for the differential test's generator.
func (w *World) Heritage(product string) bool { return w.heritage(product) }

// fulfilLine: may the line be fulfilled now, and what fulfilment does
// (ENT-SHIP, ENT-AUTO, ENT-EMAIL, ENT-HERITAGE, ENT-TIMER, ENT-GRACE).
func fulfilLine(w *World, r Request, at time.Time) (answer, error) {
	o, l, err := w.orderLine(r.Order, r.Line)
	if err != nil {
		return answer{}, err
	}
	if l == nil {
		return deny(rule.EntOrder), nil
	}
	if at.Before(l.ShipDate) {
		a := deny(rule.EntShip)
		a.candidates = []time.Time{l.ShipDate}
		return a, nil
	}
	heritage := w.heritage(l.Product)
	var a answer
	if heritage {
		a = allow(rule.EntHeritage, rule.EntShip, rule.EntEmail)
	} else {
		a = allow(rule.EntAuto, rule.EntShip, rule.EntEmail)
	}
	var due time.Time // perpetual: no end
	if l.Kind == "subscription" && !heritage {
		// A heritage product has no entitlement, hence no timer to start.
		a.Rules = append(a.Rules, rule.EntTimer)
		due = addYears(l.ShipDate, l.TermYears) // the timer starts at the ship date
		if l.Initial {
			a.Rules = append(a.Rules, rule.EntGrace)
			due = addDays(due, w.Terms.InitialGraceDays)
		}
	}
	// One email per distinct address, compared without case.
	seen := map[string]bool{}
	for _, e := range o.Emails {
		e = strings.ToLower(e)
		if seen[e] {
			continue
		}
		seen[e] = true
		a.Obligations = append(a.Obligations, rule.Obligation{Kind: rule.Email, Rule: rule.EntEmail, Due: l.ShipDate, Subject: e})
	}
	if !heritage {
		for unit := 1; unit <= l.Quantity; unit++ {
			a.Obligations = append(a.Obligations, rule.Obligation{Kind: rule.Entitlement, Rule: rule.EntAuto, Due: due,
				Subject: fmt.Sprintf("%s/%s/%d", o.ID, l.ID, unit)})
		}
	}
	return a, nil
}

// viewEntitlement: may the contact see the line's entitlement (ENT-VISIBLE).
func viewEntitlement(w *World, r Request, at time.Time) (answer, error) {
	var c *Contact
	for i := range w.Contacts {
		if w.Contacts[i].ID == r.Contact {
			c = &w.Contacts[i]
		}
	}
	if c == nil {
		return answer{}, fmt.Errorf("no contact %q", r.Contact)
	}
	o, l, err := w.orderLine(r.Order, r.Line)
	if err != nil {
		return answer{}, err
	}
	shared := false
	for _, acc := range c.Accounts {
		if contains(o.Accounts, acc) {
			shared = true
		}
	}
	if !shared || l == nil {
		return deny(rule.EntVisible), nil
	}
	var a answer
	shipped := !at.Before(l.ShipDate)
	switch {
	case w.heritage(l.Product) && !shipped:
		a = deny(rule.EntHeritage, rule.EntShip)
	case w.heritage(l.Product):
		a = deny(rule.EntHeritage)
	case !shipped:
		a = deny(rule.EntShip) // no entitlement exists yet
	default:
		a = allow(rule.EntVisible)
	}
	a.candidates = []time.Time{l.ShipDate}
	return a, nil
}
