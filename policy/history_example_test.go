package policy_test

import (
	"fmt"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy"
)

// A subscription moved to mx-2 and renewed after it expired, asked about
// through its history: the request names no license, the history gives the
// license as of each instant, and a refusal in the expired gap holds until
// the recorded renewal.
func ExampleWithHistory() {
	engine, err := policy.NewEngine(policy.DefaultCatalog(), policy.DefaultTerms())
	if err != nil {
		panic(err)
	}
	mx1, _ := engine.NewDevice("mx-1", "MX", "")
	mx2, _ := engine.NewDevice("mx-2", "MX", "")
	day := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	lic, err := engine.NewLicense(license.Spec{ID: "bgp-1y", Kind: license.Subscription, Tier: license.Advanced,
		Platform: "MX", Device: mx1, Features: []string{"bgp"}, TermYears: 1, Start: day("2025-01-01")})
	if err != nil {
		panic(err)
	}
	h, err := license.NewHistory(lic, []license.Event{
		license.MoveEvent(day("2025-06-01"), mx2, license.Rebalance),
		license.RenewEvent(day("2026-03-01"), 1),
	})
	if err != nil {
		panic(err) // an event the rules refuse, named by its index
	}
	use := policy.WithHistory{History: h, Request: policy.UseFeature{Device: "mx-2", Feature: "bgp"}}
	for _, at := range []string{"2025-06-01", "2026-02-01", "2026-03-01"} {
		d, err := engine.Decide(use, day(at))
		if err != nil {
			panic(err)
		}
		fmt.Println(at, d.Outcome, d.Rules, d.Until.Format(time.DateOnly))
	}
	// Output:
	// 2025-06-01 allow LIC-SUB-TERM 2026-01-01
	// 2026-02-01 deny LIC-SUB-EXPIRY LIC-RENEW 2026-03-01
	// 2026-03-01 allow LIC-SUB-TERM 2027-03-01
}
