package main

import (
	"bytes"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/license/junos"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

var update = flag.Bool("update", false, "rewrite the golden exposition files")

// sharedFixtures is the shared tree's captures, beside the repository.
const sharedFixtures = "../../../shared/fixtures/junos"

func instant(t testing.TB, s string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return at
}

func fixed(at time.Time) func() time.Time { return func() time.Time { return at } }

func registry(t testing.TB, c prometheus.Collector) *prometheus.Registry {
	t.Helper()
	reg := prometheus.NewRegistry()
	if err := reg.Register(c); err != nil {
		t.Fatal(err)
	}
	return reg
}

// scrape gets /metrics through the real handler.
func scrape(t *testing.T, reg *prometheus.Registry) string {
	t.Helper()
	srv := httptest.NewServer(handler(reg, nil))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	if _, err := b.ReadFrom(resp.Body); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /metrics: %s\n%s", resp.Status, b.String())
	}
	return b.String()
}

// ours keeps the exposition's licensepolicy_ families: the handler adds
// its own.
func ours(text string) string {
	var b strings.Builder
	for _, l := range strings.SplitAfter(text, "\n") {
		name := strings.TrimPrefix(strings.TrimPrefix(l, "# HELP "), "# TYPE ")
		if strings.HasPrefix(name, namespace+"_") {
			b.WriteString(l)
		}
	}
	return b.String()
}

// golden compares the registry's exposition with testdata/name, through
// the HTTP handler and through Gather.
func golden(t *testing.T, reg *prometheus.Registry, name string) {
	t.Helper()
	file := filepath.Join("testdata", name)
	got := ours(scrape(t, reg))
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("GET /metrics differs from %s (go test -update rewrites it):\n%s", file, got)
	}
	if err := testutil.GatherAndCompare(reg, bytes.NewReader(want), metricNames...); err != nil {
		t.Error(err)
	}
}

// readErrors is the exposition of the read errors' rows.
func readErrors(rows ...string) string {
	return "# HELP licensepolicy_capture_read_errors_total " + readErrorsHelp + "\n# TYPE licensepolicy_capture_read_errors_total counter\n" + strings.Join(rows, "")
}

// errorRow is the read errors' row of file in dir.
func errorRow(dir, file string, n int) string {
	return fmt.Sprintf("licensepolicy_capture_read_errors_total{dir=%q,file=%q} %d\n", dir, file, n)
}

func lint(t *testing.T, c prometheus.Collector) {
	t.Helper()
	problems, err := testutil.CollectAndLint(c)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("lint: %s: %s", p.Metric, p.Text)
	}
}

// At 2021-10-01 the shared captures hold every standing but in grace: the
// vSRX subscription active until 2021-10-18, the XML summaries' signature
// features expired (2018-12-25) and their count-down appliance in warning,
// the vSRX trial not started (2022-10-13). newer/ is walked: the vSRX 24.4
// summary, which does not say its platform, takes the inventory's; the
// redacted cRPD capture's dates do not read ("2023-MM-DD"), a read error.
func TestSharedFixturesExposition(t *testing.T) {
	if _, err := os.Stat(sharedFixtures); err != nil {
		t.Skipf("the shared fixtures are not beside the repository: %v", err)
	}
	at := instant(t, "2021-10-01T00:00:00Z")
	c := NewCollector(Config{Paths: []string{sharedFixtures}, Inventory: "testdata/shared-fixtures-inventory.csv", Captured: at}, fixed(at), nil)
	// One read (as -interval keeps it): the redacted cRPD capture's read
	// error is counted once, whatever the gatherings.
	c.Refresh()
	lint(t, c)
	golden(t, registry(t, c), "shared-fixtures.prom")
}

// The project's captures: a date-based vSRX key and a feature used without
// a license (needed 1), a count-down vMX key; the scenario's licenses beside
// them, two of one feature on one device.
func TestCapturesAndScenarioExposition(t *testing.T) {
	at := instant(t, "2025-02-10T00:00:00Z")
	c := NewCollector(Config{Paths: []string{"testdata/captures"}, Scenario: "testdata/scenario-trial-warning.json",
		Captured: instant(t, "2025-02-01T00:00:00Z")}, fixed(at), nil)
	lint(t, c)
	golden(t, registry(t, c), "captures-and-scenario.prom")
}

func TestReadErrorsCountedPerFileAndOthersExported(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile("testdata/captures/edge-1.txt")
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("edge-1.txt", string(good))
	write("garbled.txt", "this is not show system license output\n")
	// Over the reader's limit: refused before a byte is read (sparse, so
	// the test writes nothing).
	big := filepath.Join(dir, "huge.txt")
	write("huge.txt", "")
	if err := os.Truncate(big, junos.MaxBytes+1); err != nil {
		t.Fatal(err)
	}
	at := instant(t, "2025-02-10T00:00:00Z")
	c := NewCollector(Config{Paths: []string{dir}}, fixed(at), nil)
	reg := registry(t, c)
	scrape(t, reg)
	scrape(t, reg)
	// Every gathering reads again and counts its failures: two scrapes and
	// the comparison's own make 3.
	errs := readErrors(errorRow(dir, "edge-1.txt", 0), errorRow(dir, "garbled.txt", 3), errorRow(dir, "huge.txt", 3))
	if err := testutil.GatherAndCompare(reg, strings.NewReader(errs), "licensepolicy_capture_read_errors_total"); err != nil {
		t.Error(err)
	}
	usable := `# HELP licensepolicy_license_usable 1 when the license a feature follows is usable at the evaluation instant (active, in grace or in warning), else 0.
# TYPE licensepolicy_license_usable gauge
licensepolicy_license_usable{device="edge-1",feature="Virtual Appliance",license="E2024030101/Virtual Appliance"} 1
licensepolicy_license_usable{device="edge-1",feature="idp-sig",license=""} 0
`
	if err := testutil.CollectAndCompare(c, strings.NewReader(usable), "licensepolicy_license_usable"); err != nil {
		t.Error(err)
	}
}

func TestMissingDirectoryIsAReadError(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "gone")
	c := NewCollector(Config{Paths: []string{missing, "testdata/captures"}}, fixed(instant(t, "2025-02-10T00:00:00Z")), nil)
	if n := testutil.CollectAndCount(c, "licensepolicy_device_info"); n != 2 {
		t.Errorf("%d devices exported beside a missing directory, want 2", n)
	}
	// The count's read and the comparison's.
	want := readErrors(errorRow(filepath.Dir(missing), "gone", 2), errorRow("testdata/captures", "edge-1.txt", 0), errorRow("testdata/captures", "lab-eval.txt", 0))
	if err := testutil.CollectAndCompare(c, strings.NewReader(want), "licensepolicy_capture_read_errors_total"); err != nil {
		t.Error(err)
	}
}

// Two captures named alike in two directories would be one device: the
// second is refused rather than exported as a duplicate series.
func TestSecondCaptureOfADeviceIsAReadError(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile("testdata/captures/edge-1.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "edge-1.xml"), []byte(mustParse(t, b).XML()), 0o644); err != nil {
		t.Fatal(err)
	}
	c := NewCollector(Config{Paths: []string{"testdata/captures", dir}}, fixed(instant(t, "2025-02-10T00:00:00Z")), nil)
	reg := registry(t, c)
	scrape(t, reg)
	if n, err := testutil.GatherAndCount(reg, "licensepolicy_device_info"); err != nil || n != 2 {
		t.Errorf("%d devices, %v; want 2 and no error", n, err)
	}
	// The scrape's, the count's and the comparison's reads.
	want := readErrors(errorRow(dir, "edge-1.xml", 3), errorRow("testdata/captures", "edge-1.txt", 0), errorRow("testdata/captures", "lab-eval.txt", 0))
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "licensepolicy_capture_read_errors_total"); err != nil {
		t.Error(err)
	}
}

func mustParse(t *testing.T, b []byte) junos.Report {
	t.Helper()
	r, err := junos.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The instant is the collector's clock, read at each scrape: the vSRX key
// ends at 2025-03-01, so one fleet is usable before and not after.
func TestStandingFollowsTheClock(t *testing.T) {
	now := instant(t, "2025-02-28T23:59:59Z")
	c := NewCollector(Config{Paths: []string{"testdata/captures/edge-1.txt"}}, func() time.Time { return now }, nil)
	const series = `# HELP licensepolicy_license_usable 1 when the license a feature follows is usable at the evaluation instant (active, in grace or in warning), else 0.
# TYPE licensepolicy_license_usable gauge
licensepolicy_license_usable{device="edge-1",feature="Virtual Appliance",license="E2024030101/Virtual Appliance"} %d
licensepolicy_license_usable{device="edge-1",feature="idp-sig",license=""} 0
`
	if err := testutil.CollectAndCompare(c, strings.NewReader(fmt.Sprintf(series, 1)), "licensepolicy_license_usable"); err != nil {
		t.Error(err)
	}
	now = instant(t, "2025-03-01T00:00:00Z")
	if err := testutil.CollectAndCompare(c, strings.NewReader(fmt.Sprintf(series, 0)), "licensepolicy_license_usable"); err != nil {
		t.Error(err)
	}
}

// A capture without an instant of its own was taken when its file was
// written: its 20 count-down days run from the file's modification time.
// The key's vmx-bandwidth-50m grants VMX-BANDWIDTH: the row follows the
// key, with the usage row's days left.
func TestCountDownRunsFromTheFileTime(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile("testdata/captures/lab-eval.txt")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "lab-eval.txt")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	written := instant(t, "2024-06-01T12:00:00Z")
	if err := os.Chtimes(file, written, written); err != nil {
		t.Fatal(err)
	}
	c := NewCollector(Config{Paths: []string{dir}}, fixed(instant(t, "2024-06-05T00:00:00Z")), nil)
	want := fmt.Sprintf(`# HELP licensepolicy_license_expiry_timestamp_seconds When the feature stops being usable (Unix time): for a feature whose use is allowed, the first instant it is not (an expiry, the end of a grace, the end of a trial), absent when never; else when the license it follows ended.
# TYPE licensepolicy_license_expiry_timestamp_seconds gauge
licensepolicy_license_expiry_timestamp_seconds{device="lab-eval",feature="VMX-BANDWIDTH",license="E421992502/vmx-bandwidth-50m"} %d
`, written.Add(20*24*time.Hour).Unix())
	if err := testutil.CollectAndCompare(c, strings.NewReader(want), "licensepolicy_license_expiry_timestamp_seconds"); err != nil {
		t.Error(err)
	}
}

// After Refresh, scrapes answer from what it read: a capture removed since
// is still exported and no read is counted, until the next Refresh.
func TestRefreshKeepsItsRead(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile("testdata/captures/edge-1.txt")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "edge-1.txt")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	c := NewCollector(Config{Paths: []string{file}}, fixed(instant(t, "2025-02-10T00:00:00Z")), nil)
	c.Refresh()
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if n := testutil.CollectAndCount(c, "licensepolicy_device_info"); n != 1 {
			t.Fatalf("%d devices after the capture was removed, want the 1 Refresh read", n)
		}
	}
	c.Refresh()
	if n := testutil.CollectAndCount(c, "licensepolicy_device_info"); n != 0 {
		t.Errorf("%d devices after a Refresh without the capture, want 0", n)
	}
	want := readErrors(errorRow(dir, "edge-1.txt", 1))
	if err := testutil.CollectAndCompare(c, strings.NewReader(want), "licensepolicy_capture_read_errors_total"); err != nil {
		t.Errorf("the second Refresh, and only it, counts the missing file: %v", err)
	}
}

// A directory holding more files than a read takes in is a read error,
// and its first files by name are read.
func TestMaxFilesBoundsARead(t *testing.T) {
	c := NewCollector(Config{Paths: []string{"testdata/captures"}, MaxFiles: 1}, fixed(instant(t, "2025-02-10T00:00:00Z")), nil)
	if n := testutil.CollectAndCount(c, "licensepolicy_device_info"); n != 1 {
		t.Errorf("%d devices, want the first by name", n)
	}
	want := readErrors(errorRow("testdata", "captures", 2), errorRow("testdata/captures", "edge-1.txt", 0))
	if err := testutil.CollectAndCompare(c, strings.NewReader(want), "licensepolicy_capture_read_errors_total"); err != nil {
		t.Error(err)
	}
}
