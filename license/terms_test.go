package license_test

import (
	"errors"
	"testing"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

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
