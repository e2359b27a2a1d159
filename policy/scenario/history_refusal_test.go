package scenario_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// historyWorld is a file with one license, LICENSE, whose history is
// HISTORY, on devices of two classes and two families.
const historyWorld = `{"name": "h",
 "devices": [{"serial": "mx-1", "platform": "MX"}, {"serial": "mx-2", "platform": "MX"},
  {"serial": "ptx-1", "platform": "PTX"}, {"serial": "vmx-1", "platform": "vMX"}, {"serial": "vmx-2", "platform": "vMX"}],
 "licenses": [LICENSE],
 "checks": [{"at": "2025-01-01T00:00:00Z", "request": {"kind": "trialAvailable", "platform": "MX", "feature": "bgp"}}]}`

const (
	historySub = `{"id": "L", "kind": "subscription", "tier": "standard", "platform": "MX", "device": "mx-1", "features": ["bgp"],
  "start": "2025-01-10T00:00:00Z", "termYears": 1, "history": [HISTORY]}`
	historyPerp = `{"id": "P", "kind": "perpetual", "tier": "standard", "platform": "MX", "device": "mx-1", "features": ["bgp"],
  "start": "2025-01-10T00:00:00Z", "history": [HISTORY]}`
	historyTrial = `{"id": "T", "kind": "trial", "tier": "standard", "platform": "vMX", "device": "vmx-1", "features": ["bgp"],
  "start": "2025-01-10T00:00:00Z", "end": "2025-03-10T00:00:00Z", "history": [HISTORY]}`
)

// TestLicenseHistoryRefusesWhatTheRulesRefuse: SCENARIOS.md: "Each event
// must be allowed at its instant against the license as the events before
// it left it; an event the rules refuse makes the file an error naming the
// event's path and the rule", and "A license's events out of time order
// are an error naming the event". One case per event kind and license
// kind, each with the rule RULES.md gives the refusal (the subscription
// of 2025-01-10 ends 2026-01-10, its grace 2026-02-09).
func TestLicenseHistoryRefusesWhatTheRulesRefuse(t *testing.T) {
	for _, c := range []struct {
		name, license, history string
		path                   string
		rules                  []rule.ID
	}{
		{"a subscription moves only within its like-device class (LIC-PORT)", historySub,
			`{"at": "2025-06-01T00:00:00Z", "kind": "moveLicense", "to": "ptx-1", "reason": "rebalance"}`,
			"licenses[0].history[0]", []rule.ID{rule.LicPort}},
		{"an expired subscription does not move (LIC-SUB-EXPIRY)", historySub,
			`{"at": "2026-02-09T00:00:00Z", "kind": "moveLicense", "to": "mx-2", "reason": "rebalance"}`,
			"licenses[0].history[0]", []rule.ID{rule.LicSubExpiry}},
		{"nothing happens to a license before its start (ENT-TIMER)", historySub,
			`{"at": "2025-01-09T23:59:59.999999999Z", "kind": "moveLicense", "to": "mx-2", "reason": "rebalance"}`,
			"licenses[0].history[0]", []rule.ID{rule.EntTimer}},
		{"a renewal's term is one of the list's (LIC-SUB-TERM)", historySub,
			`{"at": "2025-06-01T00:00:00Z", "kind": "renewLicense", "termYears": 2}`,
			"licenses[0].history[0]", []rule.ID{rule.LicSubTerm}},
		{"an expired subscription does not change tier (LIC-SUB-CHANGE)", historySub,
			`{"at": "2025-06-01T00:00:00Z", "kind": "renewLicense", "termYears": 1},
			 {"at": "2028-01-01T00:00:00Z", "kind": "changeTier", "tier": "premium"}`,
			"licenses[0].history[1]", []rule.ID{rule.LicSubChange}},
		{"the second event sees the first: moved, it is no longer on mx-1", historySub,
			`{"at": "2025-06-01T00:00:00Z", "kind": "moveLicense", "to": "mx-2", "reason": "rebalance"},
			 {"at": "2025-06-01T00:00:00Z", "kind": "moveLicense", "to": "mx-2", "reason": "rebalance"}`,
			"licenses[0].history[1]", []rule.ID{rule.LicPort}},
		{"a perpetual license moves only by RMA (LIC-PERP-RMA)", historyPerp,
			`{"at": "2025-06-01T00:00:00Z", "kind": "moveLicense", "to": "mx-2", "reason": "rebalance"}`,
			"licenses[0].history[0]", []rule.ID{rule.LicPerpRMA}},
		{"an RMA replacement is of the same like-device class (LIC-PERP-RMA)", historyPerp,
			`{"at": "2025-06-01T00:00:00Z", "kind": "moveLicense", "to": "ptx-1", "reason": "rma"}`,
			"licenses[0].history[0]", []rule.ID{rule.LicPerpRMA}},
		{"a perpetual license does not change tier (LIC-SUB-CHANGE)", historyPerp,
			`{"at": "2025-06-01T00:00:00Z", "kind": "changeTier", "tier": "premium"}`,
			"licenses[0].history[0]", []rule.ID{rule.LicSubChange}},
		{"a perpetual license is not renewed (LIC-RENEW)", historyPerp,
			`{"at": "2025-06-01T00:00:00Z", "kind": "renewLicense", "termYears": 1}`,
			"licenses[0].history[0]", []rule.ID{rule.LicRenew}},
		{"trials do not move (LIC-PORT)", historyTrial,
			`{"at": "2025-02-01T00:00:00Z", "kind": "moveLicense", "to": "vmx-2", "reason": "rebalance"}`,
			"licenses[0].history[0]", []rule.ID{rule.LicPort}},
		{"a trial is not renewed (LIC-RENEW)", historyTrial,
			`{"at": "2025-02-01T00:00:00Z", "kind": "renewLicense", "termYears": 1}`,
			"licenses[0].history[0]", []rule.ID{rule.LicRenew}},
		{"events out of time order", historySub,
			`{"at": "2025-07-01T00:00:00Z", "kind": "changeTier", "tier": "premium"},
			 {"at": "2025-06-30T23:59:59.999999999Z", "kind": "moveLicense", "to": "mx-2", "reason": "rebalance"}`,
			"licenses[0].history[1]", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := strings.Replace(historyWorld, "LICENSE", strings.Replace(c.license, "HISTORY", c.history, 1), 1)
			_, err := decode(t, src)
			var se *scenario.Error
			if !errors.As(err, &se) || se.Path != c.path {
				t.Fatalf("got %v, want an error at %s", err, c.path)
			}
			for _, id := range c.rules {
				if !errors.Is(err, id) || !strings.Contains(err.Error(), c.path+": ") || !strings.Contains(err.Error(), id.String()) {
					t.Errorf("%v: want it to name %s and %s", err, c.path, id)
				}
			}
			if c.rules == nil && !strings.Contains(err.Error(), "time order") {
				t.Errorf("%v: want it to say the events are out of time order", err)
			}
		})
	}
}

// TestLicenseHistoryAllowsWhatTheRulesAllow: the same world with events
// the rules allow decodes: a move and a tier change at one instant (file
// order), a renewal exactly at the end of grace (late: it starts then), a
// perpetual license's RMA at its start, and a renewal while an earlier
// one's term is still to come.
func TestLicenseHistoryAllowsWhatTheRulesAllow(t *testing.T) {
	for _, c := range []struct{ license, history string }{
		{historySub, `{"at": "2025-06-01T00:00:00Z", "kind": "moveLicense", "to": "mx-2", "reason": "rebalance"},
			{"at": "2025-06-01T00:00:00Z", "kind": "changeTier", "tier": "premium"}`},
		{historySub, `{"at": "2026-02-09T00:00:00Z", "kind": "renewLicense", "termYears": 1}`},
		{historySub, `{"at": "2025-02-01T00:00:00Z", "kind": "renewLicense", "termYears": 1},
			{"at": "2025-03-01T00:00:00Z", "kind": "renewLicense", "termYears": 5}`},
		{historyPerp, `{"at": "2025-01-10T00:00:00Z", "kind": "moveLicense", "to": "mx-2", "reason": "rma"}`},
	} {
		src := strings.Replace(historyWorld, "LICENSE", strings.Replace(c.license, "HISTORY", c.history, 1), 1)
		if _, err := decode(t, src); err != nil {
			t.Errorf("history %s: %v", c.history, err)
		}
	}
}
