// Command perpetualrma exchanges a perpetual license on RMA. The seed says a
// perpetual license is a "chassis-based license tied to the serial number of
// the device" (LIC-PERP-BIND); "In case of RMA, you can exchange the perpetual
// license keys to the RMA device" (LIC-PERP-RMA) while "Perpetual licenses are
// not portable except for cases of RMA" (LIC-PORT); and at license expiry
// with a perpetual license "you can continue to use the hardware and any
// software features" (LIC-PERP-TERM). Every answer comes from policy.Engine.
//
//	go run ./examples/perpetualrma
package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/licensepolicy/licensepolicy/examples/internal/walkthrough"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/shopspring/decimal"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "perpetualrma:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	e, err := policy.NewEngine(policy.DefaultCatalog(), policy.DefaultTerms())
	if err != nil {
		return err
	}
	var devices [3]license.Device
	for i, d := range []struct{ serial, platform string }{{"mx-1", "MX"}, {"mx-2", "MX"}, {"ptx-1", "PTX"}} {
		if devices[i], err = e.NewDevice(d.serial, d.platform, ""); err != nil {
			return err
		}
	}
	mx1, mx2, ptx1 := devices[0], devices[1], devices[2]
	// Bought in 2019 for mx-1 with a capacity of 400 units of scale.
	perp, err := e.NewLicense(license.Spec{
		ID: "perp-bgp", Kind: license.Perpetual, Tier: license.Premium, Platform: "MX",
		Device: mx1, Features: []string{"bgp", "mpls"}, Start: date(2019, 3, 1),
		Capacity: decimal.NewNullDecimal(decimal.NewFromInt(400)),
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "perpetual %s on %s from %s, %s, support bought separately: %t\n\n",
		perp.ID(), perp.Device(), walkthrough.Stamp(perp.Start()), perp.Cost(), !perp.IncludesSupport())

	a := walkthrough.Asker{W: w, Engine: e}
	use := func(l license.License, device, feature string, units int64) policy.Request {
		u := decimal.NullDecimal{}
		if units > 0 {
			u = decimal.NewNullDecimal(decimal.NewFromInt(units))
		}
		return policy.UseFeature{License: l, Device: device, Feature: feature, Units: u}
	}
	fmt.Fprintln(w, "# on its own chassis")
	a.Ask(date(2019, 2, 1), "use bgp on mx-1 before the license starts", use(perp, "mx-1", "bgp", 0))
	a.Ask(date(2025, 3, 1), "use bgp on mx-1 six years on", use(perp, "mx-1", "bgp", 0))
	a.Ask(date(2025, 3, 1), "use mpls on mx-1 for 400 units", use(perp, "mx-1", "mpls", 400))
	a.Ask(date(2025, 3, 1), "use mpls on mx-1 for 401 units", use(perp, "mx-1", "mpls", 401))
	a.Ask(date(2025, 3, 1), "use evpn on mx-1, a feature it does not hold", use(perp, "mx-1", "evpn", 0))
	a.Ask(date(2025, 3, 1), "use bgp on mx-2, another chassis", use(perp, "mx-2", "bgp", 0))
	a.Ask(date(2025, 3, 1), "renew perp-bgp for 1 year", policy.RenewLicense{License: perp, TermYears: 1})
	a.Ask(date(2025, 3, 1), "change perp-bgp to the advanced tier", policy.ChangeTier{License: perp, Tier: license.Advanced})

	fmt.Fprintln(w, "\n# mx-1 fails and is replaced by mx-2")
	move := func(to license.Device, reason license.MoveReason) policy.Request {
		return policy.MoveLicense{License: perp, To: to, Reason: reason}
	}
	a.Ask(date(2025, 5, 1), "rebalance perp-bgp from mx-1 to mx-2", move(mx2, license.Rebalance))
	a.Ask(date(2025, 5, 1), "exchange perp-bgp to ptx-1 on RMA, another class", move(ptx1, license.RMA))
	a.Ask(date(2025, 5, 1), "exchange perp-bgp to mx-2 on RMA", move(mx2, license.RMA))
	if a.Err != nil {
		return a.Err
	}

	// The keys exchanged: the same license, now on mx-2 (LIC-PERP-RMA).
	exchanged, v := perp.Move(mx2, license.RMA, date(2025, 5, 1))
	if !v.Allowed {
		return v.Err()
	}
	fmt.Fprintf(w, "\nafter the exchange %s is on %s\n", exchanged.ID(), exchanged.Device())
	a.Ask(date(2025, 5, 2), "use bgp on mx-2 after the exchange", use(exchanged, "mx-2", "bgp", 0))
	a.Ask(date(2025, 5, 2), "use bgp on mx-1 after the exchange", use(exchanged, "mx-1", "bgp", 0))
	a.Ask(date(2045, 1, 1), "use bgp on mx-2 twenty years on", use(exchanged, "mx-2", "bgp", 0))
	return a.Err
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
