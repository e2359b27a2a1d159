package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/examples/internal/capture"
	"github.com/licensepolicy/licensepolicy/license/junos"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

// fleetDir writes n copies of the project's two captures.
func fleetDir(tb testing.TB, n int) string {
	tb.Helper()
	dir := tb.TempDir()
	for _, name := range []string{"edge-1", "lab-eval"} {
		b, err := os.ReadFile(filepath.Join("testdata/captures", name+".txt"))
		if err != nil {
			tb.Fatal(err)
		}
		for i := range n / 2 {
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%05d.txt", name, i)), b, 0o644); err != nil {
				tb.Fatal(err)
			}
		}
	}
	return dir
}

// settledFleet is n captures whose stamps are trusted: written more than
// capture.Settle ago.
func settledFleet(b *testing.B, n int) string {
	dir := fleetDir(b, n)
	time.Sleep(capture.Settle + 100*time.Millisecond)
	return dir
}

// BenchmarkScrape gathers the metrics of a fleet of captures: unchanged
// (read once, then only listed and stamped), one of them rewritten before
// each scrape, and every one read again at each scrape (what each scrape
// cost before stamps were kept).
func BenchmarkScrape(b *testing.B) {
	at := time.Date(2025, 2, 10, 0, 0, 0, 0, time.UTC)
	const n = 10000
	dir := settledFleet(b, n)
	for _, mode := range []string{"unchanged", "one-changed", "all-read"} {
		b.Run(fmt.Sprintf("captures=%d/%s", n, mode), func(b *testing.B) {
			c := NewCollector(Config{Paths: []string{dir}, Captured: at}, fixed(at), nil)
			if mode == "all-read" {
				c.settle = 1 << 62 // no file is ever settled
			}
			reg := registry(b, c)
			if _, err := reg.Gather(); err != nil {
				b.Fatal(err)
			}
			changed := filepath.Join(dir, "edge-1-00000.txt")
			text, err := os.ReadFile(changed)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if mode == "one-changed" {
					i++
					b.StopTimer()
					// The same bytes, written again: a new change time.
					if err := os.WriteFile(changed, text, 0o644); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
				}
				mfs, err := reg.Gather()
				if err != nil || len(mfs) == 0 {
					b.Fatal(err)
				}
			}
			if errs := c.errors; len(errs) != n {
				b.Fatalf("%d files counted, want %d", len(errs), n)
			}
		})
	}
}

// BenchmarkScrapeFloor is what a scrape of an unchanged fleet cannot do
// without: list the directory and stat each capture (to see that none
// changed), and gather the same series from constant metrics.
func BenchmarkScrapeFloor(b *testing.B) {
	at := time.Date(2025, 2, 10, 0, 0, 0, 0, time.UTC)
	const n = 10000
	dir := settledFleet(b, n)
	c := NewCollector(Config{Paths: []string{dir}, Captured: at}, fixed(at), nil)
	mfs, err := registry(b, c).Gather()
	if err != nil {
		b.Fatal(err)
	}
	var ms []prometheus.Metric
	metrics(c.current(), nil, at, func(m prometheus.Metric) { ms = append(ms, m) })
	floor := prometheus.NewRegistry()
	if err := floor.Register(constCollector(ms)); err != nil {
		b.Fatal(err)
	}
	b.Run(fmt.Sprintf("captures=%d/list-and-stat", n), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			es, err := os.ReadDir(dir)
			if err != nil {
				b.Fatal(err)
			}
			for _, e := range es {
				if _, err := os.Stat(filepath.Join(dir, e.Name())); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run(fmt.Sprintf("captures=%d/gather-constant-series", n), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			got, err := floor.Gather()
			if err != nil || len(got) != len(mfs)-1 {
				b.Fatal(len(got), len(mfs), err)
			}
		}
	})
}

// constCollector sends the same metrics at every collection.
type constCollector []prometheus.Metric

func (c constCollector) Describe(ch chan<- *prometheus.Desc) { prometheus.DescribeByCollect(c, ch) }

func (c constCollector) Collect(ch chan<- prometheus.Metric) {
	for _, m := range c {
		ch <- m
	}
}

// BenchmarkScenarioScrape gathers a scenario's licenses, unchanged, at
// two sizes: a scrape's cost grows with the licenses, linearly.
func BenchmarkScenarioScrape(b *testing.B) {
	at := time.Date(2025, 2, 10, 0, 0, 0, 0, time.UTC)
	for _, n := range []int{2200, 22000} {
		file := scenarioOf(b, n)
		time.Sleep(capture.Settle + 100*time.Millisecond)
		for _, mode := range []string{"unchanged", "read"} {
			b.Run(fmt.Sprintf("licenses=%d/%s", n, mode), func(b *testing.B) {
				c := NewCollector(Config{Scenario: file}, fixed(at), nil)
				if mode == "read" {
					c.settle = 1 << 62
				}
				reg := registry(b, c)
				if _, err := reg.Gather(); err != nil {
					b.Fatal(err)
				}
				if errs := c.errors[nameOf(capture.Entry{Path: file})].n; errs != 0 {
					b.Fatalf("the scenario is not read: %v errors", errs)
				}
				b.ReportAllocs()
				for b.Loop() {
					if _, err := reg.Gather(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// captureOfSize is a text capture of about size bytes holding as many
// usage rows as a capture may list, their names as long as needed to fill
// it: the most series a capture of that size makes a scrape hold.
func captureOfSize(size int) []byte {
	const header = "License usage:\n                                 Licenses     Licenses    Licenses    Expiry\n  Feature name                       used    installed      needed\n"
	const row = len("   1 1 0 permanent\n")
	n := min(junos.MaxEntries, (size-len(header))/(row+8))
	name := max((size-len(header))/n-row, 7)
	var b bytes.Buffer
	b.WriteString(header)
	for i := range n {
		fmt.Fprintf(&b, "  f%06d%s 1 1 0 permanent\n", i, strings.Repeat("x", name-7))
	}
	return b.Bytes()
}

// BenchmarkScrapeMemory scrapes one capture of 4 KiB to 4 MiB made of as
// many rows as a capture may list: bytes allocated per byte of capture,
// and the series exported.
func BenchmarkScrapeMemory(b *testing.B) {
	at := time.Date(2025, 2, 10, 0, 0, 0, 0, time.UTC)
	for _, size := range []int{4 << 10, 64 << 10, 1 << 20, junos.MaxBytes} {
		in := captureOfSize(size)
		dir := b.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "dev.txt"), in, 0o644); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("capture=%dKiB", size>>10), func(b *testing.B) {
			reg := registry(b, NewCollector(Config{Paths: []string{dir}, Platform: "vSRX"}, fixed(at), nil))
			b.ReportAllocs()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			series := 0
			for b.Loop() {
				mfs, err := reg.Gather()
				if err != nil {
					b.Fatal(err)
				}
				series = 0
				for _, mf := range mfs {
					series += len(mf.GetMetric())
				}
			}
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/float64(len(in)), "alloc-B/capture-B")
			b.ReportMetric(float64(series), "series")
		})
	}
}

// Scrapes answering from one Refresh run side by side on shared facts.
func TestConcurrentScrapesOfOneRefresh(t *testing.T) {
	at := time.Date(2025, 2, 10, 0, 0, 0, 0, time.UTC)
	c := NewCollector(Config{Paths: []string{fleetDir(t, 20)}, Captured: at}, fixed(at), nil)
	c.Refresh()
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if n := testutil.CollectAndCount(c, "licensepolicy_device_info"); n != 20 {
				t.Errorf("%d devices, want 20", n)
			}
		})
	}
	wg.Wait()
}
