package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/png"
	"iter"
	"math"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/licensepolicy/licensepolicy/internal/calendar"
	"github.com/licensepolicy/licensepolicy/internal/golden"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

var calendarFiles = []string{"../../policy/scenario/testdata/scenarios/trial-warning.json",
	"testdata/samples/services-credits.json", "testdata/samples/initial-subscription-grace.json"}

const calendarPeriod = "2025-01-01T00:00:00Z/2026-06-01T00:00:00Z"

// TestCalendarIsPinned: the timelines and the SVG of a trial, a
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

// TestCalendarJSONIsEachChecksTimeline: every -calendar -json line is a
// segment of its check's timeline, in order, the keys as SCENARIOS.md lists
// them, the decision the engine's at the segment's start; the segments of
// a check tile [FROM, TO).
func TestCalendarJSONIsEachChecksTimeline(t *testing.T) {
	from, to := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2035, 1, 1, 0, 0, 0, 0, time.UTC)
	files := append(append([]string{}, samples...), calendarFiles[0], "testdata/late-renewal.json", "../../tmip/testdata/trade-ins.json")
	var stdout, stderr bytes.Buffer
	if exit := run(append([]string{"-json", "-calendar", instant(from) + "/" + instant(to)}, files...), &stdout, &stderr); exit != exitOK {
		t.Fatalf("exit %d: %s", exit, stderr.String())
	}
	type line struct {
		File     string          `json:"file"`
		Check    int             `json:"check"`
		Request  json.RawMessage `json:"request"`
		Start    string          `json:"start"`
		End      string          `json:"end"`
		Drifting bool            `json:"drifting"`
		Decision policy.Decision `json:"decision"`
	}
	next := map[string]time.Time{} // where each check's next segment starts
	drifting := 0
	for i, raw := range bytes.Split(bytes.TrimSuffix(stdout.Bytes(), []byte("\n")), []byte("\n")) {
		var l line
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&l); err != nil {
			t.Fatalf("line %d: %v: %s", i, err, raw)
		}
		if !bytes.HasPrefix(raw, []byte(`{"file":`)) || !bytes.Contains(raw, []byte(`,"start":"`+l.Start+`","end":"`+l.End+`","drifting":`)) {
			t.Fatalf("line %d: keys out of order: %s", i, raw)
		}
		s, err := decodeFile(l.File)
		if err != nil {
			t.Fatal(err)
		}
		c := s.Checks[l.Check]
		start, _ := time.Parse(time.RFC3339Nano, l.Start)
		end, _ := time.Parse(time.RFC3339Nano, l.End)
		key := fmt.Sprintf("%s#%d", l.File, l.Check)
		if want, ok := next[key]; ok && !start.Equal(want) || !ok && !start.Equal(from) || !end.After(start) || end.After(to) {
			t.Fatalf("line %d: [%s, %s) does not follow the segment before it", i, l.Start, l.End)
		}
		next[key] = end
		want, err := s.Engine().Decide(c.Request, start)
		if err != nil {
			t.Fatal(err)
		}
		if string(l.Request) != string(compact(t, c.Raw)) || !cmp.Equal(l.Decision, want, cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })) {
			t.Fatalf("line %d: request %s decision %v, want %s %v", i, l.Request, l.Decision, c.Raw, want)
		}
		if l.Drifting {
			drifting++
		}
	}
	for key, end := range next {
		if !end.Equal(to) {
			t.Errorf("%s: the segments end at %s", key, instant(end))
		}
	}
	if len(next) < 20 || drifting == 0 {
		t.Fatalf("%d checks, %d drifting segments: the files lost their checks", len(next), drifting)
	}
}

func compact(t *testing.T, raw []byte) []byte {
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestCalendarOfALateRenewalIsOneSegment (issue 27): two months of a late
// renewal printed 100,000 lines one nanosecond apart and stopped with "more
// than 100000 changes", exit 2; they are one drifting segment.
func TestCalendarOfALateRenewalIsOneSegment(t *testing.T) {
	var stdout, stderr bytes.Buffer
	exit := run([]string{"-calendar", "2026-01-01T00:00:00Z/2026-03-01T00:00:00Z", "testdata/late-renewal.json"}, &stdout, &stderr)
	want := "testdata/late-renewal.json check 0: may license L1 be renewed for 1 years?\n" +
		"  2026-01-01T00:00:00Z  2026-03-01T00:00:00Z  drifting, dues moving with the instant, from allow [LIC-RENEW LIC-SUB-EXPIRY]; entitlement LIC-RENEW for L1 due 2027-01-01T00:00:00Z\n"
	if exit != exitOK || stdout.String() != want || stderr.Len() != 0 {
		t.Fatalf("exit %d\n%s%s", exit, stdout.String(), stderr.String())
	}
}

// TestCalendarWritesEachSegmentAsItIsFound (issue 26, calendar cost): two
// trade-ins in breach with daily notices over 274 years printed nothing
// until the end (an insertion sort of every event). Each segment is now
// printed before the next one is found, and past the bound a check says
// so and the next one still runs.
func TestCalendarWritesEachSegmentAsItIsFound(t *testing.T) {
	out := &countingWriter{}
	var stderr bytes.Buffer
	tl := newTimelines(out, &stderr, false)
	tl.timeline = func(s *scenario.Scenario, c scenario.Check, from, to time.Time) iter.Seq2[policy.Segment, error] {
		return func(yield func(policy.Segment, error) bool) {
			printed, found := out.lines, 0 // the check's header is out
			for seg, err := range engineTimeline(s, c, from, to) {
				if out.lines != printed+found {
					t.Fatalf("check %d, segment %d found: %d of the segments before it printed", c.Index, found, out.lines-printed)
				}
				found++
				if !yield(seg, err) {
					return
				}
			}
		}
	}
	s, err := decodeFile("testdata/breach-daily-notices.json")
	if err != nil {
		t.Fatal(err)
	}
	from, to, _ := period("2025-10-01T00:00:00Z/2399-01-01T00:00:00Z")
	for _, c := range s.Checks {
		tl.calendar("testdata/breach-daily-notices.json", s, c, from, to, nil)
	}
	// A header and the first 100,001 segments of each of the two checks.
	if want := 2 * (1 + maxChanges + 1); out.lines != want || out.writes != out.lines {
		t.Fatalf("%d lines in %d writes, want %d lines each written alone", out.lines, out.writes, want)
	}
	want := "testdata/breach-daily-notices.json: checks[0]: more than 100000 changes in [2025-10-01T00:00:00Z, 2399-01-01T00:00:00Z); want a shorter period\n" +
		"testdata/breach-daily-notices.json: checks[1]: more than 100000 changes in [2025-10-01T00:00:00Z, 2399-01-01T00:00:00Z); want a shorter period\n"
	if stderr.String() != want || tl.finish(exitOK) != exitError {
		t.Fatalf("standard error %q; the bound must make the exit 2", stderr.String())
	}
}

type countingWriter struct{ writes, lines int }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.writes++
	w.lines += bytes.Count(p, []byte("\n"))
	return len(p), nil
}

// TestSVGPlacesBarsOverAnyRange (issue 26, calendar cost): over 1000 years
// every bar was drawn at one x with width 0, a time.Duration overflowing
// past 292 years. Over periods from a nanosecond to the whole of years 0000
// to 9999, each segment's bar starts where the one before it ends, inside
// the plot, and the bars of a row run left to right with positive widths.
func TestSVGPlacesBarsOverAnyRange(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		from, to := drawPeriod(t)
		p := &picture{from: from, to: to}
		p.rows = []row{{}}
		n := rapid.IntRange(1, 50).Draw(t, "segments")
		cuts := []time.Time{from, to}
		for range n - 1 {
			cuts = append(cuts, instantIn(t, from, to))
		}
		slices.SortFunc(cuts, time.Time.Compare)
		cuts = slices.CompactFunc(cuts, time.Time.Equal)
		for i := 1; i < len(cuts); i++ {
			p.segment(policy.Segment{Start: cuts[i-1], End: cuts[i]})
		}
		bars := p.rows[0].bars
		// Where an instant must be, worked out apart from the picture: in
		// whole seconds and nanoseconds of the Unix epoch.
		want := func(x time.Time) float64 {
			off := new(big.Float).SetInt64(x.Unix() - from.Unix())
			off.Add(off, big.NewFloat(float64(x.Nanosecond()-from.Nanosecond())/1e9))
			span := new(big.Float).SetInt64(to.Unix() - from.Unix())
			span.Add(span, big.NewFloat(float64(to.Nanosecond()-from.Nanosecond())/1e9))
			f, _ := new(big.Float).Quo(off, span).Float64()
			return svgLabelWidth + plotWidth*f
		}
		for i, b := range bars {
			if math.Abs(b.x0-want(b.from)) > 1e-6 || math.Abs(b.x1-want(b.to)) > 1e-6 {
				t.Fatalf("bar %d [%s, %s) drawn from %.6f to %.6f, want %.6f to %.6f", i, instant(b.from), instant(b.to),
					b.x0, b.x1, want(b.from), want(b.to))
			}
			if i > 0 && b.x0 != bars[i-1].x1 {
				t.Fatalf("bar %d starts at %.6f, the one before ends at %.6f", i, b.x0, bars[i-1].x1)
			}
		}
		if len(bars) > 2*plotWidth+2 {
			t.Fatalf("%d bars for %d pixels", len(bars), plotWidth)
		}
	})
}

// TestSVGOfAThousandYearsSpreadsItsBars: issue 26's case, each century
// its own stretch of the plot.
func TestSVGOfAThousandYearsSpreadsItsBars(t *testing.T) {
	year := func(y int) time.Time { return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC) }
	p := &picture{from: year(1500), to: year(2500), rows: []row{{}}}
	for y := 1500; y < 2500; y += 100 {
		p.segment(policy.Segment{Start: year(y), End: year(y + 100), Decision: policy.Decision{Outcome: policy.Outcome(y / 100 % 2)}})
	}
	for i, b := range p.rows[0].bars {
		if w := b.x1 - b.x0; w < plotWidth/10-0.1 || w > plotWidth/10+0.1 {
			t.Fatalf("century %d is %.2f pixels wide, want a tenth of %d", i, w, plotWidth)
		}
	}
}

// drawPeriod draws a period of years 0000 to 9999, from a nanosecond to
// the whole range long.
func drawPeriod(t *rapid.T) (from, to time.Time) {
	first, last := calendar.First.Unix(), calendar.Last.Unix()
	a := time.Unix(rapid.Int64Range(first, last-1).Draw(t, "from"), rapid.Int64Range(0, 999999999).Draw(t, "ns")).UTC()
	spans := []int64{1, 1000, 1e9, 86400e9, 366 * 86400e9}
	switch k := rapid.IntRange(0, len(spans)).Draw(t, "scale"); k {
	case len(spans):
		b := time.Unix(rapid.Int64Range(a.Unix()+1, last).Draw(t, "to"), 0).UTC()
		return a, b
	default:
		b := a.Add(time.Duration(rapid.Int64Range(1, spans[k]).Draw(t, "span")))
		if !b.Before(calendar.Last) {
			return a.Add(-time.Duration(spans[k])), a
		}
		return a, b
	}
}

func instantIn(t *rapid.T, from, to time.Time) time.Time {
	if to.Unix()-from.Unix() > 2 {
		return time.Unix(rapid.Int64Range(from.Unix()+1, to.Unix()-1).Draw(t, "cut"), 0).UTC()
	}
	return from.Add(time.Duration(rapid.Int64Range(0, int64(to.Sub(from))).Draw(t, "cutNs")))
}

// TestAxisLabelsNeverTouch (issue 27): the month labels of a two-year SVG
// ran together ("2025-012025-02..."). Over any period of years 0000 to
// 9999, from a nanosecond long to all of them, the axis has at least one
// tick and at most a few dozen, in order, each label distinct, inside the
// picture and clear of the next.
func TestAxisLabelsNeverTouch(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		from, to := drawPeriod(t)
		p := &picture{from: from, to: to}
		ts := ticks(from, to)
		if len(ts) == 0 || len(ts) > 60 {
			t.Fatalf("%d ticks over [%s, %s)", len(ts), instant(from), instant(to))
		}
		for i, tk := range ts {
			x := p.x(tk.at)
			width := float64(len(tk.label)) * charWidth
			if tk.at.Before(from) || !tk.at.Before(to) || x+width > svgWidth {
				t.Fatalf("tick %q at %.1f is outside the picture", tk.label, x)
			}
			if i > 0 {
				prev := ts[i-1]
				if px := p.x(prev.at); px+float64(len(prev.label))*charWidth+2 > x || prev.label == tk.label {
					t.Fatalf("labels %q at %.1f and %q at %.1f touch or repeat over [%s, %s)", prev.label, px, tk.label, x, instant(from), instant(to))
				}
			}
		}
	})
}

// TestTwoYearsHaveReadableMonthLabels: the period of issue 27's report.
func TestTwoYearsHaveReadableMonthLabels(t *testing.T) {
	ts := ticks(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
	var labels []string
	for _, tk := range ts {
		labels = append(labels, tk.label)
	}
	if got := strings.Join(labels, " "); got != "2025-01 2025-04 2025-07 2025-10 2026-01 2026-04 2026-07 2026-10" {
		t.Fatalf("labels %s", got)
	}
}

// TestCalendarRendersInABrowser renders the golden SVG with headless
// Chromium and counts the rows of colored bars in the screenshot: one band
// per check. Skipped without chromium, unless CI=true.
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
	h := svgHeight(rows + strings.Count(string(data), `font-weight="bold"`))
	shot := filepath.Join(dir, "out.png")
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

// TestCalendarOfALicenseHistory: a use asked of a license with a history
// (moved to mx-2, renewed late) follows it end to end: refused on mx-2
// before the move, its years and grace kept by the move, expired in the
// gap, the renewed term from the renewal's instant without grace.
func TestCalendarOfALicenseHistory(t *testing.T) {
	var stdout, stderr bytes.Buffer
	file := "../../policy/scenario/testdata/scenarios/license-history-moved-renewed-late.json"
	if exit := run([]string{"-calendar", "2025-01-01T00:00:00Z/2027-06-01T00:00:00Z", file}, &stdout, &stderr); exit != exitOK {
		t.Fatalf("exit %d: %s", exit, stderr.String())
	}
	want := file + " check 2: may device mx-2 use feature bgp under license bgp-1y?\n" +
		"  2025-01-01T00:00:00Z  2025-06-01T00:00:00Z  deny [LIC-PORT]\n" +
		"  2025-06-01T00:00:00Z  2026-01-10T00:00:00Z  allow [LIC-SUB-TERM]\n" +
		"  2026-01-10T00:00:00Z  2026-02-09T00:00:00Z  allow [ENT-GRACE LIC-SUB-TERM]\n" +
		"  2026-02-09T00:00:00Z  2026-03-01T00:00:00Z  deny [LIC-SUB-EXPIRY LIC-RENEW]\n" +
		"  2026-03-01T00:00:00Z  2027-03-01T00:00:00Z  allow [LIC-SUB-TERM]\n" +
		"  2027-03-01T00:00:00Z  2027-06-01T00:00:00Z  deny [LIC-SUB-EXPIRY LIC-RENEW]\n"
	if !strings.Contains(stdout.String(), want) {
		t.Errorf("the calendar lacks\n%s\nin\n%s", want, stdout.String())
	}
}
