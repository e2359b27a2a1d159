// Command orderfulfilment fulfils the lines of a sales order. The seed says
// "You can request fulfillment (ship) dates based on your requirements"
// (ENT-SHIP); the business system "fulfills (ships) a license and sends a
// Fulfillment Email to all email addresses that are included on the Sales
// Order" (ENT-EMAIL); "When the system fulfills (ships) a license, it also
// automatically creates an Entitlement record" (ENT-AUTO); the "Subscription
// timer begins when a subscription license is fulfilled (shipped). Initial
// subscriptions add a 30-day grace period" (ENT-TIMER, ENT-GRACE); and
// "Certain heritage products do not use the JAL system. Even for those
// products, the Juniper system provides a Fulfillment Email" (ENT-HERITAGE).
// Every answer comes from policy.Engine.
//
//	go run ./examples/orderfulfilment
package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/licensepolicy/licensepolicy/entitlement"
	"github.com/licensepolicy/licensepolicy/examples/internal/walkthrough"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "orderfulfilment:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	e, err := policy.NewEngine(policy.DefaultCatalog(), policy.DefaultTerms())
	if err != nil {
		return err
	}
	order, err := e.NewOrder(entitlement.OrderSpec{
		ID:       "SO-1001",
		Accounts: []string{"acme-customer", "netco-partner"},
		// The same address twice, in other case: it gets one email.
		Emails: []string{"noc@acme.example", "buyer@netco.example", "NOC@acme.example"},
		Lines: []entitlement.Line{
			{ID: "10", Product: "MX", Kind: license.Subscription, Tier: license.Advanced, TermYears: 3,
				Features: []string{"bgp", "mpls"}, Quantity: 2, ShipDate: date(2025, 3, 3)},
			{ID: "20", Product: "vSRX", Kind: license.Subscription, Tier: license.Premium, TermYears: 1,
				Features: []string{"idp"}, Quantity: 1, ShipDate: date(2025, 3, 17), Renewal: true},
			{ID: "30", Product: "EX", Kind: license.Perpetual, Tier: license.Standard,
				Features: []string{"vlan"}, Quantity: 1, ShipDate: date(2025, 3, 3)},
			{ID: "40", Product: "Northstar Controller", Kind: license.Perpetual, Tier: license.Standard,
				Features: []string{"path-optimization"}, Quantity: 1, ShipDate: date(2025, 4, 1)},
		},
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "order %s for accounts %s, emails to %s\n",
		order.ID(), strings.Join(order.Accounts(), ", "), strings.Join(order.Emails(), ", "))
	for _, l := range order.Lines() {
		fmt.Fprintf(w, "  line %s: %d x %s %s %s, ships %s\n", l.ID, l.Quantity, l.Product, l.Kind, l.Tier, walkthrough.Stamp(l.ShipDate))
	}
	fmt.Fprintln(w)

	a := walkthrough.Asker{W: w, Engine: e}
	fulfil := func(line string) policy.Request { return policy.FulfilLine{Order: order, Line: line} }
	fmt.Fprintln(w, "# line 10: two initial MX subscriptions of three years")
	a.Ask(date(2025, 3, 1), "fulfil line 10 two days before its ship date", fulfil("10"))
	a.Ask(date(2025, 3, 3).Add(-time.Nanosecond), "fulfil line 10 one instant before its ship date", fulfil("10"))
	a.Ask(date(2025, 3, 3), "fulfil line 10 on its ship date", fulfil("10"))
	a.Ask(date(2025, 6, 1), "fulfil line 10 again in June", fulfil("10"))

	fmt.Fprintln(w, "\n# line 20: a vSRX subscription bought as a renewal, without grace")
	a.Ask(date(2025, 3, 17), "fulfil line 20 on its ship date", fulfil("20"))

	fmt.Fprintln(w, "\n# line 30: a perpetual EX license, whose entitlement never ends")
	a.Ask(date(2025, 3, 3), "fulfil line 30 on its ship date", fulfil("30"))

	fmt.Fprintln(w, "\n# line 40: Northstar Controller, a heritage product")
	a.Ask(date(2025, 3, 3), "fulfil line 40 before its ship date", fulfil("40"))
	a.Ask(date(2025, 4, 1), "fulfil line 40 on its ship date", fulfil("40"))

	fmt.Fprintln(w, "\n# a line the order does not have")
	a.Ask(date(2025, 4, 1), "fulfil line 50", fulfil("50"))
	return a.Err
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
