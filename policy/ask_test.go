package policy_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/credits"
	"github.com/licensepolicy/licensepolicy/entitlement"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/shopspring/decimal"
)

// askFacts are one valid fact of each kind, built under engine(t).
type askFacts struct {
	lic     license.License
	to      license.Device
	order   entitlement.Order
	contact entitlement.Contact
	ledger  credits.Ledger
}

func newAskFacts(t *testing.T) askFacts {
	e := engine(t)
	order, err := e.NewOrder(entitlement.OrderSpec{ID: "SO1", Accounts: []string{"A"}, Emails: []string{"ops@acme.example"},
		Lines: []entitlement.Line{{ID: "L1", Product: "MX", Kind: license.Perpetual, Tier: license.Standard,
			Features: []string{"bgp"}, Quantity: 1, ShipDate: zeroAt}}})
	if err != nil {
		t.Fatal(err)
	}
	ledger, err := e.NewLedger(credits.Account{ID: "acct", Kind: credits.Professional}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	to, err := e.NewDevice("qfx-8", "QFX", "")
	if err != nil {
		t.Fatal(err)
	}
	return askFacts{lic: evpn(t), to: to, order: order, contact: entitlement.MustNewContact("C", []string{"A"}), ledger: ledger}
}

// TestEveryRequestRefusesWhatItWasNotGivenAsARequestError: "a zero instant,
// an empty device, target, license or ID, a zero term, reason or tier are
// a RequestError naming the field, never a decision". Each request kind,
// complete, is decided; with each of its required fields left zero (the
// package doc's table), and at the zero instant, it is a *RequestError
// naming its kind and that field, beside the zero Decision.
func TestEveryRequestRefusesWhatItWasNotGivenAsARequestError(t *testing.T) {
	e, f, b := engine(t), newAskFacts(t), book(t)
	huge := decimal.NewNullDecimal(decimal.New(1, 1_000_000_000))
	for _, c := range []struct {
		complete policy.Request
		missing  map[string]policy.Request
	}{
		{policy.UseFeature{License: f.lic, Device: "qfx-7", Feature: "evpn-vxlan"}, map[string]policy.Request{
			"License": policy.UseFeature{Device: "qfx-7", Feature: "evpn-vxlan"},
			"Device":  policy.UseFeature{License: f.lic, Feature: "evpn-vxlan"},
			"Feature": policy.UseFeature{License: f.lic, Device: "qfx-7"},
			"Units":   policy.UseFeature{License: f.lic, Device: "qfx-7", Feature: "evpn-vxlan", Units: huge},
		}},
		{policy.MoveLicense{License: f.lic, To: f.to, Reason: license.Rebalance}, map[string]policy.Request{
			"License": policy.MoveLicense{To: f.to, Reason: license.Rebalance},
			"To":      policy.MoveLicense{License: f.lic, Reason: license.Rebalance},
			"Reason":  policy.MoveLicense{License: f.lic, To: f.to},
		}},
		{policy.RenewLicense{License: f.lic, TermYears: 1}, map[string]policy.Request{
			"License":   policy.RenewLicense{TermYears: 1},
			"TermYears": policy.RenewLicense{License: f.lic},
		}},
		{policy.ChangeTier{License: f.lic, Tier: license.Standard}, map[string]policy.Request{
			"License": policy.ChangeTier{Tier: license.Standard},
			"Tier":    policy.ChangeTier{License: f.lic},
		}},
		{policy.TrialAvailable{Platform: "MX", Feature: "bgp"}, map[string]policy.Request{
			"Platform": policy.TrialAvailable{Feature: "bgp"},
			"Feature":  policy.TrialAvailable{Platform: "MX"},
		}},
		{policy.FulfilLine{Order: f.order, Line: "L1"}, map[string]policy.Request{
			"Order": policy.FulfilLine{Line: "L1"},
			"Line":  policy.FulfilLine{Order: f.order},
		}},
		{policy.ViewEntitlement{Contact: f.contact, Order: f.order, Line: "L1"}, map[string]policy.Request{
			"Contact": policy.ViewEntitlement{Order: f.order, Line: "L1"},
			"Order":   policy.ViewEntitlement{Contact: f.contact, Line: "L1"},
			"Line":    policy.ViewEntitlement{Contact: f.contact, Order: f.order},
		}},
		{policy.PurchaseCredits{Kind: credits.Professional, Order: credits.Order{Credits: decimal.NewFromInt(10), LocalEntity: true}}, map[string]policy.Request{
			"Kind": policy.PurchaseCredits{Order: credits.Order{Credits: decimal.NewFromInt(10), LocalEntity: true}},
		}},
		{policy.CallOff{Ledger: f.ledger, CallOff: credits.CallOff{Credits: decimal.NewFromInt(5)}}, map[string]policy.Request{
			"Ledger": policy.CallOff{CallOff: credits.CallOff{Credits: decimal.NewFromInt(5)}},
		}},
		{policy.CreditStatement{Ledger: f.ledger, Quarter: credits.QuarterOf(zeroAt)}, map[string]policy.Request{
			"Ledger":  policy.CreditStatement{Quarter: credits.QuarterOf(zeroAt)},
			"Quarter": policy.CreditStatement{Ledger: f.ledger},
		}},
		{policy.TradeIn{Book: b, ID: "T1"}, map[string]policy.Request{
			"Book": policy.TradeIn{ID: "T1"},
			"ID":   policy.TradeIn{Book: b},
		}},
		{policy.TradeInCompliance{Book: b, ID: "T1"}, map[string]policy.Request{
			"Book": policy.TradeInCompliance{ID: "T1"},
			"ID":   policy.TradeInCompliance{Book: b},
		}},
	} {
		kind := fmt.Sprintf("%T", c.complete)
		if _, err := e.Decide(c.complete, zeroAt); err != nil {
			t.Errorf("%s, complete: %v", kind, err)
		}
		c.missing["at"] = c.complete
		for field, r := range c.missing {
			at := zeroAt
			if field == "at" {
				at = time.Time{}
			}
			d, err := e.Decide(r, at)
			var re *policy.RequestError
			if !errors.As(err, &re) || re.Field != field || re.Kind == "" {
				t.Errorf("%s without %s: err = %v, want a *RequestError naming %s", kind, field, err, field)
			}
			if d.Outcome != policy.Deny || d.Rules.Len() != 0 {
				t.Errorf("%s without %s: %v beside the error, want the zero Decision", kind, field, d)
			}
		}
	}
}
