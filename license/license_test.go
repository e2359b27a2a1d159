package license_test

import (
	"testing"

	"github.com/licensepolicy/licensepolicy/license"
)

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
