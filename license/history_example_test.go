package license_test

import (
	"fmt"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
)

// A subscription moved to another device, then renewed after it expired:
// the move keeps the end date, the license is expired in the gap, and the
// late renewal starts at its own instant on the device the license moved
// to, without grace.
func ExampleNewHistory() {
	p := license.MustNewProgram(license.DefaultCatalog(), license.DefaultTerms())
	mx1, _ := p.NewDevice("mx-1", "MX", "")
	mx2, _ := p.NewDevice("mx-2", "MX", "")
	day := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	l := p.MustNewLicense(license.Spec{ID: "bgp-1y", Kind: license.Subscription, Tier: license.Advanced, Platform: "MX",
		Device: mx1, Features: []string{"bgp"}, Start: day("2025-01-01"), TermYears: 1})
	h, err := license.NewHistory(l, []license.Event{
		license.MoveEvent(day("2025-06-01"), mx2, license.Rebalance),
		license.RenewEvent(day("2026-03-01"), 1),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, at := range []string{"2025-05-31", "2025-06-01", "2026-02-01", "2026-03-01"} {
		a := h.At(day(at))
		fmt.Println(at, a.Device(), a.StandingAt(day(at)).State, "ends", a.End().Format(time.DateOnly))
	}
	_, err = license.NewHistory(l, []license.Event{license.MoveEvent(day("2026-02-01"), mx2, license.Rebalance)})
	fmt.Println(err)
	// Output:
	// 2025-05-31 mx-1 active ends 2026-01-31
	// 2025-06-01 mx-2 active ends 2026-01-31
	// 2026-02-01 mx-2 expired ends 2026-01-31
	// 2026-03-01 mx-2 active ends 2027-03-01
	// license bgp-1y history[0]: LIC-PORT, LIC-SUB-EXPIRY: license bgp-1y: moveLicense to mx-2 (rebalance) at 2026-02-01T00:00:00Z: an expired subscription has nothing left to move
}
