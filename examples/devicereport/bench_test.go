package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/licensepolicy/licensepolicy/license/junos"
)

// BenchmarkFleetAudit10000 audits a directory of 10,000 generated captures
// (the four text fixtures, each device's dates shifted) into one table: the
// issue's target is under 10 s an audit on a 2-core machine.
func BenchmarkFleetAudit10000(b *testing.B) {
	dir := b.TempDir()
	var bases []string
	for _, n := range []string{"vsrx-subscription.txt", "vsrx-trial.txt", "vmx-eval.txt", "vsrx-eval-countdown.txt"} {
		c, err := os.ReadFile(filepath.Join(fixtures, n))
		if err != nil {
			b.Fatal(err)
		}
		bases = append(bases, string(c))
	}
	for i := range 10000 {
		c := strings.ReplaceAll(bases[i%len(bases)], "2021-10-18", fmt.Sprintf("20%02d-10-18", 21+i%7))
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("dev%05d.txt", i)), []byte(c), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := run([]string{"-at", "2022-11-20T00:00:00Z", dir}, io.Discard, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// captureOfSize is a text capture of about size bytes holding as many
// usage rows as a capture may list, their names as long as needed to fill
// it: the most rows a capture of that size makes a run hold and print.
func captureOfSize(size int) []byte {
	const row = len("   1 1 0 permanent\n")
	n := min(junos.MaxEntries, (size-len(usageHeader))/(row+8))
	name := max((size-len(usageHeader))/n-row, 7)
	var b bytes.Buffer
	b.WriteString(usageHeader)
	for i := range n {
		fmt.Fprintf(&b, "  f%06d%s 1 1 0 permanent\n", i, strings.Repeat("x", name-7))
	}
	return b.Bytes()
}

// BenchmarkRunMemory reports one capture of 4 KiB to 4 MiB made of as many
// rows as a capture may list: bytes allocated per byte of capture.
func BenchmarkRunMemory(b *testing.B) {
	for _, size := range []int{4 << 10, 64 << 10, 1 << 20, junos.MaxBytes} {
		p := filepath.Join(b.TempDir(), "dev.txt")
		in := captureOfSize(size)
		if err := os.WriteFile(p, in, 0o644); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("capture=%dKiB", size>>10), func(b *testing.B) {
			b.ReportAllocs()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			for b.Loop() {
				if err := run([]string{"-platform", "vSRX", "-at", "2025-01-01T00:00:00Z", p}, io.Discard, io.Discard); err != nil {
					b.Fatal(err)
				}
			}
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/float64(len(in)), "alloc-B/capture-B")
		})
	}
}
