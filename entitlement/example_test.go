package entitlement_test

import (
	"fmt"
	"time"

	"github.com/licensepolicy/licensepolicy/entitlement"
	"github.com/licensepolicy/licensepolicy/license"
)

// A customer and its partner order two MX subscriptions shipping on March 1;
// fulfilment creates one entitlement per unit, the partner's contact sees
// them, and one of them, installed on a router, is a license in its grace a
// year later.
func Example() {
	env := entitlement.DefaultProgram()
	ship := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	order, err := env.NewOrder(entitlement.OrderSpec{
		ID:       "SO1",
		Accounts: []string{"ACME", "PARTNER-7"},
		Emails:   []string{"ops@acme.example", "lic@partner.example"},
		Lines: []entitlement.Line{{
			ID: "L1", Product: "MX", Kind: license.Subscription, Tier: license.Advanced,
			TermYears: 1, Features: []string{"bgp"}, Quantity: 2, ShipDate: ship,
		}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	f := order.Fulfil("L1", ship)
	fmt.Println(f.Allowed, f.Rules.IDs())
	for _, e := range f.Entitlements() {
		fmt.Println(e.ID, e.Start.Format(time.DateOnly), e.End.Format(time.DateOnly))
	}

	partner := entitlement.MustNewContact("C7", []string{"PARTNER-7"})
	fmt.Println(order.View(partner, "L1", ship).Allowed)

	router, _ := env.License().NewDevice("SN-1", "MX", "")
	lic, _ := f.Entitlements()[0].License(env.License(), router)
	fmt.Println(lic.StandingAt(time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)).State)
	// Output:
	// true [ENT-AUTO ENT-SHIP ENT-EMAIL ENT-TIMER ENT-GRACE]
	// SO1/L1/1 2025-03-01 2026-03-31
	// SO1/L1/2 2025-03-01 2026-03-31
	// true
	// in-grace
}

// Fulfilment is refused before the ship date, until it; from it on, one
// email goes to each distinct address and a heritage product gets no
// entitlement.
func ExampleOrder_Fulfil() {
	env := entitlement.DefaultProgram()
	ship := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	order := env.MustNewOrder(entitlement.OrderSpec{
		ID:       "SO2",
		Accounts: []string{"ACME"},
		Emails:   []string{"ops@acme.example", "OPS@acme.example", "noc@acme.example"},
		Lines: []entitlement.Line{{
			ID: "L1", Product: "Northstar Controller", Kind: license.Perpetual, Tier: license.Standard,
			Features: []string{"planner"}, Quantity: 3, ShipDate: ship,
		}},
	})

	early := order.Fulfil("L1", ship.Add(-time.Hour))
	fmt.Println(early.Err(), "until", early.Until.Format(time.RFC3339))

	f := order.Fulfil("L1", ship)
	fmt.Println(f.Rules.IDs(), len(f.Entitlements()), "entitlements")
	for _, o := range f.Obligations.Slice() {
		fmt.Println(o.Kind, o.Rule, o.Subject, o.Due.Format(time.DateOnly))
	}
	// Output:
	// ENT-SHIP: SO2/L1: the line is not fulfilled before its ship date until 2025-03-01T00:00:00Z
	// [ENT-HERITAGE ENT-SHIP ENT-EMAIL] 0 entitlements
	// email ENT-EMAIL noc@acme.example 2025-03-01
	// email ENT-EMAIL ops@acme.example 2025-03-01
}

// A contact sees an entitlement only through a shared account; anyone else
// learns only that it is not visible to them.
func ExampleOrder_View() {
	env := entitlement.DefaultProgram()
	ship := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	order := env.MustNewOrder(entitlement.OrderSpec{
		ID: "SO3", Accounts: []string{"ACME"}, Emails: []string{"ops@acme.example"},
		Lines: []entitlement.Line{{
			ID: "L1", Product: "vSRX", Kind: license.Perpetual, Tier: license.Standard,
			Features: []string{"firewall"}, Quantity: 1, ShipDate: ship,
		}},
	})
	customer, _ := entitlement.NewContact("C1", []string{"ACME"})
	stranger, _ := entitlement.NewContact("C2", []string{"GLOBEX"})

	fmt.Println(order.View(customer, "L1", ship.Add(-time.Nanosecond)).Err())
	fmt.Println(order.View(customer, "L1", ship).Allowed)
	fmt.Println(order.View(stranger, "L1", ship).Err())
	// Output:
	// ENT-SHIP: SO3/L1: the line has not shipped: its entitlement does not exist yet
	// true
	// ENT-VISIBLE: C2: the entitlement is not visible to this contact
}
