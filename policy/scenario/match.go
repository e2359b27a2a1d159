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
// accepted and not compared (SCENARIOS.md's matching rules leave it out),
// with "notRules" and "exact".
func (d *decoder) expect(n *jnode, path loc) *Expect {
	o := d.object(n, path, "outcome", "rules", "notRules", "reason", "until", "obligations", "values", "exact")
	mark := len(d.errs)
	x := &Expect{}
	o.enum("outcome", true, &x.Outcome, `"allow" or "deny"`)
	rules, ruleAt := d.ruleIDs(o, "rules")
	notRules, notRuleAt := d.ruleIDs(o, "notRules")
	x.Rules, x.NotRules = rules, notRules
	if len(notRules) > 0 && len(rules) > 0 {
		// An expect wanting a rule both cited and not could never be met.
		first := make(map[rule.ID]int, len(rules))
		for i := len(rules) - 1; i >= 0; i-- {
			first[rules[i]] = i
		}
		for i, id := range notRules {
			if j, ok := first[id]; ok && id.IsValid() {
				d.fail(notRuleAt[i].off, loc{n: notRuleAt[i]}, "%s is also in rules (%s); want it in rules or in notRules, not both",
					id, loc{n: ruleAt[j]}.path(d.t))
			}
		}
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
	x.Exact = o.boolean("exact", false, false)
	if d.since(mark) {
		return nil
	}
	return x
}

// ruleIDs reads the list of rule IDs at key, and the node of each; an ID
// that is refused reads as the zero ID.
func (d *decoder) ruleIDs(o obj, key string) ([]rule.ID, []*jnode) {
	es := o.list(key, false, "rule IDs")
	if es.len() == 0 {
		return nil, nil
	}
	ids, at := make([]rule.ID, 0, es.len()), make([]*jnode, 0, es.len())
	for _, e := range es.all() {
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
		ids, at = append(ids, id), append(at, e)
	}
	return ids, at
}

// maxShown is the most obligations a mismatch line lists, and the most
// lines an exact expect gets for obligations it does not list; the rest
// are counted, so that a decision of many obligations (a fulfilment of
// many units) cannot make the mismatches grow as the product of the two
// lists.
const maxShown = 10

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
	for _, id := range x.NotRules {
		if d.Rules.Contains(id) {
			out = append(out, fmt.Sprintf("notRules: want %s absent, got %s", id, rulesString(d.Rules)))
		}
	}
	if x.Until != nil && !x.Until.Equal(d.Until) {
		out = append(out, fmt.Sprintf("until: want %s, got %s", wire.FormatInstant(*x.Until), wire.FormatInstant(d.Until)))
	}
	if len(x.Obligations) > 0 || x.Exact {
		found, unlisted := matchObligations(x.Obligations, d.Obligations, x.Exact)
		for i, w := range x.Obligations {
			if !found[i] {
				out = append(out, fmt.Sprintf("obligations: want %s among %s", w, obligationsString(d.Obligations)))
			}
		}
		for i, o := range unlisted {
			if i == maxShown {
				out = append(out, fmt.Sprintf("obligations: want none other (exact), got %d more", len(unlisted)-maxShown))
				break
			}
			out = append(out, "obligations: want none other (exact), got "+obligationString(o))
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
	if x.Exact {
		for _, v := range d.Values {
			if !slices.ContainsFunc(x.Values, func(w policy.Value) bool { return w.Name == v.Name }) {
				out = append(out, fmt.Sprintf("values: %s: want none (exact), got %s", v.Name, v.Amount))
			}
		}
	}
	return out
}

// matchObligations reports which of ws some obligation of os matches and,
// when exact, the obligations of os that none of ws matches. It costs
// O(len(ws) + len(os)): each obligation is looked up under the four
// shapes an expected one can have (due and subject each given or not).
func matchObligations(ws []ExpectedObligation, os rule.Obligations, exact bool) (found []bool, unlisted []rule.Obligation) {
	matched := make(map[obligationKey]bool, len(ws))
	for _, w := range ws {
		matched[w.key()] = false
	}
	for o := range os.All() {
		covered := false
		for _, k := range shapesOf(o) {
			if m, ok := matched[k]; ok {
				covered = true
				if !m {
					matched[k] = true
				}
			}
		}
		if exact && !covered {
			unlisted = append(unlisted, o)
		}
	}
	found = make([]bool, len(ws))
	for i, w := range ws {
		found[i] = matched[w.key()]
	}
	return found, unlisted
}

// obligationKey is what matching compares of an obligation: an expected
// obligation's key has the fields it does not give zeroed and flagged,
// and an obligation has one key per shape of expected obligation.
type obligationKey struct {
	kind            rule.ObligationKind
	rule            rule.ID
	hasDue, hasSubj bool
	dueSec          int64
	dueNsec         int32
	subject         string
}

func (w ExpectedObligation) key() obligationKey {
	k := obligationKey{kind: w.Kind, rule: w.Rule}
	if w.Due != nil {
		k.hasDue, k.dueSec, k.dueNsec = true, w.Due.Unix(), int32(w.Due.Nanosecond())
	}
	if w.Subject != nil {
		k.hasSubj, k.subject = true, *w.Subject
	}
	return k
}

// shapesOf returns the keys of the expected obligations that match o.
func shapesOf(o rule.Obligation) [4]obligationKey {
	bare := obligationKey{kind: o.Kind, rule: o.Rule}
	due := bare
	due.hasDue, due.dueSec, due.dueNsec = true, o.Due.Unix(), int32(o.Due.Nanosecond())
	subj, both := bare, due
	subj.hasSubj, subj.subject = true, o.Subject
	both.hasSubj, both.subject = true, o.Subject
	return [4]obligationKey{bare, due, subj, both}
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

// obligationsString lists os as a mismatch line shows them, at most
// maxShown, then how many more.
func obligationsString(os rule.Obligations) string {
	n := min(os.Len(), maxShown)
	s := make([]string, n, n+1)
	for i := range n {
		s[i] = obligationString(os.At(i))
	}
	if more := os.Len() - n; more > 0 {
		s = append(s, fmt.Sprintf("and %d more", more))
	}
	return "[" + strings.Join(s, ", ") + "]"
}

// obligationString formats o as Decision.String formats an obligation.
func obligationString(o rule.Obligation) string {
	s := fmt.Sprintf("%s (%s)", o.Kind, o.Rule)
	if o.Subject != "" {
		s += fmt.Sprintf(" for %q", o.Subject)
	}
	if !o.Due.IsZero() {
		s += " due " + wire.FormatInstant(o.Due)
	}
	return s
}
