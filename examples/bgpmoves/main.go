// Command bgpmoves walks through the seed's portability example: "You have a
// BGP software feature license on a Juniper device (device-1). You buy
// another similar Juniper device in the same device class as device 1
// (device-2). You can move the BGP software feature license from device-1 to
// device-2" (LIC-PORT), not to a device of another class, while "Perpetual
// licenses are not portable except for cases of RMA" (LIC-PERP-RMA) and a
// perpetual license never expires (LIC-PERP-TERM). Every answer comes from
// policy.Engine.
//
//	go run ./examples/bgpmoves
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
		fmt.Fprintln(os.Stderr, "bgpmoves:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	e, err := policy.NewEngine(policy.DefaultCatalog(), policy.DefaultTerms())
	if err != nil {
		return err
	}
	device := func(serial, platform string) (license.Device, error) {
		return e.NewDevice(serial, platform, "")
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
	sub, err := e.NewLicense(license.Spec{
		ID: "bgp-sub", Kind: license.Subscription, Tier: license.Advanced, Platform: "MX",
		Device: d1, Features: []string{"bgp"}, Start: date(2025, 1, 10), TermYears: 1,
	})
	if err != nil {
		return err
	}
	perp, err := e.NewLicense(license.Spec{
		ID: "bgp-perp", Kind: license.Perpetual, Tier: license.Advanced, Platform: "MX",
		Device: d1, Features: []string{"bgp"}, Start: date(2020, 6, 1),
	})
	if err != nil {
		return err
	}

	at := date(2025, 6, 1)
	a := walkthrough.Asker{W: w, Engine: e}
	a.Ask(at, "move bgp-sub from device-1 to device-2 (MX)", policy.MoveLicense{License: sub, To: d2, Reason: license.Rebalance})
	a.Ask(at, "move bgp-sub from device-1 to device-3 (PTX)", policy.MoveLicense{License: sub, To: d3, Reason: license.Rebalance})
	if a.Err != nil {
		return a.Err
	}
	// The moved license, as the move the engine allowed makes it.
	moved, v := sub.Move(d2, license.Rebalance, at)
	if !v.Allowed {
		return v.Err()
	}
	a.Ask(at, "use bgp on device-2 after the move", policy.UseFeature{License: moved, Device: "device-2", Feature: "bgp"})
	a.Ask(at, "use bgp on device-1 after the move", policy.UseFeature{License: moved, Device: "device-1", Feature: "bgp"})
	a.Ask(at, "rebalance bgp-perp to device-2", policy.MoveLicense{License: perp, To: d2, Reason: license.Rebalance})
	a.Ask(at, "exchange bgp-perp to device-2 on RMA", policy.MoveLicense{License: perp, To: d2, Reason: license.RMA})
	a.Ask(date(2031, 1, 1), "use bgp-perp on device-1 in 2031", policy.UseFeature{License: perp, Device: "device-1", Feature: "bgp"})
	return a.Err
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
