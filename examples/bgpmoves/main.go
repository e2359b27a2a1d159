// Command bgpmoves walks through the seed's portability example: a BGP
// feature license on device-1 moves to device-2 of the same like-device
// class, not to a device of another class, while a perpetual license moves
// only by RMA and never expires.
//
//	go run ./examples/bgpmoves
package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/shopspring/decimal"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bgpmoves:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	cat, terms := license.DefaultCatalog(), license.DefaultTerms()
	device := func(serial, platform string) (license.Device, error) {
		return license.NewDevice(cat, serial, platform, "")
	}
	d1, err := device("device-1", "MX")
	if err != nil {
		return err
	}
	d2, err := device("device-2", "MX")
	if err != nil {
		return err
	}
	d3, err := device("device-3", "PTX")
	if err != nil {
		return err
	}
	sub, err := license.New(cat, terms, license.Spec{
		ID: "bgp-sub", Kind: license.Subscription, Tier: license.Advanced, Platform: "MX",
		Device: d1, Features: []string{"bgp"}, Start: date(2025, 1, 10), TermYears: 1,
	})
	if err != nil {
		return err
	}
	perp, err := license.New(cat, terms, license.Spec{
		ID: "bgp-perp", Kind: license.Perpetual, Tier: license.Advanced, Platform: "MX",
		Device: d1, Features: []string{"bgp"}, Start: date(2020, 6, 1),
	})
	if err != nil {
		return err
	}

	at := date(2025, 6, 1)
	show := func(question string, v license.Verdict) {
		outcome := "deny"
		if v.Allowed {
			outcome = "allow"
		}
		until := "never"
		if !v.Until.IsZero() {
			until = v.Until.Format(time.RFC3339)
		}
		fmt.Fprintf(w, "%s\n  %s %v: %s (until %s)\n", question, outcome, v.Rules, v.Reason, until)
	}
	moved, v := sub.Move(d2, license.Rebalance, at)
	show("move bgp-sub from device-1 to device-2 (MX) on 2025-06-01", v)
	_, v = sub.Move(d3, license.Rebalance, at)
	show("move bgp-sub from device-1 to device-3 (PTX) on 2025-06-01", v)
	show("use bgp on device-2 after the move", moved.Use("device-2", "bgp", decimal.NullDecimal{}, at))
	show("use bgp on device-1 after the move", moved.Use("device-1", "bgp", decimal.NullDecimal{}, at))
	_, v = perp.Move(d2, license.Rebalance, at)
	show("rebalance bgp-perp to device-2", v)
	_, v = perp.Move(d2, license.RMA, at)
	show("exchange bgp-perp to device-2 on RMA", v)
	show("use bgp-perp on device-1 in 2031", perp.Use("device-1", "bgp", decimal.NullDecimal{}, date(2031, 1, 1)))
	return nil
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
