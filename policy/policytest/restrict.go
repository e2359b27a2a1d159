package policytest

import (
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// restrict returns d as an Expect shaped like x: only what x lists, so that
// cmp.Diff(x, restrict(x, d)) is empty exactly when d meets x and otherwise
// shows only what differs. A listed rule, obligation or value d lacks is
// left out (the diff shows it as wanted and missing); a listed obligation
// d has only with another due or subject is shown with d's.
func restrict(x scenario.Expect, d policy.Decision) scenario.Expect {
	got := scenario.Expect{Outcome: d.Outcome}
	for _, id := range x.Rules {
		if d.Rules.Contains(id) {
			got.Rules = append(got.Rules, id)
		}
	}
	if x.Until != nil {
		u := d.Until
		got.Until = &u
	}
	for _, w := range x.Obligations {
		if o, ok := nearest(w, d.Obligations.Slice()); ok {
			got.Obligations = append(got.Obligations, project(w, o))
		}
	}
	for _, v := range x.Values {
		if a, ok := d.Value(v.Name); ok {
			got.Values = append(got.Values, policy.Value{Name: v.Name, Amount: a})
		}
	}
	return got
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
	Until       string // "" when the expect does not give it
	Obligations []string
	Values      []string
}

func viewOf(x scenario.Expect) view {
	v := view{Outcome: x.Outcome.String()}
	for _, id := range x.Rules {
		v.Rules = append(v.Rules, id.String())
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
