package policy_test

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
	"pgregory.net/rapid"
)

// maxDrawnSegments bounds a drawn timeline: a trade-in in breach with a
// notice every day has a segment per day.
const maxDrawnSegments = 3000

// drawTimeline draws a world, one request about it and a period, and
// returns the engine, the request, the period and its segments.
func drawTimeline(t *rapid.T) (policy.Engine, policy.Request, time.Time, time.Time, []policy.Segment) {
	w := drawWorld(t)
	req := drawRequest(t, w)
	from := drawAt(t, w, req)
	to := from.Add(time.Duration(rapid.Int64Range(1, int64(4*366*24*time.Hour)).Draw(t, "span")))
	if rapid.IntRange(0, 9).Draw(t, "tiny") == 0 {
		to = from.Add(time.Duration(rapid.IntRange(1, 3).Draw(t, "ns")))
	}
	file := scenarioJSON(w, []diffCheck{{at: from, req: req}})
	sc, err := scenario.Decode("timeline.json", bytes.NewReader(file))
	if err != nil {
		t.Fatalf("random facts refused: %v\n%s", err, file)
	}
	e, r := sc.Engine(), sc.Checks[0].Request
	var segs []policy.Segment
	for s, err := range e.Timeline(r, from, to) {
		if err != nil {
			t.Fatalf("%s from %s to %s: %v\n%s", req.Kind, ts(from), ts(to), err, file)
		}
		segs = append(segs, s)
		if len(segs) == maxDrawnSegments {
			to = s.End
			break
		}
	}
	return e, r, from, to, segs
}

// sameShape compares what a drifting run keeps: everything but the dues.
func sameShape(a, b policy.Decision) bool {
	kinds := func(d policy.Decision) []rule.Obligation {
		var out []rule.Obligation
		for o := range d.Obligations.All() {
			o.Due = time.Time{}
			out = append(out, o)
		}
		return out
	}
	return a.Outcome == b.Outcome && a.Rules == b.Rules && cmp.Equal(kinds(a), kinds(b)) &&
		cmp.Equal(a.Values, b.Values, promised)
}

func TestTimelineSegmentsTileThePeriodWithoutGapOrOverlap(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		_, _, from, to, segs := drawTimeline(t)
		if len(segs) == 0 {
			t.Fatalf("no segment over [%s, %s)", ts(from), ts(to))
		}
		at := from
		for i, s := range segs {
			if !s.Start.Equal(at) || !s.Start.Before(s.End) {
				t.Fatalf("segment %d is [%s, %s), want it to start at %s and end after it", i, ts(s.Start), ts(s.End), ts(at))
			}
			at = s.End
		}
		if !at.Equal(to) {
			t.Fatalf("the segments end at %s, the period at %s", ts(at), ts(to))
		}
	})
}

func TestTimelineDecisionAtAnyInstantOfASegmentIsTheSegments(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		e, r, _, _, segs := drawTimeline(t)
		for i, s := range segs {
			span := s.End.Sub(s.Start) // within four years: no overflow
			for _, x := range []time.Time{s.Start, s.End.Add(-1),
				s.Start.Add(time.Duration(rapid.Int64Range(0, int64(span)-1).Draw(t, "offset")))} {
				d, err := e.Decide(r, x)
				if err != nil {
					t.Fatal(err)
				}
				if x.Equal(s.Start) && !cmp.Equal(d, s.Decision, decimalEqual) {
					t.Fatalf("segment %d: its decision is not the one at its start %s:\n%s", i, ts(x), cmp.Diff(s.Decision, d, decimalEqual))
				}
				if s.Drifting {
					if !sameShape(d, s.Decision) || !d.Until.Equal(x.Add(1)) {
						t.Fatalf("segment %d drifts from %s, but at %s: %s (until %s)", i, ts(s.Start), ts(x), d, ts(d.Until))
					}
					continue
				}
				if !cmp.Equal(d, s.Decision, promised) {
					t.Fatalf("segment %d [%s, %s) at %s:\n%s", i, ts(s.Start), ts(s.End), ts(x), cmp.Diff(s.Decision, d, promised))
				}
			}
		}
	})
}

func TestTimelineAdjacentSegmentsDiffer(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		_, _, _, _, segs := drawTimeline(t)
		for i := 1; i < len(segs); i++ {
			a, b := segs[i-1], segs[i]
			if !a.Drifting && !b.Drifting && cmp.Equal(a.Decision, b.Decision, promised) {
				t.Fatalf("segments %d and %d, from %s and %s, decide alike: %s", i-1, i, ts(a.Start), ts(b.Start), a.Decision)
			}
			if a.Drifting && b.Drifting && sameShape(a.Decision, b.Decision) {
				t.Fatalf("two drifting segments of one shape side by side at %s", ts(b.Start))
			}
		}
	})
}

// lateRenewal is a one-year subscription shipped 2024-01-01, expired with
// its grace on 2025-01-31, asked to be renewed for a year.
func lateRenewal(t testing.TB) (policy.Engine, policy.Request) {
	const file = `{"name": "late-renewal",
  "devices": [{"serial": "mx-1", "platform": "MX"}],
  "licenses": [{"id": "L1", "kind": "subscription", "tier": "standard", "platform": "MX", "device": "mx-1",
    "features": ["bgp"], "start": "2024-01-01T00:00:00Z", "termYears": 1}],
  "checks": [{"at": "2026-01-01T00:00:00Z", "request": {"kind": "renewLicense", "license": "L1", "termYears": 1}}]}`
	sc, err := scenario.Decode("late-renewal.json", bytes.NewReader([]byte(file)))
	if err != nil {
		t.Fatal(err)
	}
	return sc.Engine(), sc.Checks[0].Request
}

// TestTimelineOfALateRenewalIsOneDriftingSegment: SCENARIOS.md, "a timeline
// shows such a run as one segment whose dues move with the instant, never
// as steps". Before the end (2025-01-31, grace included) the renewal is on
// time, due 2026-01-31; from it on it is late, and stays so until the year
// 9999 leaves no room for its term.
func TestTimelineOfALateRenewalIsOneDriftingSegment(t *testing.T) {
	e, r := lateRenewal(t)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	var segs []policy.Segment
	for s, err := range e.Timeline(r, day(2025, 1, 1), day(2026, 3, 1)) {
		if err != nil {
			t.Fatal(err)
		}
		segs = append(segs, s)
	}
	if len(segs) != 2 {
		t.Fatalf("%d segments, want 2: %v", len(segs), segs)
	}
	onTime, late := segs[0], segs[1]
	if onTime.Drifting || !onTime.End.Equal(day(2025, 1, 31)) || late.Drifting != true ||
		!late.End.Equal(day(2026, 3, 1)) || !late.Decision.Rules.Contains(rule.LicSubExpiry) {
		t.Fatalf("segments %+v", segs)
	}
	if due := late.Decision.Obligations.Slice()[0].Due; !due.Equal(day(2026, 1, 31)) {
		t.Fatalf("the late run's decision at its start is due %s, want a year after 2025-01-31", ts(due))
	}
	// Over the rest of time: one drifting run, up to 9999-01-01, where a
	// one-year term would end past 9999-12-31 and the renewal is refused.
	segs = segs[:0]
	for s, err := range e.Timeline(r, day(2026, 1, 1), time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC)) {
		if err != nil {
			t.Fatal(err)
		}
		segs = append(segs, s)
	}
	if len(segs) != 2 || !segs[0].Drifting || !segs[0].End.Equal(day(9999, 1, 1)) || segs[1].Decision.Outcome != policy.Deny {
		t.Fatalf("segments %+v", segs)
	}
}

func TestTimelineStopsWhenTheCallerStops(t *testing.T) {
	e, r := lateRenewal(t)
	n := 0
	for range e.Timeline(r, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)) {
		n++
		break // a yield after this would panic
	}
	if n != 1 {
		t.Fatalf("%d segments before the break", n)
	}
}

func TestTimelineOfAnEmptyPeriodHasNoSegment(t *testing.T) {
	e, r := lateRenewal(t)
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, to := range []time.Time{at, at.Add(-1)} {
		for s, err := range e.Timeline(r, at, to) {
			t.Fatalf("[%s, %s): %+v %v", ts(at), ts(to), s, err)
		}
	}
}

func TestTimelineOfARequestDecideCannotAskIsItsRequestError(t *testing.T) {
	e, _ := lateRenewal(t)
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		e policy.Engine
		r policy.Request
	}{{e, policy.RenewLicense{TermYears: 1}}, {e, nil}, {policy.Engine{}, policy.TrialAvailable{Platform: "MX", Feature: "bgp"}}} {
		n := 0
		for s, err := range c.e.Timeline(c.r, at, at.Add(time.Hour)) {
			n++
			var re *policy.RequestError
			if !errors.As(err, &re) || s.Start != (time.Time{}) {
				t.Fatalf("%T: %+v, %v; want only a *RequestError", c.r, s, err)
			}
		}
		if n != 1 {
			t.Fatalf("%T: %d yields, want the error alone", c.r, n)
		}
	}
}
