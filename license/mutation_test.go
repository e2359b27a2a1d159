package license_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// enumText is what each enumeration answers for its names.
type enumText interface {
	comparable
	IsValid() bool
	String() string
	MarshalText() ([]byte, error)
}

// checkEnum asserts that the values 1..len(names) are valid, named and
// parsed back by name, and that 0 and len(names)+1 are invalid, print as
// what(n) and do not marshal.
func checkEnum[T enumText](t *testing.T, what string, names []string, of func(int) T, parse func(string) (T, error)) {
	t.Helper()
	for i, name := range names {
		v := of(i + 1)
		text, err := v.MarshalText()
		if !v.IsValid() || v.String() != name || err != nil || string(text) != name {
			t.Errorf("%s %d: valid %v, String %q, MarshalText %q %v; want %q", what, i+1, v.IsValid(), v.String(), text, err, name)
		}
		if got, err := parse(name); err != nil || got != v {
			t.Errorf("parsing %q: %v, %v", name, got, err)
		}
	}
	for _, n := range []int{0, len(names) + 1} {
		v := of(n)
		if v.IsValid() {
			t.Errorf("%s %d is valid", what, n)
		}
		if want := fmt.Sprintf("%s(%d)", what, n); v.String() != want {
			t.Errorf("%s %d prints %q, want %q", what, n, v.String(), want)
		}
		if text, err := v.MarshalText(); err == nil {
			t.Errorf("%s %d marshals to %q", what, n, text)
		}
	}
}

// TestEnumsNameExactlyTheirValues: every kind (LIC-KIND), tier (LIC-TIER),
// family (LIC-PLATFORM), move reason and state has a name that parses back
// to it; the values around them are invalid, print as a Go value and never
// marshal.
func TestEnumsNameExactlyTheirValues(t *testing.T) {
	checkEnum(t, "license.Kind", []string{"perpetual", "subscription", "trial"},
		func(i int) license.Kind { return license.Kind(i) }, license.ParseKind)
	checkEnum(t, "license.Tier", []string{"standard", "advanced", "premium"},
		func(i int) license.Tier { return license.Tier(i) }, license.ParseTier)
	checkEnum(t, "license.Family", []string{"hardware", "virtual", "software"},
		func(i int) license.Family { return license.Family(i) }, license.ParseFamily)
	checkEnum(t, "license.MoveReason", []string{"rma", "rebalance"},
		func(i int) license.MoveReason { return license.MoveReason(i) }, license.ParseMoveReason)
	var s license.State
	if err := s.UnmarshalText([]byte("in-grace")); err != nil || s != license.InGrace {
		t.Errorf("state in-grace decodes to %v, %v", s, err)
	}
	if err := s.UnmarshalText([]byte("lapsed")); !errors.Is(err, rule.LicKind) || s != license.InGrace {
		t.Errorf("unknown state: %v, state now %v", err, s)
	}
	if license.State(0).String() != "license.State(0)" || license.Expired.String() != "expired" {
		t.Errorf("states print %q and %q", license.State(0), license.Expired)
	}
	if license.CapitalExpense.String() != "capex" || license.OperatingExpense.String() != "opex" ||
		license.Expense(0).String() != "license.Expense(0)" {
		t.Errorf("expenses print %q, %q, %q", license.CapitalExpense, license.OperatingExpense, license.Expense(0))
	}
}

// TestCatalogPlatformWithoutClassIsItsOwnClass: "The device classes inside
// each family ("like-device classes") are catalog data, default one class
// per series" (LIC-PLATFORM); a platform given no class is its own class.
func TestCatalogPlatformWithoutClassIsItsOwnClass(t *testing.T) {
	c, err := license.DefaultCatalog().AddPlatform(license.PlatformSpec{Name: "MX-lab", Family: license.Hardware})
	if err != nil {
		t.Fatal(err)
	}
	prog := license.MustNewProgram(c, license.DefaultTerms())
	if p, ok := prog.Platform("MX-lab"); !ok || p.DefaultClass() != "MX-lab" {
		t.Errorf("platform %+v, %v; want class MX-lab", p, ok)
	}
	if p, _ := prog.Platform("MX"); p.DefaultClass() != "MX" {
		t.Errorf("MX's class %q", p.Class)
	}
	d, err := license.MustNewProgram(c, license.DefaultTerms()).NewDevice("lab-1", "MX-lab", "")
	if err != nil || d.Class != "MX-lab" {
		t.Errorf("device %+v, %v; want class MX-lab", d, err)
	}
	// Two platforms sharing a class are like devices (LIC-PORT).
	c, _ = c.AddPlatform(license.PlatformSpec{Name: "MX-edge", Family: license.Hardware, Class: "MX"})
	if d, _ := license.MustNewProgram(c, license.DefaultTerms()).NewDevice("edge-1", "MX-edge", ""); d.Class != "MX" {
		t.Errorf("MX-edge device in class %q, want MX", d.Class)
	}
}

// TestCatalogAddReplacesByNameAndCopies: AddPlatform and AddFeature replace
// an entry of the same name, wherever it is, append a new one, leave the
// catalog they were called on unchanged and refuse an entry without a name
// or family.
func TestCatalogAddReplacesByNameAndCopies(t *testing.T) {
	base := license.DefaultCatalog()
	first, last := base.Platforms[0].Name, base.Platforms[len(base.Platforms)-1].Name
	for _, name := range []string{first, last} {
		c, err := base.AddPlatform(license.PlatformSpec{Name: name, Family: license.Software, Class: "lab"})
		if err != nil {
			t.Fatal(err)
		}
		if p, _ := c.Platform(name); len(c.Platforms) != len(base.Platforms) || p.Family != license.Software || p.Class != "lab" {
			t.Errorf("replacing %s: %d platforms, %+v", name, len(c.Platforms), p)
		}
		if p, _ := base.Platform(name); p.Class != name {
			t.Errorf("replacing %s changed the original catalog: %+v", name, p)
		}
	}
	c, err := base.AddPlatform(license.PlatformSpec{Name: "lab", Family: license.Virtual, Trial: license.TrialsOffered})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Platforms) != len(base.Platforms)+1 || !slices.Equal(names(c.Platforms[:len(base.Platforms)]), names(base.Platforms)) {
		t.Errorf("adding lab: platforms %v", names(c.Platforms))
	}
	for _, bad := range []license.PlatformSpec{{Family: license.Hardware}, {Name: "x"}, {Name: "x", Family: 4}} {
		if _, err := base.AddPlatform(bad); !errors.Is(err, rule.LicPlatform) {
			t.Errorf("AddPlatform(%+v) = %v, want LIC-PLATFORM", bad, err)
		}
	}

	// LIC-TRIAL-FEATURES: "an extended license upgrade, capacity key, or VSYS
	// license is not available as a temporary license key".
	firstF := base.Features[0].Name
	f, err := base.AddFeature(license.FeatureSpec{Name: firstF, Trial: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Features) != len(base.Features) || !f.Feature(firstF).Trial || base.Feature(firstF).Trial {
		t.Errorf("replacing %s: features %+v, original %+v", firstF, f.Features, base.Features)
	}
	f, err = base.AddFeature(license.FeatureSpec{Name: "idp"})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Features) != len(base.Features)+1 || f.Feature("idp").Trial || f.Feature(firstF).Trial {
		t.Errorf("adding idp: features %+v", f.Features)
	}
	if _, err := base.AddFeature(license.FeatureSpec{}); !errors.Is(err, rule.LicTrialFeatures) {
		t.Errorf("AddFeature without name = %v", err)
	}
}

func names(ps []license.PlatformSpec) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Name
	}
	return out
}

// TestCatalogValidateRefusesBadNames: the default catalog is valid; a
// platform without name or family, a platform listed twice (LIC-PLATFORM),
// a feature without name or listed twice (LIC-TRIAL-FEATURES) are not.
func TestCatalogValidateRefusesBadNames(t *testing.T) {
	if err := license.DefaultCatalog().Validate(); err != nil {
		t.Fatalf("default catalog: %v", err)
	}
	with := func(f func(*license.Catalog)) license.Catalog {
		c := license.DefaultCatalog()
		f(&c)
		return c
	}
	for _, c := range []struct {
		name string
		cat  license.Catalog
		rule rule.ID
		says string
	}{
		{"platform without name", with(func(c *license.Catalog) { c.Platforms[3].Name = "" }), rule.LicPlatform, "no name"},
		{"platform without family", with(func(c *license.Catalog) { c.Platforms[3].Family = 0 }), rule.LicPlatform, "no valid family"},
		{"platform twice", with(func(c *license.Catalog) { c.Platforms = append(c.Platforms, c.Platforms[0]) }), rule.LicPlatform, `"PTX" is listed twice`},
		{"feature without name", with(func(c *license.Catalog) { c.Features[1].Name = "" }), rule.LicTrialFeatures, "no name"},
		{"feature twice", with(func(c *license.Catalog) { c.Features = append(c.Features, c.Features[2]) }), rule.LicTrialFeatures, `"vsys" is listed twice`},
		// A feature may share a platform's name: they are separate lists.
		{"feature named as a platform", with(func(c *license.Catalog) { c.Features = append(c.Features, license.FeatureSpec{Name: "MX"}) }), 0, ""},
	} {
		err := c.cat.Validate()
		if c.rule == 0 {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		if !errors.Is(err, c.rule) || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v, want %v saying %q", c.name, err, c.rule, c.says)
		}
	}
}

// TestVerdictErrCitesItsRules: a refusal's error cites the verdict's rules
// and names the license; an allowed verdict has no error; a verdict nobody
// filled in is refused citing LIC-KIND.
func TestVerdictErrCitesItsRules(t *testing.T) {
	d := mustDevice("mx-1", "MX")
	l := mustLicense(license.Spec{ID: "perp-1", Kind: license.Perpetual, Tier: license.Standard, Platform: "MX", Device: d,
		Features: []string{"bgp"}, Start: date(2025, 1, 1)})
	v := l.Use("mx-2", "ospf", noUnits, date(2025, 2, 1))
	err := v.Err()
	var viol *rule.Violation
	if !errors.As(err, &viol) || !slices.Equal(viol.Rules.IDs(), []rule.ID{rule.LicPerpBind, rule.LicTier}) || viol.Subject != "perp-1" ||
		!strings.Contains(err.Error(), "perp-1: ") || v.Subject() != "perp-1" {
		t.Errorf("Err() = %#v", err)
	}
	if err := l.Use("mx-1", "bgp", noUnits, date(2025, 2, 1)).Err(); err != nil {
		t.Errorf("allowed use: %v", err)
	}
	if err := (license.Verdict{}).Err(); !errors.Is(err, rule.LicKind) {
		t.Errorf("zero verdict: %v", err)
	}
}

// TestTermsValidateBounds: "1-year, 3-year, or 5-year terms" (LIC-SUB-TERM);
// other programs may list other whole years from 1 to 100, and no negative
// warning (LIC-TRIAL-WARN) or grace (ENT-GRACE) days.
func TestTermsValidateBounds(t *testing.T) {
	for _, c := range []struct {
		years       []int
		warn, grace int
		rule        rule.ID
	}{
		{[]int{1, 100}, 0, 0, 0},
		{[]int{0}, 30, 30, rule.LicSubTerm},
		{[]int{1, 101}, 30, 30, rule.LicSubTerm},
		{[]int{-1}, 30, 30, rule.LicSubTerm},
		{[]int{1}, -1, 30, rule.LicTrialWarn},
		{[]int{1}, 30, -1, rule.EntGrace},
	} {
		err := license.Terms{SubscriptionTermYears: c.years, TrialWarningDays: c.warn, InitialGraceDays: c.grace}.Validate()
		if c.rule == 0 && err != nil || c.rule != 0 && !errors.Is(err, c.rule) {
			t.Errorf("terms %v warn %d grace %d: %v, want %v", c.years, c.warn, c.grace, err, c.rule)
		}
	}
	// A hundred-year subscription runs to its hundredth anniversary.
	terms := license.Terms{SubscriptionTermYears: []int{100}, TrialWarningDays: 30, InitialGraceDays: 0}
	l, err := license.MustNewProgram(license.DefaultCatalog(), terms).NewLicense(license.Spec{ID: "S", Kind: license.Subscription, Tier: license.Standard,
		Platform: "MX", Device: mustDevice("mx-1", "MX"), Features: []string{"bgp"}, Start: date(2025, 1, 1), TermYears: 100})
	if err != nil || !l.End().Equal(date(2125, 1, 1)) {
		t.Errorf("100 years: %v, end %v", err, l.End())
	}
}

// TestUseCarriesTrialWarningsOnlyInTheWindow: "System generates alarms, sys
// logs, and warnings that the trial license is due for expiry"
// (LIC-TRIAL-WARN): Use carries the three obligations in the warning window
// and none before it, after the trial's end or for another kind.
func TestUseCarriesTrialWarningsOnlyInTheWindow(t *testing.T) {
	d := mustDevice("vmx-1", "vMX")
	trial := mustLicense(license.Spec{ID: "T", Kind: license.Trial, Tier: license.Standard, Platform: "vMX", Device: d,
		Features: []string{"bgp"}, Start: date(2025, 1, 1), End: date(2025, 3, 1)})
	sub := mustLicense(license.Spec{ID: "S", Kind: license.Subscription, Tier: license.Standard, Platform: "vMX", Device: d,
		Features: []string{"bgp"}, Start: date(2025, 1, 1), TermYears: 1})
	for _, c := range []struct {
		name string
		l    license.License
		at   time.Time
		want int
	}{
		{"trial before its window", trial, date(2025, 1, 30).Add(-1), 0},
		{"trial as its window opens", trial, date(2025, 1, 30), 3},
		{"trial 1ns before its end", trial, date(2025, 3, 1).Add(-1), 3},
		{"trial at its end", trial, date(2025, 3, 1), 0},
		{"subscription in term", sub, date(2025, 2, 1), 0},
		{"subscription in grace", sub, date(2026, 1, 15), 0},
	} {
		v := c.l.Use("vmx-1", "bgp", noUnits, c.at)
		if len(v.Obligations.Slice()) != c.want {
			t.Errorf("%s: obligations %v, want %d", c.name, v.Obligations.Slice(), c.want)
			continue
		}
		for _, o := range v.Obligations.Slice() {
			if o.Rule != rule.LicTrialWarn || !o.Due.Equal(date(2025, 3, 1)) || o.Subject != "T" {
				t.Errorf("%s: obligation %+v", c.name, o)
			}
		}
	}
	// A refusal for good carries no warnings, even inside the window.
	if v := trial.Use("vmx-2", "bgp", noUnits, date(2025, 2, 10)); v.Obligations.Slice() != nil || v.Allowed {
		t.Errorf("another device in the window: %+v", v)
	}
}

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
		if v.Allowed != c.allowed || !slices.Equal(v.Rules.IDs(), c.rules) || !v.Until.Equal(c.until) || v.Subject() != c.l.ID() {
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

// TestOnlyAnInitialSubscriptionIsInitial: "Initial subscriptions add a
// 30-day grace period to the subscription term" and "Renewals do not"
// (ENT-GRACE); perpetual licenses and trials have no grace either.
func TestOnlyAnInitialSubscriptionIsInitial(t *testing.T) {
	d := mustDevice("mx-1", "MX")
	spec := license.Spec{ID: "L", Tier: license.Standard, Platform: "MX", Device: d, Features: []string{"bgp"}, Start: date(2025, 1, 1)}
	with := func(f func(*license.Spec)) license.License { s := spec; f(&s); return mustLicense(s) }
	for _, c := range []struct {
		name string
		l    license.License
		want bool
	}{
		{"initial subscription", with(func(s *license.Spec) { s.Kind, s.TermYears = license.Subscription, 1 }), true},
		{"renewal", with(func(s *license.Spec) { s.Kind, s.TermYears, s.Renewal = license.Subscription, 1, true }), false},
		{"perpetual", with(func(s *license.Spec) { s.Kind = license.Perpetual }), false},
		{"trial", with(func(s *license.Spec) { s.Kind, s.End = license.Trial, date(2025, 2, 1) }), false},
	} {
		if got := c.l.Initial(); got != c.want {
			t.Errorf("%s: Initial() = %v, want %v", c.name, got, c.want)
		}
	}
}
