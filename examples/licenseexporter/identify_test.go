package main

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
)

// anonymous is a capture that says nothing of its platform: a usage table
// of features every platform has.
const anonymous = "License usage:\n                                 Licenses     Licenses    Licenses    Expiry\n  Feature name                       used    installed      needed\n  idp-sig                               1            1           0    permanent\n"

func writeFile(t *testing.T, p, text string) string {
	t.Helper()
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// infoOf is the device_info series of the collector, with its errors
// logged.
func infoOf(t *testing.T, c *Collector) string {
	t.Helper()
	var b strings.Builder
	mfs, err := registry(t, c).Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"licensepolicy_device_info", "licensepolicy_capture_read_errors_total"} {
		for _, mf := range mfs {
			if mf.GetName() != name {
				continue
			}
			for _, m := range mf.GetMetric() {
				var ls []string
				for _, l := range m.GetLabel() {
					ls = append(ls, l.GetName()+"="+l.GetValue())
				}
				v := m.GetGauge().GetValue() + m.GetCounter().GetValue()
				fmt.Fprintf(&b, "%s{%s} %v\n", name, strings.Join(ls, ","), v)
			}
		}
	}
	return b.String()
}

// TestPlatformFromTheCaptureThenTheInventoryThenTheFlag: as devicereport
// identifies a device, the exporter does: a capture that says nothing
// takes its inventory row's platform and serial; -platform serves only the
// devices neither names; a -platform the inventory contradicts, or one a
// capture contradicts (edge-1's customer ID says vSRX), is a read error
// naming both, never a relabelled device.
func TestPlatformFromTheCaptureThenTheInventoryThenTheFlag(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "branch-1.txt"), anonymous)
	writeFile(t, filepath.Join(dir, "branch-2.txt"), anonymous)
	writeFile(t, filepath.Join(dir, "edge-1.txt"), edgeCapture)
	inv := writeFile(t, filepath.Join(t.TempDir(), "devices.csv"), "file,platform,serial\nbranch-1.txt,SRX,CW3719AF0001\n")
	at := instant(t, "2025-02-10T00:00:00Z")
	info := func(device, platform, serial string) string {
		return fmt.Sprintf("licensepolicy_device_info{device=%s,dir=%s,file=%s.txt,platform=%s,serial=%s} 1", device, dir, device, platform, serial)
	}
	failed := func(device string) string {
		return fmt.Sprintf("licensepolicy_capture_read_errors_total{dir=%s,file=%s.txt} 1", dir, device)
	}
	for _, tc := range []struct {
		platform string
		want     []string
		logged   []string
	}{
		{"", []string{info("branch-1", "SRX", "CW3719AF0001"), failed("branch-2"), info("edge-1", "vSRX", "")},
			[]string{"does not show the device's platform"}},
		{"vSRX", []string{failed("branch-1"), info("branch-2", "vSRX", ""), info("edge-1", "vSRX", "")},
			[]string{"says platform SRX; -platform says vSRX"}},
		{"MX", []string{failed("branch-1"), info("branch-2", "MX", ""), failed("edge-1")},
			[]string{"says platform SRX; -platform says MX", "vSRX"}},
	} {
		var logged strings.Builder
		c := NewCollector(Config{Paths: []string{dir}, Inventory: inv, Platform: tc.platform}, fixed(at), slog.New(slog.NewTextHandler(&logged, nil)))
		got := infoOf(t, c)
		for _, want := range tc.want {
			if !strings.Contains(got, want+"\n") {
				t.Errorf("-platform %q: no %s in\n%s", tc.platform, want, got)
			}
		}
		for _, want := range tc.logged {
			if !strings.Contains(logged.String(), want) {
				t.Errorf("-platform %q: the log does not say %q:\n%s", tc.platform, want, logged.String())
			}
		}
	}
}

// TestUnreadableInventoryIdentifiesByTheCapturesAlone: an inventory that
// cannot be read is a read error of its own; the captures that say their
// platform are read, the others are read errors that name the inventory,
// and -platform (which the inventory might have contradicted) is not used.
func TestUnreadableInventoryIdentifiesByTheCapturesAlone(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "branch-1.txt"), anonymous)
	writeFile(t, filepath.Join(dir, "edge-1.txt"), edgeCapture)
	inv := filepath.Join(t.TempDir(), "devices.csv")
	var logged strings.Builder
	c := NewCollector(Config{Paths: []string{dir}, Inventory: inv, Platform: "SRX"}, fixed(instant(t, "2025-02-10T00:00:00Z")), slog.New(slog.NewTextHandler(&logged, nil)))
	got := infoOf(t, c)
	for _, want := range []string{
		"device=edge-1,dir=" + dir + ",file=edge-1.txt,platform=vSRX",
		"licensepolicy_capture_read_errors_total{dir=" + filepath.Dir(inv) + ",file=devices.csv} 1",
		"licensepolicy_capture_read_errors_total{dir=" + dir + ",file=branch-1.txt} 1",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %s in\n%s", want, got)
		}
	}
	if strings.Contains(got, "device=branch-1") || !strings.Contains(logged.String(), "could not be read") {
		t.Errorf("branch-1 read without its inventory:\n%s\n%s", got, logged.String())
	}
}

// TestInventoryChangedIdentifiesKeptCapturesAgain: a capture kept
// unchanged is identified again when the inventory changes: its new row's
// serial is exported without the capture being touched.
func TestInventoryChangedIdentifiesKeptCapturesAgain(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "branch-1.txt"), anonymous)
	inv := writeFile(t, filepath.Join(t.TempDir(), "devices.csv"), "file,platform,serial\nbranch-1.txt,SRX,CW3719AF0001\n")
	c := settled(Config{Paths: []string{dir}, Inventory: inv}, instant(t, "2025-02-10T00:00:00Z"))
	o := countOpens(c)
	if got := infoOf(t, c); !strings.Contains(got, "serial=CW3719AF0001") {
		t.Fatal(got)
	}
	time.Sleep(10 * time.Millisecond)
	writeFile(t, inv, "file,platform,serial\nbranch-1.txt,SRX,CW3719AF0002\n")
	if got := infoOf(t, c); !strings.Contains(got, "serial=CW3719AF0002") {
		t.Errorf("the kept capture keeps its old identity:\n%s", got)
	}
	if n := testutil.CollectAndCount(c, "licensepolicy_device_info"); n != 1 || o.of(filepath.Join(dir, "branch-1.txt")) < 2 {
		t.Errorf("%d devices, %d opens of the capture", n, o.of(filepath.Join(dir, "branch-1.txt")))
	}
}

// TestSubdirectoriesAreWalked: a directory's subdirectories are read
// -max-depth levels deep, each file labelled by its path in the directory
// given; one deeper is a read error naming the bound.
func TestSubdirectoriesAreWalked(t *testing.T) {
	dir := t.TempDir()
	deep := filepath.Join(dir, "site-a", "rack-1")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "site-a", "edge-1.txt"), edgeCapture)
	writeFile(t, filepath.Join(deep, "edge-2.txt"), edgeCapture)
	at := instant(t, "2025-02-10T00:00:00Z")
	got := infoOf(t, NewCollector(Config{Paths: []string{dir}}, fixed(at), nil))
	for _, want := range []string{"device=edge-1,dir=" + dir + ",file=site-a/edge-1.txt", "device=edge-2,dir=" + dir + ",file=site-a/rack-1/edge-2.txt"} {
		if !strings.Contains(got, want) {
			t.Errorf("no %s in\n%s", want, got)
		}
	}
	got = infoOf(t, NewCollector(Config{Paths: []string{dir}, MaxDepth: 1}, fixed(at), nil))
	if strings.Contains(got, "device=edge-2") || !strings.Contains(got, "file=site-a/rack-1} 1") {
		t.Errorf("-max-depth 1:\n%s", got)
	}
}

// TestExpiryIsTheEndOfUsabilityNotTheNextChange: the expiry series is when
// the feature stops being usable (the end of a trial, of a grace, a
// history's last allowed day), the next-change series when its answer next
// changes (a warning window opening, a term ending into its grace, a
// move), as devicereport's ending within counts the one and until shows
// the other. A renewal key installed beside the key in force carries the
// feature's usability past the first key's end: before, the expiry was
// that key's end, and the alert fired on a device already renewed.
func TestExpiryIsTheEndOfUsabilityNotTheNextChange(t *testing.T) {
	dir := t.TempDir()
	// A count-down trial with 60 days left on its capture day: its
	// warning window (LIC-TRIAL-WARN) opens 30 days before its end.
	writeFile(t, filepath.Join(dir, "lab-2.txt"), strings.Replace(anonymous, "permanent", "60 days", 1))
	renewed := t.TempDir()
	writeFile(t, filepath.Join(renewed, "edge-3.txt"), edgeCapture+`
  License identifier: E2025030101
  License version: 4
  Software Serial Number: SUB00000000002
  Customer ID: vSRX-Example
  Features:
    Virtual Appliance - Virtual Appliance
      date-based, 2025-03-01 00:00:00 UTC - 2026-03-01 00:00:00 UTC
`)
	captured := instant(t, "2025-01-15T00:00:00Z")
	day := func(s string) float64 { return float64(instant(t, s+"T00:00:00Z").Unix()) }
	for _, tc := range []struct {
		cfg                  Config
		at, feature, license string
		expiry, next         float64
	}{
		{Config{Paths: []string{dir}, Platform: "vSRX", Captured: captured}, "2025-01-15T00:00:00Z", "idp-sig", "usage/idp-sig", day("2025-03-16"), day("2025-02-14")},
		{Config{Paths: []string{renewed}}, "2025-02-10T00:00:00Z", "Virtual Appliance", "E2024030101/Virtual Appliance", day("2026-03-01"), day("2025-03-01")},
		{Config{Scenario: "testdata/scenario-trial-warning.json"}, "2025-01-15T00:00:00Z", "bgp", "trial-bgp", day("2025-03-01"), day("2025-01-30")},
		{Config{Scenario: "testdata/scenario-trial-warning.json"}, "2025-01-15T00:00:00Z", "bgp", "sub-mx", day("2028-02-09"), day("2028-01-10")},
		{Config{Scenario: "testdata/scenario-history.json"}, "2025-05-01T00:00:00Z", "bgp", "bgp-1y", day("2026-02-09"), day("2025-06-01")},
	} {
		c := NewCollector(tc.cfg, fixed(instant(t, tc.at)), nil)
		got := map[string]float64{}
		mfs, err := registry(t, c).Gather()
		if err != nil {
			t.Fatal(err)
		}
		for _, mf := range mfs {
			for _, m := range mf.GetMetric() {
				ls := m.GetLabel()
				if len(ls) >= 3 && ls[1].GetValue() == tc.feature && ls[2].GetValue() == tc.license {
					got[mf.GetName()] = m.GetGauge().GetValue()
				}
			}
		}
		if got["licensepolicy_license_expiry_timestamp_seconds"] != tc.expiry || got["licensepolicy_license_next_change_timestamp_seconds"] != tc.next {
			t.Errorf("%s at %s: expiry %v, next change %v; want %v and %v", tc.license, tc.at,
				time.Unix(int64(got["licensepolicy_license_expiry_timestamp_seconds"]), 0).UTC(), time.Unix(int64(got["licensepolicy_license_next_change_timestamp_seconds"]), 0).UTC(),
				time.Unix(int64(tc.expiry), 0).UTC(), time.Unix(int64(tc.next), 0).UTC())
		}
	}
}
