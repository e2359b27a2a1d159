package scenario_test

import (
	"encoding/json"
	"fmt"
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

// TestNotRulesAndExactPerTheSpec: "no rule in notRules (a list of rule IDs)
// is among the decision's rules. With "exact": true the obligations and
// values the expect lists are the whole of the decision's: it carries no
// other obligation and reports no other value (rules stay "at least", since
// a decision may cite more than the table requires)."
func TestNotRulesAndExactPerTheSpec(t *testing.T) {
	deadline := scenario.ExpectedObligation{Kind: rule.Deadline, Rule: rule.TmipReturn}
	discount := policy.Value{Name: "discount", Amount: decimal.RequireFromString("500")}
	for _, c := range []struct {
		name string
		x    scenario.Expect
		want []string
	}{
		{"a rule not cited", scenario.Expect{Outcome: policy.Allow, NotRules: []rule.ID{rule.TmipPassOn, rule.TmipBreach}}, nil},
		{"a rule cited", scenario.Expect{Outcome: policy.Allow, NotRules: []rule.ID{rule.TmipPassOn, rule.TmipSwap}},
			[]string{"notRules: want TMIP-SWAP absent, got [TMIP-SUPPORT TMIP-RETURN TMIP-AT-ORDER TMIP-SWAP]"}},
		{"not exact: obligations and values left out are free", scenario.Expect{Outcome: policy.Allow}, nil},
		{"exact: every obligation and value listed", scenario.Expect{Outcome: policy.Allow, Exact: true,
			Obligations: []scenario.ExpectedObligation{deadline}, Values: []policy.Value{discount}}, nil},
		{"exact: rules stay at least", scenario.Expect{Outcome: policy.Allow, Exact: true, Rules: []rule.ID{rule.TmipSwap},
			Obligations: []scenario.ExpectedObligation{deadline}, Values: []policy.Value{discount}}, nil},
		{"exact: nothing listed", scenario.Expect{Outcome: policy.Allow, Exact: true}, []string{
			`obligations: want none other (exact), got deadline (TMIP-RETURN) for "T1" due 2021-10-15T00:00:00Z`,
			"values: discount: want none (exact), got 500"}},
		{"exact: a value not listed", scenario.Expect{Outcome: policy.Allow, Exact: true, Obligations: []scenario.ExpectedObligation{deadline}},
			[]string{"values: discount: want none (exact), got 500"}},
		{"exact: an obligation not listed", scenario.Expect{Outcome: policy.Allow, Exact: true, Values: []policy.Value{discount}},
			[]string{`obligations: want none other (exact), got deadline (TMIP-RETURN) for "T1" due 2021-10-15T00:00:00Z`}},
		{"exact: an obligation listed that the decision lacks", scenario.Expect{Outcome: policy.Allow, Exact: true, Values: []policy.Value{discount},
			Obligations: []scenario.ExpectedObligation{deadline, {Kind: rule.Advisory, Rule: rule.TmipPassOn}}},
			[]string{`obligations: want advisory (TMIP-PASS-ON) among [deadline (TMIP-RETURN) for "T1" due 2021-10-15T00:00:00Z]`}},
		{"exact: a listed obligation of another subject leaves the decision's unlisted", scenario.Expect{Outcome: policy.Allow, Exact: true,
			Values: []policy.Value{discount}, Obligations: []scenario.ExpectedObligation{{Kind: rule.Deadline, Rule: rule.TmipReturn, Subject: ptr("T2")}}},
			[]string{`obligations: want deadline (TMIP-RETURN) for "T2" among [deadline (TMIP-RETURN) for "T1" due 2021-10-15T00:00:00Z]`,
				`obligations: want none other (exact), got deadline (TMIP-RETURN) for "T1" due 2021-10-15T00:00:00Z`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if diff := cmp.Diff(c.want, c.x.Mismatches(decided)); diff != "" {
				t.Error(diff)
			}
		})
	}
}

// TestExactHoldsAgainstADecisionOfNoObligations: an exact expect listing
// nothing is met by a decision that carries nothing, as a heritage line's
// viewEntitlement denial does.
func TestExactHoldsAgainstADecisionOfNoObligations(t *testing.T) {
	d := policy.Decision{Outcome: policy.Deny, Rules: rule.ListOf(rule.EntHeritage)}
	x := scenario.Expect{Outcome: policy.Deny, Exact: true, NotRules: []rule.ID{rule.EntVisible}}
	if m := x.Mismatches(d); len(m) != 0 {
		t.Errorf("mismatches %q", m)
	}
}

// TestMismatchesOfManyObligationsAreBounded: against a decision of 1,000
// obligations (a fulfilment of as many units), a missing listed obligation
// shows at most ten of them and an exact expect at most ten lines of those
// it does not list, then counts the rest.
func TestMismatchesOfManyObligationsAreBounded(t *testing.T) {
	var b rule.ObligationsBuilder
	for i := range 1000 {
		b.Add(rule.Obligation{Kind: rule.Entitlement, Rule: rule.EntAuto, Due: due, Subject: fmt.Sprintf("SO1/L1/%d", i+1)})
	}
	d := policy.Decision{Outcome: policy.Allow, Obligations: b.List()}
	x := scenario.Expect{Outcome: policy.Allow, Exact: true, Obligations: []scenario.ExpectedObligation{
		{Kind: rule.Entitlement, Rule: rule.EntAuto, Subject: ptr("SO1/L1/1")},
		{Kind: rule.Email, Rule: rule.EntEmail},
	}}
	ms := x.Mismatches(d)
	if len(ms) != 1+10+1 || !strings.HasPrefix(ms[0], "obligations: want email (ENT-EMAIL) among [entitlement (ENT-AUTO)") ||
		!strings.HasSuffix(ms[0], ", and 990 more]") {
		t.Fatalf("%d lines, first %q", len(ms), ms[0])
	}
	if ms[1] != `obligations: want none other (exact), got entitlement (ENT-AUTO) for "SO1/L1/2" due 2021-10-15T00:00:00Z` ||
		ms[len(ms)-1] != "obligations: want none other (exact), got 989 more" {
		t.Errorf("lines %q", ms[1:])
	}
	for _, m := range ms {
		if len(m) > 2000 {
			t.Errorf("a line of %d bytes", len(m))
		}
	}
}

// TestObligationMatchingIsTheSpecsOnAnyLists: whatever the obligations and
// the listed ones, Mismatches reports a listed obligation missing exactly
// when no obligation of the decision matches it, and with exact an
// obligation unlisted exactly when no listed one matches it (checked here
// pair by pair, as the spec's sentence reads).
func TestObligationMatchingIsTheSpecsOnAnyLists(t *testing.T) {
	kinds := []rule.ObligationKind{rule.Alarm, rule.Email}
	rules := []rule.ID{rule.LicTrialWarn, rule.EntEmail}
	dues := []time.Time{{}, due, due.Add(time.Nanosecond), due.In(time.FixedZone("x", 3600))}
	subjects := []string{"", "L1", "L2"}
	rapid.Check(t, func(t *rapid.T) {
		var b rule.ObligationsBuilder
		var os []rule.Obligation
		for range rapid.IntRange(0, 6).Draw(t, "obligations") {
			o := rule.Obligation{Kind: rapid.SampledFrom(kinds).Draw(t, "kind"), Rule: rapid.SampledFrom(rules).Draw(t, "rule"),
				Due: rapid.SampledFrom(dues).Draw(t, "due"), Subject: rapid.SampledFrom(subjects).Draw(t, "subject")}
			b.Add(o)
			os = append(os, o)
		}
		d := policy.Decision{Outcome: policy.Allow, Obligations: b.List()}
		x := scenario.Expect{Outcome: policy.Allow, Exact: rapid.Bool().Draw(t, "exact")}
		for range rapid.IntRange(0, 4).Draw(t, "listed") {
			w := scenario.ExpectedObligation{Kind: rapid.SampledFrom(kinds).Draw(t, "want kind"), Rule: rapid.SampledFrom(rules).Draw(t, "want rule")}
			if rapid.Bool().Draw(t, "want due") {
				w.Due = ptr(rapid.SampledFrom(dues).Draw(t, "due"))
			}
			if rapid.Bool().Draw(t, "want subject") {
				w.Subject = ptr(rapid.SampledFrom(subjects).Draw(t, "subject"))
			}
			x.Obligations = append(x.Obligations, w)
		}
		var want []string
		for _, w := range x.Obligations {
			if !slices.ContainsFunc(os, w.Matches) {
				want = append(want, "obligations: want "+w.String()+" among ")
			}
		}
		if x.Exact {
			for _, o := range os {
				if !slices.ContainsFunc(x.Obligations, func(w scenario.ExpectedObligation) bool { return w.Matches(o) }) {
					want = append(want, "obligations: want none other (exact), got ")
				}
			}
		}
		got := x.Mismatches(d)
		if len(got) != len(want) {
			t.Fatalf("mismatches %q, want %d lines starting %q", got, len(want), want)
		}
		for i := range want {
			if !strings.HasPrefix(got[i], want[i]) {
				t.Fatalf("line %d: %q, want it to start %q", i, got[i], want[i])
			}
		}
	})
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

// TestExpectDecodesNotRulesAndExact: "notRules" is a list of rule IDs and
// "exact" a boolean, false when absent.
func TestExpectDecodesNotRulesAndExact(t *testing.T) {
	s, err := decode(t, withChecks(`{"at": "2021-07-01T00:00:00Z", "request": {"kind": "tradeIn", "tradeIn": "T1"},
	  "expect": {"outcome": "deny", "rules": ["TMIP-ELIGIBLE"], "notRules": ["TMIP-PASS-ON", "ENT-GRACE"], "exact": true}},
	 {"at": "2021-07-01T00:00:00Z", "request": {"kind": "tradeIn", "tradeIn": "T1"}, "expect": {"outcome": "deny", "exact": false}},
	 {"at": "2021-07-01T00:00:00Z", "request": {"kind": "tradeIn", "tradeIn": "T1"}, "expect": {"outcome": "deny"}}`))
	if err != nil {
		t.Fatal(err)
	}
	want := []scenario.Expect{
		{Outcome: policy.Deny, Rules: []rule.ID{rule.TmipEligible}, NotRules: []rule.ID{rule.TmipPassOn, rule.EntGrace}, Exact: true},
		{Outcome: policy.Deny},
		{Outcome: policy.Deny},
	}
	for i, c := range s.Checks {
		if diff := cmp.Diff(want[i], *c.Expect); diff != "" {
			t.Errorf("check %d: %s", i, diff)
		}
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
