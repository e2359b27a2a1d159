package junos

import (
	"bytes"
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
