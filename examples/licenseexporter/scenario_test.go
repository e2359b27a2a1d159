package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
)

// TestLicenseAskedThroughItsHistoryIsExported: a license whose checks are
// asked of its history (moved to mx-2 on 2025-06-01, its term over with
// its grace on 2026-02-09, renewed late on 2026-03-01) is exported as its
// history leaves it at each instant: its device, its standing, whether
// its use is allowed. Before, such a license was skipped.
func TestLicenseAskedThroughItsHistoryIsExported(t *testing.T) {
	var now time.Time
	c := NewCollector(Config{Scenario: "testdata/scenario-history.json"}, func() time.Time { return now }, nil)
	for _, tc := range []struct {
		at, device, standing string
		allowed              int
	}{
		{"2025-05-31T23:59:59.999999999Z", "mx-1", "active", 1},
		{"2025-06-01T00:00:00Z", "mx-2", "active", 1},
		{"2026-02-01T00:00:00Z", "mx-2", "in-grace", 1},
		{"2026-02-09T00:00:00Z", "mx-2", "expired", 0},
		{"2026-03-01T00:00:00Z", "mx-2", "active", 1},
	} {
		now = instant(t, tc.at)
		want := fmt.Sprintf(`# HELP licensepolicy_license_state 1, labelled with the standing of the license a feature follows at the evaluation instant (unlicensed: no license grants it).
# TYPE licensepolicy_license_state gauge
licensepolicy_license_state{device=%q,feature="bgp",license="bgp-1y",standing=%q} 1
licensepolicy_license_state{device="mx-1",feature="isis",license="trial-isis",standing=%q} 1
# HELP licensepolicy_license_use_allowed 1 when the device's use of the feature is licensed at the evaluation instant, else 0 (unusable license, or licenses needed).
# TYPE licensepolicy_license_use_allowed gauge
licensepolicy_license_use_allowed{device=%[1]q,feature="bgp",license="bgp-1y"} %[4]d
licensepolicy_license_use_allowed{device="mx-1",feature="isis",license="trial-isis"} 0
`, tc.device, tc.standing, "expired", tc.allowed)
		if err := testutil.CollectAndCompare(c, strings.NewReader(want), "licensepolicy_license_state", "licensepolicy_license_use_allowed"); err != nil {
			t.Errorf("at %s: %v", tc.at, err)
		}
	}
}

// scenarioOf writes a scenario of n trial licenses on n/10 devices, one
// entry a line, each license asked about by a check and the first tenth
// by two, and returns its path.
func scenarioOf(tb testing.TB, n int) string {
	tb.Helper()
	devices := max(n/10, 1)
	var b strings.Builder
	b.WriteString(`{"name": "fleet", "devices": [`)
	for d := range devices {
		if d > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"serial": "vmx-%d", "platform": "vMX"}`, d)
	}
	b.WriteString(`], "licenses": [`)
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"id": "t%d", "kind": "trial", "tier": "premium", "platform": "vMX", "device": "vmx-%d", "features": ["bgp"], "start": "2025-01-01T00:00:00Z", "end": "2025-%02d-01T00:00:00Z"}`, i, i%devices, 3+i%9)
	}
	b.WriteString(`], "checks": [`)
	for i := range n + n/10 {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"at": "2025-02-01T00:00:00Z", "request": {"kind": "useFeature", "license": "t%d", "device": "vmx-%d", "feature": "bgp"}}`, i%n, (i%n)%devices)
	}
	b.WriteString("]}\n")
	p := filepath.Join(tb.TempDir(), "fleet.json")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

// TestScenarioLicensesAreExportedOnce: a scenario asking about each of its
// licenses twice exports each once.
func TestScenarioLicensesAreExportedOnce(t *testing.T) {
	c := NewCollector(Config{Scenario: scenarioOf(t, 50)}, fixed(instant(t, "2025-02-10T00:00:00Z")), nil)
	if n := testutil.CollectAndCount(c, "licensepolicy_license_state"); n != 50 {
		t.Errorf("%d licenses exported, want 50", n)
	}
	if n := testutil.CollectAndCount(c, "licensepolicy_device_info"); n != 5 {
		t.Errorf("%d devices, want 5", n)
	}
}
