package license_test

import (
	"fmt"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/shopspring/decimal"
)

func Example() {
	cat, terms := license.DefaultCatalog(), license.DefaultTerms()
	qfx, _ := license.MustNewProgram(cat, license.DefaultTerms()).NewDevice("qfx-7", "QFX", "")
	l, err := license.MustNewProgram(cat, terms).NewLicense(license.Spec{
		ID: "evpn-1y", Kind: license.Subscription, Tier: license.Premium, Platform: "QFX",
		Device: qfx, Features: []string{"evpn-vxlan"},
		Start: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), TermYears: 1,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, at := range []string{"2024-09-01", "2025-03-15", "2025-03-31"} {
		t, _ := time.Parse(time.DateOnly, at)
		v := l.Use("qfx-7", "evpn-vxlan", decimal.NullDecimal{}, t)
		fmt.Println(at, v.Allowed, v.Rules.IDs(), v.Until.Format(time.DateOnly))
	}
	// Output:
	// 2024-09-01 true [LIC-SUB-TERM] 2025-03-01
	// 2025-03-15 true [ENT-GRACE LIC-SUB-TERM] 2025-03-31
	// 2025-03-31 false [LIC-SUB-EXPIRY LIC-RENEW] 0001-01-01
}

func ExampleNew() {
	cat := license.DefaultCatalog()
	mx, _ := license.MustNewProgram(cat, license.DefaultTerms()).NewDevice("mx-1", "MX", "")
	_, err := license.MustNewProgram(cat, license.DefaultTerms()).NewLicense(license.Spec{
		ID: "L1", Kind: license.Subscription, Tier: license.Standard, Platform: "MX", Device: mx,
		Features: []string{"bgp"}, Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), TermYears: 2,
	})
	fmt.Println(err)
	// Output:
	// LIC-SUB-TERM: license L1: term of 2 years is not one of [1 3 5]
}

func ExampleLicense_StandingAt() {
	cat := license.DefaultCatalog()
	v, _ := license.MustNewProgram(cat, license.DefaultTerms()).NewDevice("vsrx-1", "vSRX", "")
	trial := license.MustNewProgram(cat, license.DefaultTerms()).MustNewLicense(license.Spec{
		ID: "idp-trial", Kind: license.Trial, Tier: license.Standard, Platform: "vSRX", Device: v,
		Features: []string{"idp"}, Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC),
	})
	s := trial.StandingAt(time.Date(2025, 2, 10, 0, 0, 0, 0, time.UTC))
	fmt.Println(s.State, s.Rules.IDs(), s.Until.Format(time.DateOnly))
	for _, o := range s.Obligations.Slice() {
		fmt.Println(o.Kind, o.Rule, o.Due.Format(time.DateOnly))
	}
	// Output:
	// in-warning [LIC-TRIAL-WARN] 2025-03-01
	// alarm LIC-TRIAL-WARN 2025-03-01
	// syslog LIC-TRIAL-WARN 2025-03-01
	// warning LIC-TRIAL-WARN 2025-03-01
}

func ExampleLicense_Move() {
	cat := license.DefaultCatalog()
	d1, _ := license.MustNewProgram(cat, license.DefaultTerms()).NewDevice("device-1", "MX", "")
	d2, _ := license.MustNewProgram(cat, license.DefaultTerms()).NewDevice("device-2", "MX", "")
	sub := license.MustNewProgram(cat, license.DefaultTerms()).MustNewLicense(license.Spec{
		ID: "bgp-sub", Kind: license.Subscription, Tier: license.Advanced, Platform: "MX", Device: d1,
		Features: []string{"bgp"}, Start: time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC), TermYears: 1,
	})
	moved, v := sub.Move(d2, license.Rebalance, time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC))
	fmt.Println(v.Allowed, v.Rules.IDs(), moved.Device(), moved.End().Format(time.DateOnly))
	// Output:
	// true [LIC-PORT] device-2 2026-02-09
}

func ExampleLicense_Renew() {
	cat := license.DefaultCatalog()
	d, _ := license.MustNewProgram(cat, license.DefaultTerms()).NewDevice("mx-1", "MX", "")
	sub := license.MustNewProgram(cat, license.DefaultTerms()).MustNewLicense(license.Spec{
		ID: "S", Kind: license.Subscription, Tier: license.Standard, Platform: "MX", Device: d,
		Features: []string{"bgp"}, Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), TermYears: 1,
	})
	r, v := sub.Renew(3, time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC))
	fmt.Println(v.Allowed, v.Rules.IDs(), r.Start().Format(time.DateOnly), r.End().Format(time.DateOnly))
	// Output:
	// true [LIC-RENEW] 2026-01-31 2029-01-31
}

func ExampleProgram_TrialAvailable() {
	p := license.DefaultProgram()
	for _, q := range [][2]string{{"MX", "bgp"}, {"SRX", "idp"}, {"vSRX", "vsys"}} {
		v := p.TrialAvailable(q[0], q[1])
		fmt.Println(q[0], q[1], v.Allowed, v.Rules.IDs())
	}
	// Output:
	// MX bgp true [LIC-TRIAL-PRODUCTS LIC-TRIAL-FEATURES]
	// SRX idp false [LIC-TRIAL-PRODUCTS]
	// vSRX vsys false [LIC-TRIAL-FEATURES]
}
