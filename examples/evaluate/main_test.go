package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/licensepolicy/licensepolicy/internal/golden"
)

// samples are copies of ../shared/scenarios/*.json, so the test does not
// depend on a directory outside the module.
var samples = []string{
	"testdata/samples/bgp-license-moves.json",
	"testdata/samples/initial-subscription-grace.json",
	"testdata/samples/services-credits.json",
}

// impactFiles are the files -impact compares in its goldens.
var impactFiles = append(append([]string{}, samples...), "../../policy/scenario/testdata/scenarios/trial-warning.json",
	"testdata/late-renewal.json", "testdata/late-call-off.json")

// TestCommandIsPinned runs the command on each set of arguments and compares
// its exit status, standard output and standard error with testdata/NAME.golden.
func TestCommandIsPinned(t *testing.T) {
	tests := []struct {
		name string
		args []string
		exit int
	}{
		{"text", samples, exitOK},
		{"json", append([]string{"-json"}, samples...), exitOK},
		{"check", append([]string{"-check"}, samples...), exitOK},
		// A mismatch of each kind: outcome, rules, until, obligations
		// (missing, wrong due), values (wrong, missing), and a check
		// without expect that is not counted.
		{"check-mismatch", []string{"-check", "testdata/mismatch.json"}, exitMismatch},
		// A rule wanted absent, and what an exact expect does not list:
		// obligations and values.
		{"check-absence", []string{"-check", "testdata/absence.json"}, exitMismatch},
		// A file that cannot be decoded and one that does not exist win
		// over the mismatch; the other files are still evaluated.
		{"check-broken", []string{"-check", "testdata/mismatch.json", "testdata/broken.json",
			"testdata/missing.json", "testdata/samples/services-credits.json"}, exitError},
		{"text-broken", []string{"testdata/broken.json", "testdata/samples/bgp-license-moves.json"}, exitError},
		{"json-broken", []string{"-json", "testdata/broken.json", "testdata/samples/bgp-license-moves.json"}, exitError},
		{"text-mismatch", []string{"testdata/mismatch.json"}, exitOK},
		// Every mistake of a file in one pass, each with its line:column,
		// in file order: a name not kebab-case, an unknown key, an unknown
		// kind, a day that does not exist, a JSON number for an amount, an
		// unknown key in a request and an hour that does not exist.
		{"check-five-mistakes", []string{"-check", "testdata/five-mistakes.json"}, exitError},
		{"no-file", nil, exitError},
		{"json-and-check", []string{"-json", "-check", "testdata/mismatch.json"}, exitError},
		{"unknown-flag", []string{"-verbose", "testdata/mismatch.json"}, exitError},
		{"help", []string{"-h"}, exitOK},
		// Nothing to compare is not a pass.
		{"check-nothing", []string{"-check", "testdata/no-expect.json"}, exitError},
		{"check-coverage", append([]string{"-check", "-coverage"}, samples...), exitOK},
		{"check-coverage-min", append([]string{"-check", "-coverage-min", "90"}, samples...), exitMismatch},
		{"coverage-without-check", append([]string{"-coverage"}, samples...), exitError},
		{"log-and-json", []string{"-log", "-json", "testdata/mismatch.json"}, exitError},
		// Ten years of the samples' timelines, as text and as JSON.
		{"calendar-samples", append([]string{"-calendar", "2025-01-01T00:00:00Z/2035-01-01T00:00:00Z"}, samples...), exitOK},
		{"calendar-samples-json", append([]string{"-calendar", "2025-01-01T00:00:00Z/2035-01-01T00:00:00Z", "-json"}, samples...), exitOK},
		// A late renewal is one drifting segment.
		{"calendar-late-renewal", []string{"-calendar", "2026-01-01T00:00:00Z/2026-03-01T00:00:00Z", "-json", "testdata/late-renewal.json"}, exitOK},
		{"calendar-backwards", []string{"-calendar", "2026-03-01T00:00:00Z/2026-01-01T00:00:00Z", "testdata/late-renewal.json"}, exitError},
		{"calendar-and-check", []string{"-calendar", "2026-01-01T00:00:00Z/2026-03-01T00:00:00Z", "-check", "testdata/late-renewal.json"}, exitError},
		// New terms (grace 15 days, warnings 45 days, credits valid 6
		// months) over the samples, a trial, a late renewal and a call-off
		// the new validity breaks.
		{"impact", append([]string{"-impact", "testdata/new-terms.json"}, impactFiles...), exitMismatch},
		{"impact-json", append([]string{"-impact", "testdata/new-terms.json", "-json"}, impactFiles...), exitMismatch},
		{"impact-period", append([]string{"-impact", "testdata/new-terms.json", "-from", "2025-03-20T00:00:00Z", "-to", "2026-01-01T00:00:00Z"}, samples...), exitMismatch},
		{"impact-nothing", append([]string{"-impact", "testdata/no-new-terms.json"}, samples...), exitOK},
		{"impact-bad-terms", append([]string{"-impact", "testdata/broken.json"}, samples...), exitError},
		{"impact-broken-file", []string{"-impact", "testdata/new-terms.json", "testdata/broken.json", "testdata/samples/initial-subscription-grace.json"}, exitError},
		{"impact-to-before-from", []string{"-impact", "testdata/new-terms.json", "-from", "2026-01-01T00:00:00Z", "-to", "2025-01-01T00:00:00Z", "testdata/late-renewal.json"}, exitError},
		{"from-without-impact", []string{"-from", "2026-01-01T00:00:00Z", "testdata/late-renewal.json"}, exitError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			exit := run(tt.args, &stdout, &stderr)
			if exit != tt.exit {
				t.Errorf("exit status %d, want %d", exit, tt.exit)
			}
			got := fmt.Sprintf("$ evaluate %s\nexit %d\n-- stdout --\n%s-- stderr --\n%s",
				strings.Join(tt.args, " "), exit, stdout.String(), stderr.String())
			golden.Check(t, filepath.Join("testdata", tt.name+".golden"), []byte(got))
		})
	}
}

// TestFailuresAreNamed checks the messages of the golden files that matter
// to a caller reading them, so an -update cannot quietly drop them.
func TestFailuresAreNamed(t *testing.T) {
	var stdout, stderr bytes.Buffer
	exit := run([]string{"-check", "testdata/mismatch.json", "testdata/broken.json", "testdata/missing.json",
		"testdata/samples/services-credits.json"}, &stdout, &stderr)
	if exit != exitError {
		t.Errorf("exit status %d, want %d: a broken file wins over a mismatch", exit, exitError)
	}
	for _, want := range []string{
		"testdata/mismatch.json: check 1: outcome: want allow, got deny\n",
		"testdata/mismatch.json: check 1: rules: want LIC-TRIAL-WARN among [LIC-TRIAL-EXPIRY]\n",
		"testdata/mismatch.json: check 1: until: want 2025-03-02T00:00:00Z, got never\n",
		"testdata/mismatch.json: check 2: obligations: want email (LIC-TRIAL-WARN) among",
		"testdata/mismatch.json: check 2: obligations: want alarm (LIC-TRIAL-WARN) due 2025-02-28T00:00:00Z among",
		"testdata/mismatch.json: check 3: values: available: want 24, got 25\n",
		"testdata/mismatch.json: check 3: values: refunded: want 0, got none\n",
		// mismatch.json: check 0 passes, 1 to 3 fail, 4 has no expect;
		// services-credits.json: 4 pass; broken.json and missing.json
		// could not be read, and are counted apart.
		"\n5 passed, 3 failed, 2 files could not be read\n",
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("standard output lacks %q:\n%s", want, stdout.String())
		}
	}
	wantErr := "testdata/broken.json:12:59: checks[1].request.devise: unknown field; want one of kind, license, device, feature, units\n" +
		"testdata/missing.json: no such file or directory\n"
	if stderr.String() != wantErr {
		t.Errorf("standard error:\n%s\nwant:\n%s", stderr.String(), wantErr)
	}
}

// TestAbsenceMismatchesAreNamed: each notRules and exact mismatch is its
// own line naming the file, the check and what differed; a check meeting
// both passes.
func TestAbsenceMismatchesAreNamed(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if exit := run([]string{"-check", "testdata/absence.json"}, &stdout, &stderr); exit != exitMismatch {
		t.Errorf("exit %d, want %d: %s", exit, exitMismatch, stderr.String())
	}
	want := `testdata/absence.json: check 0: notRules: want LIC-TRIAL-WARN absent, got [LIC-TRIAL-WARN]
testdata/absence.json: check 1: obligations: want none other (exact), got syslog (LIC-TRIAL-WARN) for "trial-bgp" due 2025-03-01T00:00:00Z
testdata/absence.json: check 1: obligations: want none other (exact), got warning (LIC-TRIAL-WARN) for "trial-bgp" due 2025-03-01T00:00:00Z
testdata/absence.json: check 2: values: expired: want none (exact), got 0
testdata/absence.json: check 2: values: used: want none (exact), got 0
1 passed, 3 failed
`
	if stdout.String() != want {
		t.Errorf("standard output:\n%s\nwant:\n%s", stdout.String(), want)
	}
}

// TestCheckCountsUnreadFilesApart: "-check: compares every check that has
// an expect; prints one line per mismatch and a closing line N passed, M
// failed; exits 1 when any failed. A file that cannot be read or decoded:
// an error naming the file and the path inside it on standard error, exit
// 2, and the other files are still evaluated." A file that could not be
// read ran no check: it is counted apart, not as a failed check.
func TestCheckCountsUnreadFilesApart(t *testing.T) {
	for _, c := range []struct {
		args    []string
		closing string
		exit    int
	}{
		{[]string{"testdata/broken.json"}, "0 passed, 0 failed, 1 file could not be read\n", exitError},
		{[]string{"testdata/broken.json", "testdata/samples/services-credits.json"}, "4 passed, 0 failed, 1 file could not be read\n", exitError},
		{[]string{"testdata/missing.json", "testdata/broken.json", "testdata/mismatch.json"}, "1 passed, 3 failed, 2 files could not be read\n", exitError},
		{[]string{"testdata/mismatch.json"}, "1 passed, 3 failed\n", exitMismatch},
		{[]string{"testdata/samples/services-credits.json"}, "4 passed, 0 failed\n", exitOK},
	} {
		var stdout, stderr bytes.Buffer
		exit := run(append([]string{"-check"}, c.args...), &stdout, &stderr)
		if exit != c.exit || !strings.HasSuffix(stdout.String(), c.closing) {
			t.Errorf("%q: exit %d, stdout:\n%s\nwant exit %d, closing %q", c.args, exit, stdout.String(), c.exit, c.closing)
		}
		if strings.Contains(stderr.String(), "nothing was compared") {
			t.Errorf("%q: %s: a file that could not be read is not a file without expects", c.args, stderr.String())
		}
		if strings.Contains(strings.Join(c.args, " "), "broken.json") && !strings.Contains(stderr.String(), "testdata/broken.json:12:59: checks[1].request.devise: ") {
			t.Errorf("%q: standard error does not name the file and path:\n%s", c.args, stderr.String())
		}
	}
}

// TestMismatchAloneExitsOne: without a broken file, a mismatch is exit 1 and
// the closing count still comes last.
func TestMismatchAloneExitsOne(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if exit := run([]string{"-check", "testdata/mismatch.json"}, &stdout, &stderr); exit != exitMismatch {
		t.Errorf("exit status %d, want %d", exit, exitMismatch)
	}
	if !strings.HasSuffix(stdout.String(), "\n1 passed, 3 failed\n") {
		t.Errorf("closing line missing or wrong:\n%s", stdout.String())
	}
	if stderr.Len() != 0 {
		t.Errorf("standard error not empty: %s", stderr.String())
	}
}

// TestNoFileIsAUsageError: usage on standard error, nothing on standard
// output, exit 2.
func TestNoFileIsAUsageError(t *testing.T) {
	for _, args := range [][]string{nil, {"-check"}, {"-json"}} {
		var stdout, stderr bytes.Buffer
		if exit := run(args, &stdout, &stderr); exit != exitError {
			t.Errorf("%q: exit status %d, want %d", args, exit, exitError)
		}
		if stdout.Len() != 0 || !strings.Contains(stderr.String(), "usage: evaluate [-json | -check | -log] [flags] FILE...") {
			t.Errorf("%q: stdout %q, stderr %q", args, stdout.String(), stderr.String())
		}
	}
}
