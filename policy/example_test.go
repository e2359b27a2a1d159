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
	engine, err := policy.NewEngine(policy.DefaultTerms(), policy.DefaultCatalog())
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
	d, err := engine.Decide(policy.UseFeature{License: &lic, Device: "mx-1", Feature: "bgp"}, at)
	if err != nil {
		panic(err) // a request that cannot be asked, never a refusal
	}
	fmt.Println(d.Outcome, d.Rules, d.Until.Format(time.DateOnly))
	// Output: allow LIC-SUB-TERM 2026-03-01
}

// ExampleEngine_Timeline lists a one-year subscription's decisions over two
// years: in its term, in its initial grace, expired. One Decide per change,
// however long the period.
func ExampleEngine_Timeline() {
	engine, err := policy.NewEngine(policy.DefaultTerms(), policy.DefaultCatalog())
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
	use := policy.UseFeature{License: &lic, Device: "mx-1", Feature: "bgp"}
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
		engine, err := policy.NewEngine(terms, policy.DefaultCatalog())
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
		asked[i] = policy.Question{Engine: engine, Request: policy.UseFeature{License: &lic, Device: "mx-1", Feature: "bgp"}}
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
