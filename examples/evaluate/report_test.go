package main

import (
	"bytes"
	"encoding/xml"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/golden"
)

// coverageFiles are the project scenario files the pinned coverage is
// of: named, not globbed, so that a scenario file added does not move the
// golden.
var coverageFiles = []string{"license-history-moved-renewed-late", "license-history-renewal-chain",
	"license-history-renewed-on-time-and-late", "license-history-rma", "license-history-upgraded",
	"order-fulfilment", "perpetual-rma", "services-credits-refusals", "settled-boundaries", "tradein",
	"trial-warning", "unwanted-rules", "whole-decision-exact"}

// TestCoverageJSONIsPinned: -coverage-json of the samples and thirteen
// project files, against testdata/coverage.json.golden.
func TestCoverageJSONIsPinned(t *testing.T) {
	out := filepath.Join(t.TempDir(), "coverage.json")
	var stdout, stderr bytes.Buffer
	files := append([]string{}, samples...)
	for _, name := range coverageFiles {
		files = append(files, "../../policy/scenario/testdata/scenarios/"+name+".json")
	}
	if exit := run(append([]string{"-check", "-coverage-json", out}, files...), &stdout, &stderr); exit != exitOK {
		t.Fatalf("exit %d: %s%s", exit, stdout.String(), stderr.String())
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/coverage.json.golden", got)
}

// stopClock makes -junit's clock start at a fixed instant and advance one
// millisecond each time it is read, so that times and timestamps are
// pinned.
func stopClock(t *testing.T) {
	at := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	clock = func() time.Time {
		at = at.Add(time.Millisecond)
		return at
	}
	t.Cleanup(func() { clock = time.Now })
}

// TestJUnitIsPinned: -junit of a file of mismatches, a broken file and a
// sample, against testdata/junit.xml.golden; it parses as XML, the broken
// file is an error (it could not run), the counts add up, and every suite
// and case has its time and timestamp as the Ant JUnit schema writes them.
func TestJUnitIsPinned(t *testing.T) {
	stopClock(t)
	out := filepath.Join(t.TempDir(), "junit.xml")
	var stdout, stderr bytes.Buffer
	exit := run([]string{"-check", "-junit", out, "testdata/mismatch.json", "testdata/broken.json",
		"testdata/samples/services-credits.json"}, &stdout, &stderr)
	if exit != exitError {
		t.Errorf("exit %d, want %d", exit, exitError)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/junit.xml.golden", got)
	var r junitReport
	if err := xml.Unmarshal(got, &r); err != nil {
		t.Fatal(err)
	}
	// mismatch.json: 5 checks, 3 failing, 1 without expect; broken.json:
	// one "decode" error; services-credits.json: 4 passing.
	if r.Tests != 10 || r.Failures != 3 || r.Skipped != 1 || r.Errors != 1 || len(r.Suites) != 3 {
		t.Errorf("tests %d failures %d skipped %d errors %d suites %d, want 10 3 1 1 3",
			r.Tests, r.Failures, r.Skipped, r.Errors, len(r.Suites))
	}
	if c := r.Suites[1].Cases; len(c) != 1 || c[0].Name != "decode" || c[0].Error == nil || c[0].Failure != nil ||
		c[0].Error.Type != "decode" || !strings.Contains(c[0].Error.Message, "checks[1].request.devise") || r.Suites[1].Errors != 1 {
		t.Errorf("broken.json: %+v, want one decode error naming the path", c)
	}
	var sum float64
	for _, s := range r.Suites {
		if _, err := time.Parse("2006-01-02T15:04:05", s.Timestamp); err != nil {
			t.Errorf("suite %s: timestamp %q: %v", s.Name, s.Timestamp, err)
		}
		st, err := strconv.ParseFloat(s.Time, 64)
		if err != nil || st <= 0 {
			t.Errorf("suite %s: time %q", s.Name, s.Time)
		}
		sum += st
		for _, c := range s.Cases {
			if ct, err := strconv.ParseFloat(c.Time, 64); err != nil || ct <= 0 || ct > st {
				t.Errorf("%s %s: time %q within a suite of %q", s.Name, c.Name, c.Time, s.Time)
			}
			if strings.Contains(c.ClassName, ".") || c.File != s.Name {
				t.Errorf("%s %s: classname %q file %q", s.Name, c.Name, c.ClassName, c.File)
			}
		}
	}
	if total, err := strconv.ParseFloat(r.Time, 64); err != nil || math.Abs(total-sum) > 0.0005 {
		t.Errorf("time %q, want the suites' %.3f", r.Time, sum)
	}
}

// TestJUnitClassNamesHaveNoDotToSplit: Jenkins splits a classname at its
// last dot into package and class; a classname is the file's name without
// ".json" and without dots, and two files of a run never share one.
func TestJUnitClassNamesHaveNoDotToSplit(t *testing.T) {
	r := newJUnitReport()
	for _, c := range []struct{ file, want string }{
		{"../scen/mine2.json", "mine2"},
		{"suite.v2.json", "suite_v2"},
		{"us/renewals.json", "renewals"},
		{"eu/renewals.json", "eu/renewals"},
		{"../old.eu/renewals.json", "old_eu/renewals"},
		{"renewals.json", "renewals_2"},
		{".json", "_"},
		{"/", "__2"},
	} {
		r.begin(c.file, time.Time{})
		if got := r.classes[c.file]; got != c.want {
			t.Errorf("%s: classname %q, want %q", c.file, got, c.want)
		}
	}
	r.begin("../scen/mine2.json", time.Time{})
	if got := r.classes["../scen/mine2.json"]; got != "mine2" {
		t.Errorf("a file given twice: classname %q, want its first, mine2", got)
	}
}

// TestLogIsPinned: -log writes one slog JSON line per check, the record's
// time left out so the golden holds.
func TestLogIsPinned(t *testing.T) {
	logReplace = func(groups []string, a slog.Attr) slog.Attr {
		if len(groups) == 0 && a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}
	defer func() { logReplace = nil }()
	var stdout, stderr bytes.Buffer
	if exit := run(append([]string{"-log"}, samples...), &stdout, &stderr); exit != exitOK {
		t.Fatalf("exit %d: %s", exit, stderr.String())
	}
	golden.Check(t, "testdata/log.golden", stdout.Bytes())
	if n, want := bytes.Count(stdout.Bytes(), []byte("\n")), 13; n != want {
		t.Errorf("%d lines, want one per check (%d)", n, want)
	}
}
