package scenario_test

import (
	"encoding/json"
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

func ptr[T any](v T) *T { return &v }

var (
	due   = time.Date(2021, 10, 15, 0, 0, 0, 0, time.UTC)
	until = time.Date(2021, 7, 2, 0, 0, 0, 0, time.UTC)
	// decided is a decision as tmip's T1 gets it in its sample file.
	decided = policy.Decision{
		Outcome: policy.Allow, Rules: rule.ListOf(rule.TmipSupport, rule.TmipReturn, rule.TmipAtOrder, rule.TmipSwap),
		Obligations: rule.ObligationsOf(rule.Obligation{Kind: rule.Deadline, Rule: rule.TmipReturn, Due: due, Subject: "T1"}),
		Values:      []policy.Value{{Name: "discount", Amount: decimal.RequireFromString("500.00")}},
		Until:       until,
	}
)

// TestExpectMatchesPerTheSpec: "An expect matches a decision when: outcome
// is equal; every rule it lists is among the decision's rules (the decision
// may cite more); until, if given, is the same instant; every obligation it
// lists matches one of the decision's by kind and rule, and by due and
// subject where given; every value it lists is numerically equal."
func TestExpectMatchesPerTheSpec(t *testing.T) {
	for _, c := range []struct {
		name string
		x    scenario.Expect
		want []string
	}{
		{"outcome only", scenario.Expect{Outcome: policy.Allow}, nil},
		{"outcome differs", scenario.Expect{Outcome: policy.Deny}, []string{"outcome: want deny, got allow"}},
		{"a subset of the rules, in another order", scenario.Expect{Outcome: policy.Allow, Rules: []rule.ID{rule.TmipSwap, rule.TmipSupport}}, nil},
		{"a rule not cited", scenario.Expect{Outcome: policy.Allow, Rules: []rule.ID{rule.TmipSwap, rule.TmipWindow}},
			[]string{"rules: want TMIP-WINDOW among [TMIP-SUPPORT TMIP-RETURN TMIP-AT-ORDER TMIP-SWAP]"}},
		{"the same until", scenario.Expect{Outcome: policy.Allow, Until: ptr(until.In(time.FixedZone("x", 3600)))}, nil},
		{"another until", scenario.Expect{Outcome: policy.Allow, Until: ptr(until.Add(time.Nanosecond))},
			[]string{"until: want 2021-07-02T00:00:00.000000001Z, got 2021-07-02T00:00:00Z"}},
		{"until never against an instant", scenario.Expect{Outcome: policy.Allow, Until: &time.Time{}},
			[]string{"until: want never, got 2021-07-02T00:00:00Z"}},
		{"an obligation by kind and rule", scenario.Expect{Outcome: policy.Allow, Obligations: []scenario.ExpectedObligation{{Kind: rule.Deadline, Rule: rule.TmipReturn}}}, nil},
		{"an obligation with due and subject", scenario.Expect{Outcome: policy.Allow, Obligations: []scenario.ExpectedObligation{{Kind: rule.Deadline, Rule: rule.TmipReturn, Due: &due, Subject: ptr("T1")}}}, nil},
		{"an obligation due at another instant", scenario.Expect{Outcome: policy.Allow, Obligations: []scenario.ExpectedObligation{{Kind: rule.Deadline, Rule: rule.TmipReturn, Due: ptr(due.AddDate(0, 0, 1))}}},
			[]string{`obligations: want deadline (TMIP-RETURN) due 2021-10-16T00:00:00Z among [deadline (TMIP-RETURN) for "T1" due 2021-10-15T00:00:00Z]`}},
		{"an obligation of another subject", scenario.Expect{Outcome: policy.Allow, Obligations: []scenario.ExpectedObligation{{Kind: rule.Deadline, Rule: rule.TmipReturn, Subject: ptr("T2")}}},
			[]string{`obligations: want deadline (TMIP-RETURN) for "T2" among [deadline (TMIP-RETURN) for "T1" due 2021-10-15T00:00:00Z]`}},
		{"an obligation of another kind", scenario.Expect{Outcome: policy.Allow, Obligations: []scenario.ExpectedObligation{{Kind: rule.Advisory, Rule: rule.TmipPassOn}}},
			[]string{`obligations: want advisory (TMIP-PASS-ON) among [deadline (TMIP-RETURN) for "T1" due 2021-10-15T00:00:00Z]`}},
		{"a value numerically equal", scenario.Expect{Outcome: policy.Allow, Values: []policy.Value{{Name: "discount", Amount: decimal.RequireFromString("500")}}}, nil},
		{"a value that differs", scenario.Expect{Outcome: policy.Allow, Values: []policy.Value{{Name: "discount", Amount: decimal.RequireFromString("500.01")}}},
			[]string{"values: discount: want 500.01, got 500"}},
		{"a value the decision lacks", scenario.Expect{Outcome: policy.Allow, Values: []policy.Value{{Name: "balance", Amount: decimal.Zero}}},
			[]string{"values: balance: want 0, got none"}},
		{"every difference, each on its line", scenario.Expect{Outcome: policy.Deny, Rules: []rule.ID{rule.TmipBreach}, Until: &time.Time{}},
			[]string{"outcome: want deny, got allow", "rules: want TMIP-BREACH among [TMIP-SUPPORT TMIP-RETURN TMIP-AT-ORDER TMIP-SWAP]", "until: want never, got 2021-07-02T00:00:00Z"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if diff := cmp.Diff(c.want, c.x.Mismatches(decided)); diff != "" {
				t.Error(diff)
			}
		})
	}
}

// TestExpectDecodesTheDecisionShape: a decision as evaluate -json prints it
// decodes as an expect that it matches, "reason" included and not compared.
func TestExpectDecodesTheDecisionShape(t *testing.T) {
	b, err := json.Marshal(decided)
	if err != nil {
		t.Fatal(err)
	}
	s, err := decode(t, withChecks(`{"at": "2021-07-01T00:00:00Z", "request": {"kind": "tradeIn", "tradeIn": "T1"}, "expect": `+string(b)+`}`))
	if err != nil {
		t.Fatal(err)
	}
	x := s.Checks[0].Expect
	if m := x.Mismatches(decided); len(m) != 0 {
		t.Errorf("%s\ndoes not match itself: %v", b, m)
	}
	if x.Until == nil || !x.Until.Equal(until) || len(x.Obligations) != 1 || x.Obligations[0].Due == nil || *x.Obligations[0].Subject != "T1" {
		t.Errorf("decoded %+v", x)
	}
}

// TestDecisionJSONRoundTripsAnyDecision: MarshalJSON then UnmarshalJSON
// gives the decision back, for any outcome, rules, obligations, values and
// instants (in UTC, as the format writes them).
func TestDecisionJSONRoundTripsAnyDecision(t *testing.T) {
	instant := func(t *rapid.T, label string) time.Time {
		if rapid.Bool().Draw(t, label+" never") {
			return time.Time{}
		}
		return time.Unix(rapid.Int64Range(-1e10, 1e11).Draw(t, label), rapid.Int64Range(0, 999_999_999).Draw(t, label+" ns")).UTC()
	}
	ids := rule.All()
	rapid.Check(t, func(t *rapid.T) {
		d := policy.Decision{
			Outcome: policy.Outcome(rapid.IntRange(0, 1).Draw(t, "outcome")),
			Rules:   rule.ListOf(rapid.SliceOfN(rapid.SampledFrom(ids), 0, 5).Draw(t, "rules")...),
			Reason:  rapid.String().Draw(t, "reason"),
			Until:   instant(t, "until"),
		}
		var obl rule.ObligationsBuilder
		for range rapid.IntRange(0, 4).Draw(t, "obligations") {
			obl.Add(rule.Obligation{
				Kind: rule.ObligationKind(rapid.IntRange(1, 10).Draw(t, "kind")), Rule: rapid.SampledFrom(ids).Draw(t, "rule"),
				Due: instant(t, "due"), Subject: rapid.StringMatching(`[a-zA-Z0-9/@.-]{0,12}`).Draw(t, "subject"),
			})
		}
		d.Obligations = obl.List()
		names := rapid.SliceOfNDistinct(rapid.StringMatching(`[a-z]{1,10}`), 0, 4, func(s string) string { return s }).Draw(t, "names")
		slices.Sort(names)
		for _, n := range names {
			a := decimal.New(rapid.Int64().Draw(t, "coefficient"), int32(rapid.IntRange(-6, 0).Draw(t, "exponent")))
			d.Values = append(d.Values, policy.Value{Name: n, Amount: a})
		}
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		var got policy.Decision
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		// Amounts compare by value: "1.50" and "1.5" are the same amount.
		opt := cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })
		if diff := cmp.Diff(d, got, opt); diff != "" {
			t.Fatalf("%s\n%s", b, diff)
		}
		if !strings.Contains(string(b), `"obligations":[`) || !strings.Contains(string(b), `"values":{`) {
			t.Fatalf("%s: obligations and values must be present, possibly empty", b)
		}
	})
}
