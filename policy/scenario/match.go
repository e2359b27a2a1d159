package scenario

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/wire"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// expect decodes a check's expect: the Decision object's shape, "reason"
// accepted and not compared (SCENARIOS.md's matching rules leave it out).
func (d *decoder) expect(n *jnode, path loc) *Expect {
	o := d.object(n, path, "outcome", "rules", "reason", "until", "obligations", "values")
	mark := len(d.errs)
	x := &Expect{}
	o.enum("outcome", true, &x.Outcome, `"allow" or "deny"`)
	for _, e := range o.list("rules", false, "rule IDs").all() {
		var id rule.ID
		if d.typed(e, loc{n: e}, jString, `a rule ID such as "LIC-PORT"`) {
			if name := d.str(e); len(name) > maxQuote {
				d.fail(e.off, loc{n: e}, "%s: want a rule ID such as \"LIC-PORT\"", quote(name))
			} else if parsed, err := rule.Parse(name); err != nil {
				d.fail(e.off, loc{n: e}, "%v", err)
			} else {
				id = parsed
			}
		}
		x.Rules = append(x.Rules, id)
	}
	o.str("reason", false, "a sentence")
	if v, p := o.field("until", false, ""); v != nil {
		var t time.Time
		if v.kind == jString && d.str(v) == "never" {
			x.Until = &t
		} else if d.typed(v, p, jString, `"never" or `+wire.WantInstant) {
			t = d.instantOf(v, p)
			x.Until = &t
		}
	}
	for _, e := range o.list("obligations", false, "obligations").all() {
		ob := d.object(e, loc{n: e}, "kind", "rule", "due", "subject")
		var w ExpectedObligation
		ob.enum("kind", true, &w.Kind, "an obligation kind such as \"alarm\"")
		ob.enum("rule", true, &w.Rule, `a rule ID such as "LIC-PORT"`)
		if ob.has("due") {
			t := ob.instant("due", false)
			w.Due = &t
		}
		if ob.has("subject") {
			s := ob.str("subject", false, "a string")
			w.Subject = &s
		}
		x.Obligations = append(x.Obligations, w)
	}
	if v, p := o.field("values", false, ""); v != nil && d.typed(v, p, jObject, "an object of decimal strings") {
		for _, e := range d.t.children(v).all() {
			k := d.t.key(e)
			if k == "" {
				d.fail(e.koff, p, "empty value name; want a name such as \"balance\"")
			}
			x.Values = append(x.Values, policy.Value{Name: k, Amount: d.amountOf(e, loc{n: e})})
		}
		slices.SortFunc(x.Values, func(a, b policy.Value) int { return strings.Compare(a.Name, b.Name) })
	}
	if d.since(mark) {
		return nil
	}
	return x
}

func mismatches(x Expect, d policy.Decision) []string {
	var out []string
	if x.Outcome != d.Outcome {
		out = append(out, fmt.Sprintf("outcome: want %s, got %s", x.Outcome, d.Outcome))
	}
	for _, id := range x.Rules {
		if !d.Rules.Contains(id) {
			out = append(out, fmt.Sprintf("rules: want %s among %s", id, rulesString(d.Rules)))
		}
	}
	if x.Until != nil && !x.Until.Equal(d.Until) {
		out = append(out, fmt.Sprintf("until: want %s, got %s", wire.FormatInstant(*x.Until), wire.FormatInstant(d.Until)))
	}
	for _, w := range x.Obligations {
		if !slices.ContainsFunc(d.Obligations.Slice(), w.matches) {
			out = append(out, fmt.Sprintf("obligations: want %s among %s", w, obligationsString(d.Obligations)))
		}
	}
	for _, v := range x.Values {
		got, ok := d.Value(v.Name)
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("values: %s: want %s, got none", v.Name, v.Amount))
		case !got.Equal(v.Amount):
			out = append(out, fmt.Sprintf("values: %s: want %s, got %s", v.Name, v.Amount, got))
		}
	}
	return out
}

// matches reports whether o satisfies w: same kind and rule, and the same
// due instant and subject where w gives them.
func (w ExpectedObligation) matches(o rule.Obligation) bool {
	return o.Kind == w.Kind && o.Rule == w.Rule &&
		(w.Due == nil || w.Due.Equal(o.Due)) && (w.Subject == nil || *w.Subject == o.Subject)
}

// String formats w as Decision.String formats an obligation:
// "deadline (TMIP-RETURN) for T1 due 2021-10-15T00:00:00Z".
func (w ExpectedObligation) String() string {
	s := fmt.Sprintf("%s (%s)", w.Kind, w.Rule)
	if w.Subject != nil {
		s += fmt.Sprintf(" for %q", *w.Subject)
	}
	if w.Due != nil {
		s += " due " + wire.FormatInstant(*w.Due)
	}
	return s
}

func rulesString(ids rule.List) string { return "[" + ids.String() + "]" }

func obligationsString(os rule.Obligations) string {
	s := make([]string, os.Len())
	for i, o := range os.Slice() {
		s[i] = fmt.Sprintf("%s (%s)", o.Kind, o.Rule)
		if o.Subject != "" {
			s[i] += fmt.Sprintf(" for %q", o.Subject)
		}
		if !o.Due.IsZero() {
			s[i] += " due " + wire.FormatInstant(o.Due)
		}
	}
	return "[" + strings.Join(s, ", ") + "]"
}
