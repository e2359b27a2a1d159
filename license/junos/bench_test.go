package junos

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

func BenchmarkParseText(b *testing.B) {
	in := readFixture(b, "vsrx-trial.txt")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseText(bytes.NewReader(in)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseXML(b *testing.B) {
	in := readFixture(b, "license-usage-summary-1.xml")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseXML(bytes.NewReader(in)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFactsAt(b *testing.B) {
	r, err := ParseText(bytes.NewReader(readFixture(b, "vmx-eval.txt")))
	if err != nil {
		b.Fatal(err)
	}
	captured := time.Date(2017, 3, 12, 0, 0, 0, 0, time.UTC)
	f, err := r.Facts(Options{CapturedAt: captured})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = f.At(captured)
	}
}

// captureOfSize is a text capture of about size bytes holding as many
// usage rows as a capture may list, their names as long as needed to fill
// it: the most a capture of that size makes a reader hold.
func captureOfSize(size int) []byte {
	const row = len("   1 1 0 permanent\n")
	n := min(MaxEntries, (size-len(header))/(row+8))
	name := max((size-len(header))/n-row, 7)
	var b bytes.Buffer
	b.WriteString(header)
	for i := range n {
		fmt.Fprintf(&b, "  f%06d%s 1 1 0 permanent\n", i, strings.Repeat("x", name-7))
	}
	return b.Bytes()
}

// BenchmarkParseMemory parses captures of 4 KiB to 4 MiB made of as many
// rows as a capture may list: bytes allocated per byte of capture (the
// bound is a small constant, whatever the size).
func BenchmarkParseMemory(b *testing.B) {
	for _, size := range []int{4 << 10, 64 << 10, 1 << 20, MaxBytes} {
		in := captureOfSize(size)
		b.Run(fmt.Sprintf("capture=%dKiB", size>>10), func(b *testing.B) {
			b.ReportAllocs()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			for b.Loop() {
				if _, err := ParseText(bytes.NewReader(in)); err != nil {
					b.Fatal(err)
				}
			}
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/float64(len(in)), "alloc-B/capture-B")
		})
	}
}

// collectionOfSize is oxidized's SRX300 file with its configuration
// repeated to about size bytes: a license output among as much other
// output as a capture may hold, which the reader skips.
func collectionOfSize(tb testing.TB, size int) []byte {
	b := readFixture(tb, "collections/oxidized-srx300-22.4.txt")
	config := b[bytes.Index(b, []byte("## Last commit")):]
	out := bytes.Clone(b)
	for len(out)+len(config) <= size {
		out = append(out, config...)
	}
	return out
}

// BenchmarkParseCollection parses collections of 4 KiB to 4 MiB, the
// license output read out of the rest: time per byte and bytes allocated
// per byte of capture stay flat whatever the size.
func BenchmarkParseCollection(b *testing.B) {
	for _, size := range []int{16 << 10, 256 << 10, MaxBytes} {
		in := collectionOfSize(b, size)
		b.Run(fmt.Sprintf("capture=%dKiB", size>>10), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in)))
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			for b.Loop() {
				r, err := ParseText(bytes.NewReader(in))
				if err != nil || len(r.Hardware.Models) != 1 {
					b.Fatal(r.Hardware, err)
				}
			}
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/float64(len(in)), "alloc-B/capture-B")
		})
	}
}
