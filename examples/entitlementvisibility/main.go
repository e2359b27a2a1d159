// Command entitlementvisibility asks who may see the entitlements of a sales
// order. The seed says "Sales Orders might include multiple Account IDs for
// customers and partners. Just as for hardware and service sales, account
// IDs control which licenses are assigned and visible" (ENT-ORDER), and
// "Customer Care helps to ensure that your user Contact ID is associated with
// the correct Account IDs to provide visibility of all your Entitlements"
// (ENT-VISIBLE); heritage products "do not use the JAL system" and so have no
// entitlement to see (ENT-HERITAGE). Every answer comes from policy.Engine.
//
//	go run ./examples/entitlementvisibility
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
		fmt.Fprintln(os.Stderr, "entitlementvisibility:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	e, err := policy.NewEngine(policy.DefaultCatalog(), policy.DefaultTerms())
	if err != nil {
		return err
	}
	order, err := e.NewOrder(entitlement.OrderSpec{
		ID:       "SO-2002",
		Accounts: []string{"acme-customer", "netco-partner"},
		Emails:   []string{"noc@acme.example"},
		Lines: []entitlement.Line{
			{ID: "10", Product: "QFX", Kind: license.Subscription, Tier: license.Premium, TermYears: 5,
				Features: []string{"evpn-vxlan"}, Quantity: 1, ShipDate: date(2025, 5, 5)},
			{ID: "20", Product: "ATP Appliance", Kind: license.Perpetual, Tier: license.Standard,
				Features: []string{"malware-analysis"}, Quantity: 1, ShipDate: date(2025, 5, 5)},
		},
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "order %s for accounts %s; line 10 QFX subscription, line 20 ATP Appliance (heritage); both ship %s\n",
		order.ID(), strings.Join(order.Accounts(), ", "), walkthrough.Stamp(date(2025, 5, 5)))

	var contacts []entitlement.Contact
	for _, c := range []struct {
		id       string
		accounts []string
	}{
		{"alice", []string{"acme-customer"}},
		{"bob", []string{"globex-customer", "netco-partner"}},
		{"carol", []string{"globex-customer"}},
	} {
		contact, err := entitlement.NewContact(c.id, c.accounts)
		if err != nil {
			return err
		}
		contacts = append(contacts, contact)
		fmt.Fprintf(w, "contact %s: accounts %s\n", contact.ID(), strings.Join(contact.Accounts(), ", "))
	}
	alice, bob, carol := contacts[0], contacts[1], contacts[2]
	fmt.Fprintln(w)

	a := walkthrough.Asker{W: w, Engine: e}
	view := func(c entitlement.Contact, line string) policy.Request {
		return policy.ViewEntitlement{Contact: c, Order: order, Line: line}
	}
	fmt.Fprintln(w, "# before the order ships")
	a.Ask(date(2025, 5, 1), "may alice see line 10", view(alice, "10"))
	a.Ask(date(2025, 5, 1), "may carol see line 10", view(carol, "10"))

	fmt.Fprintln(w, "\n# once it has shipped")
	a.Ask(date(2025, 6, 1), "may alice (the customer's account) see line 10", view(alice, "10"))
	a.Ask(date(2025, 6, 1), "may bob (the partner's account) see line 10", view(bob, "10"))
	a.Ask(date(2025, 6, 1), "may carol (another customer's account) see line 10", view(carol, "10"))
	a.Ask(date(2025, 6, 1), "may alice see line 20, a heritage product", view(alice, "20"))
	a.Ask(date(2025, 6, 1), "may carol see line 20, a heritage product", view(carol, "20"))
	a.Ask(date(2025, 6, 1), "may carol see line 99, which does not exist", view(carol, "99"))
	return a.Err
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
