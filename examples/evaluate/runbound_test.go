package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// manyChecksOverLongHistory writes a scenario file of checks calls asking
// to call off credits from an account of purchases bought an hour apart:
// each check's timeline has a change per purchase, so the file's timelines
// together grow with checks times purchases, not with its size.
func manyChecksOverLongHistory(t *testing.T, purchases, checks int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(`{"name": "x", "creditAccounts": [{"id": "a", "kind": "professional", "purchases": [`)
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range purchases {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id": "p%d", "at": %q, "credits": "10"}`, i, t0.Add(time.Duration(i)*time.Hour).Format(time.RFC3339))
	}
	b.WriteString(`]}], "checks": [`)
	for i := range checks {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"at": "2024-12-01T00:00:00Z", "request": {"kind": "callOff", "account": "a", "credits": "5", "engagement": {"type": "assessment", "pricing": "fixed", "definedScope": true, "purchaseOrder": true, "statementOfWork": true}}}`)
	}
	b.WriteString("]}")
	name := filepath.Join(t.TempDir(), "many-checks.json")
	if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// TestCalendarOfManyChecksOverALongHistoryStopsAtTheRunsBound (issue 26,
// calendar cost): a 330 kB file of 200 checks over 5,000 purchases printed
// 2 million segments in 12 s, and an 8 MiB one ran for most of an hour:
// each check was bounded, the run was not. The run stops past its bound,
// naming the check, the checks and the files left out, and exits 2.
func TestCalendarOfManyChecksOverALongHistoryStopsAtTheRunsBound(t *testing.T) {
	name := manyChecksOverLongHistory(t, 1000, 300)
	var stdout, stderr bytes.Buffer
	exit := run([]string{"-calendar", "2024-01-01T00:00:00Z/2030-01-01T00:00:00Z", name, "testdata/late-renewal.json"}, &stdout, &stderr)
	// Each check's timeline has 2002 segments: the 125th passes the bound.
	want := fmt.Sprintf("%[1]s: checks[124]: more than 250000 changes in the run, every check's together; want a shorter period or fewer checks\n"+
		"%[1]s: checks[125] to checks[299]: not run: the run passed its bound of 250000 changes\n"+
		"testdata/late-renewal.json: not run: the run passed its bound of 250000 changes\n", name)
	if exit != exitError || stderr.String() != want {
		t.Fatalf("exit %d, standard error:\n%s\nwant exit 2 and\n%s", exit, stderr.String(), want)
	}
	if n := strings.Count(stdout.String(), "\n"); n != 125+250000 {
		t.Fatalf("%d lines printed, want the 125 checks' headers and %d segments", n, 250000)
	}
}

// TestImpactOfManyChecksOverALongHistoryStopsAtTheRunsBound (issue 26,
// calendar cost): where the new terms change nothing, -impact printed
// nothing but walked both timelines of every check, with no bound at all
// (the bound counted the intervals that differ). Both sides' segments now
// count against the run's bound.
func TestImpactOfManyChecksOverALongHistoryStopsAtTheRunsBound(t *testing.T) {
	name := manyChecksOverLongHistory(t, 1000, 300)
	terms := filepath.Join(t.TempDir(), "terms.json")
	if err := os.WriteFile(terms, []byte(`{"terms": {"trialWarningDays": 31}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	exit := run([]string{"-impact", terms, "-to", "2030-01-01T00:00:00Z", name}, &stdout, &stderr)
	// Each check's two timelines have 2 x 2001 segments: the 63rd passes.
	want := fmt.Sprintf("%[1]s: checks[62]: more than 250000 changes in the run, every check's together; want a shorter period or fewer checks\n"+
		"%[1]s: checks[63] to checks[299]: not run: the run passed its bound of 250000 changes\n", name)
	if exit != exitError || stderr.String() != want || stdout.String() != "63 compared, 0 changed, 0 intervals, 0 invalid\n" {
		t.Fatalf("exit %d, standard output %q, standard error:\n%s\nwant exit 2 and\n%s", exit, stdout.String(), stderr.String(), want)
	}
}
