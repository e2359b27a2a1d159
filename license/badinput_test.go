package license_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func TestBadInputNamesValueAndRule(t *testing.T) {
	mx := mustDevice("mx-1", "MX")
	ok := license.Spec{ID: "L1", Kind: license.Subscription, Tier: license.Standard, Platform: "MX", Device: mx,
		Features: []string{"bgp"}, Start: date(2025, 1, 1), TermYears: 1}
	with := func(f func(*license.Spec)) license.Spec { s := ok; f(&s); return s }
	cases := []struct {
		name  string
		spec  license.Spec
		rule  rule.ID
		value string
	}{
		{"term of 2 years", with(func(s *license.Spec) { s.TermYears = 2 }), rule.LicSubTerm, "2"},
		{"trial ending before it starts", with(func(s *license.Spec) {
			s.Kind, s.TermYears, s.Platform, s.Device, s.End = license.Trial, 0, "vMX", mustDevice("v", "vMX"), date(2024, 12, 1)
		}), rule.LicKind, "2024-12-01"},
		{"device of another platform", with(func(s *license.Spec) { s.Device = mustDevice("ptx-1", "PTX") }), rule.LicPlatform, "ptx-1"},
		{"negative capacity", with(func(s *license.Spec) { s.Capacity = nd("-1") }), rule.LicSOD, "-1"},
		{"no features", with(func(s *license.Spec) { s.Features = nil }), rule.LicTier, "L1"},
		{"duplicate feature", with(func(s *license.Spec) { s.Features = []string{"bgp", "bgp"} }), rule.LicTier, "bgp"},
		{"unknown platform", with(func(s *license.Spec) { s.Platform = "MX2" }), rule.LicPlatform, "MX2"},
		{"unknown kind", with(func(s *license.Spec) { s.Kind = 9 }), rule.LicKind, "9"},
		{"unknown tier", with(func(s *license.Spec) { s.Tier = 0 }), rule.LicTier, "0"},
		{"trial on SRX", with(func(s *license.Spec) {
			s.Kind, s.TermYears, s.Platform, s.Device, s.End = license.Trial, 0, "SRX", mustDevice("s", "SRX"), date(2025, 2, 1)
		}), rule.LicTrialProducts, "SRX"},
		{"trial of a capacity key", with(func(s *license.Spec) {
			s.Kind, s.TermYears, s.Platform, s.Device, s.End, s.Features = license.Trial, 0, "MX", mx, date(2025, 2, 1), []string{"capacity-key"}
		}), rule.LicTrialFeatures, "capacity-key"},
		{"subscription with an end", with(func(s *license.Spec) { s.End = date(2026, 1, 1) }), rule.LicSubTerm, "L1"},
		{"perpetual with a term", with(func(s *license.Spec) { s.Kind = license.Perpetual }), rule.LicPerpTerm, "L1"},
		{"start past year 9999", with(func(s *license.Spec) { s.Start = date(10000, 1, 1) }), rule.EntTimer, "10000-01-01"},
		{"term ending past year 9999", with(func(s *license.Spec) { s.Start = date(9999, 6, 1) }), rule.LicSubTerm, "9999-06-01"},
		{"grace ending past year 9999", with(func(s *license.Spec) { s.Start = date(9998, 12, 15) }), rule.EntGrace, "initialGraceDays 30"},
		{"trial ending past year 9999", with(func(s *license.Spec) {
			s.Kind, s.TermYears, s.Platform, s.Device, s.End = license.Trial, 0, "vMX", mustDevice("v", "vMX"), date(10000, 1, 1)
		}), rule.LicKind, "10000-01-01"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := license.MustNewProgram(license.DefaultCatalog(), license.DefaultTerms()).NewLicense(c.spec)
			if !errors.Is(err, c.rule) {
				t.Fatalf("err = %v, want one citing %v", err, c.rule)
			}
			if !strings.Contains(err.Error(), c.value) {
				t.Errorf("err %q does not name %q", err, c.value)
			}
		})
	}
	for _, bad := range []struct {
		parse func(string) error
		in    string
		rule  rule.ID
	}{
		{func(s string) error { _, err := license.ParseKind(s); return err }, "lease", rule.LicKind},
		{func(s string) error { _, err := license.ParseTier(s); return err }, "gold", rule.LicTier},
		{func(s string) error { _, err := license.ParseFamily(s); return err }, "cloud", rule.LicPlatform},
		{func(s string) error { _, err := license.ParseMoveReason(s); return err }, "gift", rule.LicPort},
	} {
		err := bad.parse(bad.in)
		if !errors.Is(err, bad.rule) || !strings.Contains(err.Error(), bad.in) {
			t.Errorf("parse %q: %v, want citing %v", bad.in, err, bad.rule)
		}
	}
	if _, err := license.MustNewProgram(license.DefaultCatalog(), license.DefaultTerms()).NewDevice("", "MX", ""); err == nil {
		t.Error("a device without serial was accepted")
	}
	bad := license.DefaultTerms()
	bad.SubscriptionTermYears = nil
	if err := bad.Validate(); !errors.Is(err, rule.LicSubTerm) {
		t.Errorf("empty term list: %v", err)
	}
	bad = license.DefaultTerms()
	bad.TrialWarningDays = -1
	if err := bad.Validate(); !errors.Is(err, rule.LicTrialWarn) {
		t.Errorf("negative warning days: %v", err)
	}
}

// TestNewNeverPanics feeds random specs to New: it returns a valid license
// or a *rule.Violation, never panics.
func TestNewNeverPanics(t *testing.T) {
	cat := license.DefaultCatalog()
	rapid.Check(t, func(t *rapid.T) {
		platforms := []string{"MX", "PTX", "vMX", "SRX", "Contrail", "nope", ""}
		p := rapid.SampledFrom(platforms).Draw(t, "platform")
		d := license.Device{Serial: rapid.StringN(0, 3, 3).Draw(t, "serial"), Platform: rapid.SampledFrom(platforms).Draw(t, "dp"), Class: "c"}
		spec := license.Spec{
			ID:        rapid.StringN(0, 3, 3).Draw(t, "id"),
			Kind:      license.Kind(rapid.IntRange(0, 4).Draw(t, "kind")),
			Tier:      license.Tier(rapid.IntRange(0, 4).Draw(t, "tier")),
			Platform:  p,
			Device:    d,
			Features:  rapid.SliceOfN(rapid.SampledFrom([]string{"bgp", "vsys", ""}), 0, 3).Draw(t, "features"),
			Start:     time.Unix(rapid.Int64Range(-1e10, 1e10).Draw(t, "start"), 0),
			TermYears: rapid.IntRange(-1, 6).Draw(t, "years"),
			End:       time.Unix(rapid.Int64Range(-1e10, 1e10).Draw(t, "end"), 0),
			Capacity:  decimal.NullDecimal{Decimal: decimal.NewFromInt(rapid.Int64Range(-5, 5).Draw(t, "cap")), Valid: rapid.Bool().Draw(t, "hascap")},
		}
		l, err := license.MustNewProgram(cat, license.DefaultTerms()).NewLicense(spec)
		var v *rule.Violation
		if err != nil && !errors.As(err, &v) {
			t.Fatalf("error %v is not a *rule.Violation", err)
		}
		if err == nil && !l.IsValid() {
			t.Fatal("no error and an invalid license")
		}
	})
}
