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

	"github.com/licensepolicy/licensepolicy/license/junos"
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

// A scrape reads every capture again: its cost is the fleet's size.
func BenchmarkScrape(b *testing.B) {
	at := time.Date(2025, 2, 10, 0, 0, 0, 0, time.UTC)
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("captures=%d", n), func(b *testing.B) {
			reg := registry(b, NewCollector(Config{Paths: []string{fleetDir(b, n)}, Captured: at}, fixed(at), nil))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := reg.Gather(); err != nil {
					b.Fatal(err)
				}
			}
		})
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
