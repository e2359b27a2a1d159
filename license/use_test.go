package license_test

import (
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

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
