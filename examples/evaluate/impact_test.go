package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/calendar"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// TestImpactSummaryCountsWhatItPrinted: with -json every interval, every
// invalid fact and the closing summary are lines of their own, and the
// summary's counts are those lines: intervals, the checks they are about,
// the facts; exit 1 since something changed.
func TestImpactSummaryCountsWhatItPrinted(t *testing.T) {
	var stdout, stderr bytes.Buffer
	exit := run(append([]string{"-impact", "testdata/new-terms.json", "-json"}, impactFiles...), &stdout, &stderr)
	if exit != exitMismatch || stderr.Len() != 0 {
		t.Fatalf("exit %d, stderr %s", exit, stderr.String())
	}
	lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
	intervals, facts := 0, 0
	changed := map[string]bool{}
	for _, l := range lines[:len(lines)-1] {
		var v struct {
			File, Fact, Error string
			Check             *int
			From, To          string
			Old, New          json.RawMessage
		}
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatal(err)
		}
		switch {
		case v.Fact != "" && v.Error != "":
			facts++
		case v.Check != nil && v.From < v.To && len(v.Old) > 0 && len(v.New) > 0 && !bytes.Equal(v.Old, v.New):
			intervals++
			changed[fmt.Sprint(v.File, *v.Check)] = true
		default:
			t.Fatalf("line %q is neither an interval nor an invalid fact", l)
		}
	}
	checks := 0
	for _, f := range impactFiles {
		s, err := decodeFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checks += len(s.Checks)
	}
	// late-call-off.json's statement check asks about the account whose
	// call-off the new validity breaks: it is not compared.
	want := fmt.Sprintf(`{"summary":{"compared":%d,"changed":%d,"intervals":%d,"invalid":%d}}`, checks-1, len(changed), intervals, facts)
	if last := lines[len(lines)-1]; last != want || facts != 1 || intervals == 0 {
		t.Fatalf("summary %s, want %s", last, want)
	}
}

// TestImpactOfNoNewTermsChangesNothing: every scenario file of the
// repository, under an overlay that changes nothing, compares every check
// and finds nothing: exit 0.
func TestImpactOfNoNewTermsChangesNothing(t *testing.T) {
	var files []string
	for _, pat := range []string{"testdata/samples/*.json", "../../policy/scenario/testdata/scenarios/*.json", "../../tmip/testdata/*.json",
		"testdata/late-renewal.json", "testdata/late-call-off.json"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	checks := 0
	for _, f := range files {
		s, err := decodeFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checks += len(s.Checks)
	}
	var stdout, stderr bytes.Buffer
	exit := run(append([]string{"-impact", "testdata/no-new-terms.json"}, files...), &stdout, &stderr)
	if want := fmt.Sprintf("%d compared, 0 changed, 0 intervals, 0 invalid\n", checks); exit != exitOK || stdout.String() != want || stderr.Len() != 0 {
		t.Fatalf("exit %d\n%s%s\nwant %s", exit, stdout.String(), stderr.String(), want)
	}
}

// TestImpactPeriodIsTenCalendarYearsFromTheCheck: SCENARIOS.md, "from
// defaults to the check's at, to to 10 calendar years after from, clamped
// as LIC-SUB-TERM clamps": Feb 29 plus ten years is Feb 28; past year 9999
// the period ends at its last instant.
func TestImpactPeriodIsTenCalendarYearsFromTheCheck(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		at, from, to     time.Time
		wantFrom, wantTo time.Time
	}{
		{at: day(2024, 2, 29), wantFrom: day(2024, 2, 29), wantTo: day(2034, 2, 28)},
		{at: day(9995, 6, 1), wantFrom: day(9995, 6, 1), wantTo: calendar.Last},
		{at: day(2024, 2, 29), from: day(2030, 1, 1), wantFrom: day(2030, 1, 1), wantTo: day(2040, 1, 1)},
		{at: day(2024, 2, 29), to: day(2025, 1, 1), wantFrom: day(2024, 2, 29), wantTo: day(2025, 1, 1)},
	} {
		cmp := &comparison{from: c.from, to: c.to}
		from, to := cmp.period(scenario.Check{At: c.at})
		if !from.Equal(c.wantFrom) || !to.Equal(c.wantTo) {
			t.Errorf("check at %s, -from %s, -to %s: [%s, %s), want [%s, %s)", instant(c.at), instant(c.from), instant(c.to),
				instant(from), instant(to), instant(c.wantFrom), instant(c.wantTo))
		}
	}
}
