package policytest

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// Small pools, so that a drawn expect often meets the drawn decision and
// often misses it by one field.
var (
	poolRules    = rule.All()[:3]
	poolKinds    = []rule.ObligationKind{rule.Alarm, rule.Warning}
	poolInstants = []time.Time{{}, time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 3, 1, 0, 0, 0, 1, time.UTC)}
	// Obligations draw from fewer values still, so that a decision often
	// has two of the same kind and rule that differ only in due or subject.
	poolDues     = poolInstants[1:]
	poolSubjects = []string{"L1", "L2"}
	poolNames    = []string{"available", "balance"}
	poolAmounts  = []string{"0", "1", "1.00", "1.5", "2"}
)

func drawDecision(t *rapid.T) policy.Decision {
	d := policy.Decision{
		Outcome: rapid.SampledFrom([]policy.Outcome{policy.Deny, policy.Allow}).Draw(t, "outcome"),
		Rules:   rule.ListOf(rapid.SliceOfNDistinct(rapid.SampledFrom(poolRules), 0, 3, rapid.ID).Draw(t, "rules")...),
		Until:   rapid.SampledFrom(poolInstants).Draw(t, "until"),
	}
	var obl rule.ObligationsBuilder
	for range rapid.IntRange(0, 4).Draw(t, "obligations") {
		obl.Add(rule.Obligation{
			Kind:    rapid.SampledFrom(poolKinds).Draw(t, "kind"),
			Rule:    rapid.SampledFrom(poolRules[:1]).Draw(t, "rule"),
			Due:     rapid.SampledFrom(poolDues).Draw(t, "due"),
			Subject: rapid.SampledFrom(poolSubjects).Draw(t, "subject"),
		})
	}
	d.Obligations = obl.List()
	for _, n := range poolNames { // sorted by name, as Decision requires
		if rapid.Bool().Draw(t, "has "+n) {
			d.Values = append(d.Values, policy.Value{Name: n, Amount: decimal.RequireFromString(rapid.SampledFrom(poolAmounts).Draw(t, n))})
		}
	}
	return d
}

// drawExpect draws an expect, half of its obligations copied from d in
// part, so that near misses (right kind and rule, another due or subject)
// are frequent.
func drawExpect(t *rapid.T, d policy.Decision) scenario.Expect {
	x := scenario.Expect{
		Outcome:  rapid.SampledFrom([]policy.Outcome{policy.Deny, policy.Allow}).Draw(t, "want outcome"),
		Rules:    rapid.SliceOfNDistinct(rapid.SampledFrom(poolRules), 0, 2, rapid.ID).Draw(t, "want rules"),
		NotRules: rapid.SliceOfNDistinct(rapid.SampledFrom(poolRules), 0, 2, rapid.ID).Draw(t, "not rules"),
		Exact:    rapid.IntRange(0, 3).Draw(t, "exact") == 0,
	}
	if rapid.Bool().Draw(t, "want until") {
		u := rapid.SampledFrom(poolInstants).Draw(t, "until")
		x.Until = &u
	}
	for range rapid.IntRange(0, 2).Draw(t, "want obligations") {
		w := scenario.ExpectedObligation{
			Kind: rapid.SampledFrom(poolKinds).Draw(t, "want kind"),
			Rule: rapid.SampledFrom(poolRules[:2]).Draw(t, "want rule"),
		}
		var from *rule.Obligation
		if len(d.Obligations.Slice()) > 0 && rapid.IntRange(0, 3).Draw(t, "copied") > 0 {
			from = &d.Obligations.Slice()[rapid.IntRange(0, len(d.Obligations.Slice())-1).Draw(t, "from")]
			w.Kind, w.Rule = from.Kind, from.Rule
		}
		if rapid.Bool().Draw(t, "want due") {
			due := rapid.SampledFrom(poolDues).Draw(t, "due")
			if from != nil && rapid.Bool().Draw(t, "copied due") {
				due = from.Due
			}
			w.Due = &due
		}
		if rapid.IntRange(0, 3).Draw(t, "want subject") > 0 {
			s := rapid.SampledFrom(poolSubjects).Draw(t, "subject")
			if from != nil && rapid.IntRange(0, 3).Draw(t, "copied subject") > 0 {
				s = from.Subject
			}
			w.Subject = &s
		}
		x.Obligations = append(x.Obligations, w)
	}
	for _, n := range rapid.SliceOfNDistinct(rapid.SampledFrom(poolNames), 0, 2, rapid.ID).Draw(t, "want values") {
		a := decimal.RequireFromString(rapid.SampledFrom(poolAmounts).Draw(t, n))
		if got, ok := d.Value(n); ok && rapid.Bool().Draw(t, "copied "+n) {
			a = got
		}
		x.Values = append(x.Values, policy.Value{Name: n, Amount: a})
	}
	return x
}

// TestDiffIsEmptyExactlyWhenTheExpectIsMet: the diff Run prints agrees with
// scenario.Expect.Mismatches, SCENARIOS.md's matching, on every expect and
// decision: no diff for a met expect ("1" and "1.00" are the same value),
// and a diff for every missed one.
func TestDiffIsEmptyExactlyWhenTheExpectIsMet(t *testing.T) {
	met, missed := 0, 0
	rapid.Check(t, func(t *rapid.T) {
		d := drawDecision(t)
		x := drawExpect(t, d)
		ms := x.Mismatches(d)
		diff := cmp.Diff(viewOf(x), viewOf(restrict(x, d)))
		if (len(ms) == 0) != (diff == "") {
			t.Fatalf("mismatches %q but diff:\n%s", ms, diff)
		}
		if len(ms) == 0 {
			met++
		} else {
			missed++
		}
	})
	if met == 0 || missed == 0 {
		t.Errorf("%d met, %d missed: the pools no longer draw both", met, missed)
	}
}

// TestDiffShowsACitedNotRuleAndWhatAnExactExpectLeavesOut: a rule the
// expect wants absent shows as cited, and the obligations and values an
// exact expect does not list show whole, as got and not wanted.
func TestDiffShowsACitedNotRuleAndWhatAnExactExpectLeavesOut(t *testing.T) {
	due := time.Date(2021, 7, 30, 0, 0, 0, 0, time.UTC)
	d := policy.Decision{
		Outcome: policy.Allow,
		Rules:   rule.ListOf(rule.TmipSwap, rule.TmipPassOn),
		Obligations: rule.ObligationsOf(
			rule.Obligation{Kind: rule.Deadline, Rule: rule.TmipReturn, Due: due, Subject: "A1"},
			rule.Obligation{Kind: rule.Advisory, Rule: rule.TmipPassOn, Subject: "A1"},
		),
		Values: []policy.Value{{Name: "discount", Amount: decimal.RequireFromString("275.00")}},
	}
	x := scenario.Expect{
		Outcome:     policy.Allow,
		NotRules:    []rule.ID{rule.TmipPassOn, rule.TmipBreach},
		Obligations: []scenario.ExpectedObligation{{Kind: rule.Deadline, Rule: rule.TmipReturn}},
		Exact:       true,
	}
	diff := cmp.Diff(viewOf(x), viewOf(restrict(x, d)))
	var changed []string // the diff's lines that differ, "+ ..." or "- ..."
	for _, l := range strings.Split(diff, "\n") {
		l = strings.Join(strings.Fields(l), " ")
		if strings.HasPrefix(l, "+") || strings.HasPrefix(l, "-") {
			changed = append(changed, l)
		}
	}
	for _, want := range []string{`+ Rules: []string{"TMIP-PASS-ON"},`, `- "TMIP-PASS-ON",`,
		"+ `advisory (TMIP-PASS-ON) for \"A1\"`,", `+ Values: []string{"discount 275"},`} {
		if !slices.Contains(changed, want) {
			t.Errorf("diff lacks %q:\n%s", want, diff)
		}
	}
	for _, l := range changed {
		for _, same := range []string{"TMIP-BREACH", "TMIP-SWAP", "TMIP-RETURN"} {
			if strings.Contains(l, same) {
				t.Errorf("diff shows %q as changed, which is as the expect wants:\n%s", same, diff)
			}
		}
	}
	if len(x.Mismatches(d)) != 3 {
		t.Errorf("mismatches %q, want the cited rule, the advisory and the discount", x.Mismatches(d))
	}
}

// TestDiffShowsOnlyWhatTheExpectLists: rules, obligations and values the
// expect leaves free do not appear in the diff.
func TestDiffShowsOnlyWhatTheExpectLists(t *testing.T) {
	due := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	d := policy.Decision{
		Outcome: policy.Allow,
		Rules:   rule.ListOf(rule.LicTrialWarn, rule.LicKind),
		Obligations: rule.ObligationsOf(
			rule.Obligation{Kind: rule.Alarm, Rule: rule.LicTrialWarn, Due: due, Subject: "L1"},
			rule.Obligation{Kind: rule.Syslog, Rule: rule.LicTrialWarn, Due: due, Subject: "L1"},
		),
		Values: []policy.Value{{Name: "available", Amount: decimal.NewFromInt(3)}, {Name: "used", Amount: decimal.NewFromInt(2)}},
	}
	x := scenario.Expect{
		Outcome:     policy.Deny,
		Rules:       []rule.ID{rule.LicTrialWarn},
		Obligations: []scenario.ExpectedObligation{{Kind: rule.Alarm, Rule: rule.LicTrialWarn}},
		Values:      []policy.Value{{Name: "used", Amount: decimal.RequireFromString("2.0")}},
	}
	diff := cmp.Diff(viewOf(x), viewOf(restrict(x, d)))
	if !strings.Contains(diff, `"deny"`) || !strings.Contains(diff, `"allow"`) {
		t.Errorf("diff does not show the outcome:\n%s", diff)
	}
	for _, noise := range []string{"LIC-KIND", "syslog", "L1", "available", "2025"} {
		if strings.Contains(diff, noise) {
			t.Errorf("diff shows %q, which the expect leaves free:\n%s", noise, diff)
		}
	}
	if got := restrict(x, d); !slices.Equal(got.Rules, x.Rules) || len(got.Obligations) != 1 || len(got.Values) != 1 {
		t.Errorf("restrict kept more or less than listed: %+v", got)
	}
}

// TestDiffOfNearMisses pins the cases the property finds hardest to draw.
func TestDiffOfNearMisses(t *testing.T) {
	due := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	l2 := "L2"
	d := policy.Decision{
		Obligations: rule.ObligationsOf(
			rule.Obligation{Kind: rule.Alarm, Rule: rule.LicTrialWarn, Due: due, Subject: "L1"},
			rule.Obligation{Kind: rule.Alarm, Rule: rule.LicTrialWarn, Due: due, Subject: "L2"},
		),
		Values: []policy.Value{{Name: "balance", Amount: decimal.RequireFromString("1.5")}},
	}
	tests := []struct {
		name string
		x    scenario.Expect
		met  bool
	}{
		{"the second obligation matches", scenario.Expect{Obligations: []scenario.ExpectedObligation{
			{Kind: rule.Alarm, Rule: rule.LicTrialWarn, Due: &due, Subject: &l2}}}, true},
		{"1.50 is 1.5", scenario.Expect{Values: []policy.Value{{Name: "balance", Amount: decimal.RequireFromString("1.50")}}}, true},
		{"2 is not 1.5", scenario.Expect{Values: []policy.Value{{Name: "balance", Amount: decimal.NewFromInt(2)}}}, false},
		{"1ns later is another due", scenario.Expect{Obligations: []scenario.ExpectedObligation{
			{Kind: rule.Alarm, Rule: rule.LicTrialWarn, Due: func() *time.Time { u := due.Add(1); return &u }()}}}, false},
	}
	for _, tt := range tests {
		diff := cmp.Diff(viewOf(tt.x), viewOf(restrict(tt.x, d)))
		if met := len(tt.x.Mismatches(d)) == 0; met != tt.met {
			t.Errorf("%s: Mismatches says met %v", tt.name, met)
		}
		if (diff == "") != tt.met {
			t.Errorf("%s: want met %v, diff:\n%s", tt.name, tt.met, diff)
		}
	}
}

// TestNearMissIsShownWithTheDecisionsObligation: "a listed obligation d has
// only with another due or subject is shown with d's": the first of the
// decision's obligations of the same kind and rule, projected on what the
// expect lists.
func TestNearMissIsShownWithTheDecisionsObligation(t *testing.T) {
	due := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	later, l3 := due.Add(time.Nanosecond), "L3"
	d := policy.Decision{Obligations: rule.ObligationsOf(
		rule.Obligation{Kind: rule.Syslog, Rule: rule.LicTrialWarn, Due: later, Subject: "L0"},
		rule.Obligation{Kind: rule.Alarm, Rule: rule.LicTrialWarn, Due: due, Subject: "L1"},
		rule.Obligation{Kind: rule.Alarm, Rule: rule.LicTrialWarn, Due: due, Subject: "L2"},
	)}
	x := scenario.Expect{Obligations: []scenario.ExpectedObligation{{Kind: rule.Alarm, Rule: rule.LicTrialWarn, Due: &later, Subject: &l3}}}
	got := restrict(x, d).Obligations
	if len(got) != 1 || got[0].Due == nil || !got[0].Due.Equal(due) || got[0].Subject == nil || *got[0].Subject != "L1" {
		t.Errorf("restrict shows %v, want the first alarm (LIC-TRIAL-WARN) for L1 due %v", got, due)
	}
	x.Obligations[0].Kind = rule.Email
	if got := restrict(x, d).Obligations; len(got) != 0 {
		t.Errorf("restrict shows %v for an obligation of a kind the decision lacks", got)
	}
}
