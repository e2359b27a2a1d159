package entitlement

import (
	"slices"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// ship is the ship instant of the sample order's lines.
var ship = day("2025-03-01")

// sampleSpec is an order of a customer and a partner: two MX subscription
// units, one perpetual vSRX renewal-free line and a heritage Northstar line.
func sampleSpec() OrderSpec {
	return OrderSpec{
		ID:       "SO1",
		Accounts: []string{"ACME", "PARTNER-7"},
		Emails:   []string{"ops@acme.example", "lic@partner.example", "OPS@acme.example", "ops@ACME.example"},
		Lines: []Line{
			{ID: "L1", Product: "MX", Kind: license.Subscription, Tier: license.Advanced, TermYears: 1, Features: []string{"bgp", "mpls"}, Quantity: 2, ShipDate: ship},
			{ID: "L2", Product: "vSRX", Kind: license.Perpetual, Tier: license.Standard, Features: []string{"firewall"}, Quantity: 1, ShipDate: day("2025-04-01")},
			{ID: "L3", Product: "Northstar Controller", Kind: license.Subscription, Tier: license.Premium, TermYears: 3, Features: []string{"planner"}, Quantity: 5, ShipDate: ship},
			{ID: "L4", Product: "PTX", Kind: license.Subscription, Tier: license.Standard, TermYears: 1, Features: []string{"bgp"}, Quantity: 1, ShipDate: ship, Renewal: true},
		},
	}
}

func sampleOrder(t testing.TB) Order {
	t.Helper()
	o, err := DefaultProgram().NewOrder(sampleSpec())
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func rulesOf(ids ...rule.ID) []rule.ID { return ids }

func sameRules(a, b []rule.ID) bool { return slices.Equal(a, b) }
