package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
)

// feed gets /calendar.ics from c through the served mux, and parses it
// back.
func feed(t *testing.T, c *Collector) (*ics.Calendar, string) {
	t.Helper()
	mux := handler(registry(t, c), nil)
	mux.Handle("/calendar.ics", calendarHandler(c))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/calendar.ics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	if _, err := b.ReadFrom(resp.Body); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/calendar; charset=utf-8" {
		t.Fatalf("GET /calendar.ics: %s %s\n%s", resp.Status, resp.Header.Get("Content-Type"), b.String())
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatalf("the feed does not parse back: %v\n%s", err, b.String())
	}
	return cal, b.String()
}

// row is an event as the tests read it back.
type row struct{ start, category, summary string }

func rows(t *testing.T, cal *ics.Calendar) []row {
	t.Helper()
	var out []row
	uids := map[string]bool{}
	for _, e := range cal.Events() {
		start, err := e.GetStartAt()
		if err != nil {
			t.Fatal(err)
		}
		if uids[e.Id()] {
			t.Errorf("UID %s twice", e.Id())
		}
		uids[e.Id()] = true
		for _, p := range []ics.ComponentProperty{ics.ComponentPropertyDtstamp, ics.ComponentPropertySummary, ics.ComponentPropertyDescription} {
			if e.GetProperty(p) == nil {
				t.Errorf("event %s has no %s", e.Id(), p)
			}
		}
		out = append(out, row{start.UTC().Format(time.RFC3339), e.GetProperty(ics.ComponentPropertyCategories).Value, e.GetProperty(ics.ComponentPropertySummary).Value})
	}
	return out
}

// At 2025-02-10 the project's captures and the trial-warning scenario
// have five changes to come, each an event at its instant: the vMX lab's
// VMX-BANDWIDTH, granted by its count-down key, ends 20 days after its
// capture (2025-02-21, the usage row's days left); the vSRX key ends with
// its dates (2025-03-01); "The trial is due to expire" (LIC-TRIAL-WARN) and
// ends 2025-03-01; the 3-year subscription's term ends 2028-01-10 and its
// 30 days of grace (ENT-GRACE) 2028-02-09. The perpetual license never
// changes.
func TestCalendarFeedHoldsOneEventPerUpcomingChange(t *testing.T) {
	c := NewCollector(Config{Paths: []string{"testdata/captures"}, Scenario: "testdata/scenario-trial-warning.json",
		Captured: instant(t, "2025-02-01T00:00:00Z")}, fixed(instant(t, "2025-02-10T00:00:00Z")), nil)
	cal, text := feed(t, c)
	if strings.Count(text, "\n") != strings.Count(text, "\r\n") {
		t.Error("a line of the feed does not end in CRLF (RFC 5545, 3.1)")
	}
	want := []row{
		{"2025-02-21T00:00:00Z", "trial-end", "lab-eval VMX-BANDWIDTH (E421992502/vmx-bandwidth-50m): trial ends"},
		{"2025-03-01T00:00:00Z", "expiry", "edge-1 Virtual Appliance (E2024030101/Virtual Appliance): expires"},
		{"2025-03-01T00:00:00Z", "trial-end", "vmx-1 bgp (trial-bgp): trial ends"},
		{"2028-01-10T00:00:00Z", "grace", "mx-1 bgp (sub-mx): term ends: the grace period begins (renew before it ends)"},
		{"2028-02-09T00:00:00Z", "grace-end", "mx-1 bgp (sub-mx): grace period ends: expires"},
	}
	got := rows(t, cal)
	slices.SortFunc(got, func(a, b row) int { return strings.Compare(a.start+a.summary, b.start+b.summary) })
	if !slices.Equal(got, want) {
		t.Errorf("events:\n%q\nwant:\n%q", got, want)
	}
	goldenText(t, "calendar.ics", text)
}

// goldenText compares text with testdata/name (go test -update rewrites
// it).
func goldenText(t *testing.T, name, text string) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if text != string(want) {
		t.Errorf("differs from %s (go test -update rewrites it):\n%s", file, text)
	}
}

// TestCalendarFollowsALicenseHistory: a license whose history moves it
// and renews it late shows each change as its history makes it: the move,
// the end of term and of grace, the late renewal (its term without
// grace), and the renewed term's end.
func TestCalendarFollowsALicenseHistory(t *testing.T) {
	c := NewCollector(Config{Scenario: "testdata/scenario-history.json"}, fixed(instant(t, "2025-05-01T00:00:00Z")), nil)
	cal, _ := feed(t, c)
	want := []row{
		{"2025-06-01T00:00:00Z", "move", "mx-2 bgp (bgp-1y): moves to device mx-2"},
		{"2026-01-10T00:00:00Z", "grace", "mx-2 bgp (bgp-1y): term ends: the grace period begins (renew before it ends)"},
		{"2026-02-09T00:00:00Z", "grace-end", "mx-2 bgp (bgp-1y): grace period ends: expires"},
		{"2026-03-01T00:00:00Z", "renewal", "mx-2 bgp (bgp-1y): renewed"},
		{"2027-03-01T00:00:00Z", "expiry", "mx-2 bgp (bgp-1y): expires"},
	}
	if got := rows(t, cal); !slices.Equal(got, want) {
		t.Errorf("events:\n%q\nwant:\n%q", got, want)
	}
}

// TestCalendarUIDsAreStable: two feeds, from two exporters, at two
// instants before the same changes, give each change the same UID, so a
// client updates its events rather than add them twice; a change past is
// gone from the later feed.
func TestCalendarUIDsAreStable(t *testing.T) {
	uids := func(at string) map[string]string {
		c := NewCollector(Config{Paths: []string{"testdata/captures"}, Scenario: "testdata/scenario-trial-warning.json",
			Captured: instant(t, "2025-02-01T00:00:00Z")}, fixed(instant(t, at)), nil)
		cal, _ := feed(t, c)
		m := map[string]string{}
		for _, e := range cal.Events() {
			m[e.GetProperty(ics.ComponentPropertyDtStart).Value+" "+e.GetProperty(ics.ComponentPropertySummary).Value] = e.Id()
		}
		return m
	}
	early, late := uids("2025-02-10T00:00:00Z"), uids("2025-02-25T00:00:00Z")
	if len(late) != len(early)-1 {
		t.Errorf("%d events at 02-25, want %d: the one of 02-21 gone", len(late), len(early)-1)
	}
	for k, uid := range late {
		if early[k] != uid {
			t.Errorf("%s: UID %s, was %s", k, uid, early[k])
		}
	}
}

// TestCalendarKeepsTheEarliestPastItsBound: a feed bounded to n events
// holds the n earliest and says how many it left out.
func TestCalendarKeepsTheEarliestPastItsBound(t *testing.T) {
	c := NewCollector(Config{Paths: []string{"testdata/captures"}, Scenario: "testdata/scenario-trial-warning.json",
		Captured: instant(t, "2025-02-01T00:00:00Z")}, fixed(instant(t, "2025-02-10T00:00:00Z")), nil)
	all, omitted := upcoming(c.current(), c.now(), MaxEvents)
	if omitted != 0 || len(all) != 5 {
		t.Fatalf("%d events, %d omitted", len(all), omitted)
	}
	cal, omitted := calendarOf(c.current(), c.now(), 3)
	var text strings.Builder
	if err := writeCalendar(&text, cal); err != nil {
		t.Fatal(err)
	}
	if omitted != 2 || !strings.Contains(text.String(), "X-LICENSEPOLICY-OMITTED:2\r\n") {
		t.Errorf("omitted %d:\n%s", omitted, text.String())
	}
	for i, e := range cal.Events() {
		if e.Id() != all[i].uid {
			t.Errorf("event %d is %s, want %s", i, e.Id(), all[i].uid)
		}
	}
}

// TestCalendarNamesPrintOnOneLine: a capture whose file name holds a
// newline is named quoted in its events, each property on its line.
func TestCalendarNamesPrintOnOneLine(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "edge\nX-FORGED:1.txt"), []byte(edgeCapture), 0o644); err != nil {
		t.Skipf("a name holding a newline: %v", err)
	}
	c := NewCollector(Config{Paths: []string{dir}}, fixed(instant(t, "2025-02-10T00:00:00Z")), nil)
	cal, text := feed(t, c)
	if strings.Contains(text, "\nX-FORGED") || len(cal.Events()) != 1 {
		t.Fatalf("%s", text)
	}
	if got := rows(t, cal)[0].summary; !strings.HasPrefix(got, `"edge\nX-FORGED:1" Virtual Appliance`) {
		t.Errorf("summary %q", got)
	}
}
