package policytest

import (
	"slices"

	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// maxUnlisted is the most obligations of the decision an exact expect's
// diff shows beyond those it lists; the mismatch lines count the rest.
const maxUnlisted = 10

// restrict returns d as an Expect shaped like x: only what x lists, so that
// cmp.Diff(x, restrict(x, d)) is empty exactly when d meets x and otherwise
// shows only what differs. A listed rule, obligation or value d lacks is
// left out (the diff shows it as wanted and missing); a listed obligation
// d has only with another due or subject is shown with d's. A rule of
// NotRules that d cites moves from NotRules to Rules (the diff shows it
// cited where it was wanted absent). With Exact, the obligations (up to
// maxUnlisted) and values of d that x does not list are added whole (the
// diff shows them as got and not wanted).
func restrict(x scenario.Expect, d policy.Decision) scenario.Expect {
	got := scenario.Expect{Outcome: d.Outcome, Exact: x.Exact}
	for _, id := range x.Rules {
		if d.Rules.Contains(id) {
			got.Rules = append(got.Rules, id)
		}
	}
	for _, id := range x.NotRules {
		if d.Rules.Contains(id) {
			got.Rules = append(got.Rules, id)
		} else {
			got.NotRules = append(got.NotRules, id)
		}
	}
	if x.Until != nil {
		u := d.Until
		got.Until = &u
	}
	os := d.Obligations.Slice()
	for _, w := range x.Obligations {
		if o, ok := nearest(w, os); ok {
			got.Obligations = append(got.Obligations, project(w, o))
		}
	}
	for _, v := range x.Values {
		if a, ok := d.Value(v.Name); ok {
			got.Values = append(got.Values, policy.Value{Name: v.Name, Amount: a})
		}
	}
	if x.Exact {
		unlisted := 0
		for _, o := range os {
			if unlisted < maxUnlisted && !slices.ContainsFunc(x.Obligations, func(w scenario.ExpectedObligation) bool { return w.Matches(o) }) {
				got.Obligations = append(got.Obligations, whole(o))
				unlisted++
			}
		}
		for _, v := range d.Values {
			if !slices.ContainsFunc(x.Values, func(w policy.Value) bool { return w.Name == v.Name }) {
				got.Values = append(got.Values, v)
			}
		}
	}
	return got
}

// whole is o as an expected obligation giving all of it, its due and
// subject left out only when o has none.
func whole(o rule.Obligation) scenario.ExpectedObligation {
	w := scenario.ExpectedObligation{Kind: o.Kind, Rule: o.Rule}
	if !o.Due.IsZero() {
		w.Due = &o.Due
	}
	if o.Subject != "" {
		w.Subject = &o.Subject
	}
	return w
}

// nearest returns the obligation of os that matches w, or else the first of
// the same kind and rule, or false.
func nearest(w scenario.ExpectedObligation, os []rule.Obligation) (rule.Obligation, bool) {
	var near *rule.Obligation
	for i, o := range os {
		if o.Kind != w.Kind || o.Rule != w.Rule {
			continue
		}
		if (w.Due == nil || w.Due.Equal(o.Due)) && (w.Subject == nil || *w.Subject == o.Subject) {
			return o, true
		}
		if near == nil {
			near = &os[i]
		}
	}
	if near == nil {
		return rule.Obligation{}, false
	}
	return *near, true
}

// project keeps of o what w lists.
func project(w scenario.ExpectedObligation, o rule.Obligation) scenario.ExpectedObligation {
	p := scenario.ExpectedObligation{Kind: o.Kind, Rule: o.Rule}
	if w.Due != nil {
		due := o.Due
		p.Due = &due
	}
	if w.Subject != nil {
		subject := o.Subject
		p.Subject = &subject
	}
	return p
}

// view is an Expect in the words of the scenario format, what cmp.Diff
// compares: an instant as "never" or RFC 3339, an obligation on one line, a
// value as "name amount". Each is canonical (decimal strings drop trailing
// zeros), so equal views are equal expects, and the diff of a missing
// obligation reads as one line wanted rather than fields of its neighbour.
type view struct {
	Outcome     string
	Rules       []string
	NotRules    []string
	Until       string // "" when the expect does not give it
	Obligations []string
	Values      []string
}

func viewOf(x scenario.Expect) view {
	v := view{Outcome: x.Outcome.String()}
	for _, id := range x.Rules {
		v.Rules = append(v.Rules, id.String())
	}
	for _, id := range x.NotRules {
		v.NotRules = append(v.NotRules, id.String())
	}
	if x.Until != nil {
		v.Until = formatInstant(*x.Until)
	}
	for _, o := range x.Obligations {
		v.Obligations = append(v.Obligations, o.String())
	}
	for _, a := range x.Values {
		v.Values = append(v.Values, a.Name+" "+a.Amount.String())
	}
	return v
}
