package scenario_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

const historyFile = `{"name": "t",
 "devices": [{"serial": "mx-1", "platform": "MX"}, {"serial": "mx-2", "platform": "MX"}, {"serial": "ptx-1", "platform": "PTX"}],
 "licenses": [
  {"id": "L1", "kind": "subscription", "tier": "standard", "platform": "MX", "device": "mx-1", "features": ["bgp"],
   "start": "2025-01-10T00:00:00Z", "termYears": 1,
   "history": [{"at": "2025-06-01T00:00:00Z", "kind": "moveLicense", "to": "mx-2", "reason": "rebalance"},
               {"at": "2025-07-01T00:00:00Z", "kind": "changeTier", "tier": "premium"},
               {"at": "2026-03-01T00:00:00Z", "kind": "renewLicense", "termYears": 3}]},
  {"id": "L2", "kind": "perpetual", "tier": "standard", "platform": "MX", "device": "mx-1", "features": ["bgp"],
   "start": "2025-01-10T00:00:00Z"}],
 "checks": [
  {"at": "2026-03-01T00:00:00Z", "request": {"kind": "useFeature", "license": "L1", "device": "mx-2", "feature": "bgp"}},
  {"at": "2025-08-01T00:00:00Z", "request": {"kind": "moveLicense", "license": "L1", "to": "mx-1", "reason": "rma"}},
  {"at": "2025-08-01T00:00:00Z", "request": {"kind": "renewLicense", "license": "L1", "termYears": 1}},
  {"at": "2025-08-01T00:00:00Z", "request": {"kind": "changeTier", "license": "L1", "tier": "advanced"}},
  {"at": "2025-08-01T00:00:00Z", "request": {"kind": "useFeature", "license": "L2", "device": "mx-1", "feature": "bgp"}}]}`

// TestLicenseHistoryIsAskedThroughIt: SCENARIOS.md: "A check naming the
// license at `at` asks about the license as every event at or before `at`
// left it". A check of a license kind naming a license with a history is
// a policy.WithHistory over the request, naming no license of its own; a
// license without one is asked directly; both read the same in words.
func TestLicenseHistoryIsAskedThroughIt(t *testing.T) {
	s, err := decode(t, historyFile)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{
		"may device mx-2 use feature bgp under license L1?",
		"may license L1 move to device mx-1 (rma)?",
		"may license L1 be renewed for 1 years?",
		"may license L1 change to tier advanced?",
	} {
		c := s.Checks[i]
		w, ok := c.Request.(policy.WithHistory)
		if !ok || !w.History.IsValid() || w.History.License().ID() != "L1" || w.History.Len() != 3 {
			t.Errorf("check %d: %#v, want a WithHistory of L1's three events", i, c.Request)
			continue
		}
		if c.Describe() != want {
			t.Errorf("check %d: %q, want %q", i, c.Describe(), want)
		}
		if _, err := s.Decide(c); err != nil {
			t.Errorf("check %d: %v", i, err)
		}
	}
	if u, ok := s.Checks[4].Request.(policy.UseFeature); !ok || !u.License.IsValid() || u.License.ID() != "L2" {
		t.Errorf("a license without history: %#v", s.Checks[4].Request)
	}
	// The renewed term on the device it moved to, at the tier it changed
	// to: LIC-RENEW, "a late one starts at its own instant".
	w := s.Checks[0].Request.(policy.WithHistory)
	l := w.History.At(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	if l.Device() != "mx-2" || l.Tier() != license.Premium || !l.End().Equal(time.Date(2029, 3, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("L1 as of the renewal: on %s at %s ending %s", l.Device(), l.Tier(), l.End())
	}
}

// TestLicenseHistoryErrorNamesTheEventAndTheRule: SCENARIOS.md: "an event
// the rules refuse makes the file an error naming the event's path and the
// rule (`licenses[2].history[1]: LIC-PORT: ...`)". The domain's error stays
// reachable, and a check naming the refused license is not reported again.
func TestLicenseHistoryErrorNamesTheEventAndTheRule(t *testing.T) {
	src := strings.Replace(historyFile, `"kind": "changeTier", "tier": "premium"`, `"kind": "moveLicense", "to": "ptx-1", "reason": "rma"`, 1)
	_, err := decode(t, src)
	var se *scenario.Error
	if !errors.As(err, &se) || se.Path != "licenses[0].history[1]" || se.Line != 7 || se.Column != 16 {
		t.Fatalf("got %v, want one error at licenses[0].history[1], 7:16", err)
	}
	if want := "f.json:7:16: licenses[0].history[1]: LIC-PORT: license L1: moveLicense to ptx-1 (rma) at 2025-07-01T00:00:00Z: "; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("%q does not begin %q", err, want)
	}
	var he *license.HistoryError
	if !errors.As(err, &he) || he.Index != 1 || !errors.Is(err, rule.LicPort) {
		t.Errorf("%v: the license package's *HistoryError and its rule are not reachable", err)
	}
}
