package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/licensepolicy/licensepolicy/internal/scenariogen"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// BenchmarkEvaluateJSON runs `evaluate -json` over a generated file of
// about 6.6 MB and 50,000 checks (issue 22 measured 7 MB/s), writing to
// io.Discard; MB/s counts the file read.
func BenchmarkEvaluateJSON(b *testing.B) {
	file := filepath.Join(b.TempDir(), "generated.json")
	data := scenariogen.File(6_600_000)
	if err := os.WriteFile(file, data, 0o600); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if code := run([]string{"-json", file}, io.Discard, io.Discard); code != exitOK {
			b.Fatalf("exit %d", code)
		}
	}
}

// TestJSONStreams holds -json to writing each check's line before the next
// check is decided, so that output is never held back for a whole file.
func TestJSONStreams(t *testing.T) {
	var out bytes.Buffer
	e := newEvaluator(&out, io.Discard, jsonMode)
	lines := 0
	e.decide = func(s *scenario.Scenario, c scenario.Check) (policy.Decision, error) {
		if got := bytes.Count(out.Bytes(), []byte("\n")); got != lines {
			t.Errorf("deciding check %d: %d lines written before it, want %d", c.Index, got, lines)
		}
		lines++
		return engineDecide(s, c)
	}
	e.file(samples[0])
	if lines < 2 || bytes.Count(out.Bytes(), []byte("\n")) != lines {
		t.Fatalf("%d checks decided, output %q", lines, out.String())
	}
}

// BenchmarkCalendarTenYearsOfTheSamples runs `evaluate -calendar` over ten
// years of the three sample files (issue 27: well under a second), writing
// to io.Discard.
func BenchmarkCalendarTenYearsOfTheSamples(b *testing.B) {
	args := append([]string{"-calendar", "2025-01-01T00:00:00Z/2035-01-01T00:00:00Z"}, samples...)
	b.ReportAllocs()
	for b.Loop() {
		if code := run(args, io.Discard, io.Discard); code != exitOK {
			b.Fatalf("exit %d", code)
		}
	}
}

// BenchmarkCalendarOfDailyNotices runs `evaluate -calendar` over two
// trade-ins in breach with a notice every day for 273 years (issue 26: two
// minutes before, nothing printed until the end), about 200,000 segments;
// segments/s is the rate.
func BenchmarkCalendarOfDailyNotices(b *testing.B) {
	args := []string{"-calendar", "2025-10-01T00:00:00Z/2299-01-01T00:00:00Z", "testdata/breach-daily-notices.json"}
	b.ReportAllocs()
	out := &countingWriter{}
	for b.Loop() {
		if code := run(args, out, io.Discard); code != exitOK {
			b.Fatalf("exit %d", code)
		}
	}
	b.ReportMetric(float64(out.lines)/b.Elapsed().Seconds(), "segments/s")
}

// BenchmarkImpactOfTheSamples runs `evaluate -impact` of new terms over
// the samples, writing to io.Discard.
func BenchmarkImpactOfTheSamples(b *testing.B) {
	args := append([]string{"-impact", "testdata/new-terms.json"}, samples...)
	b.ReportAllocs()
	for b.Loop() {
		if code := run(args, io.Discard, io.Discard); code != exitMismatch {
			b.Fatalf("exit %d", code)
		}
	}
}
