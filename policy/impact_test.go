package policy_test

import (
	"bytes"
	"encoding/json"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/reference"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
	"pgregory.net/rapid"
)

// drawNewTerms redraws some of old's numbers: what a new program year
// changes. The window start is kept when the new terms give none, as an
// overlay cannot take a key away.
func drawNewTerms(t *rapid.T, old reference.Terms) reference.Terms {
	other := drawTerms(t)
	for other.InitialGraceDays == old.InitialGraceDays && other.CreditValidityMonths == old.CreditValidityMonths {
		other = drawTerms(t) // mostly some change
	}
	tm := old
	pick := func(key string) bool { return rapid.Bool().Draw(t, "change."+key) }
	if pick("grace") {
		tm.InitialGraceDays = other.InitialGraceDays
	}
	if pick("warning") {
		tm.TrialWarningDays = other.TrialWarningDays
	}
	if pick("validity") {
		tm.CreditValidityMonths = other.CreditValidityMonths
	}
	if pick("years") {
		tm.SubscriptionTermYears = other.SubscriptionTermYears
	}
	if pick("blocks") {
		tm.CreditBlocks, tm.CreditMinOrder = other.CreditBlocks, other.CreditMinOrder
	}
	if pick("callOffs") {
		tm.ProfessionalMinCallOff, tm.FlexibleMinCallOff = other.ProfessionalMinCallOff, other.FlexibleMinCallOff
	}
	if pick("tmip") {
		tm.TMIPReturnMonths, tm.TMIPNoticeEveryDays, tm.TMIPCombinable = other.TMIPReturnMonths, other.TMIPNoticeEveryDays, other.TMIPCombinable
		tm.TMIPWindowEnd = other.TMIPWindowEnd
		if !other.TMIPWindowStart.IsZero() {
			tm.TMIPWindowStart = other.TMIPWindowStart
		}
	}
	return tm
}

// sameAsReference compares what "differ" counts: outcome, rules,
// obligations and values, not until.
func sameAsReference(a, b reference.Decision) bool {
	return a.Allow == b.Allow && reference.SameRules(a.Rules, b.Rules) &&
		reference.SameObligations(a.Obligations, b.Obligations) && reference.SameValues(a.Values, b.Values)
}

// TestImpactIsExactlyWhereTheReferenceDecidesTheTwoTermsDifferently holds
// Impact to internal/reference: on random facts, a request, old terms and
// new ones that change some of its numbers, at every boundary of either
// timeline (its first instant, its last, one between) and of every
// difference, an instant lies in a difference exactly when the reference
// decides it differently under the two sets of terms, and a difference's
// decisions are the reference's at its first instant.
func TestImpactIsExactlyWhereTheReferenceDecidesTheTwoTermsDifferently(t *testing.T) {
	var compared, changed, invalid atomic.Int64
	var mu sync.Mutex
	changedKinds := map[string]int{}
	rapid.Check(t, func(t *rapid.T) {
		w := drawWorld(t)
		next := *w
		next.Terms = drawNewTerms(t, w.Terms)
		req := drawRequest(t, w)
		from := drawAt(t, w, req)
		to := from.Add(time.Duration(rapid.Int64Range(1, int64(3*366*24*time.Hour)).Draw(t, "span")))
		file := scenarioJSON(w, []diffCheck{{at: from, req: req}})
		old, err := scenario.Decode("impact.json", bytes.NewReader(file))
		if err != nil {
			t.Fatalf("random facts refused: %v\n%s", err, file)
		}
		overlay, _ := json.Marshal(obj{"terms": termsJSON(next.Terms)})
		o, err := scenario.DecodeOverlay("new.json", bytes.NewReader(overlay))
		if err != nil {
			t.Fatalf("overlay refused: %v\n%s", err, overlay)
		}
		nw, bad, err := scenario.DecodeUnder("impact.json", bytes.NewReader(file), o)
		if err != nil {
			return // terms that do not hold together, such as a window ending before it starts
		}
		if len(nw.Checks) == 0 {
			if len(bad) == 0 {
				t.Fatalf("the check was left out with no fact invalid\n%s\n%s", file, overlay)
			}
			invalid.Add(1)
			return
		}
		oq := policy.Question{Engine: old.Engine(), Request: old.Checks[0].Request}
		nq := policy.Question{Engine: nw.Engine(), Request: nw.Checks[0].Request}
		var diffs []policy.Difference
		for d, err := range policy.Impact(oq, nq, from, to) {
			if err != nil {
				t.Fatal(err)
			}
			if len(diffs) > 0 && d.From.Before(diffs[len(diffs)-1].To) || !d.From.Before(d.To) || d.From.Before(from) || d.To.After(to) {
				t.Fatalf("difference [%s, %s) out of order or out of [%s, %s)", ts(d.From), ts(d.To), ts(from), ts(to))
			}
			diffs = append(diffs, d)
			if len(diffs) == maxDrawnSegments {
				to = d.To
				break
			}
		}
		compared.Add(1)
		if len(diffs) > 0 {
			changed.Add(1)
			mu.Lock()
			changedKinds[req.Kind]++
			mu.Unlock()
		}
		var at []time.Time
		for _, q := range []policy.Question{oq, nq} {
			n := 0
			for s, err := range q.Engine.Timeline(q.Request, from, to) {
				if err != nil {
					t.Fatal(err)
				}
				at = append(at, s.Start, s.End.Add(-1), s.Start.Add(s.End.Sub(s.Start)/2), s.Start.Add(1))
				if n++; n == maxDrawnSegments {
					break
				}
			}
		}
		for _, d := range diffs {
			at = append(at, d.From.Add(-1), d.From, d.To.Add(-1), d.To)
		}
		// The reference decides slowly: at most 48 of those instants.
		for len(at) > 48 {
			i := rapid.IntRange(0, len(at)-1).Draw(t, "drop")
			at[i] = at[len(at)-1]
			at = at[:len(at)-1]
		}
		for _, x := range at {
			if x.Before(from) || !x.Before(to) {
				continue
			}
			ro, err := reference.Evaluate(w, req, x)
			if err != nil {
				t.Fatal(err)
			}
			rn, err := reference.Evaluate(&next, req, x)
			if err != nil {
				t.Fatal(err)
			}
			var in *policy.Difference
			for i := range diffs {
				if !x.Before(diffs[i].From) && x.Before(diffs[i].To) {
					in = &diffs[i]
				}
			}
			if differs := !sameAsReference(ro, rn); differs != (in != nil) {
				t.Fatalf("%s at %s: the reference's decisions differ: %v; the impact has it in a difference: %v\nold: %s\nnew: %s\n%s\n%s",
					req.Kind, ts(x), differs, in != nil, describe(ro), describe(rn), file, overlay)
			}
			if in != nil && x.Equal(in.From) {
				if d := differ(in.Old, ro); d != "" {
					t.Fatalf("the old decision at %s differs from the reference's in %s: %s vs %s", ts(x), d, in.Old, describe(ro))
				}
				if d := differ(in.New, rn); d != "" {
					t.Fatalf("the new decision at %s differs from the reference's in %s: %s vs %s", ts(x), d, in.New, describe(rn))
				}
			}
		}
	})
	t.Logf("%d requests compared, %d changed (by kind %v), %d asking about a fact the new terms made invalid",
		compared.Load(), changed.Load(), changedKinds, invalid.Load())
}

// TestImpactOfOneEngineAgainstItselfIsEmpty: the same terms change nothing.
func TestImpactOfOneEngineAgainstItselfIsEmpty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		e, r, from, to, _ := drawTimeline(t)
		q := policy.Question{Engine: e, Request: r}
		for d, err := range policy.Impact(q, q, from, to) {
			t.Fatalf("difference [%s, %s) %v", ts(d.From), ts(d.To), err)
		}
	})
}

// TestImpactSplitsWhereEitherDecisionChanges: the grace dropping from 30
// days to 15 ends the old grace later than the new; the difference is the
// fifteen days in which the old is still in grace and the new has expired,
// split at no other instant.
func TestImpactSplitsWhereEitherDecisionChanges(t *testing.T) {
	const file = `{"name": "grace",
  "devices": [{"serial": "mx-1", "platform": "MX"}],
  "licenses": [{"id": "L1", "kind": "subscription", "tier": "standard", "platform": "MX", "device": "mx-1",
    "features": ["bgp"], "start": "2025-01-01T00:00:00Z", "termYears": 1}],
  "checks": [{"at": "2025-06-01T00:00:00Z", "request": {"kind": "useFeature", "license": "L1", "device": "mx-1", "feature": "bgp"}}]}`
	old, err := scenario.Decode("grace.json", bytes.NewReader([]byte(file)))
	if err != nil {
		t.Fatal(err)
	}
	o, err := scenario.DecodeOverlay("new.json", bytes.NewReader([]byte(`{"terms": {"initialGraceDays": 15}}`)))
	if err != nil {
		t.Fatal(err)
	}
	nw, _, err := scenario.DecodeUnder("grace.json", bytes.NewReader([]byte(file)), o)
	if err != nil {
		t.Fatal(err)
	}
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	var diffs []policy.Difference
	for d, err := range policy.Impact(policy.Question{Engine: old.Engine(), Request: old.Checks[0].Request},
		policy.Question{Engine: nw.Engine(), Request: nw.Checks[0].Request}, old.Checks[0].At, day(6, 1)) {
		if err != nil {
			t.Fatal(err)
		}
		diffs = append(diffs, d)
	}
	if len(diffs) != 1 || !diffs[0].From.Equal(day(1, 16)) || !diffs[0].To.Equal(day(1, 31)) ||
		diffs[0].Old.Outcome != policy.Allow || diffs[0].New.Outcome != policy.Deny {
		t.Fatalf("differences %+v, want [2026-01-16, 2026-01-31) old allow (grace), new deny", diffs)
	}
}

// TestImpactFromBeforeYearOneAsksNoZeroInstant: a period may start in year
// 0000, before the zero time.Time; the impact pulls each side's first
// segment there rather than taking a segment not yet pulled, whose end is
// the zero time, for a boundary, and so never asks a decision at the zero
// instant, which Decide refuses.
func TestImpactFromBeforeYearOneAsksNoZeroInstant(t *testing.T) {
	e := engine(t)
	q := policy.Question{Engine: e, Request: policy.TrialAvailable{Platform: "MX", Feature: "bgp"}}
	from, to := time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for d, err := range policy.Impact(q, q, from, to) {
		t.Fatalf("one engine against itself from year 0000: %+v, %v", d, err)
	}
}
