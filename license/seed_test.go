package license_test

import (
	"slices"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// Each case quotes the seed 000_858b2c4013de9dc9.txt or the scenario sample
// it checks, and names the rule RULES.md says the decision cites.
func TestSeedStatements(t *testing.T) {
	d1, d2, d3 := mustDevice("device-1", "MX"), mustDevice("device-2", "MX"), mustDevice("device-3", "PTX")
	sub := mustLicense(license.Spec{ID: "bgp-sub", Kind: license.Subscription, Tier: license.Advanced, Platform: "MX",
		Device: d1, Features: []string{"bgp"}, Start: date(2025, 1, 10), TermYears: 1})
	perp := mustLicense(license.Spec{ID: "bgp-perp", Kind: license.Perpetual, Tier: license.Advanced, Platform: "MX",
		Device: d1, Features: []string{"bgp"}, Start: date(2020, 6, 1)})
	qfx := mustDevice("qfx-7", "QFX")
	evpn := mustLicense(license.Spec{ID: "evpn-1y", Kind: license.Subscription, Tier: license.Premium, Platform: "QFX",
		Device: qfx, Features: []string{"evpn-vxlan"}, Start: date(2024, 3, 1), TermYears: 1})
	vmx := mustDevice("vmx-1", "vMX")
	trial := mustLicense(license.Spec{ID: "trial", Kind: license.Trial, Tier: license.Standard, Platform: "vMX",
		Device: vmx, Features: []string{"bgp"}, Start: date(2025, 1, 1), End: date(2025, 3, 1)})
	at := date(2025, 6, 1)
	move := func(l license.License, to license.Device, r license.MoveReason) rule.Verdict {
		_, v := l.Move(to, r, at)
		return v
	}
	renew := func(l license.License, years int, at time.Time) rule.Verdict {
		_, v := l.Renew(years, at)
		return v
	}
	change := func(l license.License, tier license.Tier, at time.Time) rule.Verdict {
		_, v := l.ChangeTier(tier, at)
		return v
	}
	never := time.Time{}
	cases := []struct {
		name    string
		got     rule.Verdict
		allowed bool
		cites   rule.ID
		until   time.Time
	}{
		{"LIC-PORT: You can move the BGP software feature license from device-1 to device-2",
			move(sub, d2, license.Rebalance), true, rule.LicPort, date(2026, 2, 9)},
		{"LIC-PORT: License portability is applicable only across like-device classes",
			move(sub, d3, license.Rebalance), false, rule.LicPort, never},
		{"LIC-PERP-RMA: Perpetual licenses are not portable except for cases of RMA",
			move(perp, d2, license.Rebalance), false, rule.LicPerpRMA, never},
		{"LIC-PERP-RMA: In case of RMA, you can exchange the perpetual license keys to the RMA device",
			move(perp, d2, license.RMA), true, rule.LicPerpRMA, never},
		{"LIC-PERP-RMA: the replacement is of the same like-device class",
			move(perp, d3, license.RMA), false, rule.LicPerpRMA, never},
		{"LIC-PORT: trials do not move",
			move(trial, mustDevice("vmx-2", "vMX"), license.Rebalance), false, rule.LicPort, never},
		{"LIC-PERP-TERM: Perpetual License, then You can continue to use the hardware and any software features",
			perp.Use("device-1", "bgp", noUnits, date(2031, 1, 1)), true, rule.LicPerpTerm, never},
		{"LIC-PERP-BIND: Chassis-based license tied to the serial number of the device",
			perp.Use("device-2", "bgp", noUnits, at), false, rule.LicPerpBind, never},
		{"LIC-PORT: a subscription on another device",
			sub.Use("device-2", "bgp", noUnits, at), false, rule.LicPort, never},
		{"LIC-TIER: a feature the license does not grant",
			sub.Use("device-1", "ospf", noUnits, at), false, rule.LicTier, never},
		{"ENT-TIMER: Subscription timer begins when a subscription license is fulfilled (shipped)",
			evpn.Use("qfx-7", "evpn-vxlan", noUnits, time.Date(2024, 2, 29, 23, 59, 59, 0, time.UTC)), false, rule.EntTimer, date(2024, 3, 1)},
		{"LIC-SUB-TERM: 1-year, 3-year, or 5-year terms",
			evpn.Use("qfx-7", "evpn-vxlan", noUnits, date(2024, 9, 1)), true, rule.LicSubTerm, date(2025, 3, 1)},
		{"ENT-GRACE: Initial subscriptions add a 30-day grace period to the subscription term",
			evpn.Use("qfx-7", "evpn-vxlan", noUnits, date(2025, 3, 15)), true, rule.EntGrace, date(2025, 3, 31)},
		{"LIC-SUB-EXPIRY: You may no longer use the features and scale granted under the expired subscription",
			evpn.Use("qfx-7", "evpn-vxlan", noUnits, date(2025, 3, 31)), false, rule.LicSubExpiry, never},
		{"LIC-RENEW: Renewals are not automatic",
			evpn.Use("qfx-7", "evpn-vxlan", noUnits, date(2025, 3, 31)), false, rule.LicRenew, never},
		{"LIC-KIND: a trial before its warning window",
			trial.Use("vmx-1", "bgp", noUnits, date(2025, 1, 15)), true, rule.LicKind, date(2025, 1, 30)},
		{"LIC-TRIAL-WARN: System generates alarms, sys logs, and warnings that the trial license is due for expiry",
			trial.Use("vmx-1", "bgp", noUnits, date(2025, 2, 1)), true, rule.LicTrialWarn, date(2025, 3, 1)},
		{"LIC-TRIAL-EXPIRY: purchase the license to continue using the software feature",
			trial.Use("vmx-1", "bgp", noUnits, date(2025, 3, 1)), false, rule.LicTrialExpiry, never},
		{"LIC-RENEW: you need to renew the license to continue using the software feature(s)",
			renew(sub, 3, at), true, rule.LicRenew, sub.End()},
		{"LIC-SUB-TERM: a renewal of 2 years is no term",
			renew(sub, 2, at), false, rule.LicSubTerm, never},
		{"LIC-RENEW: perpetual licenses are not renewed",
			renew(perp, 1, at), false, rule.LicRenew, never},
		{"LIC-SUB-CHANGE: Supports upgrades and downgrades",
			change(sub, license.Premium, at), true, rule.LicSubChange, sub.End()},
		{"LIC-SUB-CHANGE: perpetual licenses do not change tier",
			change(perp, license.Premium, at), false, rule.LicSubChange, never},
		{"LIC-TRIAL-FEATURES: an extended license upgrade ... is not available as a temporary license key",
			license.DefaultProgram().TrialAvailable("MX", "extended-upgrade"), false, rule.LicTrialFeatures, never},
		{"LIC-TRIAL-FEATURES: capacity key",
			license.DefaultProgram().TrialAvailable("PTX", "capacity-key"), false, rule.LicTrialFeatures, never},
		{"LIC-TRIAL-FEATURES: VSYS license",
			license.DefaultProgram().TrialAvailable("vSRX", "vsys"), false, rule.LicTrialFeatures, never},
		{"LIC-TRIAL-PRODUCTS: Trial or Evaluation License Keys are available: Virtual and cloud platforms",
			license.DefaultProgram().TrialAvailable("cRPD", "bgp"), true, rule.LicTrialProducts, never},
		{"LIC-TRIAL-PRODUCTS: not for SRX Series",
			license.DefaultProgram().TrialAvailable("SRX", "idp"), false, rule.LicTrialProducts, never},
		{"LIC-PLATFORM: an unknown platform", license.DefaultProgram().TrialAvailable("XYZ", "bgp"), false, rule.LicPlatform, never},
		{"LIC-TRIAL-PRODUCTS: an unknown platform has no trial keys", license.DefaultProgram().TrialAvailable("XYZ", "bgp"), false, rule.LicTrialProducts, never},
		{"LIC-TRIAL-FEATURES: an unknown platform and a feature without trial name both rules",
			license.DefaultProgram().TrialAvailable("XYZ", "vsys"), false, rule.LicTrialFeatures, never},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.got.Allowed != c.allowed || !slices.Contains(c.got.Rules.IDs(), c.cites) || !c.got.Until.Equal(c.until) {
				t.Errorf("got allowed=%v rules=%v until=%v; want allowed=%v citing %v until %v",
					c.got.Allowed, c.got.Rules.IDs(), c.got.Until, c.allowed, c.cites, c.until)
			}
			if err := c.got.Err(); (err == nil) != c.allowed {
				t.Errorf("Err() = %v for allowed=%v", err, c.allowed)
			}
		})
	}
}

func TestTrialProductsPerSeed(t *testing.T) {
	// "Juniper Products for which Trial or Evaluation License Keys are
	// available: Virtual and cloud platforms, PTX Series, QFX Series, EX
	// Switches, MX Series" (LIC-TRIAL-PRODUCTS).
	cat := license.DefaultCatalog()
	want := map[string]bool{"PTX": true, "MX": true, "QFX": true, "EX": true, "vMX": true, "vSRX": true, "cSRX": true, "cRPD": true}
	for _, p := range cat.Platforms {
		if got := license.DefaultProgram().TrialAvailable(p.Name, "bgp").Allowed; got != want[p.Name] {
			t.Errorf("trial on %s = %v, want %v", p.Name, got, want[p.Name])
		}
	}
	// LIC-PLATFORM: the three families hold every platform the seed names.
	families := map[license.Family]int{}
	for _, p := range cat.Platforms {
		families[p.Family]++
	}
	if families[license.Hardware] != 7 || families[license.Virtual] != 4 || families[license.Software] != 5 {
		t.Errorf("families = %v", families)
	}
}

func TestCapacityAndCost(t *testing.T) {
	// LIC-SOD: "Scale on Demand (SoD) [pay-as-you-grow (PaYG) model]".
	d := mustDevice("mx-1", "MX")
	l := mustLicense(license.Spec{ID: "sod", Kind: license.Perpetual, Tier: license.Standard, Platform: "MX", Device: d,
		Features: []string{"bandwidth"}, Start: date(2025, 1, 1), Capacity: nd("100")})
	if v := l.Use("mx-1", "bandwidth", nd("100"), date(2025, 2, 1)); !v.Allowed {
		t.Errorf("100 of 100 units refused: %v", v.Rules.IDs())
	}
	if v := l.Use("mx-1", "bandwidth", nd("100.5"), date(2025, 2, 1)); v.Allowed || !slices.Equal(v.Rules.IDs(), []rule.ID{rule.LicSOD}) {
		t.Errorf("over capacity = %v %v, want deny LIC-SOD", v.Allowed, v.Rules.IDs())
	}
	if v := l.Use("mx-2", "ospf", nd("500"), date(2025, 2, 1)); !slices.Equal(v.Rules.IDs(), []rule.ID{rule.LicPerpBind, rule.LicTier, rule.LicSOD}) {
		t.Errorf("every broken rule named: got %v", v.Rules.IDs())
	}
	// LIC-COST: "Select perpetual license as a capital expense"; LIC-SUB-SUPPORT: "Includes customer support".
	sub := mustLicense(license.Spec{ID: "s", Kind: license.Subscription, Tier: license.Standard, Platform: "MX", Device: d,
		Features: []string{"bgp"}, Start: date(2025, 1, 1), TermYears: 3})
	if l.Cost() != license.CapitalExpense || sub.Cost() != license.OperatingExpense {
		t.Error("LIC-COST: perpetual is capex, subscription opex")
	}
	if l.IncludesSupport() || !sub.IncludesSupport() {
		t.Error("LIC-SUB-SUPPORT: only a subscription includes support")
	}
	if g := sub.GrantsAt(date(2030, 1, 1)); g.Features != nil {
		t.Errorf("LIC-SUB-EXPIRY: an expired subscription grants %v", g.Features)
	}
	if g := sub.GrantsAt(date(2026, 1, 1)); !slices.Equal(g.Features, []string{"bgp"}) {
		t.Errorf("an active subscription grants %v", g.Features)
	}
}

func TestTrialWarningObligations(t *testing.T) {
	// LIC-TRIAL-WARN: alarm, syslog and warning, each due at the trial's end.
	l := mustLicense(license.Spec{ID: "t", Kind: license.Trial, Tier: license.Standard, Platform: "vSRX",
		Device: mustDevice("v", "vSRX"), Features: []string{"idp"}, Start: date(2025, 1, 1), End: date(2025, 2, 1)})
	s := l.StandingAt(date(2025, 1, 20))
	if s.State != license.InWarning || len(s.Obligations.Slice()) != 3 {
		t.Fatalf("standing = %v with %v", s.State, s.Obligations.Slice())
	}
	for i, k := range []rule.ObligationKind{rule.Alarm, rule.Syslog, rule.Warning} {
		o := s.Obligations.Slice()[i]
		if o.Kind != k || o.Rule != rule.LicTrialWarn || !o.Due.Equal(date(2025, 2, 1)) || o.Subject != "t" {
			t.Errorf("obligation %d = %+v", i, o)
		}
	}
}
