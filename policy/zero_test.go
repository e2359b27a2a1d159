package policy_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/credits"
	"github.com/licensepolicy/licensepolicy/entitlement"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/tmip"
)

var zeroAt = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)

// everyKindOfZeroRequest is one request of every kind whose facts are nil
// or zero, as a caller that forgot to construct them would send.
func everyKindOfZeroRequest() []policy.Request {
	return []policy.Request{
		policy.UseFeature{}, policy.UseFeature{License: license.License{}},
		policy.MoveLicense{}, policy.MoveLicense{License: license.License{}},
		policy.RenewLicense{}, policy.RenewLicense{License: license.License{}},
		policy.ChangeTier{}, policy.ChangeTier{License: license.License{}},
		policy.FulfilLine{}, policy.FulfilLine{Order: entitlement.Order{}},
		policy.ViewEntitlement{}, policy.ViewEntitlement{Order: entitlement.Order{}, Contact: entitlement.Contact{}},
		policy.CallOff{}, policy.CreditStatement{}, policy.PurchaseCredits{},
		policy.TradeIn{}, policy.TradeIn{Book: tmip.Book{}},
		policy.TradeInCompliance{}, policy.TradeInCompliance{Book: tmip.Book{}},
		policy.WithHistory{Request: policy.UseFeature{}},
		policy.WithHistory{History: license.History{}, Request: policy.RenewLicense{}},
		nil,
	}
}

// TestZeroFactsFailClosedWithATypedError: "every zero or nil value either
// works as documented or fails closed with an error that says what is
// missing": a nil or zero license, order, ledger or book is a
// *RequestError naming the request kind and field, never a decision and
// never a panic, and the Decision handed back is the zero one, a denial.
func TestZeroFactsFailClosedWithATypedError(t *testing.T) {
	e := engine(t)
	for _, r := range everyKindOfZeroRequest() {
		d, err := e.Decide(r, zeroAt)
		var re *policy.RequestError
		if !errors.As(err, &re) {
			t.Errorf("%T %+v: err = %v, want a *policy.RequestError", r, r, err)
			continue
		}
		if r != nil && (re.Kind == "" || re.Field == "") {
			t.Errorf("%T: error %+v does not name the kind and the field", r, re)
		}
		if d.Outcome != policy.Deny || d.Rules.Len() != 0 {
			t.Errorf("%T: decision %v alongside the error, want the zero Decision", r, d)
		}
		if strings.Contains(err.Error(), "%!") {
			t.Errorf("%T: error %q has a formatting fault", r, err)
		}
	}
}

// TestZeroEngineRefusesEveryRequest: "a nil Engine returns an error;
// nothing panics": the zero Engine refuses every request.
func TestZeroEngineRefusesEveryRequest(t *testing.T) {
	l := evpn(t)
	reqs := append(everyKindOfZeroRequest(),
		policy.UseFeature{License: l, Device: "qfx-7", Feature: "evpn-vxlan"},
		policy.TrialAvailable{Platform: "MX", Feature: "bgp"},
		policy.PurchaseCredits{Kind: credits.Professional})
	for _, e := range []policy.Engine{{}} {
		for _, r := range reqs {
			d, err := e.Decide(r, zeroAt)
			if !errors.Is(err, policy.ErrNoEngine) || d.Outcome != policy.Deny {
				t.Errorf("zero engine, %T: %v, %v; want ErrNoEngine and a denial", r, d, err)
			}
			var into policy.Decision
			into.Outcome = policy.Allow
			if err := e.DecideInto(r, zeroAt, &into); err == nil || into.Outcome != policy.Deny {
				t.Errorf("zero engine, %T: DecideInto left %v, %v", r, into, err)
			}
		}
		if e.License().IsValid() || e.Credits().IsValid() || e.TMIP().IsValid() || e.Entitlement().IsValid() ||
			e.Terms().License.SubscriptionTermYears != nil {
			t.Error("the zero engine hands out programs or terms")
		}
		if _, err := e.NewLicense(license.Spec{ID: "L"}); err == nil {
			t.Error("the zero engine built a license")
		}
	}
}

// TestDecideIntoANilDecisionIsAnError: nothing panics on a value a caller
// forgot to construct, not even the Decision to fill in.
func TestDecideIntoANilDecisionIsAnError(t *testing.T) {
	var re *policy.RequestError
	err := engine(t).DecideInto(policy.UseFeature{License: evpn(t), Device: "qfx-7", Feature: "evpn-vxlan"}, zeroAt, nil)
	if !errors.As(err, &re) || re.Kind != "useFeature" {
		t.Fatalf("err = %v, want a *RequestError about a useFeature", err)
	}
}

// TestFactsOfOtherTermsAreRefused: "One source of terms: ... A fact built
// under other terms is refused with an error that says so"; a fact built
// under equal terms apart from the engine is the engine's.
func TestFactsOfOtherTermsAreRefused(t *testing.T) {
	e := engine(t)
	terms := license.DefaultTerms()
	terms.InitialGraceDays = 60
	other := license.MustNewProgram(license.DefaultCatalog(), terms)
	equal := license.MustNewProgram(license.DefaultCatalog(), license.DefaultTerms())
	spec := func(p license.Program) license.License {
		dev := p.MustNewDevice("qfx-7", "QFX", "")
		l := p.MustNewLicense(license.Spec{ID: "evpn-1y", Kind: license.Subscription, Tier: license.Premium, Platform: "QFX",
			Device: dev, Features: []string{"evpn-vxlan"}, Start: zeroAt.AddDate(-1, 0, 0), TermYears: 1})
		return l
	}
	for _, r := range []policy.Request{
		policy.UseFeature{License: spec(other), Device: "qfx-7", Feature: "evpn-vxlan"},
		policy.RenewLicense{License: spec(other), TermYears: 1},
		policy.ChangeTier{License: spec(other), Tier: license.Standard},
		policy.MoveLicense{License: spec(other), To: other.MustNewDevice("qfx-8", "QFX", ""), Reason: license.Rebalance},
	} {
		_, err := e.Decide(r, zeroAt)
		var re *policy.RequestError
		if !errors.Is(err, policy.ErrOtherTerms) || !errors.As(err, &re) || re.Field != "License" ||
			!strings.Contains(err.Error(), "other license terms") {
			t.Errorf("%T of other terms: err = %v", r, err)
		}
	}
	if d, err := e.Decide(policy.UseFeature{License: spec(equal), Device: "qfx-7", Feature: "evpn-vxlan"}, zeroAt); err != nil || d.Outcome != policy.Allow {
		t.Errorf("a license of equal terms built apart: %v, %v", d, err)
	}

	otherTMIP := tmip.DefaultTerms()
	otherTMIP.ReturnMonths = 6
	book, err := tmip.MustNewProgram(tmip.DefaultCatalog(), otherTMIP).NewBook(nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Decide(policy.TradeIn{Book: book, ID: "T1"}, zeroAt); !errors.Is(err, policy.ErrOtherTerms) {
		t.Errorf("a book of other TMIP terms: err = %v", err)
	}
	ep := entitlement.MustNewProgram(entitlement.DefaultCatalog(), entitlement.Terms{MaxLineQuantity: 5}, e.License())
	order := ep.MustNewOrder(entitlement.OrderSpec{ID: "SO1", Accounts: []string{"A"}, Emails: []string{"ops@acme.example"},
		Lines: []entitlement.Line{{ID: "L1", Product: "MX", Kind: license.Perpetual, Tier: license.Standard,
			Features: []string{"bgp"}, Quantity: 1, ShipDate: zeroAt}}})
	if _, err := e.Decide(policy.FulfilLine{Order: order, Line: "L1"}, zeroAt); !errors.Is(err, policy.ErrOtherTerms) {
		t.Errorf("an order of other delivery terms: err = %v", err)
	}
}

// TestEngineTermsAndCatalogAreCopies: a caller editing what Terms and
// Catalog return changes nothing in the engine.
func TestEngineTermsAndCatalogAreCopies(t *testing.T) {
	e, err := policy.NewEngine(policy.DefaultCatalog(), policy.DefaultTerms())
	if err != nil {
		t.Fatal(err)
	}
	tm, c := e.Terms(), e.Catalog()
	tm.License.SubscriptionTermYears[0] = 2
	tm.Credits.Professional.Blocks[0] = tm.Credits.Professional.Blocks[1]
	c.License.Platforms[0].Name = "edited"
	c.TMIP.SKUs[0] = "edited"
	if e.Terms().License.SubscriptionTermYears[0] != 1 || e.Catalog().License.Platforms[0].Name == "edited" ||
		e.Catalog().TMIP.SKUs[0] == "edited" || !e.Terms().Credits.Professional.Blocks[0].Equal(policy.DefaultTerms().Credits.Professional.Blocks[0]) {
		t.Fatal("editing the engine's terms or catalog reached the engine")
	}
}
