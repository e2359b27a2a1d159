package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

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
