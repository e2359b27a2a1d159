package main

import (
	"bytes"
	"encoding/xml"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/licensepolicy/licensepolicy/internal/golden"
)

// TestCoverageJSONIsPinned: -coverage-json of the samples and the project
// files, against testdata/coverage.json.golden.
func TestCoverageJSONIsPinned(t *testing.T) {
	out := filepath.Join(t.TempDir(), "coverage.json")
	var stdout, stderr bytes.Buffer
	files := append(append([]string{}, samples...), projectScenarios(t)...)
	if exit := run(append([]string{"-check", "-coverage-json", out}, files...), &stdout, &stderr); exit != exitOK {
		t.Fatalf("exit %d: %s%s", exit, stdout.String(), stderr.String())
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/coverage.json.golden", got)
}

// TestJUnitIsPinned: -junit of a file of mismatches, a broken file and a
// sample, against testdata/junit.xml.golden; it parses as XML, the broken
// file is a failed testcase and the counts add up.
func TestJUnitIsPinned(t *testing.T) {
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
	// one failed "decode"; services-credits.json: 4 passing.
	if r.Tests != 10 || r.Failures != 4 || r.Skipped != 1 || r.Errors != 0 || len(r.Suites) != 3 {
		t.Errorf("tests %d failures %d skipped %d errors %d suites %d, want 10 4 1 0 3",
			r.Tests, r.Failures, r.Skipped, r.Errors, len(r.Suites))
	}
	if c := r.Suites[1].Cases; len(c) != 1 || c[0].Name != "decode" || c[0].Failure == nil ||
		!strings.Contains(c[0].Failure.Message, "checks[1].request.devise") {
		t.Errorf("broken.json: %+v, want one failed decode testcase naming the path", c)
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
