package license_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/calendar"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"pgregory.net/rapid"
)

func programWith(t interface{ Fatal(...any) }, terms license.Terms) license.Program {
	p, err := license.NewProgram(license.DefaultCatalog(), terms)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// LIC-TRIAL-WARN: "alarms, syslog messages and warnings ... before the
// trial period ends". With trialWarningDays 200000 the window opened at a
// wrapped instant and never held the trial.
func TestTrialWarningOfManyDaysOpensAtTheStart(t *testing.T) {
	terms := license.DefaultTerms()
	terms.TrialWarningDays = 200_000
	p := programWith(t, terms)
	l := p.MustNewLicense(license.Spec{ID: "T", Kind: license.Trial, Tier: license.Standard, Platform: "vMX",
		Device: p.MustNewDevice("v", "vMX", ""), Features: []string{"bgp"}, Start: date(2025, 1, 1), End: date(2025, 3, 1)})
	if !l.WarningFrom().Equal(date(2025, 1, 1)) {
		t.Fatalf("WarningFrom = %v, want the start", l.WarningFrom())
	}
	v := l.Use("v", "bgp", noUnits, date(2025, 2, 1))
	if !v.Allowed || v.Obligations.Len() != 3 || !v.Until.Equal(date(2025, 3, 1)) {
		t.Fatalf("use in the window = %+v, want allowed with three warnings until the end", v)
	}
}

// ENT-GRACE: "an additional 30 days" after the term. With initialGraceDays
// 200000 the grace's end wrapped and a subscription was denied inside it.
func TestInitialGraceOfManyDaysHoldsToItsEnd(t *testing.T) {
	terms := license.DefaultTerms()
	terms.InitialGraceDays = 200_000
	p := programWith(t, terms)
	l := p.MustNewLicense(license.Spec{ID: "S", Kind: license.Subscription, Tier: license.Standard, Platform: "MX",
		Device: p.MustNewDevice("mx", "MX", ""), Features: []string{"bgp"}, Start: date(2025, 1, 1), TermYears: 1})
	end := date(2026, 1, 1).AddDate(0, 0, 200_000)
	if !l.End().Equal(end) {
		t.Fatalf("End = %v, want %v", l.End(), end)
	}
	if v := l.Use("mx", "bgp", noUnits, end.Add(-time.Nanosecond)); !v.Allowed {
		t.Fatalf("use on the grace's last instant = %+v, want allowed", v)
	}
	if v := l.Use("mx", "bgp", noUnits, end); v.Allowed {
		t.Fatalf("use at the grace's end = %+v, want denied", v)
	}
}

func TestTermsRefuseDayCountsBeyondTheCap(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(*license.Terms)
		rule rule.ID
	}{
		{"trialWarningDays", func(t *license.Terms) { t.TrialWarningDays = calendar.MaxDays + 1 }, rule.LicTrialWarn},
		{"initialGraceDays", func(t *license.Terms) { t.InitialGraceDays = calendar.MaxDays + 1 }, rule.EntGrace},
	} {
		terms := license.DefaultTerms()
		c.edit(&terms)
		err := terms.Validate()
		if !errors.Is(err, c.rule) || !strings.Contains(err.Error(), c.name) || !strings.Contains(err.Error(), "3660000") {
			t.Errorf("%s over the cap: err = %v, want one naming it and the cap 3660000, citing %v", c.name, err, c.rule)
		}
	}
	at := license.DefaultTerms()
	at.TrialWarningDays, at.InitialGraceDays = calendar.MaxDays, calendar.MaxDays
	if err := at.Validate(); err != nil {
		t.Errorf("day counts at the cap refused: %v", err)
	}
}

// A license may start at the zero instant: an instant given is present,
// whatever its value.
func TestLicenseMayStartAtTheZeroInstant(t *testing.T) {
	p := license.DefaultProgram()
	l, err := p.NewLicense(license.Spec{ID: "P", Kind: license.Perpetual, Tier: license.Standard, Platform: "MX",
		Device: p.MustNewDevice("mx", "MX", ""), Features: []string{"bgp"}, Start: time.Time{}})
	if err != nil {
		t.Fatalf("license starting at %v refused: %v", time.Time{}, err)
	}
	if v := l.Use("mx", "bgp", noUnits, time.Time{}); !v.Allowed {
		t.Fatalf("use at the start = %+v, want allowed", v)
	}
}

func TestEveryInstantALicenseComputesIsInRange(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		terms := license.DefaultTerms()
		terms.InitialGraceDays = rapid.IntRange(0, calendar.MaxDays).Draw(t, "grace")
		terms.TrialWarningDays = rapid.IntRange(0, calendar.MaxDays).Draw(t, "warn")
		terms.SubscriptionTermYears = []int{rapid.IntRange(1, 100).Draw(t, "years")}
		p := programWith(t, terms)
		start := time.Unix(rapid.Int64Range(calendar.First.Unix(), calendar.Last.Unix()).Draw(t, "start"), 0).UTC()
		spec := license.Spec{ID: "S", Kind: license.Subscription, Tier: license.Standard, Platform: "vMX",
			Device: p.MustNewDevice("v", "vMX", ""), Features: []string{"bgp"}, Start: start, TermYears: terms.SubscriptionTermYears[0]}
		if rapid.Bool().Draw(t, "trial") {
			spec.Kind, spec.TermYears = license.Trial, 0
			spec.End = start.Add(time.Duration(rapid.Int64Range(1, 1<<62).Draw(t, "length")))
		}
		l, err := p.NewLicense(spec)
		if err != nil {
			if !strings.Contains(err.Error(), "9999") {
				t.Fatalf("refused for another reason: %v", err)
			}
			return
		}
		for _, at := range []time.Time{l.Start(), l.TermEnd(), l.End(), l.WarningFrom()} {
			if !at.IsZero() && !calendar.InRange(at) {
				t.Fatalf("license %+v computes %v, outside years 0000-9999", spec, at)
			}
		}
		if r, v := l.Renew(terms.SubscriptionTermYears[0], l.End()); v.Allowed && !calendar.InRange(r.End()) {
			t.Fatalf("renewal ends at %v, outside years 0000-9999", r.End())
		}
	})
}

// LIC-SOD: a use asks for a positive scale; zero or negative units against
// a capacity of 1 were allowed.
func TestUseRefusesUnitsThatAreNotPositive(t *testing.T) {
	l := mustLicense(license.Spec{ID: "C", Kind: license.Perpetual, Tier: license.Standard, Platform: "MX",
		Device: mustDevice("mx", "MX"), Features: []string{"bgp"}, Start: date(2025, 1, 1), Capacity: nd("1")})
	for _, units := range []string{"-1", "0", "-0.000001"} {
		v := l.Use("mx", "bgp", nd(units), date(2025, 6, 1))
		if v.Allowed || !v.Rules.Contains(rule.LicSOD) || v.Rules.Len() != 1 || v.Reason != "units must be positive" || !v.Until.IsZero() {
			t.Errorf("use of %s units = %+v, want refused for good citing LIC-SOD only", units, v)
		}
	}
	if v := l.Use("mx", "bgp", nd("1"), date(2025, 6, 1)); !v.Allowed {
		t.Errorf("use of 1 unit of 1 = %+v, want allowed", v)
	}
}

func TestUseWithNonPositiveUnitsAllocatesNothing(t *testing.T) {
	l := mustLicense(license.Spec{ID: "C", Kind: license.Perpetual, Tier: license.Standard, Platform: "MX",
		Device: mustDevice("mx", "MX"), Features: []string{"bgp"}, Start: date(2025, 1, 1), Capacity: nd("1")})
	units, at := nd("-1"), date(2025, 6, 1)
	if n := testing.AllocsPerRun(100, func() { _ = l.Use("mx", "bgp", units, at) }); n != 0 {
		t.Fatalf("Use allocates %v times", n)
	}
}

func BenchmarkNewLicenseOf100000Features(b *testing.B) {
	p := license.DefaultProgram()
	features := make([]string, 100_000)
	for i := range features {
		features[i] = "feature-" + strconv.Itoa(i)
	}
	spec := license.Spec{ID: "P", Kind: license.Perpetual, Tier: license.Standard, Platform: "MX",
		Device: p.MustNewDevice("mx", "MX", ""), Features: features, Start: date(2025, 1, 1)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.NewLicense(spec); err != nil {
			b.Fatal(err)
		}
	}
}
