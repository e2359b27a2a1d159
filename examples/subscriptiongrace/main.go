// Command subscriptiongrace follows an initial subscription through its
// years, its grace and its expiry, and renews it on time and late. The seeds
// say: "Subscription timer begins when a subscription license is fulfilled
// (shipped). Initial subscriptions add a 30-day grace period to the
// subscription term" (ENT-TIMER, ENT-GRACE); "Renewals are not automatic. At
// the end of the license period, you need to renew the license to continue
// using the software feature(s)" (LIC-RENEW); and at expiry "you may no
// longer use the features and scale granted under the expired subscription"
// (LIC-SUB-EXPIRY). Every answer comes from policy.Engine.
//
//	go run ./examples/subscriptiongrace
package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/licensepolicy/licensepolicy/examples/internal/walkthrough"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "subscriptiongrace:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	e, err := policy.NewEngine(policy.DefaultCatalog(), policy.DefaultTerms())
	if err != nil {
		return err
	}
	mx1, err := e.NewDevice("mx-1", "MX", "")
	if err != nil {
		return err
	}
	// Shipped on 2022-06-15 for three years: its years end on 2025-06-15,
	// its grace on 2025-07-15.
	spec := license.Spec{
		ID: "sub-bgp", Kind: license.Subscription, Tier: license.Advanced, Platform: "MX",
		Device: mx1, Features: []string{"bgp"}, Start: date(2022, 6, 15), TermYears: 3,
	}
	sub, err := e.NewLicense(spec)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "subscription %s on %s: shipped %s, %d years to %s, grace to %s\n\n",
		sub.ID(), sub.Device(), walkthrough.Stamp(sub.Start()), sub.TermYears(), walkthrough.Stamp(sub.TermEnd()), walkthrough.Stamp(sub.End()))

	a := walkthrough.Asker{W: w, Engine: e}
	use := func(l license.License) policy.Request {
		return policy.UseFeature{License: l, Device: "mx-1", Feature: "bgp"}
	}
	fmt.Fprintln(w, "# through its years, its grace and its expiry")
	a.Ask(date(2022, 6, 14), "use bgp on mx-1 the day before it ships", use(sub))
	a.Ask(date(2022, 6, 15), "use bgp on mx-1 the day it ships", use(sub))
	a.Ask(date(2023, 6, 15), "use bgp on mx-1 in its second year", use(sub))
	a.Ask(date(2025, 6, 15).Add(-time.Nanosecond), "use bgp on mx-1 at the last instant of its years", use(sub))
	a.Ask(date(2025, 6, 15), "use bgp on mx-1 on the first day of grace", use(sub))
	a.Ask(date(2025, 7, 15).Add(-time.Nanosecond), "use bgp on mx-1 at the last instant of grace", use(sub))
	a.Ask(date(2025, 7, 15), "use bgp on mx-1 once grace is over, not renewed", use(sub))
	a.Ask(date(2026, 1, 1), "use bgp on mx-1 months after expiry", use(sub))

	fmt.Fprintln(w, "\n# renewing on time and late")
	renew := func(years int) policy.Request { return policy.RenewLicense{License: sub, TermYears: years} }
	a.Ask(date(2025, 5, 1), "renew sub-bgp for 1 year before its years end", renew(1))
	a.Ask(date(2025, 6, 20), "renew sub-bgp for 1 year within grace", renew(1))
	a.Ask(date(2025, 8, 1), "renew sub-bgp for 1 year two weeks after it expired", renew(1))
	a.Ask(date(2025, 5, 1), "renew sub-bgp for 2 years", renew(2))

	// The renewal on time starts at the old end, grace included, and has
	// no grace of its own (LIC-RENEW, ENT-GRACE).
	onTime := spec
	onTime.ID, onTime.Start, onTime.TermYears, onTime.Renewal = "sub-bgp-renewed", sub.End(), 1, true
	renewed, err := e.NewLicense(onTime)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nrenewal %s on time: %s to %s, no grace\n", renewed.ID(), walkthrough.Stamp(renewed.Start()), walkthrough.Stamp(renewed.End()))
	a.Ask(date(2025, 7, 15), "use bgp on mx-1 under the renewal the day it starts", use(renewed))
	a.Ask(date(2026, 7, 15).Add(-time.Nanosecond), "use bgp on mx-1 at the renewal's last instant", use(renewed))
	a.Ask(date(2026, 7, 15), "use bgp on mx-1 when the renewal ends", use(renewed))

	// The late renewal starts at its own instant; the weeks between were
	// expired (LIC-SUB-EXPIRY).
	late := spec
	late.ID, late.Start, late.TermYears, late.Renewal = "sub-bgp-late", date(2025, 8, 1), 1, true
	lateLic, err := e.NewLicense(late)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nrenewal %s late: %s to %s, no grace\n", lateLic.ID(), walkthrough.Stamp(lateLic.Start()), walkthrough.Stamp(lateLic.End()))
	a.Ask(date(2025, 7, 20), "use bgp on mx-1 in the gap, before the late renewal", use(lateLic))
	a.Ask(date(2025, 8, 1), "use bgp on mx-1 under the late renewal", use(lateLic))
	a.Ask(date(2026, 8, 1), "use bgp on mx-1 when the late renewal ends", use(lateLic))
	return a.Err
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
