package license_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/vandal"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// TestDeviceClassMustBeDeclaredForItsPlatform: LIC-PORT "only across
// like-device classes"; a device's class is one the catalog declares for
// its platform (its default class or one of Classes), or the device is
// refused naming the class, the platform and the rule.
func TestDeviceClassMustBeDeclaredForItsPlatform(t *testing.T) {
	p := license.DefaultProgram()
	for _, c := range []struct{ platform, class string }{{"MX", "no-such-class"}, {"MX", "PTX"}} {
		_, err := p.NewDevice("X2", c.platform, c.class)
		var v *rule.Violation
		if !errors.As(err, &v) || !v.Cites(rule.LicPort) || !strings.Contains(err.Error(), c.class) || !strings.Contains(err.Error(), c.platform) {
			t.Errorf("NewDevice(%s, %s): err = %v, want LIC-PORT naming both", c.platform, c.class, err)
		}
	}
	cat, err := license.DefaultCatalog().AddPlatform(license.PlatformSpec{Name: "MX", Family: license.Hardware, Class: "MX",
		Classes: []string{"MX-routers"}, Trial: license.TrialsOffered})
	if err != nil {
		t.Fatal(err)
	}
	q := license.MustNewProgram(cat, license.DefaultTerms())
	if d, err := q.NewDevice("X3", "MX", "MX-routers"); err != nil || d.Class != "MX-routers" {
		t.Errorf("a declared further class: %+v, %v", d, err)
	}
	if _, err := license.DefaultCatalog().AddPlatform(license.PlatformSpec{Name: "MX", Family: license.Hardware, Classes: []string{"A", "A"}}); !errors.Is(err, rule.LicPort) {
		t.Errorf("a class listed twice: %v", err)
	}
}

// TestPTXLicenseDoesNotMoveOntoAnMXDeviceOfClassPTX: a Device built by hand
// in a class its platform lacks is refused by Move too (LIC-PORT), so the
// class check cannot be walked around.
func TestPTXLicenseDoesNotMoveOntoAnMXDeviceOfClassPTX(t *testing.T) {
	p := license.DefaultProgram()
	ptx := p.MustNewDevice("ptx-1", "PTX", "")
	l := p.MustNewLicense(license.Spec{ID: "L1", Kind: license.Subscription, Tier: license.Standard, Platform: "PTX",
		Device: ptx, Features: []string{"bgp"}, Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), TermYears: 1})
	forged := license.Device{Serial: "mx-9", Platform: "MX", Class: "PTX"}
	_, v := l.Move(forged, license.Rebalance, time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC))
	if v.Allowed || !v.Rules.Contains(rule.LicPort) {
		t.Fatalf("move onto a forged device: %+v", v)
	}
}

// TestPlatformTrialsFollowTheFamily: LIC-TRIAL-PRODUCTS "Trial or Evaluation
// License Keys are available: Virtual and cloud platforms"; a platform
// added without a trial setting follows its family.
func TestPlatformTrialsFollowTheFamily(t *testing.T) {
	for _, c := range []struct {
		family license.Family
		trials license.Trials
		want   bool
	}{
		{license.Virtual, license.TrialsByFamily, true},
		{license.Hardware, license.TrialsByFamily, false},
		{license.Software, license.TrialsByFamily, false},
		{license.Hardware, license.TrialsOffered, true},
		{license.Virtual, license.TrialsNone, false},
	} {
		cat, err := license.DefaultCatalog().AddPlatform(license.PlatformSpec{Name: "new", Family: c.family, Trial: c.trials})
		if err != nil {
			t.Fatal(err)
		}
		v := license.MustNewProgram(cat, license.DefaultTerms()).TrialAvailable("new", "bgp")
		if v.Allowed != c.want {
			t.Errorf("%s platform, trials %s: allowed %v, want %v (%v)", c.family, c.trials, v.Allowed, c.want, v.Rules)
		}
	}
}

// TestZeroLicenseGrantsNothingAndSaysWhy: "A zero License is denied with the
// reason ..." of a wrong device no longer: every question about the zero
// License is refused citing LIC-KIND, for good.
func TestZeroLicenseGrantsNothingAndSaysWhy(t *testing.T) {
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var zero license.License
	p := license.DefaultProgram()
	for name, v := range map[string]rule.Verdict{
		"use":      zero.Use("", "", noUnits, at),
		"use here": zero.Use("mx-1", "bgp", noUnits, at),
		"standing": zero.StandingAt(at).Verdict,
		"move":     second(zero.Move(p.MustNewDevice("mx-2", "MX", ""), license.Rebalance, at)),
		"renew":    second(zero.Renew(1, at)),
		"tier":     second(zero.ChangeTier(license.Premium, at)),
	} {
		if v.Allowed || v.Rules != rule.ListOf(rule.LicKind) || !v.Until.IsZero() || !strings.Contains(v.Reason, "not valid") {
			t.Errorf("%s of the zero License: %+v", name, v)
		}
	}
	var r license.Ruling
	if r.Allowed() || r.Rules() != rule.ListOf(rule.LicKind) {
		t.Errorf("the zero Ruling: %v %v", r.Allowed(), r.Rules())
	}
	var np license.Program
	if _, err := np.NewLicense(license.Spec{ID: "L"}); err == nil {
		t.Error("the zero Program built a license")
	}
	if _, err := np.NewDevice("s", "MX", ""); err == nil {
		t.Error("the zero Program built a device")
	}
	if v := np.TrialAvailable("MX", "bgp"); v.Allowed {
		t.Error("the zero Program offers trials")
	}
	if _, err := license.NewProgram(license.Catalog{}, license.DefaultTerms()); !errors.Is(err, rule.LicPlatform) {
		t.Errorf("the zero Catalog: %v", err)
	}
	if _, err := license.NewProgram(license.DefaultCatalog(), license.Terms{}); !errors.Is(err, rule.LicSubTerm) {
		t.Errorf("the zero Terms: %v", err)
	}
}

func second[A, B any](_ A, b B) B { return b }

// TestZeroLicenseStandsInvalidAtEveryInstant: the zero License is not "not
// started" before 1970, where its unset bounds would put it: it is invalid
// at every instant, and never changes.
func TestZeroLicenseStandsInvalidAtEveryInstant(t *testing.T) {
	var zero license.License
	for _, at := range []time.Time{{}, time.Unix(-1, 0), time.Unix(0, 0), time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)} {
		if s := zero.StandingAt(at); s.State != 0 || s.Allowed || !s.Until.IsZero() || s.Rules != rule.ListOf(rule.LicKind) {
			t.Errorf("at %s: %+v", at, s)
		}
	}
}

// TestRefusalsAreFreshPerCall: "errors are fresh values per call". The
// error of the zero Program, edited by one caller (its Reason, its Rules),
// is not what the next caller gets.
func TestRefusalsAreFreshPerCall(t *testing.T) {
	var zero license.Program
	_, first := zero.NewDevice("s", "MX", "")
	want := first.Error()
	vandal.Edit(&first)
	if v, ok := first.(*rule.Violation); ok {
		v.Reason, v.Rules = "EDITED", rule.ListOf(rule.TmipSwap)
	}
	_, again := zero.NewDevice("s", "MX", "")
	_, lic := zero.NewLicense(license.Spec{ID: "L"})
	for _, err := range []error{again, lic} {
		if err == nil || err.Error() != want {
			t.Errorf("after editing an earlier error: %v, want %q", err, want)
		}
	}
}
