package license_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

// TestAbsurdAmountsAreRefusedAtOnce: a capacity or units beyond the
// library's bound on amounts (at most 40 digits either side of the point,
// the bound credits apply) are refused citing LIC-SOD before any
// comparison: decimal.New(1, 1e9) once made a use run past 20 s.
func TestAbsurdAmountsAreRefusedAtOnce(t *testing.T) {
	p := license.DefaultProgram()
	mx := p.MustNewDevice("mx-1", "MX", "")
	spec := license.Spec{ID: "L1", Kind: license.Perpetual, Tier: license.Standard, Platform: "MX", Device: mx,
		Features: []string{"bgp"}, Start: date(2025, 1, 1)}
	for _, c := range []decimal.Decimal{decimal.New(1, 1_000_000_000), decimal.New(5, -1_000_000_000), decimal.New(1, 41)} {
		s := spec
		s.Capacity = decimal.NewNullDecimal(c)
		_, err := p.NewLicense(s)
		if !errors.Is(err, rule.LicSOD) || !strings.Contains(err.Error(), "out of range") {
			t.Errorf("capacity with exponent %d: %v, want a LIC-SOD refusal saying it is out of range", c.Exponent(), err)
		}
	}
	spec.Capacity = nd("100")
	l := p.MustNewLicense(spec)
	for _, u := range []decimal.Decimal{decimal.New(1, 1_000_000_000), decimal.New(5, -1_000_000_000)} {
		v := l.Use("mx-1", "bgp", decimal.NewNullDecimal(u), date(2025, 6, 1))
		if v.Allowed || v.Rules != rule.ListOf(rule.LicSOD) || !v.Until.IsZero() || !strings.Contains(v.Reason, "out of range") {
			t.Errorf("units with exponent %d: %+v, want a LIC-SOD refusal for good", u.Exponent(), v)
		}
	}
}

// TestUnitsAreComparedWithTheCapacityByValue: "units over its capacity"
// (LIC-SOD) by value, whatever the exponents either is written with, at
// the capacity, a hair either side of it, and for coefficients too long
// for an int64.
func TestUnitsAreComparedWithTheCapacityByValue(t *testing.T) {
	p := license.DefaultProgram()
	mx := p.MustNewDevice("mx-1", "MX", "")
	for _, c := range []struct {
		capacity, units string
		over            bool
	}{
		{"100", "100", false}, {"100", "100.000", false}, {"1E2", "1E2", false}, {"100", "100.0000000001", true},
		{"100", "99.99999999999999999", false}, {"2.5", "3", true}, {"2.5", "2.5", false}, {"0", "0.001", true},
		{"1E30", "999999999999999999999999999999", false}, {"1E30", "1000000000000000000000000000001", true},
		{"123456789012345678901234567890.5", "123456789012345678901234567890.5", false},
		{"123456789012345678901234567890.5", "123456789012345678901234567890.51", true},
		{"0.000000000000000000001", "1E-21", false}, {"0.000000000000000000001", "2E-21", true},
	} {
		spec := license.Spec{ID: "L1", Kind: license.Perpetual, Tier: license.Standard, Platform: "MX", Device: mx,
			Features: []string{"bgp"}, Start: date(2025, 1, 1), Capacity: nd(c.capacity)}
		v := p.MustNewLicense(spec).Use("mx-1", "bgp", nd(c.units), date(2025, 6, 1))
		if over := !v.Allowed && v.Rules.Contains(rule.LicSOD); over != c.over {
			t.Errorf("capacity %s, units %s: over = %v, want %v (%v)", c.capacity, c.units, over, c.over, v.Rules)
		}
	}
}

// TestAMeteredUseAllocatesNothing: a use with units, against a capacity
// of any exponent, stays on the hot path's budget.
func TestAMeteredUseAllocatesNothing(t *testing.T) {
	p := license.DefaultProgram()
	mx := p.MustNewDevice("mx-1", "MX", "")
	l := p.MustNewLicense(license.Spec{ID: "L1", Kind: license.Perpetual, Tier: license.Standard, Platform: "MX", Device: mx,
		Features: []string{"bgp"}, Start: date(2025, 1, 1), Capacity: nd("2.5")})
	for _, u := range []string{"2", "2.75", "1E1"} {
		units := nd(u)
		if n := testing.AllocsPerRun(100, func() { l.Use("mx-1", "bgp", units, date(2025, 6, 1)) }); n != 0 {
			t.Errorf("units %s: %v allocations", u, n)
		}
	}
}
