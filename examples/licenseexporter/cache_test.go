package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
)

// opened counts the files a collector opens, by path.
type opened struct {
	mu sync.Mutex
	n  map[string]int
}

func countOpens(c *Collector) *opened {
	o := &opened{n: map[string]int{}}
	c.reader.Open = func(p string) (*os.File, error) {
		o.mu.Lock()
		o.n[p]++
		o.mu.Unlock()
		return os.OpenFile(p, os.O_RDONLY, 0)
	}
	return o
}

func (o *opened) of(p string) int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.n[p]
}

func (o *opened) total() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	n := 0
	for _, v := range o.n {
		n += v
	}
	return n
}

// settled is a collector whose files' stamps are trusted at once: the
// tests change files faster than capture.Settle.
func settled(cfg Config, at time.Time) *Collector {
	c := NewCollector(cfg, fixed(at), nil)
	c.settle = 0
	return c
}

func gather(t *testing.T, c *Collector) {
	t.Helper()
	if _, err := registry(t, c).Gather(); err != nil {
		t.Fatal(err)
	}
}

// TestUnchangedCapturesAreNotReadAgain: scrapes after the first open no
// capture whose stamp is unchanged; a capture rewritten is read again,
// alone, and its new content exported.
func TestUnchangedCapturesAreNotReadAgain(t *testing.T) {
	dir := fleetDir(t, 20)
	c := settled(Config{Paths: []string{dir}, Captured: instant(t, "2025-02-01T00:00:00Z")}, instant(t, "2025-02-10T00:00:00Z"))
	o := countOpens(c)
	for range 3 {
		gather(t, c)
	}
	if o.total() != 20 {
		t.Fatalf("%d opens in 3 scrapes of 20 unchanged captures, want 20", o.total())
	}
	changed := filepath.Join(dir, "edge-1-00003.txt")
	time.Sleep(10 * time.Millisecond)
	if err := os.WriteFile(changed, []byte(strings.Replace(edgeCapture, "2025-03-01 00:00:00 UTC\n", "2025-02-01 00:00:00 UTC\n", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	const series = `# HELP licensepolicy_license_usable 1 when the license a feature follows is usable at the evaluation instant (active, in grace or in warning), else 0.
# TYPE licensepolicy_license_usable gauge
licensepolicy_license_usable{device="edge-1-00003",feature="Virtual Appliance",license="E2024030101/Virtual Appliance"} 1
licensepolicy_license_usable{device="edge-1-00003",feature="idp-sig",license=""} 0
`
	if err := testutil.CollectAndCompare(c, strings.NewReader(series), "licensepolicy_license_usable"); err == nil {
		t.Error("the rewritten capture's usage row still says the key is usable: it was not read again")
	}
	if o.total() != 21 || o.of(changed) != 2 {
		t.Errorf("%d opens, %d of the rewritten capture; want 21 and 2", o.total(), o.of(changed))
	}
}

// TestCaptureRewrittenWithItsSizeAndTimeIsReadAgain: a capture rewritten
// with the same number of bytes and its modification time put back is
// still read again (its change time moved), and its new standing
// exported.
func TestCaptureRewrittenWithItsSizeAndTimeIsReadAgain(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "edge-1.txt")
	if err := os.WriteFile(p, []byte(edgeCapture), 0o644); err != nil {
		t.Fatal(err)
	}
	written := instant(t, "2025-01-01T00:00:00Z")
	if err := os.Chtimes(p, written, written); err != nil {
		t.Fatal(err)
	}
	c := settled(Config{Paths: []string{dir}}, instant(t, "2025-02-10T00:00:00Z"))
	count := func() float64 {
		return valueOf(t, c, "licensepolicy_license_features_needed", "idp-sig")
	}
	if n := count(); n != 1 {
		t.Fatalf("needed %v, want 1", n)
	}
	time.Sleep(20 * time.Millisecond)
	forged := strings.Replace(edgeCapture, "1            0           1    permanent", "1            0           0    permanent", 1)
	if len(forged) != len(edgeCapture) || forged == edgeCapture {
		t.Fatal("the rewrite must keep the size")
	}
	if err := os.WriteFile(p, []byte(forged), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, written, written); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 0 {
		t.Errorf("needed %v after the rewrite, want 0: the old read was kept", n)
	}
}

// TestCaptureSwappedForANamedPipeIsRefusedNotKept: a capture read and kept,
// then replaced by a FIFO of the same name, is a read error at the next
// scrape, answered at once (never the kept device, never a blocked open);
// put back, it is read again.
func TestCaptureSwappedForANamedPipeIsRefusedNotKept(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "edge-1.txt")
	if err := os.WriteFile(p, []byte(edgeCapture), 0o644); err != nil {
		t.Fatal(err)
	}
	c := settled(Config{Paths: []string{dir}}, instant(t, "2025-02-10T00:00:00Z"))
	srv := httptest.NewServer(handler(registry(t, c), nil))
	defer srv.Close()
	devices := func() (int, string) {
		code, body := scrapeWithin(t, srv)
		if code != http.StatusOK {
			t.Fatalf("%d\n%s", code, body)
		}
		return strings.Count(body, "licensepolicy_device_info{"), body
	}
	if n, body := devices(); n != 1 {
		t.Fatalf("%d devices\n%s", n, body)
	}
	fifo := mkfifo(t, filepath.Join(dir, ".fifo"))
	if err := os.Rename(fifo, p); err != nil {
		t.Fatal(err)
	}
	n, body := devices()
	if n != 0 || !strings.Contains(body, fmt.Sprintf("licensepolicy_capture_read_errors_total{dir=%q,file=%q} 1", dir, "edge-1.txt")) {
		t.Errorf("a FIFO in the kept capture's place: %d devices\n%s", n, body)
	}
	if err := os.WriteFile(filepath.Join(dir, ".back"), []byte(edgeCapture), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, ".back"), p); err != nil {
		t.Fatal(err)
	}
	if n, body := devices(); n != 1 {
		t.Errorf("the capture put back: %d devices\n%s", n, body)
	}
}

// TestCaptureChangedJustNowIsReadAgain: a file whose last change is newer
// than capture.Settle is read at every scrape, as a second write within
// the file system's clock tick would leave its stamp as it is.
func TestCaptureChangedJustNowIsReadAgain(t *testing.T) {
	dir := fleetDir(t, 2)
	c := NewCollector(Config{Paths: []string{dir}, Captured: instant(t, "2025-02-01T00:00:00Z")}, fixed(instant(t, "2025-02-10T00:00:00Z")), nil)
	o := countOpens(c)
	for range 3 {
		gather(t, c)
	}
	if o.total() != 6 {
		t.Errorf("%d opens in 3 scrapes of 2 captures written just now, want 6", o.total())
	}
}

// TestFeatureAnswerIsKeptUntilItsUntil: a scrape before a feature's Until
// answers with the decision kept; at its Until the feature is decided
// again, and the new answer is kept.
func TestFeatureAnswerIsKeptUntilItsUntil(t *testing.T) {
	now := instant(t, "2025-02-10T00:00:00Z")
	c := NewCollector(Config{Paths: []string{"testdata/captures/edge-1.txt"}}, func() time.Time { return now }, nil)
	kept := func() *decision {
		gather(t, c)
		return c.current().devices[0].features[0].kept.Load()
	}
	first := kept()
	if first.until != instant(t, "2025-03-01T00:00:00Z") {
		t.Fatalf("until %v", first.until)
	}
	now = instant(t, "2025-02-28T23:59:59Z")
	if kept() != first {
		t.Error("decided again before its Until")
	}
	now = first.until
	if d := kept(); d == first || d.state.Usable() {
		t.Errorf("at its Until: %+v", d)
	}
}

// valueOf is the value of name for feature in a gathering of c.
func valueOf(t *testing.T, c *Collector, name, feature string) float64 {
	t.Helper()
	mfs, err := registry(t, c).Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		for _, m := range mf.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "feature" && l.GetValue() == feature {
					return m.GetGauge().GetValue()
				}
			}
		}
	}
	t.Fatalf("no %s of %s", name, feature)
	return 0
}

// TestConcurrentScrapesAtTwoInstantsEachAnswerTheirOwn: scrapes side by
// side, half before the vSRX key's end and half after, share the kept
// answers yet each answers at its own instant.
func TestConcurrentScrapesAtTwoInstantsEachAnswerTheirOwn(t *testing.T) {
	before, after := instant(t, "2025-02-28T00:00:00Z"), instant(t, "2025-03-01T00:00:00Z")
	var mu sync.Mutex
	n := 0
	c := NewCollector(Config{Paths: []string{"testdata/captures/edge-1.txt"}}, func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		n++
		if n%2 == 0 {
			return after
		}
		return before
	}, nil)
	c.Refresh()
	reg := registry(t, c)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 25 {
				mfs, err := reg.Gather()
				if err != nil {
					t.Error(err)
					return
				}
				var at, usable float64
				for _, mf := range mfs {
					for _, m := range mf.GetMetric() {
						switch mf.GetName() {
						case "licensepolicy_evaluation_timestamp_seconds":
							at = m.GetGauge().GetValue()
						case "licensepolicy_license_usable":
							if m.GetLabel()[1].GetValue() == "Virtual Appliance" {
								usable = m.GetGauge().GetValue()
							}
						}
					}
				}
				if want := bit(at < float64(after.Unix())); usable != want {
					t.Errorf("at %v: usable %v, want %v", at, usable, want)
				}
			}
		})
	}
	wg.Wait()
}
