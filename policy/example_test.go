package policy_test

import (
	"fmt"
	"time"

	"github.com/licensepolicy/licensepolicy/credits"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/shopspring/decimal"
)

// Example embeds the library: an engine of the published terms, a license
// built under it, one question. README.md quotes this function's body.
func Example() {
	engine, err := policy.NewEngine(policy.DefaultCatalog(), policy.DefaultTerms())
	if err != nil {
		panic(err)
	}
	mx, _ := engine.NewDevice("mx-1", "MX", "")
	lic, err := engine.NewLicense(license.Spec{
		ID: "bgp-1y", Kind: license.Subscription, Tier: license.Advanced, Platform: "MX",
		Device: mx, Features: []string{"bgp"}, TermYears: 1,
		Start: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), // shipped: the timer starts
	})
	if err != nil {
		panic(err)
	}
	at := time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)
	d, err := engine.Decide(policy.UseFeature{License: lic, Device: "mx-1", Feature: "bgp"}, at)
	if err != nil {
		panic(err) // a request that cannot be asked, never a refusal
	}
	fmt.Println(d) // outcome, rules, until ("never" for good), reason
	// Output: allow [LIC-SUB-TERM] until 2026-03-01T00:00:00Z: the subscription is within its term
}

// Example_decideThenRecord asks before acting and records what was
// allowed: Decide says a move may happen, License.Move returns the moved
// license (the old one is unchanged), and the next question is about the
// license as moved.
func Example_decideThenRecord() {
	engine, err := policy.NewEngine(policy.DefaultCatalog(), policy.DefaultTerms())
	if err != nil {
		panic(err)
	}
	mx1, _ := engine.NewDevice("mx-1", "MX", "")
	mx2, _ := engine.NewDevice("mx-2", "MX", "")
	lic, err := engine.NewLicense(license.Spec{
		ID: "bgp-3y", Kind: license.Subscription, Tier: license.Advanced, Platform: "MX",
		Device: mx1, Features: []string{"bgp"}, TermYears: 3,
		Start: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		panic(err)
	}
	at := time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC)
	move := policy.MoveLicense{License: lic, To: mx2, Reason: license.Rebalance}
	d, err := engine.Decide(move, at)
	if err != nil {
		panic(err)
	}
	fmt.Println("move:", d.Outcome, d.Rules)
	if d.Outcome == policy.Allow {
		lic, _ = lic.Move(mx2, license.Rebalance, at) // record it
	}
	d, _ = engine.Decide(policy.UseFeature{License: lic, Device: "mx-2", Feature: "bgp"}, at)
	fmt.Println("bgp on mx-2:", d.Outcome, d.Rules)
	d, _ = engine.Decide(policy.ChangeTier{License: lic, Tier: license.Premium}, at)
	fmt.Println("to premium:", d.Outcome, d.Rules)
	if d.Outcome == policy.Allow {
		lic, _ = lic.ChangeTier(license.Premium, at)
	}
	d, _ = engine.Decide(policy.RenewLicense{License: lic, TermYears: 1}, at)
	fmt.Println("renew:", d.Outcome, d.Rules, "until", d.Until.Format(time.DateOnly))
	renewal, _ := lic.Renew(1, at) // a new license beside lic
	fmt.Println("renewal:", renewal.Tier(), renewal.Start().Format(time.DateOnly), "to", renewal.End().Format(time.DateOnly))
	// Output:
	// move: allow LIC-PORT
	// bgp on mx-2: allow LIC-SUB-TERM
	// to premium: allow LIC-SUB-CHANGE
	// renew: allow LIC-RENEW until 2028-03-31
	// renewal: premium 2028-03-31 to 2029-03-31
}

// Example_callOffThenRecord asks before spending credits and records the
// call-off that was allowed: the ledger with it is a new value, and the
// next call-off is asked against that one.
func Example_callOffThenRecord() {
	engine, err := policy.NewEngine(policy.DefaultCatalog(), policy.DefaultTerms())
	if err != nil {
		panic(err)
	}
	bought := time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC)
	ledger, err := engine.NewLedger(credits.Account{ID: "acme", Kind: credits.Professional},
		[]credits.Purchase{{ID: "po-1", At: bought, Order: credits.Order{Credits: decimal.NewFromInt(25), LocalEntity: true}}}, nil)
	if err != nil {
		panic(err)
	}
	design := credits.Engagement{Type: credits.Design, Pricing: credits.Fixed, DefinedScope: true, PurchaseOrder: true, StatementOfWork: true}
	for _, at := range []time.Time{time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)} {
		c := credits.CallOff{Credits: decimal.NewFromInt(15), Engagement: design}
		d, err := engine.Decide(policy.CallOff{Ledger: ledger, CallOff: c}, at)
		if err != nil {
			panic(err)
		}
		fmt.Println(at.Format(time.DateOnly), d.Outcome, d.Rules)
		if balance, ok := d.Value("balance"); ok { // on allowance only
			fmt.Println("  balance after:", balance)
		}
		if d.Outcome == policy.Allow {
			if ledger, err = ledger.WithCallOff(credits.CallOffRecord{At: at, CallOff: c}); err != nil {
				panic(err) // it refuses exactly what Decide denies
			}
		}
	}
	// Output:
	// 2025-03-01 allow CRD-VALIDITY
	//   balance after: 10
	// 2025-04-01 deny CRD-VALIDITY
}

// ExampleEngine_Timeline lists a one-year subscription's decisions over two
// years: in its term, in its initial grace, expired. One Decide per change,
// however long the period.
func ExampleEngine_Timeline() {
	engine, err := policy.NewEngine(policy.DefaultCatalog(), policy.DefaultTerms())
	if err != nil {
		panic(err)
	}
	mx, _ := engine.NewDevice("mx-1", "MX", "")
	lic, err := engine.NewLicense(license.Spec{ID: "bgp-1y", Kind: license.Subscription, Tier: license.Advanced,
		Platform: "MX", Device: mx, Features: []string{"bgp"}, TermYears: 1,
		Start: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		panic(err)
	}
	use := policy.UseFeature{License: lic, Device: "mx-1", Feature: "bgp"}
	from, to := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	for s, err := range engine.Timeline(use, from, to) {
		if err != nil {
			panic(err)
		}
		fmt.Println(s.Start.Format(time.DateOnly), s.End.Format(time.DateOnly), s.Decision.Outcome, s.Decision.Rules)
	}
	// Output:
	// 2025-01-01 2025-03-01 deny ENT-TIMER
	// 2025-03-01 2026-03-01 allow LIC-SUB-TERM
	// 2026-03-01 2026-03-31 allow ENT-GRACE LIC-SUB-TERM
	// 2026-03-31 2027-01-01 deny LIC-SUB-EXPIRY LIC-RENEW
}

// ExampleImpact asks what a new program year would change: the initial
// grace cut from 30 days to 15. The same license, built under each set of
// terms, is used differently for the fifteen days the new grace no longer
// covers.
func ExampleImpact() {
	next := policy.DefaultTerms()
	next.License.InitialGraceDays = 15
	var asked [2]policy.Question
	for i, terms := range []policy.Terms{policy.DefaultTerms(), next} {
		engine, err := policy.NewEngine(policy.DefaultCatalog(), terms)
		if err != nil {
			panic(err)
		}
		mx, _ := engine.NewDevice("mx-1", "MX", "")
		lic, err := engine.NewLicense(license.Spec{ID: "bgp-1y", Kind: license.Subscription, Tier: license.Advanced,
			Platform: "MX", Device: mx, Features: []string{"bgp"}, TermYears: 1,
			Start: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			panic(err)
		}
		asked[i] = policy.Question{Engine: engine, Request: policy.UseFeature{License: lic, Device: "mx-1", Feature: "bgp"}}
	}
	from, to := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2035, 3, 1, 0, 0, 0, 0, time.UTC)
	for d, err := range policy.Impact(asked[0], asked[1], from, to) {
		if err != nil {
			panic(err)
		}
		fmt.Println(d.From.Format(time.DateOnly), d.To.Format(time.DateOnly), d.Old.Outcome, "->", d.New.Outcome, d.New.Rules)
	}
	// Output: 2026-03-16 2026-03-31 allow -> deny LIC-SUB-EXPIRY LIC-RENEW
}
