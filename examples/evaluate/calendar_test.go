package main

import (
	"bytes"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/golden"

	"github.com/licensepolicy/licensepolicy/policy/scenario"
	"pgregory.net/rapid"
)

var calendarFiles = []string{"../../policy/scenario/testdata/scenarios/trial-warning.json",
	"testdata/samples/services-credits.json", "testdata/samples/initial-subscription-grace.json"}

const calendarPeriod = "2025-01-01T00:00:00Z/2026-06-01T00:00:00Z"

// TestCalendarIsPinned: the change list and the SVG of a trial, a
// subscription in grace and a credit account, against their goldens.
func TestCalendarIsPinned(t *testing.T) {
	svg := filepath.Join(t.TempDir(), "calendar.svg")
	var stdout, stderr bytes.Buffer
	args := append([]string{"-calendar", calendarPeriod, "-at", "2025-06-01T00:00:00Z", "-svg", svg}, calendarFiles...)
	if exit := run(args, &stdout, &stderr); exit != exitOK {
		t.Fatalf("exit %d: %s", exit, stderr.String())
	}
	golden.Check(t, "testdata/calendar.golden", stdout.Bytes())
	got, err := os.ReadFile(svg)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/calendar.svg.golden", got)
}

// TestBetweenTwoListedInstantsEveryDecisionIsTheSame: for a generated
// license, the chain's listed instants are where the decision changes:
// at any instant of the period, the decision is the one listed last at or
// before it.
func TestBetweenTwoListedInstantsEveryDecisionIsTheSame(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
		start := base.Add(time.Duration(rapid.IntRange(0, 3*365*24).Draw(t, "startHours")) * time.Hour)
		kind := rapid.SampledFrom([]string{"subscription", "trial", "perpetual"}).Draw(t, "kind")
		extra := ""
		switch kind {
		case "subscription":
			extra = fmt.Sprintf(`, "termYears": %d`, rapid.IntRange(1, 3).Draw(t, "years"))
		case "trial":
			extra = fmt.Sprintf(`, "trialDays": %d`, rapid.IntRange(1, 120).Draw(t, "days"))
		}
		platform := "MX"
		if kind == "trial" {
			platform = "vMX"
		}
		src := fmt.Sprintf(`{"name": "generated", "devices": [{"serial": "d1", "platform": %q}],
  "licenses": [{"id": "l1", "kind": %q, "tier": "standard", "platform": %q, "device": "d1",
     "features": ["bgp"], "start": %q%s}],
  "checks": [{"at": %q, "request": {"kind": "useFeature", "license": "l1", "device": "d1", "feature": "bgp"}}]}`,
			platform, kind, platform, start.Format(time.RFC3339), extra, start.Format(time.RFC3339))
		s, err := scenario.Decode("generated.json", strings.NewReader(src))
		if err != nil {
			t.Skip("refused:", err) // a combination the terms refuse
		}
		from := base.Add(time.Duration(rapid.IntRange(0, 4*365*24).Draw(t, "fromHours")) * time.Hour)
		to := from.Add(time.Duration(rapid.IntRange(1, 4*365*24).Draw(t, "spanHours")) * time.Hour)
		r := s.Checks[0].Request
		cs, err := chain(s.Engine(), r, from, to)
		if err != nil {
			t.Fatal(err)
		}
		if len(cs) == 0 || !cs[0].At.Equal(from) {
			t.Fatalf("the chain does not start at %s: %v", from, cs)
		}
		for i := 0; i < 20; i++ {
			at := from.Add(time.Duration(rapid.Int64Range(0, int64(to.Sub(from))-1).Draw(t, "offset")))
			d, err := s.Engine().Decide(r, at)
			if err != nil {
				t.Fatal(err)
			}
			last := cs[0]
			for _, c := range cs {
				if !c.At.After(at) {
					last = c
				}
			}
			if decisionKey(d) != decisionKey(last.Decision) {
				t.Fatalf("at %s: %s, but the list says %s since %s", at, decisionKey(d), decisionKey(last.Decision), last.At)
			}
		}
		for i := 1; i < len(cs); i++ {
			if decisionKey(cs[i].Decision) == decisionKey(cs[i-1].Decision) {
				t.Fatalf("listed %s changes nothing", cs[i].At)
			}
		}
	})
}

// TestCalendarRendersInABrowser renders the golden SVG with headless
// Chromium and counts the rows of colored bars in the screenshot: one band
// per license, lot and trade-in. Skipped without chromium, unless CI=true.
func TestCalendarRendersInABrowser(t *testing.T) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI: chromium is not installed")
		}
		t.Skip("no chromium")
	}
	dir := t.TempDir()
	svg := filepath.Join(dir, "calendar.svg")
	var stdout, stderr bytes.Buffer
	if exit := run(append([]string{"-calendar", calendarPeriod, "-svg", svg}, calendarFiles...), &stdout, &stderr); exit != exitOK {
		t.Fatalf("exit %d: %s", exit, stderr.String())
	}
	data, _ := os.ReadFile(svg)
	rows := strings.Count(string(data), "<text x=\"6\" y=")
	shot := filepath.Join(dir, "out.png")
	h := svgHeight(rows)
	cmd := exec.Command(bin, "--headless", "--disable-gpu", "--no-sandbox", "--user-data-dir="+filepath.Join(dir, "profile"),
		"--screenshot="+shot, fmt.Sprintf("--window-size=%d,%d", svgWidth, h), "file://"+svg)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	// A band is a run of pixel rows with a saturated pixel right of the
	// labels and above the legend.
	bands, in, colored := 0, false, 0
	bnd := img.Bounds()
	for y := bnd.Min.Y; y < min(bnd.Max.Y, h-legendRows*rowHeight); y++ {
		found := false
		for x := svgLabelWidth; x < bnd.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			hi, lo := max(r, g, b)>>8, min(r, g, b)>>8
			if hi-lo > 60 {
				found = true
				colored++
			}
		}
		if found && !in {
			bands++
		}
		in = found
	}
	if colored == 0 {
		t.Fatal("the screenshot is blank")
	}
	if bands != rows {
		t.Errorf("%d bands of color, want %d rows", bands, rows)
	}
}

// TestCalendarPicturesALicenseHistory: a license with a history is drawn
// as its history leaves it: active, grace, expired in the gap before the
// late renewal, then the renewed term without grace.
func TestCalendarPicturesALicenseHistory(t *testing.T) {
	s, err := decodeFile("../../policy/scenario/testdata/scenarios/license-history-moved-renewed-late.json")
	if err != nil {
		t.Fatal(err)
	}
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	p := &picture{from: day("2025-01-01"), to: day("2027-06-01")}
	for _, c := range s.Checks {
		p.add(s, c.Request)
	}
	want := []segment{{day("2025-01-10"), day("2026-01-10"), "active"}, {day("2026-01-10"), day("2026-02-09"), "grace"},
		{day("2026-02-09"), day("2026-03-01"), "expired"}, {day("2026-03-01"), day("2027-03-01"), "active"},
		{day("2027-03-01"), time.Time{}, "expired"}}
	if len(p.rows) != 1 || p.rows[0].label != "license bgp-1y" || fmt.Sprint(p.rows[0].segments) != fmt.Sprint(want) {
		t.Errorf("rows %v, want one row of license bgp-1y: %v", p.rows, want)
	}
}
