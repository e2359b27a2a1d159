package policy_test

import (
	"fmt"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy"
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
	fmt.Println(d.Outcome, d.Rules, d.Until.Format(time.DateOnly))
	// Output: allow LIC-SUB-TERM 2026-03-01
}
