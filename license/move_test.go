package license_test

import (
	"slices"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// TestMoveCitesItsRuleAndUntil: a move's answer cites the rule it applies
// (the rule broken, for a refusal), holds until the instant it can change
// and leaves a refused license where it was.
func TestMoveCitesItsRuleAndUntil(t *testing.T) {
	d1, d2, ptx := mustDevice("d1", "MX"), mustDevice("d2", "MX"), mustDevice("p1", "PTX")
	perp := mustLicense(license.Spec{ID: "P", Kind: license.Perpetual, Tier: license.Standard, Platform: "MX", Device: d1,
		Features: []string{"bgp"}, Start: date(2025, 1, 1)})
	sub := mustLicense(license.Spec{ID: "S", Kind: license.Subscription, Tier: license.Standard, Platform: "MX", Device: d1,
		Features: []string{"bgp"}, Start: date(2025, 1, 1), TermYears: 1})
	trial := mustLicense(license.Spec{ID: "T", Kind: license.Trial, Tier: license.Standard, Platform: "MX", Device: d1,
		Features: []string{"bgp"}, Start: date(2025, 1, 1), End: date(2025, 2, 1)})
	never := time.Time{}
	for _, c := range []struct {
		name    string
		l       license.License
		to      license.Device
		reason  license.MoveReason
		at      time.Time
		allowed bool
		rules   []rule.ID
		until   time.Time
	}{
		// LIC-PERP-RMA: "In case of RMA, you can exchange the perpetual license
		// keys to the RMA device": not to the device it is on.
		{"perpetual to its own device", perp, d1, license.RMA, date(2025, 6, 1), false, []rule.ID{rule.LicPerpRMA}, never},
		// LIC-PORT: "You can move the BGP software feature license from
		// device-1 to device-2": to another device, for a valid reason.
		{"subscription to its own device", sub, d1, license.Rebalance, date(2025, 6, 1), false, []rule.ID{rule.LicPort}, never},
		// LIC-PORT (RULES.md): "Trials do not move."
		{"trial to its own device", trial, d1, license.Rebalance, date(2025, 1, 6), false, []rule.ID{rule.LicPort}, never},
		{"no reason", sub, d2, 0, date(2025, 6, 1), false, []rule.ID{rule.LicPort}, never},
		{"reason out of range", sub, d2, 3, date(2025, 6, 1), false, []rule.ID{rule.LicPort}, never},
		{"no device", sub, license.Device{}, license.Rebalance, date(2025, 6, 1), false, []rule.ID{rule.LicPort}, never},
		// ENT-TIMER: "Subscription timer begins when a subscription license is fulfilled (shipped)".
		{"perpetual RMA before its start", perp, d2, license.RMA, date(2024, 12, 31), false, []rule.ID{rule.EntTimer}, date(2025, 1, 1)},
		{"perpetual RMA at its start", perp, d2, license.RMA, date(2025, 1, 1), true, []rule.ID{rule.LicPerpRMA}, never},
		{"subscription before its start", sub, d2, license.Rebalance, date(2024, 12, 31), false, []rule.ID{rule.EntTimer}, date(2025, 1, 1)},
		// LIC-PORT: "Subscription licenses are portable"; ENT-GRACE keeps it usable.
		{"subscription in grace", sub, d2, license.RMA, date(2026, 1, 20), true, []rule.ID{rule.LicPort}, date(2026, 1, 31)},
		// LIC-SUB-EXPIRY: "You may no longer use the features and scale granted under the expired subscription".
		{"expired subscription", sub, d2, license.Rebalance, date(2026, 1, 31), false, []rule.ID{rule.LicPort, rule.LicSubExpiry}, never},
		// LIC-PORT: "License portability is applicable only across like-device classes".
		{"subscription to another class", sub, ptx, license.Rebalance, date(2025, 6, 1), false, []rule.ID{rule.LicPort}, never},
	} {
		moved, v := c.l.Move(c.to, c.reason, c.at)
		if v.Allowed != c.allowed || !slices.Equal(v.Rules.IDs(), c.rules) || !v.Until.Equal(c.until) || v.Subject != c.l.ID() {
			t.Errorf("%s: allowed %v rules %v until %v; want %v %v %v", c.name, v.Allowed, v.Rules.IDs(), v.Until, c.allowed, c.rules, c.until)
		}
		if want := c.l.Device(); c.allowed {
			if moved.Device() != c.to.Serial || moved.Platform() != c.to.Platform {
				t.Errorf("%s: moved to %s on %s", c.name, moved.Device(), moved.Platform())
			}
		} else if moved.Device() != want {
			t.Errorf("%s: a refused move put the license on %s", c.name, moved.Device())
		}
	}
}
