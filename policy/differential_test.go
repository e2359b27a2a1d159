package policy_test

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/reference"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// checksPerWorld is how many requests are asked of each random world.
const checksPerWorld = 8

// knownBug names a case the engine is known to decide wrongly, so that the
// generator avoids it until the bug is fixed; "" for every other case. Each
// exclusion is listed in the differential test's report to the lead.
func knownBug(w *reference.World, r reference.Request, at time.Time) string {
	return ""
}

// TestDifferentialEngineDecidesAsReference holds the engine to
// internal/reference, a plain evaluator written from spec/RULES.md and
// SCENARIOS.md alone: on random terms, catalogs, facts (licenses with
// histories of moves, tier changes and renewals among them), requests and
// instants aimed at the boundaries (ends of terms, grace, warning windows,
// history events and renewed terms, credit lots, return deadlines, a
// nanosecond either side, Feb 29, month ends) both decide
// the same outcome, rule set, until, obligations and values. Each case is
// decoded from a scenario file, as a test suite would write it.
//
// The default run (100 worlds, 800 decisions) takes well under a second; CI
// runs it long: go test ./policy -run Differential -rapid.checks=100000
// (100,000 worlds, about 800,000 decisions, about three minutes).
func TestDifferentialEngineDecidesAsReference(t *testing.T) {
	var decisions atomic.Int64
	var mu sync.Mutex
	tally := map[string]int{}
	rapid.Check(t, func(t *rapid.T) {
		w := drawWorld(t)
		var checks []diffCheck
		for range checksPerWorld {
			req := drawRequest(t, w)
			c := diffCheck{at: drawAt(t, w, req), req: req}
			if bug := knownBug(w, c.req, c.at); bug != "" {
				mu.Lock()
				tally["excluded: "+bug]++
				mu.Unlock()
				continue
			}
			checks = append(checks, c)
		}
		if len(checks) == 0 {
			return
		}
		file := scenarioJSON(w, checks)
		sc, err := scenario.Decode("differential.json", bytes.NewReader(file))
		if err != nil {
			t.Fatalf("the engine refuses facts the reference accepts: %v\n%s", err, file)
		}
		for i, c := range checks {
			got, err := sc.Engine().Decide(sc.Checks[i].Request, c.at)
			if err != nil {
				t.Fatalf("check %d %s: engine error %v\n%s", i, c, err, file)
			}
			want, err := reference.Evaluate(w, c.req, c.at)
			if err != nil {
				t.Fatalf("check %d %s: reference error %v\n%s", i, c, err, file)
			}
			if diff := differ(got, want); diff != "" {
				t.Fatalf("check %d %s: engine and reference disagree: %s\nengine:    %s\nreference: %s\n%s",
					i, c, diff, got, describe(want), file)
			}
			decisions.Add(1)
			mu.Lock()
			tally[fmt.Sprintf("%s %s %v", c.req.Kind, got.Outcome, got.Rules.IDs())]++
			if _, ok := sc.Checks[i].Request.(policy.WithHistory); ok {
				tally[fmt.Sprintf("%s of a license with history", c.req.Kind)]++
			}
			mu.Unlock()
		}
	})
	t.Logf("%d decisions compared", decisions.Load())
	if testing.Verbose() {
		var lines []string
		for k, n := range tally {
			lines = append(lines, fmt.Sprintf("%7d %s", n, k))
		}
		sort.Strings(lines)
		t.Logf("decisions by kind, outcome and rules:\n%s", strings.Join(lines, "\n"))
	}
}

// differ names what differs between the engine's decision and the
// reference's: outcome, rule set, until, obligation multiset, values.
func differ(got policy.Decision, want reference.Decision) string {
	var d []string
	if (got.Outcome == policy.Allow) != want.Allow {
		d = append(d, "outcome")
	}
	if !reference.SameRules(got.Rules.IDs(), want.Rules) {
		d = append(d, "rules")
	}
	if !got.Until.Equal(want.Until) {
		d = append(d, "until")
	}
	if !reference.SameObligations(got.Obligations.Slice(), want.Obligations) {
		d = append(d, "obligations")
	}
	values := map[string]decimal.Decimal{}
	for _, v := range got.Values {
		values[v.Name] = v.Amount
	}
	if !reference.SameValues(values, want.Values) {
		d = append(d, "values")
	}
	return strings.Join(d, ", ")
}

func describe(d reference.Decision) string {
	var b strings.Builder
	b.WriteString(map[bool]string{true: "allow", false: "deny"}[d.Allow])
	fmt.Fprintf(&b, " %v until ", d.Rules)
	if d.Until.IsZero() {
		b.WriteString("never")
	} else {
		b.WriteString(ts(d.Until))
	}
	for _, o := range d.Obligations {
		fmt.Fprintf(&b, "; %s (%s) for %s due %s", o.Kind, o.Rule, o.Subject, ts(o.Due))
	}
	var names []string
	for k := range d.Values {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		fmt.Fprintf(&b, "; %s=%s", k, d.Values[k])
	}
	return b.String()
}

// TestDifferentialHistoryIsRefusedAsReference holds the decoder's check of
// a license's history to the reference: on random worlds and random
// events (some out of time order), a history the reference finds an event
// of refused (out of order, or not allowed at its instant against the
// license as the events before it left it) is refused at that event's path
// citing the same rules; a history it allows decodes.
func TestDifferentialHistoryIsRefusedAsReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := drawWorld(t)
		i := rapid.IntRange(0, len(w.Licenses)-1).Draw(t, "historyLicense")
		l := &w.Licenses[i]
		l.History = drawHistory(t, w, *l)
		if n := len(l.History); n > 1 && rapid.IntRange(0, 4).Draw(t, "outOfOrder") == 0 {
			j := rapid.IntRange(1, n-1).Draw(t, "swap")
			l.History[j-1], l.History[j] = l.History[j], l.History[j-1]
		}
		index, rules, err := reference.FirstRefused(w, l.ID)
		if err != nil {
			t.Fatal(err)
		}
		file := scenarioJSON(w, []diffCheck{{at: l.Start, req: reference.Request{Kind: "trialAvailable", Platform: "MX", Feature: "bgp"}}})
		_, err = scenario.Decode("history.json", bytes.NewReader(file))
		if index < 0 {
			if err != nil {
				t.Fatalf("the reference allows every event; the decoder: %v\n%s", err, file)
			}
			return
		}
		var se *scenario.Error
		var v *rule.Violation
		path := fmt.Sprintf("licenses[%d].history[%d]", i, index)
		if !errors.As(err, &se) || se.Path != path || !errors.As(err, &v) || !reference.SameRules(v.Rules.IDs(), rules) {
			t.Fatalf("the reference refuses %s citing %v; the decoder: %v\n%s", path, rules, err, file)
		}
	})
}
